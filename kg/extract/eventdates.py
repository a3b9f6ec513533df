"""The date of an event from its clause: the date phrases that govern its trigger, the clause's tense, and the
anchors of its line, heading or headline; empty when nothing in the text dates it.

An event is never given the article's (report) date by default. In order, its date is:
1. a date phrase in the trigger's own clause ("captured X on Tuesday", "the strike on 3 March");
2. a date phrase of a clause above it ("On Tuesday the ministry said its troops captured X"); a past-perfect
   event ("had captured") does not take the report date this way;
3. a date phrase of a verbless fragment of the sentence ("- November 24: Sullivan's call with ...");
4. the date that opens its line ("December 21: ...") or heads its paragraph (a line holding only a date);
5. the report date when the article's headline states it in the present tense or names the document
   ("Readout of ...", a cue of ``ontology/timecues.tsv``), or when the clause itself is in the present tense.
Relative phrases resolve against the report date, backwards for a past clause and forwards for a future one
("will meet on Thursday"); "two days earlier" counts from the last day the text named.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.dates import When, cues, parse_iso, resolve, text_year

_LINE_DATE = re.compile(r"^\s*(?:[-*•–]\s*)?([A-Za-z]{3,9}\.? \d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:,? \d{4})?|"
                        r"\d{1,2}(?:\s*[-–]\s*\d{1,2})? [A-Za-z]{3,9}(?: \d{4})?|\d{4}-\d{2}-\d{2})\s*(:|[-–—]\s|$)")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_JOINS = {"", "to", "until", "till", "through", "-", "–", "and"}


def verb_of(tok):
    """The verb that governs a token (itself when it is one), or None in a verbless fragment."""
    for t in (tok, *tok.ancestors):
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def tense(tok) -> str:
    """``future``, ``perfect`` (past perfect), ``present``, ``progressive``, ``past`` or ``none`` (no verb or a
    bare form) of a trigger's clause."""
    table = cues().get("future", {})
    if any(c.dep_ in ("amod", "compound") and c.lower_ in table and table[c.lower_] == "mod" for c in tok.children):
        return "future"
    verb = verb_of(tok)
    if verb is None:
        return "none"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(table.get(c.lower_.replace("’", "'")) == "aux" for c in aux) or \
            verb.dep_ == "xcomp" and table.get(verb.head.lemma_.lower()) == "head":
        return "future"
    if any(c.lower_ in cues().get("perfect", {}) for c in aux) and verb.tag_ == "VBN":
        return "perfect"
    if any(c.lower_ in ("has", "have") for c in aux) or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") and not aux:
        return "present"
    if verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "progressive"  # under way or intended ("is planning to"): not dated by the report alone
    if verb.tag_ == "VB" and not aux:
        return "none"  # a bare form: a title-case headline word ("Call with ...") or an imperative
    return "past"


