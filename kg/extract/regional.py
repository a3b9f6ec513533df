"""Whether the gazetteer places a name in Ukraine, Russia or Belarus: the second gate of transliteration merges.

A name without tell-tale clusters ("Odessa", "Donbass", "Cherkassy") is compared by the romanisation table of
:mod:`kg.translit` only when the gazetteer knows it there, as a place or as an actor of that side.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.gazetteer import load_gazetteer
from kg.translit import canon

REGION = frozenset({"UA", "RU", "BY"})
TOWN = 10_000  # a smaller settlement counts only under its own name (its key finds too many namesakes)


@lru_cache(maxsize=65536)
def regional(name: str) -> bool:
    """Whether ``name`` is a known actor of Ukraine, Russia or Belarus, or a region or town there whose name has
    the same canonical form (the gazetteer's spelling key alone finds namesakes: "Gary" finds a village Gari).

    >>> regional("Odessa"), regional("Donbass"), regional("Hill"), regional("Gary"), regional("Emma Gill")
    (True, True, False, False, False)
    """
    gaz = load_gazetteer()
    row = gaz.actor(name)
    if row is not None:
        return (row.side or "") in REGION
    key = canon(name)
    return any(c.country in REGION and canon(c.label) == key and (c.precision != "settlement" or c.population >= TOWN)
               for c in gaz.places(name))


__all__ = ["REGION", "regional"]
