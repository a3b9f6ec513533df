"""Saved queries against the fixture store: every .rq file runs, parameters bind as terms, results format."""

import csv
import io
import json
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from kg.store.bind import bind_constants
from kg.rdf.build import build_article
from kg.errors import EntityNotFound, QueryError
from kg.views.queries import Result, format_result, list_queries, load_query, run_query
from kg.store.local import Store

QUERY_DIR = Path(__file__).resolve().parents[1] / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))
KUPIANSK = "https://w3id.org/kg-news/id/entity/place/gn704839"
INJECTION = 'x" } ; DROP ALL ; #'
PERSON = "https://w3id.org/kg-news/id/entity/person/"

PARAMS = {
    "reported-to": {},
    "met": {},
    "units-near": {"place": "Kupiansk"},
    "timeline": {"place": "Kupiansk"},
    "contested-control": {},
    "claims-by-source": {},
    "casualties": {},
    "aliases": {"entity": "Kupiansk"},
    "merges": {"entity": "Kupyansk"},
    "articles-mentioning": {"entity": "Volodymyr Zelensky"},
    "about": {"entity": "Valery Gerasimov"},
    "relations": {},
    "entities": {},
    "events": {},
    "corroboration": {},
}


@pytest.fixture(scope="module")
def store(records_store):
    return records_store


def _iri(store, label: str) -> str:
    """The IRI of the entity with exactly this rdfs:label, looked up without kg.views.queries."""
    rows = store.query("SELECT ?label ?e WHERE { GRAPH ?g { ?e rdfs:label ?label } }", {"label": Literal(label)})
    assert len({r["e"] for r in rows}) == 1
    return rows[0]["e"].value


def test_at_least_twelve_saved_queries():
    assert len(QUERY_FILES) >= 12
    assert {q.name for q in list_queries()} == {p.stem for p in QUERY_FILES}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_saved_query_runs(store, path):
    query = load_query(path.stem)
    assert query.title and query.description and query.columns
    assert any(e.startswith(f"kg query {query.name}") for e in query.examples)
    required = [p.name for p in query.params if not p.optional]
    if required:
        assert path.stem in PARAMS, f"add parameters for {path.stem} to PARAMS"
        assert set(required) <= set(PARAMS[path.stem])
    result = run_query(store, query, PARAMS.get(path.stem, {}))
    assert len(result) >= 1
    assert result.columns == query.columns
    for param in query.params:  # each parameter is written into the text as a constant (kg.store.bind)
        assert bind_constants(query.text, {param.name: Literal("1")}) is not None


def test_load_query_by_path(store):
    path = QUERY_FILES[0]
    by_path = load_query(str(path))
    assert by_path.name == path.stem and by_path.text == load_query(path.stem).text


def test_reported_to(store):
    rows = run_query(store, "reported-to").records()
    row = next(r for r in rows if r["personLabel"] == "Valery Gerasimov")
    assert row["superiorLabel"] == "Vladimir Putin"
    assert row["evidence"] == "Gerasimov informed Putin that Battlegroup West had taken Kupyansk."
    assert row["file"] == "moscow-claim.txt"
    assert row["person"] == _iri(store, "Valery Gerasimov") and row["person"].startswith(PERSON)


def test_met_is_symmetric_and_once(store):
    rows = run_query(store, "met").records()
    pairs = [{r["aLabel"], r["bLabel"]} for r in rows]
    assert pairs.count({"Dan Driscoll", "Volodymyr Zelensky"}) == 1
    assert rows[0]["files"] == "meeting.txt"
    for side in ("Zelensky", "dan driscoll"):
        assert len(run_query(store, "met", {"person": side})) == 1
    assert len(run_query(store, "met", {"person": "Vladimir Putin"})) == 0


def test_units_near(store):
    rows = run_query(store, "units-near", {"place": "Kupiansk"}).records()
    assert {"Battlegroup West", "2nd Corps Khartia"} <= {r["unitLabel"] for r in rows}
    assert {r["place"] for r in rows} == {KUPIANSK}


def test_units_near_a_region_includes_places_inside_it(store):
    rows = run_query(store, "units-near", {"place": "Kharkiv Oblast"}).records()
    assert {"Battlegroup West", "2nd Corps Khartia"} <= {r["unitLabel"] for r in rows}


def test_timeline_is_ordered_by_date(store):
    rows = run_query(store, "timeline", {"place": "Kupiansk"}).records()
    dates = [r["date"] or r["reported"] for r in rows]  # when it happened, else when it was reported
    assert dates == sorted(dates) and len(rows) == 5
    assert all(r["reported"] for r in rows)
    capture = next(r for r in rows if r["type"] == "Capture" and r["polarity"] == "asserted")
    assert set(capture["agents"].split(", ")) == {"Battlegroup West", "Russia"}
    assert capture["claimedBy"] == "Valery Gerasimov"


