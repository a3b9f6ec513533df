"""The networkx view of the store: entities as nodes, statements and shared events as edges."""

import networkx as nx
import pytest
from graph_fixture import make_store

from kg.build import entity_iri
from kg.errors import EntityNotFound, KgError
from kg.network import find_entity, to_networkx


def iri(label: str, type_: str, geonames: int | None = None) -> str:
    return entity_iri({"label": label, "type": type_, "geonames": geonames}).value


GERASIMOV = iri("Valery Gerasimov", "Person")
PUTIN = iri("Vladimir Putin", "Person")
KUPIANSK = iri("Kupiansk", "Place", 704839)
RUSSIA = iri("Russia", "Country", 2017370)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with make_store(tmp_path_factory.mktemp("network") / "store") as store:
        yield store


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiGraph:
    return to_networkx(store)


def edges_between(graph, a, b, predicate):
    return [e for e in graph[a][b].values() if e["predicate"] == predicate]


def test_nodes_are_every_entity_with_label_class_and_aliases(graph):
    assert isinstance(graph, nx.MultiGraph) and not graph.is_directed()
    assert graph.number_of_nodes() == 15
    assert graph.nodes[GERASIMOV] == {"label": "Valery Gerasimov", "cls": "Person",
                                      "aliases": ["Gerasimov", "Valerie Gerasimov"]}
    assert graph.nodes[KUPIANSK]["cls"] == "Settlement"
    assert graph.nodes[iri("Kharkiv Oblast", "Place")]["cls"] == "Region"
    assert graph.nodes[RUSSIA]["aliases"] == ["Russian Federation"]


def test_relation_statement_becomes_an_edge_with_provenance(graph):
    [edge] = edges_between(graph, GERASIMOV, PUTIN, "reportedTo")
    assert edge == {"predicate": "reportedTo",
                    "evidence": "Gerasimov informed Putin that Battlegroup West had taken Kupyansk.",
                    "article": "moscow-claim.txt", "confidence": 0.85, "subject": GERASIMOV, "object": PUTIN,
                    "kind": "relation", "origin": edge["origin"]}
    assert edge["origin"].startswith("https://w3id.org/kg-news/id/statement/")
    assert list(graph[PUTIN]) == [GERASIMOV]


def test_shared_events_link_their_participants_by_type_and_roles(graph):
    captures = edges_between(graph, RUSSIA, KUPIANSK, "Capture:agent-place")
    assert sorted((e["article"], e["polarity"], e["confidence"]) for e in captures) == [
        ("kyiv-claim.txt", "denied", 0.6), ("moscow-claim.txt", "asserted", 0.8)]
    [claim] = edges_between(graph, KUPIANSK, GERASIMOV, "Capture:place-claimedBy")
    assert (claim["subject"], claim["object"], claim["kind"]) == (KUPIANSK, GERASIMOV, "event")
    assert claim["evidence"] == "Gerasimov informed Putin that Battlegroup West had taken Kupyansk."
    assert claim["origin"].startswith("https://w3id.org/kg-news/id/event/")
    battlegroup = iri("Battlegroup West", "MilitaryUnit")
    assert {e["predicate"] for e in graph[RUSSIA][battlegroup].values()} == {"Capture:agent-agent"}


def test_edge_counts_and_no_self_loops(graph):
    kinds = [k for _, _, k in graph.edges(data="kind")]
    assert (kinds.count("relation"), kinds.count("event")) == (9, 25)
    assert nx.number_of_selfloops(graph) == 0


def test_min_confidence_drops_weak_edges_but_keeps_entities(store):
    strong = to_networkx(store, min_confidence=0.8)
    assert strong.number_of_nodes() == 15
    assert min(c for _, _, c in strong.edges(data="confidence")) >= 0.8
    assert edges_between(strong, GERASIMOV, PUTIN, "reportedTo")
    assert not strong.has_edge(iri("Karoline Leavitt", "Person"), iri("White House", "Organization"))
    assert to_networkx(store, min_confidence=0.95).number_of_edges() == 0


@pytest.mark.parametrize("text", ["Valery Gerasimov", "valery gerasimov", "  GERASIMOV ", "Valerie Gerasimov",
                                  "Valeriy Gerasimov", GERASIMOV])
def test_find_entity_by_label_alias_or_spelling(graph, text):
    assert find_entity(graph, text) == GERASIMOV


def test_find_entity_prefers_labels_and_folds_transliterations(graph):
    assert find_entity(graph, "Kiev") == iri("Kyiv", "Place", 703448)
    assert find_entity(graph, "Zelenskiy") == iri("Volodymyr Zelensky", "Person")
    assert find_entity(graph, "<script>alert(1)</script>") == iri("<script>alert(1)</script>", "Organization")


def test_unknown_entity_raises_with_exact_message(graph):
    with pytest.raises(EntityNotFound) as info:
        find_entity(graph, "Nobody Atall")
    assert str(info.value) == "no entity matches 'Nobody Atall'"
    assert isinstance(info.value, KgError)
