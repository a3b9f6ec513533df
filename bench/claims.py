"""Claim queries on a generated store: contested places, claims by source and corroboration, timed against
the plain events listing of the same store (the baseline), so the figures are ratios that travel between machines.

    .venv/bin/python bench/claims.py --articles 2000
"""

import argparse
import hashlib
import random
import tempfile
import time
from pathlib import Path

from kg.rdf.build import build_article
from kg.views.claims import contested, corroboration
from kg.views.queries import run_query
from kg.store.local import Store

SIDES = ("Russia", "Ukraine")
TYPES = ("Capture", "Offensive", "Withdrawal", "Encirclement", "Attack", "Clash")
SPEAKERS = ("Ministry A", "Ministry B", "General C", "Spokesman D", "Monitor E")


def record(n: int, rng: random.Random, places: int) -> dict:
    """A made-up article: a few events at random places by random sides, some denied, some relations."""
    towns = [f"Town {rng.randrange(places)}" for _ in range(3)]
    entities = [{"label": t, "type": "Place", "class": "Settlement"} for t in towns]
    entities += [{"label": s, "type": "Country"} for s in SIDES]
    entities += [{"label": s, "type": "Organization"} for s in SPEAKERS]
    events = [{"type": rng.choice(TYPES), "place": rng.choice(towns), "agents": [rng.choice(SIDES)],
               "claimedBy": rng.sample(SPEAKERS, rng.randrange(2)), "evidence": "Something happened there.",
               "polarity": rng.choice(("asserted", "asserted", "hedged", "denied")),
               "confidence": round(rng.uniform(0.4, 0.9), 2)} for _ in range(4)]
    relations = [{"subject": rng.choice(SPEAKERS), "predicate": "operatesNear", "object": rng.choice(towns),
                  "evidence": "Nearby.", "confidence": round(rng.uniform(0.4, 0.9), 2)}]
    return {"article": f"gen-{n}.txt", "date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "source": f"Outlet {n % 7}",
            "entities": entities, "relations": relations, "events": events}


def timed(fn, repeat: int = 3) -> float:
    """Best of ``repeat`` wall-clock runs of ``fn()``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Build the store, then print each query's time and its ratio to the events listing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--places", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "kg") as store:
        start = time.perf_counter()
        for n in range(args.articles):
            store.put_article(build_article(record(n, rng, args.places), hashlib.sha256(str(n).encode()).hexdigest()))
        print(f"{args.articles} articles, {len(store)} quads, built in {time.perf_counter() - start:.1f} s")
        base = timed(lambda: run_query(store, "events"))
        cases = {
            "contested (all places)": lambda: contested(store),
            "contested (one place)": lambda: contested(store, "Town 1"),
            "contested (min_confidence 0.7)": lambda: contested(store, min_confidence=0.7),
            "claims-by-source (one source)": lambda: run_query(store, "claims-by-source", {"source": "General C"}),
            "claims-by-source (all)": lambda: run_query(store, "claims-by-source"),
            "corroboration (all)": lambda: corroboration(store),
        }
        print(f"{'baseline: events listing':<34}{base:>8.3f} s   1.00x")
        for name, fn in cases.items():
            took = timed(fn)
            print(f"{name:<34}{took:>8.3f} s {took / base:>6.2f}x")


if __name__ == "__main__":
    main()
