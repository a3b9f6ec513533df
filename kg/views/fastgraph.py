"""Centrality measures and Louvain communities by igraph (C) or networkx, on a collapsed networkx graph.

:mod:`kg.views.analysis` asks :func:`scores` and :func:`ranked_communities`, which use igraph from
:data:`IGRAPH_FROM` nodes (:func:`engine_for`): on the 13,000-entity, 95,000-pair graph of a 1M-quad store
networkx takes 36 s for sampled betweenness and 6 s for Louvain, igraph 0.4 s and 0.2 s. The igraph functions
convert the graph once (:class:`Converted`; edge ``weight``: articles) and return dicts keyed by the networkx
nodes, as the networkx functions do:

- betweenness uses the same sources networkx would sample with the same seed and networkx's scaling, so it
  gives networkx's figures (to rounding);
- PageRank is solved exactly (ARPACK), where networkx stops its power iteration at a tolerance: the two agree to
  about 1e-4 on the 1M-quad store, with the same top 50;
- eigenvector centrality is scaled to unit length, as networkx scales it;
- communities are igraph's multilevel (Louvain) method under a seeded random generator: deterministic, of the
  about the same modularity as networkx's Louvain (0.176 and 0.176 there), but not the same partition.

>>> g = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 1})])
>>> {n: round(v, 3) for n, v in betweenness(g).items()}
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> sorted(sorted(c) for c in louvain(nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])))
[[1, 2, 3], [4, 5, 6]]
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from kg.errors import KgError

SEED = 1
IGRAPH_FROM = 500  # nodes; networkx's exact betweenness alone takes 2 s at 1,000
ENGINES = ("networkx", "igraph")


class Converted:
    """A networkx graph as an undirected igraph graph: ``nodes[i]`` is vertex ``i``, ``weights[j]`` edge ``j``'s."""

    def __init__(self, graph: nx.Graph) -> None:
        import igraph  # lazy: only big graphs need it (0.3 s to import)

        if graph.is_multigraph():
            raise TypeError("igraph measures take a simple graph: collapse the view first")
        self.nodes = list(graph)
        index = {node: i for i, node in enumerate(self.nodes)}
        edges, self.weights = [], []
        for u, neighbours in graph.adjacency():  # the order of graph.edges(), without self-loops, 8x faster
            i = index[u]
            for v, data in neighbours.items():
                j = index[v]
                if j > i:
                    edges.append((i, j))
                    self.weights.append(float(data.get("weight", 1)))
        self.graph = igraph.Graph(n=len(self.nodes), edges=edges)

    def keyed(self, values: list[float]) -> dict[Any, float]:
        """The per-vertex ``values`` keyed by networkx node."""
        return dict(zip(self.nodes, values))


def _converted(graph: nx.Graph | Converted) -> Converted:
    return graph if isinstance(graph, Converted) else Converted(graph)


@contextmanager
def _seeded(seed: int = SEED) -> Iterator[None]:
    """igraph's random numbers (ARPACK's start vector, Louvain's visiting order) from ``seed``, then Python's again."""
    import igraph  # lazy: only big graphs need it (0.3 s to import)

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def pagerank(graph: nx.Graph | Converted, alpha: float = 0.85) -> dict[Any, float]:
    """PageRank of every node, edges weighted by ``weight``: ``nx.pagerank(graph, weight="weight")``, solved exactly."""
    g = _converted(graph)
    if not g.nodes:
        return {}
    with _seeded():
        ranks = g.graph.pagerank(directed=False, damping=alpha, weights=g.weights or None, implementation="arpack")
    total = sum(ranks)
    return g.keyed([r / total for r in ranks])


