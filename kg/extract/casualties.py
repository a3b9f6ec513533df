"""Casualty figures of a sentence, and whose losses they are when the text does not say."""

from __future__ import annotations

import re

from kg.extract.agents import VICTIMS
from kg.extract.agents import lemma as _lemma
from kg.extract.context import ArticleContext, Sentence
from kg.extract.gazetteer import load_gazetteer
from kg.extract.numbers import QUALIFIERS, parse_count
from kg.extract.sides import country_of_code

COUNT_KEYS = {"kill": "killed", "dead": "killed", "toll": "killed", "hurt": "wounded", "fatality": "killed",
              "death": "killed", "die": "killed", "wound": "wounded", "injure": "wounded",
              "trap": "trapped", "destroy": "equipment_destroyed", "capture": "captured"}
VIOLENT = {"Attack", "Clash"}


def counts(sent: Sentence) -> tuple[dict[str, int], dict[str, str]]:
    counts, quals = {}, {}
    doc = sent.span.doc
    qual_words = sorted(QUALIFIERS, key=len, reverse=True)
    for tok in sent.span:
        key = COUNT_KEYS.get(_lemma(tok))
        if not key or key in counts:
            continue
        if key == "captured" and not any(_lemma(c) in VICTIMS for c in tok.children):
            continue
        nums = [t for t in sent.span if (t.like_num or t.ent_type_ == "CARDINAL") and abs(t.i - tok.i) <= 8
                and not re.fullmatch(r"(19|20)\d\d", t.text)]
        if not nums:
            continue
        prefer_left = tok.tag_ == "VBN" and not any(c.lower_ in ("have", "has", "had") for c in tok.children) or \
            tok.pos_ == "ADJ"
        num = min(nums, key=lambda t: ((t.i > tok.i) if prefer_left else (t.i < tok.i), abs(t.i - tok.i)))
        start = num.i
        while start > sent.span.start and (doc[start - 1].like_num or doc[start - 1].ent_type_ == "CARDINAL"):
            start -= 1
        prefix = doc[max(sent.span.start, start - 3):start].text.lower()
        qual = next((q for q in qual_words if prefix.endswith(q)), None)
        end = num.i + 1
        while end < sent.span.end and doc[end].like_num:
            end += 1
        value, _ = parse_count(doc[start:end].text)
        if value is None:
            continue
        counts[key] = value
        if qual:
            quals[key] = qual
    return counts, quals


def victims_by_place(events: list[dict], ctx: ArticleContext) -> None:
    """Losses with no side named, at a place of one country struck by another, are that country's."""
    places = {e.label: e for e in ctx.entities if e.type == "Place"}
    for ev in events:
        place = places.get(ev["place"] or "")
        if ev["type"] != "Casualties" or ev["agents"] or place is None or place.geo is None:
            continue
        home = country_of_code(load_gazetteer(), place.geo.country)
        strikers = {a for v in events if v["type"] in VIOLENT and v["place"] == ev["place"] for a in v["agents"]}
        if home and home not in strikers:
            ev["agents"] = [home]
