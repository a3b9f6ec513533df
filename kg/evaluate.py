"""Score extraction records against a gold file in the format of ``shared/gold/README.md``.

Entities match on coarse class and any shared name (label or alias, compared after NFKC, case folding,
punctuation and a leading "the" dropped); relations on predicate and matched subject/object (``met`` in
either direction); events on type and place, or for a ``Meeting``/``Statement`` without place on type and
agents. Scores are micro-averaged over articles.

>>> norm("The  Kharkiv-Region")
'kharkiv region'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GoldError
from kg.extract.gazetteer import haversine_km
from kg.vocab import COARSE

ATTRIBUTES = ("agents", "date", "claimedBy", "count")


def norm(name: str) -> str:
    """The comparison key of a name."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


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


@dataclass
class Report:
    """Scores of a whole evaluation run."""

    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    attributes: dict[str, list[int]] = field(default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES})
    distances_km: list[float] = field(default_factory=list)
    articles: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def attribute_accuracy(self) -> float:
        right = sum(r for r, _ in self.attributes.values())
        total = sum(t for _, t in self.attributes.values())
        return right / total if total else 0.0

    def as_dict(self) -> dict:
        out = {s: getattr(self, s).as_dict() for s in ("entities", "relations", "events")}
        out["attributes"] = {a: {"accuracy": round(r / t, 3) if t else None, "n": t} for a, (r, t) in self.attributes.items()}
        out["attribute_accuracy"] = round(self.attribute_accuracy, 3)
        if self.distances_km:
            d = sorted(self.distances_km)
            out["geocoding"] = {"n": len(d), "median_km": round(d[len(d) // 2], 1),
                                "within_10km": round(sum(x <= 10 for x in d) / len(d), 3),
                                "within_25km": round(sum(x <= 25 for x in d) / len(d), 3)}
        out["articles"] = self.articles
        out["missing"] = self.missing
        return out


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSON Lines file, checking each line has the sections of the format."""
    records = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "article" not in record:
            raise GoldError(f"{path}:{n}: a gold record needs an 'article' field")
        records.append(record)
    return records


def _coarse(kind: str) -> str:
    return COARSE.get(kind, kind)


def _names(entity: dict) -> set[str]:
    return {norm(n) for n in [entity["label"], *entity.get("aliases", [])] if n}


def _match_entities(pred: list[dict], gold: list[dict]) -> dict[str, str]:
    """Map extracted labels to gold labels, one to one."""
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for p in pred:
        names = _names(p)
        for i, g in enumerate(gold):
            if i not in used and _coarse(g["type"]) == _coarse(p["type"]) and names & _names(g):
                used.add(i)
                mapping[p["label"]] = g["label"]
                break
    return mapping


def _event_key(event: dict, names: dict[str, str]) -> tuple:
    place = names.get(event.get("place"), event.get("place")) if event.get("place") else None
    if place is None and event["type"] in ("Meeting", "Statement"):
        return (event["type"], frozenset(names.get(a, a) for a in event.get("agents", [])))
    return (event["type"], place)


def score_article(pred: dict, gold: dict, report: Report) -> None:
    """Add one article's comparison to ``report``."""
    names = _match_entities(pred.get("entities", []), gold.get("entities", []))
    ents = report.entities
    ents.tp += len(names)
    ents.extracted += len(pred.get("entities", []))
    ents.gold += len(gold.get("entities", []))
    gold_by_label = {g["label"]: g for g in gold.get("entities", [])}
    for p in pred.get("entities", []):
        g = gold_by_label.get(names.get(p["label"], ""))
        if g and g.get("lat") is not None and p.get("lat") is not None:
            report.distances_km.append(haversine_km(p["lat"], p["lon"], g["lat"], g["lon"]))

    def rel_keys(rels: Iterable[dict], mapped: bool) -> set[tuple]:
        keys = set()
        for r in rels:
            s, o = (names.get(r["subject"]), names.get(r["object"])) if mapped else (r["subject"], r["object"])
            if s and o:
                keys.add((r["predicate"], *sorted((s, o))) if r["predicate"] == "met" else (r["predicate"], s, o))
        return keys

    pred_rels, gold_rels = rel_keys(pred.get("relations", []), True), rel_keys(gold.get("relations", []), False)
    report.relations.tp += len(pred_rels & gold_rels)
    report.relations.extracted += len(rel_keys(pred.get("relations", []), False))
    report.relations.gold += len(gold_rels)

    identity = {g["label"]: g["label"] for g in gold.get("entities", [])}
    remaining = [(_event_key(g, identity), g) for g in gold.get("events", [])]
    report.events.extracted += len(pred.get("events", []))
    report.events.gold += len(remaining)
    for event in pred.get("events", []):
        key = _event_key(event, names)
        hit = next((i for i, (k, _) in enumerate(remaining) if k == key), None)
        if hit is None:
            continue
        _, g = remaining.pop(hit)
        report.events.tp += 1
        _score_attributes(event, g, names, report)


def _score_attributes(event: dict, gold: dict, names: dict[str, str], report: Report) -> None:
    checks = {
        "agents": {names.get(a, a) for a in event.get("agents", [])} == set(gold.get("agents", [])),
        "date": event.get("date") == gold.get("date"),
        "claimedBy": {names.get(a, a) for a in event.get("claimedBy", [])} == set(gold.get("claimedBy", [])),
    }
    if gold.get("count"):
        checks["count"] = (event.get("count") or {}) == gold["count"]
    for attr, ok in checks.items():
        report.attributes[attr][0] += int(ok)
        report.attributes[attr][1] += 1


def evaluate(predicted: Iterable[dict], gold: list[dict]) -> Report:
    """Compare extracted records with gold records, matched by article name."""
    by_name = {p["article"]: p for p in predicted}
    report = Report()
    for g in gold:
        pred = by_name.get(g["article"])
        if pred is None:
            report.missing.append(g["article"])
            pred = {"entities": [], "relations": [], "events": []}
        report.articles += 1
        score_article(pred, g, report)
    return report


def format_report(report: Report) -> str:
    """A plain-text table of a report."""
    lines = [f"{'section':<12}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>6}{'pred':>6}{'gold':>6}"]
    for name in ("entities", "relations", "events"):
        s = getattr(report, name)
        lines.append(f"{name:<12}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.extracted:>6}{s.gold:>6}")
    parts = ", ".join(f"{a} {r}/{t}" for a, (r, t) in report.attributes.items() if t)
    lines.append(f"attribute accuracy {report.attribute_accuracy:.3f} ({parts})")
    geo = report.as_dict().get("geocoding")
    if geo:
        lines.append(f"geocoding: {geo['n']} places, median {geo['median_km']} km, within 10 km {geo['within_10km']:.0%}")
    if report.missing:
        lines.append(f"not extracted: {', '.join(report.missing)}")
    return "\n".join(lines)


def evaluate_files(gold_path: str | Path, articles_dir: str | Path) -> Report:
    """Extract the articles of ``articles_dir`` that the gold file names and score them."""
    from kg.articles import read_articles
    from kg.errors import KgError
    from kg.extract import extract_all

    gold = load_gold(gold_path)
    wanted = {g["article"] for g in gold}
    articles = [a for a in read_articles([articles_dir]) if not isinstance(a, KgError) and a.name in wanted]
    return evaluate(extract_all(articles), gold)
