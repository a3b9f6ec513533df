"""Event dates before and after a change, on the events of a judgements file (issue 12, time).

Statement ids hash the date, so a judged event whose date changed has a new id. For each judged dated event of
JUDGEMENTS (found by id in OLD, the records the judgements were made on), this finds the event the extractor now
gives (in NEW: same article, type and evidence sentence, and the same place when several match) and prints the
old and new date with the old judgement. With ``--rejudged FILE`` (lines ``{"id", "date_ok": true|false|null}``,
null for an event now undated) it counts wrong dates before and after.

  python bench/redate.py JUDGEMENTS OLD.jsonl NEW.jsonl [--rejudged FILE]

OLD is ``kg extract`` of the audit articles at the judged commit (``bench/audit.py --pred`` keeps one), NEW the
same with this extractor (``bench/audit.py draw --pred out/audit-pred.jsonl`` makes it after a delete).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.eval.audit import statements


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _when(event: dict | None) -> str:
    if event is None:
        return "(no event)"
    if event.get("date"):
        return event["date"]
    if event.get("dateRange"):
        return "..".join(event["dateRange"]) + f" ({event.get('datePrecision', 'range')})"
    return "-"


def pairs(judged: list[dict], old: list[dict], new: list[dict]) -> list[tuple[dict, dict, dict | None]]:
    """(judgement, old event, new event or None) for every judged event that was dated."""
    by_id = {s.id: s for s in statements(old)}
    now = {}
    for rec in new:
        for ev in rec.get("events", []):
            now.setdefault((rec["article"], ev["type"], ev.get("evidence")), []).append(ev)
    out = []
    for j in judged:
        st = by_id.get(j["id"])
        if j.get("kind") != "event" or not j.get("dated") or st is None:
            continue
        cands = now.get((st.article, st.data["type"], st.data.get("evidence")), [])
        same = [e for e in cands if e.get("place") == st.data.get("place")] or cands
        out.append((j, st.data, same[0] if same else None))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("judgements", type=Path)
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--rejudged", type=Path)
    args = ap.parse_args()
    rows = pairs(_load(args.judgements), _load(args.old), _load(args.new))
    rejudged = {r["id"]: r for r in _load(args.rejudged)} if args.rejudged else {}
    wrong_before = wrong_after = undated = missing = 0
    for j, old, ev in rows:
        before = "date" in j.get("wrong", [])
        wrong_before += before
        undated += ev is not None and _when(ev) == "-"
        missing += ev is None
        r = rejudged.get(j["id"], {})
        wrong_after += r.get("date_ok") is False
        print(f"{j['id']}  {old['type']:<12} {_when(old):<26} -> {_when(ev):<34} "
              f"{'WRONG' if before else 'ok':<6}{'' if not r else ' now ' + str(r.get('date_ok'))}")
        print(f"    {j['article'][:90]}  {j.get('note', '')[:80]}")
    print(f"\ndated judged events: {len(rows)}; wrong date before: {wrong_before}; now undated: {undated}; "
          f"no matching event now: {missing}" + (f"; wrong date after: {wrong_after}" if rejudged else ""))


if __name__ == "__main__":
    main()
