"""The IRIs of kg: the only module that mints them (entities, articles, claims) and the RDF terms kg writes.

>>> entity_iri({"label": "Kupyansk", "type": "Place", "geonames": 704839}).value
'https://w3id.org/kg-news/id/entity/place/gn704839'
>>> entity_iri({"label": "Valery Gerasimov", "type": "Person"}).value
'https://w3id.org/kg-news/id/entity/person/valery-gerasimov'
>>> entity_iri({"label": "Ukraine", "type": "Country"}).value
'https://w3id.org/kg-news/id/entity/country/ukraine'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from kg.rdf.vocab import ENTITIES_GRAPH, GEO, ID, KG, SCHEMA, WD

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
    """The IRI path of an entity: GeoNames id for places, else type and the slug of its canonical label.

    The label is canonical by a fixed rule: the gazetteer's name for a known actor or place, else the name the
    article uses most (:mod:`kg.extract.entities`); an entity the store already holds keeps its IRI
    (:mod:`kg.pipeline.resolve` passes it in ``resolved``), so a later spelling never renames it.

    >>> entity_key({"label": "Oleksandr Syrskyi", "type": "Person"}), entity_key({"label": "Київ", "type": "Place"})
    ('person/oleksandr-syrskyi', 'place/київ')
    """
    segment = _SEGMENT.get(entity["type"], "place")
    if entity.get("geonames") and segment in ("place", "country"):
        return f"{segment}/gn{int(entity['geonames'])}"
    return f"{segment}/{slug(entity['label'])}"


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


def article_iri(content_hash: str) -> NamedNode:
    """IRI (and graph name) of an article, minted from its content hash."""
    return NamedNode(f"{ID}article/{content_hash[:16]}")


def claim_iri(content_hash: str, kind: str, n: int, role: str = "") -> NamedNode:
    """IRI of the claim an article makes about its ``n``-th event or relation statement (``kind``).

    ``role="reported"`` names the assertion that a denial in the article answers.

    >>> claim_iri("ab" * 32, "event", 3).value
    'https://w3id.org/kg-news/id/claim/abababababababab/event-3'
    >>> claim_iri("ab" * 32, "event", 3, "reported").value
    'https://w3id.org/kg-news/id/claim/abababababababab/event-3-reported'
    """
    return NamedNode(f"{ID}claim/{content_hash[:16]}/{kind}-{n}" + (f"-{role}" if role else ""))


def article_part_iri(kind: str, content_hash: str, n: int | None = None) -> NamedNode:
    """IRI of the ``n``-th ``event``, ``statement`` or alias ``merge`` of an article, or of its ``anonymous`` source.

    >>> article_part_iri("event", "ab" * 32, 3).value, article_part_iri("anonymous", "ab" * 32).value
    ('https://w3id.org/kg-news/id/event/abababababababab/3', 'https://w3id.org/kg-news/id/source/abababababababab/anonymous')
    """
    if kind == "anonymous":
        return NamedNode(f"{ID}source/{content_hash[:16]}/anonymous")
    return NamedNode(f"{ID}{kind}/{content_hash[:16]}/{n}")
