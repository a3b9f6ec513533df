"""Who acts in an event, who undergoes it, and who says it happened.

The acting side comes from syntax first (the trigger's subject, a "by" agent, a nationality word on the
trigger), then from what the sentence says the other side suffered, then from who claims it.
"""

from __future__ import annotations

import re

from kg.extract.context import ArticleContext, Sentence

DENIALS = {"deny", "reject", "refute", "dismiss", "downplay", "dispute"}
SAY_LEMMAS = {"say", "report", "claim", "state", "announce", "confirm", "inform", "tell", "assert", "allege",
              "write", "post", "show", "according", "cite", "acknowledge", "suggest", "describe", "analyze",
              "analyse", "publish", "quote"}
VICTIMS = {"soldier", "troop", "fighter", "serviceman", "servicemen", "civilian", "people", "person", "resident",
           "child", "personnel", "man", "woman", "force", "mercenary", "militant", "member", "crew", "regiment",
           "brigade", "battalion", "formation", "unit", "group", "garrison", "defender", "position", "army"}
UNDERGONE = {"encircle", "surround", "trap", "besiege", "kill", "wound", "injure", "capture", "destroy", "defeat",
             "rout", "cut", "block", "pin"}
ARMED_KINDS = {"Attack", "Clash", "Capture", "Offensive", "Withdrawal", "Encirclement"}
GAINS = {"Capture", "Offensive", "Encirclement", "Withdrawal"}
PEOPLE_KINDS = {"Meeting", "Visit", "Statement", "Negotiation"}
CLAIMANT_TYPES = ("Person", "Organization", "Country", "MilitaryUnit")


def lemma(tok) -> str:
    return tok.lemma_.lower()


def subject_tokens(tok) -> list:
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


def patient_tokens(tok) -> set[int]:
    """Tokens of what undergoes the trigger: its object or passive subject, the "of" object of a noun
    ("encirclement of 15 regiments"), the noun a participle qualifies ("formations encircled on the bank"),
    and the subject of an object-less verb that only takes a patient ("troops encircled in Myrnohrad")."""
    out: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            out |= {t.i for t in child.subtree}
        if tok.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ == "of":
            out |= {t.i for c in child.children for t in c.subtree}
    if tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
        out |= {t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}
    objectless = not any(c.dep_ in ("dobj", "agent") for c in tok.children)
    if lemma(tok) in UNDERGONE and tok.tag_ in ("VBN", "VBD") and objectless:
        out |= {t.i for c in tok.children if c.dep_ == "nsubj" for t in c.subtree}
    return out


def _lost(tok) -> bool:
    """A side word on the victims of a casualty verb ("four Ukrainian soldiers killed")."""
    return lemma(tok.head) in VICTIMS and lemma(tok.head.head) in ("kill", "wound", "injure", "die", "dead", "hurt")


def side_of_label(label: str, ctx: ArticleContext) -> str | None:
    """The country an actor of this article stands for (itself for a country)."""
    for e in ctx.entities:
        if e.label == label:
            return e.label if e.type == "Country" else e.side
    return None


def denied(tok) -> bool:
    """Whether a denial verb precedes the trigger in its sentence."""
    return any(lemma(t) in DENIALS for t in tok.doc[tok.sent.start:tok.i])


def _sides_in(sent: Sentence, idx: set[int]) -> list[str]:
    sides = [sent.side_at[j] for j in sorted(idx) if j in sent.side_at]
    sides += [e.label for j, e in sent.entities(("Country",)) if j in idx and j not in sent.side_at]
    return list(dict.fromkeys(sides))


def victims(sent: Sentence, tok) -> list[str]:
    """The side that suffered the losses of a casualty trigger."""
    doc = tok.doc
    patients = patient_tokens(tok)
    out = _sides_in(sent, patients)
    out += [s for j, s in sent.side_at.items() if abs(j - tok.i) <= 6 and lemma(doc[j].head) in VICTIMS
            and (doc[j].head.dep_ != "nsubj" or doc[j].head.i in patients)]
    return list(dict.fromkeys(out))


