"""Clause analysis: for a trigger token, who says its clause and how (modality), and the clause's tense.

The walk goes from the trigger up the dependency parse: auxiliaries and adverbs of the trigger's own clause,
the subordinating word that opens it ("if", "whether"), the words that govern it (an intention verb over an
xcomp, "the goal of" over a noun, a reporting verb over a ccomp) and the speaker of each reporting verb. The
cues are rows of :mod:`kg.extract.cues`; this module only interprets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract import cues
from kg.extract.attribution import named, quoted_speaker, sentence_sources, speaker

CLAUSE_ENDS = {"relcl", "appos", "parataxis", "poss", "dative", "npadvmod"}  # modality stops here
COMPLEMENTS = {"xcomp", "ccomp", "dobj", "nsubjpass", "csubjpass", "pcomp", "pobj", "acl", "oprd", "compound",
               "amod"}  # not advcl: "vow an offensive as rockets kill 30" tells the killing
KEPT = {"asserted": "asserted", "denied": "denied", "negated": "negated", "unconfirmed": "hedged",
        "assessment": "hedged"}  # modality -> record polarity; every other modality is not an event


@dataclass
class Clause:
    """What the clause of a trigger says: modality, tense, the cue that decided it and the attribution."""

    modality: str = "asserted"
    tense: str = "none"
    cue: str = ""
    speakers: list[str] = field(default_factory=list)
    unnamed: str | None = None

    @property
    def polarity(self) -> str | None:
        """The record polarity of the clause, or None when it states no happening."""
        return KEPT.get(self.modality)


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def tense(tok) -> str:
    """``past``, ``present``, ``future``, ``perfect``, ``pluperfect``, ``infinitive`` or ``none`` of the clause
    the trigger heads (a noun takes the verb it hangs on)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ not in ("ROOT",) and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "none"
    aux = {c.lower_: c for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "will" in aux or "'ll" in aux or "shall" in aux:
        return "future"
    if "had" in aux and verb.tag_ == "VBN" or "had" in aux and "been" in aux:
        return "pluperfect"
    if aux.keys() & {"has", "have", "'ve", "'s"} and (verb.tag_ == "VBN" or "been" in aux):
        return "perfect"
    if "to" in aux and verb.tag_ in ("VB", "VBN"):
        return "infinitive"
    tags = {c.tag_ for c in aux.values()} | {verb.tag_}
    if tags & {"VBD"}:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return "none"


def _idiom(tok) -> str | None:
    lemma = _lemma(tok)
    for word, where, values in cues.IDIOMS:
        if word != lemma:
            continue
        if where == "pos" and tok.pos_ in values or where == "head" and _lemma(tok.head) in values:
            return f"idiom:{word}"
        if where == "compound" and any(c.dep_ in ("compound", "amod") and _lemma(c) in values for c in tok.children):
            return f"idiom:{word}"
        if where.startswith("child:"):
            dep = where.split(":", 1)[1]
            if any((dep == "*" or c.dep_ == dep) and (_lemma(c) in values or c.lower_ in values) for c in tok.children):
                return f"idiom:{word}"
    return None


def _reported_place(verb, sent) -> bool:
    """Whether a reporting verb says that a named place (or "the city") is now in a state: news of a change."""
    if not any(_lemma(a) in cues.REPORTING for a in verb.ancestors):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] + ([verb] if verb.pos_ == "NOUN" else [])
    return any(sent.entity_at.get(s.i) is not None and sent.entity_at[s.i].type == "Place" or
               _lemma(s) in cues.PLACE_NOUNS and s.tag_ == "NN" for s in subjects)


