"""Per-stage extraction time on the seeds and on the BBC benchmark corpus against bare spaCy (run on demand).

Stages, as ``kg ingest`` runs them for one article on one process: NLP (kg's spaCy pipeline: the model plus
its paragraph breaks and entity ruler), entity grouping, geocoding, relation and event patterns,
cross-article resolution (:mod:`kg.pipeline.resolve`: an :class:`EntityIndex` that starts empty, as for a
new store, and learns every article it resolves, exactly as ingest does) and the RDF build.
The baseline, measured in the same run over the same texts with the same batch size, is the bare spaCy
model's ``nlp.pipe`` (as in ``bench/ingest.py``); the ratio is what kg's extraction costs on top of it.
Usage: python bench/extraction.py [--limit N] [--batch-size N]
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections import defaultdict

from common import BBC, SHARED, machine, table

STAGES = ("nlp", "entities", "geocoding", "patterns", "resolution", "rdf")


def load(limit: int) -> dict[str, list]:
    """The article sets to measure: the seeds and the first ``limit`` BBC articles, where present."""
    from kg.text.articles import Article, read_articles

    sets = {}
    if (SHARED / "seeds").is_dir():
        sets["seeds"] = [a for a in read_articles([SHARED / "seeds"]) if isinstance(a, Article)]
    if BBC.exists() and limit > 0:
        with BBC.open(encoding="utf-8") as lines:
            rows = [json.loads(line) for _, line in zip(range(limit), lines)]
        sets["bbc"] = [Article(name=r["id"], text=r["text"], title=r.get("title")) for r in rows]
    if not sets:
        raise SystemExit(f"no benchmark articles: neither {SHARED / 'seeds'} nor {BBC} exists")
    return sets


def baseline(articles: list, batch_size: int) -> float:
    """Seconds of the bare spaCy model's ``nlp.pipe`` over the texts (no kg components, no kg code)."""
    from kg.extract.pipeline import model_name

    nlp = importlib.import_module(model_name()).load()
    t = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        pass
    return time.perf_counter() - t


def run(articles: list, batch_size: int) -> tuple[dict[str, float], list[dict]]:
    """Seconds per stage over ``articles`` (plus ``load``, kept apart) and the resolved records."""
    from kg.extract import record_from, record_of
    from kg.extract.clean import mask_noise
    from kg.extract.entities import group_mentions, mentions_of
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.places import geocode_entities
    from kg.extract.pipeline import load_pipeline
    from kg.pipeline.resolve import EntityIndex, resolve_records
    from kg.rdf.build import build_article

    times: dict[str, float] = defaultdict(float)
    t = time.perf_counter()
    nlp, gaz = load_pipeline(), load_gazetteer()
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(nlp.pipe((mask_noise(a.text) for a in articles), batch_size=batch_size))
    times["nlp"] = time.perf_counter() - t
    index = EntityIndex()  # an empty store: each article is resolved against those before it
    resolved = []
    for n, (article, doc) in enumerate(zip(articles, docs)):
        t0 = time.perf_counter()
        entities = group_mentions(mentions_of(doc, gaz), gaz)
        t1 = time.perf_counter()
        geocode_entities(entities, doc.text)
        t2 = time.perf_counter()
        record = record_from(article, doc, entities, gaz)  # patterns, derived relations, used entities
        t3 = time.perf_counter()
        if n == 0 and record != record_of(article, doc):  # not timed: the stages above must stay kg's own
            raise SystemExit("bench/extraction.py no longer follows kg.extract.record_of: update its stages")
        t4 = time.perf_counter()
        [record] = resolve_records(index, [record])
        t5 = time.perf_counter()
        rdf = build_article(record, article.content_hash)
        t6 = time.perf_counter()
        index.learn_quads(rdf.entity_quads)  # as ingest does after each store write
        t7 = time.perf_counter()
        times["entities"] += t1 - t0
        times["geocoding"] += t2 - t1
        times["patterns"] += t3 - t2
        times["resolution"] += (t5 - t4) + (t7 - t6)
        times["rdf"] += t6 - t5
        resolved.append(record)
    return dict(times), resolved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=2225, help="BBC articles to use")
    parser.add_argument("--batch-size", type=int, default=16, help="spaCy batch size (kg ingest's default)")
    args = parser.parse_args()
    print(f"# extraction per stage, one process, batch {args.batch_size}")
    print(f"# machine: {machine()}")
    for name, articles in load(args.limit).items():
        words = sum(len(a.text.split()) for a in articles)
        times, records = run(articles, args.batch_size)
        base = baseline(articles, args.batch_size)
        total = sum(times[s] for s in STAGES)
        merged = sum(1 for r in records for e in r["entities"] if e.get("resolved"))
        print(f"\n## {name}: {len(articles)} articles, {words} words; kg pipeline load {times['load']:.1f} s "
              f"(not counted); resolution matched {merged} entities to earlier articles")
        print(table(["stage", "s", "share"], [[s, f"{times[s]:.2f}", f"{times[s] / total:.0%}"] for s in STAGES]
                    + [["total", f"{total:.2f}", "100%"]]))
        print()
        print(table(["pass", "s", "words/s", "ratio to bare spaCy"],
                    [["bare spaCy nlp.pipe (baseline)", f"{base:.2f}", f"{words / base:,.0f}", "1.00"],
                     ["kg extraction, all stages", f"{total:.2f}", f"{words / total:,.0f}", f"{total / base:.2f}"]]))


if __name__ == "__main__":
    main()
