"""Articles -> store: extract each article, build its RDF and store it, one transaction per article.

Nothing is lost silently: every article ends as ``added``, ``replaced``, ``unchanged`` or ``skipped`` (with
the reason), and notes say what was dropped (an impossible date) or merged (the same text under two names).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import KgError

STATUSES = ("added", "replaced", "unchanged", "skipped")


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


def _records(batch: list) -> Iterator[dict | Exception]:
    """Extraction records of a batch; if the batch fails, each article alone, so one bad text costs only itself."""
    from kg.extract import extract_all

    try:
        yield from list(extract_all(batch, batch_size=len(batch)))
        return
    except Exception:  # noqa: BLE001 - an extraction bug must not sink the whole batch
        pass
    for article in batch:
        try:
            yield next(extract_all([article]))
        except Exception as exc:  # noqa: BLE001
            yield exc


def _same_text_names(store, graph, name: str) -> list[str]:
    rows = store.query("SELECT ?g ?n WHERE { GRAPH ?g { ?g kg:fileName ?n } }", {"g": graph})
    return sorted(r["n"].value for r in rows if r["n"].value != name)


def ingest(store, items: Iterable, batch_size: int = 16) -> Iterator[IngestResult]:
    """Store every article of ``items`` (articles or the errors met while reading them), its entities
    resolved against those already stored (:mod:`kg.resolve`, index loaded once per run)."""
    from kg.build import article_iri, build_article, entity_iri, entity_names
    from kg.resolve import EntityIndex

    batch: list = []
    seen: dict[str, str] = {}
    index: list[EntityIndex] = []

    def flush() -> Iterator[IngestResult]:
        if not batch:
            return
        for article, record in zip(batch, _records(batch)):
            if isinstance(record, Exception):
                reason = f"extraction failed ({type(record).__name__}: {record}); please report this article"
                yield IngestResult(article.name, "skipped", f"{article.name}: {reason}")
                continue
            index[:] = index or [EntityIndex.load(store)]
            record = index[0].resolve(record, entity_iri)
            others = _same_text_names(store, article_iri(article.content_hash), article.name)
            rdf = build_article(record, article.content_hash)
            status = store.put_article(rdf)
            index[0].learn(record, entity_iri, entity_names)
            notes = article.notes
            if others:
                notes += (f"{article.name}: same text as {', '.join(others)}; one graph records every name",)
            yield IngestResult(article.name, status, "", len(record["events"]), len(record["relations"]), notes)
        batch.clear()

    for item in items:
        if isinstance(item, KgError):
            yield IngestResult(str(item).split(":")[0], "skipped", str(item))
            continue
        if seen.setdefault(item.name, item.content_hash) != item.content_hash:
            yield IngestResult(item.name, "skipped", f"{item.name}: another article of this run has the same "
                                                     "name and different text; rename one (the first was kept)")
            continue
        if store.is_current(item.name, item.content_hash) or any(a.name == item.name for a in batch):
            yield IngestResult(item.name, "unchanged", notes=item.notes)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()
