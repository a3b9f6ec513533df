"""Claims side by side: where sources disagree about a place, and how well each claim is backed.

kg never picks one side of a disagreement: :func:`contested` returns every control claim (Capture,
Offensive, Withdrawal, Encirclement) at each place where claims clash, with who makes it. Support
from independent articles combines their confidences by noisy-or: each article is an independent
chance that the claim is true, so ``support = 1 - prod(1 - c_a)`` over the articles ``a`` that make
the same claim at the place (same event type, same side of the agents, and both denials or both not),
``c_a`` being the best confidence of that article's claims of it.

>>> round(noisy_or([0.6, 0.5]), 3)
0.8
>>> noisy_or([])
0.0
>>> support([("a.txt", 0.6), ("a.txt", 0.7), ("b.txt", 0.5)])
(2, 0.85)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from math import prod
from typing import Any

from kg.errors import QueryError
from kg.views.queries import run_query

COLUMNS = ("side", "type", "polarity", "claimedBy", "date", "file", "conf", "support", "evidence")
EVIDENCE_WIDTH = 70


@dataclass(frozen=True)
class Claim:
    """One article's claim about control of a place: what, by which side, who says so, how surely."""

    side: str
    type: str
    agents: str
    claimed_by: str
    polarity: str
    date: str | None
    claim_date: str | None
    file: str
    evidence: str
    confidence: float
    articles: int
    support: float
    event: str
    claim: str


@dataclass(frozen=True)
class Contest:
    """A place where control claims clash, with every claim about it and why they clash."""

    place: str
    label: str
    reasons: tuple[str, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Corroboration:
    """How many independent articles say an event (type at a place) or relation happened, and their support."""

    kind: str
    type: str
    subject_label: str
    object_label: str
    articles: int
    support: float
    files: str
    subject: str
    object: str | None


def noisy_or(confidences: Iterable[float]) -> float:
    """Probability that at least one of several independent claims is right: ``1 - prod(1 - c)``."""
    return 1.0 - prod(1.0 - max(0.0, min(1.0, c)) for c in confidences)


def support(claims: Iterable[tuple[str, float]]) -> tuple[int, float]:
    """Number of independent articles and their noisy-or confidence, from (article, confidence) pairs.

    Claims of one article are not independent of each other: each article counts once, with its best confidence.
    """
    best: dict[str, float] = {}
    for article, confidence in claims:
        best[article] = max(confidence, best.get(article, 0.0))
    return len(best), round(noisy_or(best.values()), 3)


def check_confidence(value: float | None) -> float | None:
    """A confidence threshold between 0 and 1 (None stays None), else a QueryError."""
    if value is not None and not 0.0 <= float(value) <= 1.0:
        raise QueryError(f"minimum confidence must be between 0 and 1, not {value}")
    return value


def contested(store: Any, place: str | None = None, min_confidence: float | None = None) -> list[Contest]:
    """Every place (or the one given by label, alias or IRI) where control claims clash, claims side by side.

    Claims below ``min_confidence`` are left out before clashes are looked for.
    """
    params = {"place": place, "min_confidence": check_confidence(min_confidence) or None}
    rows = run_query(store, "contested-control", params).records()
    places: dict[str, list[dict]] = {}
    for row in rows:
        places.setdefault(row["place"], []).append(row)
    return [_contest(iri, group) for iri, group in places.items()]


def corroboration(store: Any, min_confidence: float | None = None, min_articles: int | None = None,
                  min_support: float = 0.0) -> list[Corroboration]:
    """Events (type, place) and relations (subject, relation, object) with their support from independent articles.

    Denials do not count; claims below ``min_confidence`` are left out first; then only what at least
    ``min_articles`` articles say and what reaches ``min_support`` is kept, best supported first.
    """
    params = {"min_confidence": check_confidence(min_confidence) or None, "min_articles": min_articles}
    out = []
    for row in run_query(store, "corroboration", params).records():
        best = [float(c) for c in row["confidences"].split()]
        item = Corroboration(row["kind"], row["type"], row["subjectLabel"] or "", row["objectLabel"] or "",
                             row["articles"], round(noisy_or(best), 3), row["files"], row["subject"], row["object"])
        if item.support >= min_support:
            out.append(item)
    return sorted(out, key=lambda c: (-c.support, -c.articles, c.kind, c.type, c.subject_label, c.object_label))


def _stance(row: dict) -> tuple[str, str, bool]:
    """What a claim says, for counting support: event type, agents' side and whether it is a denial.

    A claim that names no agent backs only itself: it cannot be told which side's claim it repeats.
    """
    return row["type"], row["side"] or row["event"], row["polarity"] == "denied"


def _contest(place: str, rows: list[dict]) -> Contest:
    backing: dict[tuple, list[tuple[str, float]]] = {}
    for row in rows:
        backing.setdefault(_stance(row), []).append((row["file"], row["confidence"]))
    claims = [Claim(row["side"] or "", row["type"], row["agents"], row["claimedBy"], row["polarity"], row["date"],
                    row["claimDate"], row["file"], row["evidence"] or "", row["confidence"],
                    *support(backing[_stance(row)]), row["event"], row["claim"])
              for row in rows]
    claims.sort(key=lambda c: (c.side == "", c.side, c.polarity == "denied", c.date or "", c.file, c.event))
    return Contest(place, rows[0]["placeLabel"] or place, reasons(claims), tuple(claims))


def reasons(claims: Iterable[Claim]) -> tuple[str, ...]:
    """Why claims clash, in words: the sides named as agents, and event types both asserted and denied."""
    claims = list(claims)
    sides = sorted({s for c in claims if c.polarity != "denied" for s in c.side.split(", ") if s})
    out = [" vs ".join(sides)] if len(sides) > 1 else []
    denied = {c.type for c in claims if c.polarity == "denied"}
    out += [f"{t} asserted and denied" for t in sorted(denied) if any(c.type == t and c.polarity != "denied"
                                                                        for c in claims)]
    return tuple(out)


def format_contests(contests: list[Contest], fmt: str = "table") -> str:
    """The contests as text: per place a heading and an aligned table of its claims, or ``json``."""
    if fmt == "json":
        return json.dumps([asdict(c) for c in contests], ensure_ascii=False, indent=2)
    if not contests:
        return "no contested places"
    blocks = []
    for contest in contests:
        head = f"{contest.label}: {len(contest.claims)} claims; " + "; ".join(contest.reasons)
        cells = [[c.side or "?", c.type, c.polarity, _claimant(c), c.date or "", c.file, f"{c.confidence:.2f}",
                  f"{c.articles} ({c.support:.2f})", _short(c.evidence)] for c in contest.claims]
        widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(COLUMNS)]
        lines = ["  " + "  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in [COLUMNS, *cells]]
        blocks.append("\n".join([head, *lines]))
    return "\n\n".join(blocks)


def _claimant(claim: Claim) -> str:
    return "the article" if claim.claimed_by == f"article {claim.file}" else claim.claimed_by


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_WIDTH else text[: EVIDENCE_WIDTH - 1] + "…"


__all__ = ["Claim", "Contest", "Corroboration", "contested", "corroboration", "format_contests", "noisy_or", "reasons", "support", "check_confidence"]
