"""The projected graphs kept beside a folder store, so that exploring (path after path) does not rebuild them.

The unfiltered ``entities`` and ``events`` views are written as node-link JSON through :mod:`kg.store.cache`,
stamped with the store's write generation and content fingerprint: the first command after a write builds the
view (about 10 s on a 1M-quad store) and keeps it; later ones read it back, until the next write. A filtered
view (``--class``, ``--since``...) is built each time, and so is every view of a remote store.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.store.cache import read_cached, write_cached
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


__all__ = ["kept_view"]
