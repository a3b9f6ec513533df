"""Entity descriptions as a function of the stored articles: what each article supports, and the update that
keeps the entities graph equal to the union of what the remaining articles support.

Every article graph records, for each entity it describes, the N-Triples of that description
(``GRAPH article { entity kg:description "..." }``, written by :func:`kg.rdf.build.build_article`). Adding an
article only adds to descriptions; dropping one recomputes the description of each entity it supported from the
articles still stored, in the same update as the drop, so an alias, type or entity no stored article supports does
not survive and one that any stored article supports is never lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.rdf.descriptions import parse_description
from kg.rdf.iris import ENTITIES, term

_CHUNK = 500  # entities per look-up query


@dataclass
class Plan:
    """What one write does to article graphs: graphs dropped whole, file names taken off graphs that stay, and
    the entities whose descriptions must be recomputed (with their new descriptions)."""

    dropped: list[ox.NamedNode] = field(default_factory=list)
    unnamed: list[tuple[ox.NamedNode, str]] = field(default_factory=list)
    descriptions: dict[ox.NamedNode, set[ox.Triple]] = field(default_factory=dict)

    @property
    def unsupported(self) -> list[ox.NamedNode]:
        """Entities left with no supporting article (removed with their whole description)."""
        return sorted((e for e, triples in self.descriptions.items() if not triples), key=str)

    def update(self) -> str:
        """SPARQL update text that carries out the plan (to run before inserting any new article graph)."""
        ops = [f"DELETE DATA {{ GRAPH {g} {{ {g} {term('fileName')} {ox.Literal(n)} }} }}" for g, n in self.unnamed]
        ops += [f"DROP SILENT GRAPH {g}" for g in self.dropped]
        touched = list(self.descriptions)
        for i in range(0, len(touched), _CHUNK):
            values = " ".join(map(str, touched[i:i + _CHUNK]))
            ops.append(f"DELETE {{ GRAPH {ENTITIES} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?e {{ {values} }} "
                       f"GRAPH {ENTITIES} {{ ?e ?p ?o }} }}")
        kept = [f"{t.subject} {t.predicate} {t.object} ." for triples in self.descriptions.values() for t in triples]
        if kept:
            ops.append(f"INSERT DATA {{ GRAPH {ENTITIES} {{\n" + "\n".join(kept) + "\n} }")
        return "".join(op + " ;\n" for op in ops)


def supported(store: Any, graphs: list[ox.NamedNode]) -> set[ox.NamedNode]:
    """The entities that the article graphs ``graphs`` describe."""
    found: set[ox.NamedNode] = set()
    for i in range(0, len(graphs), _CHUNK):
        values = " ".join(map(str, graphs[i:i + _CHUNK]))
        rows = store.query(f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?e kg:description ?d }} }}")
        found.update(r["e"] for r in rows)
    return found


def plan_removal(store: Any, names: Iterable[tuple[ox.NamedNode, str | None]]) -> Plan:
    """The plan that takes each file name off its article graph (``None``: every name of the graph). A graph left
    with no name is dropped, and every entity the dropped graphs described gets the union of what the other stored
    graphs say of it (nothing when none does)."""
    taken: dict[ox.NamedNode, set[str] | None] = {}
    for graph, name in names:
        if name is None or taken.get(graph, set()) is None:
            taken[graph] = None
        else:
            taken.setdefault(graph, set()).add(name)
    dropped, unnamed = [], []
    for graph, gone in taken.items():
        held = set(store.file_names(graph))
        if gone is None or held <= gone:
            dropped.append(graph)
        else:
            unnamed += [(graph, n) for n in sorted(gone & held)]
    return _recompute(store, Plan(dropped, unnamed))


def _recompute(store: Any, plan: Plan) -> Plan:
    """``plan`` with the new description of every entity its dropped graphs described."""
    dropped = plan.dropped
    touched = sorted(supported(store, dropped), key=str)
    outside = f" FILTER(?g NOT IN ({', '.join(map(str, dropped))}))" if dropped else ""
    descriptions: dict[ox.NamedNode, set[ox.Triple]] = {e: set() for e in touched}
    for i in range(0, len(touched), _CHUNK):
        values = " ".join(map(str, touched[i:i + _CHUNK]))
        rows = store.query(f"SELECT DISTINCT ?e ?d WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?e kg:description ?d }}"
                           f"{outside} }}")
        for r in rows:
            descriptions[r["e"]] |= parse_description(r["d"].value)
    plan.descriptions = descriptions
    return plan


__all__ = ["Plan", "plan_removal", "supported"]
