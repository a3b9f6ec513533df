"""Shared parts of the benchmarks: the corpus stream, a generated store of the real shape, RSS sampling, tables."""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "bench" / "bbc_news_2225.jsonl"

# Names the saved queries' examples ask for, so every query has something to find in a generated store.
KNOWN = [("Valery Gerasimov", "Person", ["Gerasimov"]), ("Vladimir Putin", "Person", ["Putin"]),
         ("Volodymyr Zelensky", "Person", ["Zelensky"]), ("Battlegroup West", "MilitaryUnit", []),
         ("DeepState", "Organization", []), ("Russia", "Country", []), ("Ukraine", "Country", []),
         ("Kupiansk", "Settlement", ["Kupyansk"])]
EVENT_TYPES = ["Attack", "Clash", "Capture", "Encirclement", "Offensive", "Withdrawal", "Meeting", "Visit",
               "Statement", "Negotiation", "Casualties"]
PREDICATES = ["reportedTo", "met", "operatesNear", "locatedIn", "visited", "memberOf", "partOf", "leads", "commands"]
CLASSES = ["Person", "MilitaryUnit", "Organization", "Country", "Settlement", "Region"]
COARSE = {"Settlement": "Place", "Region": "Place"}


def machine() -> str:
    """One line naming the machine the figures come from."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def corpus(n: int) -> Iterator:
    """``n`` articles from the BBC corpus, repeated with a marker line so each copy has its own content hash."""
    from kg.text.articles import Article

    if not BBC.exists():
        raise SystemExit(f"benchmark corpus not found at {BBC}")
    made = 0
    for copy in range(1, n + 1):
        with BBC.open(encoding="utf-8") as lines:
            for line in lines:
                if made >= n:
                    return
                row = json.loads(line)
                text = row["text"] if copy == 1 else f"{row['text']}\n\nCopy {copy}."
                yield Article(name=f"{row['id']}-{copy}.txt", text=text, title=row.get("title"))
                made += 1


def write_corpus(n: int, path: Path) -> Path:
    """Write :func:`corpus` as JSON Lines for the CLI, one article at a time."""
    with path.open("w", encoding="utf-8") as out:
        for a in corpus(n):
            out.write(json.dumps({"id": a.name, "title": a.title, "text": a.text}, ensure_ascii=False) + "\n")
    return path


def _entities(count: int, rng: random.Random) -> list[dict]:
    syll = ["ka", "ro", "vi", "mel", "dan", "sha", "to", "bor", "lin", "ev", "mir", "gor", "na", "zu", "pel"]
    out = []
    for label, cls, aliases in KNOWN:
        out.append({"label": label, "type": COARSE.get(cls, cls), "class": cls, "aliases": aliases, "confidence": 0.9})
    for i in range(count - len(KNOWN)):
        cls = CLASSES[i % len(CLASSES)]
        name = " ".join("".join(rng.choice(syll) for _ in range(3)).title() for _ in range(2)) + f" {i}"
        e = {"label": name, "type": COARSE.get(cls, cls), "class": cls, "aliases": [name.split()[0]], "confidence": 0.8}
        if cls in ("Settlement", "Region"):
            e.update(lat=round(rng.uniform(44, 52), 4), lon=round(rng.uniform(22, 40), 4), geonames=100000 + i)
        out.append(e)
    for e in out[:len(KNOWN)]:
        if e["class"] == "Settlement":
            e.update(lat=49.71, lon=37.61, geonames=704839)
    return out


def synthetic_records(articles: int, entities: int = 20000, seed: int = 5) -> Iterator[tuple[dict, str]]:
    """(record, content hash) pairs in the extraction format: popular entities recur (Zipf), as in news."""
    import hashlib

    rng = random.Random(seed)
    pool = _entities(entities, rng)
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    for n in range(articles):
        ents = {e["label"]: e for e in rng.choices(pool, weights, k=24)}
        labels = list(ents)
        places = [lb for lb in labels if ents[lb]["type"] == "Place"] or [None]
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        relations = [{"subject": rng.choice(labels), "predicate": rng.choice(PREDICATES), "object": rng.choice(labels),
                      "evidence": f"Sentence {k} of article {n}.", "confidence": round(rng.uniform(0.5, 1), 2)}
                     for k in range(6)]
        events = [{"type": rng.choice(EVENT_TYPES), "place": rng.choice(places), "agents": rng.sample(labels, 2),
                   "date": day, "claimedBy": rng.sample(labels, 1), "evidence": f"Event sentence {k} of {n}.",
                   "confidence": round(rng.uniform(0.5, 1), 2), "polarity": rng.choices(["asserted", "denied", "hedged"], [90, 4, 6])[0],
                   "count": {"killed": rng.randint(1, 500)} if k == 0 else {}, "qualifier": {}}
                  for k in range(5)]
        record = {"article": f"gen-{n:07d}.txt", "date": day, "title": f"Generated article {n}", "url": None,
                  "source": rng.choice(["DeepState", "Reuters", "ISW"]), "entities": list(ents.values()),
                  "relations": [r for r in relations if r["subject"] != r["object"]], "events": events}
        yield record, hashlib.sha256(f"generated {n}".encode()).hexdigest()


def build_store(location: Path, min_quads: int) -> tuple[int, int]:
    """Fill an on-disk store with generated articles until it holds ``min_quads``; returns (quads, articles)."""
    import pyoxigraph as ox

    from kg.rdf.build import build_article

    store = ox.Store(str(location))
    articles = 0
    batch: list = []
    for record, digest in synthetic_records(10**9):
        rdf = build_article(record, digest)
        batch += rdf.quads + rdf.entity_quads
        articles += 1
        if len(batch) > 50_000:
            store.bulk_extend(batch)
            batch = []
            if len(store) >= min_quads:
                break
    store.bulk_extend(batch)
    store.flush()
    count = len(store)
    del store
    from kg.store import version as meta

    meta.write_record(location)
    return count, articles


class PeakRss:
    """Samples the summed RSS of a process and its descendants every 0.1 s; ``peak`` in MiB."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                pids += [p for c in task.read_text().split() for p in self._tree(int(c))]
            except OSError:
                pass
        return pids

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            total = 0
            for pid in self._tree(self.pid):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
            self.peak = max(self.peak, total / 1024)


def p50_p95(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of ``times``."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table, ready for the README."""
    cells = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row] for row in rows]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells])


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """Wall time of one call and its result."""
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t, out
