"""Bring a store built by an older kg up to this one: re-mint entity IRIs, then write the version record.

Entity IRIs are minted from labels (``kg.rdf.iris.entity_iri``); when the minting rules change (the IRI scheme of
``kg.store.version``), every quad naming an entity whose IRI changed is rewritten in one atomic update, and the old
IRI stays as ``owl:sameAs`` of the new one (in the entities graph and in the description each article records, so
it lasts as long as the entity does): links made to the old IRI still resolve. Reindexing twice changes nothing
the second time. A store of ontology 0.1 gets what each article supports (``kg:description``,
:mod:`kg.store.support`), taken from the entities graph as it stands. A store before ontology 0.3 gets the
precision of each dated event (``kg:datePrecision``: "day" beside ``kg:date``, else from its earliest and latest
day); its events keep the dates they were given (an older kg gave meetings, visits and statements the article's
date), so re-ingest the articles for the dating rules of 0.3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.build import range_precision
from kg.rdf.descriptions import description_text, parse_description
from kg.rdf.iris import ENTITIES, OWL_SAME, entity_iri, term
from kg.rdf.vocab import COARSE, ENTITIES_GRAPH, NS
from kg.store import version as meta
from kg.store.local import Store

DESCRIPTION = term("description")
PRECISION = term("datePrecision")
_IRI = re.compile(r"<([^<>\s]+)>")
_TYPES = {**COARSE, "NewsOutlet": "Organization"}  # class -> the record type its IRI is minted from
_ENTITIES = """SELECT ?e ?class ?label ?gn WHERE { GRAPH <%s> { ?e a ?class ; rdfs:label ?label
                 OPTIONAL { ?e kg:geonamesId ?gn } } }"""


@dataclass(frozen=True)
class ReindexResult:
    """How many entity IRIs changed and quads were rewritten, and the record now written."""

    entities: int
    quads: int
    record: dict


def new_iris(rows: list[dict]) -> dict[str, str]:
    """Old entity IRI -> IRI under this kg's rules, for the entities whose IRI changes.

    >>> new_iris([{"e": "https://w3id.org/kg-news/id/entity/person/x", "class": "Person", "label": "محمد", "gn": None}])
    {'https://w3id.org/kg-news/id/entity/person/x': 'https://w3id.org/kg-news/id/entity/person/محمد'}
    """
    candidates: dict[str, set[str]] = {}
    for row in rows:
        kind = _TYPES.get(row["class"], row["class"])
        entity = {"label": row["label"], "type": kind, "geonames": row["gn"]}
        candidates.setdefault(row["e"], set()).add(entity_iri(entity).value)
    return {old: min(new) for old, new in candidates.items() if old not in new}


def reindex(location: str | Path) -> ReindexResult:
    """Re-mint the entity IRIs of the store at ``location``, record what each older article supports, and record
    this kg's versions (caller holds the lock)."""
    with Store(location, create=False, check_version=False) as store:
        rows = store.query(_ENTITIES % ENTITIES_GRAPH)
        plain = [{"e": r["e"].value, "class": r["class"].value.removeprefix(NS), "label": r["label"].value,
                  "gn": int(r["gn"].value) if r["gn"] is not None else None}
                 for r in rows if r["class"].value.startswith(NS)]
        mapping = {ox.NamedNode(k): ox.NamedNode(v) for k, v in new_iris(plain).items()}
        names = {k.value for k in mapping}
        old = [q for q in store.quads() if q.subject in mapping or q.object in mapping or
               q.predicate == DESCRIPTION and _names_any(q.object, names)]
        new = [ox.Quad(mapping.get(q.subject, q.subject), q.predicate, _renamed(q.object, mapping, names),
                       q.graph_name) for q in old]
        new += [ox.Quad(iri, OWL_SAME, was, ENTITIES) for was, iri in mapping.items()]
        store.rewrite(old, new)
        support = support_quads(store) + precision_quads(store)
        store.add_quads(support)
        record = meta.current()
        meta.write_record(location, record)
        store.record = record
        store.publish(force=True)  # readers see the store under its new record at once
    return ReindexResult(len(mapping), len(old) + len(support), record)


def _names_any(term: ox.Term, names: set[str]) -> bool:
    """Whether a literal (a recorded description) names one of the IRIs ``names``: the IRIs it holds are looked up,
    so the cost is the literal's length, not the literal times the mapping (a 1M-quad store re-mints ~13,000)."""
    return isinstance(term, ox.Literal) and any(iri in names for iri in _IRI.findall(term.value))


def _renamed(term: ox.Term, mapping: dict[ox.NamedNode, ox.NamedNode], names: set[str]) -> ox.Term:
    """A term with re-minted IRIs, inside a recorded description too (which then records the old IRI as
    ``owl:sameAs`` of its new one)."""
    if _names_any(term, names):
        triples = parse_description(term.value)
        renamed = [ox.Triple(mapping.get(t.subject, t.subject), t.predicate, mapping.get(t.object, t.object))
                   for t in triples]
        renamed += [ox.Triple(mapping[s], OWL_SAME, s) for s in {t.subject for t in triples} if s in mapping]
        return ox.Literal(description_text(renamed))
    return mapping.get(term, term)


def support_quads(store: Store) -> list[ox.Quad]:
    """What article graphs written before kg recorded support (ontology 0.1) support: taken to be the whole stored
    description of each entity the graph mentions and of its news outlet (an approximation: such a graph may
    keep an alias alive that it never gave)."""
    bare = "FILTER NOT EXISTS { GRAPH ?g { ?x kg:description ?d } }"
    rows = store.query(f"SELECT DISTINCT ?g ?e WHERE {{ {{ GRAPH ?g {{ ?g a kg:Article ; kg:mentions ?e }} }} UNION "
                       f"{{ GRAPH ?g {{ ?g a kg:Article ; dcterms:source ?s }} GRAPH <{ENTITIES_GRAPH}> "
                       f"{{ ?e a kg:NewsOutlet ; rdfs:label ?s }} }} {bare} }}")
    if not rows:
        return []
    described: dict[ox.NamedNode, list[ox.Triple]] = {}
    for q in store.quads(ENTITIES):
        described.setdefault(q.subject, []).append(q.triple)
    texts = {e: ox.Literal(description_text(triples)) for e, triples in described.items()}
    return [ox.Quad(r["e"], DESCRIPTION, texts[r["e"]], r["g"]) for r in rows if r["e"] in texts]


def precision_quads(store: Store) -> list[ox.Quad]:
    """``kg:datePrecision`` for the dated events of a store written before ontology 0.3 (which had none)."""
    rows = store.query("SELECT ?g ?ev ?day ?first ?last WHERE { GRAPH ?g { ?ev kg:article ?g "
                       "OPTIONAL { ?ev kg:date ?day } OPTIONAL { ?ev kg:earliestDate ?first ; kg:latestDate ?last } "
                       "FILTER((BOUND(?day) || BOUND(?first)) && NOT EXISTS { ?ev kg:datePrecision ?p }) } }")
    return [ox.Quad(r["ev"], PRECISION, ox.Literal("day" if r["day"] is not None else
                                                   range_precision(r["first"].value, r["last"].value)), r["g"])
            for r in rows]


__all__ = ["ReindexResult", "new_iris", "precision_quads", "reindex"]
