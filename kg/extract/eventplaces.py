"""Where an event happened: the place a trigger governs, places coordinated with it, and what "the city" means."""

from __future__ import annotations

import re

from kg.extract.agents import SAY_LEMMAS
from kg.extract.agents import lemma as _lemma
from kg.extract.context import ArticleContext, Sentence
from kg.extract.entities import Entity

SETTLEMENT_NOUNS = {"city", "town", "village", "settlement", "locality", "hamlet"}
CITY_SIZE = 10_000


def _place_tokens(sent: Sentence) -> dict[int, Entity]:
    """Place entities by first token, leaving out names used as a side ("Moscow forces", "Kyiv says")."""
    doc = sent.span.doc
    return {j: e for j, e in sent.entities(("Place",)) if j not in sent.side_at and not
            (doc[j].dep_ == "nsubj" and _lemma(doc[j].head) in SAY_LEMMAS)}


def event_places(sent: Sentence, tok, ctx: ArticleContext, last_place: Entity | None) -> list[Entity]:
    """The place(s) of a trigger: in its syntactic subtree or subject first, then the nearest one, then "the city"."""
    places = _place_tokens(sent)
    if last_place and tok.dep_ in ("nsubj", "nsubjpass") and any(c.lower_ in ("this", "that") for c in tok.children):
        return [last_place]
    if not places:
        anaphoric = tok.pos_ == "NOUN" and any(c.lower_ in ("this", "that", "the") for c in tok.children)
        if (anaphoric or re.search(r"\b(the|this|that) (city|town)\b", sent.text, re.I)) and last_place:
            return [last_place]
        return []
    subtree = {t.i for t in tok.subtree}
    subjects = {t.i for c in tok.children if c.dep_ in ("nsubjpass", "nsubj") for t in c.subtree}
    if tok.dep_ in ("acl", "amod", "relcl") or tok.tag_ == "VBN":
        subjects |= {t.i for t in tok.head.subtree} - subtree if tok.head.dep_ == "pobj" or tok.dep_ == "relcl" else set()
    direct = {c.i for c in tok.children if c.dep_ in ("nsubjpass", "dobj", "pobj", "attr")}
    direct |= {g.i for c in tok.children if c.dep_ in ("prep", "dobj") for g in c.children if g.dep_ in ("pobj", "prep")}
    direct |= {g.i for d in list(direct) for g in tok.doc[d].children if g.dep_ == "pobj"}
    inside = [j for j in places if j in subtree and j != tok.i]
    chosen = next((j for j in sorted(places) if any(k in direct for k in range(j, j + 4) if sent.entity_at.get(k) is places[j])), None)
    if chosen is None and inside:
        chosen = min(inside, key=lambda j: abs(j - tok.i))
    if chosen is None:
        near = [j for j in places if j in subjects]
        chosen = near[0] if near else None
    if chosen is None and last_place and _anaphor_near(tok):
        return [last_place]
    if chosen is None:
        after = [j for j in places if 0 < j - tok.i <= 12]
        before = [j for j in places if 0 < tok.i - j <= 8]
        chosen = min(after) if after else max(before) if before else min(places, key=lambda j: abs(j - tok.i))
    order = sorted(places)
    k = order.index(chosen)
    lo = hi = k
    while lo > 0 and _coordinated(tok.doc, places, order[lo - 1], order[lo]):
        lo -= 1
    while hi + 1 < len(order) and _coordinated(tok.doc, places, order[hi], order[hi + 1]):
        hi += 1
    group = order[lo:hi + 1]
    if len(group) == 2 and _gap(tok.doc, group[0], group[1]).strip() == ",":
        group = [chosen]  # "Novorossiysk, Krasnodar": a place and its region, not a list
    return [places[j] for j in group]


def _coordinated(doc, places: dict, a: int, b: int) -> bool:
    """Two places of one kind joined by a comma or "and"/"or" ("Pokrovsk and neighbouring Myrnohrad")."""
    return places[a].cls == places[b].cls and bool(re.fullmatch(
        r"[\s,]*(?:,?\s*(?:and|or)\s*)?(?:(?:neighbou?ring|nearby|adjacent)\s*)?", _gap(doc, a, b)))


def _gap(doc, a: int, b: int) -> str:
    """Text between two place mentions, minus the rest of the first mention."""
    end = a + 1
    while end < b and doc[end].is_title and doc[end].text not in (",",):
        end += 1
    text = doc[end:b].text
    return re.sub(r"^(?:Oblast|region|province)s?\b", "", text, flags=re.I)


def _is_anaphor(t) -> bool:
    """"the city", "this town": a settlement noun that names no place of its own."""
    return _lemma(t) in SETTLEMENT_NOUNS and any(c.lower_ in ("the", "this", "that") for c in t.children) and \
        not any(c.dep_ in ("prep", "compound", "appos") and c.lower_ != "under" for c in t.children)


def _anaphor_near(tok) -> bool:
    """Whether "the city" is the trigger's own argument ("the city under Russian control", "took the town")."""
    near = [*tok.children, tok.head, *tok.head.children]
    if tok.head.dep_ == "prep" or tok.head.pos_ == "ADP":
        near += list(tok.head.head.children)
    return any(_is_anaphor(t) for t in near if t.i != tok.i)


def generic_object(tok) -> bool:
    """A nominal capture of something unnamed ("the recapture of several villages")."""
    objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return bool(objs) and all(_lemma(g) in SETTLEMENT_NOUNS | {"area", "territory", "position", "hub", "ground"}
                              and not _is_anaphor(g) for g in objs)


def antecedent(recent: list[Entity], sent: Sentence) -> Entity | None:
    """What "the city" refers to: the latest settlement, or the latest of city size when the text says "city"."""
    if not recent:
        return None
    if re.search(r"\b(the|this|that) city\b", sent.text, re.I):
        cities = [e for e in recent[-3:] if getattr(e.geo, "population", 0) >= CITY_SIZE]
        if cities:
            return cities[-1]
    return recent[-1]
