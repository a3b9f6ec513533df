"""Relations between entities from lexical and syntactic patterns, one small rule per ontology term.

Patterns look at lemmas and at the entity types on either side of a trigger inside one sentence, never
at the wording of a particular article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import ArticleContext, Sentence
from kg.extract.entities import Entity
from kg.extract.events import IRREALIS, NEGATIONS
from kg.extract.gazetteer import load_gazetteer

REPORT_LEMMAS = {"inform", "brief", "report", "update", "notify"}
MEET_LEMMAS = {"meet", "meeting", "talk", "call", "speak", "host", "receive", "greet", "hold"}
VISIT_LEMMAS = {"visit", "trip", "arrive", "travel", "tour"}
TRIGGER_LEMMAS = REPORT_LEMMAS | MEET_LEMMAS | VISIT_LEMMAS
HEAD_ROLES = re.compile(r"\b(chief|head|director|chairman|chairwoman|chair|leader|president|prime minister|"
                        r"king|chancellor|secretary[- ]general|commander(?:-in-chief)?|minister)\b", re.I)
MEMBER_ROLES = re.compile(r"\b(spokes(?:wo)?man|spokesperson|secretary|official|adviser|advisor|member|deputy|"
                          r"officer|envoy|ambassador|representative|aide|analyst|correspondent|reporter|"
                          r"lawmaker|general|colonel|soldier|fighter|staff)\b", re.I)
PERSONISH = ("Person",)
ACTORS = ("Person", "Organization", "MilitaryUnit", "Country")
PLACES = ("Place", "Country")


def _rel(s: Entity, pred: str, o: Entity, sent: Sentence, conf: float) -> dict:
    return {"subject": s.label, "predicate": pred, "object": o.label, "evidence": sent.text, "confidence": conf}


def _nearest(items: list[tuple[int, Entity]], i: int, left: bool) -> Entity | None:
    side = [(j, e) for j, e in items if (j < i if left else j > i)]
    if not side:
        return None
    return (max if left else min)(side, key=lambda x: x[0])[1]


def _between_has_verb(sent: Sentence, a: int, b: int) -> bool:
    return any(t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj", "ccomp") for t in sent.span.doc[min(a, b) + 1:max(a, b)])


def _unreal(tok) -> bool:
    """A trigger under a negation or an intention ("planning to speak with") states nothing that happened."""
    window = tok.doc[max(tok.sent.start, tok.i - 3):tok.i]
    return any(t.lemma_.lower() in IRREALIS | NEGATIONS for t in window) or any(c.dep_ == "neg" for c in tok.children)


def interactions(sent: Sentence) -> Iterator[dict]:
    """reportedTo, met and visited: a person, a trigger lemma, then the other party within a short window."""
    doc = sent.span.doc
    actors = sent.entities(ACTORS)
    people = sent.entities(PERSONISH)
    for tok in sent.span:
        lemma = tok.lemma_.lower()
        if lemma not in TRIGGER_LEMMAS or _unreal(tok):
            continue
        if lemma in REPORT_LEMMAS and tok.pos_ in ("VERB", "AUX", "ADJ") or (lemma == "report" and doc[tok.i + 1:tok.i + 2].text == "to"):
            subj = _nearest(people, tok.i, left=True)
            obj = _nearest([(j, e) for j, e in people if j - tok.i <= 4], tok.i, left=False)
            if subj and obj and subj is not obj and not _between_has_verb(sent, tok.i, min(j for j, e in people if e is obj)):
                yield _rel(subj, "reportedTo", obj, sent, 0.8)
        elif lemma in MEET_LEMMAS and (lemma == "meet" or doc[tok.i + 1:tok.i + 2].text.lower() in ("with",)):
            window = [(j, e) for j, e in actors if 0 < j - tok.i <= 6 and e.type in ("Person", "Country")]
            obj = _nearest(window, tok.i, left=False)
            subj = _owner_of(sent, tok) or _nearest([(j, e) for j, e in people if tok.i - j <= 25], tok.i, left=True)
            if subj and obj and subj is not obj:
                yield _rel(subj, "met", obj, sent, 0.8)
            elif lemma == "meet" and not obj:
                left = [e for j, e in people if 0 < tok.i - j <= 8]
                if len(left) >= 2 and left[-1] is not left[-2]:
                    yield _rel(left[-2], "met", left[-1], sent, 0.7)
        elif lemma in VISIT_LEMMAS:
            place = _nearest([(j, e) for j, e in sent.entities(PLACES) if 0 < j - tok.i <= 4], tok.i, left=False)
            subj = _nearest([(j, e) for j, e in people if tok.i - j <= 12], tok.i, left=True)
            if place and subj and (lemma != "arrive" or doc[tok.i + 1].lower_ in ("in", "at")):
                yield _rel(subj, "visited", place, sent, 0.75)


def _owner_of(sent: Sentence, tok) -> Entity | None:
    """The person whose meeting it is ("his meeting with X"): the possessor, or for "his" the sentence's subject."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.i in sent.entity_at:
        return sent.entity_at[poss.i]
    root = sent.span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return sent.entity_at.get(subj.i) if subj is not None and subj.i in sent.entity_at else None