def _state(tok, clause_tense: str, sent) -> str | None:
    """A cue when the trigger names a state ("occupied X", "under Russian control", "Russia controls X")."""
    lemma = _lemma(tok)
    uses = cues.STATES.get(lemma, set())
    if tok.pos_ == "NOUN" and lemma in cues.STATE_NOUNS:
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if _lemma(verb) in cues.STATE_NOUNS[lemma] or _reported_place(verb, sent):
            return None
        return f"state-noun:{lemma}"
    if not uses:
        return None
    if "amod" in uses and tok.dep_ in ("amod", "compound") and tok.tag_ in ("VBN", "JJ", "VBD"):
        return f"state-amod:{lemma}"
    if "vbg" in uses and tok.tag_ == "VBG" and tok.dep_ in ("amod", "acl") or "vbg" in uses and tok.pos_ == "ADJ":
        return f"state-vbg:{lemma}"
    if "acl" in uses and tok.dep_ == "acl" and tok.tag_ == "VBN":
        return f"state-acl:{lemma}"
    if "negated" in uses and any(c.dep_ == "neg" or c.lower_ == "longer" for c in tok.children):
        return f"state-negated:{lemma}"
    if "since" in uses and any(c.dep_ == "prep" and c.lower_ == "since" for c in tok.children):
        return f"state-since:{lemma}"
    if tok.pos_ in ("VERB", "AUX") and ("finite" in uses or "present" in uses and clause_tense == "present"):
        return f"state-{clause_tense}:{lemma}"
    return None


def _furniture(tok) -> bool:
    """A capitalized trigger inside a line with no closing punctuation after the title: a heading or a link."""
    doc = tok.doc
    if not tok.text[:1].isupper() or tok.i == tok.sent.start:
        return False
    start = doc.text.rfind("\n", 0, tok.idx) + 1
    end = doc.text.find("\n", tok.idx)
    line = doc.text[start:end if end >= 0 else len(doc.text)].strip()
    if doc.text.count("\n", 0, start) < cues.HEAD_LINES or not line or line[-1] in ".!?:;\"”'’)" or \
            re.match(cues.LIST_ENTRY, line):
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) >= cues.TITLE_CASE_SHARE


def _set(clause: Clause, modality: str, cue: str) -> None:
    if clause.modality in ("asserted", "unconfirmed", "assessment") and modality != "asserted":
        if clause.modality != "asserted" and modality in ("unconfirmed", "assessment"):
            return
        clause.modality, clause.cue = modality, cue


