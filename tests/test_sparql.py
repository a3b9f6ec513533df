"""Query safety: read-only unless --allow-update, saved names stay in queries/, parameters are terms, errors located;
hostile article text comes out escaped in table, CSV and JSON."""

import csv
import io
import json

import pytest

from kg.rdf.build import build_article
from kg.cli import main
from kg.store.local import Store
from tests.graph_fixture import load_records, make_store
from tests.store_digest import fingerprint

HOSTILE_NAME = 'o"brien } ; DROP ALL ; #.txt'
HOSTILE_TITLE = "=HYPERLINK(\"http://evil\")\x1b[2J\x9b31m\u202eevil"


@pytest.fixture
def store(tmp_path):
    location = tmp_path / "s"
    with make_store(location) as s:
        record = dict(load_records()[0], article=HOSTILE_NAME, title=HOSTILE_TITLE)
        s.put_article(build_article(record, "f" * 64))
    return location


def kg(runner, store, *args):
    return runner.invoke(main, [*args, "--store", str(store)])


@pytest.mark.parametrize("text", [
    "DROP ALL",
    "PREFIX kg: <https://w3id.org/kg-news/ontology#>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
    "insert data { <http://e.org/a> <http://e.org/b> <http://e.org/c> }",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
])
def test_updates_are_refused_without_allow_update(runner, store, text):
    before = fingerprint(store)
    result = kg(runner, store, "query", "--sparql", text)
    assert result.exit_code == 1
    assert result.output == ("Error: this is a SPARQL update and kg query only reads the store "
                             "(pass --allow-update to change it)\n")
    assert fingerprint(store) == before


def test_update_in_a_query_file_is_refused(runner, store, tmp_path):
    path = tmp_path / "wipe.rq"
    path.write_text("# title: wipe\nDROP ALL\n")
    before = fingerprint(store)
    result = kg(runner, store, "query", str(path))
    assert result.exit_code == 1
    assert "kg query only reads the store" in result.output
    assert fingerprint(store) == before


def test_allow_update_applies_one_update(runner, store):
    count = fingerprint(store)[0]
    result = kg(runner, store, "query", "--allow-update", "--sparql",
                "INSERT DATA { GRAPH <http://e.org/g> { <http://e.org/a> <http://e.org/b> 'c' } }")
    assert result.exit_code == 0, result.output
    assert result.output == f"update applied: {count} quads before, {count + 1} after\n"


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..", "a\x00b", "queries/../timeline",
                                  "timeline.rq/..", "\x1b[2Jx"])
def test_saved_query_names_cannot_escape_the_folder(runner, store, name):
    result = kg(runner, store, "query", name)
    assert result.exit_code == 1
    shown = name.replace("\x00", "\\x00").replace("\x1b", "\\x1b")
    assert result.output == (f"Error: '{shown}' is not a saved query name (letters, digits, '-' and '_'; "
                             "see `kg queries`)\n")


@pytest.mark.parametrize("value", [HOSTILE_NAME, 'x" } ; DROP ALL ; #', "}", "' . ?s ?p ?o . '"])
def test_param_values_are_literals(runner, store, tmp_path, value):
    path = tmp_path / "by-name.rq"
    path.write_text("# title: by name\n# param: name text: a file name\n"
                    "SELECT ?name ?g WHERE { GRAPH ?g { ?g kg:fileName ?name } }\n")
    before = fingerprint(store)
    result = kg(runner, store, "query", str(path), "--param", f"name={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ([HOSTILE_NAME] if value == HOSTILE_NAME else [])
    assert fingerprint(store) == before


def test_entity_and_number_params_with_injection(runner, store):
    result = kg(runner, store, "query", "about", "--param", 'entity=x" } DROP ALL #')
    assert (result.exit_code, result.output) == (1, "Error: no entity matches 'x\" } DROP ALL #'\n")
    result = kg(runner, store, "query", "relations", "--param", "min_confidence=1 } DROP ALL")
    assert result.exit_code == 1
    assert result.output == ("Error: parameter 'min_confidence' of query 'relations' must be a number, "
                             "not '1 } DROP ALL'\n")


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT ?x WHERE {\n  ?x ?y\n}", "invalid SPARQL at line 3, column 2: expected one of LATERAL, SERVICE, [_]"),
    ("SELECT ?x WHERE { ?x ?y ?z ",
     'invalid SPARQL at line 1, column 28: expected one of ",", ".", ";", "{", "{|", "}", "~", [_]'),
])
def test_malformed_query_reports_line_and_column(runner, store, text, message):
    result = kg(runner, store, "query", "--sparql", text)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


TITLES = "SELECT ?title WHERE { ?a dcterms:title ?title }"


def test_table_output_has_no_control_characters(runner, store):
    result = kg(runner, store, "query", "--sparql", TITLES)
    assert result.exit_code == 0
    assert not {"\x1b", "\x9b", "\u202e"} & set(result.output)
    assert "\\x1b[2J\\x9b31m\\u202eevil" in result.output


def test_csv_cells_cannot_start_a_formula(runner, store):
    result = kg(runner, store, "query", "--sparql", TITLES, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert [r[0][:2] for r in rows[1:] if r and "HYPERLINK" in r[0]] == ["'="]
    assert not {"\x1b", "\x9b", "\u202e"} & set(result.output)


def test_json_output_escapes_controls_losslessly(runner, store):
    result = kg(runner, store, "query", "--sparql", TITLES, "--format", "json")
    assert not {"\x1b", "\x9b", "\u202e"} & set(result.output)
    assert HOSTILE_TITLE in [r["title"] for r in json.loads(result.output)]


@pytest.mark.parametrize("fmt", ["trig", "turtle", "nquads", "jsonld"])
def test_export_to_a_terminal_has_no_raw_controls(runner, store, fmt):
    result = kg(runner, store, "export", "--format", fmt)
    assert result.exit_code == 0
    assert not {"\x1b", "\x9b", "\u202e"} & set(result.output)


def test_store_is_untouched_by_reads(store):
    before = fingerprint(store)
    with Store(store) as s:
        s.query(TITLES)
    assert fingerprint(store) == before
