"""igraph computes what networkx computes: the same betweenness, PageRank and eigenvector figures (to rounding), the
same top entities, and communities that partition the linked entities with the modularity of networkx's Louvain."""

import random

import networkx as nx
import pytest

from kg.errors import KgError
from kg.views import fastgraph
from kg.views.analysis import IGRAPH_FROM, centrality, collapse, communities, engine_for, measure


def weighted(base: nx.Graph, seed: int = 7, isolated: int = 3) -> nx.MultiGraph:
    """``base`` as an entities-view MultiGraph: labels, classes, a few parallel claims, some isolated entities."""
    rng = random.Random(seed)
    g = nx.MultiGraph()
    for i, node in enumerate(list(base) + [f"lonely-{k}" for k in range(isolated)]):
        g.add_node(node, label=f"Entity {node}", cls=("Person", "Settlement", "Country")[i % 3])
    for u, v in base.edges:
        for _ in range(rng.choice((1, 1, 2))):
            g.add_edge(u, v, weight=rng.randint(1, 4), confidence=round(rng.uniform(0.5, 1), 2))
    return g


GRAPHS = {
    "karate": lambda: weighted(nx.karate_club_graph()),
    "barabasi-albert 300": lambda: weighted(nx.barabasi_albert_graph(300, 2, seed=3)),
    "two components": lambda: weighted(nx.disjoint_union(nx.barabasi_albert_graph(80, 3, seed=1),
                                                         nx.cycle_graph(12))),
    "caveman 8x10": lambda: weighted(nx.relaxed_caveman_graph(8, 10, 0.1, seed=2)),
    "path": lambda: weighted(nx.path_graph(9), isolated=0),
    "star": lambda: weighted(nx.star_graph(12), isolated=1),
}


@pytest.fixture(params=sorted(GRAPHS), scope="module")
def graph(request) -> nx.MultiGraph:
    return GRAPHS[request.param]()


def top(scores: dict, k: int) -> list:
    return [n for n, _ in sorted(scores.items(), key=lambda item: (-round(item[1], 9), str(item[0])))][:k]


def test_betweenness_is_networkx_s_exact_and_sampled(graph):
    simple = collapse(graph)
    assert fastgraph.betweenness(simple) == pytest.approx(nx.betweenness_centrality(simple), abs=1e-12)
    k = len(simple) // 3
    sampled = fastgraph.betweenness(simple, k, seed=4)
    assert sampled == pytest.approx(nx.betweenness_centrality(simple, k=k, seed=4), abs=1e-12)


def test_pagerank_agrees_and_ranks_the_same_top(graph):
    simple = collapse(graph)
    ours, theirs = fastgraph.pagerank(simple), nx.pagerank(simple, weight="weight", tol=1e-12, max_iter=1000)
    assert ours == pytest.approx(theirs, abs=1e-8)
    assert sum(ours.values()) == pytest.approx(1.0)
    assert top(ours, 10) == top(theirs, 10)


def test_eigenvector_agrees(graph):
    simple = collapse(graph)
    if not nx.is_connected(simple.subgraph([n for n, d in simple.degree() if d])):
        pytest.skip("eigenvector centrality depends on the start vector on a disconnected graph")
    ours, theirs = fastgraph.eigenvector(simple), fastgraph.nx_eigenvector(simple)
    assert ours == pytest.approx(theirs, abs=1e-4)
    assert top(ours, 5) == top(theirs, 5)


def test_centrality_by_either_engine_gives_the_same_ranking(graph):
    by_nx = centrality(graph, top=10, kinds=None, engine="networkx")
    by_ig = centrality(graph, top=10, kinds=None, engine="igraph")
    assert [r.node for r in by_ig] == [r.node for r in by_nx]
    assert [r.degree for r in by_ig] == [r.degree for r in by_nx]
    assert [r.betweenness for r in by_ig] == pytest.approx([r.betweenness for r in by_nx], abs=1e-9)
    for name in ("degree", "betweenness"):
        assert top(measure(graph, name, engine="igraph"), 5) == top(measure(graph, name, engine="networkx"), 5)


def test_igraph_communities_partition_the_linked_entities(graph):
    found = communities(graph, members=2, engine="igraph")
    linked = {n for n in graph if graph.degree(n) and any(v != n for v in graph[n])}
    assert set().union(*(c.nodes for c in found)) == linked
    assert sum(c.size for c in found) == len(linked)
    assert [c.size for c in found] == sorted((c.size for c in found), reverse=True)
    assert found == communities(graph, members=2, engine="igraph")  # seeded
    simple = collapse(graph).subgraph(linked)
    ours = nx.community.modularity(simple, [c.nodes for c in found], weight="weight")
    theirs = nx.community.modularity(simple, [c.nodes for c in communities(graph, engine="networkx")],
                                     weight="weight")
    assert ours >= theirs - 0.05


def test_the_engine_follows_the_size_of_the_graph():
    assert engine_for(nx.path_graph(IGRAPH_FROM - 1)) == "networkx"
    assert engine_for(nx.path_graph(IGRAPH_FROM)) == "igraph"
    assert engine_for(nx.path_graph(3), "igraph") == "igraph"
    with pytest.raises(KgError, match="unknown engine 'scipy'"):
        engine_for(nx.path_graph(3), "scipy")


def test_empty_and_edgeless_graphs():
    empty, edgeless = nx.Graph(), nx.Graph()
    edgeless.add_nodes_from("ab")
    assert fastgraph.pagerank(empty) == {} and fastgraph.eigenvector(edgeless) == {}
    assert fastgraph.pagerank(edgeless) == pytest.approx({"a": 0.5, "b": 0.5})
    assert fastgraph.betweenness(edgeless) == {"a": 0.0, "b": 0.0}
    assert communities(nx.MultiGraph(edgeless), engine="igraph") == []


def test_collapse_keeps_a_collapsed_graph_and_the_order_of_pairs():
    g = nx.MultiGraph([("b", "c", {"weight": 2}), ("a", "b"), ("c", "b", {"confidence": 0.9}), ("a", "a")])
    simple = collapse(g)
    assert collapse(simple) is simple
    assert list(simple.edges(data="weight")) == [("b", "c", 3), ("b", "a", 1)]
    assert list(simple["b"]) == ["c", "a"] and simple["b"]["c"]["confidence"] == 0.9
