"""Records -> RDF quads: the only module that mints IRIs.

An article becomes one named graph (its IRI minted from the content hash) holding its events and
relation statements; entity descriptions go to the shared entities graph so that every article
points at the same IRI for the same thing.

>>> entity_iri({"label": "Kupyansk", "type": "Place", "geonames": 704839}).value
'https://w3id.org/kg-news/id/entity/place/gn704839'
>>> entity_iri({"label": "Valery Gerasimov", "type": "Person"}).value
'https://w3id.org/kg-news/id/entity/person/valiri-hirasimiv'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.names import fold
from kg.rdf.vocab import COUNTS, ENTITIES_GRAPH, GEO, ID, KG, SCHEMA, WD

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_SUBJECT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
RDF_PREDICATE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
RDF_OBJECT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
OWL_SAME = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
PROV_DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
DCT_TITLE = NamedNode("http://purl.org/dc/terms/title")
DCT_SOURCE = NamedNode("http://purl.org/dc/terms/source")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DATE = NamedNode(XSD + "date")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_INTEGER = NamedNode(XSD + "integer")
ENTITIES = NamedNode(ENTITIES_GRAPH)

PREFIXES = {
    "kg": str(KG._NS), "id": ID, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "xsd": XSD, "geo": str(GEO), "schema": str(SCHEMA),
    "wd": str(WD),
}
SERIALIZE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"}
MAX_SLUG = 80
_SEGMENT = {"Person": "person", "MilitaryUnit": "unit", "Organization": "org", "Country": "country",
            "Place": "place"}


def term(name: str) -> NamedNode:
    """The ontology term ``kg:name`` as a pyoxigraph node (fails on names not in the vocabulary)."""
    return NamedNode(str(getattr(KG, name)))


def slug(text: str) -> str:
    """A stable IRI segment for a label: lower case, hyphens, Latin letters without accents, other scripts kept.

    Labels with no letters or digits, and very long ones, end in a hash of the label so they stay distinct.

    >>> slug("2nd Corps “Khartia”"), slug("Łódź"), slug("محمد علي"), slug("🚀 <> 🚀")
    ('2nd-corps-khartia', 'łodz', 'محمد-علي', 'x-e64173df3522')
    >>> len(slug("Kyiv " * 2000))
    77
    """
    parts = []
    for ch in unicodedata.normalize("NFC", text):
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base.isascii() and base.isalnum():
            parts.append(base.lower())
        elif unicodedata.category(ch)[0] in "LNM" and not base.isascii() and all(_iri_char(ord(c)) for c in ch.lower()):
            parts.append(ch.lower())
        else:
            parts.append("-")
    out = re.sub(r"-+", "-", "".join(parts)).strip("-")
    if out and len(out) <= MAX_SLUG:
        return out
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{out[:MAX_SLUG - 16].rstrip('-')}-{digest}" if out else f"x-{digest}"


def entity_key(entity: dict) -> str:
    """The cross-article identity of an entity: GeoNames id for places, else type and folded label."""
    segment = _SEGMENT.get(entity["type"], "place")
    if entity.get("geonames") and segment in ("place", "country"):
        return f"{segment}/gn{int(entity['geonames'])}"
    label = entity["label"]
    other = "".join(ch if _other_script(ch) else " " for ch in label).split()
    return f"{segment}/{slug(' '.join([fold(label), *other]).strip() or label)}"


def _other_script(ch: str) -> bool:
    """A letter or digit that transliteration folding drops (neither ASCII, Latin nor Cyrillic)."""
    return (not ch.isascii() and unicodedata.category(ch)[0] in "LNM"
            and not unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC", "COMBINING")))


def _iri_char(code: int) -> bool:
    """Whether a non-ASCII code point may stand unescaped in an IRI (RFC 3987 ``ucschar``).

    >>> _iri_char(0x0416), _iri_char(0xE0100)
    (True, False)
    """
    if code < 0x10000:
        return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
    return (code & 0xFFFF) <= 0xFFFD and not 0xE0000 <= code <= 0xE0FFF


def entity_iri(entity: dict) -> NamedNode:
    """IRI of an entity record, shared by every article that mentions the same thing (or the stored
    entity that :mod:`kg.pipeline.resolve` matched it to)."""
    resolved = (entity.get("resolved") or {}).get("iri", "")
    if resolved.startswith(f"{ID}entity/"):
        return NamedNode(resolved)
    return NamedNode(f"{ID}entity/{entity_key(entity)}")


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


def article_iri(content_hash: str) -> NamedNode:
    """IRI (and graph name) of an article, minted from its content hash."""
    return NamedNode(f"{ID}article/{content_hash[:16]}")


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
    anonymous = NamedNode(f"{ID}source/{content_hash[:16]}/anonymous")

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
        st = NamedNode(f"{ID}statement/{content_hash[:16]}/{n}")
        add(st, RDF_TYPE, term("RelationStatement"))
        add(st, RDF_SUBJECT, s)
        add(st, RDF_PREDICATE, pred)
        add(st, RDF_OBJECT, o)
        _provenance(add, st, g, rel)
        claim("statement", n, st, rel)

    for n, ev in enumerate(record.get("events", [])):
        node = NamedNode(f"{ID}event/{content_hash[:16]}/{n}")
        add(node, RDF_TYPE, term(ev["type"]))
        add(node, RDFS_LABEL, Literal(event_label(ev)))
        for agent in ev.get("agents", []):
            add(node, term("agent"), nodes.get(agent))
        add(node, term("place"), nodes.get(ev.get("place")))
        add(node, term("date"), _date(ev.get("date")))
        if not ev.get("date") and ev.get("dateRange"):
            add(node, term("earliestDate"), _date(ev["dateRange"][0]))
            add(node, term("latestDate"), _date(ev["dateRange"][1]))
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
        add(anonymous, RDFS_LABEL, Literal("unnamed sources"))
    merges = ((entity_iri(e), alias, reason) for e in record.get("entities", [])
              for alias, reason in article_aliases(e).items())
    for n, (entity, alias, reason) in enumerate(merges):
        node = NamedNode(f"{ID}merge/{content_hash[:16]}/{n}")
        add(node, RDF_TYPE, term("AliasMerge"))
        add(node, term("mergedInto"), entity)
        add(node, term("alias"), Literal(alias))
        add(node, term("mergeReason"), Literal(reason))
        add(node, term("article"), g)

    ents = [q for e in record.get("entities", []) for q in entity_quads(e)]
    if outlet and any(q.object == voice for q in quads):
        ents += entity_quads(outlet)
    return ArticleRDF(g, quads, ents, record["article"], content_hash)


def claim_iri(content_hash: str, kind: str, n: int, role: str = "") -> NamedNode:
    """IRI of the claim an article makes about its ``n``-th event or relation statement (``kind``).

    ``role="reported"`` names the assertion that a denial in the article answers.

    >>> claim_iri("ab" * 32, "event", 3).value
    'https://w3id.org/kg-news/id/claim/abababababababab/event-3'
    >>> claim_iri("ab" * 32, "event", 3, "reported").value
    'https://w3id.org/kg-news/id/claim/abababababababab/event-3-reported'
    """
    return NamedNode(f"{ID}claim/{content_hash[:16]}/{kind}-{n}" + (f"-{role}" if role else ""))


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


def records_to_trig(records: Iterable[tuple[dict, str]]) -> str:
    """TriG text of the RDF that storing these (record, content hash) pairs would write."""
    from pyoxigraph import RdfFormat, serialize

    quads = [q for rdf in build_records(records) for q in (*rdf.quads, *rdf.entity_quads)]
    return serialize(quads, format=RdfFormat.TRIG, prefixes=SERIALIZE_PREFIXES).decode("utf-8")
