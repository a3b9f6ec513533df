"""Attach coordinates, GeoNames ids and canonical names to the place entities of an article."""

from __future__ import annotations

import re

from kg.extract.entities import Entity

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
            keep = first[gid]
            keep.mentions.extend(e.mentions)
            keep.aliases |= e.aliases | {e.label}
            entities.remove(e)
        else:
            first[gid] = e


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
        mentions.append((e.label, hint))
    resolved = resolve_places(mentions)
    for e in places:
        geo = resolved.get(e.label)
        if geo is None:
            continue
        e.geo = geo
        if geo.label != e.label:
            e.aliases.add(e.label)
            e.label = geo.label
        if geo.wikidata:
            e.wikidata = geo.wikidata
        e.cls = {"region": "Region", "waterbody": "Waterbody", "country": "Country"}.get(geo.precision, "Settlement")
        if e.cls == "Country":
            e.type = "Country"


def _fits_hint(c, hint: str | None, gaz) -> bool:
    if not hint:
        return False
    for h in gaz.places(hint):
        if h.precision == "country" and h.country == c.country:
            return True
        if h.precision == "region" and c.admin and h.label == c.admin:
            return True
    return False


def resolve_places(mentions: list[tuple[str, str | None]]) -> dict[str, object]:
    """Pick a GeoNames candidate per (name, hint): the hint's region first, then nearness to the article's
    unambiguous places, then a clearly dominant population; else None."""
    from kg.evaluate import haversine as haversine_km
    from kg.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    options = {name: (gaz.places(name), hint) for name, hint in mentions}
    chosen: dict[str, object] = {}
    for name, (cands, hint) in options.items():
        hinted = [c for c in cands if _fits_hint(c, hint, gaz)]
        if hinted:
            chosen[name] = hinted[0]
        elif len(cands) == 1 or (cands and cands[0].precision in ("country", "region", "waterbody")):
            chosen[name] = cands[0]
    anchors = [c for c in chosen.values() if c.precision in ("settlement", "region") and c.lat is not None]
    for name, (cands, _) in options.items():
        if name in chosen or not cands:
            continue
        if anchors:
            lat = sum(a.lat for a in anchors) / len(anchors)
            lon = sum(a.lon for a in anchors) / len(anchors)
            near = min(cands, key=lambda c: haversine_km(lat, lon, c.lat, c.lon) if c.lat is not None else 1e9)
            if near.lat is not None and haversine_km(lat, lon, near.lat, near.lon) < 400:
                chosen[name] = near
                continue
        ranked = sorted(cands, key=lambda c: -c.population)
        if len(ranked) == 1 or ranked[0].population >= 10 * max(ranked[1].population, 1):
            chosen[name] = ranked[0]
    return chosen
