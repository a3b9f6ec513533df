"""Precision audit on the unlabelled dev articles (../shared/dev/whitehouse and wikipedia/articles).

  python bench/audit.py draw --seed 1 --n 200 [--template FILE]   print a random sample to judge
  python bench/audit.py report JUDGEMENTS.jsonl                    precision per kind and reliability table

``draw`` prints each statement with its stable id (see :mod:`kg.eval.audit`), its fields and its evidence
sentence (on the terminal only: never store the evidence in the repo); ``--template`` writes judgement lines to
fill in (id, kind, confidence, empty judgement). The extraction records are kept in ``--pred`` (default
``out/audit-pred.jsonl``, made with the library if absent; delete it after changing the extractor).
Judgement lines: {"id", "judgement": correct|partly|wrong, "wrong": [fields], "note"}; see bench/audit/.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from pathlib import Path

from common import SHARED

ROOT = Path(__file__).resolve().parents[1]
DEV = SHARED / "dev"
FOLDERS = (DEV / "whitehouse", DEV / "wikipedia" / "articles")
DEFAULT_PRED = ROOT / "out" / "audit-pred.jsonl"
TARGETS = {"event": 0.85, "relation": 0.90}
WRONG_DATE_MAX = 0.05


def records(pred: Path) -> list[dict]:
    """The extraction records of the audit articles, extracted once and kept in ``pred``."""
    if not pred.exists():
        from kg.extract import extract_all
        from kg.text.articles import Article, read_articles

        missing = [f for f in FOLDERS if not f.is_dir()]
        if missing:
            raise SystemExit(f"dev articles not found: {', '.join(map(str, missing))}")
        t = time.perf_counter()
        articles = [a for a in read_articles(FOLDERS) if isinstance(a, Article)]
        pred.parent.mkdir(parents=True, exist_ok=True)
        with pred.open("w", encoding="utf-8") as out:
            for rec in extract_all(articles):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"extracted {len(articles)} articles in {time.perf_counter() - t:.0f} s -> {pred}", file=sys.stderr)
    return [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]


def cmd_draw(args: argparse.Namespace) -> None:
    from kg.eval.audit import describe, draw, statements, template_line

    pool = statements(records(args.pred))
    sample = draw(pool, args.n, args.seed)
    kinds = {k: sum(s.kind == k for s in pool) for k in ("event", "relation")}
    print(f"pool: {kinds['event']} events, {kinds['relation']} relations; drew {len(sample)} with seed {args.seed}")
    for i, st in enumerate(sample, 1):
        print(f"\n[{i}] {st.id}  {st.article}")
        print(textwrap.indent(textwrap.fill(describe(st), 110), "    "))
        print(textwrap.indent(textwrap.fill(f"evidence: {st.data.get('evidence', '')}", 110), "    "))
    if args.template:
        with args.template.open("w", encoding="utf-8") as out:
            for st in sample:
                out.write(json.dumps(template_line(st), ensure_ascii=False) + "\n")
        print(f"\nwrote {len(sample)} judgement lines to fill in: {args.template}", file=sys.stderr)


def report_lines(judged: list[dict]) -> list[str]:
    """Precision per kind and the reliability table as printable lines."""
    from kg.eval.audit import precision, reliability

    lines = [f"{'kind':<14}{'n':>5}{'correct':>9}{'partly':>8}{'wrong':>7}{'P(correct)':>12}{'target':>8}"]
    figures = precision(judged)
    for kind in ("event", "relation"):
        c = figures.get(kind)
        if c:
            lines.append(f"{kind + 's':<14}{c['n']:>5}{c['correct']:>9}{c['partly']:>8}{c['wrong']:>7}"
                         f"{c['correct'] / c['n']:>12.3f}{'>=' + format(TARGETS[kind], '.2f'):>8}")
    d = figures.get("dated event")
    if d:
        lines.append(f"{'dated events':<14}{d['n']:>5}  wrong date {d['wrong date']} "
                     f"({d['wrong date'] / d['n']:.3f}, target <={WRONG_DATE_MAX:.2f})")
    lines.append("")
    lines.append(f"{'confidence':<12}{'n':>5}{'correct':>9}{'correct+partly':>16}")
    for b, n, right, part in reliability(judged):
        lines.append(f"{b:<12}{n:>5}{right:>9.3f}{part:>16.3f}")
    return lines


def cmd_report(args: argparse.Namespace) -> None:
    from kg.eval.audit import complete, load_judgements, statements

    judged = load_judgements(args.judgements)
    if any("kind" not in row or "confidence" not in row for row in judged):
        drawn = {s.id: s for s in statements(records(args.pred))}
        judged = complete(judged, drawn)
        unknown = [row["id"] for row in judged if "kind" not in row]
        if unknown:
            print(f"{len(unknown)} judged ids not in the current extraction: {', '.join(unknown[:5])}",
                  file=sys.stderr)
    print("\n".join(report_lines(judged)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="print a random sample of statements to judge")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--n", type=int, default=200)
    d.add_argument("--template", type=Path, help="write judgement lines to fill in")
    r = sub.add_parser("report", help="precision and reliability of a judgements file")
    r.add_argument("judgements", type=Path)
    for p in (d, r):
        p.add_argument("--pred", type=Path, default=DEFAULT_PRED, help="extraction records (made if absent)")
    args = parser.parse_args()
    cmd_draw(args) if args.cmd == "draw" else cmd_report(args)


if __name__ == "__main__":
    main()
