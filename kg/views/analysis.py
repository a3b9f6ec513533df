"""Paths, centrality and communities over the entities view of :mod:`kg.views.projection`, as free functions.

>>> g = nx.MultiGraph()
>>> for node, label, cls in [("g", "Valery Gerasimov", "Person"), ("p", "Vladimir Putin", "Person"),
...                          ("k", "Kupiansk", "Settlement")]:
...     g.add_node(node, label=label, cls=cls, aliases=[])
>>> _ = g.add_edge("g", "p", predicate="reportedTo", evidence=["Gerasimov informed Putin."], weight=2,
...                files=["moscow-claim.txt"], dates=["2025-11-20"], confidence=0.85, subject="g", object="p")
>>> _ = g.add_edge("g", "k", predicate="Capture:claimedBy-place", evidence=["Kupyansk was taken."], weight=1,
...                files=["moscow-claim.txt"], dates=[], confidence=0.8, subject="k", object="g", kind="event")
>>> for line in explain_path(shortest_path(g, "vladimir putin", "Kupiansk")):
...     print(line)
Vladimir Putin <--reportedTo-- Valery Gerasimov  "Gerasimov informed Putin." [moscow-claim.txt, 2025-11-20; 2 articles]
Valery Gerasimov <--Capture:claimedBy-place-- Kupiansk  "Kupyansk was taken." [moscow-claim.txt]
>>> [(r.label, r.degree, r.betweenness) for r in centrality(g, top=2)]
[('Valery Gerasimov', 2, 1.0), ('Vladimir Putin', 1, 0.0)]
>>> [c.members for c in communities(g)]
[['Valery Gerasimov', 'Vladimir Putin', 'Kupiansk']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.names import find_node
from kg.views import fastgraph
from kg.views.fastgraph import ENGINES, IGRAPH_FROM, engine_for
from kg.views.projection import ACTORS, KINDS, PLACES, Filter
from kg.views.queries import Result

EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 200
SEED = 1
MEASURES = ("pagerank", "degree", "betweenness", "eigenvector")


@dataclass(frozen=True)
class Hop:
    """One step of a path: the claim linking ``source`` to ``target`` and where it was read."""

    source: str
    predicate: str
    target: str
    evidence: str
    article: str
    confidence: float
    inverse: bool = False
    polarity: str = "asserted"
    date: str = ""
    weight: int = 1


@dataclass(frozen=True)
class Rank:
    """Centrality of one entity: distinct neighbours, betweenness, PageRank and eigenvector centrality."""

    node: str
    label: str
    cls: str
    degree: int
    betweenness: float
    pagerank: float
    eigenvector: float = 0.0


@dataclass(frozen=True)
class Community:
    """One Louvain community: its size and its most central members' labels (by PageRank)."""

    index: int
    size: int
    members: list[str]
    nodes: frozenset[str]


