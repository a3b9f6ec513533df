"""Where entities go on a big page and which of their links are drawn.

Positions come from igraph's grid Fruchterman-Reingold layout (C: seconds on 5,000 nodes, where networkx's spring
layout takes half a minute), seeded, with links inside a community pulling harder so that communities sit together.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from typing import Any

import networkx as nx

LAYOUT_ITERATIONS = 500
COMMUNITY_PULL = 4.0  # layout weight of a link inside a community against one between communities


def strongest(links: list[tuple[Any, Any, float]], per_node: int | None) -> list[int]:
    """Indices of the links kept when each node keeps its ``per_node`` strongest (None: all): a link stays while
    either end has fewer than ``per_node``, strongest first, so at most ``per_node`` x nodes links stay and no
    node loses all of its own.

    >>> strongest([("a", "b", 3), ("a", "c", 2), ("a", "d", 1), ("b", "c", 1)], 1)
    [0, 1, 2]
    """
    order = sorted(range(len(links)), key=lambda i: -links[i][2])
    if per_node is None:
        return sorted(order)
    kept, count = [], Counter()
    for i in order:
        u, v, _ = links[i]
        if count[u] < per_node or count[v] < per_node:
            kept.append(i)
            count[u] += 1
            count[v] += 1
    return sorted(kept)


def layout(graph: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Pixel positions from igraph's grid Fruchterman-Reingold layout (C, seconds on 5,000 nodes), seeded, with
    links inside a community (igraph's multilevel modularity) pulling harder so that communities sit together."""
    import igraph  # lazy: only large pages need a Python layout

    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    simple = igraph.Graph(n=len(nodes), edges=sorted({tuple(sorted((index[u], index[v])))
                                                      for u, v in graph.edges() if u != v}))
    rng = random.Random(1)
    side = math.sqrt(len(nodes))
    start = [[rng.uniform(-side, side), rng.uniform(-side, side)] for _ in nodes]
    igraph.set_random_number_generator(rng)
    try:
        member = simple.community_multilevel().membership if simple.ecount() else [0] * len(nodes)
        weights = [COMMUNITY_PULL if member[e.source] == member[e.target] else 1.0 for e in simple.es]
        coords = simple.layout_fruchterman_reingold(seed=start, niter=LAYOUT_ITERATIONS, grid="auto",
                                                    weights=weights or None).coords
    finally:
        igraph.set_random_number_generator(random)
    return _fit(nodes, coords)


def _fit(nodes: list, coords: list) -> dict[Any, tuple[float, float]]:
    """Centre the layout, pull far-flung small components in to the rim of the main one, scale to pixels."""
    if not nodes:
        return {}
    cx = sum(c[0] for c in coords) / len(coords)
    cy = sum(c[1] for c in coords) / len(coords)
    radii = sorted(math.hypot(x - cx, y - cy) for x, y in coords)
    rim = 1.1 * radii[int(0.95 * (len(radii) - 1))] or 1.0
    scale = 45.0 * math.sqrt(len(nodes)) / rim
    out = {}
    for node, (x, y) in zip(nodes, coords):
        r = math.hypot(x - cx, y - cy)
        shrink = scale * (min(r, rim) / r if r else 1.0)
        out[node] = (round((x - cx) * shrink, 1), round((y - cy) * shrink, 1))
    return out


__all__ = ["layout", "strongest"]