class Dating:
    """Dates the events of one article (see the module docstring); call :meth:`passed` after each sentence."""

    def __init__(self, doc, report: str | None) -> None:
        self.report = report
        self.year = None if report else text_year(doc.text)
        self.anchor: str | None = None
        self._narrative_year: int | None = None
        self.lines = self._anchors(doc.text)
        first = next((m for m in re.finditer(r"[^\n]+", doc.text) if m.group().strip()), None)
        self.headline = (first.start(), first.end()) if first and not first.group().rstrip().endswith(".") else None

    def _anchors(self, text: str) -> list[tuple[int, int, When]]:
        """(start, end, when) of lines opened by a date and of paragraphs under a date-only line."""
        out: list[tuple[int, int, When]] = []
        pending = None
        for m in re.finditer(r"[^\n]*", text):
            line = m.group()
            if not line.strip():
                if pending and pending[1] is not None:
                    pending = None
                continue
            hit = _LINE_DATE.match(line)
            when = resolve(hit.group(1), self.report, self.year) if hit else None
            if when and hit.group(2) == "" and len(line.strip()) <= 40:
                pending = (when, None)  # a heading: it dates the paragraph under it
                continue
            if when:
                out.append((m.start(), m.end(), when))
            elif pending:
                out.append((m.start(), m.end(), pending[0]))
                pending = (pending[0], m.end())
        return out

    def _phrases(self, span):
        """The date and time phrases of a sentence ("this morning" is a time); two joined by "to", "until" or a
        dash are one range ("from 25 February to 2 April")."""
        ents = [e for e in span.ents if e.label_ in ("DATE", "TIME")]
        i = 0
        while i < len(ents):
            ent = ents[i]
            if i + 1 < len(ents) and " ".join(t.lower_ for t in ent.doc[ent.end:ents[i + 1].start]) in _JOINS:
                ent, i = ent.doc[ent.start:ents[i + 1].end], i + 1
            i += 1
            if ent.start - 2 >= span.start and ent.doc[ent.start - 1].lower_ in _JOINS and \
                    ent.doc[ent.start - 2].like_num:  # "from 3 to 5 October"
                ent = ent.doc[ent.start - 2:ent.end]
            yield ent

    def _resolve(self, ent, future: bool, report: str | None = None) -> When | None:
        """What a DATE entity points to, counted from ``report`` (the article's date unless given)."""
        report = report or self.report
        year = self.year
        if self.report is None:
            years = [int(y) for y in _YEAR.findall(ent.sent.text)]
            year = years[-1] if years else self._narrative_year or year
        when = resolve(ent.text, report, year, future, self.anchor)
        before = ent.doc[ent.start - 1].lower_ if ent.start > ent.sent.start else ""
        since = cues().get("since", {}).get(before)
        base = parse_iso(report)
        if when and since == "from":  # "since 24 February": from then until the report, if known
            return When(when.start, base, "range") if base and when.start < base else None
        return when

    def _candidates(self, tok, verb, span) -> list[tuple[float, object]]:
        """The date phrases of the sentence that may date the trigger, best first: rank 1 in its own clause,
        2 in a clause above it (nearest first), 3 in a verbless fragment."""
        clause = [tok.i]  # the trigger up to its verb: a phrase nearer the trigger wins ("yesterday's summit")
        for t in tok.ancestors:
            if verb is not None and verb.i in clause:
                break
            clause.append(t.i)
        above = [a.i for a in verb.ancestors] if verb is not None else []
        found = []
        for ent in self._phrases(span):
            host = next((t for t in (ent.root, *ent.root.ancestors) if t.i in clause or t.pos_ in ("VERB", "AUX")),
                        None)
            if host is None:
                found.append((3.0, ent))
            elif host.i in clause:
                found.append((1 + clause.index(host.i) / 100, ent))
            elif host.i in above:
                found.append((2 + above.index(host.i) / 100, ent))
        return sorted(found, key=lambda c: c[0])

    def when(self, tok, span) -> When | None:
        """The date of the event whose trigger is ``tok`` in sentence ``span``."""
        kind = tense(tok)
        verb = verb_of(tok)
        found = self._candidates(tok, verb, span)
        outer = next((w for r, e in found if r >= 2 for w in [self._resolve(e, False)] if w and w.date), None)
        for rank, ent in found:
            # a relative phrase of a reported clause counts from the day it was said ("today," she said on Monday)
            when = self._resolve(ent, kind == "future", outer.date if outer and rank < 2 else self.report)
            if when is not None:
                return self._guard(when, kind, span)
        start = span.start_char
        line = next((w for a, b, w in self.lines if a <= start < b), None)
        if line is not None:
            return line
        base = parse_iso(self.report)
        if base is None:
            return None
        in_headline = self.headline is not None and self.headline[0] <= start < self.headline[1]
        said = kind == "present" and verb is tok and any(c.dep_ == "nsubj" for c in tok.children) and \
            not span.text.rstrip().endswith("?")  # "X says": now, unless asked
        if said or kind == "none" and in_headline and any(
                re.search(rf"\b{re.escape(c)}\b", span.text.lower()) for c in cues().get("headline", {})):
            return When(base, base, "day")
        return None

    def _guard(self, when: When, kind: str, span) -> When | None:
        """Never the report date for a past-perfect clause or a sentence about an earlier year."""
        if when.date is None or when.date != self.report:
            return when
        years = [int(y) for y in _YEAR.findall(span.text)]
        if kind == "perfect" or years and max(years) < when.start.year:
            return None
        return when

    def passed(self, span) -> None:
        """Remember the last day and year the text named, for the sentences after ``span``."""
        for ent in self._phrases(span):
            when = self._resolve(ent, False)
            if when is not None and re.search(r"\d", ent.text):
                if when.date:
                    self.anchor = when.date
                if _YEAR.search(ent.text):
                    self._narrative_year = when.start.year

RECENT_DAYS = 31  # an undated mention is taken as news of the report's weeks, never as a dated background event


def dated(event: dict) -> bool:
    """Whether an event record has a date or a date range."""
    return bool(event.get("date") or event.get("dateRange"))


def same_time(old: dict, new: dict, report: str | None = None) -> bool:
    """Whether two mentions may be one happening in time: their dates overlap, or one is undated and the other
    ends within ``RECENT_DAYS`` of the report date (so "the town was captured" in a 2025 report does not become the
    2022 capture the article recalls).

    >>> same_time({"date": "2022-02-27"}, {"date": None}, "2025-11-20")
    False
    >>> same_time({"date": "2025-11-18"}, {"date": None}, "2025-11-20")
    True
    """
    if dated(old) and dated(new):
        a = old.get("dateRange") or [old["date"]] * 2
        b = new.get("dateRange") or [new["date"]] * 2
        return a[0] <= b[1] and b[0] <= a[1]
    known = old if dated(old) else new if dated(new) else None
    base = parse_iso(report)
    if known is None or base is None:
        return True
    last = (known.get("dateRange") or [known["date"]] * 2)[1]
    return last >= (base - dt.timedelta(days=RECENT_DAYS)).isoformat()

