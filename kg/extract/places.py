"""Attach coordinates, GeoNames ids and canonical names to the place entities of an article."""

from __future__ import annotations

import re

from kg.extract.entities import Entity

DEMONYM_HINT = re.compile(r"\b([A-Z]\w+)\s+(?:\w+\s+)?(?:city|town|village|settlement|port)\s+of\s+$")
HINT = re.compile(r"^\s*(?:,\s*(?:in\s+)?|\s+in\s+(?:the\s+)?)([A-Z][\w'’-]+(?:\s+(?:Oblast|region|province|Krai))?)")


def geocode_entities(entities: list[Entity], text: str) -> None:
    """Geocode the places, then merge entities that turned out to be the same place ("Kiev" and "Kyiv")."""
    _geocode(entities, text)
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
    from kg.extract.gazetteer import load_gazetteer

    for m in entity.mentions:
        found = DEMONYM_HINT.search(text[max(0, m.start - 40):m.start])
        if found:
            return load_gazetteer().country_of_demonym(found.group(1))
    return None


def _geocode(entities: list[Entity], text: str) -> None:
    """Resolve every Place entity in place; an unresolvable name keeps no coordinates rather than a wrong point."""
    from kg.extract.geocode import resolve_places

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
