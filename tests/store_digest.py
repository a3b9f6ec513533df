"""Fingerprints of a store for tests: quad count and a hash of its sorted N-Quads."""

import hashlib
from pathlib import Path

from kg.store.local import Store


def fingerprint(location: Path) -> tuple[int, str]:
    """(quad count, sha256 of the sorted N-Quads lines) of the store at ``location``."""
    with Store(location, create=False) as store:
        lines = sorted(str(q) for q in store.quads())
    return len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def graphs(location: Path | Store) -> dict[str, set[str]]:
    """The quads of every named graph of a store (its folder, or an open store), as N-Quads lines."""
    if isinstance(location, Store):
        return _graphs(location)
    with Store(location, create=False) as store:
        return _graphs(store)


def _graphs(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in store.quads():
        out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def file_names(location: Path | Store) -> list[list[str]]:
    """The sorted kg:fileName values of each article graph (of a store folder or an open store), sorted."""
    query = "SELECT ?g ?n WHERE { GRAPH ?g { ?g kg:fileName ?n } }"
    if isinstance(location, Store):
        rows = location.query(query)
    else:
        with Store(location, create=False) as store:
            rows = store.query(query)
    names: dict[str, list[str]] = {}
    for row in rows:
        names.setdefault(row["g"].value, []).append(row["n"].value)
    return sorted(sorted(v) for v in names.values())
