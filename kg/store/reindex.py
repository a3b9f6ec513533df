"""Bring a store built by an older kg up to this one: re-mint entity IRIs, then write the version record.

Entity IRIs are minted from labels (``kg.rdf.iris.entity_iri``); when the minting rules change (the IRI scheme of
``kg.store.version``), every quad naming an entity whose IRI changed is rewritten in one atomic update. Reindexing twice
changes nothing the second time. Ontology term changes would be mapped here too (none so far: ontology 0.1.0).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.iris import entity_iri
from kg.rdf.vocab import COARSE, ENTITIES_GRAPH, NS
from kg.store import version as meta
from kg.store.local import Store

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
    """Re-mint the entity IRIs of the store at ``location`` and record this kg's versions (caller holds the lock)."""
    with Store(location, create=False, check_version=False) as store:
        rows = store.query(_ENTITIES % ENTITIES_GRAPH)
        plain = [{"e": r["e"].value, "class": r["class"].value.removeprefix(NS), "label": r["label"].value,
                  "gn": int(r["gn"].value) if r["gn"] is not None else None}
                 for r in rows if r["class"].value.startswith(NS)]
        mapping = {ox.NamedNode(k): ox.NamedNode(v) for k, v in new_iris(plain).items()}
        old = [q for q in store.quads() if q.subject in mapping or q.object in mapping]
        new = [ox.Quad(mapping.get(q.subject, q.subject), q.predicate, mapping.get(q.object, q.object), q.graph_name)
               for q in old]
        store.rewrite(old, new)
    record = meta.current()
    meta.write_record(location, record)
    return ReindexResult(len(mapping), len(old), record)


__all__ = ["ReindexResult", "new_iris", "reindex"]
