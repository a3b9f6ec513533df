"""Dates in a sentence resolved against the article's publication date.

>>> resolve_date("on Thursday", "2025-11-21")
'2025-11-20'
>>> resolve_date("On November 20", "2025-11-21")
'2025-11-20'
>>> resolve_date("today", "2025-11-21")
'2025-11-21'
>>> resolve_date("earlier this month", "2025-11-21") is None
True
>>> resolve_date("12 March 2022", None)
'2022-03-12'
"""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def _parse_iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def resolve_date(phrase: str, article_date: str | None, year: int | None = None) -> str | None:
    """An ISO date for a day-precise phrase, or None for vague ones ("earlier this month").

    ``year`` places a month and day when the article has no date ("On November 20" in a 2025 story).
    """
    text = phrase.lower().strip()
    ref = _parse_iso(article_date)
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        return m.group(0)
    if ref and re.search(r"\b(today|this morning|tonight|this evening|this afternoon)\b", text):
        return ref.isoformat()
    if ref and re.search(r"\b(yesterday|last night)\b", text):
        return (ref - dt.timedelta(days=1)).isoformat()
    month_names = "|".join(sorted(_MONTHS, key=len, reverse=True))
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month_names})\.?(?:,?\s+(\d{{4}}))?\b", text) or \
        re.search(rf"\b({month_names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", text)
    if m:
        a, b, year = m.groups()
        day, month = (int(a), _MONTHS[b]) if a.isdigit() else (int(b), _MONTHS[a])
        if year:
            y = int(year)
        elif ref:
            y = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
        elif year:
            y = year
        else:
            return None
        try:
            return dt.date(y, month, day).isoformat()
        except ValueError:
            return None
    if ref:
        for i, name in enumerate(_WEEKDAYS):
            if re.search(rf"\b{name}\b", text):
                back = (ref.weekday() - i) % 7
                if re.search(r"\blast\b", text) and back == 0:
                    back = 7
                return (ref - dt.timedelta(days=back)).isoformat()
    return None


_RELATIVE = re.compile(r"\b(today|tonight|this (morning|evening|afternoon)|yesterday|last night|now)\b", re.I)


def sentence_date(span, article_date: str | None, year: int | None = None) -> str | None:
    """The day a sentence dates its events to: a named day beats a relative one ("today" in a quote told
    "on Thursday")."""
    phrases = sorted((e.text for e in span.ents if e.label_ == "DATE"), key=lambda t: bool(_RELATIVE.search(t)))
    return next((d for d in (resolve_date(p, article_date, year) for p in phrases) if d), None)


def sentence_month(span, article_date: str | None) -> tuple[str, str] | None:
    """First and last day of the month a sentence dates its events to, when it names no day."""
    return next((r for r in (month_range(e.text, article_date) for e in span.ents if e.label_ == "DATE") if r), None)


def text_year(text: str) -> int | None:
    """The latest plausible year a text names, to place undated month-day phrases.

    >>> text_year("an assault in the summer of 2025, after the 2022 invasion")
    2025
    """
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)]
    return max(years) if years else None


def month_range(phrase: str, article_date: str | None) -> tuple[str, str] | None:
    """First and last day for a month-precise phrase ("in March 2022", "earlier this month").

    >>> month_range("earlier this month", "2025-11-21")
    ('2025-11-01', '2025-11-21')
    """
    text, ref = phrase.lower(), _parse_iso(article_date)
    if ref and re.search(r"\b(this|earlier this|later this) month\b", text):
        return ref.replace(day=1).isoformat(), ref.isoformat()
    m = re.search(r"\b(" + "|".join(k for k in _MONTHS if len(k) > 3) + r")\s+(\d{4})\b", text)
    if m:
        y, mo = int(m.group(2)), _MONTHS[m.group(1)]
        end = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(y, mo, 1).isoformat(), end.isoformat()
    return None
