"""The store as a networkx graph: entities are nodes, relation statements and shared events are edges.

The graph is an undirected :class:`networkx.MultiGraph`, so path finding and centrality ignore
direction; every edge keeps the direction of its statement in its ``subject`` and ``object``
attributes. Node ids are entity IRIs; node attributes are ``label``, ``cls`` (finest class, local
name) and ``aliases``. Edge attributes are ``predicate``, ``evidence``, ``article`` (file name),
``confidence``, ``subject``, ``object``, ``kind`` (``"relation"`` or ``"event"``), ``origin`` (the
statement or event IRI) and, for events, ``polarity``. Two entities taking part in one event (as
agent, place or claimant) are linked by an edge whose predicate names the event type and both roles,
e.g. ``Capture:agent-place``.

>>> g = nx.MultiGraph()
>>> g.add_node("e:1", label="Valery Gerasimov", cls="Person", aliases=["Gerasimov"])
>>> g.add_node("e:2", label="Vladimir Putin", cls="Person", aliases=["Putin"])
>>> find_entity(g, "gerasimov")
'e:1'
>>> find_entity(g, "  VLADIMIR   putin ")
'e:2'
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.errors import EntityNotFound
from kg.store import Store
from kg.vocab import ENTITIES_GRAPH, NS

ROLES = ("agent", "place", "claimedBy")
_COARSE = {"Place", "Actor"}

_ENTITIES = f"""
SELECT ?e ?cls ?label WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?cls ; rdfs:label ?label }} }}
"""
_ALIASES = f"""
SELECT ?e ?alias WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e skos:altLabel ?alias }} }}
"""
_RELATIONS = """
SELECT ?st ?s ?p ?o ?conf ?evidence ?file WHERE { GRAPH ?g {
  ?st a kg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?conf .
  OPTIONAL { ?st kg:evidence ?evidence }
  ?g kg:fileName ?file } }
"""
_EVENTS = """
SELECT ?ev ?type ?conf ?evidence ?polarity ?file WHERE { GRAPH ?g {
  ?ev kg:article ?g ; a ?type ; kg:confidence ?conf .
  FILTER (?type != kg:RelationStatement)
  OPTIONAL { ?ev kg:evidence ?evidence }
  OPTIONAL { ?ev kg:polarity ?polarity }
  ?g kg:fileName ?file } }
"""
_MEMBERS = """
SELECT ?ev ?role ?x WHERE { GRAPH ?g { VALUES ?role { kg:agent kg:place kg:claimedBy } ?ev ?role ?x } }
"""


def _local(iri: str) -> str:
    """The local name of an ontology IRI (after ``#`` or the last ``/``)."""
    return iri[len(NS):] if iri.startswith(NS) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(term: Any) -> str:
    return "" if term is None else term.value


def to_networkx(store: Store, min_confidence: float = 0.0) -> nx.MultiGraph:
    """Build the entity graph of ``store``, keeping edges with confidence >= ``min_confidence``."""
    graph = nx.MultiGraph(name="kg")
    _add_entities(graph, store)
    rows = store.query(_RELATIONS)
    rows.sort(key=lambda r: (r["file"].value, r["st"].value))
    for r in rows:
        s, o, conf = r["s"].value, r["o"].value, float(r["conf"].value)
        if conf < min_confidence or s == o or s not in graph or o not in graph:
            continue
        graph.add_edge(s, o, predicate=_local(r["p"].value), evidence=_text(r["evidence"]),
                       article=r["file"].value, confidence=conf, subject=s, object=o,
                       kind="relation", origin=r["st"].value)
    for ev, info in sorted(_events(store).items()):
        if info["confidence"] >= min_confidence:
            _add_event(graph, ev, info)
    return graph


def _add_entities(graph: nx.MultiGraph, store: Store) -> None:
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for r in store.query(_ENTITIES):
        classes[r["e"].value].add(_local(r["cls"].value))
        labels[r["e"].value].add(r["label"].value)
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in store.query(_ALIASES):
        aliases[r["e"].value].add(r["alias"].value)
    for node in sorted(classes):
        label = min(labels[node])
        cls = min(classes[node], key=lambda c: (c in _COARSE, c))
        others = (aliases[node] | labels[node]) - {label}
        graph.add_node(node, label=label, cls=cls, aliases=sorted(others))


def _events(store: Store) -> dict[str, dict[str, Any]]:
    events = {r["ev"].value: {"type": _local(r["type"].value), "confidence": float(r["conf"].value),
                              "evidence": _text(r["evidence"]), "polarity": _text(r["polarity"]) or "asserted",
                              "article": r["file"].value, "members": set()}
              for r in store.query(_EVENTS)}
    for r in store.query(_MEMBERS):
        if r["ev"].value in events:
            events[r["ev"].value]["members"].add((ROLES.index(_local(r["role"].value)), r["x"].value))
    return events


def _add_event(graph: nx.MultiGraph, ev: str, info: dict[str, Any]) -> None:
    seen: dict[str, str] = {}
    for role, node in sorted(info["members"]):
        if node in graph:
            seen.setdefault(node, ROLES[role])
    members = list(seen.items())
    for i, (a, role_a) in enumerate(members):
        for b, role_b in members[i + 1:]:
            graph.add_edge(a, b, predicate=f"{info['type']}:{role_a}-{role_b}", evidence=info["evidence"],
                           article=info["article"], confidence=info["confidence"], subject=a, object=b,
                           kind="event", origin=ev, polarity=info["polarity"])


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def find_entity(graph: nx.Graph, text: str) -> str:
    """The node whose label, else alias, matches ``text`` (case-insensitive, then by spelling key).

    Ties go to the node with the most edges. Raises :class:`EntityNotFound` when nothing matches.
    """
    from kg.extract.translit import fold

    if text in graph:
        return text
    want, key = _norm(text), fold(text)
    tiers: list[list[str]] = [[], [], []]
    for node, data in graph.nodes(data=True):
        label, aliases = data.get("label", ""), data.get("aliases", ())
        if _norm(label) == want:
            tiers[0].append(node)
        elif any(_norm(a) == want for a in aliases):
            tiers[1].append(node)
        elif key and any(fold(n) == key for n in (label, *aliases)):
            tiers[2].append(node)
    for tier in tiers:
        if tier:
            return min(tier, key=lambda n: (-graph.degree(n), n))
    raise EntityNotFound(f"no entity matches '{text}'")


__all__ = ["ROLES", "find_entity", "to_networkx"]
