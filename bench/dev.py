"""Extraction on the dev sets with external labels (../shared/dev, see its README): one table with the targets
of issues 12 and 13.

- readouts: the articles extracted to ``out/dev-readouts.jsonl`` and scored by ``readouts/score.py`` (run it with
  ``--misses`` on that file to see what was missed);
- ucdp: ``--limit`` rows (a sample with ``--seed``; 0 = all) of the 2014-2021 events, each row's headlines one
  in-memory article dated ``date_start_iso`` (:mod:`kg.eval.ucdp`);
- wikipedia: infobox commanders, units, combatants and place (:mod:`kg.eval.infobox`);
- audit: precision and reliability of the newest sample judged in ``bench/audit/`` (``baseline-``/``fresh-`` files;
  ``--judgements``).
Usage: python bench/dev.py [--limit N] [--seed S] [--only readouts,ucdp,wikipedia,audit] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import time
from pathlib import Path

from common import SHARED, machine

ROOT = Path(__file__).resolve().parents[1]
DEV = SHARED / "dev"
OUT = ROOT / "out"
SECTIONS = ("readouts", "ucdp", "wikipedia", "audit")
MIN_BAND = 10  # confidence bands with fewer judged statements are left out of the worst gap
Row = tuple[str, str, float | None, str, str]  # set, measure, value, n, target


def articles(folder: Path) -> list:
    from kg.text.articles import Article, read_articles

    return [a for a in read_articles([folder]) if isinstance(a, Article)]


def readouts(misses: bool) -> list[Row]:
    """Meeting, pair and person recall, date and place accuracy from the set's own scorer."""
    from kg.extract import extract_all

    folder = DEV / "readouts"
    recs = list(extract_all(articles(folder / "articles")))
    OUT.mkdir(exist_ok=True)
    with (OUT / "dev-readouts.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    spec = importlib.util.spec_from_file_location("readouts_score", folder / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    s = scorer.score(scorer.load(folder / "gold.jsonl"), recs, misses=misses)
    return [("readouts", "meeting recall", s["meeting_recall"], f"{s['meetings_matched']}/{s['meetings']}", ">=0.85 (#12)"),
            ("readouts", "meeting recall (main)", s["meeting_recall_main"], str(s["main_meetings"]), ""),
            ("readouts", "meeting recall 1:1", s["meeting_recall_1to1"], str(s["meetings"]), ""),
            ("readouts", "pair recall", s["pair_recall"], f"{s['pairs_found']}/{s['pairs']}", ""),
            ("readouts", "person recall", s["person_recall"], f"{s['people_found']}/{s['people']}", ""),
            ("readouts", "meeting date accuracy", s["meeting_date_accuracy"], str(s["matched_with_date"]), ""),
            ("readouts", "meeting place accuracy", s["meeting_place_accuracy"], str(s["matched_with_place"]),
             ">=0.70 (#12)")]


def ucdp(limit: int, seed: int, misses: bool) -> list[Row]:
    """Sides, places, death counts and claimants on a fixed sample of UCDP rows."""
    from kg.eval.ucdp import UcdpTally, known_sides, score_row
    from kg.extract import extract_all
    from kg.text.articles import Article

    with (DEV / "ucdp" / "ucdp_ged_ukraine_2014-2021.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if 0 < limit < len(rows):
        rows = random.Random(seed).sample(rows, limit)
    arts = [Article(name=f"ucdp-{r['id']}", date=r["date_start_iso"] or None,
                    text="\n\n".join(h.strip() for h in r["source_headline"].split(";") if h.strip()) or "-")
            for r in rows]
    tally, known = UcdpTally(), known_sides()
    for row, rec in zip(rows, extract_all(arts)):
        flags = score_row(rec, row, known, tally)
        if misses and flags.get("toll_rows") and not flags.get("count_ok"):
            print(f"toll miss ucdp-{row['id']} low..high {row['low']}..{row['high']}")
    n, sh = tally.n, tally.share

    def cov(part: str, total: str) -> str:
        return f"{n[part]}/{n[total]}"

    toll_in_range = n["count_ok"] / n["toll_rows"] if n["toll_rows"] else None
    sides = ", ".join(f"{k} {v}" for k, v in sorted(tally.given_sides.items(), key=lambda x: -x[1]))
    print(f"ucdp: sides given (rows): {sides or '-'}")
    return [("ucdp", "rows with an event", sh("event", "rows"), cov("event", "rows"), ""),
            ("ucdp", "coverage: event with a side", sh("side", "rows"), cov("side", "rows"), ""),
            ("ucdp", "acting side in dyad", sh("side_ok", "side"), cov("side_ok", "side"), "(.85 on notes)"),
            ("ucdp", "coverage: geocoded event place", sh("place", "place_rows"), cov("place", "place_rows"), ""),
            ("ucdp", "event place within tolerance", sh("place_ok", "place"), cov("place_ok", "place"), ""),
            ("ucdp", "event place within tol., all rows", sh("place_ok", "place_rows"), cov("place_ok", "place_rows"),
             ""),
            ("ucdp", "coverage: geocoded row place", sh("geo", "place_rows"), cov("geo", "place_rows"), ""),
            ("ucdp", "row place within tolerance", sh("geo_ok", "geo"), cov("geo_ok", "geo"), ""),
            ("ucdp", "row place within tol., all rows", sh("geo_ok", "place_rows"), cov("geo_ok", "place_rows"),
             ">=0.85 (#13)"),
            ("ucdp", "any place within tol., all rows", sh("any_place_ok", "place_rows"),
             cov("any_place_ok", "place_rows"), ""),
            ("ucdp", "headline states a number", sh("toll_stated", "rows"), cov("toll_stated", "rows"), ""),
            ("ucdp", "coverage: count where toll stated", sh("count", "toll_rows"), cov("count", "toll_rows"), ""),
            ("ucdp", "death count in low..high", sh("count_ok", "count"), cov("count_ok", "count"), ""),
            ("ucdp", "death claims in range, all", toll_in_range, cov("count_ok", "toll_rows"), ">=0.70 (#12)"),
            ("ucdp", "coverage: claimant", sh("claimant", "rows"), cov("claimant", "rows"), ""),
            ("ucdp", "claimant in source_original", sh("claimant_ok", "claimant"), cov("claimant_ok", "claimant"),
             "")]


def wikipedia(misses: bool) -> list[Row]:
    """Recall of infobox commanders, units and combatants mentioned in the text; the battle's place."""
    from kg.eval.infobox import GROUPS, InfoboxTally, score_article
    from kg.extract import extract_all

    folder = DEV / "wikipedia"
    gold = {g["file"]: g for g in map(json.loads, (folder / "infobox_gold.jsonl").read_text("utf-8").splitlines())}
    arts = [a for a in articles(folder / "articles") if a.name in gold]
    tally = InfoboxTally()
    for art, rec in zip(arts, extract_all(arts)):
        score_article(rec, gold[art.name], art.text, tally)
    if misses:
        for file, group, name in tally.misses:
            print(f"wikipedia miss {group}: {name} ({file})")
    out: list[Row] = []
    for group in GROUPS:
        total, said, found, found_said = tally.groups[group]
        out.append(("wikipedia", f"{group} (mentioned in text)", tally.recall(group), f"{found_said}/{said}",
                    ">=0.95 (#13)"))
        out.append(("wikipedia", f"{group} (all infobox)", tally.recall(group, False), f"{found}/{total}", ""))
    n, found, geo, event = tally.place
    out += [("wikipedia", "battle place as entity", found / n if n else None, f"{found}/{n}", ""),
            ("wikipedia", "battle place geocoded", geo / n if n else None, f"{geo}/{n}", ""),
            ("wikipedia", "battle place of an event", event / n if n else None, f"{event}/{n}", "")]
    return out


def audit(path: Path | None) -> list[Row]:
    """Precision and reliability of the judgements file (stored fields; nothing is extracted)."""
    from kg.eval.audit import load_judgements, precision, reliability

    samples = [p for p in (ROOT / "bench" / "audit").glob("*.jsonl") if p.name.startswith(("baseline-", "fresh-"))]
    files = sorted(samples, key=lambda p: (p.stem.split("-", 1)[1], p.name.startswith("fresh-")))  # newest sample
    path = path or (files[-1] if files else None)
    if path is None:
        return []
    judged = load_judgements(path)
    print(f"audit: judgements of {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    figures = precision(judged)
    out: list[Row] = []
    for kind, target in (("event", ">=0.85 (#12)"), ("relation", ">=0.90 (#12)")):
        c = figures.get(kind)
        if c:
            out.append(("audit", f"{kind}s correct", c["correct"] / c["n"], str(c["n"]), target))
            out.append(("audit", f"{kind}s correct or partly", (c["correct"] + c["partly"]) / c["n"], str(c["n"]), ""))
    d = figures.get("dated event")
    if d:
        out.append(("audit", "dated events, wrong date", d["wrong date"] / d["n"], f"{d['wrong date']}/{d['n']}",
                    "<=0.05 (#12)"))
    bands = [(b, n, right) for b, n, right, _ in reliability(judged) if "-" in b and n >= MIN_BAND]
    worst = max(bands, key=lambda x: abs(x[2] - float(x[0].split("-")[0]) - 0.05), default=None)
    if worst:
        gap = abs(worst[2] - float(worst[0].split("-")[0]) - 0.05)
        out.append(("audit", f"reliability: worst gap (band {worst[0]})", gap, str(worst[1]), "<=0.10 (#12)"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=500, help="UCDP rows to sample (0: all 2,989)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the UCDP sample")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--judgements", type=Path, help="audit judgements (default: newest in bench/audit/)")
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    args = parser.parse_args()
    if not DEV.is_dir():
        raise SystemExit(f"dev sets not found at {DEV}")
    runs = {"readouts": lambda: readouts(args.misses), "ucdp": lambda: ucdp(args.limit, args.seed, args.misses),
            "wikipedia": lambda: wikipedia(args.misses), "audit": lambda: audit(args.judgements)}
    rows: list[Row] = []
    seconds: dict[str, float] = {}
    for name in args.only.split(","):
        t = time.perf_counter()
        rows += runs[name.strip()]()
        seconds[name] = time.perf_counter() - t
    print(f"{'set':<11}{'measure':<38}{'value':>7}{'n':>10}  {'target':<15}")
    for group, measure, value, n, target in rows:
        cell = "-" if value is None else f"{value:.3f}"
        print(f"{group:<11}{measure:<38}{cell:>7}{n:>10}  {target:<15}")
    print("seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in seconds.items()) + f"  ({machine()})")


if __name__ == "__main__":
    main()
