"""Score extraction records of UCDP GED headlines against the event each row codes (``../shared/dev/ucdp``).

One row is one UCDP event; its ``source_headline`` field (headlines joined by ``;``) is the article. Measured per
row, with coverage (the extractor said something) kept apart from accuracy (what it said was right):
acting sides at state level (UCDP's DPR, LPR and Novorossiya count as Russia), the place of the most confident
event with coordinates within UCDP's precision (10 km at ``where_prec`` 1, 25 at 2, 50 at 3, 100 at 4; for
geocoding alone, the row's place is that event place, else the first geocoded place named), the death
count of the most confident event with one inside ``low``..``high`` where a headline states such a number, and
whether a claimant of an event is named in ``source_original``.

>>> sorted(ucdp_sides({"side_a": "Government of Ukraine", "side_b": "LPR"}))
['Russia', 'Ukraine']
>>> headline_numbers("Seven soldiers killed, 12 hurt in 2015 shelling")
[7, 12]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.extract.gazetteer import haversine_km, load_gazetteer

STATE_SIDE = {"Government of Ukraine": "Ukraine", "DPR": "Russia", "LPR": "Russia",
              "United Armed Forces of Novorossiya": "Russia", "Government of Russia (Soviet Union)": "Russia"}
CODE_SIDE = {"UA": "Ukraine", "RU": "Russia"}
TOLERANCE_KM = {1: 10.0, 2: 25.0, 3: 50.0, 4: 100.0}
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "fifty": 50, "dozen": 12}
_RU_CUES = re.compile(r"\b(russia\w*|dpr|lpr|dnr|lnr|novoross\w*|separatists?|rebels?|insurgents?|militias?|"
                      r"(donetsk|luhansk|lugansk) people s republic)\b")
_UA_CUES = re.compile(r"\b(ukrain\w*|kyiv|kiev)\b")
MEASURES = ("rows", "event", "side", "side_ok", "place_rows", "place", "place_ok", "geo", "geo_ok", "any_place_ok",
            "toll_rows", "toll_stated", "count", "count_ok", "claimant", "claimant_ok")


def plain(text: str) -> str:
    """Case-folded, accent-free words separated by single spaces."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^\w]", " ", text)).strip()


def ucdp_sides(row: Mapping[str, str]) -> set[str]:
    """The state-level sides of a UCDP row's dyad (sides that are no state and no proxy of one are left out)."""
    return {STATE_SIDE[s] for s in (row.get("side_a"), row.get("side_b")) if s in STATE_SIDE}


def known_sides() -> dict[str, str]:
    """Side code of every gazetteer actor by its plain label and aliases (countries: their label)."""
    out = {}
    for row in load_gazetteer().actor_rows():
        if row.side:
            for name in (row.label, *row.aliases):
                out.setdefault(plain(name), row.side)
    return out


def agent_side(label: str, kind: str | None, known: Mapping[str, str]) -> str | None:
    """The state an event agent acts for: a country itself, a listed actor's side, else a cue in its name."""
    key = plain(label)
    if kind == "Country":
        return {"ukraine": "Ukraine", "russia": "Russia", "russian federation": "Russia"}.get(key, label)
    if key in known:
        return CODE_SIDE.get(known[key], known[key])
    if _RU_CUES.search(key):
        return "Russia"
    if _UA_CUES.search(key):
        return "Ukraine"
    return None


def tolerance_km(where_prec: str | int | None) -> float | None:
    """How far the extracted place may lie from UCDP's point; None where UCDP gives only a region or country."""
    try:
        return TOLERANCE_KM.get(int(where_prec))
    except (TypeError, ValueError):
        return None


def within(lat: float, lon: float, row: Mapping[str, str]) -> bool | None:
    """Whether a point is within the row's tolerance of its coordinates (None: the row has no tolerance)."""
    tol = tolerance_km(row.get("where_prec"))
    if tol is None or lat is None or lon is None:
        return None
    return haversine_km(lat, lon, float(row["latitude"]), float(row["longitude"])) <= tol


