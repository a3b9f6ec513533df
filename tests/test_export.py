"""Exports reload unchanged into rdflib and into a fresh Oxigraph store."""

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.errors import KgError
from kg.rdf.serialize import FORMATS, export, export_to

OX_FORMATS = {"trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS,
              "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"trig": "trig", "turtle": "turtle", "nquads": "nquads", "jsonld": "json-ld"}
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def store(records_store):
    return records_store


def _distinct_triples(store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reloads_in_rdflib(store, fmt):
    data = export(store, fmt)
    if fmt == "turtle":
        graph = Graph().parse(data=data, format="turtle")
        assert len(graph) == len(_distinct_triples(store))
    else:
        dataset = Dataset().parse(data=data, format=RDFLIB_FORMATS[fmt])
        assert len(list(dataset.quads((None, None, None, None)))) == len(store)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reloads_in_oxigraph(store, fmt, tmp_path):
    data = export(store, fmt)
    fresh = ox.Store(str(tmp_path / "fresh"))
    fresh.load(data, format=OX_FORMATS[fmt])
    if fmt == "turtle":
        assert len(fresh) == len(_distinct_triples(store))
        assert not list(fresh.named_graphs())
    else:
        assert len(fresh) == len(store)
        assert set(fresh) == set(store.quads())


def test_parse_matches_quads(store):
    for fmt in ("trig", "nquads"):
        assert set(ox.parse(export(store, fmt), format=OX_FORMATS[fmt])) == set(store.quads())
    triples = {(t.subject, t.predicate, t.object) for t in ox.parse(export(store, "turtle"), format=ox.RdfFormat.TURTLE)}
    assert triples == _distinct_triples(store)


def test_trig_keeps_graphs_and_prefixes(store):
    text = export(store, "trig").decode()
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#> ." in text
    assert "<https://w3id.org/kg-news/id/graph/entities> {" in text
    graphs = {str(g.identifier) for g in Dataset().parse(data=text, format="trig").graphs()}
    assert {g.value for g in store.graphs()} <= graphs


def test_jsonld_has_context(store):
    import json

    data = json.loads(export(store, "jsonld"))
    assert data["@context"]["kg"] == "https://w3id.org/kg-news/ontology#"


def test_export_to(store, tmp_path):
    path = export_to(store, "nquads", tmp_path / "out" / "graph.nq")
    assert path.read_bytes() == export(store, "nquads")


def test_unknown_format(store):
    with pytest.raises(KgError) as err:
        export(store, "xml")
    assert str(err.value) == "unknown export format 'xml' (choose from trig, turtle, nquads, jsonld)"
