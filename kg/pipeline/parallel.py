"""Extraction in batches over worker processes, results in input order, a bounded number of batches in flight.

With ``jobs=1`` it runs in this process. Workers load the spaCy pipeline once each; the caller keeps the store.

>>> [len(records) for _, records in extract_batches(iter([]), jobs=2)]
[]
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator

from kg.extract import extract_all
from kg.extract.gazetteer import load_gazetteer
from kg.extract.pipeline import load_pipeline

IN_FLIGHT_PER_JOB = 2


def records_of(batch: list) -> Iterator[dict | Exception]:
    """Extraction records of a batch; if the batch fails, each article alone, so one bad text costs only itself."""
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


def _extract(batch: list) -> list:
    return list(records_of(batch))


def _warm() -> None:
    load_pipeline()
    load_gazetteer()


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last one shorter), read lazily.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_batches(batches: Iterable[list], jobs: int = 1) -> Iterator[tuple[list, list[dict]]]:
    """Yield ``(batch, records)`` for each batch of articles, extracting on ``jobs`` processes."""
    if jobs <= 1:
        for batch in batches:
            yield batch, _extract(batch)
        return
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    pending: deque = deque()
    with context.Pool(jobs, initializer=_warm) as pool:
        for batch in batches:
            pending.append((batch, pool.apply_async(_extract, (batch,))))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()


__all__ = ["batched", "extract_batches"]
