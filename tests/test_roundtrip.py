"""Every export format loads into a real Oxigraph server over HTTP and into rdflib, giving back the store's quads."""

import urllib.request

import pyoxigraph as ox
import pytest
from oxigraph_server import oxigraph_url  # noqa: F401 (fixture)
from rdflib import Dataset, Graph

from kg.rdf.serialize import FORMATS, export
from kg.store.remote import RemoteStore

MEDIA = {"trig": "application/trig", "nquads": "application/n-quads", "jsonld": "application/ld+json",
         "turtle": "text/turtle"}
RDFLIB = {"trig": "trig", "turtle": "turtle", "nquads": "nquads", "jsonld": "json-ld"}
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def store(records_store):
    return records_store


@pytest.fixture(scope="module")
def server(oxigraph_url):
    return RemoteStore(oxigraph_url)


def _expected(store, fmt: str) -> set:
    """The store's quads, or for Turtle (no graph names) its distinct triples in the default graph."""
    if fmt == "turtle":
        return {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store.quads()}
    return set(store.quads())


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_loads_into_oxigraph_server(store, server, fmt):
    server._update("CLEAR ALL")
    target = f"{server.data_url}?default" if fmt == "turtle" else server.data_url
    request = urllib.request.Request(target, data=export(store, fmt), method="POST",
                                     headers={"Content-Type": MEDIA[fmt]})
    urllib.request.urlopen(request, timeout=60).close()
    rows = server.query("SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
                        if fmt == "turtle" else "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    loaded = {ox.Quad(r["s"], r["p"], r["o"], r["g"] or ox.DefaultGraph()) for r in rows}
    assert loaded == _expected(store, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_loads_into_rdflib(store, fmt):
    data = export(store, fmt)
    if fmt == "turtle":
        text = Graph().parse(data=data, format="turtle").serialize(format="nt")
        loaded = {ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                  for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)}
    else:
        text = Dataset().parse(data=data, format=RDFLIB[fmt]).serialize(format="nquads")
        loaded = set(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    assert loaded == _expected(store, fmt)


def test_jsonld_context_expands_to_the_same_iris_in_both_tools(store):
    """Oxigraph's JSON-LD parser and rdflib's read the compacted document to the same quads."""
    data = export(store, "jsonld")
    assert b'"@context"' in data[:200]
    by_oxigraph = set(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    by_rdflib = set(ox.parse(Dataset().parse(data=data, format="json-ld").serialize(format="nquads"),
                             format=ox.RdfFormat.N_QUADS))
    assert by_oxigraph == by_rdflib == set(store.quads())
