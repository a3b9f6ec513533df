"""Articles -> store: extract each article, build its RDF and store it, one transaction per article.

Nothing is lost silently: every article ends as ``added``, ``replaced``, ``unchanged`` or ``skipped`` (with
the reason), and notes say what was dropped (an impossible date) or merged (the same text under two names).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import KgError
from kg.pipeline.parallel import batched, extract_batches
from kg.pipeline.resolve import EntityIndex, load_index, save_index
from kg.rdf.build import build_article, entity_names
from kg.rdf.iris import article_iri, entity_iri

STATUSES = ("added", "replaced", "unchanged", "skipped")
PUBLISH_EVERY = 1.0  # seconds: readers see a new snapshot after the first batch committed once this has passed


@dataclass(frozen=True)
class IngestResult:
    """What happened to one article: ``added``, ``replaced``, ``unchanged`` or ``skipped`` (why in ``message``)."""

    name: str
    status: str
    message: str = ""
    events: int = 0
    relations: int = 0
    notes: tuple[str, ...] = ()


def summary(counts: dict[str, int]) -> str:
    """The closing line of an ingest run.

    >>> summary({"unchanged": 2, "added": 3, "skipped": 1})
    '3 added, 2 unchanged, 1 skipped'
    >>> summary({})
    'no articles'
    """
    return ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts.get(s)) or "no articles"


def ingest(store, items: Iterable, batch_size: int = 16, jobs: int = 1,
           publish_every: float = PUBLISH_EVERY) -> Iterator[IngestResult]:
    """Store every article of ``items`` (articles or the errors met while reading them), extracted on ``jobs``
    processes, its entities resolved against those already stored (:mod:`kg.pipeline.resolve`, index loaded once per run, kept
    beside the store for the next run by :mod:`kg.store.cache`); what each batch stored is published to readers
    (:mod:`kg.store.snapshot`) at most every ``publish_every`` seconds."""
    early: list[IngestResult] = []
    seen: dict[str, str] = {}
    queued: set[str] = set()
    index: list[EntityIndex] = []
    only_added = True  # a replaced article may take back names the index learned

    def pending() -> Iterator:
        for item in items:
            if isinstance(item, KgError):
                early.append(IngestResult(str(item).split(":")[0], "skipped", str(item)))
            elif seen.setdefault(item.name, item.content_hash) != item.content_hash:
                early.append(IngestResult(item.name, "skipped", f"{item.name}: another article of this run has the "
                                                                "same name and different text; rename one (the first was kept)"))
            elif item.name in queued or store.is_current(item.name, item.content_hash):
                early.append(IngestResult(item.name, "unchanged", notes=item.notes))
            else:
                queued.add(item.name)
                yield item

    for batch, records in extract_batches(batched(pending(), batch_size), jobs):
        yield from early
        early.clear()
        for article, record in zip(batch, records):
            if isinstance(record, Exception):
                reason = f"extraction failed ({type(record).__name__}: {record}); please report this article"
                yield IngestResult(article.name, "skipped", f"{article.name}: {reason}")
                continue
            index[:] = index or [load_index(store)]
            record = index[0].resolve(record, entity_iri)
            others = [n for n in store.file_names(article_iri(article.content_hash)) if n != article.name]
            rdf = build_article(record, article.content_hash)
            status = store.put_article(rdf)
            index[0].learn(record, entity_iri, entity_names)
            index[0].learn_quads(rdf.entity_quads)
            only_added = only_added and status == "added"
            notes = article.notes
            if others:
                notes += (f"{article.name}: same text as {', '.join(others)}; one graph records every name",)
            yield IngestResult(article.name, status, "", len(record["events"]), len(record["relations"]), notes)
        store.publish(publish_every)
    yield from early
    if index and only_added:
        save_index(store, index[0])
