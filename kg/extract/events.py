"""Events from trigger lemmas: type, place, acting side, date, who claims it, counts and polarity.

A trigger under a negation is dropped ("not a full encirclement yet"); one under an intention word
("attempt to encircle", "the goal of occupying") is not an event; one under a denial ("rejected reports
that the city was surrounded") is kept with polarity ``denied``.
"""

from __future__ import annotations

import re

from kg.extract.agents import DENIALS, VICTIMS, agents as find_agents, claimants as find_claimants, deniers
from kg.extract.context import ArticleContext, Sentence
from kg.extract.dates import sentence_date, text_year
from kg.extract.entities import Entity
from kg.extract.numbers import QUALIFIERS, parse_count

TRIGGERS: dict[str, str] = {}
for _type, _lemmas in {
    "Attack": "shell shelling strike airstrike bomb bombing bombard bombardment attack hit pound barrage raid "
              "missile drone rocket target",
    "Clash": "fight fighting clash battle combat firefight skirmish engage",
    "Capture": "capture seize take liberate liberation occupy recapture retake regain fall control seizure",
    "Encirclement": "encircle encirclement surround trap besiege siege cauldron",
    "Offensive": "advance push assault offensive counteroffensive counterattack storm threaten approach cross "
                 "breakthrough press infiltrate",
    "Withdrawal": "withdraw withdrawal retreat",
    "Meeting": "meet meeting talk call",
    "Visit": "visit trip",
    "Statement": "announce declare statement briefing brief inform pledge warn vow condemn release issue urge tell "
                 "demand",
    "Negotiation": "negotiate negotiation plan deal proposal agreement ceasefire truce",
    "Casualties": "kill wound injure die dead casualty loss destroy",
}.items():
    for _lemma in _lemmas.split():
        TRIGGERS[_lemma] = _type

NEEDS_CONTEXT = {  # lemmas that are events only next to these words
    "take": r"\b(took|taken|take|taking)\b.{0,25}\b(city|town|village|control|over)\b|\bhas been taken\b|\btaken by\b|"
            r"\b(city|town|village)\b.{0,25}\btaken\b",
    "control": r"\b(under|took|take|taking|seized|gained|established)\b[^.]{0,20}\bcontrol\b|\bcontroll?(ed|s)\b",
    "fall": r"\b(fell|fallen|falls)\b", "plan": r"\bpeace plan\b", "deal": r"\b(peace|ceasefire|minerals?) deal\b",
    "call": r"\b(phone|telephone|video) call\b|\bcall with\b|\bheld a call\b|\bcall(s|ed|ing)? for\b",
    "tell": r"\btold (reporters|journalists|the press|media|a (news|press) conference)", "talk": r"\btalks?\b",
    "hit": r"\b(hit|struck)\b", "target": r"\btarget(ed|ing)\b", "release": r"\breleased?\b.{0,20}\b(video|statement|footage)\b",
    "issue": r"\bissu\w+ a statement\b", "loss": r"\blosses\b", "cross": r"\bcross(ed|ing)?\b.{0,20}\b(river|border)\b",
    "drone": r"\bdrone (attack|strike)s?\b", "missile": r"\bmissile (attack|strike)s?\b", "rocket": r"\brocket (attack|strike)s?\b",
    "press": r"\bpress(ed|ing)? (forward|on)\b", "dead": r"\b\d[\d,]* dead\b", "meeting": r"\bmeeting (with|between)\b",
    "meet": r"\bmet\b|\bmeet(s|ing)? with\b|\bmeet\b", "engage": r"\bengaged in (fighting|combat|battle)\b",
    "brief": r"\bbriefing\b|\bbriefed\b", "approach": r"\bapproach(es|ing)? (to|the)\b",
}
NEGATIONS = {"not", "no", "never", "n't", "without", "neither", "nor", "little"}
IRREALIS = {"attempt", "try", "seek", "aim", "goal", "plan", "intend", "want", "threaten", "bid", "hope",
            "prepare", "could", "may", "might", "would", "should", "avoid", "prevent", "risk", "if", "unless",
            "whether", "fear", "able", "campaign"}
SETTLEMENT_NOUNS = {"city", "town", "village", "settlement", "locality", "hamlet"}
CITY_SIZE = 10_000
MODALS = {"may", "might", "could", "would", "should"}
HEDGES = {"reportedly", "allegedly", "purportedly", "apparently"}
COUNT_KEYS = {"kill": "killed", "dead": "killed", "die": "killed", "wound": "wounded", "injure": "wounded",
              "trap": "trapped", "destroy": "equipment_destroyed", "capture": "captured"}
