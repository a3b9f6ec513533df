"""Records -> RDF quads (IRIs minted by :mod:`kg.rdf.iris`).

An article becomes one named graph (its IRI minted from the content hash) holding its events and
relation statements; entity descriptions go to the shared entities graph so that every article
points at the same IRI for the same thing.

"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.rdf.descriptions import description_text
from kg.rdf.iris import (
    DCT_SOURCE,
    DCT_TITLE,
    ENTITIES,
    OWL_SAME,
    PROV_DERIVED,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_INTEGER,
    article_iri,
    article_part_iri,
    claim_iri,
    entity_iri,
    term,
)
from kg.rdf.vocab import COUNTS, GEO, SCHEMA, WD


def entity_names(entity: dict) -> tuple[str, dict[str, str]]:
    """The canonical label of an entity record and, for each other name, why it was merged.

    >>> entity_names({"label": "Kupyansk", "aliases": ["Kupjansk"], "aliasReasons": {"Kupjansk": "transliteration"},
    ...               "resolved": {"label": "Kupiansk", "reason": "transliteration"}})
    ('Kupiansk', {'Kupjansk': 'transliteration', 'Kupyansk': 'transliteration'})
    """
    resolved = entity.get("resolved") or {}
    label = resolved.get("label") or entity["label"]
    reasons = entity.get("aliasReasons") or {}
    names = {a: reasons.get(a, "listed") for a in entity.get("aliases", [])}
    if entity["label"] != label:
        names[entity["label"]] = resolved.get("reason", "listed")
    names.pop(label, None)
    return label, names


def article_aliases(entity: dict) -> dict[str, str]:
    """The aliases of an entity that its article merged (written in the text, or merged for a reason other than
    the gazetteer listing them), each with its reason: these become ``kg:AliasMerge`` records.

    >>> article_aliases({"label": "Vladimir Putin", "aliases": ["Putin", "President Putin"],
    ...                  "mentions": [{"text": "Putin"}], "aliasReasons": {"Putin": "gazetteer-alias"}})
    {'Putin': 'gazetteer-alias'}
    """
    written = {m.get("text") for m in entity.get("mentions", [])}
    return {alias: reason for alias, reason in entity_names(entity)[1].items()
            if alias in written or reason not in ("gazetteer-alias", "listed")}


def _date(value: str | None) -> Literal | None:
    return Literal(value, datatype=XSD_DATE) if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _decimal(value: float) -> Literal:
    return Literal(f"{max(0.0, min(1.0, float(value))):.3f}", datatype=XSD_DECIMAL)


@dataclass(frozen=True)
class ArticleRDF:
    """The RDF of one article: its graph name, the quads of that graph, and entity descriptions."""

    graph: NamedNode
    quads: list[Quad]
    entity_quads: list[Quad]
    name: str
    content_hash: str


def entity_quads(entity: dict) -> Iterator[Quad]:
    """Description of one entity for the shared entities graph."""
    node = entity_iri(entity)
    label, names = entity_names(entity)
    cls = (entity.get("resolved") or {}).get("class") or entity.get("class") or entity["type"]
    yield Quad(node, RDF_TYPE, term(cls), ENTITIES)
    yield Quad(node, RDFS_LABEL, Literal(label), ENTITIES)
    for alias in names:
        yield Quad(node, SKOS_ALT, Literal(alias), ENTITIES)
    if entity.get("wikidata"):
        yield Quad(node, OWL_SAME, NamedNode(f"{WD}{entity['wikidata']}"), ENTITIES)
    if entity.get("lat") is not None and entity.get("lon") is not None:
        yield Quad(node, NamedNode(f"{GEO}lat"), Literal(f"{float(entity['lat']):.5f}", datatype=XSD_DECIMAL), ENTITIES)
        yield Quad(node, NamedNode(f"{GEO}long"), Literal(f"{float(entity['lon']):.5f}", datatype=XSD_DECIMAL), ENTITIES)
    if entity.get("geonames"):
        yield Quad(node, term("geonamesId"), Literal(str(int(entity["geonames"])), datatype=XSD_INTEGER), ENTITIES)
    for key, prop in (("admin", "adminRegion"), ("precision", "precision")):
        if entity.get(key):
            yield Quad(node, term(prop), Literal(str(entity[key])), ENTITIES)


def build_article(record: dict, content_hash: str) -> ArticleRDF:
    """Turn one extraction record into the quads of its article graph and its entity descriptions."""
    g = article_iri(content_hash)
    nodes = {e["label"]: entity_iri(e) for e in record.get("entities", [])}
    quads: list[Quad] = []

    def add(s, p, o) -> None:
        if o is not None:
            quads.append(Quad(s, p, o, g))

    add(g, RDF_TYPE, term("Article"))
    add(g, term("fileName"), Literal(record["article"]))
    add(g, term("contentHash"), Literal(content_hash))
    add(g, term("date"), _date(record.get("date")))
    if record.get("title"):
        add(g, DCT_TITLE, Literal(record["title"]))
    if record.get("url"):
        add(g, NamedNode(f"{SCHEMA}url"), Literal(record["url"]))
    if record.get("source"):
        add(g, DCT_SOURCE, Literal(record["source"]))
    for node in dict.fromkeys(nodes.values()):
        add(g, term("mentions"), node)
    outlet = outlet_record(record)
    voice = entity_iri(outlet) if outlet else g
    anonymous = article_part_iri("anonymous", content_hash)

    def claim(kind: str, n: int, about: NamedNode, item: dict) -> None:
        polarity, date = item.get("polarity", "asserted"), _date(record.get("date"))
        speakers = [nodes[c] for c in item.get("claimedBy", []) if c in nodes]
        if polarity == "denied" and "deniedBy" in item:
            if speakers:
                _claim(add, claim_iri(content_hash, kind, n, "reported"), about, item, "asserted", speakers, g, date)
            speakers = [nodes[c] for c in item["deniedBy"] if c in nodes]
        if not speakers and item.get("anonymousSource"):
            speakers = [anonymous]
        _claim(add, claim_iri(content_hash, kind, n), about, item, polarity, speakers or [voice], g, date)

    for n, rel in enumerate(record.get("relations", [])):
        s, o = nodes.get(rel["subject"]), nodes.get(rel["object"])
        if s is None or o is None or s == o:
            continue
        pred = term(rel["predicate"])
        add(s, pred, o)
        st = article_part_iri("statement", content_hash, n)
        add(st, RDF_TYPE, term("RelationStatement"))
        add(st, RDF_SUBJECT, s)
        add(st, RDF_PREDICATE, pred)
        add(st, RDF_OBJECT, o)
        _provenance(add, st, g, rel)
        claim("statement", n, st, rel)

    for n, ev in enumerate(record.get("events", [])):
        node = article_part_iri("event", content_hash, n)
        add(node, RDF_TYPE, term(ev["type"]))
        add(node, RDFS_LABEL, Literal(event_label(ev)))
        for agent in ev.get("agents", []):
            add(node, term("agent"), nodes.get(agent))
        add(node, term("place"), nodes.get(ev.get("place")))
        _event_date(add, node, ev)
        for claimant in ev.get("claimedBy", []):
            add(node, term("claimedBy"), nodes.get(claimant))
        add(node, term("polarity"), Literal(ev.get("polarity", "asserted")))
        for key, value in (ev.get("count") or {}).items():
            add(node, term(COUNTS[key]), Literal(str(int(value)), datatype=XSD_INTEGER))
        for key, qualifier in (ev.get("qualifier") or {}).items():
            add(node, term("countQualifier"), Literal(f"{key}: {qualifier}"))
        _provenance(add, node, g, ev)
        claim("event", n, node, ev)

    if any(q.object == anonymous for q in quads):
        add(anonymous, RDF_TYPE, term("AnonymousSource"))
        add(anonymous, RDFS_LABEL, Literal(anonymous_label(record)))
    merges = ((entity_iri(e), alias, reason) for e in record.get("entities", [])
              for alias, reason in article_aliases(e).items())
    for n, (entity, alias, reason) in enumerate(merges):
        node = article_part_iri("merge", content_hash, n)
        add(node, RDF_TYPE, term("AliasMerge"))
        add(node, term("mergedInto"), entity)
        add(node, term("alias"), Literal(alias))
        add(node, term("mergeReason"), Literal(reason))
        add(node, term("article"), g)

    ents = [q for e in record.get("entities", []) for q in entity_quads(e)]
    if outlet and any(q.object == voice for q in quads):
        ents += entity_quads(outlet)
    described: dict[NamedNode, list[Triple]] = {}
    for q in ents:
        described.setdefault(q.subject, []).append(q.triple)
    for entity, triples in described.items():  # what this article supports (kg.store.support)
        add(entity, term("description"), Literal(description_text(triples)))
    return ArticleRDF(g, quads, ents, record["article"], content_hash)


def anonymous_label(record: dict) -> str:
    """The label of an article's unnamed sources, with what the text calls them when the record says it.

    >>> anonymous_label({"events": [{"anonymousSource": "pro-Russian bloggers"}, {"anonymousSource": True}]})
    'unnamed sources: pro-Russian bloggers'
    """
    words = sorted({i["anonymousSource"] for key in ("events", "relations") for i in record.get(key, [])
                    if isinstance(i.get("anonymousSource"), str)})
    return "unnamed sources" + (f": {'; '.join(words)}" if words else "")


def outlet_record(record: dict) -> dict | None:
    """The news outlet of an article (its ``source``) as an entity record, or None when it has none.

    >>> outlet_record({"article": "a.txt", "source": "Kyiv Frontline Report"})["class"]
    'NewsOutlet'
    """
    source = (record.get("source") or "").strip()
    return {"label": source, "type": "Organization", "class": "NewsOutlet"} if source else None


def _claim(add, node: NamedNode, about: NamedNode, item: dict, polarity: str, who: list[NamedNode], g: NamedNode,
           date: Literal | None) -> None:
    """The claim an article makes: who says the event or statement ``about`` happened, when, how and how surely."""
    add(node, RDF_TYPE, term("Claim"))
    add(node, term("about"), about)
    for claimant in dict.fromkeys(who):
        add(node, term("claimedBy"), claimant)
    add(node, term("claimDate"), date)
    add(node, term("polarity"), Literal(polarity))
    add(node, term("confidence"), _decimal(item.get("confidence", 0.5)))
    add(node, PROV_DERIVED, g)


def _event_date(add, node: NamedNode, ev: dict) -> None:
    """When an event happened: a day (``kg:date``), else its first and last day, with the precision."""
    day = _date(ev.get("date"))
    bounds = [_date(d) for d in ev.get("dateRange") or []] if day is None else []
    if day is not None:
        add(node, term("date"), day)
        add(node, term("datePrecision"), Literal("day"))
    elif len(bounds) == 2 and None not in bounds:
        add(node, term("earliestDate"), bounds[0])
        add(node, term("latestDate"), bounds[1])
        precision = ev.get("datePrecision")
        add(node, term("datePrecision"), Literal(precision if precision in ("month", "year", "range") else
                                                 range_precision(*ev["dateRange"])))


def range_precision(first: str, last: str) -> str:
    """``month`` or ``year`` when two days bound exactly one calendar month or year, else ``range``.

    >>> range_precision("2022-03-01", "2022-03-31"), range_precision("2022-01-01", "2022-12-31")
    ('month', 'year')
    """
    if first[:4] == last[:4] and first[5:] == "01-01" and last[5:] == "12-31":
        return "year"
    end = dt.date.fromisoformat(last) + dt.timedelta(days=1)
    return "month" if first[:7] == last[:7] and first[8:] == "01" and end.day == 1 else "range"


def _provenance(add, node: NamedNode, g: NamedNode, item: dict) -> None:
    add(node, term("article"), g)
    add(node, PROV_DERIVED, g)
    if item.get("evidence"):
        add(node, term("evidence"), Literal(item["evidence"]))
    add(node, term("confidence"), _decimal(item.get("confidence", 0.5)))


def event_label(event: dict) -> str:
    """A short human label for an event.

    >>> event_label({"type": "Capture", "place": "Kupiansk", "agents": ["Russia"]})
    'Capture of Kupiansk by Russia'
    """
    text = event["type"]
    if event.get("place"):
        text += f" {'of' if event['type'] in ('Capture', 'Encirclement') else 'at'} {event['place']}"
    if event.get("agents"):
        text += " by " + ", ".join(event["agents"])
    return text


def build_records(records: Iterable[tuple[dict, str]]) -> Iterator[ArticleRDF]:
    """Build every (record, content hash) pair."""
    for record, content_hash in records:
        yield build_article(record, content_hash)
