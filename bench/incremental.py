"""Adding one article to a big store against adding it to an empty store (run on demand, prints figures).

Each added article goes through kg's ingest (extraction, resolution, RDF, atomic write); the store part
(``is_current`` + ``put_article``) is also timed alone, since extraction costs the same in both stores.
Usage: python bench/incremental.py [--quads 1000000] [--articles 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import build_store, corpus, machine, table, timed


def add_each(store, articles: list) -> tuple[list[float], list[float]]:
    """Per article: wall time of a whole ingest, and of the store calls alone (on a second copy of it)."""
    from kg.rdf.build import build_article
    from kg.extract import extract
    from kg.pipeline.ingest import ingest

    whole, write = [], []
    for article in articles:
        t = time.perf_counter()
        list(ingest(store, [article]))
        whole.append(time.perf_counter() - t)
        record = extract(article)
        rdf = build_article(dict(record, article="again-" + article.name), "0" * 48 + article.content_hash[:16])
        t = time.perf_counter()
        store.is_current(rdf.name, rdf.content_hash)
        store.put_article(rdf)
        write.append(time.perf_counter() - t)
    return whole, write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=5)
    args = parser.parse_args()
    from kg.extract import extract
    from kg.pipeline.resolve import EntityIndex
    from kg.store.local import Store

    sizes: dict[str, int] = {}
    articles = list(corpus(args.articles))
    extract(articles[0])  # loads the model and gazetteer before timing
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        _, (quads, _) = timed(build_store, Path(tmp) / "big", args.quads)
        results, loads = {}, {}
        for label, location in (("empty store", Path(tmp) / "empty"), (f"store of {quads} quads", Path(tmp) / "big")):
            with Store(location) as store:
                results[label] = add_each(store, articles)
                loads[label] = statistics.median(timed(EntityIndex.load, store)[0] for _ in range(3))
                sizes[label] = len(EntityIndex.load(store))
        (e_whole, e_write), (b_whole, b_write) = results.values()
        for label, (whole, write) in results.items():
            rows.append([label, f"{statistics.median(whole) * 1000:.0f}", f"{statistics.median(write) * 1000:.1f}",
                         f"{loads[label] * 1000:.0f} ({sizes[label]} entities)"])
        rows.append(["ratio big / empty", f"{statistics.median(b_whole) / statistics.median(e_whole):.2f}",
                     f"{statistics.median(b_write) / statistics.median(e_write):.2f}", "-"])
    print(f"# incremental: median over {args.articles} BBC articles added one by one")
    print(f"# machine: {machine()}")
    print(table(["target", "ingest one article ms", "store write alone ms", "resolution index load ms"], rows))


if __name__ == "__main__":
    main()
