"""Date expressions resolved to a day, month, year or range, against a report date and a direction.

The cue words (relative days, spans, shifts, seasons, parts of a month, tense and headline cues) are the rows of
``ontology/timecues.tsv``; this module interprets them. A phrase resolves to a :class:`When` with its precision.

>>> resolve("on Thursday", "2025-11-21").date
'2025-11-20'
>>> resolve("on Thursday", "2025-11-21", future=True).date
'2025-11-27'
>>> resolve("On November 20", "2025-11-21").date
'2025-11-20'
>>> resolve("today", "2025-11-21").date
'2025-11-21'
>>> resolve("earlier this month", "2025-11-21").fields()
{'date': None, 'dateRange': ['2025-11-01', '2025-11-21'], 'datePrecision': 'month'}
>>> resolve("12 March 2022", None).date
'2022-03-12'
>>> resolve("in 2022", "2025-11-21").fields()["dateRange"]
['2022-01-01', '2022-12-31']
>>> resolve("December 1-2", "2022-01-10").fields()
{'date': None, 'dateRange': ['2021-12-01', '2021-12-02'], 'datePrecision': 'range'}
>>> resolve("two days earlier", "2025-11-21", anchor="2025-11-10").date
'2025-11-08'
>>> resolve("for more than a year", "2025-11-21") is None
True
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.numbers import words_to_int
from kg.resources import resource

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_RANGE_DAYS = re.compile(rf"\b(?:({_MONTH})\.?\s+(\d{{1,2}})\s*(?:-|–|to|and)\s*(\d{{1,2}})\b|"
                         rf"(\d{{1,2}})\s*(?:-|–|to|and)\s*(\d{{1,2}})\s+({_MONTH})\b)\.?(?:,?\s+(\d{{4}}))?")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d|s\b)")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SHIFT = re.compile(r"\b(\w+|\d+)\s+(day|week|month|year)s?\s+(.+)$")


@dataclass(frozen=True)
class When:
    """When something happened: first and last day, and the precision (day, month, year, range)."""

    start: dt.date
    end: dt.date
    precision: str

    @property
    def date(self) -> str | None:
        """The ISO day when the precision is a day, else None."""
        return self.start.isoformat() if self.precision == "day" else None

    def fields(self) -> dict:
        """The record fields: ``date`` (a day), else ``dateRange`` [first, last], and ``datePrecision``."""
        if self.precision == "day":
            return {"date": self.date, "dateRange": None, "datePrecision": "day"}
        return {"date": None, "dateRange": [self.start.isoformat(), self.end.isoformat()],
                "datePrecision": self.precision}


@lru_cache(maxsize=1)
def cues() -> dict[str, dict[str, str]]:
    """The rows of ``ontology/timecues.tsv`` by kind: cue -> value."""
    table: dict[str, dict[str, str]] = {}
    with resource("ontology", "timecues.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            table.setdefault(row["kind"], {})[row["cue"].lower()] = (row["value"] or "").strip()
    return table


def parse_iso(value: str | None) -> dt.date | None:
    """A date from an ISO string, or None."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month(y: int, m: int, precision: str = "month") -> When:
    return When(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), precision)


def _year_for(month: int, day: int, base: dt.date | None, year: int | None, future: bool) -> int | None:
    """The year of a month and day named without one: the nearest such day before (after, when ``future``) the
    report date, else the year the text is about."""
    if base is None:
        return year
    if future:
        return base.year if (month, day) >= (base.month, base.day) else base.year + 1
    return base.year if (month, day) <= (base.month, base.day) else base.year - 1


def _cue(text: str, kind: str) -> tuple[str, str] | None:
    """The longest cue of ``kind`` written in ``text`` and its value."""
    found = [(c, v) for c, v in cues().get(kind, {}).items() if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", text)]
    return max(found, key=lambda cv: len(cv[0]), default=None)


def _span(base: dt.date, value: str) -> When | None:
    unit, offset, *edge = value.split()
    n = int(offset)
    if unit == "week":
        start = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=n)
        w = When(start, start + dt.timedelta(days=6), "range")
    elif unit == "month":
        y, m = divmod(base.year * 12 + base.month - 1 + n, 12)
        w = _month(y, m + 1)
    else:
        w = When(dt.date(base.year + n, 1, 1), dt.date(base.year + n, 12, 31), "year")
    if edge == ["until"]:
        w = When(w.start, min(w.end, base), w.precision)
    elif edge == ["from"]:
        w = When(max(w.start, base), w.end, w.precision)
    return w