CONTROL = {"Capture", "Encirclement", "Offensive", "Withdrawal", "Attack", "Clash", "Casualties"}


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _is_trigger(tok, sent_text: str) -> str | None:
    lemma = _lemma(tok)
    kind = TRIGGERS.get(lemma)
    if kind is None or tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return None
    pattern = NEEDS_CONTEXT.get(lemma)
    if pattern and not re.search(pattern, tok.doc[max(tok.sent.start, tok.i - 4):tok.i + 6].text, re.I):
        return None
    if lemma in ("attack", "strike", "assault", "offensive") and tok.pos_ == "NOUN" and tok.dep_ in ("pobj",) and \
            tok.head.lower_ in ("of", "to"):
        return None
    if lemma == "call" and tok.nbor(1).lower_ == "for" if tok.i + 1 < len(tok.doc) else False:
        return "Statement"
    if kind == "Negotiation" and tok.pos_ == "NOUN" and (_lemma(tok.head) in ("urge", "demand") or
                                                          tok.head.lower_ == "for" and _lemma(tok.head.head) == "call"):
        return None
    return kind


def _window(tok, n: int = 4):
    return tok.doc[max(tok.sent.start, tok.i - n):tok.i]


def _polarity(tok) -> str | None:
    """``asserted``, ``denied``, ``hedged`` or None when the trigger states no event."""
    ancestors = [tok, *tok.ancestors]
    if any(c.dep_ == "neg" for c in tok.children) or any(_lemma(t) in NEGATIONS for t in _window(tok, 3)):
        return None
    if any(_lemma(t) in IRREALIS for t in _window(tok, 3)) or \
            any(_lemma(a) in IRREALIS and a.i < tok.i for a in ancestors[1:4]) or \
            any(c.dep_ == "aux" and _lemma(c) in MODALS for a in ancestors[:3] for c in a.children):
        return None
    if any(_lemma(a) in DENIALS for a in ancestors[1:]) or any(_lemma(t) in DENIALS for t in tok.doc[tok.sent.start:tok.i]):
        return "denied"
    clause = {a.i for a in ancestors}
    if any(t.lower_ in HEDGES and t.head.i in clause for t in tok.sent) or \
            any(_lemma(a) in ("appear", "seem", "suggest") for a in ancestors[1:]):
        return "hedged"
    return "asserted"


def _place_tokens(sent: Sentence) -> dict[int, Entity]:
    """Place entities by first token, leaving out names used as a side ("Moscow forces")."""
    return {j: e for j, e in sent.entities(("Place",)) if j not in sent.side_at}


def _places(sent: Sentence, tok, ctx: ArticleContext, last_place: Entity | None) -> list[Entity]:
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
    group = [chosen]
    doc = tok.doc
    for j in sorted(places):
        if j > group[-1] and re.fullmatch(r"[\s,]*(?:,?\s*(?:and|or)\s*)?", _gap(doc, group[-1], j)):
            group.append(j)
    return [places[j] for j in group]


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


def _generic_object(tok) -> bool:
    """A nominal capture of something unnamed ("the recapture of several villages")."""
    objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return bool(objs) and all(_lemma(g) in SETTLEMENT_NOUNS | {"area", "territory", "position", "hub", "ground"}
                              and not _is_anaphor(g) for g in objs)


def _gap(doc, a: int, b: int) -> str:
    """Text between two place mentions, minus the rest of the first mention."""
    end = a + 1
    while end < b and doc[end].is_title and doc[end].text not in (",",):
        end += 1
    text = doc[end:b].text
    return re.sub(r"^(?:Oblast|region|province)s?\b", "", text, flags=re.I)


def _counts(sent: Sentence) -> tuple[dict[str, int], dict[str, str]]:
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
        prefer_left = tok.tag_ == "VBN" and not any(c.lower_ in ("have", "has", "had") for c in tok.children)
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


