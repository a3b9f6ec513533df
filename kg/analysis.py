"""Paths and centrality over the entity graph of :mod:`kg.network`, as free functions on networkx graphs.

>>> g = nx.MultiGraph()
>>> for node, label, cls in [("g", "Valery Gerasimov", "Person"), ("p", "Vladimir Putin", "Person"),
...                          ("k", "Kupiansk", "Settlement")]:
...     g.add_node(node, label=label, cls=cls, aliases=[])
>>> _ = g.add_edge("g", "p", predicate="reportedTo", evidence="Gerasimov informed Putin.",
...                article="moscow-claim.txt", confidence=0.85, subject="g", object="p", kind="relation")
>>> _ = g.add_edge("g", "k", predicate="Capture:claimedBy-place", evidence="Kupyansk was taken.",
...                article="moscow-claim.txt", confidence=0.8, subject="k", object="g", kind="event")
>>> for line in explain_path(shortest_path(g, "vladimir putin", "Kupiansk")):
...     print(line)
Vladimir Putin <--reportedTo-- Valery Gerasimov  "Gerasimov informed Putin." [moscow-claim.txt]
Valery Gerasimov <--Capture:claimedBy-place-- Kupiansk  "Kupyansk was taken." [moscow-claim.txt]
>>> [(r.label, r.degree, r.betweenness) for r in centrality(g, top=2)]
[('Valery Gerasimov', 2, 1.0), ('Vladimir Putin', 1, 0.0)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.network import find_entity

ACTORS = frozenset({"Person", "MilitaryUnit", "Organization", "Country"})
PLACES = frozenset({"Place", "Settlement", "Region", "Waterbody"})
KINDS: Mapping[str, frozenset[str]] = {"Actor": ACTORS, "Place": PLACES}
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 200
SEED = 1


@dataclass(frozen=True)
class Hop:
    """One step of a path: the statement linking ``source`` to ``target`` and where it was read."""

    source: str
    predicate: str
    target: str
    evidence: str
    article: str
    confidence: float
    inverse: bool = False
    polarity: str = "asserted"


@dataclass(frozen=True)
class Rank:
    """Centrality of one entity: distinct neighbours, betweenness and PageRank."""

    node: str
    label: str
    cls: str
    degree: int
    betweenness: float
    pagerank: float


def _node(graph: nx.Graph, name: str) -> str:
    return name if name in graph else find_entity(graph, name)


def _best(edges: Mapping[Any, dict]) -> dict:
    """The most confident of parallel edges, relations before event co-participation."""
    return max(edges.values(), key=lambda e: (e.get("confidence", 0.0), e.get("kind") == "relation",
                                              e.get("predicate", "")))


def shortest_path(graph: nx.MultiGraph, a: str, b: str) -> list[Hop]:
    """The fewest-hop path from entity ``a`` to ``b`` (labels, aliases or node ids), ignoring direction.

    Among equally short paths the most confident one wins. Raises :class:`EntityNotFound` for an
    unknown name and :class:`KgError` when the two are not connected.
    """
    source, target = _node(graph, a), _node(graph, b)
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    penalty = 1.0 / (graph.number_of_nodes() + 1)

    def cost(u: str, v: str, edges: Mapping[Any, dict]) -> float:
        return 1.0 + penalty * (1.0 - _best(edges).get("confidence", 0.0))

    try:
        nodes = nx.shortest_path(undirected, source, target, weight=cost)
    except nx.NetworkXNoPath:
        labels = graph.nodes[source]["label"], graph.nodes[target]["label"]
        raise KgError(f"no path between {labels[0]} and {labels[1]}") from None
    return [_hop(graph, undirected[u][v], u, v) for u, v in zip(nodes, nodes[1:])]


def _hop(graph: nx.Graph, edges: Mapping[Any, dict], u: str, v: str) -> Hop:
    edge = _best(edges)
    label = graph.nodes
    return Hop(label[u]["label"], edge.get("predicate", ""), label[v]["label"], edge.get("evidence") or "",
               edge.get("article", ""), float(edge.get("confidence", 0.0)),
               inverse=edge.get("subject", u) != u, polarity=edge.get("polarity", "asserted"))


def explain_path(hops: Iterable[Hop]) -> list[str]:
    """One readable line per hop, arrows pointing the way each statement reads.

    >>> explain_path([Hop("Dan Driscoll", "met", "Volodymyr Zelensky", "Driscoll met Zelensky.",
    ...                   "meeting.txt", 0.9)])
    ['Dan Driscoll --met--> Volodymyr Zelensky  "Driscoll met Zelensky." [meeting.txt]']
    """
    lines = []
    for h in hops:
        arrow = f"<--{h.predicate}--" if h.inverse else f"--{h.predicate}-->"
        line = f"{h.source} {arrow} {h.target}"
        if h.evidence:
            line += f'  "{h.evidence}"'
        source = h.article if h.polarity == "asserted" else f"{h.article}, {h.polarity}"
        lines.append(f"{line} [{source}]" if source else line)
    return lines


def collapse(graph: nx.Graph) -> nx.Graph:
    """A simple undirected graph with one edge per linked pair, weighted by the sum of confidences.

    >>> g = nx.MultiGraph([(1, 2, {"confidence": 0.5}), (2, 1, {"confidence": 0.25})])
    >>> collapse(g)[1][2]["weight"]
    0.75
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, conf in graph.edges(data="confidence", default=0.5):
        if u == v:
            continue
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += conf
        else:
            simple.add_edge(u, v, weight=conf)
    return simple


def pagerank(graph: nx.Graph) -> dict[str, float]:
    """PageRank of every node on the collapsed, confidence-weighted graph."""
    return nx.pagerank(collapse(graph), weight="weight") if len(graph) else {}


def centrality(graph: nx.Graph, top: int | None = 10,
               kinds: Iterable[str] | None = ("Actor",)) -> list[Rank]:
    """The ``top`` entities of the given classes (``"Actor"``, ``"Place"`` or class names; None = all).

    Measures are computed on the whole collapsed graph, then filtered, and sorted by PageRank, then
    degree. Betweenness is exact below 1,000 nodes and sampled (200 sources, fixed seed) above.
    """
    simple = collapse(graph)
    n = simple.number_of_nodes()
    if n == 0:
        return []
    ranks = nx.pagerank(simple, weight="weight")
    if n < EXACT_BETWEENNESS_LIMIT:
        between = nx.betweenness_centrality(simple)
    else:
        between = nx.betweenness_centrality(simple, k=min(BETWEENNESS_SAMPLES, n), seed=SEED)
    allowed = None if kinds is None else set().union(*(KINDS.get(k, {k}) for k in kinds))
    rows = [Rank(node, data.get("label", str(node)), data.get("cls", ""), simple.degree(node),
                 between[node], ranks[node])
            for node, data in simple.nodes(data=True)
            if allowed is None or data.get("cls") in allowed]
    rows.sort(key=lambda r: (-r.pagerank, -r.degree, r.label))
    return rows if top is None else rows[:top]


__all__ = ["ACTORS", "KINDS", "PLACES", "Hop", "Rank", "centrality", "collapse", "explain_path", "pagerank",
           "shortest_path"]