def betweenness(graph: nx.Graph | Converted, k: int | None = None, seed: int = SEED) -> dict[Any, float]:
    """Normalised shortest-path betweenness, unweighted: exact, or from ``k`` sources drawn as
    ``nx.betweenness_centrality(graph, k=k, seed=seed)`` draws them (the same figures)."""
    g = _converted(graph)
    n = len(g.nodes)
    if k is None or k >= n:
        raw = g.graph.betweenness(directed=False)
        sources: set[int] = set()
        scale_source = scale_other = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    else:
        picked = random.Random(seed).sample(range(n), k)  # the draw of networkx's seed.sample(list(G), k)
        raw = g.graph.betweenness(directed=False, sources=picked)
        sources = set(picked)
        # networkx without endpoints: a sampled source cannot lie on its own paths; igraph halves undirected counts
        scale_source = 2 / ((k - 1) * (n - 2)) if k > 1 and n > 2 else math.nan
        scale_other = 2 / (k * (n - 2)) if n > 2 else 1.0
    return g.keyed([b * (scale_source if i in sources else scale_other) for i, b in enumerate(raw)])


def eigenvector(graph: nx.Graph | Converted) -> dict[Any, float]:
    """Eigenvector centrality, edges weighted by ``weight``, scaled to unit length as networkx scales it ({} without
    edges)."""
    g = _converted(graph)
    if not g.weights:
        return {}
    with warnings.catch_warnings(), _seeded():
        warnings.simplefilter("ignore", RuntimeWarning)  # "not meaningful for disconnected graphs": as networkx
        values = [abs(v) for v in g.graph.eigenvector_centrality(weights=g.weights)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return g.keyed([v / norm for v in values])


def louvain(graph: nx.Graph | Converted, seed: int = SEED) -> list[set]:
    """Louvain communities (igraph's multilevel method, best level), as sets of networkx nodes; seeded."""
    g = _converted(graph)
    if not g.weights:
        return [{node} for node in g.nodes]
    with _seeded(seed):
        membership = g.graph.community_multilevel(weights=g.weights).membership
    groups: dict[int, set] = {}
    for node, group in zip(g.nodes, membership):
        groups.setdefault(group, set()).add(node)
    return list(groups.values())


def engine_for(simple: nx.Graph, engine: str | None = None) -> str:
    """The library that computes measures and communities: ``engine`` when given, else igraph from
    :data:`IGRAPH_FROM` nodes and networkx below (fast enough there, and the documented figures)."""
    if engine is None:
        return "igraph" if simple.number_of_nodes() >= IGRAPH_FROM else "networkx"
    if engine not in ENGINES:
        raise KgError(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    return engine


def nx_eigenvector(simple: nx.Graph) -> dict[Any, float]:
    """networkx's eigenvector centrality, edges weighted ({} without edges or when it does not converge)."""
    try:
        if simple.number_of_edges() == 0:
            return {}
        return {n: abs(v) for n, v in nx.eigenvector_centrality(simple, max_iter=1000, weight="weight").items()}
    except nx.PowerIterationFailedConvergence:
        return {}


def scores(simple: nx.Graph, names: list[str], k: int | None = None, engine: str | None = None,
           seed: int = SEED) -> dict[str, dict[Any, float]]:
    """The named measures (``pagerank``, ``betweenness`` from ``k`` sampled sources or exact, ``eigenvector``) of
    every node of a collapsed graph, by :func:`engine_for` (converted once for igraph)."""
    if engine_for(simple, engine) == "igraph":
        g = Converted(simple)
        run = {"pagerank": pagerank, "eigenvector": eigenvector, "betweenness": lambda g: betweenness(g, k, seed)}
        return {name: run[name](g) for name in names}
    run = {"pagerank": lambda s: nx.pagerank(s, weight="weight") if len(s) else {}, "eigenvector": nx_eigenvector,
           "betweenness": lambda s: nx.betweenness_centrality(s, k=k, seed=seed)}
    return {name: run[name](simple) for name in names}


def ranked_communities(simple: nx.Graph, seed: int = SEED, engine: str | None = None) -> tuple[dict, list[set]]:
    """PageRank and Louvain communities of a collapsed graph, by :func:`engine_for`."""
    if engine_for(simple, engine) == "igraph":
        g = Converted(simple)
        return pagerank(g), louvain(g, seed)
    return nx.pagerank(simple, weight="weight"), nx.community.louvain_communities(simple, weight="weight", seed=seed)


__all__ = ["ENGINES", "IGRAPH_FROM", "Converted", "betweenness", "eigenvector", "engine_for", "louvain",
           "nx_eigenvector", "pagerank", "ranked_communities", "scores"]