def extract_events(ctx: ArticleContext) -> list[dict]:
    """Every event of an article, one per (type, place, polarity) and compatible sides.

    An undated event takes the date of an earlier mention of the same event, or of another event told
    in the same sentence.
    """
    events: list[dict] = []
    recent: list[Entity] = []
    year = text_year(ctx.doc.text) if not ctx.date else None
    for sent in ctx.sentences:
        seen_kinds: set[str] = set()
        touched: list[dict] = []
        date = sentence_date(sent.span, ctx.date, year)
        last_place = _antecedent(recent, sent)
        for tok in sent.span:
            kind = _is_trigger(tok, sent.text)
            if kind is None:
                continue
            polarity = _polarity(tok)
            if polarity is None or kind == "Capture" and tok.pos_ == "NOUN" and _generic_object(tok):
                continue
            if _mentions_again(sent, tok) and any(e["type"] == kind for e in events):
                continue
            places = _places(sent, tok, ctx, last_place) if kind not in ("Statement", "Meeting", "Negotiation") else []
            if kind == "Meeting":
                places = [e for j, e in sent.entities(("Place",)) if 0 < j - tok.i <= 10][:1]
            if kind == "Casualties" and not places:
                places = [ctx.focal_place] if ctx.focal_place else []
            if kind in CONTROL and not places:
                continue
            if kind == "Casualties" and "Casualties" in seen_kinds:
                continue
            seen_kinds.add(kind)
            claimants = find_claimants(sent, tok, ctx)
            denied_by = deniers(sent, tok) if polarity == "denied" else []
            claimants = [c for c in claimants if c not in denied_by]
            agents = find_agents(sent, tok, kind, ctx, claimants, polarity)
            if kind in ("Statement", "Meeting", "Visit") and not agents:
                continue
            if kind in ("Meeting", "Visit", "Statement"):
                claimants = [c for c in claimants if c not in agents]
            for place in places or [None]:
                event = _add(events, kind, place, agents, date, sent, claimants, polarity, denied_by)
                if event is not None:
                    touched.append(event)
        known = date or next((e["date"] for e in touched if e["date"]), None)
        for event in touched:
            event["date"] = event["date"] or known
        places_here = sent.entities(("Place",))
        settlements = [e for j, e in places_here if e.cls == "Settlement"]
        recent = [e for e in recent if e not in settlements] + settlements
    return events


def _antecedent(recent: list[Entity], sent: Sentence) -> Entity | None:
    """What "the city" refers to: the latest settlement, or the latest of city size when the text says "city"."""
    if not recent:
        return None
    if re.search(r"\b(the|this|that) city\b", sent.text, re.I):
        cities = [e for e in recent[-3:] if getattr(e.geo, "population", 0) >= CITY_SIZE]
        if cities:
            return cities[-1]
    return recent[-1]


def _mentions_again(sent: Sentence, tok) -> bool:
    """A nominal trigger that points back ("the advances", "this offensive") and names no place of its own."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those")
                                      for c in tok.children) and \
        not any(t.i in sent.entity_at for t in tok.subtree)


def _same(old: dict, new: dict) -> bool:
    """Two mentions of one event: type, place and polarity agree and their sides do not conflict."""
    if (old["type"], old["place"]) != (new["type"], new["place"]) or \
            "denied" in (old["polarity"], new["polarity"]) and old["polarity"] != new["polarity"]:
        return False
    if new["place"] is None:
        return set(old["agents"]) == set(new["agents"]) or new["type"] == "Negotiation"
    if new["type"] in ("Casualties", "Negotiation"):
        return True
    return not old["agents"] or not new["agents"] or bool(set(old["agents"]) & set(new["agents"]))


def _add(events: list[dict], kind: str, place, agents: list[str], date, sent: Sentence, claimants: list[str],
         polarity: str, denied_by: list[str]) -> dict | None:
    event = {"type": kind, "place": place.label if place else None, "agents": agents, "date": date,
             "claimedBy": claimants, "evidence": sent.text, "polarity": polarity,
             "confidence": 0.6 if polarity == "asserted" else 0.5}
    if denied_by:
        event["deniedBy"] = denied_by
    if kind == "Casualties":
        event["count"], quals = _counts(sent)
        if not event["count"]:
            return
        if quals:
            event["qualifier"] = quals
    old = next((e for e in events if _same(e, event)), None)
    if old is None:
        events.append(event)
        return event
    for field in ("claimedBy", "agents", "deniedBy"):
        if event.get(field):
            old[field] = list(dict.fromkeys(old.get(field, []) + event[field]))
    old["date"] = old["date"] or event["date"]
    if event["polarity"] == "asserted":
        old["polarity"] = "asserted"
    old["confidence"] = min(0.95, old["confidence"] + 0.1)
    for k, v in event.get("count", {}).items():
        old.setdefault("count", {}).setdefault(k, v)
    for k, v in event.get("qualifier", {}).items():
        old.setdefault("qualifier", {}).setdefault(k, v)
    return old
