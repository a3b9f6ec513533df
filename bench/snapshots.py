"""What published snapshots cost (kg.store.snapshot; run on demand).

1. Publishing one snapshot of a big store: median wall time over several publishes, and the disk it takes (bytes
   of files the snapshot does not share with the store through hard links), right after the store was built and
   after a write (when the checkpoint flushes new files).
2. Ingest throughput with snapshots against without, in one run: the same `kg ingest` of BBC articles into a copy of
   the big store, publishing only at the end (`--publish-every 1e9`, the baseline), at the default (every second)
   and after every batch (`--publish-every 0`); ratio to the baseline.
Usage: python bench/snapshots.py [--quads 1000000] [--articles 300] [--jobs 2] [--store DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import build_store, machine, table, timed, write_corpus

KG = str(Path(sys.executable).with_name("kg"))
VARIANTS = (("only at the end (baseline)", "1e9"), ("every second (default)", "1"), ("every batch", "0"))


def own_bytes(snapshot: Path, store: Path) -> tuple[int, int]:
    """(bytes not shared with the store, all bytes) of the files in ``snapshot``."""
    shared = {os.stat(p).st_ino for p in store.iterdir() if p.is_file()}
    files = [p for p in snapshot.iterdir() if p.is_file()]
    return sum(p.stat().st_size for p in files if p.stat().st_ino not in shared), sum(p.stat().st_size for p in files)


def publish_cost(location: Path, rounds: int = 5) -> list[list[str]]:
    """Rows of publish time and disk, on the store as built and after a one-triple write."""
    from kg.store.local import Store
    from kg.store.snapshot import publish

    rows = []
    with Store(location) as store:
        for label, write in (("store as built", False), ("after a one-triple write", True)):
            times, disk = [], (0, 0)
            for i in range(rounds):
                if write:
                    store.update(f"INSERT DATA {{ GRAPH <urn:bench:g> {{ <urn:bench:s> <urn:bench:p> {i} }} }}")
                t = time.perf_counter()
                path = publish(store)
                times.append(time.perf_counter() - t)
                disk = own_bytes(path, location)
            rows.append([label, f"{statistics.median(times) * 1000:.0f}", f"{disk[0] / 2**20:.1f}",
                         f"{disk[1] / 2**20:.0f}"])
    return rows


def ingest(store: Path, data: Path, every: str, jobs: int) -> float:
    """Wall seconds of one `kg ingest` (which must succeed)."""
    t = time.perf_counter()
    done = subprocess.run([KG, "ingest", str(data), "--store", str(store), "--jobs", str(jobs), "--publish-every",
                           every], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"kg ingest failed: {done.stderr.strip()[-800:]}")
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--store", type=Path, help="An existing big store to copy instead of building one.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big"
        if args.store:
            shutil.copytree(args.store, big)
            quads = None
        else:
            took, (quads, _) = timed(build_store, big, args.quads)
            print(f"# built a store of {quads} quads in {took:.0f} s", file=sys.stderr)
        cost = publish_cost(big)
        data = write_corpus(args.articles, tmp / "corpus.jsonl")
        walls: dict[str, list[float]] = {label: [] for label, _ in VARIANTS}
        for _ in range(2):  # two rounds, variants interleaved, medians kept: the machine drifts
            for label, every in VARIANTS:
                target = tmp / "target"
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(big, target)
                walls[label].append(ingest(target, data, every, args.jobs))
        if quads is None:
            from kg.store.local import Store

            with Store(big) as store:
                quads = len(store)
    print(f"# snapshots: a store of {quads} quads; machine: {machine()}")
    print(table(["publish", "median ms", "own disk MiB", "apparent MiB"], cost))
    base = statistics.median(walls[VARIANTS[0][0]])
    print(f"# kg ingest of {args.articles} BBC articles into a copy of that store, --jobs {args.jobs}, batch 16")
    print(table(["snapshots published", "wall s (median of 2)", "articles/s", "ratio to baseline"],
                [[label, f"{statistics.median(w):.1f}", f"{args.articles / statistics.median(w):.1f}",
                  f"{statistics.median(w) / base:.2f}"] for label, w in walls.items()]))


if __name__ == "__main__":
    main()
