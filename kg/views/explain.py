"""Why an entity is what it is: its names, the reason each alias was merged and where, its articles and links.

>>> ex = Explanation("https://w3id.org/kg-news/id/entity/place/gn703656", "Settlement", "Kupiansk",
...                  [Alias("Kupyansk", "transliteration", ("a.txt",))], ["a.txt", "b.txt"], [],
...                  {"geonames": "703656", "admin": "Kharkiv Oblast"})
>>> for line in format_explanation(ex):
...     print(line)
Kupiansk  <https://w3id.org/kg-news/id/entity/place/gn703656>
class     Settlement
geonames  703656
admin     Kharkiv Oblast
aliases   Kupyansk  transliteration  [a.txt]
articles  a.txt, b.txt
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.extract.gazetteer import load_gazetteer
from kg.names import find_entity
from kg.rdf.vocab import ENTITIES_GRAPH, GEO, NS

PLACE_FIELDS = {f"{GEO}lat": "lat", f"{GEO}long": "lon", f"{NS}geonamesId": "geonames",
                f"{NS}adminRegion": "admin", f"{NS}precision": "precision"}


@dataclass(frozen=True)
class Alias:
    """One alternative name, why it was merged into the entity and the articles that merged it."""

    name: str
    reason: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Explanation:
    """What the store knows about one entity and how its names came together."""

    iri: str
    cls: str
    label: str
    aliases: list[Alias]
    articles: list[str]
    same_as: list[str]
    place: dict[str, str] = field(default_factory=dict)


def explain_entity(store, text: str) -> Explanation:
    """The explanation of the entity whose label, alias or IRI is ``text``; unknown names raise
    :class:`EntityNotFound` with the closest names as suggestions."""
    iri = _find(store, text)
    bind = {"e": iri}
    cls, label, same_as, place, alt = "", "", [], {}, set()
    for row in store.query(f"SELECT ?e ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }}", bind):
        p, o = row["p"].value, row["o"].value
        if p.endswith("#type") and o.startswith(NS) and (not cls or cls == "Place"):
            cls = o.removeprefix(NS)
        elif p.endswith("rdf-schema#label"):
            label = o
        elif p.endswith("core#altLabel"):
            alt.add(o)
        elif p.endswith("owl#sameAs"):
            same_as.append(o)
        elif p in PLACE_FIELDS:
            place[PLACE_FIELDS[p]] = o
    merged: dict[tuple[str, str], set[str]] = defaultdict(set)
    q = ("SELECT ?e ?alias ?reason ?file WHERE { GRAPH ?g { ?m kg:mergedInto ?e ; kg:alias ?alias ; "
         "kg:mergeReason ?reason . ?g kg:fileName ?file } }")
    for row in store.query(q, bind):
        merged[(row["alias"].value, row["reason"].value)].add(row["file"].value)
    aliases = [Alias(name, reason, tuple(sorted(files))) for (name, reason), files in merged.items()]
    listed = alt - {a.name for a in aliases}
    aliases += [Alias(name, _listed_reason(label, name)) for name in listed]
    rows = store.query("SELECT DISTINCT ?e ?file WHERE { GRAPH ?g { ?g kg:mentions ?e ; kg:fileName ?file } }", bind)
    return Explanation(iri.value, cls, label, sorted(aliases, key=lambda a: (not a.articles, a.name.casefold())),
                       sorted(r["file"].value for r in rows), sorted(same_as), place)


def _listed_reason(label: str, name: str) -> str:
    """``gazetteer-alias`` when ontology/gazetteer lists the name for the actor, else ``listed``."""
    row = load_gazetteer().actor(label)
    return "gazetteer-alias" if row is not None and name in row.aliases else "listed"


def _find(store, text: str) -> ox.NamedNode:
    """The entity IRI for a label, alias or IRI."""
    return ox.NamedNode(find_entity(store, text))


def format_explanation(ex: Explanation) -> list[str]:
    """Readable lines: heading, class, place fields, sameAs links, one line per alias, the articles."""
    lines = [f"{ex.label}  <{ex.iri}>", f"{'class':<10}{ex.cls}"]
    if "lat" in ex.place:
        lines.append(f"{'location':<10}{ex.place['lat']}, {ex.place.get('lon', '?')}")
    lines += [f"{key:<10}{ex.place[key]}" for key in ("geonames", "admin", "precision") if key in ex.place]
    lines += [f"{'same as':<10}{link}" for link in ex.same_as]
    width = max((len(a.name) for a in ex.aliases), default=0) + 2
    rwidth = max((len(a.reason) for a in ex.aliases), default=0) + 2
    for i, a in enumerate(ex.aliases):
        source = f"[{', '.join(a.articles)}]" if a.articles else "(not written in any article)"
        lines.append(f"{'aliases' if i == 0 else '':<10}{a.name:<{width}}{a.reason:<{rwidth}}{source}")
    lines.append(f"{'articles':<10}{', '.join(ex.articles) or '(none)'}")
    return lines
