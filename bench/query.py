"""Every saved query on a generated store of the real shape: p50/p95 on Oxigraph (disk) against rdflib in memory.

The store holds generated articles (one named graph each, with relation statements, events and claims) and one
entities graph, built by kg's own RDF builder. Parameters are the queries' own examples.
With ``--page N`` each query is cut to its first page of N rows the way `kg query` shows it (LIMIT in the query,
:mod:`kg.views.pages`); ``--store DIR`` times an existing store instead of building one.
Usage: python bench/query.py [--quads 1000000] [--runs 20] [--rdflib-runs 3] [--rdflib-timeout 60] [--no-rdflib]
       [--page 100] [--store DIR]
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
    from kg.views.queries import list_queries

    out = []
    for q in list_queries():
        args = shlex.split(q.examples[0].removeprefix("kg query ")) if q.examples else [q.name]
        params = dict(args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "--param")
        out.append((q.name, params))
    return out


def time_query(store, text: str, terms: dict, runs: int) -> tuple[float, float]:
    """p50 and p95 seconds of up to ``runs`` runs (at least 3, stopping once they add up to 30 s)."""
    times: list[float] = []
    for _ in range(runs):
        t = time.perf_counter()
        store.query(text, terms)
        times.append(time.perf_counter() - t)
        if len(times) >= 3 and sum(times) > 30:
            break
    return p50_p95(times)


def typical(store, query, params: dict, rank: int = 50) -> dict | None:
    """The example's parameters with each entity replaced by a generated entity of the same class near ``rank``
    in popularity (in ~4% of the articles, where the examples' own entities head the Zipf ranking)."""
    import random

    from common import _entities
    from kg.views.queries import bindings
    from kg.rdf.vocab import ENTITIES_GRAPH

    pool = _entities(20000, random.Random(5))
    out = dict(params)
    for name, value in params.items():
        if query.param(name).kind != "entity":
            continue
        iri = bindings(store, query, {name: value})[name]
        cls = store.query(f"SELECT ?c WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ {iri} a ?c }} }}")[0]["c"].value
        label = next((e["label"] for e in pool[rank:] if cls.endswith("#" + e["class"])), None)
        if label is None:
            return None
        out[name] = label
    return out if out != params else None


def _rdflib_worker(nquads: str, conn) -> None:
    """Load the quads into rdflib's in-memory Dataset once, then answer (text, terms) requests with row counts."""
    import warnings

    from rdflib import Dataset, Literal, URIRef

    from kg.store.sparql import with_prefixes

    warnings.simplefilter("ignore")
    dataset = Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    conn.send("ready")
    while True:
        text, terms = conn.recv()
        bound = {k: Literal(v, datatype=URIRef(dt)) if dt else URIRef(v) for k, (v, dt) in terms.items()}
        try:
            t = time.perf_counter()
            rows = len(list(dataset.query(with_prefixes(text), initBindings=bound)))
            conn.send(("ok", time.perf_counter() - t, rows))
        except Exception as exc:  # rdflib's engine fails on some valid queries; report, go on
            conn.send(("fails", 0.0, type(exc).__name__))


class Rdflib:
    """rdflib in a worker process, so a query that runs too long can be stopped (the worker is then reloaded)."""

    def __init__(self, store, timeout: float) -> None:
        import pyoxigraph as ox

        self.nquads = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS).decode()
        self.timeout, self.process = timeout, None
        self.load_s = self._start()

    def _start(self) -> float:
        import multiprocessing

        t = time.perf_counter()
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("fork").Process(target=_rdflib_worker, args=(self.nquads, child),
                                                                   daemon=True)
        self.process.start()
        self.conn.recv()
        return time.perf_counter() - t

    def run(self, text: str, terms: dict) -> tuple[str, float]:
        """("ok", seconds), ("fails", 0) or ("timeout", limit) for one run."""
        plain = {k: (v.value, v.datatype.value if hasattr(v, "datatype") else None) for k, v in terms.items()}
        self.conn.send((text, plain))
        if not self.conn.poll(self.timeout):
            self.process.kill()
            self.process.join()
            self._start()
            return "timeout", self.timeout
        status, seconds, _ = self.conn.recv()
        return status, seconds

    def close(self) -> None:
        self.process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true", help="Skip the rdflib baseline (it needs ~3 GB at 1M).")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="Stop an rdflib run after this many s.")
    parser.add_argument("--page", type=int, help="Time only the first page of this many rows (as `kg query` shows).")
    parser.add_argument("--store", type=Path, help="Time this existing store instead of building one.")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from kg.store.local import Store
    from kg.views.pages import page_text
    from kg.views.queries import bindings, load_query

    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            build_s, store = 0.0, Store(args.store, create=False)
            quads, articles = len(store), store.stats()["articles"]
        else:
            build_s, (quads, articles) = timed(build_store, Path(tmp) / "store", args.quads)
            print(f"built {quads} quads in {build_s:.0f} s", file=sys.stderr, flush=True)
            store = Store(Path(tmp) / "store", create=False)
        rdflib = None if args.no_rdflib else Rdflib(store, args.rdflib_timeout)
        rows, typical_rows = [], []
        for name, params in examples():
            query = load_query(name)
            text = (page_text(query.text, args.page) if args.page else None) or query.text
            terms = bindings(store, query, params)
            count, (p50, p95) = len(store.query(text, terms)), time_query(store, text, terms, args.runs)
            anchored = "yes" if params and any(query.param(k).kind == "entity" for k in params) else "no"
            row = [name, anchored, count, f"{p50 * 1000:.1f}", f"{p95 * 1000:.1f}",
                   f"{p50 * 1e6 / max(count, 1):.0f}"]
            if rdflib is not None:
                runs = [rdflib.run(text, terms) for _ in range(args.rdflib_runs)]
                if runs[0][0] == "fails":
                    row += ["fails", "-"]
                elif runs[0][0] == "timeout":
                    row += [f"> {args.rdflib_timeout:.0f} s (stopped)", f"> {args.rdflib_timeout / p50:.0f}x"]
                else:
                    r50, _ = p50_p95([sec for status, sec in runs if status == "ok"])
                    row += [f"{r50 * 1000:.0f}", f"{r50 / p50:.0f}x"]
            rows.append(row)
            print(" ".join(map(str, row)), file=sys.stderr, flush=True)
            other = typical(store, query, params)
            if other is not None:
                terms = bindings(store, query, other)
                count, (p50, p95) = len(store.query(text, terms)), time_query(store, text, terms, args.runs)
                typical_rows.append([name, ", ".join(f"{k}={v}" for k, v in other.items()), count,
                                     f"{p50 * 1000:.1f}", f"{p95 * 1000:.1f}"])
        if rdflib is not None:
            load_s = rdflib.load_s
            rdflib.close()
    if args.page:
        print(f"# first page only: LIMIT {args.page} in each query, as `kg query` shows it")
    print(f"# query: generated store of {quads} quads, {articles} articles (+ entities graph), built in {build_s:.0f} s;"
          f" up to {args.runs} runs each (at least 3, stopping after 30 s)" + ("" if rdflib is None else
          f"; rdflib in-memory load {load_s:.0f} s, {args.rdflib_runs} runs, stopped after {args.rdflib_timeout:.0f} s"))
    print(f"# machine: {machine()}")
    headers = ["query", "anchored", "rows", "p50 ms", "p95 ms", "µs per row"] + \
        ([] if rdflib is None else ["rdflib p50 ms", "rdflib / oxigraph"])
    print(table(headers, rows))
    print("\n# anchored queries on a typical entity (popularity rank ~50 of its class) instead of the example's hub")
    print(table(["query", "parameters", "rows", "p50 ms", "p95 ms"], typical_rows))
    slow = [f"{r[0]} ({r[2]} rows)" for r in rows if float(r[3]) > 100]
    print(f"# p50 target (<= 100 ms): {'met by every query' if not slow else 'over: ' + ', '.join(slow)}")


if __name__ == "__main__":
    main()
