"""Attach coordinates, GeoNames ids and canonical names to the place entities of an article."""

from __future__ import annotations

import re

from kg.extract.entities import Entity
from kg.extract.gazetteer import haversine_km, load_gazetteer
from kg.extract.geocode import resolve_places
from kg.names import fold

DEMONYM_HINT = re.compile(r"\b([A-Z]\w+)\s+(?:\w+\s+)?(?:city|town|village|settlement|port)\s+of\s+$")
HINT = re.compile(r"^\s*(?:,\s*(?:in\s+)?|\s+in\s+(?:the\s+)?)([A-Z][\w'’-]+(?:\s+(?:Oblast|region|province|Krai))?)")


def geocode_entities(entities: list[Entity], text: str) -> None:
    """Geocode the places, then merge entities that turned out to be the same place ("Kiev" and "Kyiv")."""
    _geocode(entities, text)
    _regions_after_comma(entities, text)
    _places_taken_for_names(entities)
    first: dict[int, Entity] = {}
    for e in list(entities):
        gid = getattr(e.geo, "geonames", None)
        if gid is None:
            continue
        if gid in first and first[gid] is not e:
            first[gid].absorb(e, "geonames-id")
            entities.remove(e)
        else:
            first[gid] = e


def _demonym_hint(text: str, entity: Entity) -> str | None:
    """The country a phrase like "the Ukrainian city of X" places X in."""
    for m in entity.mentions:
        found = DEMONYM_HINT.search(text[max(0, m.start - 40):m.start])
        if found:
            return load_gazetteer().country_of_demonym(found.group(1))
    return None


def _geocode(entities: list[Entity], text: str) -> None:
    """Resolve every Place entity in place; an unresolvable name keeps no coordinates rather than a wrong point."""
    places = [e for e in entities if e.type == "Place"]
    mentions = []
    for e in places:
        hint = None
        for m in e.mentions:
            h = HINT.match(text[m.end:m.end + 40])
            if h:
                hint = h.group(1)
                break
        mentions.append((e.label, hint or _demonym_hint(text, e)))
    resolved = resolve_places(mentions)
    for e in places:
        geo = resolved.get(e.label)
        if geo is None:
            continue
        e.geo = geo
        e.rename(geo.label, "geonames-id" if geo.geonames else "gazetteer-alias")
        if geo.wikidata:
            e.wikidata = geo.wikidata
        e.cls = {"region": "Region", "waterbody": "Waterbody", "country": "Country"}.get(geo.precision, "Settlement")
        if e.cls == "Country":
            e.type = "Country"


def _regions_after_comma(entities: list[Entity], text: str) -> None:
    """"Bilohorivka, Luhansk": a name that only ever follows a settlement in its own region names that region."""
    gaz = load_gazetteer()
    ends = {m.end: e for e in entities if e.type == "Place" and e.geo is not None for m in e.mentions}
    for e in entities:
        if e.type != "Place" or e.cls != "Settlement" or not e.mentions:
            continue
        owners = set()
        for m in e.mentions:
            gap = re.search(r",\s*$", text[max(0, m.start - 3):m.start])
            owner = next((o for end, o in ends.items() if gap and 0 < m.start - end <= 3 and o is not e), None)
            admin = getattr(getattr(owner, "geo", None), "admin", None)
            owners.add(admin if admin and fold(admin).startswith(fold(e.label)) else None)
        if len(owners) == 1 and None not in owners:
            admin = owners.pop()
            region = next((c for c in gaz.places(admin) if c.precision == "region"), None)
            e.aliases.add(e.label)
            e.label, e.cls, e.geo = admin, "Region", region


NEAR_KM = 150


def _places_taken_for_names(entities: list[Entity]) -> None:
    """A one-word "person" or "organisation" that is a settlement near the article's other places is that place
    ("Pokrovsk and neighbouring Myrnohrad")."""
    gaz = load_gazetteer()
    anchors = [e.geo for e in entities if e.type == "Place" and e.cls == "Settlement" and e.geo is not None
               and e.geo.lat is not None]
    if not anchors:
        return
    for e in entities:
        if e.type not in ("Person", "Organization") or e.wikidata or len(e.label.split()) != 1:
            continue
        near = [c for c in gaz.places(e.label) if c.precision == "settlement" and c.lat is not None and
                min(haversine_km(c.lat, c.lon, a.lat, a.lon) for a in anchors) <= NEAR_KM]
        if near:
            geo = min(near, key=lambda c: min(haversine_km(c.lat, c.lon, a.lat, a.lon) for a in anchors))
            e.type, e.cls, e.geo = "Place", "Settlement", geo
            if geo.label != e.label:
                e.aliases.add(e.label)
                e.label = geo.label
