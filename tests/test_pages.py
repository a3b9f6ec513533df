"""Listings that page: LIMIT and OFFSET go into the query, the table says how many more rows there are."""

import pytest

from kg.cli import main
from kg.store.local import Store
from kg.views.queries import run_query

ORDERED = ["entities", "events", "relations", "claims-by-source"]


@pytest.fixture
def location(fixture_store):
    return fixture_store


@pytest.fixture
def records_store(location):
    with Store(location, create=False) as store:
        yield store


@pytest.mark.parametrize("name", ORDERED)
def test_pages_put_together_are_the_whole_result(records_store, name):
    whole = run_query(records_store, name)
    assert len(whole) > 3
    pages, offset = [], 0
    while offset < len(whole):
        page = run_query(records_store, name, limit=3, offset=offset)
        assert page.total == len(whole) and page.offset == offset
        pages += page.rows
        offset += 3
    assert pages == whole.rows


def test_a_query_with_its_own_limit_is_left_whole(records_store):
    text = "SELECT ?e WHERE { GRAPH ?g { ?g kg:mentions ?e } } ORDER BY ?e LIMIT 2"
    assert len(run_query(records_store, text, limit=1)) == 2


@pytest.mark.parametrize("args, last", [
    (["--limit", "3"], "(rows 1-3 of {n}; the next page: --offset 3; every row: --all)"),
    (["--limit", "3", "--offset", "3"], "(rows 4-6 of {n}; the next page: --offset 6; every row: --all)"),
    (["--offset", "1000"], "(no rows from offset 1000; the query has {n})"),
    (["--all"], "({n} rows)"),
    ([], "({n} rows)"),
])
def test_the_table_says_what_it_shows(runner, location, args, last):
    with Store(location, create=False) as store:
        n = len(run_query(store, "entities"))
    result = runner.invoke(main, ["query", "entities", *args, "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == last.format(n=n)


def test_csv_and_json_give_every_row_unless_limited(runner, location):
    with Store(location, create=False) as opened:
        n = len(run_query(opened, "entities"))
    store = ["--store", str(location)]
    assert len(runner.invoke(main, ["query", "entities", "--format", "csv", *store]).output.strip().splitlines()) == n + 1
    limited = runner.invoke(main, ["query", "entities", "--format", "csv", "--limit", "2", *store])
    assert len(limited.output.strip().splitlines()) == 3
