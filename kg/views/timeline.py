"""The events of one entity or place in date order, with who claims them, read from the events view.

>>> g = nx.MultiGraph()
>>> g.add_node("k", label="Kupiansk", cls="Settlement", aliases=[], bipartite=0, within=["o"])
>>> g.add_node("o", label="Kharkiv Oblast", cls="Region", aliases=[], bipartite=0, within=[])
>>> g.add_node("r", label="Russia", cls="Country", aliases=[], bipartite=0, within=[])
>>> g.add_node("ev1", bipartite=1, cls="Capture", label="Capture of Kupiansk", date="2025-11-20",
...            polarity="denied", confidence=0.6, evidence="Kyiv denied the capture.", article="a:1",
...            file="kyiv.txt")
>>> _ = g.add_edges_from([("k", "ev1", "place", {"role": "place"}), ("r", "ev1", "agent", {"role": "agent"})])
>>> [(e.date, e.type, e.places, e.agents, e.polarity) for e in timeline(g, "Kharkiv Oblast")]
[('2025-11-20', 'Capture', ['Kupiansk'], ['Russia'], 'denied')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.names import find_node


@dataclass(frozen=True)
class Entry:
    """One event on a timeline: what, where, who, who says so, and where it was read."""

    date: str
    type: str
    label: str
    role: str
    places: list[str]
    agents: list[str]
    claimed_by: list[str]
    polarity: str
    evidence: str
    file: str
    confidence: float
    event: str
    reported: str = ""


def _inside(graph: nx.Graph, place: str) -> set[str]:
    """``place`` and every node lying in it, directly or through other places."""
    children: dict[str, set[str]] = defaultdict(set)
    for node, within in graph.nodes(data="within"):
        for parent in within or ():
            children[parent].add(node)
    found, todo = {place}, [place]
    while todo:
        for child in children[todo.pop()] - found:
            found.add(child)
            todo.append(child)
    return found


def timeline(graph: nx.MultiGraph, name: str) -> list[Entry]:
    """Events in which entity ``name`` (label, alias or id) takes any role, or that happen in it, by date.

    An event the text does not date is placed at its report date (its article's), and one of neither comes
    last. ``graph`` is the events view of :func:`kg.views.projection.events_view`.
    """
    focus = find_node(graph, name)
    nodes = _inside(graph, focus)
    label = graph.nodes
    entries = []
    events = {ev for n in nodes for ev in graph[n] if label[ev].get("bipartite") == 1}
    for ev in events:
        roles: dict[str, list[str]] = defaultdict(list)
        for _, other, data in sorted(graph.edges(ev, data=True), key=lambda e: label[e[1]].get("label", "")):
            roles[data["role"]].append(label[other].get("label", str(other)))
        data = label[ev]
        own = sorted({d["role"] for n in nodes if graph.has_edge(n, ev) for d in graph[n][ev].values()})
        entries.append(Entry(data.get("date", ""), data.get("cls", ""), data.get("label", ""), ",".join(own),
                             roles["place"], roles["agent"], roles["claimedBy"], data.get("polarity", "asserted"),
                             data.get("evidence", ""), data.get("file", ""), float(data.get("confidence", 0.0)), ev,
                             data.get("reported", "")))
    entries.sort(key=lambda e: (e.date == "" and e.reported == "", e.date or e.reported, e.type, e.file, e.event))
    return entries


def format_timeline(entries: list[Entry]) -> list[str]:
    """One line per event: when it happened, when it was reported, type, places, agents, claimants with
    polarity, evidence and article.

    >>> format_timeline([Entry("2025-11-20", "Capture", "", "place", ["Kupiansk"], ["Russia"], ["Kyiv"],
    ...                        "denied", "Kyiv denied it.", "kyiv.txt", 0.6, "e", "2025-11-21")])
    ['2025-11-20  reported 2025-11-21  Capture at Kupiansk by Russia; claimed by Kyiv (denied)  "Kyiv denied it." [kyiv.txt]']
    """
    lines = []
    width = max((len(e.date) for e in entries), default=10)
    for e in entries:
        text = f"{e.date or '(undated)':<{width}}  reported {e.reported or '(no date)':<10}  {e.type}"
        if e.places:
            text += " at " + ", ".join(e.places)
        if e.agents:
            text += " by " + ", ".join(e.agents)
        if e.claimed_by:
            text += "; claimed by " + ", ".join(e.claimed_by)
        if e.polarity != "asserted":
            text += f" ({e.polarity})"
        if e.evidence:
            text += f'  "{e.evidence}"'
        lines.append(f"{text} [{e.file}]")
    return lines


__all__ = ["Entry", "format_timeline", "timeline"]
