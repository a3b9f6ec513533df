"""Coordinates for the place names of one article, or none where choosing would be a guess.

Each name is resolved among its gazetteer candidates by, in order: the region or country written next
to it ("Volchansk in Kharkiv Oblast"); nearness (within ``NEAR_KM``) to the article's other places that
are unambiguous; the regions and countries the article names; a clearly dominant population. Nearness
is measured to the closest such place, not to their centroid, so a capital named in passing does not
pull a front-line village towards it; nor does a quarter of a big city of the article count, even where
GeoNames gives it a village's old name (Kyiv's Yamky, once "Holubivka"). A small place whose name recurs
in its country and which lies far from every other place of the article in that country is left without
coordinates: the gazetteer holds only places of 500 people or more, so the village meant is likely
missing ("Holubivka" near Kupiansk is not the town of that name in Luhansk Oblast).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.extract.gazetteer import PRECEDENCE, Candidate, Gazetteer, haversine_km, load_gazetteer
from kg.names import fold

NEAR_KM = 100.0
DISTRICT_KM = 15.0
DOMINANCE = 5.0
MAJOR_CITY = 100_000

Geo = Candidate


class PlaceMention(NamedTuple):
    """A place name of an article and the region or country written next to it, if any."""

    name: str
    hint: str | None = None


@dataclass
class _Context:
    """What the rest of the article pins down: its settlements, the regions and countries it names."""

    points: list[Candidate] = field(default_factory=list)
    admin_codes: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)

    def add(self, place: Candidate) -> None:
        """Count a resolved place of the article."""
        if place.precision == "settlement" and place.lat is not None:
            self.points.append(place)
        if place.precision == "region":
            self.admin_codes.update(place.admin_codes)
        if place.country:
            self.countries.add(place.country)

    def district(self, place: Candidate) -> bool:
        """Whether ``place`` lies inside a far bigger city of the article (a quarter named like a village)."""
        return any(p.population >= max(10 * place.population, MAJOR_CITY) and p.lat is not None
                   and place.lat is not None and haversine_km(place.lat, place.lon, p.lat, p.lon) <= DISTRICT_KM
                   for p in self.points)

    def distance(self, place: Candidate, country: str | None = None) -> float:
        """Kilometres to the nearest settlement of the article (in ``country`` if given)."""
        if place.lat is None or place.lon is None:
            return float("inf")
        return min((haversine_km(place.lat, place.lon, p.lat, p.lon) for p in self.points
                    if p.lat is not None and p.lon is not None and country in (None, p.country)),
                   default=float("inf"))


def _inside(place: Candidate, hint: Candidate) -> bool:
    """Whether ``place`` lies in (or, for a settlement hint, near) the hinted place."""
    if place == hint:
        return False
    if hint.precision == "country":
        return place.country == hint.country
    if set(place.admin_codes) & set(hint.admin_codes):
        return hint.precision != "settlement" or place.precision == "settlement"
    if None in (place.lat, place.lon, hint.lat, hint.lon):
        return False
    return haversine_km(place.lat, place.lon, hint.lat, hint.lon) <= NEAR_KM  # type: ignore[arg-type]


def _apply_hints(cands: list[Candidate], hints: list[list[Candidate]]) -> list[Candidate]:
    """Candidates inside the first resolvable hint. A region or country that contains none of the
    settlements rules them all out; a settlement that is near none is taken for a neighbour in a list."""
    for hinted in (h for h in hints if h):
        areas = [h for h in hinted if h.precision != "settlement"]
        inside = [c for c in cands if any(_inside(c, h) for h in areas or hinted)]
        if inside or not areas:
            return inside or cands
        return [c for c in cands if c.precision != "settlement"]
    return cands


def _dominant(cands: Sequence[Candidate]) -> Candidate | None:
    """The single candidate, or one with ``DOMINANCE`` times the runner-up's population.

    >>> town, village = (Candidate(n, "settlement", 0.0, 0.0, "UA", (), None, p, None, None)
    ...                  for n, p in (("Town", 50_000), ("Village", 900)))
    >>> _dominant([village, town]).label, _dominant([village, village])
    ('Town', None)
    """
    if len(cands) == 1:
        return cands[0]
    top, runner = sorted(cands, key=lambda c: -c.population)[:2]
    return top if top.population > 0 and top.population >= DOMINANCE * runner.population else None


def _certain(cands: list[Candidate]) -> Candidate | None:
    """A choice needing no context: an area, a unique name, a major city that dwarfs its namesakes."""
    areas = [c for c in cands if c.precision != "settlement"]
    if areas:
        first = min(PRECEDENCE.index(c.precision) for c in areas)
        return _dominant([c for c in areas if PRECEDENCE.index(c.precision) == first])
    top = _dominant(cands) if cands else None
    return top if top is not None and (len(cands) == 1 or top.population >= MAJOR_CITY) else None


def _choose(cands: list[Candidate], ctx: _Context) -> Candidate | None:
    """A choice among same-named places given the rest of the article, or None."""
    cands = [c for c in cands if c.precision != "settlement"] or [c for c in cands if not ctx.district(c)] or cands
    if not cands:
        return None
    ranked = sorted(cands, key=ctx.distance)
    near = ctx.distance(ranked[0])
    if near <= NEAR_KM and (len(ranked) == 1 or ctx.distance(ranked[1]) > max(2 * near, near + 20)):
        return ranked[0]
    pool = [c for c in cands if set(c.admin_codes) & ctx.admin_codes] or cands
    if len(pool) == 1:
        return pool[0]
    top = _dominant(pool) or _dominant([c for c in pool if c.country in ctx.countries] or pool)
    if top is None:
        return None
    namesakes = sum(c.country == top.country for c in cands)
    lost = namesakes > 1 and top.population < MAJOR_CITY and NEAR_KM < ctx.distance(top, top.country) < float("inf")
    return None if lost else top


def _current_names(name: str, cands: list[Candidate]) -> list[Candidate]:
    """A place that bears the name today beats one that only once did (Pokrovsk, not Engels, formerly Pokrovsk),
    unless the renamed one is ten times larger (Artemovsk -> Bakhmut, not a Siberian village)."""
    current = [c for c in cands if fold(c.label) == fold(name)]
    former = [c for c in cands if c not in current]
    if not current or not former:
        return cands
    biggest = max(c.population for c in current)
    return current + [c for c in former if c.precision != "settlement" or c.population >= 10 * max(biggest, 1)]


def resolve_places(
    mentions: Iterable[PlaceMention | tuple[str, str | None] | str], gazetteer: Gazetteer | None = None
) -> dict[str, Candidate | None]:
    """For each place name of one article, its chosen place, or None when it cannot be told apart."""
    gaz = gazetteer or load_gazetteer()
    hints: dict[str, list[str]] = {}
    for mention in mentions:
        name, hint = (mention, None) if isinstance(mention, str) else (mention[0], mention[1])
        hints.setdefault(name, [])
        if hint and hint.strip() and hint.strip() != name:
            hints[name].append(hint.strip())
    cands = {name: _apply_hints(gaz.places(name), [gaz.places(h) for h in hs]) for name, hs in hints.items()}
    current = {name: _current_names(name, c) for name, c in cands.items()}
    chosen = {name: _certain(c) for name, c in current.items()}
    for _ in range(2):
        for name, options in cands.items():
            if chosen[name] is None:
                ctx = _Context()
                for other, place in chosen.items():
                    if other != name and place is not None:
                        ctx.add(place)
                chosen[name] = _choose(current[name], ctx) or _choose(options, ctx)
    return chosen


def geocode(name: str, hint: str | None = None, gazetteer: Gazetteer | None = None) -> Candidate | None:
    """The place ``name`` denotes on its own (with no other places for context)."""
    return resolve_places([PlaceMention(name, hint)], gazetteer)[name]