def test_contested_control_lists_kupiansk_from_both_sides(store):
    rows = run_query(store, "contested-control").records()
    kupiansk = [r for r in rows if r["placeLabel"] == "Kupiansk"]
    agents = {a for r in kupiansk for a in r["agents"].split(", ")}
    assert {"Russia", "Ukraine"} <= agents
    assert {"asserted", "denied"} <= {r["polarity"] for r in kupiansk}
    assert "Ukraine" in {r["claimedBy"] for r in kupiansk}
    keys = [(r["placeLabel"], r["date"] or "") for r in rows]
    assert keys == sorted(keys)
    assert {r["type"] for r in rows} <= {"Capture", "Offensive", "Withdrawal", "Encirclement"}


def test_contested_control_by_place(store):
    assert len(run_query(store, "contested-control", {"place": "Kupyansk"})) == 3
    assert len(run_query(store, "contested-control", {"place": "Kyiv"})) == 0


def _mini_store(location, events):
    """A store with one article at Pokrovsk holding the given control events."""
    entities = [{"label": "Pokrovsk", "type": "Place", "class": "Settlement"},
                {"label": "Russia", "type": "Country"}, {"label": "Ukraine", "type": "Country"},
                {"label": "Battlegroup Centre", "type": "MilitaryUnit"}, {"label": "20th Army", "type": "MilitaryUnit"}]
    record = {"article": "mini.txt", "date": "2025-11-01", "entities": entities, "relations": [],
              "events": [{"place": "Pokrovsk", "polarity": "asserted", **e} for e in events]}
    store = Store(location)
    store.put_article(build_article(record, "ab" * 32))
    return store


def test_contested_control_needs_a_clash(tmp_path):
    same_side = [{"type": "Capture", "agents": ["Russia", "Battlegroup Centre"]},
                 {"type": "Offensive", "agents": ["Russia", "20th Army"]}]
    with _mini_store(tmp_path / "a", same_side) as store:
        assert len(run_query(store, "contested-control")) == 0
    denied = same_side + [{"type": "Capture", "agents": ["Russia"], "polarity": "denied"}]
    with _mini_store(tmp_path / "b", denied) as store:
        assert len(run_query(store, "contested-control")) == 3
    units_only = [{"type": "Capture", "agents": ["Battlegroup Centre"]}, {"type": "Withdrawal", "agents": ["20th Army"]}]
    with _mini_store(tmp_path / "c", units_only) as store:
        assert len(run_query(store, "contested-control")) == 2
    both_sides = same_side + [{"type": "Offensive", "agents": ["Ukraine"]}]
    with _mini_store(tmp_path / "d", both_sides) as store:
        assert len(run_query(store, "contested-control")) == 3


def test_claims_by_source_optional_param(store):
    everything = run_query(store, "claims-by-source").records()
    deepstate = run_query(store, "claims-by-source", {"source": "DeepState"}).records()
    assert len(deepstate) == 2 < len(everything)
    assert {r["sourceLabel"] for r in deepstate} == {"DeepState"}


def test_casualties(store):
    [row] = run_query(store, "casualties").records()
    assert (row["killed"], row["trapped"], row["wounded"]) == (1000, 200, None)
    assert row["qualifiers"] == "killed: over; trapped: about"
    assert row["claimedBy"] == "DeepState" and row["placeLabel"] == "Kupiansk" and row["file"] == "kyiv-claim.txt"


def test_aliases(store):
    rows = run_query(store, "aliases", {"entity": "Valery Gerasimov"}).records()
    assert {(r["kind"], r["value"]) for r in rows} == {
        ("label", "Valery Gerasimov"), ("altLabel", "Gerasimov"), ("altLabel", "Valerie Gerasimov"),
        ("sameAs", "http://www.wikidata.org/entity/Q315575")}


def test_merges(store):
    rows = run_query(store, "merges", {"entity": "Kupiansk"}).records()
    assert [(r["alias"], r["reason"], r["file"], r["entityLabel"]) for r in rows] == [
        ("Kupyansk", "transliteration", "moscow-claim.txt", "Kupiansk")]


def test_articles_mentioning(store):
    rows = run_query(store, "articles-mentioning", {"entity": "Kupiansk"}).records()
    assert {r["file"] for r in rows} == {"moscow-claim.txt", "kyiv-claim.txt"}