def headline_numbers(text: str) -> list[int]:
    """The whole numbers a headline states in digits or words, years left out."""
    out = []
    for word in re.findall(r"[A-Za-z]+|\d[\d,]*", text):
        if word[0].isdigit():
            value = int(word.replace(",", "")) if word.replace(",", "").isdigit() else None
            if value is not None and not 1900 <= value <= 2100:
                out.append(value)
        elif word.lower() in NUMBER_WORDS:
            out.append(NUMBER_WORDS[word.lower()])
    return out


def in_range(value: int | None, row: Mapping[str, str]) -> bool:
    """Whether a count lies inside the row's ``low``..``high`` deaths."""
    return value is not None and int(row["low"]) <= value <= int(row["high"])


@dataclass
class UcdpTally:
    """Counts over rows: ``n[measure]`` for each of :data:`MEASURES`, and the sides the extractor gave."""

    n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    given_sides: dict[str, int] = field(default_factory=dict)

    def add(self, flags: Mapping[str, bool]) -> None:
        for key, value in flags.items():
            if key in self.n:
                self.n[key] += int(bool(value))

    def share(self, right: str, total: str) -> float | None:
        return self.n[right] / self.n[total] if self.n[total] else None


def _best(events: Iterable[dict], ok) -> dict | None:
    return max((e for e in events if ok(e)), key=lambda e: e.get("confidence", 0), default=None)


def score_row(record: Mapping, row: Mapping[str, str], known: Mapping[str, str], tally: UcdpTally) -> dict:
    """Add one row's comparison to ``tally`` and return its flags (for listing misses)."""
    entities = {e["label"]: e for e in record.get("entities", [])}
    events = record.get("events", [])
    truth = ucdp_sides(row)
    given = set()
    for ev in events:
        for agent in ev.get("agents", []):
            side = agent_side(agent, (entities.get(agent) or {}).get("type"), known)
            if side:
                given.add(side)
    for side in given:
        tally.given_sides[side] = tally.given_sides.get(side, 0) + 1
    flags = {"rows": True, "event": bool(events), "side": bool(given and truth),
             "side_ok": bool(given and truth and given <= truth)}

    def located(e: dict) -> bool:
        return (entities.get(e.get("place") or "") or {}).get("lat") is not None

    flags["place_rows"] = tolerance_km(row.get("where_prec")) is not None
    best = _best(events, located)
    flags["place"] = flags["place_rows"] and best is not None
    if flags["place"]:
        place = entities[best["place"]]
        flags["place_ok"] = bool(within(place["lat"], place["lon"], row))
    first = min((e for e in entities.values() if e.get("lat") is not None and e.get("type") != "Country"),
                key=lambda e: min((m["start"] for m in e.get("mentions") or []), default=1 << 30), default=None)
    geo = entities[best["place"]] if flags["place"] else first
    flags["geo"] = flags["place_rows"] and geo is not None
    flags["geo_ok"] = flags["geo"] and bool(within(geo["lat"], geo["lon"], row))
    flags["any_place_ok"] = flags["place_rows"] and any(
        within(e["lat"], e["lon"], row) for e in entities.values() if e.get("lat") is not None)

    stated = headline_numbers(row.get("source_headline", ""))
    flags["toll_stated"] = bool(stated)
    flags["toll_rows"] = any(in_range(v, row) for v in stated)
    best = _best(events, lambda e: (e.get("count") or {}).get("killed") is not None)
    if flags["toll_rows"] and best is not None:
        flags["count"] = True
        flags["count_ok"] = in_range(best["count"]["killed"], row)

    claimants = {c for e in events for c in e.get("claimedBy", [])}
    flags["claimant"] = bool(claimants)
    source = f" {plain(row.get('source_original', ''))} "
    flags["claimant_ok"] = any(f" {w} " in source for c in claimants for w in plain(c).split() if len(w) > 3)
    tally.add(flags)
    return flags
