"""Paths and centrality on the fixture graph."""

import networkx as nx
import pytest
from graph_fixture import make_store

from kg.analysis import ACTORS, Hop, Rank, centrality, collapse, explain_path, pagerank, shortest_path
from kg.build import entity_iri
from kg.errors import EntityNotFound, KgError
from kg.network import to_networkx

CAPTURE = "Gerasimov informed Putin that Battlegroup West had taken Kupyansk."


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> nx.MultiGraph:
    with make_store(tmp_path_factory.mktemp("analysis") / "store") as store:
        return to_networkx(store)


def test_path_from_driscoll_to_gerasimov_with_provenance(graph):
    hops = shortest_path(graph, "Dan Driscoll", "Valery Gerasimov")
    assert hops == [
        Hop("Dan Driscoll", "met", "Volodymyr Zelensky", "Driscoll met Zelensky in Kyiv <b>today</b>.",
            "meeting.txt", 0.9),
        Hop("Volodymyr Zelensky", "visited", "Kupiansk", "Zelensky visited Kupiansk.", "kyiv-claim.txt", 0.8),
        Hop("Kupiansk", "Capture:place-claimedBy", "Valery Gerasimov", CAPTURE, "moscow-claim.txt", 0.8),
    ]
    assert explain_path(hops) == [
        'Dan Driscoll --met--> Volodymyr Zelensky  "Driscoll met Zelensky in Kyiv <b>today</b>." [meeting.txt]',
        'Volodymyr Zelensky --visited--> Kupiansk  "Zelensky visited Kupiansk." [kyiv-claim.txt]',
        f'Kupiansk --Capture:place-claimedBy--> Valery Gerasimov  "{CAPTURE}" [moscow-claim.txt]',
    ]


def test_path_ignores_direction_and_says_so(graph):
    [hop] = shortest_path(graph, "putin", "Gerasimov")
    assert (hop.source, hop.predicate, hop.target, hop.inverse) == ("Vladimir Putin", "reportedTo",
                                                                    "Valery Gerasimov", True)
    assert explain_path([hop]) == [f'Vladimir Putin <--reportedTo-- Valery Gerasimov  "{CAPTURE}" [moscow-claim.txt]']
    [forward] = shortest_path(graph, "Gerasimov", "Putin")
    assert explain_path([forward]) == [
        f'Valery Gerasimov --reportedTo--> Vladimir Putin  "{CAPTURE}" [moscow-claim.txt]']


def test_path_to_battlegroup_west_and_denied_hops_are_marked(graph):
    hops = shortest_path(graph, "Driscoll", "Battlegroup West")
    assert [(h.source, h.predicate, h.target) for h in hops] == [
        ("Dan Driscoll", "met", "Volodymyr Zelensky"), ("Volodymyr Zelensky", "visited", "Kupiansk"),
        ("Kupiansk", "Capture:agent-place", "Battlegroup West")]
    assert hops[-1].inverse and hops[-1].article == "moscow-claim.txt"
    denied = Hop("Russia", "Capture:agent-place", "Kupiansk", "Kyiv denied it.", "kyiv-claim.txt", 0.6,
                 polarity="denied")
    assert explain_path([denied]) == [
        'Russia --Capture:agent-place--> Kupiansk  "Kyiv denied it." [kyiv-claim.txt, denied]']


def test_equally_short_paths_prefer_confident_edges():
    g = nx.MultiGraph()
    for node in "abcd":
        g.add_node(node, label=node.upper(), cls="Person", aliases=[])
    for u, v, conf in [("a", "b", 0.3), ("b", "d", 0.3), ("a", "c", 0.9), ("c", "d", 0.9), ("a", "c", 0.2)]:
        g.add_edge(u, v, predicate=f"p{conf}", evidence="e", article="x.txt", confidence=conf, subject=u, object=v)
    hops = shortest_path(g, "A", "D")
    assert [(h.source, h.predicate, h.target) for h in hops] == [("A", "p0.9", "C"), ("C", "p0.9", "D")]
    assert shortest_path(g, "A", "A") == []


def test_unknown_entity_and_missing_path(graph):
    with pytest.raises(EntityNotFound) as info:
        shortest_path(graph, "Dan Driscoll", "Nobody")
    assert str(info.value) == "no entity matches 'Nobody'"
    with pytest.raises(KgError) as info:
        shortest_path(graph, "Dan Driscoll", "<script>alert(1)</script>")
    assert type(info.value) is KgError
    assert str(info.value) == "no path between Dan Driscoll and <script>alert(1)</script>"


def test_top_actors_are_ranked_with_three_measures(graph):
    ranks = centrality(graph, top=10)
    assert len(ranks) == 10 and all(isinstance(r, Rank) for r in ranks)
    assert {r.cls for r in ranks} <= ACTORS
    assert [r.label for r in ranks[:3]] == ["Volodymyr Zelensky", "Russia", "Dan Driscoll"]
    assert [r.pagerank for r in ranks] == sorted((r.pagerank for r in ranks), reverse=True)
    zelensky = ranks[0]
    assert zelensky.degree == 5 and zelensky.cls == "Person"
    assert zelensky.betweenness == pytest.approx(36 / 91)
    assert all(0 <= r.betweenness <= 1 and 0 < r.pagerank < 1 for r in ranks)
    assert "Kupiansk" not in {r.label for r in ranks}


def test_centrality_kinds_and_top(graph):
    assert [r.label for r in centrality(graph, top=1, kinds=("Place",))] == ["Kupiansk"]
    everything = centrality(graph, top=None, kinds=None)
    assert len(everything) == 15 and everything[0].label == "Kupiansk"
    assert sum(r.pagerank for r in everything) == pytest.approx(1.0)
    assert [r.label for r in centrality(graph, top=None, kinds=("MilitaryUnit",))] == [
        "Battlegroup West", "2nd Corps Khartia"]
    assert centrality(nx.MultiGraph()) == []


def test_collapse_sums_confidence_and_pagerank_covers_every_node(graph):
    simple = collapse(graph)
    assert simple.number_of_edges() == 25
    ger, putin, driscoll, zelensky = (entity_iri({"label": name, "type": "Person"}).value for name in (
        "Valery Gerasimov", "Vladimir Putin", "Dan Driscoll", "Volodymyr Zelensky"))
    assert simple[ger][putin]["weight"] == pytest.approx(0.85)
    assert simple[driscoll][zelensky]["weight"] == pytest.approx(1.8)
    assert set(pagerank(graph)) == set(graph.nodes)


def test_sampled_betweenness_above_a_thousand_nodes_is_deterministic():
    base = nx.barabasi_albert_graph(1200, 2, seed=3)
    g = nx.MultiGraph()
    for i in base:
        g.add_node(i, label=f"N{i}", cls="Person", aliases=[])
    g.add_edges_from(base.edges, confidence=0.5)
    first, second = centrality(g, top=5), centrality(g, top=5)
    assert first == second and len(first) == 5
    assert first[0].betweenness > 0