def agents(sent: Sentence, tok, kind: str, ctx: ArticleContext, claimants: list[str], polarity: str) -> list[str]:
    """The acting side(s): the trigger's subject (units, countries, sides), else what the context implies."""
    if kind == "Casualties":
        return victims(sent, tok)
    patients = patient_tokens(tok)
    subject = {t.i for t in subject_tokens(tok)} - patients
    modifiers = {c.i for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")} - patients
    scope = subject | modifiers
    if not scope and not patients and not (tok.tag_ == "VBN" and kind in ("Encirclement", "Attack", "Capture")):
        scope = set(range(max(sent.span.start, tok.i - 10), tok.i))
    people_ok = kind in PEOPLE_KINDS
    people_in_scope = any(x.type == "Person" for i, x in sent.entities(None) if i in scope)
    own_subject = {t.i for c in tok.children if c.dep_ == "nsubj" for t in c.subtree}
    found: list[str] = []
    for j in sorted(scope):
        e = sent.entity_at.get(j)
        armed = e is not None and e.type == "Organization" and j in own_subject and kind in ARMED_KINDS and not people_in_scope
        if e is not None and (e.type in ("MilitaryUnit", "Country") or people_ok or armed) and j not in sent.side_at:
            if people_ok and e.type != "Person" and people_in_scope:
                continue
            found.append(e.label)
            if e.type == "MilitaryUnit" and e.side and not people_ok:
                found.append(e.side)
        if j in sent.side_at and (not people_ok or not found) and not _lost(tok.doc[j]):
            found.append(sent.side_at[j])
    if people_ok and not found and any(t.lower_ in ("he", "she") for t in subject_tokens(tok)):
        found += _last_person(sent, ctx)
    if kind == "Meeting":
        found += _meeting_partners(sent, tok)
    if kind == "Clash" and found:
        found += _sides_in(sent, {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
                                  for t in c.subtree} | patients)
    if not found and not people_ok:
        found = _implied_sides(sent, tok, kind, ctx, claimants, polarity, patients)
    return list(dict.fromkeys(found))


def _last_person(sent: Sentence, ctx: ArticleContext) -> list[str]:
    """Who "he" or "she" most likely is: the last person named before this sentence."""
    for earlier in reversed(ctx.sentences[max(0, sent.index - 2):sent.index]):
        people = earlier.entities(("Person",))
        if people:
            return [people[-1][1].label]
    return []


def _meeting_partners(sent: Sentence, tok) -> list[str]:
    """People and countries met "with": the objects of the trigger's prepositions, coordinated ones included."""
    heads = [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    heads += [c for c in tok.children if c.dep_ == "dobj"]
    heads += [c for h in list(heads) for c in h.children if c.dep_ in ("conj", "appos")]
    clauses = {t.i for h in heads for c in h.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    idx = {t.i for h in heads for t in h.subtree} - clauses
    found = [e for j, e in sent.entities(("Person", "Country")) if j in idx]
    people = [e.label for e in found if e.type == "Person"]
    return people or [e.label for e in found]


def _implied_sides(sent, tok, kind, ctx, claimants, polarity, patients) -> list[str]:
    """Sides implied when no actor is named: the opponent of whoever undergoes the event, the side of
    whoever claims it ("its troops", "officials claim it was recaptured"), or both sides of a clash."""
    suffered = _sides_in(sent, patients)
    if suffered:
        return [s for s in ctx.main_sides if s not in suffered][:1]
    claimed = [side for c in claimants for side in [side_of_label(c, ctx)] if side in ctx.main_sides]
    pronoun = any(t.lower_ in ("its", "their", "our", "we") for t in subject_tokens(tok))
    if claimed and (kind in GAINS or pronoun):
        if polarity == "denied":
            return [s for s in ctx.main_sides if s not in claimed][:1]
        return claimed[:1]
    if kind == "Clash":
        return list(ctx.main_sides[:2])
    return [s for j, s in sorted(sent.side_at.items()) if s in ctx.main_sides][:1]


def claimants(sent: Sentence, tok, ctx: ArticleContext) -> list[str]:
    """Who the sentence says asserts the event: "according to X", "X said/reported/claimed"; a denier
    is not a claimant of what it denies."""
    doc, text = tok.doc, sent.span.text
    out = []
    m = re.search(r"\b(according to|cited by|citing|as reported by|reported by|analy[sz]ed by|quoted by)\s+", text, re.I)
    if m:
        pos = sent.span.start_char + m.end()
        for j, e in sent.entities(CLAIMANT_TYPES):
            if doc[j].idx >= pos:
                out.append(e.label)
                break
    for t in sent.span:
        if lemma(t) in SAY_LEMMAS and t.i != tok.i and t.pos_ in ("VERB", "NOUN"):
            subj = [e for j, e in sent.entities(CLAIMANT_TYPES, max(sent.span.start, t.i - 10), t.i)]
            subj_sides = [s for j, s in sent.side_at.items() if t.i - 4 <= j < t.i]
            if subj:
                out.append(subj[-1].label)
            elif subj_sides:
                out.append(subj_sides[-1])
    return list(dict.fromkeys(out))


def deniers(sent: Sentence, tok) -> list[str]:
    """Who denies the event: the subject of a denial verb governing or preceding the trigger."""
    out = []
    for t in tok.doc[tok.sent.start:tok.i]:
        if lemma(t) in DENIALS:
            idx = {s.i for c in t.children if c.dep_ == "nsubj" for s in c.subtree}
            out += [e.label for j, e in sent.entities(CLAIMANT_TYPES) if j in idx]
            out += [s for j, s in sent.side_at.items() if j in idx]
    return list(dict.fromkeys(out))
