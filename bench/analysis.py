"""`kg central` and `kg communities` on a big store, whole commands as a user runs them, and `kg validate`.

Baseline in the same run: the same measures computed by networkx instead of igraph, in one process on the same
collapsed graph (`engine="networkx"`), against `engine="igraph"`; whether the two agree on the top 10.
Usage: python bench/analysis.py [--quads 1000000 | --store DIR] [--runs 3] [--validate]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import build_store, machine, table, timed


def command(argv: list[str]) -> float:
    """Wall time of one command, in seconds (it must succeed)."""
    t = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def commands(kg: str, store: Path, runs: int, validate: bool) -> list[list]:
    """First run (projects and keeps the views) and the median of the next ``runs`` of each command."""
    rows = []
    for argv in (["central", "--top", "10"], ["communities"]):
        first = command([kg, *argv, "--store", str(store)])
        again = statistics.median(command([kg, *argv, "--store", str(store)]) for _ in range(runs))
        rows.append([f"kg {' '.join(argv)}", f"{first:.1f}", f"{again:.2f}"])
    if validate:
        rows.append(["kg validate", f"{command([kg, 'validate', '--store', str(store)]):.0f}", "-"])
    return rows


def engines(store: Path) -> tuple[list[list], Any]:
    """networkx against igraph on the kept collapsed graph: seconds, ratio, and the agreement of the top 10."""
    from kg.store.local import Store
    from kg.views.analysis import centrality, communities
    from kg.views.kept import kept_collapsed

    with Store(store, create=False) as opened:
        graph = kept_collapsed(opened)
    rows = []
    nx_s, by_nx = timed(centrality, graph, top=10, kinds=None, engine="networkx")
    ig_s, by_ig = timed(centrality, graph, top=10, kinds=None, engine="igraph")
    same = [r.node for r in by_nx] == [r.node for r in by_ig]
    rows.append(["centrality (pagerank, betweenness, eigenvector)", f"{nx_s:.1f}", f"{ig_s:.2f}", f"{nx_s / ig_s:.0f}",
                 "same top 10" if same else "top 10 differs"])
    nx_s, by_nx = timed(communities, graph, engine="networkx")
    ig_s, by_ig = timed(communities, graph, engine="igraph")
    sizes = f"{len(by_nx)} / {len(by_ig)} communities, largest {by_nx[0].size} / {by_ig[0].size}"
    rows.append(["communities (Louvain)", f"{nx_s:.1f}", f"{ig_s:.2f}", f"{nx_s / ig_s:.0f}", sizes])
    return rows, graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="Use this store (built by bench/common.build_store) instead.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validate", action="store_true", help="Also time kg validate (about 20 min on 1M quads).")
    args = parser.parse_args()
    kg = str(Path(sys.executable).parent / "kg")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            build_store(store, args.quads)
        rows = commands(kg, store, args.runs, args.validate)
        compared, graph = engines(store)
    print(f"# store {store}: collapsed entities view of {graph.number_of_nodes():,} entities, "
          f"{graph.number_of_edges():,} linked pairs")
    print(f"# machine: {machine()}")
    print(table(["command", "first run s", f"next runs s (median of {args.runs})"], rows))
    print()
    print(table(["computation", "networkx s (baseline)", "igraph s", "ratio", "results"], compared))


if __name__ == "__main__":
    main()
