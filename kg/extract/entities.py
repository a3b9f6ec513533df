"""Mentions -> entities: clean NER spans, type them to the ontology, merge variants within an article.

Typing uses the article's context: a name the model calls a person or organisation is a place when the
text treats it as one ("the city of X", "in X", "X, Kharkiv region") and a gazetteer knows the place.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.pipeline import ARMED_WORDS
from kg.extract.regional import regional
from kg.extract.sides import country_of_code, country_row
from kg.extract.spotting import extra_place_spans
from kg.names import fold, identity_key, plain, same_name

KEEP = {"PERSON", "ORG", "GPE", "LOC", "MILUNIT", "FAC", "NORP"}
TITLES = re.compile(
    r"^(?:(?:the|then|former|acting|deputy|vice|chief|prime|defen[cs]e|foreign|army|navy|general|lieutenant|"
    r"colonel|major|commander|president|minister|secretary|spokes(?:wo)?man|spokesperson|governor|mayor|"
    r"chancellor|senator|sen\.|rep\.|gen\.|lt\.|col\.|sec\.|mr\.?|mrs\.?|ms\.?|dr\.?|press|staff|head|"
    r"ukrainian|russian|us|u\.s\.|leader|king|queen|pope|premier|ambassador|envoy|special|national|security|"
    r"adviser|advisor|sergeant|captain|admiral|marshal|of|state)\s+)+",
    re.IGNORECASE,
)
PLACE_CUES = re.compile(
    r"(?:\b(?:in|near|around|outside|into|toward|towards|from|at|of|to|across|through|over|on|shelled|struck|"
    r"bombed|captured|liberated|recaptured|retook|entered|seized|stormed|"
    r"city|town|village|settlement|oblast|region|district|province|direction|frontline|front)\s+(?:the\s+)?"
    r"(?:(?:nearby|neighbou?ring|besieged|embattled|occupied|frontline|eastern|western|northern|southern|central|"
    r"key|strategic|small|industrial|ruined)\s+)?)$",
    re.IGNORECASE,
)
PLACE_WORDS = re.compile(r"\b(river|sea|lake|reservoir|oblast|region|province|district|krai|bay|gulf|strait|"
                         r"island|peninsula|mountains?|valley|canal)\b", re.IGNORECASE)
ORG_WORDS = re.compile(r"\b(ministry|department|agency|council|committee|office|service|staff|government|"
                       r"parliament|administration|institute|university|union|organi[sz]ation|alliance|party|"
                       r"bank|company|group|news|times|post|journal|telegraph|press|tv|radio|kremlin)\b",
                       re.IGNORECASE)
NOT_NAMES = {"west", "east", "north", "south", "the west", "army", "sec", "military", "government", "state"}


@dataclass
class Mention:
    """One cleaned NER span."""

    text: str
    start: int
    end: int
    label: str
    sent: int
    cue: bool = False
    surface: str = ""
    before: str = ""
    titled: bool = False


@dataclass
class Entity:
    """An entity of one article with all its mentions."""

    label: str
    type: str
    cls: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    side: str | None = None
    geo: object | None = None
    confidence: float = 0.7
    reasons: dict[str, str] = field(default_factory=dict)

    def absorb(self, other: Entity, reason: str) -> None:
        """Take over ``other``'s mentions and names; its label joins as an alias merged for ``reason``."""
        self.mentions.extend(other.mentions)
        self.reasons[other.label] = reason
        for name in other.aliases - {other.label}:
            self.reasons.setdefault(name, other.reasons.get(name, "gazetteer-alias"))
        self.aliases |= {other.label, *other.aliases}

    def rename(self, label: str, reason: str) -> None:
        """Give the entity a canonical label; the old one stays as an alias merged for ``reason``."""
        if label != self.label:
            self.reasons[self.label] = reason
            self.aliases.add(self.label)
            self.label = label

    def alias_reasons(self) -> dict[str, str]:
        """Why each alias belongs to this entity: listed by the gazetteer, else a spelling variant, else the
        reason recorded when the article's name was merged."""
        return {a: "gazetteer-alias" if a not in self.reasons else same_name(a, self.label) or self.reasons[a]
                for a in sorted(self.aliases) if a != self.label}

    def record(self) -> dict:
        """The entity in record form."""
        out = {"label": self.label, "type": self.type, "class": self.cls,
               "aliases": sorted(a for a in self.aliases if a != self.label),
               "aliasReasons": self.alias_reasons(),
               "confidence": round(self.confidence, 3),
               "mentions": [{"text": m.surface or m.text, "start": m.start, "end": m.end} for m in self.mentions]}
        if self.wikidata:
            out["wikidata"] = self.wikidata
        if self.type in ("Place", "Country"):
            geo = self.geo
            out.update({"lat": getattr(geo, "lat", None), "lon": getattr(geo, "lon", None),
                        "geonames": getattr(geo, "geonames", None)})
            if geo is not None:
                out["admin"] = getattr(geo, "admin", None)
                out["precision"] = getattr(geo, "precision", None)
        return out


