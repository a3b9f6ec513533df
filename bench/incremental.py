"""Adding, replacing and removing one article in a big store against the same in an empty store (run on demand).

Each operation is the whole command as a user runs it (`kg ingest FILE`, `kg ingest FILE` after the file
changed, `kg remove NAME`), timed as a process, for several BBC articles in turn; the median per operation and
target, and the ratio big / empty, all from one run. The empty target holds only the article being worked on.
Usage: python bench/incremental.py [--quads 1000000] [--articles 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import build_store, corpus, machine, table, timed

KG = str(Path(sys.executable).with_name("kg"))
OPERATIONS = ("add", "replace", "remove")


def command(*args: str) -> float:
    """Wall seconds of one kg command (which must succeed)."""
    t = time.perf_counter()
    done = subprocess.run([KG, *args], capture_output=True, text=True)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {done.stderr.strip()}")
    return took


def cycle(store: Path, folder: Path, article) -> dict[str, float]:
    """Add an article, replace it with a changed text, remove it: the store ends as it began."""
    path = folder / article.name
    path.write_text(article.text, encoding="utf-8")
    times = {"add": command("ingest", str(path), "--store", str(store))}
    path.write_text(article.text + "\n\nValery Gerasimov visited Kupiansk on Monday.\n", encoding="utf-8")
    times["replace"] = command("ingest", str(path), "--store", str(store))
    times["remove"] = command("remove", article.name, "--store", str(store))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=5)
    args = parser.parse_args()
    articles = [a for a in corpus(args.articles)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        took, (quads, _) = timed(build_store, tmp / "big", args.quads)
        print(f"# built a store of {quads} quads in {took:.0f} s", file=sys.stderr)
        (tmp / "in").mkdir()
        results: dict[str, dict[str, list[float]]] = {}
        for label, store in (("empty store", tmp / "empty"), (f"store of {quads} quads", tmp / "big")):
            results[label] = {op: [] for op in OPERATIONS}
            for article in articles:
                for op, seconds in cycle(store, tmp / "in", article).items():
                    results[label][op].append(seconds)
    rows = [[label, *(f"{statistics.median(times[op]) * 1000:.0f}" for op in OPERATIONS)]
            for label, times in results.items()]
    empty, big = results.values()
    rows.append(["ratio big / empty", *(f"{statistics.median(big[op]) / statistics.median(empty[op]):.2f}"
                                        for op in OPERATIONS)])
    print(f"# incremental: whole commands, median over {args.articles} BBC articles, each added, replaced, removed")
    print(f"# machine: {machine()}")
    print(table(["target", "kg ingest (add) ms", "kg ingest (replace) ms", "kg remove ms"], rows))


if __name__ == "__main__":
    main()
