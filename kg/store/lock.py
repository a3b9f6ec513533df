"""One writer per store: an exclusive ``flock`` on ``STORE/kg-write.lock``, released even when the writer is killed.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with write_lock(folder):
...     with write_lock(folder) as again:  # doctest: +ELLIPSIS
...         pass
Traceback (most recent call last):
...
kg.errors.StoreBusy: store ... is being written by another kg process (pid ...); wait for it to finish or pass --wait SECONDS
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import StoreBusy, StoreError

LOCK_FILE = "kg-write.lock"
POLL = 0.1


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
    except OSError:
        return "unknown"


@contextmanager
def write_lock(location: str | Path, wait: float = 0.0, create: bool = True) -> Iterator[None]:
    """Hold the store's writer lock, waiting up to ``wait`` seconds for another writer to finish."""
    folder = Path(location)
    if not create and not folder.is_dir():
        raise StoreError(f"no store at {folder} (run `kg ingest` first)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot lock store {folder}: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"store {folder} is being written by another kg process (pid {_holder(fd)}); "
                                     "wait for it to finish or pass --wait SECONDS") from None
                time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def writer_active(location: str | Path) -> bool:
    """Whether a kg process holds the store's writer lock now (a probe: the answer may change right after)."""
    try:
        fd = os.open(Path(location) / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


__all__ = ["LOCK_FILE", "writer_active", "write_lock"]