def clean_span(text: str) -> tuple[str, int]:
    """Strip titles, a leading "the" and a trailing possessive; returns the name and the offset it starts at.

    >>> clean_span("Army Secretary Dan Driscoll")
    ('Dan Driscoll', 15)
    >>> clean_span("Russia's")
    ('Russia', 0)
    """
    m = TITLES.match(text)
    offset = m.end() if m and m.end() < len(text) else 0
    name = text[offset:]
    name = re.sub(r"[’']s$", "", name).strip(" \t\n\"“”'’«»,.;:-–—()")
    lead = text[offset:].find(name[:1]) if name else 0
    return name, offset + max(lead, 0)


def _strip_the(text: str) -> tuple[str, int]:
    m = re.match(r"(?:the\s+)", text, re.I)
    offset = m.end() if m else 0
    name = re.sub(r"[’']s$", "", text[offset:]).strip(" \t\n\"“”'’«»,;:-–—()")
    if not re.search(r"\.\w", name):
        name = name.rstrip(".")
    return name, offset


def mentions_of(doc, gaz) -> list[Mention]:
    """Cleaned entity mentions of a parsed document (nationality words excluded)."""
    full_text = doc.text  # Doc.text joins every token on each access
    sent_index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        sent_index[sent.start:sent.end] = [i] * len(sent)
    out = []
    for ent in doc.ents:
        if ent.label_ not in KEEP or ent.label_ == "NORP":
            continue
        if ent.label_ == "PERSON":
            ent = _whole_name(ent)
        name, offset = clean_span(ent.text) if ent.label_ == "PERSON" else _strip_the(ent.text)
        direction = re.match(r"(?:(?:north|south)?(?:east|west)ern|northern|southern|central)\s+", name, re.I)
        if direction and ent.label_ in ("GPE", "LOC"):
            name, offset = name[direction.end():], offset + direction.end()
        if gaz.country_of_demonym(name) and not country_row(gaz, name):
            continue
        if ent.label_ in ("ORG", "PERSON") and len(ent) >= 4 and (any(t.pos_ == "VERB" for t in ent) or
                                                               len(ent) >= 6 and not any(t.lower_ in ("of", "for") for t in ent)):
            continue
        region = re.match(r"(?:\s+and\s+[A-Z][\w-]+)?\s+(oblast|region|province|krai)s?\b", full_text[ent.end_char:ent.end_char + 40], re.I)
        if region and ent.label_ in ("GPE", "LOC", "ORG", "PERSON"):
            kind = region.group(1).lower()
            name = name + " " + ("Oblast" if kind in ("oblast", "region") else kind.title())
        if ent.label_ == "MILUNIT":
            name = re.sub(r"\s*[\"“”«»,]\s*", " ", name).strip()
            name = re.sub(r"^([A-Z]{2,6})\s+(?:" + "|".join(ARMED_WORDS) + ")$", r"\1", name)
        if len(name) < 2 or not (name[:1].isupper() or name[:1].isdigit()) or name.lower() in NOT_NAMES:
            continue
        if re.search(r"\d{3,}|@|\.(?:png|jpe?g)|https?:", name) and ent.label_ != "MILUNIT":
            continue
        before = full_text[max(0, ent.start_char - 25):ent.start_char]
        after = full_text[ent.end_char:ent.end_char + 30]
        cue = bool(PLACE_CUES.search(before.rstrip() + " ")) if before.strip() else False
        cue = cue or bool(re.match(r"\s*,\s*(?:a|an|the)?\s*(?:\w+\s+){0,4}(?:city|town|village|oblast|region)\b"
                                   r"|\s+(?:city|town|village)\b", after))
        region_after = re.match(r"\s*,\s*([A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?)", after)
        cue = cue or bool(region_after) and any(c.precision == "region" for c in gaz.places(region_after.group(1)))
        start = ent.start_char + offset
        sent = sent_index[ent.start]
        pair = re.match(r"\s+and\s+([A-Z][\w-]+)\s+(?:regions|oblasts|provinces)\b", full_text[ent.end_char:ent.end_char + 40])
        if pair:
            s2 = ent.end_char + pair.start(1)
            out.append(Mention(pair.group(1) + " Oblast", s2, ent.end_char + pair.end(), "LOC", sent_index[ent.start],
                               True, surface=full_text[s2:ent.end_char + pair.end()]))
        end = start + len(name) if not region else ent.end_char + (region.end() if not region.group(0).lstrip().startswith("and") else 0)
        out.append(Mention(name, start, end, "LOC" if region else ent.label_, sent, cue or bool(region),
                           surface=full_text[start:end], before=before,
                           titled=ent.label_ == "PERSON" and offset > 0 and not region))
    out += _spotted_places(doc, gaz, sent_index)
    return out + _repeated(doc, out, sent_index)


