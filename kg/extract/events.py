"""Events from trigger lemmas: type, place, acting side, date, who claims it, counts and polarity.

A trigger under a negation is dropped ("not a full encirclement yet"); one whose clause is a plan, a
hypothesis, a question, a forecast, an idiom or a state (:mod:`kg.extract.clause`) is not an event; one under a
denial ("rejected reports that the city was surrounded") is kept with polarity ``denied``, an unconfirmed one
or an assessment with ``hedged``; claimants are the speakers of the clause.
"""

from __future__ import annotations

import re

from kg.extract.agents import DENIALS, deniers, side_of_label, subject_tokens
from kg.extract.agents import agents as find_agents
from kg.extract.casualties import VIOLENT, counts, victims_by_place
from kg.extract.clause import analyse
from kg.extract.cues import SAME_HAPPENING
from kg.extract.context import ArticleContext, Sentence
from kg.extract.dates import When
from kg.extract.entities import Entity
from kg.extract.eventdates import Dating, same_time
from kg.extract.eventdates import dated as is_dated
from kg.extract.eventplaces import SETTLEMENT_NOUNS, antecedent, event_places, generic_object

TRIGGERS: dict[str, str] = {}
for _type, _lemmas in {
    "Attack": "shell shelling strike airstrike bomb bombing bombard bombardment attack hit pound barrage raid "
              "missile drone rocket target fire",
    "Clash": "fight fighting clash battle combat firefight skirmish engage",
    "Capture": "capture seize take liberate liberation occupy recapture retake retook regain fall control seizure",
    "Encirclement": "encircle encirclement surround trap besiege siege cauldron",
    "Offensive": "advance push assault offensive counteroffensive counterattack storm threaten approach cross "
                 "breakthrough press infiltrate break",
    "Withdrawal": "withdraw withdrawal retreat",
    "Meeting": "meet meeting talk call speak conversation summit",
    "Visit": "visit trip",
    "Statement": "announce declare statement briefing brief inform pledge warn vow condemn release issue urge tell "
                 "demand",
    "Negotiation": "negotiate negotiation plan deal proposal agreement ceasefire truce",
    "Casualties": "kill wound injure die dead casualty loss destroy fatality death toll hurt",
}.items():
    for _lemma in _lemmas.split():
        TRIGGERS[_lemma] = _type

NEEDS_CONTEXT = {  # lemmas that are events only next to these words
    "take": r"\b(took|taken|take|taking)\b.{0,25}\b(city|town|village|control|over)\b|\b(has|had|have|was|were) been taken\b|\bwas taken\b|\btaken by\b|"
            r"\b(city|town|village)\b.{0,25}\btaken\b",
    "control": r"\b(under|took|take|taking|seized|gained|established)\b[^.]{0,20}\bcontrol\b|\bcontroll?(ed|s)\b",
    "fall": r"\b(fell|fallen|falls)\b", "plan": r"\bpeace plan\b", "deal": r"\b(peace|ceasefire|minerals?) deal\b",
    "call": r"\b(phone|telephone|video) call\b|\bcall with\b|\bheld a call\b|\bcall(s|ed|ing)? for\b",
    "break": r"\b(broke|break|breaks|breaking|broken) through\b",
    "fire": r"\bfir(ed|es|ing) (\w+ ){0,3}(at|on|into)\b|\bopen(ed)? fire\b",
    "speak": r"\b(spoke|speaks|speak|speaking)\b(\s+\w+){0,3}\s+(with|to)\b",
    "conversation": r"\b(phone|telephone|video) conversation\b|\bconversation with\b",
    "summit": r"\bsummit (with|between)\b",
    "tell": r"\btold (reporters|journalists|the press|media|a (news|press) conference)", "talk": r"\btalks?\b",
    "hit": r"\b(hits?|hitting|struck)\b", "toll": r"\bdeath toll\b", "hurt": r"\b\w+ (people |civilians )?hurt\b", "target": r"\btarget(ed|ing)\b", "release": r"\breleased?\b.{0,20}\b(video|statement|footage)\b",
    "issue": r"\bissu\w+ a statement\b", "loss": r"\blosses\b", "cross": r"\bcross(ed|ing)?\b.{0,20}\b(river|border)\b",
    "drone": r"\bdrone (attack|strike)s?\b", "missile": r"\bmissile (attack|strike)s?\b", "rocket": r"\brocket (attack|strike)s?\b",
    "press": r"\bpress(ed|ing)? (forward|on)\b", "dead": r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|dozens|hundreds)"
            r" (\w+ )?dead\b", "meeting": r"\bmeeting (with|between)\b",
    "meet": r"\bmet\b|\bmeet(s|ing)? with\b|\bmeet\b", "engage": r"\bengaged in (fighting|combat|battle)\b",
    "brief": r"\bbriefing\b|\bbriefed\b", "approach": r"\bapproach(es|ing)? (to|the)\b",
}
NEGATIONS = {"not", "no", "never", "n't", "without", "neither", "nor", "little"}
IRREALIS = {"attempt", "try", "seek", "aim", "goal", "plan", "intend", "want", "threaten", "bid", "hope",
            "prepare", "could", "may", "might", "would", "should", "avoid", "prevent", "risk", "if", "unless",
            "whether", "fear", "able", "campaign"}  # relation patterns (kg.extract.relations) skip these