def _shift(text: str, base: dt.date | None, anchor: dt.date | None) -> When | None:
    """"two days earlier", "three weeks ago", "a year later": counted from the anchor or the report date."""
    m = _SHIFT.search(text)
    if not m:
        return None
    cue = _cue(m.group(3), "shift")
    n = 1 if m.group(1) in ("a", "an", "one") else words_to_int(m.group(1))
    if cue is None or not n or not m.group(3).startswith(cue[0]):
        return None
    origin, sign = cue[1].split()
    ref = anchor if origin == "anchor" and anchor else base
    if ref is None:
        return None
    k = n * int(sign)
    unit = m.group(2)
    if unit in ("day", "week"):
        day = ref + dt.timedelta(days=k * (7 if unit == "week" else 1))
        return When(day, day, "day") if unit == "day" else When(day, day, "range")
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 + k, 12)
        return _month(y, mo + 1)
    return When(dt.date(ref.year + k, 1, 1), dt.date(ref.year + k, 12, 31), "year")


def _explicit(text: str, base: dt.date | None, year: int | None, future: bool) -> When | None:
    """Days, day ranges, months (with parts and seasons) and years written out."""
    m = _ISO.search(text)
    if m:
        day = _day(*map(int, m.groups()))
        return When(day, day, "day") if day else None
    m = _RANGE_DAYS.search(text)
    if m:
        mon, d1, d2 = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(4), m.group(5))
        mo = MONTHS[mon.lower()]
        y = int(m.group(7)) if m.group(7) else _year_for(mo, int(d1), base, year, future)
        a, b = (_day(y, mo, int(d1)), _day(y, mo, int(d2))) if y else (None, None)
        if a and b and a < b:
            return When(a, b, "range")
    days = []
    for rx in (_DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(text):
            x, z, y = m.groups()
            d, mo = (int(x), MONTHS[z.lower()]) if x.isdigit() else (int(z), MONTHS[x.lower()])
            yy = int(y) if y else (_year_for(mo, d, base, year, future) if not _YEAR.search(text) else
                                   int(_YEAR.search(text).group(1)))
            day = _day(yy, mo, d) if yy else None
            if day:
                days.append((m.start(), day))
    if days:
        days.sort()
        if len(days) > 1 and days[0][1] < days[-1][1]:
            return When(days[0][1], days[-1][1], "range")
        return When(days[0][1], days[0][1], "day")
    years = [int(y) for y in _YEAR.findall(text)]
    months = [MONTHS[w] for w in re.findall(rf"\b({'|'.join(k for k in MONTHS if len(k) > 3 or k == 'may')})\b", text)]
    y = years[-1] if years else (year if base is None else None)
    if months:
        if y is None and base is not None:
            y = base.year if months[0] <= base.month or future else base.year - 1
        if y is None:
            return None
        first, last = _month(y, months[0]), _month(y, months[-1])
        if len(months) > 1 and first.start < last.end:
            return When(first.start, last.end, "range")
        part = _cue(text, "part")
        if part:
            lo, hi = map(int, part[1].split())
            end = min(hi, calendar.monthrange(y, months[0])[1])
            return When(dt.date(y, months[0], lo), dt.date(y, months[0], end), "range")
        return first
    if years:
        season = _cue(text, "season")
        if season:
            lo, hi = season[1].split()
            a = dt.date.fromisoformat(f"{years[0]}-{lo}")
            b = dt.date.fromisoformat(f"{years[0] + (hi < lo)}-{hi}")
            return When(a, b, "range")
        if len(years) > 1 and years[0] < years[-1] and re.search(r"\b(to|until|through|and)\b|[-–]", text):
            return When(dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31), "range")
        return When(dt.date(years[0], 1, 1), dt.date(years[0], 12, 31), "year")
    return None


def resolve(phrase: str, report: str | None, year: int | None = None, future: bool = False,
            anchor: str | None = None) -> When | None:
    """When a date phrase points to, or None for durations and vague phrases ("for months", "recently").

    ``report`` is the article's date (relative phrases count from it; a bare month and day is the nearest one
    before it, or after it when ``future``); ``year`` places a month and day when the article has no date;
    ``anchor`` is the day the narrative is at, for "two days earlier" and "the next day".
    """
    text = re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()
    base, near = parse_iso(report), parse_iso(anchor)
    if re.match(r"^(for|over|during the past|within|in the past|the past|the last)\b", text) and \
            not re.search(r"\d{4}", text):
        return None
    found = _explicit(text, base, year, future)
    if found:
        return found
    cue = _cue(text, "anchorday")
    if cue and near:
        day = near + dt.timedelta(days=int(cue[1]))
        return When(day, day, "day")
    found = _shift(text, base, near)
    if found or base is None:
        return found
    cue = _cue(text, "span")
    if cue:
        return _span(base, cue[1])
    cue = _cue(text, "day")
    if cue:
        day = base + dt.timedelta(days=int(cue[1]))
        return When(day, day, "day")
    for i, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            step = (i - base.weekday()) % 7 if future else -((base.weekday() - i) % 7)
            if step == 0 and re.search(r"\b(last|next)\b", text):
                step = 7 if future else -7
            day = base + dt.timedelta(days=step)
            return When(day, day, "day")
    return None


def text_year(text: str) -> int | None:
    """The latest plausible year a text names, to place undated month-day phrases.

    >>> text_year("an assault in the summer of 2025, after the 2022 invasion")
    2025
    """
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)]
    return max(years) if years else None