def _repeated(doc, mentions: list[Mention], sent_index: list[int]) -> list[Mention]:
    """Every other occurrence of a name found once ("Bakhmut" where the parser took it for an adverb)."""
    covered = {c for m in mentions for c in range(m.start, m.end)}
    full_text = doc.text
    out = []
    for m in {(m.text, m.label): m for m in mentions if len(m.text) >= 4 and m.text[:1].isupper()}.values():
        for found in re.finditer(r"(?<![\w-])" + re.escape(m.text) + r"(?![\w-])", full_text):
            if found.start() in covered or found.end() - 1 in covered:
                continue
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is None:
                continue
            covered |= set(range(found.start(), found.end()))
            out.append(Mention(m.text, found.start(), found.end(), m.label, sent_index[span.start], m.cue,
                               surface=m.text, before=full_text[max(0, found.start() - 25):found.start()]))
    return out


def _whole_name(ent):
    """A person span the model cut short ("President Xi" of "President Xi Jinping"), extended over the name's
    remaining capitalised words."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.end < 2 and doc[end].pos_ == "PROPN" and doc[end].is_title and \
            not doc[end].ent_type_:
        end += 1
    if end == ent.end:
        return ent
    from spacy.tokens import Span  # lazy: spaCy loads only when a pipeline runs

    return Span(doc, ent.start, end, label=ent.label_)


def _spotted_places(doc, gaz, sent_index: list[int]) -> list[Mention]:
    """Place mentions the model missed or mislabelled, found by their position (see :mod:`kg.extract.spotting`)."""
    kept = [e for e in doc.ents if e.label_ in KEEP and e.label_ != "NORP"]
    full_text = doc.text
    taken = {i for e in kept for i in range(e.start, e.end)}
    out = []
    for start, end in extra_place_spans(doc, gaz, taken, {e.end - 1 for e in kept if e.label_ in ("GPE", "LOC", "FAC")}):
        span = doc[start:end]
        name = span.text
        region = re.match(r"\s+(oblast|region|province|krai)\b", full_text[span.end_char:span.end_char + 20], re.I)
        stop = span.end_char + (region.end() if region else 0)
        if region:
            name += " " + ("Oblast" if region.group(1).lower() in ("oblast", "region") else region.group(1).title())
        out.append(Mention(name, span.start_char, stop, "LOC", sent_index[span.start], True,
                           surface=full_text[span.start_char:stop], before=full_text[max(0, span.start_char - 25):span.start_char]))
    return out


def _owned_variant(row, owner: str, gaz):
    """The actor of the same kind and name that belongs to ``owner`` (Russia's, not the UK's, Ministry of Defence)."""
    words = set(fold(row.label).split()) & set().union(*(fold(a).split() for a in row.aliases)) or set(fold(row.label).split())
    for other in gaz.actor_rows():
        if other.type == row.type and other.side and country_of_code(gaz, other.side) == owner:
            names = [other.label, *other.aliases]
            if any(len(words & set(fold(n).split())) >= min(2, len(words)) for n in names):
                return other
    return None


def _owner(text: str, gaz) -> str | None:
    """The country a name says it belongs to: "Russia's Ministry of Defence", "Ukrainian General Staff"."""
    first = re.match(r"^(?:the\s+)?([A-Z][\w.]*)(?:[’']s)?\s", text)
    if not first:
        return None
    word = first.group(1)
    row = country_row(gaz, word)
    return row.label if row is not None else gaz.country_of_demonym(word)


def _initial_type(m: Mention) -> str:
    if m.label == "MILUNIT":
        return "MilitaryUnit"
    if m.label == "PERSON":
        return "Person"
    if m.label in ("GPE", "LOC", "FAC"):
        return "Place"
    return "Organization"


def group_mentions(mentions: list[Mention], gaz) -> list[Entity]:
    """Merge mentions of the same thing (gazetteer identity, the same name by :func:`kg.names.same_name`,
    surname) and type them."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    known: dict[str, object] = {}
    for m in mentions:
        row = gaz.actor(m.text)
        prefix = re.search(r"(?:\b[A-Z][\w.]*(?:[’']s)?\s+)$", m.before)
        owner = _owner((prefix.group(0) if prefix else "") + (m.surface or m.text), gaz)
        if row is not None and owner and row.side and country_of_code(gaz, row.side) != owner:
            row = _owned_variant(row, owner, gaz)
        if row is not None:
            key = "actor:" + row.label
            known[key] = row
        else:
            key = "name:" + plain(re.sub(r"^the\s+", "", m.text, flags=re.I))
        groups[key].append(m)

    surnames = {identity_key(m.text.split()[-1]) for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    entities = [_typed_entity(key, ms, known.get(key), gaz, surnames) for key, ms in _same_names(groups).items()]
    return _merge_surnames([e for e in entities if e is not None])


def _same_names(groups: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Groups of names written differently joined where :func:`kg.names.same_name` says they are one name
    (Kharkov / Kharkiv), candidates taken from the same :func:`kg.names.identity_key` bucket."""
    firsts: dict[str, list[str]] = defaultdict(list)
    out: dict[str, list[Mention]] = {}
    for key, ms in groups.items():
        if not key.startswith("name:"):
            out[key] = ms
            continue
        text = ms[0].text
        bucket = firsts[identity_key(text)]
        into = next((k for k in bucket if same_name(out[k][0].text, text, regional)), None)
        if into is None:
            bucket.append(key)
            out[key] = list(ms)
        else:
            out[into].extend(ms)
    return out


def _typed_entity(key: str, ms: list[Mention], row, gaz, surnames: set[str] = frozenset()) -> Entity | None:
    forms = Counter(m.text for m in ms)
    longest = max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
    if row is not None:
        cls = "Country" if row.type == "Country" else row.type
        return Entity(row.label, row.type, cls, list(ms), set(forms) | set(row.aliases), row.wikidata,
                      country_of_code(gaz, row.side) if row.type != "Country" else row.label, confidence=0.9,
                      reasons=dict.fromkeys(forms, "gazetteer-alias"))
    votes = Counter(_initial_type(m) for m in ms)
    cue = sum(m.cue for m in ms)
    place_like = gaz.is_known_place(longest) or bool(PLACE_WORDS.search(longest))

    big = max((c.population for c in gaz.places(longest)), default=0) >= 100_000
    notable = place_like and len(longest.split()) == 1 and not ORG_WORDS.search(longest) and \
        (votes["Organization"] or big) and identity_key(longest) not in surnames
    titled = any(m.titled for m in ms)
    if place_like and (votes["Place"] + cue > votes["Person"] + votes["Organization"] - cue or cue >= 1 or notable) \
            and not ORG_WORDS.search(longest) and not titled:
        kind = "Place"
    elif votes["MilitaryUnit"]:
        kind = "MilitaryUnit"
    elif votes["Place"] and not place_like and ORG_WORDS.search(longest):
        kind = "Organization"
    else:
        kind = max(("Person", "Organization", "Place"), key=lambda k: votes[k])
    if kind == "Person" and len(longest.split()) > 4:
        return None
    country = country_row(gaz, longest) if kind == "Place" else None
    if country is not None:
        return Entity(country.label, "Country", "Country", list(ms), set(forms) | set(country.aliases),
                      country.wikidata, confidence=0.9, reasons=dict.fromkeys(forms, "gazetteer-alias"))
    confidence = min(0.95, 0.55 + 0.1 * len(ms) + (0.1 if place_like and kind == "Place" else 0))
    cls = kind
    if kind == "Place":
        cls = "Waterbody" if re.search(r"\b(river|sea|lake|reservoir|bay|gulf|canal)\b", longest, re.I) else \
            "Region" if re.search(r"\b(oblast|region|province|district|krai|republic)\b", longest, re.I) else "Settlement"
    return Entity(longest, kind, cls, list(ms), set(forms), confidence=confidence,
                  reasons=dict.fromkeys(forms, "transliteration"))


def _merge_surnames(entities: list[Entity]) -> list[Entity]:
    """A one-word person name joins the full name it ends (Putin -> Vladimir Putin)."""
    people = [e for e in entities if e.type == "Person" and len(e.label.split()) > 1]
    by_surname: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for e in people:
        for name in sorted({e.label, *e.aliases}):
            if len(name.split()) > 1:
                by_surname[identity_key(name.split()[-1])].append((name.split()[-1], e))
    out = []
    for e in entities:
        targets = {id(t): t for last, t in by_surname.get(identity_key(e.label), [])
                   if same_name(e.label, last, regional)} if len(e.label.split()) == 1 else {}
        if e.type in ("MilitaryUnit", "Organization") and not targets:
            longer = [t for t in entities if t is not e and t.type == e.type and
                      t.label.split()[:len(e.label.split())] == e.label.split() and len(t.label) > len(e.label)]
            targets = {id(t): t for t in longer}
        if e.type in ("Person", "Organization", "MilitaryUnit") and len(targets) == 1:
            next(iter(targets.values())).absorb(e, "surname" if e.type == "Person" else "unit-prefix")
        else:
            out.append(e)
    return out
