"""The projected graphs kept beside a folder store, so that exploring (path after path) does not rebuild them.

The unfiltered ``entities`` and ``events`` views are written as node-link JSON through :mod:`kg.store.cache`,
stamped with the store's write generation and content fingerprint: the first command after a write builds the
view (about 10 s on a 1M-quad store) and keeps it; later ones read it back, until the next write. A filtered
view (``--class``, ``--since``...) is built each time, and so is every view of a remote store.

What centrality and communities read is smaller: :func:`kept_collapsed` keeps the collapsed entities view
(:func:`kg.views.analysis.collapse`: one weighted edge per linked pair, nodes with their label and class) as
compact JSON, 0.3 s to read back on a 1M-quad store against 4 s for the whole entities view.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.store.cache import read_cached, write_cached
from kg.views.analysis import collapse, collapsed, weighted_pairs
from kg.views.projection import Filter, view


def _graph(data: dict) -> nx.MultiGraph:
    return nx.node_link_graph(data, edges="edges", multigraph=True, directed=False)


def kept_view(store: Any, name: str = "entities", flt: Filter | None = None) -> nx.MultiGraph:
    """The named view of ``store``: read from the copy kept beside the store when it is still current, else built
    (and kept, when unfiltered)."""
    if flt is not None and flt != Filter():
        return view(store, name, flt)
    cache = f"kg-view-{name}.json"
    graph = read_cached(store, cache, _graph)
    if graph is None:
        graph = view(store, name)
        write_cached(store, cache, nx.node_link_data(graph, edges="edges"))
    return graph


def _collapsed(state: dict) -> nx.Graph:
    nodes = state["nodes"]
    return collapsed(((n, {"label": label, "cls": cls}) for n, label, cls in nodes),
                     ((nodes[i][0], nodes[j][0], w, c) for i, j, w, c in state["pairs"]))


def kept_collapsed(store: Any, flt: Filter | None = None) -> nx.Graph:
    """The collapsed entities view of ``store`` (nodes keep ``label`` and ``cls``): read from the copy kept beside
    the store when it is still current, else made from the entities view (and kept, when unfiltered)."""
    if flt is not None and flt != Filter():
        return collapse(view(store, "entities", flt))
    cache = "kg-view-collapsed.json"
    graph = read_cached(store, cache, _collapsed)
    if graph is None:
        entities = kept_view(store, "entities")
        index = {node: i for i, node in enumerate(entities)}
        state = {"nodes": [[n, d.get("label", str(n)), d.get("cls", "")] for n, d in entities.nodes(data=True)],
                 "pairs": [[index[u], index[v], w, c] for u, v, w, c in weighted_pairs(entities)]}
        write_cached(store, cache, state)
        graph = _collapsed(state)
    return graph


__all__ = ["kept_collapsed", "kept_view"]
