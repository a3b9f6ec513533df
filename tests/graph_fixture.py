"""A small store built from hand-written records, and synthetic stores of any size, for tests and benchmarks."""

import hashlib
import json
import random
from pathlib import Path

from kg.rdf.build import build_article
from kg.store.local import Store

RECORDS = Path(__file__).parent / "data" / "records.jsonl"
CLASSES = [("Person", None), ("MilitaryUnit", None), ("Organization", None), ("Country", None),
           ("Place", "Settlement"), ("Place", "Region"), ("Place", "Settlement"), ("Person", None)]
PREDICATES = ("met", "reportedTo", "operatesNear", "visited", "memberOf", "leads")
EVENTS = ("Attack", "Capture", "Clash", "Offensive", "Meeting", "Statement")


def load_records() -> list[dict]:
    """The hand-written records of ``tests/data/records.jsonl``."""
    return [json.loads(line) for line in RECORDS.read_text().splitlines() if line.strip()]


def make_store(location: Path, extra: list[dict] = (), records: list[dict] | None = None) -> Store:
    """An on-disk store holding ``records`` (default: the three articles of ``records.jsonl``) and ``extra``."""
    store = Store(location)
    for record in [*(load_records() if records is None else records), *extra]:
        digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        store.put_article(build_article(record, digest))
    return store


def _entity(i: int, rng: random.Random) -> dict:
    type_, cls = CLASSES[i % len(CLASSES)]
    entity = {"label": f"Synthetic {cls or type_} {i}", "type": type_, "aliases": [], "confidence": 0.9}
    if cls:
        entity |= {"class": cls, "lat": round(rng.uniform(46, 52), 4), "lon": round(rng.uniform(30, 40), 4)}
    return entity


def synthetic_records(entities: int, per_article: int = 50, seed: int = 1) -> list[dict]:
    """Records of made-up articles naming ``entities`` distinct entities, linked within and across articles.

    Each article has ``per_article`` new entities plus five from earlier articles, one relation per new
    entity and one event per five entities; text and names are generated, never taken from real news.
    """
    rng = random.Random(seed)
    pool = [_entity(i, rng) for i in range(entities)]
    records = []
    for start in range(0, entities, per_article):
        own = pool[start:start + per_article]
        cast = own + (rng.sample(pool[:start], 5) if start else [])
        places = [e for e in cast if e["type"] == "Place"] or [None]
        actors = [e for e in cast if e["type"] != "Place"]
        day = f"2025-{1 + start // per_article % 12:02d}-{1 + start % 28:02d}"
        relations = [{"subject": e["label"], "predicate": rng.choice(PREDICATES), "object": rng.choice(cast)["label"],
                      "evidence": f"Generated sentence {n} about {e['label']}.", "confidence": rng.choice((0.6, 0.8, 0.9))}
                     for n, e in enumerate(own)]
        events = [{"type": rng.choice(EVENTS), "place": (rng.choice(places) or {}).get("label"),
                   "agents": [a["label"] for a in rng.sample(actors, min(2, len(actors)))], "date": day,
                   "claimedBy": [rng.choice(actors)["label"]], "evidence": f"Generated event {n}.",
                   "confidence": 0.7, "polarity": rng.choice(("asserted", "asserted", "denied", "hedged"))}
                  for n in range(len(cast) // 5)]
        records.append({"article": f"synthetic-{start // per_article:04d}.txt", "date": day,
                        "title": f"Synthetic article {start // per_article}", "entities": cast,
                        "relations": [r for r in relations if r["subject"] != r["object"]], "events": events})
    return records
