"""The networkx view of the store: entities as nodes, statements and shared events as edges."""

import networkx as nx
import pytest
from graph_fixture import load_records, make_store

from kg.rdf.iris import entity_iri
from kg.errors import KgError
from kg.views.projection import Filter, ego, entities_view, events_view, to_networkx, view


def iri(label: str, type_: str, geonames: int | None = None) -> str:
    return entity_iri({"label": label, "type": type_, "geonames": geonames}).value


GERASIMOV = iri("Valery Gerasimov", "Person")
PUTIN = iri("Vladimir Putin", "Person")
KUPIANSK = iri("Kupiansk", "Place", 704839)
RUSSIA = iri("Russia", "Country", 2017370)


@pytest.fixture(scope="module")
def store(records_store):
    return records_store


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
    [claim] = edge["claims"]
    assert claim["origin"].startswith("https://w3id.org/kg-news/id/statement/")
    assert claim["article"].startswith("https://w3id.org/kg-news/id/article/")
    assert {k: v for k, v in edge.items() if k != "claims"} == {
        "predicate": "reportedTo", "subject": GERASIMOV, "object": PUTIN, "kind": "relation",
        "polarity": "asserted", "confidence": 0.85, "weight": 1,
        "evidence": ["Gerasimov informed Putin that Battlegroup West had taken Kupyansk."],
        "articles": [claim["article"]], "files": ["moscow-claim.txt"], "dates": ["2025-11-21"]}
    assert list(graph[PUTIN]) == [GERASIMOV]


def test_shared_events_link_their_participants_by_type_and_roles(graph):
    captures = edges_between(graph, RUSSIA, KUPIANSK, "Capture:agent-place")
    assert sorted((e["files"], e["polarity"], e["confidence"], e["dates"]) for e in captures) == [
        (["kyiv-claim.txt"], "denied", 0.6, ["2025-11-24"]), (["moscow-claim.txt"], "asserted", 0.8, ["2025-11-20"])]
    [claim] = edges_between(graph, KUPIANSK, GERASIMOV, "Capture:place-claimedBy")
    assert (claim["subject"], claim["object"], claim["kind"]) == (KUPIANSK, GERASIMOV, "event")
    assert claim["evidence"] == ["Gerasimov informed Putin that Battlegroup West had taken Kupyansk."]
    assert claim["claims"][0]["origin"].startswith("https://w3id.org/kg-news/id/event/")
    battlegroup = iri("Battlegroup West", "MilitaryUnit")
    assert {e["predicate"] for e in graph[RUSSIA][battlegroup].values()} == {"Capture:agent-agent"}


def test_edge_counts_and_no_self_loops(graph):
    kinds = [k for _, _, k in graph.edges(data="kind")]
    assert (kinds.count("relation"), kinds.count("event")) == (9, 25)
    assert nx.number_of_selfloops(graph) == 0


def test_the_same_claim_in_two_articles_is_one_edge_of_weight_two(tmp_path):
    records = load_records()
    again = dict(records[0], article="moscow-repeat.txt", date="2025-11-22")
    with make_store(tmp_path / "store", extra=[again]) as store:
        graph = entities_view(store)
    [edge] = edges_between(graph, GERASIMOV, PUTIN, "reportedTo")
    assert edge["weight"] == 2 and edge["files"] == ["moscow-claim.txt", "moscow-repeat.txt"]
    assert edge["dates"] == ["2025-11-21", "2025-11-22"] and len(edge["claims"]) == 2
    assert graph.number_of_edges() == 34


def test_places_carry_coordinates(graph):
    assert (graph.nodes[KUPIANSK]["lat"], graph.nodes[KUPIANSK]["lon"]) == (49.71, 37.61)
    assert "lat" not in graph.nodes[GERASIMOV]


def test_min_confidence_drops_weak_edges_but_keeps_entities(store):
    strong = to_networkx(store, min_confidence=0.8)
    assert strong.number_of_nodes() == 15
    assert min(c for _, _, c in strong.edges(data="confidence")) >= 0.8
    assert edges_between(strong, GERASIMOV, PUTIN, "reportedTo")
    assert not strong.has_edge(iri("Karoline Leavitt", "Person"), iri("White House", "Organization"))
    assert to_networkx(store, min_confidence=0.95).number_of_edges() == 0


@pytest.mark.parametrize("flt, nodes, edges", [
    (Filter(), 15, 34),
    (Filter(start="2025-11-24"), 6, 10),
    (Filter(end="2025-11-21"), 12, 18),
    (Filter(start="2025-11-20", end="2025-11-20"), 10, 15),
    (Filter(sources=("meeting.txt",)), 6, 9),
    (Filter(classes=("Actor",)), 12, 15),
    (Filter(classes=("Settlement", "Region")), 3, 1),
    (Filter(min_confidence=0.8), 15, 18),
])
def test_filters(store, flt, nodes, edges):
    graph = entities_view(store, flt)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)
    if flt.start or flt.end:
        days = {d for _, _, ds in graph.edges(data="dates") for d in ds}
        assert all((flt.start or "") <= d <= (flt.end or "9999") for d in days)


def test_source_filter_accepts_article_iri(store, graph):
    [article] = edges_between(graph, GERASIMOV, PUTIN, "reportedTo")[0]["articles"]
    assert entities_view(store, Filter(sources=(article,))).number_of_edges() == \
        entities_view(store, Filter(sources=("moscow-claim.txt",))).number_of_edges() > 0


def test_bad_date_is_a_one_line_error(store):
    with pytest.raises(KgError) as info:
        entities_view(store, Filter(start="21/11/2025"))
    assert str(info.value) == "'21/11/2025' is not a date (use YYYY-MM-DD)"


def test_events_view_is_bipartite_with_roles(store):
    graph = events_view(store)
    entities = {n for n, b in graph.nodes(data="bipartite") if b == 0}
    events = set(graph) - entities
    assert (len(entities), len(events), graph.number_of_edges()) == (15, 7, 21)
    assert nx.bipartite.is_bipartite_node_set(nx.Graph(graph), entities)
    capture = next(e for e in events if graph.nodes[e]["cls"] == "Capture" and graph.nodes[e]["polarity"] == "asserted")
    assert graph.nodes[capture]["date"] == "2025-11-20" and graph.nodes[capture]["file"] == "moscow-claim.txt"
    assert sorted(d["role"] for _, _, d in graph.edges(capture, data=True)) == ["agent", "agent", "claimedBy", "place"]
    assert graph.nodes[KUPIANSK]["within"] == [iri("Kharkiv Oblast", "Place")]


def test_view_by_name_and_ego(store, graph):
    assert view(store, "events").number_of_nodes() == 22
    with pytest.raises(KgError) as info:
        view(store, "people")
    assert str(info.value) == "unknown view 'people' (choose from entities, events)"
    assert set(ego(graph, "Putin", 1)) == {PUTIN, GERASIMOV}
    assert len(ego(graph, "Putin", 0)) == 1


