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


def ingest(store, items: Iterable, batch_size: int = 16, jobs: int = 1) -> Iterator[IngestResult]:
    """Store every article of ``items`` (articles or the errors met while reading them), extracting on ``jobs`` processes."""
    from kg.build import build_article
    from kg.parallel import batched, extract_batches

    early: list[IngestResult] = []

    def pending() -> Iterator:
        for item in items:
            if isinstance(item, KgError):
                early.append(IngestResult(str(item).split(":")[0], "error", str(item)))
            elif store.is_current(item.name, item.content_hash):
                early.append(IngestResult(item.name, "unchanged"))
            else:
                yield item

    for batch, records in extract_batches(batched(pending(), batch_size), jobs):
        yield from early
        early.clear()
        for article, record in zip(batch, records):
            status = store.put_article(build_article(record, article.content_hash))
            yield IngestResult(article.name, status, "", len(record["events"]), len(record["relations"]))
    yield from early
