"""Counts in casualty claims: digits or words, with their qualifier ("up to", "over", "about").

>>> parse_count("up to 3,000")
(3000, 'up to')
>>> parse_count("a thousand")
(1000, None)
>>> parse_count("approximately 200")
(200, 'approximately')
>>> parse_count("two hundred")
(200, None)
"""

from __future__ import annotations

import re

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
QUALIFIERS = (
    "up to", "more than", "over", "at least", "nearly", "almost", "about", "around", "approximately",
    "roughly", "some", "fewer than", "less than", "as many as", "dozens of", "hundreds of", "thousands of",
    "several", "an estimated", "estimated",
)
_QUAL = re.compile(r"^(?:(" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s+)?(.*)$", re.IGNORECASE)


def words_to_int(words: str) -> int | None:
    """An English number in words or digits as an int, or None."""
    text = words.lower().replace(",", "").replace("-", " ").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return int(float(text))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(thousand|million|k)", text)
    if m:
        return int(float(m.group(1)) * {"thousand": 1000, "k": 1000, "million": 1_000_000}[m.group(2)])
    total, current, seen = 0, 0, False
    for word in text.split():
        if word in ("a", "an", "and"):
            current = current or (1 if word in ("a", "an") else 0)
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(phrase: str) -> tuple[int | None, str | None]:
    """Split a quantity phrase into its number and its qualifier (None when exact)."""
    m = _QUAL.match(phrase.strip())
    qualifier, rest = (m.group(1).lower() if m.group(1) else None), m.group(2)
    if qualifier in ("dozens of", "hundreds of", "thousands of"):
        return {"dozens of": 24, "hundreds of": 200, "thousands of": 2000}[qualifier], qualifier
    return words_to_int(rest), qualifier