TITLE_WORD = re.compile(r"^(?:[A-Z][\w.-]*|[’']s|of|the|and|for|press|deputy|chief|head|leader|secretary|spokes\w*|"
                        r"minister|commander|president|general|official|adviser|advisor|director)$")


def _title_before(sent: Sentence, start: int) -> tuple[int, str]:
    """Start token and text of the title run right before a name ("Chief of the Russian General Staff")."""
    doc, i = sent.span.doc, start
    if i - 2 > sent.span.start and doc[i - 1].text == "," and HEAD_ROLES.fullmatch(doc[i - 2].text):
        i -= 1
    while i > sent.span.start and TITLE_WORD.match(doc[i - 1].text) and doc[i - 1].pos_ != "VERB" and \
            (i - 1 not in sent.entity_at or sent.entity_at[i - 1].type != "Person"):
        i -= 1
    return i, doc[i:start].text


def roles(sent: Sentence, ctx: ArticleContext) -> Iterator[dict]:
    """leads / memberOf / commands from titles and appositions ("Chief of the General Staff X", "X, the Y spokesman")."""
    doc = sent.span.doc
    people = sent.entities(PERSONISH)
    for i, person in people:
        lo, title = _title_before(sent, i)
        end = i
        while end < sent.span.end and sent.entity_at.get(end) is person:
            end += 1
        appos = ""
        if doc[end:end + 1].text == ",":
            stop = end + 1
            while stop < min(sent.span.end, end + 10) and doc[stop].text not in (",", ".", ";", "\u201d", '"') and doc[stop].pos_ != "VERB":
                stop += 1
            appos_span = (end + 1, stop)
            appos = doc[end + 1:stop].text
        for text, (a, b) in ((title, (lo, i)), (appos, appos_span if appos else (0, 0))):
            if not text or not re.search(HEAD_ROLES.pattern + "|" + MEMBER_ROLES.pattern, text, re.I):
                continue
            orgs = [e for j, e in sent.entities(("Organization", "MilitaryUnit", "Country"), a, b) if e is not person]
            side = next((s for j, s in sent.side_at.items() if a <= j < b), None)
            if not orgs:
                sides = [s for j in range(a, b) for s in [_demonym_text(doc[j].text)] if s]
                side = side or (sides[0] if sides else None)
                if re.search(r"\b(president|prime minister|chancellor|king)\b", text, re.I):
                    side = side or person.side
                if side and re.search(r"\b(president|leader|prime minister|chancellor|king)\b", text, re.I):
                    orgs = [ctx.country(side)]
            for org in orgs[-1:]:
                if HEAD_ROLES.search(text):
                    yield _rel(person, "commands" if org.type == "MilitaryUnit" else "leads", org, sent, 0.7)
                else:
                    yield _rel(person, "memberOf", org, sent, 0.65)


def _demonym_text(word: str) -> str | None:
    return load_gazetteer().country_of_demonym(re.sub(r"[’']s$", "", word))


def geography(sent: Sentence, ctx: ArticleContext) -> Iterator[dict]:
    """locatedIn ("X in the Y region", "X, Y Oblast", "the Ukrainian city of X") and operatesNear (unit with place)."""
    doc = sent.span.doc
    places = sent.entities(("Place", "Country"))
    for (i, a), (j, b) in zip(places, places[1:]):
        gap = doc[i:j].text
        if a.cls == "Settlement" and b.cls in ("Region", "Country") and j - i <= 12 and \
                re.search(r"(?:,|\bin\b)[^.;]*$", gap) and not re.search(r"\band\b", doc[i + 1:j].text) and \
                not any(t.pos_ in ("VERB", "AUX") for t in doc[i + 1:j]):
            yield _rel(a, "locatedIn", b, sent, 0.75)
        elif a.cls == "Waterbody" and b.cls in ("Region", "Country") and j - i <= 6 and " in " in gap:
            yield _rel(a, "locatedIn", b, sent, 0.7)
    for j, place in places:
        m = re.search(r"((?:\w+\s+){1,3})(?:city|town|village|settlement|port)\s+of\s*$", doc[max(sent.span.start, j - 5):j].text + " ")
        side = next((c for w in m.group(1).split() for c in [_demonym_text(w)] if c), None) if m else None
        if side and place.cls == "Settlement":
            yield _rel(place, "locatedIn", ctx.country(side), sent, 0.7)
    for i, unit in sent.entities(("MilitaryUnit",)):
        for j, place in places:
            if place.type == "Place" and abs(j - i) <= 40:
                yield _rel(unit, "operatesNear", place, sent, 0.65)


def extract_relations(ctx: ArticleContext) -> list[dict]:
    """All relations of an article, one per (subject, predicate, object), keeping the strongest evidence."""
    best: dict[tuple, dict] = {}
    for sent in ctx.sentences:
        for rel in [*interactions(sent), *roles(sent, ctx), *geography(sent, ctx)]:
            if rel["subject"] == rel["object"]:
                continue
            key = (rel["subject"], rel["predicate"], rel["object"])
            if rel["predicate"] == "met":
                key = ("met", *sorted((rel["subject"], rel["object"])))
            if key not in best or rel["confidence"] > best[key]["confidence"]:
                best[key] = rel
            elif key in best:
                best[key]["confidence"] = min(0.95, best[key]["confidence"] + 0.05)
    return list(best.values())
