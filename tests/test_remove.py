"""Replacing and removing articles: `kg remove` by each selector, its dry run and errors, and what shared entities
keep (an alias or entity any stored article supports is never lost; one none supports does not survive)."""

import shutil
from pathlib import Path

import pytest
from store_digest import fingerprint

from kg.cli import main
from kg.pipeline.ingest import ingest
from kg.rdf.iris import ENTITIES, article_iri
from kg.store.local import Store
from kg.store.lock import write_lock
from kg.store.remove import remove_articles
from kg.text.articles import Article, read_articles

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
FIRST = "01_kupiansk_capture_claim.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("examples") / "store"
    with Store(location) as store:
        list(ingest(store, read_articles([EXAMPLES])))
    return location


@pytest.fixture
def store_dir(built, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    return copy


def file_names(location: Path) -> set[str]:
    with Store(location, create=False) as store:
        return {r["n"].value for r in store.query("SELECT ?n WHERE { GRAPH ?g { ?g kg:fileName ?n } }")}


def labels(location: Path) -> set[str]:
    with Store(location, create=False) as store:
        return {q.object.value for q in store.quads(ENTITIES) if q.predicate.value.endswith("rdf-schema#label")}


def fresh(tmp_path: Path, names: list[str]) -> tuple[int, str]:
    """The fingerprint of a new store that ingested only ``names`` of the examples, in order."""
    location = tmp_path / "fresh"
    with Store(location) as store:
        list(ingest(store, read_articles([EXAMPLES / n for n in names])))
    return fingerprint(location)


def fresh_store(tmp_path: Path, articles: list[Article]) -> tuple[int, str]:
    location = tmp_path / "fresh-articles"
    with Store(location) as store:
        list(ingest(store, articles))
    return fingerprint(location)


def run(runner, *args):
    return runner.invoke(main, ["remove", *args])


def test_remove_by_file_name_equals_never_having_added_it(runner, store_dir, tmp_path):
    result = run(runner, FIRST, "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"article  {FIRST}"
    assert result.output.splitlines()[-1].startswith("removed 1 article and ")
    rest = sorted(p.name for p in EXAMPLES.iterdir() if p.name != FIRST and p.suffix != ".jsonl")
    assert FIRST not in file_names(store_dir)
    # the JSON Lines file is several articles: compare against a fresh ingest of every other file
    assert fingerprint(store_dir) == fresh(tmp_path, [*rest, "08_briefs.jsonl"])


def test_dry_run_lists_and_changes_nothing(runner, store_dir):
    before = fingerprint(store_dir)
    result = run(runner, FIRST, "--dry-run", "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert f"article  {FIRST}" in result.output
    assert "entity   Siversk  (no other article supports it)" in result.output
    assert result.output.splitlines()[-1].endswith("(dry run: the store is unchanged)")
    assert fingerprint(store_dir) == before


def test_remove_by_article_iri_source_and_date(runner, store_dir):
    iri = article_iri(next(a for a in read_articles([EXAMPLES / FIRST])).content_hash).value
    assert run(runner, iri, "--store", str(store_dir)).exit_code == 0
    assert FIRST not in file_names(store_dir)
    result = run(runner, "--source", "Eastern Front Wire", "--before", "2025-11-20", "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert "Eastern Front Wire" in labels(store_dir)  # its articles of 20 November and later stay
    result = run(runner, "--source", "Eastern Front Wire", "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert "Eastern Front Wire" not in labels(store_dir)
    result = run(runner, "--before", "2100-01-01", "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    with Store(store_dir, create=False) as store:
        undated = store.query("SELECT ?g WHERE { GRAPH ?g { ?g a kg:Article FILTER NOT EXISTS { ?g kg:date ?d } } }")
    assert len(file_names(store_dir)) == len(undated)


def test_removing_everything_leaves_an_empty_store(runner, store_dir):
    names = sorted(file_names(store_dir))
    result = run(runner, *names, "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    with Store(store_dir, create=False) as store:
        assert len(store) == 0


@pytest.mark.parametrize("args, message", [
    (["nope.txt"], "Error: no article named 'nope.txt' in the store"),
    (["https://w3id.org/kg-news/id/article/0000000000000000"],
     "Error: no article https://w3id.org/kg-news/id/article/0000000000000000 in the store"),
    (["--source", "Nobody"], "Error: no article from source 'Nobody' in the store"),
    (["--before", "21 Nov 2025"], "Error: --before takes a day as YYYY-MM-DD, not '21 Nov 2025'"),
    ([FIRST, "nope.txt"], "Error: no article named 'nope.txt' in the store"),
    ([], "Error: name the articles to remove, or give --source or --before"),
])
def test_errors_are_one_line_and_change_nothing(runner, store_dir, args, message):
    before = fingerprint(store_dir)
    result = run(runner, *args, "--store", str(store_dir))
    assert result.exit_code in (1, 2) and result.output.strip().splitlines()[-1] == message
    assert fingerprint(store_dir) == before


def test_a_store_locked_by_a_writer_is_refused_unchanged(runner, store_dir):
    before = fingerprint(store_dir)
    with write_lock(store_dir):
        result = run(runner, FIRST, "--store", str(store_dir))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: store {store_dir} is being written by another kg process")
    assert fingerprint(store_dir) == before


def test_a_name_sharing_its_text_only_leaves_the_graph(tmp_path):
    text = (EXAMPLES / FIRST).read_text(encoding="utf-8")
    location = tmp_path / "store"
    with Store(location) as store:
        list(ingest(store, [Article("a.txt", text), Article("b.txt", text)]))
        described = set(store.quads(ENTITIES))
        done = remove_articles(store, ["a.txt"])
        assert done.articles == ["a.txt"] and done.entities == []
        assert set(store.quads(ENTITIES)) == described
        # replacing the other name's text keeps nothing the first text alone supported
        list(ingest(store, [Article("b.txt", "Volodymyr Zelensky visited Kharkiv.")]))
        names = {r["n"].value for r in store.query("SELECT ?n WHERE { GRAPH ?g { ?g kg:fileName ?n } }")}
        kept = {q.subject.value for q in store.quads(ENTITIES)}
    assert names == {"b.txt"}
    assert fresh_store(tmp_path, [Article("b.txt", "Volodymyr Zelensky visited Kharkiv.")]) == fingerprint(location)
    assert len(kept) < len({q.subject.value for q in described})


def test_replacing_keeps_what_another_article_supports(tmp_path):
    """An alias one article merged and another lists survives the first article's replacement."""
    first = Article("a.txt", "Vladimir Putin met Valery Gerasimov. Putin said the army advanced.")
    other = Article("b.txt", "Vladimir Putin spoke in Moscow.")
    location = tmp_path / "store"
    with Store(location) as store:
        list(ingest(store, [first, other]))
        list(ingest(store, [Article("a.txt", "Valery Gerasimov inspected troops.")]))
        putin = store.query(f"SELECT ?a WHERE {{ GRAPH {ENTITIES} {{ ?e rdfs:label 'Vladimir Putin' ; "
                            "skos:altLabel ?a } }")
    assert "Putin" in {r["a"].value for r in putin}
