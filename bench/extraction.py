"""Per-stage extraction time on the seeds and on the BBC benchmark corpus (run on demand, prints figures).

Stages: NLP (spaCy parse), entities and resolution, geocoding, relations and events, RDF build.
Usage: python bench/extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load(limit: int) -> dict[str, list]:
    from kg.text.articles import Article, read_articles

    sets = {"seeds": [a for a in read_articles([SHARED / "seeds"]) if isinstance(a, Article)]}
    bbc = SHARED / "bench" / "bbc_news_2225.jsonl"
    if bbc.exists():
        rows = [json.loads(line) for line in bbc.read_text().splitlines()[:limit]]
        sets["bbc"] = [Article(name=r["id"], text=r["text"], title=r.get("title")) for r in rows]
    return sets


def run(articles: list) -> dict[str, float]:
    from kg.rdf.build import build_article
    from kg.extract.clean import mask_noise
    from kg.extract.context import build_context
    from kg.extract.entities import group_mentions, mentions_of
    from kg.extract.events import extract_events
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.places import geocode_entities
    from kg.extract.pipeline import load_pipeline
    from kg.extract.relations import extract_relations

    times: dict[str, float] = defaultdict(float)
    t = time.perf_counter()
    nlp, gaz = load_pipeline(), load_gazetteer()
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(nlp.pipe((mask_noise(a.text) for a in articles), batch_size=32))
    times["nlp"] = time.perf_counter() - t
    for article, doc in zip(articles, docs):
        t0 = time.perf_counter()
        entities = group_mentions(mentions_of(doc, gaz), gaz)
        t1 = time.perf_counter()
        geocode_entities(entities, doc.text)
        t2 = time.perf_counter()
        ctx = build_context(doc, article.date, entities, gaz)
        record = {"article": article.name, "date": article.date, "entities": [e.record() for e in ctx.entities],
                  "relations": extract_relations(ctx), "events": extract_events(ctx)}
        t3 = time.perf_counter()
        build_article(record, article.content_hash)
        t4 = time.perf_counter()
        times["resolution"] += t1 - t0
        times["geocoding"] += t2 - t1
        times["patterns"] += t3 - t2
        times["rdf"] += t4 - t3
    return dict(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=2225, help="BBC articles to use")
    args = parser.parse_args()
    for name, articles in load(args.limit).items():
        words = sum(len(a.text.split()) for a in articles)
        times = run(articles)
        total = sum(v for k, v in times.items() if k != "load")
        stages = "  ".join(f"{k} {v:.2f}s" for k, v in times.items())
        print(f"{name}: {len(articles)} articles, {words} words, {total:.1f}s ({words / total:,.0f} words/s)")
        print(f"  {stages}")
        print(f"  nlp share {times['nlp'] / total:.0%}")


if __name__ == "__main__":
    main()
