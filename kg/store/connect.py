"""Open a store by its location: a folder (:class:`~kg.store.local.Store`) or an ``http(s)://`` SPARQL endpoint
(:class:`~kg.store.remote.RemoteStore`).

>>> is_remote("http://127.0.0.1:7878"), is_remote("kg-store")
(True, False)
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from kg.store.local import Store, default_location
from kg.store.lock import write_lock
from kg.store.remote import RemoteStore, is_remote


def open_store(location: str | Path | None = None, *, create: bool = True) -> Store:
    """The store at ``location`` (``$KG_STORE`` or ``./kg-store`` when None)."""
    location = location or default_location()
    return RemoteStore(location, create=create) if is_remote(location) else Store(location, create=create)


def writer_lock(location: str | Path, wait: float = 0.0, create: bool = True) -> AbstractContextManager:
    """The single-writer lock of a folder store; a SPARQL endpoint orders its writers itself."""
    return nullcontext() if is_remote(location) else write_lock(location, wait, create=create)


__all__ = ["is_remote", "open_store", "writer_lock"]
