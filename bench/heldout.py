"""Where extraction stands against the held-out goals: every measure on each of our gold sets and the seeds.

Gold sets are ``tests/gold/NAME.jsonl`` with their articles in ``tests/gold/NAME/`` (see tests/gold/README.md);
the seeds come from ``../shared`` when it is there.
Usage: python bench/heldout.py [NAME ...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"
GOALS = {"event type": 0.80, "geo <=10km": 0.85, "side": 0.85, "ner F1": 0.80}
COLUMNS = ("ent F1", "rel F1", "ev F1", "attrs", "event type", "side", "geo <=10km", "median km", "ner F1")


def sets() -> dict[str, tuple[Path, Path]]:
    """Gold file and article folder of every set."""
    out = {p.stem: (p, p.with_suffix("")) for p in sorted(GOLD.glob("*.jsonl"))}
    if (SHARED / "gold" / "seeds.jsonl").exists():
        out["seeds"] = (SHARED / "gold" / "seeds.jsonl", SHARED / "seeds")
    return out


def row(report) -> dict[str, float | None]:
    """The figures of one report, None where the set has nothing to measure."""
    geo = report.as_dict().get("geocoding") or {}
    return {"ent F1": report.entities.f1, "rel F1": report.relations.f1 if report.relations.gold else None,
            "ev F1": report.events.f1 if report.events.gold else None,
            "attrs": report.attribute_accuracy if any(t for _, t in report.attributes.values()) else None,
            "event type": report.event_type_accuracy, "side": report.side_accuracy,
            "geo <=10km": report.geocoding_accuracy, "median km": geo.get("median_km"), "ner F1": report.ner.f1}


def main() -> None:
    from kg.eval.score import evaluate_files

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="sets to run (default: all)")
    args = parser.parse_args()
    chosen = {k: v for k, v in sets().items() if not args.names or k in args.names}
    print(f"{'set':<10}{'n':>4}" + "".join(f"{c:>11}" for c in COLUMNS) + f"{'seconds':>9}")
    for name, (gold, folder) in chosen.items():
        t = time.perf_counter()
        report = evaluate_files(gold, folder)
        seconds = time.perf_counter() - t
        cells = "".join(f"{'-' if v is None else f'{v:.3f}' if c != 'median km' else f'{v:.1f}':>11}"
                        for c, v in row(report).items())
        print(f"{name:<10}{report.articles:>4}{cells}{seconds:>9.1f}")
    print(f"{'goal':<14}" + "".join(f"{GOALS[c]:>11.2f}" if c in GOALS else f"{'':>11}" for c in COLUMNS))


if __name__ == "__main__":
    main()