def _first(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _best(edges: Mapping[Any, dict]) -> dict:
    """The strongest of parallel edges: most confident, most articles, relations before shared events."""
    return max(edges.values(), key=lambda e: (e.get("confidence", 0.0), e.get("weight", 1),
                                              e.get("kind") != "event", e.get("predicate", "")))


def weighted_pairs(graph: nx.Graph) -> list[tuple[Any, Any, int, float]]:
    """``(u, v, weight, confidence)`` per linked pair, in the order the pairs first appear among the edges: weight
    sums the articles behind the pair's claims, confidence is the highest."""
    pairs: dict[tuple, list] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        pair = pairs.get((v, u)) or pairs.setdefault((u, v), [0, data.get("confidence", 0.5)])
        pair[0] += data.get("weight", 1)
        pair[1] = max(pair[1], data.get("confidence", 0.5))
    return [(u, v, w, c) for (u, v), (w, c) in pairs.items()]


def collapsed(nodes: Iterable[tuple[Any, dict]], pairs: Iterable[tuple[Any, Any, int, float]]) -> nx.Graph:
    """The simple graph of ``nodes`` (id, attributes) and ``pairs`` (see :func:`weighted_pairs`), marked collapsed.

    ``cost`` (for paths) is one per hop plus a small penalty for weak evidence.
    """
    simple = nx.Graph(collapsed=True)
    simple.add_nodes_from(nodes)
    penalty = 1.0 / (simple.number_of_nodes() + 1)
    simple.add_edges_from((u, v, {"weight": w, "confidence": c, "cost": 1.0 + penalty * (1.0 - c)})
                          for u, v, w, c in pairs)
    return simple


def collapse(graph: nx.Graph) -> nx.Graph:
    """A simple undirected graph with one edge per linked pair, weighted by the articles behind its claims.

    A graph this function made (or :func:`collapsed`) is returned as it is.

    >>> g = nx.MultiGraph([(1, 2, {"weight": 2, "confidence": 0.5}), (2, 1, {"weight": 1, "confidence": 0.9})])
    >>> collapse(g)[1][2]["weight"], collapse(g)[1][2]["confidence"]
    (3, 0.9)
    """
    if graph.graph.get("collapsed") and not graph.is_multigraph():
        return graph
    return collapsed(graph.nodes(data=True), weighted_pairs(graph))


def paths(graph: nx.MultiGraph, a: str, b: str, k: int = 1) -> list[list[Hop]]:
    """Up to ``k`` loopless paths from ``a`` to ``b`` (labels, aliases or ids), fewest hops first.

    Direction is ignored; among equally short paths the most confident comes first. Raises
    :class:`EntityNotFound` for an unknown name and :class:`KgError` when the two are not connected.

    >>> g = nx.MultiGraph([("a", "b"), ("b", "c"), ("a", "d"), ("d", "e"), ("e", "c")])
    >>> nx.set_node_attributes(g, {n: n.upper() for n in g}, "label")
    >>> [[h.target for h in p] for p in paths(g, "A", "C", k=3)]
    [['B', 'C'], ['D', 'E', 'C']]
    """
    source, target = find_node(graph, a), find_node(graph, b)
    if source == target:
        return [[]]
    simple = collapse(graph)
    try:
        found = list(islice(nx.shortest_simple_paths(simple, source, target, weight="cost"), max(k, 1)))
    except nx.NetworkXNoPath:
        labels = graph.nodes[source]["label"], graph.nodes[target]["label"]
        raise KgError(f"no path between {labels[0]} and {labels[1]}") from None
    return [[_hop(graph, u, v) for u, v in zip(nodes, nodes[1:])] for nodes in found]


def shortest_path(graph: nx.MultiGraph, a: str, b: str) -> list[Hop]:
    """The fewest-hop, then most confident, path from ``a`` to ``b`` (see :func:`paths`)."""
    return paths(graph, a, b, k=1)[0]


def _hop(graph: nx.Graph, u: str, v: str) -> Hop:
    edge = _best(graph[u][v])
    claims = edge.get("claims") or [{}]
    label = graph.nodes
    return Hop(label[u]["label"], edge.get("predicate", ""), label[v]["label"],
               claims[0].get("evidence") or _first(edge.get("evidence")),
               claims[0].get("file") or _first(edge.get("files", edge.get("article"))),
               float(edge.get("confidence", 0.0)), inverse=edge.get("subject", u) != u,
               polarity=edge.get("polarity", "asserted"), date=claims[0].get("date") or _first(edge.get("dates")),
               weight=int(edge.get("weight", 1)))


def explain_path(hops: Iterable[Hop]) -> list[str]:
    """One readable line per hop, arrows pointing the way each claim reads, with evidence and source.

    >>> explain_path([Hop("Dan Driscoll", "met", "Volodymyr Zelensky", "Driscoll met Zelensky.",
    ...                   "meeting.txt", 0.9, date="2025-11-21")])
    ['Dan Driscoll --met--> Volodymyr Zelensky  "Driscoll met Zelensky." [meeting.txt, 2025-11-21]']
    """
    lines = []
    for h in hops:
        arrow = f"<--{h.predicate}--" if h.inverse else f"--{h.predicate}-->"
        line = f"{h.source} {arrow} {h.target}"
        if h.evidence:
            line += f'  "{h.evidence}"'
        source = ", ".join(x for x in (h.article, h.date, "" if h.polarity == "asserted" else h.polarity) if x)
        if h.weight > 1:
            source += f"; {h.weight} articles"
        lines.append(f"{line} [{source}]" if source else line)
    return lines


def pagerank(graph: nx.Graph, engine: str | None = None) -> dict[str, float]:
    """PageRank of every node on the collapsed graph, edges weighted by their articles."""
    return fastgraph.scores(collapse(graph), ["pagerank"], None, engine)["pagerank"]


def betweenness_samples(n: int) -> int | None:
    """How many sources betweenness samples on an ``n``-node graph (None: exact)."""
    return None if n < EXACT_BETWEENNESS_LIMIT else min(BETWEENNESS_SAMPLES, n)


def measure(graph: nx.Graph, name: str = "pagerank", engine: str | None = None) -> dict[Any, float]:
    """One centrality measure (see :data:`MEASURES`) of every node, computed alone (cheaper than all four).

    >>> measure(nx.MultiGraph([(1, 2), (2, 3)]), "degree")
    {1: 1.0, 2: 2.0, 3: 1.0}
    """
    if name not in MEASURES:
        raise KgError(f"unknown measure '{name}' (choose from {', '.join(MEASURES)})")
    simple = collapse(graph)
    if name == "degree":
        return {n: float(d) for n, d in simple.degree()}
    return fastgraph.scores(simple, [name], betweenness_samples(len(simple)), engine)[name]


def centrality(graph: nx.Graph, top: int | None = 10, kinds: Iterable[str] | None = ("Actor",),
               by: str = "pagerank", engine: str | None = None) -> list[Rank]:
    """The ``top`` entities of the given classes (``"Actor"``, ``"Place"`` or class names; None = all).

    Measures are computed on the whole collapsed graph, then filtered, and sorted by ``by`` (one of
    :data:`MEASURES`), then PageRank. Betweenness is exact below 1,000 nodes and sampled above it
    (:func:`betweenness_samples` sources, fixed seed). ``engine``: see :func:`engine_for`.

    >>> g = nx.MultiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {"a": "Person", "b": "Settlement", "c": "Person"}, "cls")
    >>> [(r.node, r.degree, r.betweenness) for r in centrality(g, kinds=("Place",))]
    [('b', 2, 1.0)]
    """
    if by not in MEASURES:
        raise KgError(f"unknown measure '{by}' (choose from {', '.join(MEASURES)})")
    simple = collapse(graph)
    if simple.number_of_nodes() == 0:
        return []
    scores = fastgraph.scores(simple, ["pagerank", "betweenness", "eigenvector"], betweenness_samples(len(simple)),
                              engine)
    ranks, between, eigen = scores["pagerank"], scores["betweenness"], scores["eigenvector"]
    allowed = Filter(tuple(kinds)).allowed() if kinds else None
    rows = [Rank(node, data.get("label", str(node)), data.get("cls", ""), simple.degree(node),
                 between[node], ranks[node], eigen.get(node, 0.0))
            for node, data in simple.nodes(data=True)
            if allowed is None or data.get("cls") in allowed]
    rows.sort(key=lambda r: (-getattr(r, by), -r.pagerank, -r.degree, r.label))
    return rows if top is None else rows[:top]


def rank_table(ranks: Iterable[Rank]) -> Any:
    """The ranks as a :class:`kg.views.queries.Result` (rank, entity, class and the four measures) for printing."""
    columns = ["rank", "entity", "class", "pagerank", "betweenness", "eigenvector", "degree", "iri"]
    rows = [(i, r.label, r.cls, round(r.pagerank, 4), round(r.betweenness, 4), round(r.eigenvector, 4), r.degree,
             r.node) for i, r in enumerate(ranks, 1)]
    return Result(columns, rows)


def communities(graph: nx.Graph, members: int = 3, seed: int = SEED, engine: str | None = None) -> list[Community]:
    """Louvain communities of the collapsed graph (fixed seed), largest first, each with its top members.

    Entities with no link form no community. ``engine``: see :func:`engine_for`.

    >>> g = nx.MultiGraph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> [sorted(c.nodes) for c in communities(g)]
    [[1, 2, 3], [4, 5, 6]]
    """
    simple = collapse(graph)
    linked = simple.subgraph([n for n, d in simple.degree() if d])
    if linked.number_of_edges() == 0:
        return []
    ranks, groups = fastgraph.ranked_communities(linked, seed, engine)
    groups.sort(key=lambda c: (-len(c), min(linked.nodes[n].get("label", str(n)) for n in c)))
    out = []
    for i, group in enumerate(groups, 1):
        best = sorted(group, key=lambda n: (-ranks[n], linked.nodes[n].get("label", str(n))))[:members]
        out.append(Community(i, len(group), [linked.nodes[n].get("label", str(n)) for n in best], frozenset(group)))
    return out


__all__ = ["ACTORS", "ENGINES", "KINDS", "MEASURES", "PLACES", "Community", "Hop", "Rank", "betweenness_samples",
           "centrality", "collapse", "collapsed", "communities", "engine_for", "explain_path", "measure", "pagerank",
           "paths", "rank_table", "shortest_path", "weighted_pairs"]
