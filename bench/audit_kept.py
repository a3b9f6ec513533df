"""Which judged statements an extractor change keeps: judged ids looked up in the records of the old extractor,
then found again (same id, or the same kind, type and evidence) or not in the records of the new one.

  python bench/audit_kept.py JUDGEMENTS.jsonl OLD_PRED.jsonl NEW_PRED.jsonl [--list]

Make the two record files with ``bench/audit.py draw ... --pred FILE`` before and after the change. Prints, per
judgement (correct / partly / wrong), how many statements the change removed (nothing of that type left from
the same evidence sentence), changed (found again with other fields) or kept unchanged. On the judgements the
change was tuned on these are tuning-set figures.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _loose(st) -> tuple:
    d = st.data
    return st.article, st.kind, d.get("type") or d.get("predicate"), d.get("evidence")


def main() -> None:
    from kg.eval.audit import load_judgements, statements

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("judgements", type=Path)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--list", action="store_true", help="list the removed and changed statements")
    args = parser.parse_args()
    old = {s.id: s for s in statements(_records(args.old))}
    new = statements(_records(args.new))
    new_ids = {s.id for s in new}
    new_loose = Counter(_loose(s) for s in new)
    tally: Counter[tuple[str, str, str]] = Counter()
    for row in load_judgements(args.judgements):
        st = old.get(row["id"])
        if st is None:
            tally[(row.get("kind", "?"), row["judgement"], "not in old records")] += 1
            continue
        fate = "kept" if st.id in new_ids else "changed" if new_loose[_loose(st)] else "removed"
        tally[(st.kind, row["judgement"], fate)] += 1
        if args.list and fate != "kept":
            print(f"{fate:<8} {row['judgement']:<8} {st.id} {st.data.get('type') or st.data.get('predicate')}: "
                  f"{row.get('note', '')}")
    print(f"{'kind':<9}{'judgement':<10}{'n':>5}{'removed':>9}{'changed':>9}{'kept':>6}")
    for kind in ("event", "relation"):
        for judgement in ("wrong", "partly", "correct"):
            n = {f: tally[(kind, judgement, f)] for f in ("removed", "changed", "kept", "not in old records")}
            total = sum(n.values())
            if total:
                print(f"{kind:<9}{judgement:<10}{total:>5}{n['removed']:>9}{n['changed']:>9}{n['kept']:>6}"
                      + (f"  ({n['not in old records']} not in old records)" if n["not in old records"] else ""))
    print(f"events: {len([s for s in new if s.kind == 'event'])} after, "
          f"{len([s for s in old.values() if s.kind == 'event'])} before")


if __name__ == "__main__":
    main()
