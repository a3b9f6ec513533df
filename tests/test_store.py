"""The on-disk store: one graph per article, idempotent re-ingest, atomic replace, parameters as terms."""

import pyoxigraph as ox
import pytest

from kg.rdf.iris import article_iri

from kg.rdf.build import build_article
from kg.errors import QueryError, StoreError
from kg.store.local import Store
from tests.graph_fixture import load_records, make_store


def test_one_named_graph_per_article_plus_entities(tmp_path):
    store = make_store(tmp_path / "s")
    graphs = {g.value for g in store.graphs()}
    assert len(graphs) == 4
    assert "https://w3id.org/kg-news/id/graph/entities" in graphs


def test_reingesting_unchanged_article_changes_nothing(tmp_path):
    store = make_store(tmp_path / "s")
    before = sorted(map(str, store.quads()))
    record = dict(load_records()[0], article="new.txt")
    digest = "0" * 64
    assert store.put_article(build_article(record, digest)) == "added"
    assert store.put_article(build_article(record, digest)) == "unchanged"
    store.close()
    store = Store(tmp_path / "s")
    assert len(sorted(map(str, store.quads()))) > len(before)


def test_changed_article_replaces_its_graph(tmp_path):
    store = Store(tmp_path / "s")
    record = dict(load_records()[0], article="x.txt")
    store.put_article(build_article(record, "a" * 64))
    changed = dict(record, events=[])
    assert store.put_article(build_article(changed, "b" * 64)) == "replaced"
    names = {g.value for g in store.graphs()}
    assert article_iri("a" * 64).value not in names
    assert article_iri("b" * 64).value in names
    assert not store.query("SELECT ?e WHERE { ?e a kg:Capture }")


def test_parameters_are_bound_as_terms_not_text(tmp_path):
    store = make_store(tmp_path / "s")
    before = len(store)
    evil = ox.Literal('x" } ; DROP ALL ; #')
    rows = store.query("SELECT ?name ?g WHERE { GRAPH ?g { ?g kg:fileName ?name } }", {"name": evil})
    assert rows == []
    assert len(store) == before


def test_bad_sparql_is_a_query_error(tmp_path):
    store = make_store(tmp_path / "s")
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELEKT nothing")


def test_missing_store_is_reported(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "absent", create=False)


def test_stats_counts(tmp_path):
    stats = make_store(tmp_path / "s").stats()
    assert stats["articles"] == 3
    assert stats["events"] == 7
    assert stats["relations"] == 9


def _kupiansk(name: str, *spellings: str, people: tuple[str, ...] = ()) -> dict:
    """A small record naming Kupiansk by ``spellings`` (and mentioning ``people``)."""
    place = {"label": "Kupiansk", "type": "Place", "class": "Settlement", "geonames": 703656,
             "aliases": list(spellings), "aliasReasons": dict.fromkeys(spellings, "transliteration"),
             "mentions": [{"text": s} for s in spellings]}
    persons = [{"label": p, "type": "Person", "class": "Person", "aliases": [], "mentions": [{"text": p}]}
               for p in people]
    return {"article": name, "entities": [place, *persons], "relations": [], "events": []}


def _names(store: Store) -> set[str]:
    q = "SELECT ?n WHERE { GRAPH <https://w3id.org/kg-news/id/graph/entities> { { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } } }"
    return {r["n"].value for r in store.query(q)}


def test_replaced_article_takes_back_only_what_it_alone_contributed(tmp_path):
    store = Store(tmp_path / "s")
    store.put_article(build_article(_kupiansk("a.txt", "Kupyansk", "Kupjansk", people=("Ivan Petrenko",)), "a" * 64))
    store.put_article(build_article(_kupiansk("b.txt", "Kupjansk"), "b" * 64))
    assert _names(store) == {"Kupiansk", "Kupyansk", "Kupjansk", "Ivan Petrenko"}
    assert store.put_article(build_article(_kupiansk("a.txt"), "c" * 64)) == "replaced"
    assert _names(store) == {"Kupiansk", "Kupjansk"}
    assert not store.query("SELECT ?p WHERE { ?e a kg:Person ; ?p ?o }")
