"""Derived data kept beside a folder store, valid until its next write (the resolution index is one).

A cache file ``STORE/NAME`` holds a JSON state stamped with the store's write generation
(:attr:`kg.store.local.Store.generation`, renewed by kg's first write after it was read) and with a cheap
fingerprint of its content (:meth:`kg.store.local.Store.fingerprint`: the article graphs and the size of the
entities graph). A reader gets the state only while both match, so a write by kg, a crash, or another tool that
adds or removes an article or an entity description makes it stale. A remote store keeps no cache.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
CACHE_FORMAT = 1


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic collector: building ~100k small objects otherwise triggers it dozens of times (3x slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_cached(store: Any, name: str, build: Callable[[Any], T]) -> T | None:
    """``build(state)`` of the state cached as ``name`` at the store's current generation, else None (also when
    ``build`` finds the state malformed)."""
    generation = getattr(store, "generation", None)
    if generation is None:  # a remote store keeps no cache
        return None
    try:
        with _no_gc():
            data = json.loads((Path(store.location) / name).read_text(encoding="utf-8"))
            if (data.get("format") == CACHE_FORMAT and data.get("generation") == generation
                    and data.get("fingerprint") == store.fingerprint()):
                return build(data["state"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def write_cached(store: Any, name: str, state: Any) -> None:
    """Cache ``state`` as ``name`` for the store's current generation (atomically; a folder store only)."""
    generation = getattr(store, "generation", None)
    if generation is None:
        return
    path = Path(store.location) / name
    tmp = path.with_suffix(".tmp")
    try:
        with _no_gc():
            text = json.dumps({"format": CACHE_FORMAT, "generation": generation, "fingerprint": store.fingerprint(),
                               "state": state}, ensure_ascii=False)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


__all__ = ["read_cached", "write_cached"]
