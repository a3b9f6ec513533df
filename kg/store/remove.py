"""Remove articles from a store by file name, article IRI, source or date, atomically, with a dry run.

A file name held by a graph that other names also hold (the same text under several names) only leaves that
graph; an article IRI, a source or a date removes whole graphs. Entities that only the removed articles supported
go with them (:mod:`kg.store.support`); removing every article leaves an empty store. An article without a
date is never dated before a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf.iris import ENTITIES, ID
from kg.store.support import plan_removal

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Removal:
    """What a removal took (or, in a dry run, would take): file names, and labels of entities left unsupported."""

    articles: list[str]
    entities: list[str]
    dry_run: bool = False


def _graphs_named(store: Any, name: str) -> list[ox.NamedNode]:
    """Article graphs that hold file name ``name``."""
    rows = store.query("SELECT ?n ?g WHERE { GRAPH ?g { ?g kg:fileName ?n } }", {"n": ox.Literal(name)})
    return [r["g"] for r in rows]


def select(store: Any, names: Iterable[str] = (), sources: Iterable[str] = (),
           before: str | None = None) -> list[tuple[ox.NamedNode, str | None]]:
    """(graph, file name) pairs to remove (``None``: the whole graph): the named articles, and those from one of
    ``sources`` dated before ``before`` (both must hold when both are given). Every name and source must match."""
    chosen: list[tuple[ox.NamedNode, str | None]] = []
    for name in names:
        if name.startswith(f"{ID}article/"):
            graph = ox.NamedNode(name)
            if not store.file_names(graph):
                raise StoreError(f"no article {name} in the store")
            chosen.append((graph, None))
            continue
        graphs = _graphs_named(store, name)
        if not graphs:
            raise StoreError(f"no article named '{name}' in the store")
        chosen += [(g, name) for g in graphs]
    by_source: set[ox.NamedNode] | None = None
    for source in sources:
        rows = store.query("SELECT ?s ?g WHERE { GRAPH ?g { ?g a kg:Article ; dcterms:source ?s } }",
                           {"s": ox.Literal(source)})
        if not rows:
            raise StoreError(f"no article from source '{source}' in the store")
        by_source = (by_source or set()) | {r["g"] for r in rows}
    by_date: set[ox.NamedNode] | None = None
    if before is not None:
        if not _DAY.fullmatch(before):
            raise StoreError(f"--before takes a day as YYYY-MM-DD, not '{before}'")
        rows = store.query(f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g a kg:Article ; kg:date ?d }} '
                           f'FILTER(?d < "{before}"^^xsd:date) }}')
        by_date = {r["g"] for r in rows}
    filters = [f for f in (by_source, by_date) if f is not None]
    if filters:
        chosen += [(g, None) for g in sorted(set.intersection(*filters), key=str)]
    return chosen


def remove_articles(store: Any, names: Iterable[str] = (), sources: Iterable[str] = (), before: str | None = None,
                    dry_run: bool = False) -> Removal:
    """Remove the selected articles in one atomic update (nothing at all when a name or source matches no article)."""
    chosen = select(store, list(names), list(sources), before)
    plan = plan_removal(store, chosen)
    files = {n for g, n in plan.unnamed} | {n for g in plan.dropped for n in store.file_names(g)}
    labels = _labels(store, plan.unsupported)
    if not dry_run:
        store.apply(plan)
    return Removal(sorted(files), labels, dry_run)


def _labels(store: Any, entities: list[ox.NamedNode]) -> list[str]:
    if not entities:
        return []
    values = " ".join(map(str, entities))
    rows = store.query(f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {values} }} GRAPH {ENTITIES} {{ ?e rdfs:label ?l }} }}")
    return sorted({r["l"].value for r in rows}, key=str.casefold)


__all__ = ["Removal", "remove_articles", "select"]
