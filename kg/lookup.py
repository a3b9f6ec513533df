"""Find an entity node of a networkx view by label, alias or spelling, suggesting near names when none match.

>>> import networkx as nx
>>> g = nx.MultiGraph()
>>> g.add_node("e:1", label="Valery Gerasimov", cls="Person", aliases=["Gerasimov"])
>>> g.add_node("e:2", label="Vladimir Putin", cls="Person", aliases=["Putin"])
>>> find_entity(g, "gerasimov")
'e:1'
>>> find_entity(g, "  VLADIMIR   putin ")
'e:2'
>>> find_entity(g, "Gerasimow")
Traceback (most recent call last):
...
kg.errors.EntityNotFound: no entity 'Gerasimow'; did you mean Valery Gerasimov?
"""

from __future__ import annotations

from typing import Any

from kg.errors import EntityNotFound

SUGGESTIONS = 3
CUTOFF = 70


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def find_entity(graph: Any, text: str) -> str:
    """The node whose label, else alias, matches ``text`` (case-insensitive, then by spelling key).

    Ties go to the node with the most edges. Raises :class:`EntityNotFound` naming up to three close
    labels when nothing matches.
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
    near = suggest(graph, text)
    hint = f"; did you mean {_join(near)}?" if near else ""
    raise EntityNotFound(f"no entity '{text}'{hint}")


def suggest(graph: Any, text: str, limit: int = SUGGESTIONS) -> list[str]:
    """Labels of up to ``limit`` nodes whose label or an alias is closest to ``text`` (fuzzy, best first)."""
    from rapidfuzz import fuzz, process, utils

    names: dict[str, str] = {}
    for _, data in graph.nodes(data=True):
        label = data.get("label")
        if not label or data.get("bipartite") == 1:
            continue
        for name in (label, *data.get("aliases", ())):
            names.setdefault(name, label)
    hits = process.extract(text, list(names), scorer=fuzz.WRatio, processor=utils.default_process,
                           score_cutoff=CUTOFF, limit=limit * 4)
    out: list[str] = []
    for name, _, _ in sorted(hits, key=lambda h: (-h[1], h[0])):
        if names[name] not in out:
            out.append(names[name])
    return out[:limit]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


__all__ = ["find_entity", "suggest"]
