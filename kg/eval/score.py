"""Score extraction records against a gold file in the format of ``shared/gold/README.md``.

Entities match on coarse class and any shared name (label or alias, compared after NFKC, case folding,
punctuation and a leading "the" dropped); relations on predicate and matched subject/object (``met`` in
either direction); events on type and place, or for a ``Meeting``/``Statement`` without place on type and
agents. Scores are micro-averaged over articles. The held-out measures (event type, acting side, places
geocoded within 10 km or 25 km where gold marks a place ``approximate``, NER F1 with countries as places)
are described in :class:`kg.eval.report.Report`.

>>> norm("The  Kharkiv-Region")
'kharkiv region'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kg.errors import GoldError, KgError
from kg.eval.report import Report, Score, format_report
from kg.extract import extract_all
from kg.extract.gazetteer import haversine_km
from kg.rdf.vocab import COARSE
from kg.text.articles import read_articles

__all__ = ["Report", "Score", "evaluate", "evaluate_files", "format_report", "load_gold", "norm"]

TOLERANCE_KM = 10.0
APPROXIMATE_KM = 25.0
NER_VIEW = {"Country": "Place", "MilitaryUnit": "Organization"}


def norm(name: str) -> str:
    """The comparison key of a name."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


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


def _match_entities(pred: list[dict], gold: list[dict], kind=_coarse) -> dict[str, str]:
    """Map extracted labels to gold labels, one to one, where ``kind`` gives the same class and a name is shared."""
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for p in pred:
        names = _names(p)
        for i, g in enumerate(gold):
            if i not in used and kind(g["type"]) == kind(p["type"]) and names & _names(g):
                used.add(i)
                mapping[p["label"]] = g["label"]
                break
    return mapping


def _ner_kind(kind: str) -> str:
    """The CoNLL-style class: countries are places, military units organisations."""
    coarse = _coarse(kind)
    return NER_VIEW.get(coarse, coarse)


def _event_key(event: dict, names: dict[str, str]) -> tuple:
    place = names.get(event.get("place"), event.get("place")) if event.get("place") else None
    if place is None and event["type"] in ("Meeting", "Statement"):
        return (event["type"], frozenset(names.get(a, a) for a in event.get("agents", [])))
    return (event["type"], place)


def score_article(pred: dict, gold: dict, report: Report) -> None:
    """Add one article's comparison to ``report``."""
    names = _score_entities(pred.get("entities", []), gold.get("entities", []), report)

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
    _score_event_notes(pred, gold, names, report)


def _score_entities(pred: list[dict], gold: list[dict], report: Report) -> dict[str, str]:
    """Entity counts overall, per coarse class and in the CoNLL view, plus geocoding; returns the label mapping."""
    names = _match_entities(pred, gold)
    report.entities.tp += len(names)
    report.entities.extracted += len(pred)
    report.entities.gold += len(gold)
    gold_by_label = {g["label"]: g for g in gold}
    for g in gold:
        report.type_score(_coarse(g["type"])).gold += 1
    for p in pred:
        report.type_score(_coarse(p["type"])).extracted += 1
    for label in set(names.values()):
        report.type_score(_coarse(gold_by_label[label]["type"])).tp += 1
    ner = _match_entities(pred, gold, _ner_kind)
    report.ner.tp += len(ner)
    report.ner.extracted += len(pred)
    report.ner.gold += len(gold)
    located = {names[p["label"]]: p for p in pred if p["label"] in names and p.get("lat") is not None}
    for g in gold:
        if g.get("lat") is None:
            continue
        p = located.get(g["label"])
        km = haversine_km(p["lat"], p["lon"], g["lat"], g["lon"]) if p else None
        if km is not None:
            report.distances_km.append(km)
        tolerance = APPROXIMATE_KM if g.get("approximate") else TOLERANCE_KM
        report.geo_gold[0] += int(km is not None and km <= tolerance)
        report.geo_gold[1] += 1
    return names


def _side(agents: Iterable[str], types: dict[str, str]) -> set[str]:
    """The countries among an event's agents (units and leaders act for them), else all its agents."""
    agents = set(agents)
    return {a for a in agents if types.get(a) == "Country"} or agents


def _score_event_notes(pred: dict, gold: dict, names: dict[str, str], report: Report) -> None:
    """Event type and acting side of the extracted event standing for each gold event with a place.

    It is the most confident extracted event at the gold place (any event, for an article with one gold event),
    leaving out types that another gold event at that place has, and ``Casualties`` unless the gold one is:
    a note's death toll belongs to its attack, not a second event. The side is compared as a set of countries.
    """
    gold_events, pred_events = gold.get("events", []), pred.get("events", [])
    gold_types = {g["label"]: g["type"] for g in gold.get("entities", [])}
    pred_types = {names.get(p["label"], p["label"]): p["type"] for p in pred.get("entities", [])}
    for g in gold_events:
        if not g.get("place") and len(gold_events) > 1:
            continue
        here = [e for e in pred_events if g.get("place") and names.get(e.get("place") or "") == g["place"]]
        cands = here or (list(pred_events) if len(gold_events) == 1 else [])
        others = {o["type"] for o in gold_events if o is not g and o.get("place") == g.get("place")} - {g["type"]}
        cands = [e for e in cands if e["type"] not in others] or cands
        if g["type"] != "Casualties":
            cands = [e for e in cands if e["type"] != "Casualties"] or cands
        best = max(cands, key=lambda e: e.get("confidence", 0), default=None)
        report.event_type[0] += int(best is not None and best["type"] == g["type"])
        report.event_type[1] += 1
        if g.get("agents"):
            agents = _side((names.get(a, a) for a in best.get("agents", [])), pred_types) if best else set()
            report.side[0] += int(agents == _side(g["agents"], gold_types))
            report.side[1] += 1


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


def evaluate_files(gold_path: str | Path, articles_dir: str | Path) -> Report:
    """Extract the articles of ``articles_dir`` that the gold file names and score them."""
    gold = load_gold(gold_path)
    wanted = {g["article"] for g in gold}
    articles = [a for a in read_articles([articles_dir]) if not isinstance(a, KgError) and a.name in wanted]
    return evaluate(extract_all(articles), gold)
