"""What relation and event patterns see of a sentence: its tokens and the entities and sides in it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from kg.extract.entities import Entity, Mention
from kg.extract.gazetteer import load_gazetteer
from kg.extract.sides import capital_country, country_row

FORCE_NOUNS = {"force", "troop", "soldier", "unit", "army", "military", "fighter", "formation", "infantry",
               "artillery", "drone", "missile", "aviation", "jet", "warplane", "serviceman", "servicemen",
               "defender", "marine", "paratrooper", "group", "garrison", "brigade", "battalion", "regiment",
               "position", "side", "command", "commander", "official", "authority", "media", "source",
               "government", "ministry", "offensive", "assault", "attack", "strike", "shelling", "map",
               "blogger", "outlet", "channel", "agency", "navy", "gunner", "operator", "sapper", "personnel",
               "bomb", "rocket", "shell", "aircraft", "helicopter", "airstrike", "warship", "ship", "tank", "control",
               "militant", "gunman", "police", "jets", "munition", "munitions", "cluster", "glide", "shelling",
               "airstrike", "strike", "bombardment", "fire"}


@dataclass
class Sentence:
    """A sentence with the entities mentioned in it, token by token."""

    span: object
    index: int
    entity_at: dict[int, Entity] = field(default_factory=dict)
    side_at: dict[int, str] = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        return re.sub(r"\s+", " ", self.span.text).strip()

    def entities(self, kinds: tuple[str, ...] | None = None, lo: int = 0, hi: int = 10**9) -> list[tuple[int, Entity]]:
        """Entities (first token index, entity) between token offsets lo and hi, in order."""
        seen, out = set(), []
        for i in sorted(self.entity_at):
            e = self.entity_at[i]
            if lo <= i < hi and (kinds is None or e.type in kinds) and (i - 1 not in self.entity_at or self.entity_at[i - 1] is not e):
                if (i, id(e)) not in seen:
                    seen.add((i, id(e)))
                    out.append((i, e))
        return out


@dataclass
class ArticleContext:
    """Everything the patterns need about one parsed article."""

    doc: object
    date: str | None
    entities: list[Entity]
    sentences: list[Sentence]
    countries: dict[str, Entity]
    main_sides: list[str]
    side_tokens: dict[str, list] = field(default_factory=dict)
    focal_place: Entity | None = None

    def country(self, name: str) -> Entity:
        """The Country entity of this article for a country name, added when only a demonym named it."""
        if name not in self.countries:
            row = country_row(load_gazetteer(), name)

            mentions = [Mention(t.text, t.idx, t.idx + len(t.text), "NORP", 0) for t in self.side_tokens.get(name, [])]
            ent = Entity(row.label if row else name, "Country", "Country", mentions,
                         set(row.aliases) if row else set(), row.wikidata if row else None, confidence=0.6)
            self.countries[name] = ent
            self.entities.append(ent)
        return self.countries[name]


def side_of_token(tok, gaz) -> str | None:
    """The country a nationality word or capital names when it qualifies forces ("Russian troops", "Kyiv's forces").

    Only words that modify a force-like noun or act as a subject count, so "the Ukrainian city" names no side.
    """
    word = tok.text.strip("’'")
    country = gaz.country_of_demonym(word)
    if country is None and tok.ent_type_ in ("GPE", "NORP"):
        country = capital_country(gaz, word)
    if country is None:
        return None
    head = tok.head
    if tok.dep_ in ("amod", "compound", "nmod", "poss") and head.lemma_.lower() not in FORCE_NOUNS:
        return None
    return country


def build_context(doc, date: str | None, entities: list[Entity], gaz) -> ArticleContext:
    """Index entities and sides by token for each sentence of ``doc``."""
    by_char: dict[int, Entity] = {}
    for e in entities:
        for m in e.mentions:
            for c in range(m.start, m.end):
                by_char[c] = e
    countries = {e.label: e for e in entities if e.type == "Country"}
    sentences = []
    side_counts: Counter[str] = Counter()
    side_tokens: dict[str, list] = {}
    for i, sent in enumerate(doc.sents):
        s = Sentence(sent, i)
        for tok in sent:
            e = by_char.get(tok.idx)
            if e is not None:
                s.entity_at[tok.i] = e
                if e.type == "Country":
                    side_counts[e.label] += 1
                if e.type in ("Place", "Country") and tok.dep_ in ("compound", "amod", "poss", "nmod") and \
                        tok.head.lemma_.lower() in FORCE_NOUNS and tok.head.i != tok.i:
                    side = e.label if e.type == "Country" else capital_country(gaz, e.label)
                    if side:
                        s.side_at[tok.i] = side
            elif tok.pos_ in ("ADJ", "PROPN", "NOUN") and tok.text[:1].isupper():
                side = side_of_token(tok, gaz)
                if side:
                    s.side_at[tok.i] = side
                    side_counts[side] += 1
                    side_tokens.setdefault(side, []).append(tok)
        sentences.append(s)
    sides = [c for c, _ in side_counts.most_common(2)]
    settlements = [e for e in entities if e.cls == "Settlement"]
    focal = max(settlements, key=lambda e: len(e.mentions), default=None)
    return ArticleContext(doc, date, entities, sentences, countries, sides, side_tokens, focal)
