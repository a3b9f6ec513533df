"""Projections of the RDF store to networkx, read with SPARQL: the ``entities`` and the ``events`` view.

:func:`entities_view` (also :func:`to_networkx`) is an undirected :class:`networkx.MultiGraph`: one node per
entity (id: its IRI; attributes ``label``, ``cls`` (finest class), ``aliases``, and ``lat``/``lon`` when
known) and one edge per distinct claim ``(subject, predicate, object, polarity)`` gathered over every
article. Claims are relation statements (predicate ``met``, ``reportedTo``...) and co-participation in one
event (predicate: event type and both roles, e.g. ``Capture:agent-place``). Each edge carries
``predicate``, ``subject`` and ``object`` (the way the claim reads), ``kind`` (``relation`` or ``event``),
``polarity``, ``confidence`` (the highest), ``weight`` (the number of distinct articles), ``evidence``
(sentences), ``articles`` (article IRIs), ``files``, ``dates`` (ISO) and ``claims``: one dict per
statement or event (``evidence``, ``article``, ``file``, ``date``, ``confidence``, ``origin``), most
confident first.

:func:`events_view` is bipartite: entities (``bipartite=0``) and events (``bipartite=1``; ``label``,
``cls`` (event type), ``date`` (when it happened: a day, ``first..last`` for a month, year or range, or empty
when the text does not date it), ``reported`` (its article's date), ``polarity``, ``confidence``,
``evidence``, ``article``, ``file``) linked
by one edge per role (``role``: ``agent``, ``place`` or ``claimedBy``). Entity nodes there also list the
places they lie in (``within``, from ``locatedIn`` statements).

Both views take a :class:`Filter`: entity classes, an inclusive date range (the event's date or first day,
else the article's), sources (file name, article IRI or ``dcterms:source``) and a minimum confidence. Under a
date or source filter an entity stays if it takes part in a kept claim or a kept article mentions it.

>>> Filter(classes=("Actor",), start="2025-11-01").where("conf", "date", "g", "file", "source")
'FILTER(?date >= "2025-11-01"^^xsd:date)'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.names import find_node
from kg.rdf.vocab import ENTITIES_GRAPH, ENTITY_CLASSES, NS
from kg.store.local import Store

ROLES = ("agent", "place", "claimedBy")
ACTORS = frozenset({"Person", "MilitaryUnit", "Organization", "Country"})
PLACES = frozenset({"Place", "Settlement", "Region", "Waterbody"})
KINDS: Mapping[str, frozenset[str]] = {"Actor": ACTORS, "Place": PLACES}
_COARSE = {"Place", "Actor"}

_ENTITIES = f"""
SELECT ?e ?cls ?label ?lat ?lon WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?cls ; rdfs:label ?label .
  OPTIONAL {{ ?e geo:lat ?lat ; geo:long ?lon }} }} }}
"""
_ALIASES = f"""
SELECT ?e ?alias WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e skos:altLabel ?alias }} }}
"""
_ARTICLE = """
  ?g kg:fileName ?file .
  OPTIONAL { ?g kg:date ?adate }
  OPTIONAL { ?g dcterms:source ?source }
"""
_MENTIONED = """
SELECT DISTINCT ?e WHERE { GRAPH ?g { ?g kg:mentions ?e . %s } BIND(?adate AS ?date) %s }
"""
_RELATIONS = """
SELECT ?st ?s ?p ?o ?conf ?evidence ?g ?file ?date WHERE { GRAPH ?g {
  ?st a kg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?conf .
  OPTIONAL { ?st kg:evidence ?evidence } %s }
  BIND(?adate AS ?date) %s }
"""
_EVENTS = """
SELECT ?ev ?type ?label ?conf ?evidence ?polarity ?g ?file ?date ?edate ?first ?last ?adate WHERE { GRAPH ?g {
  ?ev kg:article ?g ; a ?type ; kg:confidence ?conf .
  FILTER (?type != kg:RelationStatement)
  OPTIONAL { ?ev rdfs:label ?label }
  OPTIONAL { ?ev kg:evidence ?evidence }
  OPTIONAL { ?ev kg:polarity ?polarity }
  OPTIONAL { ?ev kg:date ?edate }
  OPTIONAL { ?ev kg:earliestDate ?first ; kg:latestDate ?last } %s }
  BIND(COALESCE(?edate, ?first, ?adate) AS ?date) %s }
