"""Attribution: who a clause's reporting verb, "according to" phrase or quotation names as its speaker.

Speakers are entities of the sentence (people, organisations, countries, units); a phrase that names no one
("some bloggers", "officials") is returned as its words, marked ``?`` when the source is unsure
(:data:`kg.extract.cues.SOURCE_NOUNS`).
"""

from __future__ import annotations

from kg.extract import cues

SPEAKER_TYPES = ("Person", "Organization", "Country", "MilitaryUnit")


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def speaker(verb, sent) -> tuple[list[str], str | None]:
    """Who a reporting verb's subject (or passive "by" agent) names: entities, or the words of an unnamed source."""
    heads = [c for c in verb.children if c.dep_ == "nsubj" or c.dep_ == "poss" and verb.pos_ == "NOUN"]
    heads += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not heads and verb.dep_ == "xcomp":
        heads = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "footage appears to show ..."
    if not heads and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        heads = [verb.head]  # "a statement saying ...", "reports claiming ..."
    return named(heads, sent)


def sentence_sources(sent) -> list[str]:
    """Sources the sentence names outside the trigger's chain: "according to X", "analyzed by X"."""
    out: list[str] = []
    for t in sent.span:
        if t.dep_ == "prep" and t.lower_ in cues.ATTRIBUTION_PREPS:
            out += named([g for x in [t, *t.children] for g in x.children if g.dep_ == "pobj"], sent)[0]
        if t.dep_ == "agent" and _lemma(t.head) in cues.REPORTING:
            out += named([g for g in t.children if g.dep_ == "pobj"], sent)[0]
    return out


def quoted_speaker(tok, sent) -> list[str]:
    """The speaker of a quotation holding the trigger: the named subject before the reporting verb that opens it."""
    quotes = [t.i for t in tok.sent if t.text in cues.QUOTES]
    opening = max((i for i in quotes[::2] if i < tok.i), default=None)
    if opening is None or not any(i > tok.i for i in quotes) and len(quotes) % 2 == 0:
        return []
    verbs = [t for t in tok.doc[tok.sent.start:opening] if _lemma(t) in cues.REPORTING and t.pos_ == "VERB"]
    if not verbs:
        return []
    found = [e for i, e in sent.entities(SPEAKER_TYPES) if i < verbs[-1].i]
    people = [e for e in found if e.type == "Person"]
    return [(people or found)[-1].label] if found else []


def _entity(tok, sent, modifiers: tuple[str, ...] = ("compound", "poss")) -> object | None:
    """The speaker entity a noun phrase head names, itself or through a name modifier ("GUR MO")."""
    todo = [tok]
    while todo:  # the head, then its name modifiers and theirs ("Ministry of Defence intelligence assessment")
        t = todo.pop(0)
        e = sent.entity_at.get(t.i)
        if e is not None and e.type in SPEAKER_TYPES:
            return e
        todo += [c for c in t.children if c.dep_ in modifiers]
    return None


def named(heads: list, sent) -> tuple[list[str], str | None]:
    """Entities named by noun phrase heads (with their appositions and conjuncts), or what an unnamed source is;
    an unsure source ("bloggers") takes only a possessive owner, never a name modifier ("Kremlin bloggers")."""
    names: list[str] = []
    unnamed = None
    for head in heads:
        for h in [head, *(c for c in head.children if c.dep_ in ("appos", "conj"))]:
            word = _lemma(h)
            unsure = cues.SOURCE_NOUNS.get(word)
            e = _entity(h, sent, ("poss",) if unsure else ("compound", "poss"))
            if e is None and unsure is None:  # "the Chief Directorate of Intelligence of the Ministry"
                of = [g for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"]
                e = next((x for x in (_entity(g, sent) for g in of) if x is not None), None)
            if e is not None:
                names.append(e.label)
                continue
            agents = [g for c in h.children if c.dep_ == "acl" and _lemma(c) in cues.REPORTING
                      for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if agents:  # "footage analyzed by CNN", "a report published by the ministry"
                names += named(agents, sent)[0]
            elif h.pos_ in ("NOUN", "PROPN") and unsure is not None:
                side = [sent.side_at[c.i] for c in h.subtree if c.i in sent.side_at]
                if not unsure and side:
                    names += side[:1]
                else:
                    mods = [c for c in h.subtree if c.i < h.i and c.dep_ != "det" or c.lower_ in ("some", "several")]
                    unnamed = " ".join(t.text for t in [*mods, h]).replace(" - ", "-")
                    unnamed = f"?{unnamed}" if unsure else unnamed  # ? marks an unsure source
    return list(dict.fromkeys(names)), unnamed
