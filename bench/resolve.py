"""Cost of cross-article entity resolution against the cost of storing, on a generated store (prints figures).

Builds N generated articles (10 entities each, names drawn from pools so that they recur), then measures in the
same run: storing one article (baseline), loading the index once, resolving one article, replacing one article.
Usage: python bench/resolve.py [--articles N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time


def record(n: int, rng: random.Random, people: list[str], places: list[str], units: list[str]) -> dict:
    """A generated record: four people (named by surname in the text), four villages, two units."""
    def person(name: str) -> dict:
        surname = name.split()[-1]
        return {"label": name, "type": "Person", "class": "Person", "aliases": [surname],
                "aliasReasons": {surname: "surname"}, "mentions": [{"text": surname}]}

    ents = [person(p) for p in rng.sample(people, 4)]
    ents += [{"label": p, "type": "Place", "class": "Settlement", "aliases": [], "mentions": []}
             for p in rng.sample(places, 4)]
    ents += [{"label": u, "type": "MilitaryUnit", "class": "MilitaryUnit", "aliases": [], "mentions": []}
             for u in rng.sample(units, 2)]
    return {"article": f"a{n}.txt", "entities": ents, "relations": [], "events": []}


def main() -> None:
    from kg.rdf.iris import entity_iri
    from kg.rdf.build import build_article
    from kg.pipeline.resolve import EntityIndex
    from kg.store.local import Store

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(1)
    given = ["Ivan", "Petro", "Oleksandr", "Serhii", "Andrii", "Dmytro", "Mykola", "Yurii", "Vasyl", "Oleh"]
    people = [f"{rng.choice(given)} Surname{i}" for i in range(args.articles)]
    places = [f"Village{i}ivka" for i in range(args.articles)]
    units = [f"{i}th Brigade" for i in range(1, args.articles // 2)]
    digest = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(args.articles + 1)]
    with tempfile.TemporaryDirectory() as tmp, Store(tmp) as store:
        start = time.perf_counter()
        for n in range(args.articles):
            store.put_article(build_article(record(n, rng, people, places, units), digest[n]))
        put = (time.perf_counter() - start) / args.articles
        start = time.perf_counter()
        index = EntityIndex.load(store)
        load = time.perf_counter() - start
        probes = [record(n, rng, people, places, units) for n in range(200)]
        for probe in probes:
            for e in probe["entities"]:
                e["label"] = e["label"].replace("Surname", "Surnam").replace("ivka", "ovka")
        start = time.perf_counter()
        resolved = [index.resolve(p, entity_iri) for p in probes]
        match = (time.perf_counter() - start) / len(probes)
        start = time.perf_counter()
        store.put_article(build_article(record(0, rng, people, places, units), digest[-1]))
        replace = time.perf_counter() - start
        merged = sum("resolved" in e for r in resolved for e in r["entities"])
        print(f"store: {len(store)} quads, {len(index)} entities, {args.articles} articles")
        print(f"baseline  store one article        {put * 1000:8.2f} ms")
        print(f"index     load once per run        {load * 1000:8.2f} ms  = {load / put:7.1f} x baseline")
        print(f"resolve   one article (10 entities) {match * 1000:7.2f} ms  = {match / put:7.2f} x baseline")
        print(f"replace   one article               {replace * 1000:7.2f} ms  = {replace / put:7.2f} x baseline")
        total = sum(len(r["entities"]) for r in resolved)
        print(f"matched   {merged} of {total} respelt entities (a changed surname is never matched, by design)")


if __name__ == "__main__":
    main()
