"""Text -> records: entities, relations and events of one article, in the gold record format.

Extraction never looks at the store, so an article gives the same record alone or in a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations

from kg.extract.clean import mask_noise
from kg.extract.context import build_context
from kg.extract.entities import group_mentions, mentions_of
from kg.extract.events import extract_events
from kg.extract.gazetteer import load_gazetteer
from kg.extract.pipeline import load_pipeline
from kg.extract.places import geocode_entities
from kg.extract.relations import extract_relations


def extract(article) -> dict:
    """The record of one :class:`kg.text.articles.Article`."""
    return next(extract_all([article]))


def extract_all(articles: Iterable, batch_size: int = 16) -> Iterator[dict]:
    """Records of many articles, parsed in batches by spaCy (same results as one by one)."""
    nlp = load_pipeline()
    items = list(articles) if not isinstance(articles, list) else articles
    texts = (mask_noise(a.text) for a in items)
    for article, doc in zip(items, nlp.pipe(texts, batch_size=batch_size)):
        yield record_of(article, doc)


def units_near_their_events(relations: list[dict], events: list[dict], entities: list) -> list[dict]:
    """A military unit acting in an event at a place operates near that place."""
    units = {e.label for e in entities if e.type == "MilitaryUnit"}
    have = {(r["subject"], r["predicate"], r["object"]) for r in relations}
    out = []
    for ev in events:
        for agent in ev["agents"]:
            key = (agent, "operatesNear", ev["place"])
            if agent in units and ev["place"] and key not in have and ev.get("polarity") != "denied":
                have.add(key)
                out.append({"subject": agent, "predicate": "operatesNear", "object": ev["place"],
                            "evidence": ev["evidence"], "confidence": round(ev["confidence"] * 0.9, 3)})
    return out


def met_at_meetings(relations: list[dict], events: list[dict], entities: list) -> list[dict]:
    """Every two people at one asserted meeting met each other."""
    people = {e.label for e in entities if e.type == "Person"}
    have = {frozenset((r["subject"], r["object"])) for r in relations if r["predicate"] == "met"}
    out = []
    for ev in events:
        if ev["type"] != "Meeting" or ev.get("polarity") == "denied":
            continue
        for a, b in combinations([x for x in ev["agents"] if x in people], 2):
            if frozenset((a, b)) not in have:
                have.add(frozenset((a, b)))
                out.append({"subject": a, "predicate": "met", "object": b, "evidence": ev["evidence"],
                            "confidence": round(ev["confidence"] * 0.9, 3)})
    return out


def record_of(article, doc) -> dict:
    """Build the record of an article from its parsed document."""
    gaz = load_gazetteer()
    entities = group_mentions(mentions_of(doc, gaz), gaz)
    geocode_entities(entities, doc.text)
    return record_from(article, doc, entities, gaz)


def record_from(article, doc, entities: list, gaz) -> dict:
    """The record of an article from its grouped, geocoded entities: relation and event patterns, the relations
    derived from them, and the entities the record uses."""
    ctx = build_context(doc, article.date, entities, gaz)
    relations = extract_relations(ctx)
    events = extract_events(ctx)
    relations += units_near_their_events(relations, events, ctx.entities)
    relations += met_at_meetings(relations, events, ctx.entities)
    labels = {e.label for e in ctx.entities}
    for ev in events:
        for name in ev["agents"] + ev["claimedBy"] + ev.get("deniedBy", []):
            if name not in labels:
                labels.add(ctx.country(name).label)
    used = {name for ev in events for name in ev["agents"] + ev["claimedBy"] + ev.get("deniedBy", [])}
    entities = [e for e in ctx.entities if e.mentions or e.label in used]
    return {
        "article": article.name,
        "date": article.date,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "entities": [e.record() for e in entities],
        "relations": relations,
        "events": events,
    }
