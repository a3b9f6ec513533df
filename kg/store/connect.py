"""Open a store by its location: a folder (:class:`~kg.store.local.Store`) or an ``http(s)://`` SPARQL endpoint
(:class:`~kg.store.remote.RemoteStore`).

A folder store is opened one of two ways. A writer (under :func:`writer_lock`) opens the database itself; a reader
opens the latest snapshot the writers published (:mod:`kg.store.snapshot`), so it never waits for an ingest and
never sees half an article.

>>> is_remote("http://127.0.0.1:7878"), is_remote("kg-store")
(True, False)
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from kg.errors import StoreBusy, StoreError
from kg.store import snapshot as snapshots
from kg.store.local import Store, default_location
from kg.store.lock import write_lock, writer_active
from kg.store.remote import RemoteStore, is_remote

START_WAIT = 30.0  # how long a reader waits for a starting writer to publish the first snapshot of a store


def open_store(location: str | Path | None = None, *, create: bool = True, write: bool = True) -> Store:
    """The store at ``location`` (``$KG_STORE`` or ``./kg-store`` when None): for writing (the caller holds
    :func:`writer_lock`), or with ``write=False`` its latest published snapshot, for reading."""
    location = location or default_location()
    if is_remote(location):
        return RemoteStore(location, create=create)
    if not write:
        return open_reader(location)
    store = Store(location, create=create)
    try:
        store.publish_if_behind()
    except StoreError:
        store.close()
        raise
    return store


def open_reader(location: str | Path, *, wait: float = START_WAIT) -> Store:
    """The latest published snapshot of the folder store at ``location``, held until the store is closed."""
    held, active = hold_latest(location, wait=wait)
    return Store(location, snapshot=held, writer_active=active)


def hold_latest(location: str | Path, *, wait: float = START_WAIT) -> tuple[snapshots.Held, bool]:
    """The latest published snapshot of a folder store, held (see :mod:`kg.store.snapshot`), and whether a writer
    was at work when it was taken.

    When no writer runs and the snapshot is missing or behind (a store written by an older kg or by a killed
    writer), publish one first; while a writer runs, take the snapshot it published last."""
    folder = Path(location)
    if not folder.exists():
        raise StoreError(f"no store at {folder} (run `kg ingest` first)")
    if not folder.is_dir():
        raise StoreError(f"store location {folder} is not a directory")
    root = snapshots.folder(folder)
    deadline = time.monotonic() + wait
    while True:
        active = writer_active(folder)
        name = snapshots.latest(root)
        if not active and (name is None or snapshots.pending(root)) and _catch_up(folder):
            continue
        held = snapshots.hold(root, name) if name else None
        if held is not None:
            return held, active
        if time.monotonic() > deadline:
            raise StoreError(f"store {folder} has no snapshot to read yet (a writer is starting); try again")
        time.sleep(0.02)


def _catch_up(folder: Path) -> bool:
    """Publish the store's writes for readers, unless a writer took the lock meanwhile (False)."""
    try:
        with write_lock(folder, 0.0, create=False), Store(folder) as store:
            store.publish(force=True)
    except StoreBusy:
        return False
    return True


def writer_lock(location: str | Path, wait: float = 0.0, create: bool = True) -> AbstractContextManager:
    """The single-writer lock of a folder store; a SPARQL endpoint orders its writers itself."""
    return nullcontext() if is_remote(location) else write_lock(location, wait, create=create)


__all__ = ["hold_latest", "is_remote", "open_reader", "open_store", "writer_lock"]
