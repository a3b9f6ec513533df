"""Published snapshots: readers of a folder store never open the files a writer is changing.

A writer checkpoints the store into ``STORE/kg-snapshots/NAME/`` (RocksDB hard links, a few milliseconds) after the
batches it commits and when it closes, then points ``kg-snapshots/LATEST`` at it with an atomic rename. Each write
is one transaction, so a snapshot always holds whole articles. A reader opens the latest snapshot read-only and
holds a shared ``flock`` on ``NAME.lock`` while it reads; a writer deletes an old snapshot only once it can lock it
exclusively, so no reader loses the files under it. ``PENDING`` marks writes not yet published (a writer that was
killed leaves it), so the next process that can take the writer lock publishes them first.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> latest(root) is None, pending(root)
(True, False)
>>> mark_pending(root); pending(root)
True
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from kg.store.version import current, read_record

SNAPSHOTS = "kg-snapshots"
LATEST = "LATEST"
PENDING = "PENDING"
RECORD = "kg-snapshot.json"


class Checkpointable(Protocol):
    """What :func:`publish` needs of a store: where it lives (with its version record) and a RocksDB checkpoint."""

    location: Path

    def backup(self, target: Path) -> None: ...


@dataclass
class Held:
    """A snapshot a reader holds (a shared lock on its lock file) until :meth:`release`."""

    path: Path
    record: dict
    fd: int

    @property
    def published(self) -> str:
        """When the writer published it (UTC, to the second)."""
        return str(self.record.get("published", "unknown time"))

    def release(self) -> None:
        """Let a writer delete the snapshot."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    __del__ = release  # a reader dropped without close() must not pin its snapshot for the life of the process


def folder(location: str | Path) -> Path:
    """``STORE/kg-snapshots``."""
    return Path(location) / SNAPSHOTS


def latest(root: Path) -> str | None:
    """Name of the latest published snapshot under ``root``, or None."""
    try:
        return (root / LATEST).read_text(encoding="ascii").strip() or None
    except (FileNotFoundError, NotADirectoryError):
        return None


def pending(root: Path) -> bool:
    """Whether the store holds writes that no snapshot has."""
    return (root / PENDING).exists()


def mark_pending(root: Path) -> None:
    """Record, before a write lands, that the latest snapshot is about to be behind the store."""
    root.mkdir(exist_ok=True)
    (root / PENDING).touch()


def publish(store: Checkpointable) -> Path:
    """Checkpoint ``store`` into a new snapshot, make it the latest, and delete the old ones no reader holds."""
    root = folder(store.location)
    root.mkdir(exist_ok=True)
    now = time.time()
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    (root / f"{name}.lock").touch()
    target = root / name
    store.backup(target)
    stamp = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    record = dict(read_record(store.location) or current(), generation=uuid.uuid4().hex, published=stamp)
    _write_atomic(target / RECORD, json.dumps(record, indent=1))
    (root / PENDING).unlink(missing_ok=True)  # before LATEST moves: a crash in between leaves the old one marked
    _write_atomic(root / LATEST, name)
    prune(root, keep=name)
    return target


def prune(root: Path, keep: str) -> list[str]:
    """Delete every snapshot but ``keep`` that no reader holds (also half-made ones a killed writer left)."""
    gone = []
    names = {p.name.removesuffix(".lock") for p in root.iterdir() if p.name not in (LATEST, PENDING)
             and not p.name.endswith(".tmp")}
    for name in sorted(names - {keep}):
        lock = root / f"{name}.lock"
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            shutil.rmtree(root / name, ignore_errors=True)
            lock.unlink(missing_ok=True)
            gone.append(name)
        finally:
            os.close(fd)
    return gone


def hold(root: Path, name: str) -> Held | None:
    """Take a shared lock on snapshot ``name``; None when a writer deleted it meanwhile (read ``LATEST`` again)."""
    try:
        fd = os.open(root / f"{name}.lock", os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        record = json.loads((root / name / RECORD).read_text(encoding="utf-8"))
        if os.fstat(fd).st_nlink and isinstance(record, dict):
            return Held(root / name, record, fd)
    except (BlockingIOError, OSError, ValueError):
        pass
    os.close(fd)
    return None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def describe(held: Any) -> str:
    """The one line a reader prints while a writer works.

    >>> describe(Held(Path("s"), {"published": "2026-12-07 05:00:00 UTC"}, -1))
    'reading the store as of 2026-12-07 05:00:00 UTC, an ingest is running'
    """
    return f"reading the store as of {held.published}, an ingest is running"


__all__ = ["Held", "LATEST", "PENDING", "SNAPSHOTS", "describe", "folder", "hold", "latest", "mark_pending",
           "pending", "prune", "publish"]
