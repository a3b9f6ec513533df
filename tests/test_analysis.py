"""Paths and centrality on the fixture graph."""

import networkx as nx
import pytest

from kg.views.analysis import (ACTORS, Hop, Rank, centrality, collapse, communities, explain_path, pagerank, paths,
                         rank_table, shortest_path)
from kg.rdf.iris import entity_iri
from kg.errors import EntityNotFound, KgError

CAPTURE = "Gerasimov informed Putin that Battlegroup West had taken Kupyansk."


@pytest.fixture(scope="module")
def graph(records_graph) -> nx.MultiGraph:
    return records_graph


def test_path_from_driscoll_to_gerasimov_with_provenance(graph):
    hops = shortest_path(graph, "Dan Driscoll", "Valery Gerasimov")
    assert hops == [
        Hop("Dan Driscoll", "met", "Volodymyr Zelensky", "Driscoll met Zelensky in Kyiv <b>today</b>.",
            "meeting.txt", 0.9, date="2025-11-20"),
        Hop("Volodymyr Zelensky", "visited", "Kupiansk", "Zelensky visited Kupiansk.", "kyiv-claim.txt", 0.8,
            date="2025-11-24"),
        Hop("Kupiansk", "Capture:place-claimedBy", "Valery Gerasimov", CAPTURE, "moscow-claim.txt", 0.8,
            date="2025-11-20"),
    ]
    assert explain_path(hops) == [
        'Dan Driscoll --met--> Volodymyr Zelensky  "Driscoll met Zelensky in Kyiv <b>today</b>." '
        '[meeting.txt, 2025-11-20]',
        'Volodymyr Zelensky --visited--> Kupiansk  "Zelensky visited Kupiansk." [kyiv-claim.txt, 2025-11-24]',
        f'Kupiansk --Capture:place-claimedBy--> Valery Gerasimov  "{CAPTURE}" [moscow-claim.txt, 2025-11-20]',
    ]


def test_k_alternative_paths_shortest_first(graph):
    found = paths(graph, "Dan Driscoll", "Valery Gerasimov", k=3)
    assert len(found) == 3 and found[0] == shortest_path(graph, "Dan Driscoll", "Valery Gerasimov")
    assert [len(p) for p in found] == sorted(len(p) for p in found)
    assert len({tuple((h.source, h.target) for h in p) for p in found}) == 3
    assert all(h.evidence and h.article for p in found for h in p)
    assert len(paths(graph, "Putin", "Gerasimov", k=5)) == 1


def test_path_ignores_direction_and_says_so(graph):
    [hop] = shortest_path(graph, "putin", "Gerasimov")
    assert (hop.source, hop.predicate, hop.target, hop.inverse) == ("Vladimir Putin", "reportedTo",
                                                                    "Valery Gerasimov", True)
    assert explain_path([hop]) == [
        f'Vladimir Putin <--reportedTo-- Valery Gerasimov  "{CAPTURE}" [moscow-claim.txt, 2025-11-21]']
    [forward] = shortest_path(graph, "Gerasimov", "Putin")
    assert explain_path([forward]) == [
        f'Valery Gerasimov --reportedTo--> Vladimir Putin  "{CAPTURE}" [moscow-claim.txt, 2025-11-21]']
    two = Hop("A", "met", "B", "A met B.", "a.txt", 0.9, date="2025-11-20", weight=2)
    assert explain_path([two]) == ['A --met--> B  "A met B." [a.txt, 2025-11-20; 2 articles]']


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
    assert [r.label for r in ranks[:3]] == ["Volodymyr Zelensky", "Russia", "Ukraine"]
    assert [r.pagerank for r in ranks] == sorted((r.pagerank for r in ranks), reverse=True)
    zelensky = ranks[0]
    assert zelensky.degree == 5 and zelensky.cls == "Person"
    assert zelensky.betweenness == pytest.approx(36 / 91)
    assert all(0 <= r.betweenness <= 1 and 0 < r.pagerank < 1 and 0 <= r.eigenvector <= 1 for r in ranks)
    assert "Kupiansk" not in {r.label for r in ranks}


def test_centrality_kinds_and_top(graph):
    assert [r.label for r in centrality(graph, top=1, kinds=("Place",))] == ["Kupiansk"]
    everything = centrality(graph, top=None, kinds=None)
    assert len(everything) == 15 and everything[0].label == "Kupiansk"
    assert sum(r.pagerank for r in everything) == pytest.approx(1.0)
    assert [r.label for r in centrality(graph, top=None, kinds=("MilitaryUnit",))] == [
        "Battlegroup West", "2nd Corps Khartia"]
    assert centrality(nx.MultiGraph()) == []


def test_collapse_counts_articles_and_pagerank_covers_every_node(graph):
    simple = collapse(graph)
    assert simple.number_of_edges() == 25
    ger, putin, driscoll, zelensky = (entity_iri({"label": name, "type": "Person"}).value for name in (
        "Valery Gerasimov", "Vladimir Putin", "Dan Driscoll", "Volodymyr Zelensky"))
    assert (simple[ger][putin]["weight"], simple[ger][putin]["confidence"]) == (1, 0.85)
    assert (simple[driscoll][zelensky]["weight"], simple[driscoll][zelensky]["confidence"]) == (2, 0.9)
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


def test_sort_by_each_measure_and_unknown_measure(graph):
    for measure in ("degree", "betweenness", "eigenvector"):
        ranks = centrality(graph, top=None, kinds=None, by=measure)
        assert [getattr(r, measure) for r in ranks] == sorted((getattr(r, measure) for r in ranks), reverse=True)
    assert centrality(graph, top=1, kinds=None, by="degree")[0].label == "Kupiansk"
    with pytest.raises(KgError) as info:
        centrality(graph, by="fame")
    assert str(info.value) == "unknown measure 'fame' (choose from pagerank, degree, betweenness, eigenvector)"


def test_rank_table_has_every_measure(graph):
    table = rank_table(centrality(graph, top=2))
    assert table.columns == ["rank", "entity", "class", "pagerank", "betweenness", "eigenvector", "degree", "iri"]
    assert [row[:3] for row in table.rows] == [(1, "Volodymyr Zelensky", "Person"), (2, "Russia", "Country")]


def test_louvain_communities_are_seeded_and_named_by_central_members(graph):
    found = communities(graph, members=3)
    assert [(c.size, c.members) for c in found] == [
        (7, ["Kupiansk", "Russia", "Ukraine"]),
        (5, ["Volodymyr Zelensky", "Dan Driscoll", "Karoline Leavitt"]),
        (2, ["Valery Gerasimov", "Vladimir Putin"])]
    assert found == communities(graph, members=3)
    assert sum(c.size for c in found) == sum(1 for n in graph if graph.degree(n))
    assert communities(nx.MultiGraph()) == []