def test_about(store):
    rows = run_query(store, "about", {"entity": "Valery Gerasimov"}).records()
    kinds = {(r["direction"], r["relation"]) for r in rows}
    assert ("out", "reportedTo") in kinds and ("event", "claimedBy of Capture") in kinds
    assert ("event", "agent of Statement") in kinds and ("description", "label") in kinds
    inbound = run_query(store, "about", {"entity": "Vladimir Putin"}).records()
    assert any(r["direction"] == "in" and r["otherLabel"] == "Valery Gerasimov" for r in inbound)


def test_relations_min_confidence(store):
    every = run_query(store, "relations").records()
    strong = run_query(store, "relations", {"min_confidence": "0.8"}).records()
    assert 0.7 in {r["confidence"] for r in every}
    assert strong and min(r["confidence"] for r in strong) >= 0.8
    assert len(strong) == len([r for r in every if r["confidence"] >= 0.8])
    assert run_query(store, "relations", {"min_confidence": 0.8}).rows == run_query(
        store, "relations", {"min_confidence": "0.8"}).rows


def test_entities_and_events(store):
    ents = {r["label"]: r for r in run_query(store, "entities").records()}
    assert ents["Kupiansk"]["articles"] == 2 and ents["Kupiansk"]["class"] == "Settlement"
    events = run_query(store, "events").records()
    assert len(events) == 7 and {"Capture", "Meeting", "Casualties"} <= {r["type"] for r in events}


@pytest.mark.parametrize("value", ["Kupiansk", "Kupyansk", "kupiansk", "KUPYANSK", "Kupjansk", KUPIANSK])
def test_entity_param_by_label_alias_case_fold_or_iri(store, value):
    rows = run_query(store, "units-near", {"place": value}).records()
    assert {r["place"] for r in rows} == {KUPIANSK} and len(rows) == 4


def test_injection_is_just_an_unknown_entity(store):
    before = sorted(str(q) for q in store.quads())
    with pytest.raises(EntityNotFound) as err:
        run_query(store, "timeline", {"place": INJECTION})
    assert str(err.value) == f"no entity matches '{INJECTION}'"
    with pytest.raises(QueryError):
        run_query(store, "relations", {"min_confidence": INJECTION})
    assert sorted(str(q) for q in store.quads()) == before


def test_unknown_query_and_param_messages(store):
    with pytest.raises(QueryError) as err:
        load_query("nope")
    assert str(err.value) == "unknown query 'nope' (see `kg queries`)"
    with pytest.raises(QueryError) as err:
        run_query(store, "nope", {})
    assert str(err.value) == "unknown query 'nope' (see `kg queries`)"
    with pytest.raises(QueryError) as err:
        run_query(store, "reported-to", {"colour": "red"})
    assert str(err.value) == "query 'reported-to' has no parameter 'colour'"
    with pytest.raises(QueryError, match="needs parameter 'place'"):
        run_query(store, "timeline", {})


def test_raw_sparql_and_empty_result_columns(store):
    result = run_query(store, "SELECT ?label WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?label } }")
    assert "Valery Gerasimov" in {r[0] for r in result.rows}
    empty = run_query(store, "reported-to", {"person": "Karoline Leavitt"})
    assert empty.rows == [] and empty.columns == load_query("reported-to").columns
    raw = run_query(store, "SELECT ?a (COUNT(DISTINCT ?b) AS ?n) WHERE { ?a kg:leads ?b . ?b kg:leads ?a } GROUP BY ?a")
    assert raw.rows == [] and raw.columns == ["a", "n"]
    assert run_query(store, "units-near", {"place": NamedNode(KUPIANSK)}).rows


RESULT = Result(["name", "n", "note"], [("Kupiansk", 2, None), ("x" * 100, 1, 'say "hi", twice')])


def test_format_table():
    lines = format_result(RESULT, "table").splitlines()
    assert lines[0].split() == ["name", "n", "note"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split() == ["Kupiansk", "2"]
    assert "x" * 59 + "…" in lines[3] and "x" * 61 not in lines[3]
    assert lines[-1] == "(2 rows)"
    assert len({line.index("n ") for line in lines[:1]}) == 1


def test_format_csv():
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows == [["name", "n", "note"], ["Kupiansk", "2", ""], ["x" * 100, "1", 'say "hi", twice']]


def test_format_json():
    data = json.loads(format_result(RESULT, "json"))
    assert data == [{"name": "Kupiansk", "n": 2, "note": None}, {"name": "x" * 100, "n": 1, "note": 'say "hi", twice'}]


def test_format_unknown():
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(RESULT, "xml")
