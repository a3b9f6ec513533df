"""Events from trigger lemmas: type, place, acting side, date, who claims it, counts and polarity.

A trigger under a negation is dropped ("not a full encirclement yet"); one under an intention word
("attempt to encircle", "the goal of occupying") is not an event; one under a denial ("rejected reports
that the city was surrounded") is kept with polarity ``denied``.
"""

from __future__ import annotations

import re

from kg.extract.context import ArticleContext, Sentence
from kg.extract.dates import resolve_date
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
    "Statement": "announce declare statement briefing brief inform pledge warn vow condemn release issue urge",
    "Negotiation": "negotiate negotiation plan deal proposal agreement ceasefire truce",
    "Casualties": "kill wound injure die dead casualty loss destroy",
}.items():
    for _lemma in _lemmas.split():
        TRIGGERS[_lemma] = _type

NEEDS_CONTEXT = {  # lemmas that are events only next to these words
    "take": r"\b(took|taken|take|taking)\b.{0,25}\b(city|town|village|control|over)\b|\bhas been taken\b|\btaken by\b",
    "control": r"\b(under|took|take|taking|seized|gained|established)\b[^.]{0,20}\bcontrol\b|\bcontroll?(ed|s)\b",
    "fall": r"\b(fell|fallen|falls)\b", "plan": r"\bpeace plan\b", "deal": r"\b(peace|ceasefire|minerals?) deal\b",
    "call": r"\b(phone|telephone|video) call\b|\bcall with\b|\bheld a call\b", "talk": r"\btalks?\b",
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
            "whether", "fear", "able"}
DENIALS = {"deny", "reject", "refute", "dismiss", "downplay", "dispute"}
SAY_LEMMAS = {"say", "report", "claim", "state", "announce", "confirm", "inform", "tell", "assert", "allege",
              "write", "post", "show", "according", "cite", "acknowledge", "suggest", "describe"}
VICTIMS = {"soldier", "troop", "fighter", "serviceman", "servicemen", "civilian", "people", "person", "resident",
           "child", "personnel", "man", "woman", "force", "mercenary", "militant", "member", "crew"}
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
    return kind


def _window(tok, n: int = 4):
    return tok.doc[max(tok.sent.start, tok.i - n):tok.i]


def _polarity(tok) -> str | None:
    """``asserted``, ``denied``, ``hedged`` or None when the trigger states no event."""
    ancestors = [tok, *tok.ancestors]
    if any(c.dep_ == "neg" for c in tok.children) or any(_lemma(t) in NEGATIONS for t in _window(tok, 3)):
        return None
    if any(_lemma(t) in IRREALIS for t in _window(tok, 3)) or \
            any(_lemma(a) in IRREALIS and a.i < tok.i for a in ancestors[1:3]):
        return None
    if any(_lemma(a) in DENIALS for a in ancestors[1:]) or any(_lemma(t) in DENIALS for t in tok.doc[tok.sent.start:tok.i]):
        return "denied"
    if any(t.lower_ in ("reportedly", "allegedly", "purportedly", "apparently") for t in tok.sent) or \
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


def _gap(doc, a: int, b: int) -> str:
    """Text between two place mentions, minus the rest of the first mention."""
    end = a + 1
    while end < b and doc[end].is_title and doc[end].text not in (",",):
        end += 1
    text = doc[end:b].text
    return re.sub(r"^(?:Oblast|region|province)s?\b", "", text, flags=re.I)


def _subject_tokens(tok) -> list:
    """Tokens of the acting subject of a trigger: its nsubj or "by" agent, or those of the verb it hangs on."""
    for node in [tok, *list(tok.ancestors)[:3]]:
        found = []
        for child in node.children:
            if child.dep_ == "nsubj" or child.dep_ == "poss" and node is tok:
                found += list(child.subtree)
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                found += [t for c in child.children for t in c.subtree]
            if node is tok and child.dep_ == "acl":
                verbs = [child, *(c for c in child.children if c.dep_ == "conj")]
                found += [t for v in verbs for g in v.children if g.dep_ == "agent" or g.lower_ == "by"
                          for c in g.children for t in c.subtree]
        if found:
            return found
        if node.dep_ not in ("xcomp", "advcl", "conj", "dobj", "pcomp", "acl", "ccomp", "amod", "compound", "relcl"):
            break
    return []


