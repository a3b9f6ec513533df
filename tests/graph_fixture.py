"""A small store built from hand-written records, for tests of everything downstream of extraction."""

import hashlib
import json
from pathlib import Path

from kg.build import build_article
from kg.store import Store

RECORDS = Path(__file__).parent / "data" / "records.jsonl"


def load_records() -> list[dict]:
    """The hand-written records of ``tests/data/records.jsonl``."""
    return [json.loads(line) for line in RECORDS.read_text().splitlines() if line.strip()]


def make_store(location: Path) -> Store:
    """An on-disk store holding the three small articles of ``records.jsonl``."""
    store = Store(location)
    for record in load_records():
        digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        store.put_article(build_article(record, digest))
    return store
