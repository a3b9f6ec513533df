"""The description of an entity that an article records: its triples as sorted N-Triples in one literal, so
that the entities graph can be recomputed as the union of what the stored articles support (kg.store.support).
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import RdfFormat, Triple, parse


def description_text(triples: Iterable[Triple]) -> str:
    """The N-Triples an article records for one entity: sorted lines, so equal descriptions are equal strings.

    >>> from pyoxigraph import Literal, NamedNode
    >>> e = NamedNode("http://e/x")
    >>> print(description_text([Triple(e, NamedNode("http://p/b"), Literal("B")),
    ...                         Triple(e, NamedNode("http://p/a"), Literal("A"))]))
    <http://e/x> <http://p/a> "A" .
    <http://e/x> <http://p/b> "B" .
    """
    return "\n".join(sorted({f"{t.subject} {t.predicate} {t.object} ." for t in triples}))


def parse_description(text: str) -> set[Triple]:
    """The triples of a recorded description."""
    return set(parse(text.encode("utf-8"), format=RdfFormat.N_TRIPLES)) if text else set()


__all__ = ["description_text", "parse_description"]