def _agents(sent: Sentence, tok, kind: str, ctx: ArticleContext, claimants: list[str]) -> list[str]:
    """The acting side(s): the trigger's subject (units, countries, sides), else what precedes it."""
    doc = tok.doc
    subject = {t.i for t in _subject_tokens(tok)}
    modifiers = {c.i for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")}
    scope = subject | modifiers
    if not scope and not (tok.tag_ == "VBN" and kind in ("Encirclement", "Attack", "Capture")):
        scope = set(range(max(sent.span.start, tok.i - 10), tok.i))
    people_ok = kind in ("Meeting", "Visit", "Statement", "Negotiation")
    agents: list[str] = []
    for j in sorted(scope):
        e = sent.entity_at.get(j)
        if e is not None and (e.type in ("MilitaryUnit", "Country") or people_ok) and j not in sent.side_at:
            if people_ok and e.type != "Person" and any(x.type == "Person" for i, x in sent.entities(None) if i in scope):
                continue
            agents.append(e.label)
            if e.type == "MilitaryUnit" and e.side:
                agents.append(e.side)
        side = sent.side_at.get(j)
        if side and kind != "Casualties":
            agents.append(side)
    patients = [s for j, s in sent.side_at.items() if j > tok.i - 4 and j not in scope and
                (doc[j].head.i == tok.i or doc[j].head.head.i == tok.i or tok.head.i == doc[j].head.i)]
    if kind == "Casualties":
        agents = [s for j, s in sent.side_at.items() if abs(j - tok.i) <= 6 and _lemma(doc[j].head) in VICTIMS
                  and doc[j].head.dep_ != "nsubj"]
    elif not agents and patients and kind in ("Encirclement", "Attack", "Capture", "Offensive"):
        agents = [s for s in ctx.main_sides if s not in patients][:1]
    if not agents and any(t.lower_ in ("its", "their", "our") for t in _subject_tokens(tok)) and claimants:
        agents = [side for c in claimants for side in [_side_of_label(c, ctx)] if side][:1]
    if not agents and claimants and kind in CONTROL:
        agents = [s for s in ctx.main_sides if s not in claimants][:1] if _denied(tok) else []
    if kind == "Meeting":
        agents += [e.label for j, e in sent.entities(("Person", "Country"), tok.i, tok.i + 8)]
    return [a for a in dict.fromkeys(agents) if a not in claimants or kind in ("Statement", "Meeting")]


def _side_of_label(label: str, ctx: ArticleContext) -> str | None:
    """The country an actor of this article stands for (itself for a country)."""
    for e in ctx.entities:
        if e.label == label:
            return e.label if e.type == "Country" else e.side
    return None


def _denied(tok) -> bool:
    return any(_lemma(t) in DENIALS for t in tok.doc[tok.sent.start:tok.i])


def _claimants(sent: Sentence, tok, ctx: ArticleContext) -> list[str]:
    doc, text = tok.doc, sent.span.text
    out = []
    m = re.search(r"\b(according to|cited by|citing|as reported by|reported by)\s+", text, re.I)
    if m:
        pos = sent.span.start_char + m.end()
        for j, e in sent.entities(("Person", "Organization", "Country", "MilitaryUnit")):
            if doc[j].idx >= pos:
                out.append(e.label)
                break
    for t in sent.span:
        if _lemma(t) in SAY_LEMMAS and t.i != tok.i and t.pos_ in ("VERB", "NOUN"):
            subj = [e for j, e in sent.entities(("Person", "Organization", "Country", "MilitaryUnit"), max(sent.span.start, t.i - 10), t.i)]
            subj_sides = [s for j, s in sent.side_at.items() if t.i - 4 <= j < t.i]
            if subj:
                out.append(subj[-1].label)
            elif subj_sides:
                out.append(subj_sides[-1])
    return list(dict.fromkeys(out))


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
    """Every event of an article, merged per (type, place, agents)."""
    events: dict[tuple, dict] = {}
    last_place: Entity | None = None
    for sent in ctx.sentences:
        seen_kinds: set[str] = set()
        for tok in sent.span:
            kind = _is_trigger(tok, sent.text)
            if kind is None:
                continue
            polarity = _polarity(tok)
            if polarity is None:
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
            claimants = _claimants(sent, tok, ctx)
            agents = _agents(sent, tok, kind, ctx, claimants)
            if kind in ("Statement", "Meeting", "Visit") and not agents:
                continue
            date_ents = [e for e in sent.span.ents if e.label_ == "DATE"]
            date = next((d for d in (resolve_date(e.text, ctx.date) for e in date_ents) if d), None)
            for place in places or [None]:
                _add(events, kind, place, agents, date, sent, tok, claimants, polarity)
        places_here = sent.entities(("Place",))
        settlements = [e for j, e in places_here if e.cls == "Settlement"]
        if settlements:
            last_place = settlements[-1]
    return list(events.values())


def _add(events: dict, kind: str, place, agents: list[str], date, sent: Sentence, tok, claimants: list[str],
         polarity: str) -> None:
    event = {"type": kind, "place": place.label if place else None, "agents": agents, "date": date,
             "claimedBy": [c for c in claimants if c not in agents],
             "evidence": sent.text, "polarity": polarity,
             "confidence": 0.6 if polarity == "asserted" else 0.5}
    if kind == "Casualties":
        event["count"], quals = _counts(sent)
        if not event["count"]:
            return
        if quals:
            event["qualifier"] = quals
    key = (kind, event["place"], frozenset(agents))
    if key not in events and (kind in ("Casualties", "Negotiation") or not agents):
        key = next((k for k in events if k[:2] == key[:2]), key)
    if key in events:
        old = events[key]
        old["claimedBy"] = list(dict.fromkeys(old["claimedBy"] + event["claimedBy"]))
        old["agents"] = list(dict.fromkeys(old["agents"] + event["agents"]))
        old["date"] = old["date"] or event["date"]
        old["confidence"] = min(0.95, old["confidence"] + 0.1)
        for k, v in event.get("count", {}).items():
            old.setdefault("count", {}).setdefault(k, v)
        for k, v in event.get("qualifier", {}).items():
            old.setdefault("qualifier", {}).setdefault(k, v)
    else:
        events[key] = event
