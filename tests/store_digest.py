"""Fingerprints of a store for tests: quad count and a hash of its sorted N-Quads."""

import hashlib
from pathlib import Path

from kg.store.local import Store


def fingerprint(location: Path) -> tuple[int, str]:
    """(quad count, sha256 of the sorted N-Quads lines) of the store at ``location``."""
    with Store(location, create=False) as store:
        lines = sorted(str(q) for q in store.quads())
    return len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def graphs(location: Path) -> dict[str, set[str]]:
    """The quads of every named graph, as N-Quads lines."""
    out: dict[str, set[str]] = {}
    with Store(location, create=False) as store:
        for q in store.quads():
            out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def file_names(location: Path) -> list[list[str]]:
    """The sorted kg:fileName values of each article graph, sorted."""
    with Store(location, create=False) as store:
        rows = store.query("SELECT ?g ?n WHERE { GRAPH ?g { ?g kg:fileName ?n } }")
    names: dict[str, list[str]] = {}
    for row in rows:
        names.setdefault(row["g"].value, []).append(row["n"].value)
    return sorted(sorted(v) for v in names.values())
