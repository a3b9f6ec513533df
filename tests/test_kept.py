"""The projected views kept beside a folder store: the same graphs as a fresh projection, stale after any write."""

import networkx as nx
import pytest
from graph_fixture import make_store

from kg.store.local import Store
from kg.views.analysis import collapse
from kg.views.kept import kept_collapsed, kept_view
from kg.views.projection import Filter, view


@pytest.fixture
def location(tmp_path):
    path = tmp_path / "store"
    make_store(path).close()
    return path


def same(a: nx.MultiGraph, b: nx.MultiGraph) -> bool:
    return (list(a.nodes(data=True)) == list(b.nodes(data=True)) and a.graph == b.graph
            and list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True)))


@pytest.mark.parametrize("name", ["entities", "events"])
def test_a_kept_view_is_the_view(location, name, monkeypatch):
    with Store(location, create=False) as store:
        built = kept_view(store, name)
    assert (location / f"kg-view-{name}.json").is_file()
    monkeypatch.setattr("kg.views.kept.view", lambda *a: pytest.fail("projected again"))
    with Store(location, create=False) as store:
        kept = kept_view(store, name)
        monkeypatch.undo()
        assert same(kept, view(store, name)) and same(kept, built)


def test_a_write_makes_the_kept_view_stale(location):
    with Store(location, create=False) as store:
        before = kept_view(store)
        store.update("INSERT DATA { GRAPH <https://w3id.org/kg-news/id/graph/entities> { "
                     "<https://w3id.org/kg-news/id/entity/person/new-one> a <https://w3id.org/kg-news/ontology#Person> ; "
                     "<http://www.w3.org/2000/01/rdf-schema#label> 'New One' } }")
    with Store(location, create=False) as store:
        after = kept_view(store)
    assert after.number_of_nodes() == before.number_of_nodes() + 1


def test_a_filtered_view_is_built_not_kept(location):
    with Store(location, create=False) as store:
        people = kept_view(store, "entities", Filter(classes=("Person",)))
    assert not (location / "kg-view-entities.json").exists()
    assert {d["cls"] for _, d in people.nodes(data=True)} == {"Person"}


def test_the_kept_collapsed_view_is_the_collapsed_view(location, monkeypatch):
    with Store(location, create=False) as store:
        built = kept_collapsed(store)
        fresh = collapse(view(store, "entities"))
    assert (location / "kg-view-collapsed.json").is_file()
    monkeypatch.setattr("kg.views.kept.view", lambda *a: pytest.fail("projected again"))
    monkeypatch.setattr("kg.views.kept.kept_view", lambda *a: pytest.fail("read the entities view"))
    with Store(location, create=False) as store:
        kept = kept_collapsed(store)
    monkeypatch.undo()
    for graph in (built, kept):
        assert list(graph.nodes(data=True)) == [(n, {"label": d["label"], "cls": d["cls"]}) for n, d in fresh.nodes(data=True)]
        assert list(graph.edges(data=True)) == list(fresh.edges(data=True))
        assert all(list(graph[n]) == list(fresh[n]) for n in fresh)  # the same neighbour order: the same results


def test_a_filtered_collapsed_view_is_built_not_kept(location):
    with Store(location, create=False) as store:
        people = kept_collapsed(store, Filter(classes=("Person",)))
    assert not (location / "kg-view-collapsed.json").exists()
    assert {d["cls"] for _, d in people.nodes(data=True)} == {"Person"}
