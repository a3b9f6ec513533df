"""Every saved query on a generated store of the real shape: p50/p95 on Oxigraph (disk) against rdflib in memory.

The store holds generated articles (one named graph each, with relation statements, events and claims) and one
entities graph, built by kg's own RDF builder. Parameters are the queries' own examples.
Usage: python bench/query.py [--quads 1000000] [--runs 20] [--rdflib-runs 3] [--no-rdflib]
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
import warnings
from pathlib import Path

from common import build_store, machine, p50_p95, table, timed


def examples() -> list[tuple[str, dict]]:
    """(query name, parameters) of every saved query's first example."""
    from kg.queries import list_queries

    out = []
    for q in list_queries():
        args = shlex.split(q.examples[0].removeprefix("kg query ")) if q.examples else [q.name]
        params = dict(args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "--param")
        out.append((q.name, params))
    return out


def rdflib_dataset(store):
    """The store's quads in rdflib's in-memory Dataset, default graph = union of the named graphs."""
    import pyoxigraph as ox
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(data=ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


def rdflib_query(dataset, text: str, terms: dict) -> int:
    """Run one query on rdflib with the same bound terms; returns the row count."""
    from rdflib import Literal, URIRef

    from kg.store import with_prefixes

    def convert(t):
        if hasattr(t, "datatype"):
            return Literal(t.value, datatype=URIRef(t.datatype.value), lang=t.language) if not t.language \
                else Literal(t.value, lang=t.language)
        return URIRef(t.value)

    bound = {k: convert(v) for k, v in terms.items()}
    return len(list(dataset.query(with_prefixes(text), initBindings=bound)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true", help="Skip the rdflib baseline (it needs ~3 GB at 1M).")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from kg.queries import bindings, load_query
    from kg.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        build_s, (quads, articles) = timed(build_store, Path(tmp) / "store", args.quads)
        print(f"built {quads} quads in {build_s:.0f} s", file=sys.stderr, flush=True)
        store = Store(Path(tmp) / "store", create=False)
        dataset = None
        if not args.no_rdflib:
            load_s, dataset = timed(rdflib_dataset, store)
        rows = []
        for name, params in examples():
            query = load_query(name)
            terms = bindings(store, query, params)
            count = len(store.query(query.text, terms))
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                store.query(query.text, terms)
                times.append(time.perf_counter() - t)
                if len(times) >= 3 and sum(times) > 30:
                    break
            p50, p95 = p50_p95(times)
            row = [name, count, f"{p50 * 1000:.1f}", f"{p95 * 1000:.1f}"]
            if dataset is not None:
                rtimes = []
                try:
                    for _ in range(args.rdflib_runs):
                        t = time.perf_counter()
                        rdflib_query(dataset, query.text, terms)
                        rtimes.append(time.perf_counter() - t)
                        if sum(rtimes) > 120:
                            break
                except Exception as exc:  # rdflib's engine fails on some valid queries; report, go on
                    row += [f"fails ({type(exc).__name__})", "-"]
                else:
                    r50, _ = p50_p95(rtimes)
                    row += [f"{r50 * 1000:.0f}", f"{r50 / p50:.0f}x"]
            rows.append(row)
            print(" ".join(map(str, row)), file=sys.stderr, flush=True)
    print(f"# query: generated store of {quads} quads, {articles} articles (+ entities graph), built in {build_s:.0f} s;"
          f" up to {args.runs} runs each (at least 3, stopping after 30 s)" + ("" if dataset is None else f"; rdflib in-memory load {load_s:.0f} s"))
    print(f"# machine: {machine()}")
    headers = ["query", "rows", "p50 ms", "p95 ms"] + ([] if dataset is None else ["rdflib p50 ms", "rdflib / oxigraph"])
    print(table(headers, rows))
    slow = [r[0] for r in rows if float(r[2]) > 100]
    print(f"# p50 target (<= 100 ms): {'met by every query' if not slow else 'over: ' + ', '.join(slow)}")


if __name__ == "__main__":
    main()