def analyse(tok, sent) -> Clause:
    """The clause of a trigger: modality (see :mod:`kg.extract.cues`), tense and attribution."""
    clause = Clause(tense=tense(tok))
    idiom = _idiom(tok)
    state = _state(tok, clause.tense, sent)
    if idiom or state:
        clause.modality, clause.cue = ("idiom", idiom) if idiom else ("state", state)
    elif _furniture(tok):
        clause.modality, clause.cue = "furniture", "furniture"
    elif tok.sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        clause.modality, clause.cue = "question", "question mark"
    if clause.tense == "future":
        _set(clause, "planned", "future")
    own = True  # still in the trigger's own clause (its auxiliaries count)
    inside = True  # not yet out of a relative clause or apposition (governors count)
    node = tok
    while True:
        reporting = _lemma(node) in cues.REPORTING and node.i != tok.i and node.pos_ in ("VERB", "NOUN")
        for c in node.children:
            word = _lemma(c)
            if own and c.dep_ == "aux" and not reporting and (word in cues.MODAL_AUX or c.lower_ in cues.MODAL_AUX):
                _set(clause, cues.MODAL_AUX.get(word, cues.MODAL_AUX.get(c.lower_, "")), f"aux:{c.lower_}")
            if own and c.dep_ == "mark" and word in cues.MARKERS:
                _set(clause, cues.MARKERS[word], f"mark:{word}")
            if c.dep_ == "advmod" and word in cues.ADVERBS and (own or reporting):
                _set(clause, cues.ADVERBS[word], f"adverb:{word}")
            if c.dep_ in ("amod", "acl", "compound") and node.i == tok.i and c.lower_ in cues.MODIFIERS and \
                    not any(g.dep_ == "agent" for g in c.subtree):  # "planned by the corps" tells who ran it
                _set(clause, cues.MODIFIERS[c.lower_], f"modifier:{c.lower_}")
            if c.dep_ == "prep" and (c.lower_ in cues.ATTRIBUTION_PREPS or word in cues.ATTRIBUTION_PREPS):
                names, unnamed = named([g for x in [c, *c.children] for g in x.children if g.dep_ == "pobj"], sent)
                clause.speakers += names
                clause.unnamed = clause.unnamed or (None if names else unnamed)
                if unnamed and unnamed.startswith("?"):
                    _set(clause, "unconfirmed", f"unnamed source:{unnamed}")  # "according to some sources"
            if c.dep_ == "dobj" and c.pos_ == "NOUN" and word in cues.REPORTING and node.i != tok.i:
                names, unnamed = speaker(c, sent)  # "rejected Russia's claims to have ..."
                clause.speakers += names
            if c.dep_ == "parataxis" and word in cues.REPORTING and node.i != tok.i or \
                    c.dep_ in ("parataxis", "advcl", "acl", "relcl") and word in cues.REPORTING and c.i > node.i and \
                    any(g.dep_ in ("nsubj", "agent") for g in c.children) and \
                    not any(g.dep_ in ("ccomp", "dobj") for g in c.children):
                names, unnamed = speaker(c, sent)  # "..., the ministry said."
                clause.speakers += names
                clause.unnamed = clause.unnamed or (None if names else unnamed)
        if reporting:
            names, unnamed = speaker(node, sent)
            if not names and not unnamed and node.pos_ == "NOUN" and _lemma(node) in cues.SOURCE_NOUNS:
                unnamed = f"?{node.text}" if cues.SOURCE_NOUNS[_lemma(node)] else node.text  # "reports that ..."
            clause.speakers += names
            clause.unnamed = clause.unnamed or (None if names else unnamed)
            if any(c.dep_ == "neg" for c in node.children):
                _set(clause, cues.NEGATED_REPORTING_MODALITY, f"negated report:{_lemma(node)}")
            if _lemma(node) in cues.UNCONFIRMING:
                _set(clause, "unconfirmed", f"report:{_lemma(node)}")
            if unnamed and not names and unnamed.startswith("?"):
                _set(clause, "unconfirmed", f"unnamed source:{unnamed}")
        head, dep = node.head, node.dep_
        if head.i == node.i:
            break
        if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent") and head.head.i != head.i:
            head = head.head  # "the goal of capturing", "the threat of encirclement": the noun governs
        word = _lemma(head)
        if node.i == tok.i and tok.pos_ == "NOUN" and dep == "dobj" and head.pos_ == "VERB" and \
                word not in cues.GOVERNORS and word not in cues.CREATING:
            own = inside = False  # "ready to accept a US proposal": the proposal exists whatever Kyiv does
        if inside and dep in COMPLEMENTS and word in cues.GOVERNORS and dep in cues.GOVERNOR_DEPS.get(word, {dep}):
            _set(clause, cues.GOVERNORS[word], f"governor:{word}")
        if own and dep in ("advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children) \
                and word not in cues.GOVERNORS and not (word in cues.TRIPS and head.tag_ in ("VBD", "VBN")):
            _set(clause, "planned", "purpose")  # "massed troops to capture X"
        if dep in CLAUSE_ENDS:
            own = inside = False
        elif dep in ("ccomp", "advcl", "acl", "csubj"):
            own = False
        node = head
    if clause.modality == "assessment" and clause.tense in ("infinitive", "future"):
        clause.modality, clause.cue = "planned", f"forecast ({clause.cue})"
    clause.speakers = list(dict.fromkeys(clause.speakers or quoted_speaker(tok, sent) or
                                         ([] if clause.unnamed else sentence_sources(sent))))
    clause.unnamed = clause.unnamed.lstrip("?") if clause.unnamed and not clause.speakers else None
    return clause