"""
_MEMBERS = """
SELECT ?ev ?role ?x WHERE { GRAPH ?g { VALUES ?role { kg:agent kg:place kg:claimedBy } ?ev ?role ?x } }
"""
_WITHIN = "SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s kg:locatedIn ?o } }"


@dataclass(frozen=True)
class Filter:
    """What a view keeps: entity classes (names or ``Actor``/``Place``), dates, sources, confidence."""

    classes: tuple[str, ...] | None = None
    start: str | None = None
    end: str | None = None
    sources: tuple[str, ...] | None = None
    min_confidence: float = 0.0

    def allowed(self) -> frozenset[str] | None:
        """The finest class names kept, or None for all."""
        if not self.classes:
            return None
        known = (*KINDS, *ENTITY_CLASSES, "NewsOutlet")
        for name in self.classes:
            if name not in known:
                raise KgError(f"unknown class '{name}' (choose from {', '.join(known)})")
        return frozenset().union(*(KINDS.get(c, {c}) for c in self.classes))

    def where(self, conf: str, date: str, graph: str, file: str, source: str) -> str:
        """SPARQL FILTER clauses over the named variables (values validated, never pasted raw)."""
        parts = []
        if self.min_confidence > 0:
            parts.append(f"FILTER(?{conf} >= {float(self.min_confidence):.6f})")
        for op, day in ((">=", self.start), ("<=", self.end)):
            if day:
                parts.append(f'FILTER(?{date} {op} "{_iso(day)}"^^xsd:date)')
        if self.sources:
            names = ", ".join(str(ox.Literal(s)) for s in self.sources)
            parts.append(f"FILTER(?{file} IN ({names}) || STR(?{graph}) IN ({names}) || STR(?{source}) IN ({names}))")
        return " ".join(parts)

    @property
    def by_article(self) -> bool:
        """Whether the filter narrows articles (so entities are limited to those they mention)."""
        return bool(self.start or self.end or self.sources)


def _iso(day: str) -> str:
    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        raise KgError(f"'{day}' is not a date (use YYYY-MM-DD)") from None


def _local(iri: str) -> str:
    """The local name of an ontology IRI (after ``#`` or the last ``/``)."""
    return iri[len(NS):] if iri.startswith(NS) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(term: Any) -> str:
    return "" if term is None else term.value


def _nodes(store: Store, flt: Filter) -> dict[str, dict[str, Any]]:
    """Entity node attributes of the classes the filter keeps."""
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    coords: dict[str, tuple[float, float]] = {}
    for r in store.query(_ENTITIES):
        node = r["e"].value
        classes[node].add(_local(r["cls"].value))
        labels[node].add(r["label"].value)
        if r["lat"] is not None and r["lon"] is not None:
            coords[node] = (float(r["lat"].value), float(r["lon"].value))
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in store.query(_ALIASES):
        aliases[r["e"].value].add(r["alias"].value)
    allowed = flt.allowed()
    nodes = {}
    for node in sorted(classes):
        label = min(labels[node])
        cls = min(classes[node], key=lambda c: (c in _COARSE, c not in ENTITY_CLASSES, c))
        if allowed is not None and cls not in allowed:
            continue
        attrs: dict[str, Any] = {"label": label, "cls": cls, "aliases": sorted((aliases[node] | labels[node]) - {label})}
        if node in coords:
            attrs["lat"], attrs["lon"] = coords[node]
        nodes[node] = attrs
    return nodes


def _prune(graph: nx.Graph, store: Store, flt: Filter) -> None:
    """Under a date or source filter, drop unlinked entities that no kept article mentions."""
    if not flt.by_article:
        return
    query = _MENTIONED % (_ARTICLE, flt.where("conf", "date", "g", "file", "source"))
    mentioned = {r["e"].value for r in store.query(query)}
    graph.remove_nodes_from([n for n, b in graph.nodes(data="bipartite", default=0)
                             if b == 0 and n not in mentioned and graph.degree(n) == 0])


def _events(store: Store, flt: Filter) -> dict[str, dict[str, Any]]:
    """Every event passing the filter, with its members as ``(role index, entity)`` pairs."""
    query = _EVENTS % (_ARTICLE, flt.where("conf", "date", "g", "file", "source"))
    events = {r["ev"].value: {"type": _local(r["type"].value), "label": _text(r["label"]) or _local(r["type"].value),
                              "confidence": float(r["conf"].value), "evidence": _text(r["evidence"]),
                              "polarity": _text(r["polarity"]) or "asserted", "article": r["g"].value,
                              "file": r["file"].value, "sortdate": _text(r["date"]), "reported": _text(r["adate"]),
                              "date": _text(r["edate"]) or (f"{_text(r['first'])}..{_text(r['last'])}"
                                                            if r["first"] is not None else ""), "members": set()}
              for r in store.query(query)}
    for r in store.query(_MEMBERS):
        if r["ev"].value in events:
            events[r["ev"].value]["members"].add((ROLES.index(_local(r["role"].value)), r["x"].value))
    return events


def entities_view(store: Store, flt: Filter | None = None) -> nx.MultiGraph:
    """Entities linked by relation statements and shared events, one edge per distinct claim."""
    flt = flt or Filter()
    graph = nx.MultiGraph(name="kg entities")
    graph.add_nodes_from(_nodes(store, flt).items())
    index: dict[tuple, int] = {}
    rows = store.query(_RELATIONS % (_ARTICLE, flt.where("conf", "date", "g", "file", "source")))
    for r in sorted(rows, key=lambda r: (r["file"].value, r["st"].value)):
        s, o = r["s"].value, r["o"].value
        if s != o and s in graph and o in graph:
            claim = {"evidence": _text(r["evidence"]), "article": r["g"].value, "file": r["file"].value,
                     "date": _text(r["date"]), "confidence": float(r["conf"].value), "origin": r["st"].value}
            _claim(graph, index, s, o, _local(r["p"].value), "relation", "asserted", claim)
    for ev, info in sorted(_events(store, flt).items()):
        seen: dict[str, str] = {}
        for role, node in sorted(info["members"]):
            if node in graph:
                seen.setdefault(node, ROLES[role])
        members = list(seen.items())
        claim = {k: info[k] for k in ("evidence", "article", "file", "confidence")} | {"origin": ev,
                                                                                        "date": info["sortdate"]}
        for i, (a, role_a) in enumerate(members):
            for b, role_b in members[i + 1:]:
                _claim(graph, index, a, b, f"{info['type']}:{role_a}-{role_b}", "event", info["polarity"], claim)
    for _, _, data in graph.edges(data=True):
        _summarise(data)
    _prune(graph, store, flt)
    return graph


def to_networkx(store: Store, min_confidence: float = 0.0, flt: Filter | None = None) -> nx.MultiGraph:
    """The entities view (:func:`entities_view`), keeping claims with confidence >= ``min_confidence``."""
    flt = flt or Filter()
    if min_confidence:
        flt = Filter(flt.classes, flt.start, flt.end, flt.sources, max(min_confidence, flt.min_confidence))
    return entities_view(store, flt)


def _claim(graph: nx.MultiGraph, index: dict[tuple, int], s: str, o: str, predicate: str, kind: str,
           polarity: str, claim: dict[str, Any]) -> None:
    key = (s, predicate, o, polarity)
    if key not in index:
        index[key] = graph.add_edge(s, o, predicate=predicate, subject=s, object=o, kind=kind, polarity=polarity,
                                    claims=[])
    graph.edges[s, o, index[key]]["claims"].append(claim)


def _summarise(data: dict[str, Any]) -> None:
    """Fill an edge's confidence, weight, evidence, articles, files and dates from its claims."""
    claims = data["claims"]
    claims.sort(key=lambda c: (-c["confidence"], c["file"], c["origin"]))
    data["confidence"] = claims[0]["confidence"]
    data["weight"] = len({c["article"] for c in claims})
    for field, key in (("evidence", "evidence"), ("articles", "article"), ("files", "file"), ("dates", "date")):
        data[field] = list(dict.fromkeys(c[key] for c in claims if c[key]))
    data["dates"].sort()


def events_view(store: Store, flt: Filter | None = None) -> nx.MultiGraph:
    """Bipartite graph of entities and the events they take part in, one edge per role."""
    flt = flt or Filter()
    graph = nx.MultiGraph(name="kg events")
    nodes = _nodes(store, flt)
    within: dict[str, list[str]] = defaultdict(list)
    for r in store.query(_WITHIN):
        within[r["s"].value].append(r["o"].value)
    graph.add_nodes_from((n, attrs | {"bipartite": 0, "within": sorted(within[n])}) for n, attrs in nodes.items())
    for ev, info in sorted(_events(store, flt).items()):
        members = [(ROLES[role], node) for role, node in sorted(info["members"]) if node in graph]
        if not members:
            continue
        graph.add_node(ev, bipartite=1, cls=info["type"], **{k: info[k] for k in (
            "label", "date", "reported", "polarity", "confidence", "evidence", "article", "file")})
        for role, node in members:
            graph.add_edge(node, ev, key=role, role=role, predicate=role)
    _prune(graph, store, flt)
    return graph


def view(store: Store, name: str = "entities", flt: Filter | None = None) -> nx.MultiGraph:
    """The named view (``entities`` or ``events``)."""
    views = {"entities": entities_view, "events": events_view}
    if name not in views:
        raise KgError(f"unknown view '{name}' (choose from {', '.join(views)})")
    return views[name](store, flt)


def ego(graph: nx.Graph, name: str, hops: int = 1) -> nx.Graph:
    """The part of ``graph`` within ``hops`` links of entity ``name`` (label, alias or id).

    >>> g = nx.MultiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(g, {n: n.upper() for n in g}, "label")
    >>> sorted(ego(g, "B", 1))
    ['a', 'b', 'c']
    """
    if hops < 0:
        raise KgError(f"--hops must be 0 or more, not {hops}")
    return nx.ego_graph(graph, find_node(graph, name), radius=hops)


__all__ = ["ACTORS", "KINDS", "PLACES", "ROLES", "Filter", "ego", "entities_view", "events_view",
           "to_networkx", "view"]