NOTE_SENTENCES = 3
DURATIONS = {"month", "week", "year", "day", "hour", "decade"}
HEDGES = {"reportedly", "allegedly", "purportedly", "apparently"}
DATE_FIELDS = ("date", "dateRange", "datePrecision")
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
    if lemma == "fall" and not any(c.dep_ == "nsubj" and (c.pos_ == "PROPN" or _lemma(c) in SETTLEMENT_NOUNS | {"it"})
                                   for c in tok.children):
        return None
    if kind == "Clash" and tok.dep_ in ("amod", "compound") and _lemma(tok.head) not in SETTLEMENT_NOUNS:
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _lemma(tok.head.head) in DURATIONS:
        return None  # "after months of fighting": background, not an event
    if kind == "Attack" and _lemma(tok) == "attack" and tok.pos_ == "VERB" and \
            any(c.dep_ == "dobj" and _lemma(c) in ("position", "troop", "force", "unit", "soldier") for c in tok.children):
        return "Clash"  # a ground attack on forces is an armed clash; a strike on a place stays an Attack
    if kind == "Negotiation" and tok.pos_ == "NOUN" and (_lemma(tok.head) in ("urge", "demand") or
                                                          tok.head.lower_ == "for" and _lemma(tok.head.head) == "call"):
        return None
    return kind


def _window(tok, n: int = 4):
    return tok.doc[max(tok.sent.start, tok.i - n):tok.i]


def _polarity(tok, clause: str | None) -> str | None:
    """``asserted``, ``denied``, ``hedged``, ``negated`` (a denial if someone says it) or None when the
    trigger states no happening; ``clause`` is the polarity its clause analysis gives (:mod:`kg.extract.clause`)."""
    if clause is None:
        return None
    ancestors = [tok, *tok.ancestors]
    if any(c.dep_ == "neg" for c in tok.children) or any(_lemma(t) in NEGATIONS for t in _window(tok, 3)):
        return "negated"
    if clause in ("denied", "negated"):
        return clause
    if any(_lemma(a) in DENIALS for a in ancestors[1:]) or any(_lemma(t) in DENIALS for t in tok.doc[tok.sent.start:tok.i]):
        return "denied"
    clause_tokens = {a.i for a in ancestors}
    if clause == "hedged" or any(t.lower_ in HEDGES and t.head.i in clause_tokens for t in tok.sent):
        return "hedged"
    return "asserted"


