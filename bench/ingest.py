"""Ingest wall time and peak RSS against a bare spaCy ``nlp.pipe`` over the same texts (run on demand).

Both passes use the same model and batch size; the baseline runs with ``n_process`` equal to ``--jobs``, so the
ratio is what kg adds on top of the NLP (resolution, geocoding, RDF building, store writes).
Usage: python bench/ingest.py [--n 10000] [--jobs 2] [--batch-size 16] [--single]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PeakRss, corpus, machine, table, write_corpus

BASELINE = """
import importlib, sys, time
sys.path.insert(0, {bench!r})
from common import corpus
from kg.extract.pipeline import model_name
nlp = importlib.import_module(model_name()).load()
t = time.perf_counter()
for _ in nlp.pipe((a.text for a in corpus({n})), batch_size={batch}, n_process={jobs}):
    pass
"""


def run(argv: list[str], label: str) -> tuple[float, float]:
    """Wall time and peak RSS (MiB, summed over worker processes) of one command."""
    t = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakRss(process.pid) as rss:
        _, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"{label} failed: {err.decode()[-800:]}")
    return time.perf_counter() - t, rss.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--single", action="store_true", help="Also time kg ingest --jobs 1.")
    args = parser.parse_args()
    kg = str(Path(sys.executable).parent / "kg")
    words = sum(len(a.text.split()) for a in corpus(args.n))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        data = write_corpus(args.n, Path(tmp) / "corpus.jsonl")
        code = BASELINE.format(bench=str(Path(__file__).parent), n=args.n, batch=args.batch_size, jobs=args.jobs)
        base, base_rss = run([sys.executable, "-c", code], "bare spaCy")
        rows.append([f"bare spaCy nlp.pipe (n_process={args.jobs})", base, base_rss, 1.0])
        for jobs in sorted({args.jobs} | ({1} if args.single else set())):
            wall, rss = run([kg, "ingest", str(data), "--jobs", str(jobs), "--store", f"{tmp}/store-{jobs}"], "kg ingest")
            rows.append([f"kg ingest --jobs {jobs}", wall, rss, wall / base])
    print(f"# ingest: {args.n} articles ({words} words) of bbc_news_2225 (repeated), batch {args.batch_size}")
    print(f"# machine: {machine()}")
    print(table(["pass", "wall s", "peak RSS MiB", "ratio to bare spaCy"],
                [[r[0], f"{r[1]:.1f}", f"{r[2]:.0f}", f"{r[3]:.2f}"] for r in rows]))
    print(f"# articles/s with --jobs {args.jobs}: {args.n / rows[-1][1]:.1f}")


if __name__ == "__main__":
    main()
