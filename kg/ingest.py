"""Articles -> store: extract each article, build its RDF and store it, one transaction per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import KgError


@dataclass(frozen=True)
class IngestResult:
    """What happened to one article: ``added``, ``replaced``, ``unchanged`` or ``error``."""

    name: str
    status: str
    message: str = ""
    events: int = 0
    relations: int = 0


def ingest(store, items: Iterable, batch_size: int = 16) -> Iterator[IngestResult]:
    """Store every article of ``items`` (articles or the errors met while reading them), its entities
    resolved against those already stored (:mod:`kg.resolve`, index loaded once per run)."""
    from kg.build import build_article, entity_iri, entity_names
    from kg.extract import extract_all
    from kg.resolve import EntityIndex

    batch: list = []
    index: list[EntityIndex] = []

    def flush() -> Iterator[IngestResult]:
        for article, record in zip(batch, extract_all(batch, batch_size=batch_size)):
            index[:] = index or [EntityIndex.load(store)]
            record = index[0].resolve(record, entity_iri)
            rdf = build_article(record, article.content_hash)
            status = store.put_article(rdf)
            index[0].learn(record, entity_iri, entity_names)
            yield IngestResult(article.name, status, "", len(record["events"]), len(record["relations"]))
        batch.clear()

    for item in items:
        if isinstance(item, KgError):
            yield IngestResult(str(item).split(":")[0], "error", str(item))
            continue
        if store.is_current(item.name, item.content_hash):
            yield IngestResult(item.name, "unchanged")
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()
