"""Export throughput of a big store (TriG, N-Quads) and start-up time of ``kg --help`` and ``kg query``.

Baselines in the same run: Oxigraph's own N-Quads dump of the same store, and a bare ``python -c pass``.
Usage: python bench/export.py [--quads 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import build_store, machine, table, timed


def startup(argv: list[str], runs: int) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import pyoxigraph as ox

    from kg.rdf.serialize import export
    from kg.store.local import Store

    kg = str(Path(sys.executable).parent / "kg")
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "store"
        _, (quads, _) = timed(build_store, location, args.quads)
        with Store(location, create=False) as store:
            base, data = timed(lambda: ox.serialize(store._store, format=ox.RdfFormat.N_QUADS))
            rows = [["Oxigraph N-Quads dump (baseline)", f"{base:.1f}", f"{quads / base / 1000:.0f}",
                     f"{len(data) / base / 2**20:.0f}", "1.00"]]
            for fmt in ("nquads", "trig"):
                seconds, data = timed(export, store, fmt)
                rows.append([f"kg export --format {fmt}", f"{seconds:.1f}", f"{quads / seconds / 1000:.0f}",
                             f"{len(data) / seconds / 2**20:.0f}", f"{seconds / base:.2f}"])
        python = startup([sys.executable, "-c", "pass"], args.runs)
        start = [["python -c pass (baseline)", f"{python * 1000:.0f}", "1.0"]]
        for argv in (["--help"], ["query", "about", "--param", "entity=Vladimir Putin", "--store", str(location)], ["queries"]):
            seconds = startup([kg, *argv], args.runs)
            start.append([f"kg {' '.join(argv[:2])}", f"{seconds * 1000:.0f}", f"{seconds / python:.1f}"])
    print(f"# export: store of {quads} quads; start-up: median of {args.runs} runs")
    print(f"# machine: {machine()}")
    print(table(["export", "s", "k quads/s", "MiB/s", "ratio to baseline"], rows))
    print()
    print(table(["command", "ms", "ratio to bare python"], start))


if __name__ == "__main__":
    main()