def extract_events(ctx: ArticleContext) -> list[dict]:
    """Every event of an article, one per (type, place, polarity) and compatible sides.

    Each event is dated from its own clause by :class:`kg.extract.eventdates.Dating` (or left undated); an
    undated mention takes the date of an earlier mention of the same event.
    """
    events: list[dict] = []
    recent: list[Entity] = []
    before: list[dict] = []
    dating = Dating(ctx.doc, ctx.date)
    for sent in ctx.sentences:
        seen_kinds: set[str] = set()
        sent_kinds: dict[int, str] = {}
        touched: list[dict] = []
        last_place = antecedent(recent, sent)
        for tok in sent.span:
            kind = _is_trigger(tok, sent.text)
            if kind is None:
                continue
            if any(a.i in sent_kinds and sent_kinds[a.i] == kind for a in list(tok.ancestors)[:2]) and \
                    tok.dep_ in ("advcl", "xcomp", "conj", "acl"):
                continue  # "fired missiles at Kyiv, hitting a hospital": one strike
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and sent_kinds.get(tok.head.i) in SAME_HAPPENING.get(kind, ()):
                continue  # "attacked the town, battling its defenders": one fight
            sent_kinds[tok.i] = kind
            clause = analyse(tok, sent)
            polarity = _polarity(tok, clause.polarity)
            if polarity is None or kind == "Capture" and tok.pos_ == "NOUN" and generic_object(tok):
                continue
            if _mentions_again(sent, tok) and any(e["type"] == kind for e in events):
                continue
            claimants = clause.speakers
            if polarity == "negated" and not (claimants and kind in CONTROL):
                continue
            places = event_places(sent, tok, ctx, last_place) if kind not in ("Statement", "Meeting", "Negotiation") else []
            if not places and kind in CONTROL and polarity in ("denied", "negated"):
                places = [p for e in events[-3:] if e["type"] == kind and e["place"]
                          for p in ctx.entities if p.label == e["place"]]
            if kind == "Meeting":
                where = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at") for t in c.subtree}
                places = [e for j, e in sent.entities(("Place",)) if j in where][:1] or \
                    [e for j, e in sent.entities(("Place",)) if 0 < j - tok.i <= 18][:1]
            if kind == "Visit" and not places:
                places = [e for j, e in sent.entities(("Country",)) if 0 < j - tok.i <= 4][:1]
            violent = [e for e in touched + before if e["type"] in VIOLENT and e["place"]]
            if kind == "Casualties" and violent:
                places = [next(p for p in ctx.entities if p.label == violent[-1]["place"])]
            if kind == "Casualties" and not places:
                places = [ctx.focal_place] if ctx.focal_place else []
            if kind in CONTROL and not places and kind != "Casualties":
                continue
            if kind == "Casualties" and "Casualties" in seen_kinds:
                continue
            seen_kinds.add(kind)
            denied_by = deniers(sent, tok) if polarity == "denied" else []
            if polarity == "negated":
                polarity, denied_by, claimants = "denied", claimants, []
            claimants = [c for c in claimants if c not in denied_by]
            agents = find_agents(sent, tok, kind, ctx, claimants, polarity)
            if polarity == "denied" and not agents and kind in CONTROL:
                denier_sides = {side_of_label(d, ctx) for d in denied_by} - {None}
                agents = [s for s in ctx.main_sides if s not in denier_sides][:1] if denier_sides else []
            if not agents and kind in ("Meeting", "Negotiation", "Statement") and _the_leaders(tok):
                agents = next((list(e["agents"]) for e in reversed(events) if e["type"] == "Meeting"), [])
            if kind in ("Statement", "Meeting", "Visit") and not agents or kind == "Meeting" and len(agents) < 2:
                continue
            if kind in ("Meeting", "Visit", "Statement"):
                claimants = [c for c in claimants if c not in agents]
            for place in places or [None]:
                event = _add(events, kind, place, agents, dating.when(tok, sent.span), sent, claimants, polarity,
                             denied_by, ctx.date)
                if event is not None:
                    touched.append(event)
                    if clause.unnamed and not event["claimedBy"]:
                        event.setdefault("anonymousSource", clause.unnamed)
                if event is not None and kind == "Casualties" and violent and not event["agents"] and \
                        len(ctx.sentences) <= NOTE_SENTENCES and violent[-1] in before and violent[-1] not in touched:
                    events.remove(event)  # an event note: the toll belongs to its strike, not a second event
                    touched.remove(event)
                dated = [v for v in violent if v in touched and is_dated(v)]
                if event is not None and kind == "Casualties" and not is_dated(event) and dated:
                    event.update({k: dated[-1].get(k) for k in DATE_FIELDS})
                    for v in violent:
                        v.setdefault("count", {}).update({k: n for k, n in event["count"].items() if k not in v["count"]})
        before = touched
        dating.passed(sent.span)
        places_here = sent.entities(("Place",))
        settlements = [e for j, e in places_here if e.cls == "Settlement"]
        recent = [e for e in recent if e not in settlements] + settlements
    for event in events:
        if not event.get("dateRange"):
            event.pop("dateRange", None)
        if not is_dated(event):
            event.pop("datePrecision", None)
    victims_by_place(events, ctx)
    return events


