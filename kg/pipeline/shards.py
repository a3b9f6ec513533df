"""Sharded extraction to N-Quads and bulk loading, so extraction can run under any batch engine.

``kg extract --format nquads --shard K/N`` writes the RDF of every N-th article (one stream per shard), each
article's graph followed by its entity descriptions; ``kg load`` stores such streams article by article with the
same atomic replace as ``kg ingest``, so the store ends up the same.

>>> parse_shard("2/4")
(1, 4)
>>> [a for a in take_shard(range(10), (1, 4))]
[1, 5, 9]
>>> parse_shard("5/4")
Traceback (most recent call last):
...
kg.errors.KgError: shard must be K/N with 1 <= K <= N, not '5/4'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TypeVar

import pyoxigraph as ox

from kg.errors import KgError, StoreError
from kg.pipeline.ingest import IngestResult
from kg.pipeline.parallel import batched, extract_batches
from kg.rdf.build import ArticleRDF, build_article
from kg.rdf.iris import ENTITIES, term

T = TypeVar("T")
_FILE_NAME = term("fileName")
_CONTENT_HASH = term("contentHash")


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` (1-based) as a 0-based ``(index, count)`` pair."""
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise KgError(f"shard must be K/N with 1 <= K <= N, not '{text}'")
    return k - 1, n


def take_shard(items: Iterable[T], shard: tuple[int, int]) -> Iterator[T]:
    """Every item whose position is ``index`` modulo ``count``."""
    index, count = shard
    return (item for i, item in enumerate(items) if i % count == index)


def write_nquads(articles: Iterable, out: IO[bytes], jobs: int = 1, batch_size: int = 16) -> int:
    """Extract ``articles`` and write each one's quads, then its entity quads, to ``out``; returns the count."""
    written = 0
    for batch, records in extract_batches(batched(articles, batch_size), jobs):
        for article, record in zip(batch, records):
            rdf = build_article(record, article.content_hash)
            out.write(ox.serialize([*rdf.quads, *rdf.entity_quads], format=ox.RdfFormat.N_QUADS))
            written += 1
    return written


def load_nquads(store, paths: Iterable[str | Path]) -> Iterator:
    """Store the articles of N-Quads files written by :func:`write_nquads` (or ``kg export``), one update each."""
    for path in map(Path, paths):
        if not path.is_file():
            raise StoreError(f"{path}: no such file")
        graph, quads, entities = None, [], []
        done: set = set()
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                if quad.graph_name == ENTITIES:
                    entities.append(quad)
                    continue
                if quad.graph_name != graph:
                    if graph is not None:
                        name, status = _put(store, path, graph, quads, entities)
                        yield IngestResult(name, status)
                        done.add(graph)
                    if quad.graph_name in done:
                        raise StoreError(f"{path}: the quads of graph {quad.graph_name} are not together")
                    graph, quads = quad.graph_name, []
                quads.append(quad)
        except SyntaxError as exc:
            raise StoreError(f"{path}: not N-Quads: {str(exc).splitlines()[0]}") from None
        if graph is not None:
            name, status = _put(store, path, graph, quads, entities)
            yield IngestResult(name, status)
        if entities:
            store.add_quads(entities)


def _put(store, path: Path, graph, quads: list, entities: list) -> tuple[str, str]:
    """Store one article graph with the entity quads read so far (kept for later if it was unchanged)."""
    about = {q.predicate: q.object.value for q in quads if q.subject == graph}
    if _FILE_NAME not in about or _CONTENT_HASH not in about:
        raise StoreError(f"{path}: graph {graph} is not a kg article (no kg:fileName / kg:contentHash)")
    rdf = ArticleRDF(graph, quads, list(entities), about[_FILE_NAME], about[_CONTENT_HASH])
    status = store.put_article(rdf)
    if status != "unchanged":
        entities.clear()
    return rdf.name, status


__all__ = ["parse_shard", "take_shard", "write_nquads", "load_nquads"]
