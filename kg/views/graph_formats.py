"""The graph in other tools' formats: GraphML and GEXF for Gephi, GeoJSON of places for QGIS or web maps.

GraphML and GEXF hold the entities view of :mod:`kg.views.projection` with every node and edge attribute; list
attributes (aliases, evidence, articles, dates) become one string joined by `` | `` since neither format
has lists, and per-claim detail is dropped. GeoJSON holds one Point feature per place with coordinates,
with its events (type, date, agents, claimants, polarity, evidence, article) and the relation claims
that name it.

>>> g = nx.MultiGraph()
>>> g.add_node("e:1", label="Kupiansk", cls="Settlement", aliases=["Kupyansk"], lat=49.71, lon=37.61)
>>> flat(g).nodes["e:1"]["aliases"]
'Kupyansk'
>>> sorted(GRAPH_FORMATS)
['geojson', 'gexf', 'graphml']
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.views.kept import kept_view
from kg.views.projection import PLACES, ROLES

GRAPH_FORMATS = ("graphml", "gexf", "geojson")
EXTENSIONS = {"graphml": ".graphml", "gexf": ".gexf", "geojson": ".geojson"}
SEPARATOR = " | "


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, (list, tuple, set, frozenset)):
        return SEPARATOR.join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return "" if value is None else str(value)


def flat(graph: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of ``graph`` whose attributes are all strings or numbers (``claims`` dropped)."""
    out = nx.MultiGraph(name=graph.graph.get("name", "kg"))
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in data.items() if k != "claims" and x is not None})
    return out


def graphml(graph: nx.MultiGraph) -> bytes:
    """GraphML of the entities view (loads back with ``networkx.read_graphml``)."""
    buffer = io.BytesIO()
    nx.write_graphml(flat(graph), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def gexf(graph: nx.MultiGraph) -> bytes:
    """GEXF 1.2 of the entities view, Gephi's own format (node label = entity label)."""
    buffer = io.BytesIO()
    nx.write_gexf(flat(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def _events_at(events: nx.Graph, place: str) -> list[dict[str, Any]]:
    """The events in which ``place`` takes a role, as plain dicts ordered by date."""
    out = []
    for ev in events[place] if place in events else ():
        data = events.nodes[ev]
        roles: dict[str, list[str]] = {r: [] for r in ROLES}
        for _, other, edge in events.edges(ev, data=True):
            roles[edge["role"]].append(events.nodes[other].get("label", str(other)))
        out.append({"event": ev, "type": data.get("cls", ""), "label": data.get("label", ""),
                    "date": data.get("date") or None, "places": sorted(roles["place"]),
                    "agents": sorted(roles["agent"]), "claimedBy": sorted(roles["claimedBy"]),
                    "polarity": data.get("polarity", "asserted"), "confidence": data.get("confidence"),
                    "evidence": data.get("evidence", ""), "article": data.get("article", ""),
                    "file": data.get("file", "")})
    out.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["type"], e["event"]))
    return out


def _claims_about(graph: nx.MultiGraph, place: str) -> list[dict[str, Any]]:
    """The relation claims of the entities view that name ``place``, with their evidence and sources."""
    out = []
    for _, _, data in graph.edges(place, data=True):
        if data.get("kind") != "relation":
            continue
        label = graph.nodes
        for c in data.get("claims", []):
            out.append({"subject": label[data["subject"]]["label"], "predicate": data["predicate"],
                        "object": label[data["object"]]["label"], "evidence": c["evidence"], "date": c["date"] or None,
                        "confidence": c["confidence"], "article": c["article"], "file": c["file"]})
    out.sort(key=lambda c: (c["predicate"], c["subject"], c["object"], c["file"]))
    return out


def geojson(graph: nx.MultiGraph, events: nx.MultiGraph) -> bytes:
    """A GeoJSON FeatureCollection of the places of ``graph`` (entities view) that have coordinates.

    ``events`` is the events view of the same store. Raises :class:`KgError` if the result is not valid
    GeoJSON (checked with the ``geojson`` package).
    """
    import geojson as gj  # lazy: only the geojson export needs it

    features = []
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: (nd[1].get("label", ""), nd[0])):
        if data.get("cls") not in PLACES or data.get("lat") is None or data.get("lon") is None:
            continue
        props = {"iri": node, "label": data.get("label", ""), "class": data.get("cls", ""),
                 "aliases": list(data.get("aliases", [])), "events": _events_at(events, node),
                 "claims": _claims_about(graph, node)}
        features.append(gj.Feature(id=node, geometry=gj.Point((float(data["lon"]), float(data["lat"]))),
                                   properties=props))
    collection = gj.FeatureCollection(features)
    if not collection.is_valid:
        raise KgError(f"invalid GeoJSON: {collection.errors()}")
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def export_graph(store: Any, fmt: str, flt: Any = None) -> bytes:
    """The store's entities view (and, for GeoJSON, events view) as ``graphml``, ``gexf`` or ``geojson``."""
    if fmt not in GRAPH_FORMATS:
        raise KgError(f"unknown graph format '{fmt}' (choose from {', '.join(GRAPH_FORMATS)})")
    graph = kept_view(store, "entities", flt)
    if fmt == "geojson":
        return geojson(graph, kept_view(store, "events", flt))
    return graphml(graph) if fmt == "graphml" else gexf(graph)


__all__ = ["EXTENSIONS", "GRAPH_FORMATS", "export_graph", "flat", "geojson", "gexf", "graphml"]
