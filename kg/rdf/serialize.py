"""Export the whole store as RDF files that load unchanged into another triple store.

``trig`` (the default) and ``nquads`` keep every named graph (one per article, plus the entities graph);
``jsonld`` keeps them too (named graphs as ``@graph`` objects); ``turtle`` has no graph names, so it writes
the default-graph view: every triple of every graph merged, each distinct triple once.

>>> sorted(FORMATS)
['jsonld', 'nquads', 'trig', 'turtle']
>>> export(None, "rdfxml")
Traceback (most recent call last):
...
kg.errors.KgError: unknown export format 'rdfxml' (choose from trig, turtle, nquads, jsonld)
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.build import build_records
from kg.rdf.iris import SERIALIZE_PREFIXES
from kg.text.escape import escape_serialized

FORMATS = ("trig", "turtle", "nquads", "jsonld")
EXTENSIONS = {"trig": ".trig", "turtle": ".ttl", "nquads": ".nq", "jsonld": ".jsonld"}
_OX = {"trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS}


def _check(fmt: str) -> str:
    if fmt not in FORMATS:
        raise KgError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    return fmt


def _triples(store: Any) -> Iterator[ox.Triple]:
    """Each distinct triple of the store once, whatever graph holds it."""
    seen: set[ox.Triple] = set()
    for q in store.quads():
        triple = ox.Triple(q.subject, q.predicate, q.object)
        if triple not in seen:
            seen.add(triple)
            yield triple


def export(store: Any, fmt: str = "trig") -> bytes:
    """The whole store serialized as ``trig``, ``turtle`` (merged default-graph view), ``nquads`` or ``jsonld``."""
    _check(fmt)
    if fmt == "jsonld":
        return escape_serialized(_jsonld(store))
    items = _triples(store) if fmt == "turtle" else store.quads()
    prefixes = None if fmt == "nquads" else SERIALIZE_PREFIXES
    return escape_serialized(ox.serialize(items, format=_OX[fmt], prefixes=prefixes))


def _jsonld(store: Any) -> bytes:
    """JSON-LD through rdflib: a Dataset with one named graph per graph of the store, compacted with our prefixes."""
    from rdflib import Dataset  # lazy: rdflib loads only for JSON-LD

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        dataset.parse(data=ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS), format="nquads")
        text = dataset.serialize(format="json-ld", context=dict(SERIALIZE_PREFIXES), auto_compact=True)
    return json.dumps(json.loads(text), ensure_ascii=False, indent=1).encode("utf-8")


def export_to(store: Any, fmt: str, path: str | Path) -> Path:
    """Write :func:`export` output to ``path`` (parent folders created) and return the path."""
    data = export(store, _check(fmt))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target



def records_to_trig(records: Iterable[tuple[dict, str]]) -> str:
    """TriG text of the RDF that storing these (record, content hash) pairs would write."""
    quads = [q for rdf in build_records(records) for q in (*rdf.quads, *rdf.entity_quads)]
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=SERIALIZE_PREFIXES).decode("utf-8")

__all__ = ["FORMATS", "EXTENSIONS", "export", "export_to", "records_to_trig"]
