"""Cross-article entity resolution: map the entities of an incoming record to those the store already holds.

An :class:`EntityIndex` is loaded once per ingest run (two queries) and learns each stored record, so
matching one entity costs dictionary look-ups plus, for organisations and units only, a rapidfuzz search in
one bucket. Names are indexed under :func:`kg.names.identity_key`, which only proposes candidates: a candidate
is taken when :func:`kg.names.same_name` finds evidence (the same name, or a known romanisation of it), by the
same rule as inside an article. A match is taken only when it is the single candidate of the same coarse type:
never two different GeoNames ids, never a place into a differently typed place, a surname only when one person
carries it, never two people by a close spelling alone ("Harry Lineker" is not "Gary Lineker").

>>> index = EntityIndex()
>>> index.add("id:kupiansk", "Kupiansk", "Settlement", 703656, {"Kupyansk": "transliteration"})
>>> index.add("id:gerasimov", "Valery Gerasimov", "Person")
>>> index.match({"label": "Kupjansk", "type": "Place", "class": "Settlement"})
('id:kupiansk', 'transliteration')
>>> index.match({"label": "Gerasimov", "type": "Person"})
('id:gerasimov', 'surname')
>>> index.match({"label": "Kupiansk-Vuzlovyi", "type": "Place"}) is None
True
>>> index.add("id:lineker", "Gary Lineker", "Person")
>>> index.match({"label": "Harry Lineker", "type": "Person"}) is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from kg.extract.regional import regional
from kg.names import identity_key, same_name
from kg.rdf.build import entity_names
from kg.rdf.iris import RDF_TYPE, RDFS_LABEL, entity_iri
from kg.rdf.vocab import COARSE, ENTITIES_GRAPH, NS
from kg.store.cache import read_cached, write_cached

INDEX_CACHE = "kg-index.json"

NAME_REASONS = {"exact", "transliteration", "geonames-id", "store-alias"}
FUZZY_MIN = 90.0
TOKEN_MIN = 80.0
FUZZY_TYPES = {"Organization", "MilitaryUnit"}  # people merge by name evidence only
PLACE_CLASSES = {"Settlement", "Region", "Waterbody"}


class Known(NamedTuple):
    """A stored entity as the index sees it (a named tuple: cheap to rebuild from :mod:`kg.store.cache`)."""

    iri: str
    label: str
    cls: str
    geonames: int | None = None

    @property
    def coarse(self) -> str:
        """Person, MilitaryUnit, Organization, Country or Place."""
        return COARSE.get(self.cls, self.cls)


class EntityIndex:
    """Names of the stored entities by coarse type and identity key (with the names written under each key,
    for :func:`kg.names.same_name`), surnames of persons, fuzzy buckets."""

    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self.names: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.surnames: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.buckets: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    @classmethod
    def load(cls, store) -> EntityIndex:
        """The index of every entity in ``store`` and of the names its articles merged into them."""
        index = cls()
        rows = store.query(f"""SELECT ?e ?type ?label ?gn WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{
            ?e a ?type ; rdfs:label ?label OPTIONAL {{ ?e kg:geonamesId ?gn }} }} }}""")
        for row in rows:
            name = row["type"].value.removeprefix(NS)
            old = index.known.get(row["e"].value)
            if old is None or old.cls == "Place" and name != "Place":
                gn = int(row["gn"].value) if row["gn"] is not None else None
                index.add(row["e"].value, row["label"].value, name, gn)
        merges = store.query("SELECT ?e ?alias ?reason WHERE { GRAPH ?g { ?m kg:mergeReason ?reason ; "
                             "kg:mergedInto ?e ; kg:alias ?alias } }")
        for row in merges:
            if (known := index.known.get(row["e"].value)) is not None:
                index._add_name(known, row["alias"].value, row["reason"].value)
        return index

    def __len__(self) -> int:
        return len(self.known)

    def state(self) -> dict:
        """The index as plain JSON-ready lists (see :mod:`kg.store.cache`).

        >>> index = EntityIndex()
        >>> index.add("id:g", "Valery Gerasimov", "Person")
        >>> EntityIndex.from_state(index.state()).match({"label": "Gerasimov", "type": "Person"})
        ('id:g', 'surname')
        """
        return {"known": [[k.iri, k.label, k.cls, k.geonames] for k in self.known.values()],
                "names": [[c, key, iri, sorted(texts)] for (c, key), iris in self.names.items()
                          for iri, texts in iris.items()],
                "surnames": [[key, iri, sorted(texts)] for key, iris in self.surnames.items()
                             for iri, texts in iris.items()],
                "buckets": [[c, letter, key, sorted(iris)] for (c, letter), keys in self.buckets.items()
                            for key, iris in keys.items()]}

    @classmethod
    def from_state(cls, state: dict) -> EntityIndex:
        """The index :meth:`state` describes."""
        index = cls()
        index.known = {row[0]: Known._make(row) for row in state["known"]}
        for c, key, iri, texts in state["names"]:
            index.names[(c, key)][iri] = set(texts)
        for key, iri, texts in state["surnames"]:
            index.surnames[key][iri] = set(texts)
        for c, letter, key, iris in state["buckets"]:
            index.buckets[(c, letter)][key] = set(iris)
        return index

    def add(self, iri: str, label: str, cls: str, geonames: int | None = None,
            aliases: dict[str, str] | None = None) -> None:
        """Index one entity (or more names of a known one)."""
        known = self.known.setdefault(iri, Known(iri, label, cls, geonames))
        self._add_name(known, label, "label")
        for alias, reason in (aliases or {}).items():
            self._add_name(known, alias, reason)

    def _add_name(self, known: Known, name: str, reason: str) -> None:
        key = identity_key(name)
        if not key:
            return
        if known.coarse == "Person" and reason in ("label", "surname"):
            self.surnames[identity_key(name.split()[-1])][known.iri].add(name.split()[-1])
        if reason == "label" or reason in NAME_REASONS or reason.startswith("fuzzy:"):
            self.names[(known.coarse, key)][known.iri].add(name)
            if known.coarse in FUZZY_TYPES:
                self.buckets[(known.coarse, key[0])][key].add(known.iri)

    def match(self, entity: dict, own_iri: str | None = None) -> tuple[str, str] | None:
        """The stored entity that a record entity is, with the reason code, or None."""
        coarse = COARSE.get(entity["type"], entity["type"])
        if own_iri in self.known:
            known = self.known[own_iri]
            reason = same_name(entity["label"], known.label, regional)
            return own_iri, reason or ("geonames-id" if known.geonames else "transliteration")
        if entity.get("geonames"):
            return None
        label = entity["label"]
        hits = self._named(coarse, label)
        reasons = entity.get("aliasReasons") or {}
        for alias, reason in reasons.items():
            if reason in NAME_REASONS and not hits:
                hits = self._named(coarse, alias)
        hits = [k for k in hits if _compatible(entity, k)]
        if len({k.iri for k in hits}) == 1:
            known = hits[0]
            return known.iri, same_name(label, known.label, regional) or "store-alias"
        if hits:
            return None
        if coarse == "Person" and len(label.split()) == 1:
            people = [iri for iri, lasts in self.surnames.get(identity_key(label), {}).items()
                      if any(same_name(label, last, regional) for last in lasts)]
            return (people[0], "surname") if len(people) == 1 else None
        return self._fuzzy(entity, coarse, identity_key(label))

    def _named(self, coarse: str, name: str) -> list[Known]:
        """Stored entities of type ``coarse`` with a name that :func:`kg.names.same_name` finds to be ``name``."""
        found = self.names.get((coarse, identity_key(name)), {})
        return [self.known[iri] for iri, texts in found.items() if any(same_name(name, t, regional) for t in texts)]

    def _fuzzy(self, entity: dict, coarse: str, key: str) -> tuple[str, str] | None:
        """A unique actor whose spelling key is close, token by token, to ``key``."""
        if coarse not in FUZZY_TYPES or len(key) < 5:
            return None
        from rapidfuzz import (  # lazy: only actor names without an exact match need it
            fuzz,
            process,
        )

        bucket = self.buckets.get((coarse, key[0]), {})
        found: dict[str, float] = {}
        for other, score, _ in process.extract(key, list(bucket), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=8):
            if _same_tokens(key, other, coarse == "Person"):
                for iri in bucket[other]:
                    found[iri] = max(found.get(iri, 0.0), score)
        if len(found) != 1:
            return None
        iri, score = found.popitem()
        return iri, f"fuzzy:{int(score)}"

    def resolve(self, record: dict, iri_of) -> dict:
        """A copy of ``record`` whose entities carry ``resolved`` where they are stored entities."""
        entities = []
        for entity in record.get("entities", []):
            own = str(iri_of(entity).value)
            found = self.match(entity, own)
            entity = {k: v for k, v in entity.items() if k != "resolved"}
            if found is not None:
                known = self.known[found[0]]
                entity["resolved"] = {"iri": known.iri, "label": known.label, "class": known.cls, "reason": found[1]}
            entities.append(entity)
        return {**record, "entities": entities}

    def learn(self, record: dict, iri_of, names_of) -> None:
        """Index the entities of a record just stored (``iri_of``, ``names_of``: :mod:`kg.rdf.build`'s functions)."""
        for entity in record.get("entities", []):
            label, names = names_of(entity)
            resolved = entity.get("resolved") or {}
            self.add(str(iri_of(entity).value), label, resolved.get("class") or entity.get("class") or entity["type"],
                     entity.get("geonames"), names)


    def learn_quads(self, quads: Iterable) -> None:
        """Index the entities described by entity-graph quads that no record entity gave (a news outlet)."""
        types: dict[str, str] = {}
        labels: dict[str, str] = {}
        for q in quads:
            subject, predicate = q.subject.value, q.predicate
            if predicate == RDF_TYPE and subject not in self.known:
                types.setdefault(subject, q.object.value.removeprefix(NS))
            elif predicate == RDFS_LABEL:
                labels[subject] = q.object.value
        for iri, cls in types.items():
            if iri in labels:
                self.add(iri, labels[iri], cls)


def _compatible(entity: dict, known: Known) -> bool:
    """Places of different kinds (a city, its oblast) or with different GeoNames ids never merge."""
    if entity.get("geonames") and known.geonames and int(entity["geonames"]) != known.geonames:
        return False
    cls = entity.get("class")
    return not (cls in PLACE_CLASSES and known.cls in PLACE_CLASSES and cls != known.cls)


def _same_tokens(a: str, b: str, person: bool) -> bool:
    """Same number of words, same numbers, each word close; a person's surname equal, given names not
    differing in their last letter (Oleksandr / Oleksandra).

    >>> _same_tokens("olixandr sirski", "oliksandr sirski", True)
    True
    >>> _same_tokens("oliksandr kovalinko", "oliksandra kovalinko", True), _same_tokens("batlihroup wist", "batlihroup iast", False)
    (False, False)
    >>> _same_tokens("47th michanizid brihadi", "46th michanizid brihadi", False)
    False
    """
    from rapidfuzz import fuzz  # lazy: only actor names without an exact match need it

    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    if person and (ta[-1] != tb[-1] or any(x[-1] != y[-1] for x, y in zip(ta, tb))):
        return False
    return all(fuzz.ratio(x, y) >= TOKEN_MIN for x, y in zip(ta, tb))


def load_index(store) -> EntityIndex:
    """The store's index: cached beside a folder store while no write made it stale (on a 1M-quad store loading
    it takes 0.6 s, four times the extraction of one article), else loaded from the store."""
    cached = read_cached(store, INDEX_CACHE, EntityIndex.from_state)
    return cached if cached is not None else EntityIndex.load(store)


def save_index(store, index: EntityIndex) -> None:
    """Cache the index an ingest run ended with, for the next run on the same store."""
    write_cached(store, INDEX_CACHE, index.state())


def resolve_records(index: EntityIndex, records: Iterable[dict]) -> list[dict]:
    """Resolve several records in turn against ``index``, learning each (for tests and batch tools)."""
    out = []
    for record in records:
        out.append(index.resolve(record, entity_iri))
        index.learn(out[-1], entity_iri, entity_names)
    return out
