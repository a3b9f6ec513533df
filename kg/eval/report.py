"""Score tallies of an evaluation run and their plain-text table (the matching lives in :mod:`kg.eval.score`).

>>> s = Score(tp=3, extracted=4, gold=6)
>>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 2)
(0.75, 0.5, 0.6)
"""

from __future__ import annotations

from dataclasses import dataclass, field

ATTRIBUTES = ("agents", "date", "claimedBy", "count")


@dataclass
class Score:
    """True positives, extracted and gold counts of one section."""

    tp: int = 0
    extracted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "extracted": self.extracted, "gold": self.gold}


def _share(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


@dataclass
class Report:
    """Scores of a whole evaluation run.

    Besides precision/recall/F1 per section it keeps the held-out measures: ``event_type`` and ``side``
    ([right, total] over gold events with a place, see :func:`kg.eval.score.score_article`), ``geo_gold``
    ([within tolerance, gold places with coordinates]), per-type entity scores and ``ner`` (the CoNLL view:
    countries count as places, military units as organisations).
    """

    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    attributes: dict[str, list[int]] = field(default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES})
    distances_km: list[float] = field(default_factory=list)
    geo_gold: list[int] = field(default_factory=lambda: [0, 0])
    event_type: list[int] = field(default_factory=lambda: [0, 0])
    side: list[int] = field(default_factory=lambda: [0, 0])
    entity_types: dict[str, Score] = field(default_factory=dict)
    ner: Score = field(default_factory=Score)
    articles: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def attribute_accuracy(self) -> float:
        right = sum(r for r, _ in self.attributes.values())
        total = sum(t for _, t in self.attributes.values())
        return right / total if total else 0.0

    @property
    def geocoding_accuracy(self) -> float | None:
        """Share of gold places with coordinates whose extracted place lies within tolerance (10 km, 25 km if approximate)."""
        return _share(*self.geo_gold)

    @property
    def event_type_accuracy(self) -> float | None:
        return _share(*self.event_type)

    @property
    def side_accuracy(self) -> float | None:
        return _share(*self.side)

    def type_score(self, kind: str) -> Score:
        """The entity score of one coarse class (created on first use)."""
        return self.entity_types.setdefault(kind, Score())

    def as_dict(self) -> dict:
        out = {s: getattr(self, s).as_dict() for s in ("entities", "relations", "events")}
        out["attributes"] = {a: {"accuracy": _share(r, t), "n": t} for a, (r, t) in self.attributes.items()}
        out["attribute_accuracy"] = round(self.attribute_accuracy, 3)
        if self.distances_km:
            d = sorted(self.distances_km)
            out["geocoding"] = {"n": len(d), "median_km": round(d[len(d) // 2], 1),
                                "within_10km": _share(sum(x <= 10 for x in d), len(d)),
                                "within_25km": _share(sum(x <= 25 for x in d), len(d))}
        out["heldout"] = {
            "event_type": {"accuracy": self.event_type_accuracy, "n": self.event_type[1]},
            "side": {"accuracy": self.side_accuracy, "n": self.side[1]},
            "geocoding": {"accuracy": self.geocoding_accuracy, "n": self.geo_gold[1]},
            "ner": self.ner.as_dict(),
        }
        out["entity_types"] = {k: v.as_dict() for k, v in sorted(self.entity_types.items())}
        out["articles"] = self.articles
        out["missing"] = self.missing
        return out


def _ratio(name: str, right: int, total: int) -> str:
    return f"{name} {right}/{total} ({right / total:.0%})" if total else f"{name} -"


def format_report(report: Report) -> str:
    """A plain-text table of a report."""
    lines = [f"{'section':<12}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>6}{'pred':>6}{'gold':>6}"]
    for name, s in [(n, getattr(report, n)) for n in ("entities", "relations", "events")] + [("ner", report.ner)]:
        lines.append(f"{name:<12}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.extracted:>6}{s.gold:>6}")
    parts = ", ".join(f"{a} {r}/{t}" for a, (r, t) in report.attributes.items() if t)
    lines.append(f"attribute accuracy {report.attribute_accuracy:.3f} ({parts})")
    typed = ", ".join(f"{k} {s.f1:.3f} ({s.tp}/{s.gold})" for k, s in sorted(report.entity_types.items()))
    lines.append(f"entity F1 by class (tp/gold): {typed}")
    geo = report.as_dict().get("geocoding")
    if geo:
        lines.append(f"geocoding: {geo['n']} places, median {geo['median_km']} km, within 10 km {geo['within_10km']:.0%}")
    lines.append("held-out measures: " + ", ".join([
        _ratio("event type", *report.event_type), _ratio("acting side", *report.side),
        _ratio("places geocoded within tolerance", *report.geo_gold), f"ner F1 {report.ner.f1:.3f}"]))
    if report.missing:
        lines.append(f"not extracted: {', '.join(report.missing)}")
    return "\n".join(lines)