def _the_leaders(tok) -> bool:
    """Whether the trigger's subject is "the (two) leaders", "both sides": the people of the last meeting."""
    return any(_lemma(t) in ("leader", "side", "president", "minister", "delegation") and t.tag_ == "NNS" or
               t.lower_ in ("both", "they") for t in subject_tokens(tok))


def _mentions_again(sent: Sentence, tok) -> bool:
    """A nominal trigger that points back ("the advances", "this offensive") and names no place of its own."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those")
                                      for c in tok.children) and \
        not any(t.i in sent.entity_at for t in tok.subtree)


def _same(old: dict, new: dict, report: str | None) -> bool:
    """Two mentions of one event: type, place and polarity agree and their sides do not conflict."""
    if (old["type"], old["place"]) != (new["type"], new["place"]) or not same_time(old, new, report) or \
            "denied" in (old["polarity"], new["polarity"]) and old["polarity"] != new["polarity"]:
        return False
    if new["place"] is None:
        return set(old["agents"]) == set(new["agents"]) or new["type"] == "Negotiation"
    if new["type"] in ("Casualties", "Negotiation"):
        return True
    return not old["agents"] or not new["agents"] or bool(set(old["agents"]) & set(new["agents"]))


def _add(events: list[dict], kind: str, place, agents: list[str], when: When | None, sent: Sentence,
         claimants: list[str], polarity: str, denied_by: list[str], report: str | None = None) -> dict | None:
    date = when.fields() if when else {"date": None}
    event = {"type": kind, "place": place.label if place else None, "agents": agents, **date,
             "claimedBy": claimants, "evidence": sent.text, "polarity": polarity,
             "confidence": 0.6 if polarity == "asserted" else 0.5}
    if denied_by:
        event["deniedBy"] = denied_by
    if kind == "Casualties":
        event["count"], quals = counts(sent)
        if not event["count"]:
            return
        if quals:
            event["qualifier"] = quals
    old = next((e for e in events if _same(e, event, report)), None)
    if old is None:
        events.append(event)
        return event
    for field in ("claimedBy", "agents", "deniedBy"):
        if event.get(field):
            old[field] = list(dict.fromkeys(old.get(field, []) + event[field]))
    if not is_dated(old) or old.get("dateRange") and event.get("date"):
        old.update({k: event.get(k) for k in DATE_FIELDS})  # the more precise date of the same happening
    if event["polarity"] == "asserted":
        old["polarity"] = "asserted"
    old["confidence"] = min(0.95, old["confidence"] + 0.1)
    for k, v in event.get("count", {}).items():
        old.setdefault("count", {}).setdefault(k, v)
    for k, v in event.get("qualifier", {}).items():
        old.setdefault("qualifier", {}).setdefault(k, v)
    return old
