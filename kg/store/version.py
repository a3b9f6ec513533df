"""The store's version record (``STORE/kg-store.json``): which kg, ontology and IRI scheme built it.

A store is never silently reinterpreted: opening one recorded by another ontology or IRI scheme fails with
what to do (``kg reindex`` for an older store, upgrading kg for a newer one).

>>> check_record(dict(current(), iri_scheme=2), "s")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.StoreError: store s was built by kg ... (ontology 0.3.0, IRI scheme 2); this kg ... uses ontology 0.3.0, IRI scheme 3: run `kg reindex --store s`
>>> check_record(current(), "s") is None
True
"""

from __future__ import annotations

import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.errors import StoreError

META_FILE = "kg-store.json"
STORE_FORMAT = 1
ONTOLOGY_VERSION = "0.3.0"
IRI_SCHEME = 3  # 2: slugs of a phonetic key (person/valiri-hirasimiv); 3: slugs of the label (person/valery-gerasimov)


def kg_version() -> str:
    """The installed kg version."""
    try:
        return version("kg")
    except PackageNotFoundError:
        return "unknown"


def current() -> dict:
    """The record this kg writes."""
    return {"format": STORE_FORMAT, "kg": kg_version(), "ontology": ONTOLOGY_VERSION, "iri_scheme": IRI_SCHEME}


def _key(record: dict) -> tuple:
    ontology = tuple(int(p) if p.isdigit() else 0 for p in str(record.get("ontology", "0")).split("."))
    return int(record.get("format", 0)), ontology, int(record.get("iri_scheme", 0))


def read_record(location: str | Path) -> dict | None:
    """The version record of a store, or None when it has none."""
    path = Path(location) / META_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"store {location}: unreadable version record {META_FILE} ({exc})") from None
    if not isinstance(record, dict):
        raise StoreError(f"store {location}: version record {META_FILE} is not a JSON object")
    return record


def write_record(location: str | Path, record: dict | None = None) -> None:
    """Write the version record atomically (temporary file, fsync, rename)."""
    path = Path(location) / META_FILE
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(record or current(), f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def describe(record: dict) -> str:
    """``ontology X, IRI scheme N`` of a record."""
    return f"ontology {record.get('ontology', '?')}, IRI scheme {record.get('iri_scheme', '?')}"


def check_record(record: dict | None, location: str | Path, empty: bool = True) -> None:
    """Raise StoreError unless a store with this record can be used by this kg as it is."""
    ours = current()
    if record is None:
        if empty:
            return
        raise StoreError(f"store {location} has no version record (built by an older kg): "
                         f"run `kg reindex --store {location}`")
    theirs, mine = _key(record), _key(ours)
    if theirs == mine:
        return
    built = f"store {location} was built by kg {record.get('kg', '?')} ({describe(record)})"
    if any(t > m for t, m in zip(theirs, mine)):
        raise StoreError(f"{built}, newer than this kg {ours['kg']} ({describe(ours)}): upgrade kg to use it")
    raise StoreError(f"{built}; this kg {ours['kg']} uses {describe(ours)}: run `kg reindex --store {location}`")


__all__ = ["META_FILE", "ONTOLOGY_VERSION", "IRI_SCHEME", "STORE_FORMAT", "check_record", "current", "kg_version",
           "read_record", "write_record"]
