"""Precision audits: statements drawn at random from extraction records, judged by a person, and the figures.

A statement is an event or a relation of a record. Its id is a hash of the article name and the statement's
content (type or predicate, agents or ends, place, dates, counts, claimants, polarity, evidence; not its
confidence), so the same extractor gives the same ids on every run and a judgement stays with what was judged.
Judgements are JSON Lines: ``{"id", "judgement": "correct"|"partly"|"wrong", "note"}``, optionally with
``"wrong": [fields]`` (``date`` marks a dated event with a wrong date) and the ``kind``, ``confidence`` and
``dated`` of the statement as drawn, so figures can be computed without extracting again.

>>> band(0.65), band(1.0), band(0.3)
('0.6-0.7', '0.9-1.0', '<0.5')
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = ("correct", "partly", "wrong")
_CONTENT = {"event": ("type", "agents", "place", "date", "dateRange", "count", "qualifier", "claimedBy",
                      "deniedBy", "polarity", "anonymousSource", "evidence"),
            "relation": ("subject", "predicate", "object", "claimedBy", "polarity", "anonymousSource", "evidence")}


@dataclass(frozen=True)
class Statement:
    """One event or relation of an article, with its stable id."""

    id: str
    article: str
    kind: str
    data: dict

    @property
    def confidence(self) -> float:
        return float(self.data.get("confidence") or 0.0)

    @property
    def dated(self) -> bool:
        return self.kind == "event" and bool(self.data.get("date") or self.data.get("dateRange"))


def statement_id(article: str, kind: str, data: Mapping) -> str:
    """``e-``/``r-`` and 12 hex digits of the hash of the article name and the statement's content."""
    content = {k: data.get(k) for k in _CONTENT[kind]}
    for k in ("agents", "claimedBy", "deniedBy"):
        if isinstance(content.get(k), list):
            content[k] = sorted(content[k])
    blob = json.dumps([article, kind, content], sort_keys=True, ensure_ascii=False)
    return f"{kind[0]}-{hashlib.sha256(blob.encode('utf-8')).hexdigest()[:12]}"


def statements(records: Iterable[Mapping]) -> list[Statement]:
    """Every event and relation of the records; a repeated statement of one article gets ``-2``, ``-3``..."""
    out, seen = [], {}
    for rec in records:
        for kind, key in (("event", "events"), ("relation", "relations")):
            for data in rec.get(key, []):
                sid = statement_id(rec["article"], kind, data)
                seen[sid] = seen.get(sid, 0) + 1
                out.append(Statement(sid if seen[sid] == 1 else f"{sid}-{seen[sid]}", rec["article"], kind, data))
    return out


def draw(pool: list[Statement], n: int, seed: int) -> list[Statement]:
    """``n`` statements at random, events and relations in proportion to how many of each there are."""
    rng = random.Random(seed)
    events = [s for s in pool if s.kind == "event"]
    relations = [s for s in pool if s.kind == "relation"]
    n = min(n, len(pool))
    n_events = min(len(events), round(n * len(events) / len(pool))) if pool else 0
    n_relations = min(len(relations), n - n_events)
    picked = rng.sample(events, n_events) + rng.sample(relations, n_relations)
    rng.shuffle(picked)
    return picked


def describe(st: Statement) -> str:
    """The statement in one readable line."""
    d = st.data
    if st.kind == "relation":
        head = f"{d.get('subject')} --{d.get('predicate')}--> {d.get('object')}"
        parts = []
    else:
        head = f"{d.get('type')}"
        date = d.get("date") or ("..".join(d["dateRange"]) if d.get("dateRange") else "-")
        count = ", ".join(f"{k}={v}" for k, v in (d.get("count") or {}).items()) or "-"
        parts = [f"agents: {', '.join(d.get('agents') or []) or '-'}", f"place: {d.get('place') or '-'}",
                 f"date: {date}", f"count: {count}"]
    if d.get("claimedBy"):
        parts.append(f"claimedBy: {', '.join(d['claimedBy'])}")
    if d.get("deniedBy"):
        parts.append(f"deniedBy: {', '.join(d['deniedBy'])}")
    if d.get("polarity") and d.get("polarity") != "asserted":
        parts.append(f"polarity: {d['polarity']}")
    if d.get("anonymousSource"):
        parts.append("anonymous source")
    parts.append(f"conf {st.confidence:.2f}")
    return " | ".join([head, *parts])


def template_line(st: Statement) -> dict:
    """A judgement line to fill in for a drawn statement (no article text in it)."""
    return {"id": st.id, "kind": st.kind, "type": st.data.get("type") or st.data.get("predicate"),
            "article": st.article, "confidence": st.confidence, "dated": st.dated,
            "judgement": "", "wrong": [], "note": ""}


def load_judgements(path: str | Path) -> list[dict]:
    """Judgement lines of a file, checking each has an id and a known judgement."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "id" not in row or row.get("judgement") not in JUDGEMENTS:
            raise ValueError(f"{path}:{n}: needs an id and a judgement in {JUDGEMENTS}")
        out.append(row)
    return out


def complete(judged: list[dict], drawn: Mapping[str, Statement]) -> list[dict]:
    """Judgements with ``kind``, ``confidence`` and ``dated`` filled from the drawn statements where missing."""
    out = []
    for row in judged:
        st = drawn.get(row["id"])
        extra = {"kind": st.kind, "confidence": st.confidence, "dated": st.dated} if st else {}
        out.append({**extra, **{k: v for k, v in row.items() if v is not None}})
    return out


def precision(judged: Iterable[Mapping]) -> dict[str, dict[str, int]]:
    """Counts per kind (``event``, ``relation``) of each judgement, and ``dated event`` with a wrong date."""
    out: dict[str, dict[str, int]] = {}
    for row in judged:
        kind = row.get("kind")
        if kind is None:
            continue
        counts = out.setdefault(kind, dict.fromkeys((*JUDGEMENTS, "n"), 0))
        counts[row["judgement"]] += 1
        counts["n"] += 1
        if kind == "event" and row.get("dated"):
            dated = out.setdefault("dated event", {"wrong date": 0, "n": 0})
            dated["n"] += 1
            dated["wrong date"] += int("date" in (row.get("wrong") or []))
    return out


def band(confidence: float, width: float = 0.1, floor: float = 0.5) -> str:
    """The confidence band of a value: ``0.6-0.7``; below ``floor`` one band."""
    if confidence < floor:
        return f"<{floor:g}"
    lo = min(int(round(confidence / width, 6)) * width, 1.0 - width)
    return f"{lo:.1f}-{lo + width:.1f}"


def reliability(judged: Iterable[Mapping]) -> list[tuple[str, int, float, float]]:
    """Per confidence band: (band, statements, share correct, share correct or partly), bands in order."""
    rows: dict[str, list[int]] = {}
    for row in judged:
        if row.get("confidence") is None:
            continue
        tally = rows.setdefault(band(float(row["confidence"])), [0, 0, 0])
        tally[0] += 1
        tally[1] += int(row["judgement"] == "correct")
        tally[2] += int(row["judgement"] != "wrong")
    ordered = sorted(rows.items(), key=lambda item: (item[0] != "<0.5", item[0]))
    return [(b, n, right / n, part / n) for b, (n, right, part) in ordered]
