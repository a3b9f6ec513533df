"""kg.rdf.shapes: a hand-built graph following docs/model.md is well-formed; each kind of damage is reported."""

from decimal import Decimal

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS

from kg.resources import resource
from kg.rdf.shapes import Violation, describe, validate
from kg.rdf.vocab import ENTITIES_GRAPH, GEO, ID, KG, SCHEMA

ARTICLE = URIRef(ID + "article/0123456789abcdef")
ENTITIES = URIRef(ENTITIES_GRAPH)
EVENT = URIRef(ID + "event/0123456789abcdef/1")
STATEMENT = URIRef(ID + "statement/0123456789abcdef/1")
CLAIM = URIRef(ID + "claim/0123456789abcdef/event-1")
STATEMENT_CLAIM = URIRef(ID + "claim/0123456789abcdef/statement-1")
MERGE = URIRef(ID + "merge/0123456789abcdef/0")
GERASIMOV = URIRef(ID + "entity/person/valery-gerasimov")
PUTIN = URIRef(ID + "entity/person/vladimir-putin")
RUSSIA = URIRef(ID + "entity/country/russia")
KUPIANSK = URIRef(ID + "entity/place/gn704839")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")  # not rdflib's XSD: it warns under doctest collection
SENTENCE = "Units of the Battlegroup West have liberated the city of Kupyansk, Gerasimov told Putin."

ENTITY_TRIPLES = [
    (GERASIMOV, RDF.type, KG.Person),
    (GERASIMOV, RDFS.label, Literal("Valery Gerasimov")),
    (GERASIMOV, SKOS.altLabel, Literal("Gerasimov")),
    (PUTIN, RDF.type, KG.Person),
    (PUTIN, RDFS.label, Literal("Vladimir Putin")),
    (RUSSIA, RDF.type, KG.Country),
    (RUSSIA, RDFS.label, Literal("Russia")),
    (KUPIANSK, RDF.type, KG.Settlement),
    (KUPIANSK, RDFS.label, Literal("Kupiansk")),
    (KUPIANSK, SKOS.altLabel, Literal("Kupyansk")),
    (KUPIANSK, GEO.lat, Literal(49.71)),
    (KUPIANSK, GEO.long, Literal(37.61)),
    (KUPIANSK, KG.geonamesId, Literal(704839)),
    (KUPIANSK, KG.adminRegion, Literal("Kharkiv Oblast")),
    (KUPIANSK, KG.precision, Literal("settlement")),
]

ARTICLE_TRIPLES = [
    (ARTICLE, RDF.type, KG.Article),
    (ARTICLE, KG.fileName, Literal("000_kupiansk.txt")),
    (ARTICLE, DCTERMS.title, Literal("Russia claims Kupiansk")),
    (ARTICLE, KG.date, Literal("2025-11-21", datatype=XSD_DATE)),
    (ARTICLE, SCHEMA.url, Literal("https://example.org/kupiansk")),
    (ARTICLE, KG.contentHash, Literal("0123456789abcdef" * 4)),
    *((ARTICLE, KG.mentions, entity) for entity in (GERASIMOV, PUTIN, RUSSIA, KUPIANSK)),
    (GERASIMOV, KG.reportedTo, PUTIN),
    (STATEMENT, RDF.type, KG.RelationStatement),
    (STATEMENT, RDF.subject, GERASIMOV),
    (STATEMENT, RDF.predicate, KG.reportedTo),
    (STATEMENT, RDF.object, PUTIN),
    (STATEMENT, KG.evidence, Literal(SENTENCE)),
    (STATEMENT, KG.confidence, Literal(Decimal("0.8"))),
    (STATEMENT, KG.article, ARTICLE),
    (STATEMENT, PROV.wasDerivedFrom, ARTICLE),
    (EVENT, RDF.type, KG.Capture),
    (EVENT, RDFS.label, Literal("Capture of Kupiansk")),
    (EVENT, KG.agent, RUSSIA),
    (EVENT, KG.place, KUPIANSK),
    (EVENT, KG.date, Literal("2025-11-20", datatype=XSD_DATE)),
    (EVENT, KG.claimedBy, GERASIMOV),
    (EVENT, KG.polarity, Literal("asserted")),
    (EVENT, KG.evidence, Literal(SENTENCE)),
    (EVENT, KG.confidence, Literal(Decimal("0.7"))),
    (EVENT, KG.killed, Literal(1000)),
    (EVENT, KG.countQualifier, Literal("killed: over")),
    (EVENT, KG.article, ARTICLE),
    (EVENT, PROV.wasDerivedFrom, ARTICLE),
    (CLAIM, RDF.type, KG.Claim),
    (CLAIM, KG.about, EVENT),
    (CLAIM, KG.claimedBy, GERASIMOV),
    (CLAIM, KG.claimDate, Literal("2025-11-21", datatype=XSD_DATE)),
    (CLAIM, KG.polarity, Literal("asserted")),
    (CLAIM, KG.confidence, Literal(Decimal("0.7"))),
    (CLAIM, PROV.wasDerivedFrom, ARTICLE),
    (STATEMENT_CLAIM, RDF.type, KG.Claim),
    (STATEMENT_CLAIM, KG.about, STATEMENT),
    (STATEMENT_CLAIM, KG.claimedBy, ARTICLE),
    (STATEMENT_CLAIM, KG.polarity, Literal("asserted")),
    (STATEMENT_CLAIM, KG.confidence, Literal(Decimal("0.8"))),
    (STATEMENT_CLAIM, PROV.wasDerivedFrom, ARTICLE),
    (MERGE, RDF.type, KG.AliasMerge),
    (MERGE, KG.mergedInto, KUPIANSK),
    (MERGE, KG.alias, Literal("Kupyansk")),
    (MERGE, KG.mergeReason, Literal("transliteration")),
    (MERGE, KG.article, ARTICLE),
]


def quads(remove: tuple = (), add: tuple = ()) -> list[tuple]:
    """Return the quads of the well-formed example, less ``remove`` and plus ``add`` (triples of the article graph)."""
    entities = [(*t, ENTITIES) for t in ENTITY_TRIPLES if t not in remove]
    article = [(*t, ARTICLE) for t in ARTICLE_TRIPLES if t not in remove]
    return entities + article + [(*t, ARTICLE) for t in add]


def dataset(remove: tuple = (), add: tuple = ()) -> Dataset:
    """Return the example as a Dataset with an entities graph and one article graph."""
    ds = Dataset()
    for s, p, o, g in quads(remove, add):
        ds.graph(g).add((s, p, o))
    return ds


def as_graph(ds: Dataset) -> Graph:
    """Return the union of a dataset's graphs as one Graph."""
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def as_store(ds: Dataset) -> pyoxigraph.Store:
    """Return the dataset loaded into an in-memory Oxigraph store."""
    lines = "".join(" ".join(term.n3() for term in quad) + " .\n" for quad in ds.quads((None, None, None, None)))
    store = pyoxigraph.Store()
    store.load(lines, format=pyoxigraph.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("form", [
    pytest.param(dataset, id="dataset"),
    pytest.param(lambda: as_store(dataset()), id="oxigraph-store"),
    pytest.param(lambda: list(as_store(dataset())), id="oxigraph-quads"),
    pytest.param(lambda: as_graph(dataset()), id="graph"),
    pytest.param(quads, id="quads"),
    pytest.param(lambda: [q[:3] for q in quads()], id="triples"),
])
def test_well_formed_graph_has_no_violations(form) -> None:
    assert validate(form()) == []


def test_string_typed_literals_count_as_plain_strings() -> None:
    string = URIRef("http://www.w3.org/2001/XMLSchema#string")
    polarity = (EVENT, KG.polarity, Literal("asserted"))
    assert validate(quads(remove=(polarity,), add=((EVENT, KG.polarity, Literal("asserted", datatype=string)),))) == []


def test_every_named_shape_has_a_plain_english_message() -> None:
    shapes = Graph().parse(resource("ontology", "shapes.ttl"), format="turtle")
    named = {s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)}
    assert len(named) > 20
    for shape in named:
        messages = list(shapes.objects(shape, SH.message))
        assert len(messages) == 1 and messages[0].language == "en", shape


def test_shapes_parse_with_pyoxigraph() -> None:
    path = str(resource("ontology", "shapes.ttl"))
    assert len(set(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))) > 100


def test_empty_graph_is_well_formed() -> None:
    assert validate(Dataset()) == []


def test_validate_leaves_its_input_alone() -> None:
    ds = dataset()
    before = set(ds.quads((None, None, None, None)))
    validate(ds)
    assert set(ds.quads((None, None, None, None))) == before


@pytest.mark.parametrize("data", [[("a", "b", "c")], [(EVENT, KG.date)], ["not a triple"]])
def test_rejects_what_is_not_rdf(data: list) -> None:
    with pytest.raises(TypeError, match="triple or quad"):
        validate(data)


def test_oxigraph_store_is_checked_like_a_dataset() -> None:
    broken = dataset(add=((EVENT, KG.polarity, Literal("maybe")),))
    assert validate(as_store(broken)) == validate(broken) != []


BROKEN = [
    ("event without article", EVENT,
     [(EVENT, KG.article, ARTICLE)], [], "Event has no article it came from"),
    ("event from two articles", EVENT,
     [], [(EVENT, KG.article, URIRef(ID + "article/fedcba9876543210"))], "more than one article"),
    ("date as plain string", EVENT,
     [(EVENT, KG.date, Literal("2025-11-20", datatype=XSD_DATE))], [(EVENT, KG.date, Literal("2025-11-20"))],
     "Event date must be a single xsd:date"),
    ("confidence 1.5", EVENT,
     [(EVENT, KG.confidence, Literal(Decimal("0.7")))], [(EVENT, KG.confidence, Literal(Decimal("1.5")))],
     "between 0 and 1"),
    ("confidence as a double", STATEMENT,
     [(STATEMENT, KG.confidence, Literal(Decimal("0.8")))], [(STATEMENT, KG.confidence, Literal(0.8))],
     "must be an xsd:decimal"),
    ("entity without label", PUTIN,
     [(PUTIN, RDFS.label, Literal("Vladimir Putin"))], [], "Entity has no label"),
    ("agent without class", RUSSIA,
     [(RUSSIA, RDF.type, KG.Country)], [], "Entity has no entity class"),
    ("polarity maybe", EVENT,
     [(EVENT, KG.polarity, Literal("asserted"))], [(EVENT, KG.polarity, Literal("maybe"))],
     'polarity must be one of "asserted", "denied" or "hedged"'),
    ("negative killed count", EVENT,
     [(EVENT, KG.killed, Literal(1000))], [(EVENT, KG.killed, Literal(-3))], "non-negative"),
    ("count as a string", EVENT,
     [(EVENT, KG.killed, Literal(1000))], [(EVENT, KG.killed, Literal("1000"))], "non-negative xsd:integer"),
    ("event typed only kg:Event", EVENT,
     [(EVENT, RDF.type, KG.Capture)], [(EVENT, RDF.type, KG.Event)], "Event has no event type"),
    ("event without any type", EVENT,
     [(EVENT, RDF.type, KG.Capture)], [], "Event has no event type"),
    ("evidence as a number", EVENT,
     [(EVENT, KG.evidence, Literal(SENTENCE))], [(EVENT, KG.evidence, Literal(42))], "Evidence must be"),
    ("statement without evidence", STATEMENT,
     [(STATEMENT, KG.evidence, Literal(SENTENCE))], [], "Relation statement has no evidence"),
    ("statement without article", STATEMENT,
     [(STATEMENT, KG.article, ARTICLE)], [], "Relation statement has no article"),
    ("statement without subject", STATEMENT,
     [(STATEMENT, RDF.subject, GERASIMOV)], [], "exactly one subject"),
    ("statement with a foreign predicate", STATEMENT,
     [(STATEMENT, RDF.predicate, KG.reportedTo)], [(STATEMENT, RDF.predicate, RDFS.seeAlso)],
     "predicate must be one of the kg: relations"),
    ("article without content hash", ARTICLE,
     [(ARTICLE, KG.contentHash, Literal("0123456789abcdef" * 4))], [], "Article has no content hash"),
    ("article without file name", ARTICLE,
     [(ARTICLE, KG.fileName, Literal("000_kupiansk.txt"))], [], "Article has no file name"),
    ("latitude out of range", KUPIANSK,
     [(KUPIANSK, GEO.lat, Literal(49.71))], [(KUPIANSK, GEO.lat, Literal(149.71))], "between -90 and 90"),
    ("longitude out of range", KUPIANSK,
     [(KUPIANSK, GEO.long, Literal(37.61))], [(KUPIANSK, GEO.long, Literal(-237.61))], "between -180 and 180"),
    ("claim about nothing", CLAIM,
     [(CLAIM, KG.about, EVENT)], [], "Claim must be about exactly one event or relation statement"),
    ("claim about an entity", CLAIM,
     [(CLAIM, KG.about, EVENT)], [(CLAIM, KG.about, PUTIN)], "Claim must be about an event or a relation statement"),
    ("claim by nobody", CLAIM,
     [(CLAIM, KG.claimedBy, GERASIMOV)], [], "Claim must name who makes it"),
    ("claim by a place", CLAIM,
     [(CLAIM, KG.claimedBy, GERASIMOV)], [(CLAIM, KG.claimedBy, KUPIANSK)], "Claimant must be an actor"),
    ("claim without polarity", STATEMENT_CLAIM,
     [(STATEMENT_CLAIM, KG.polarity, Literal("asserted"))], [], "Claim polarity must be exactly one of"),
    ("claim with polarity maybe", CLAIM,
     [(CLAIM, KG.polarity, Literal("asserted"))], [(CLAIM, KG.polarity, Literal("maybe"))], "Claim polarity must be"),
    ("claim without confidence", CLAIM,
     [(CLAIM, KG.confidence, Literal(Decimal("0.7")))], [], "Claim has no confidence"),
    ("claim date as a string", CLAIM,
     [(CLAIM, KG.claimDate, Literal("2025-11-21", datatype=XSD_DATE))], [(CLAIM, KG.claimDate, Literal("Nov 21"))],
     "Claim date must be a single xsd:date"),
    ("claim without article", CLAIM,
     [(CLAIM, PROV.wasDerivedFrom, ARTICLE)], [], "Claim must come from exactly one article"),
    ("untyped claim with a claim date", STATEMENT_CLAIM,
     [(STATEMENT_CLAIM, RDF.type, KG.Claim), (STATEMENT_CLAIM, KG.about, STATEMENT)],
     [(STATEMENT_CLAIM, KG.claimDate, Literal("2025-11-21", datatype=XSD_DATE))], "Claim must be about exactly one"),
    ("merge with an unknown reason", MERGE,
     [(MERGE, KG.mergeReason, Literal("transliteration"))], [(MERGE, KG.mergeReason, Literal("hunch"))],
     "Alias merge reason must be one of"),
    ("merge without entity", MERGE, [(MERGE, KG.mergedInto, KUPIANSK)], [], "exactly one entity IRI"),
    ("geonames id as a string", KUPIANSK,
     [(KUPIANSK, KG.geonamesId, Literal(704839))], [(KUPIANSK, KG.geonamesId, Literal("704839"))],
     "GeoNames id must be"),
]


@pytest.mark.parametrize(("focus", "remove", "add", "phrase"), [pytest.param(*case[1:], id=case[0]) for case in BROKEN])
def test_broken_graph_is_reported(focus: URIRef, remove: list, add: list, phrase: str) -> None:
    violations = validate(dataset(tuple(remove), tuple(add)))
    lines = [describe(v) for v in violations]
    assert any(v.focus == focus and phrase in describe(v) for v in violations), lines
    assert all(v.severity == "Violation" for v in violations)


def test_event_without_article_reports_only_that() -> None:
    violations = validate(dataset(remove=((EVENT, KG.article, ARTICLE),)))
    expected = f"<{EVENT}> (kg:article): Event has no article it came from (kg:article)"
    assert [describe(v) for v in violations] == [expected]


def test_blank_node_events_are_checked_too() -> None:
    event = BNode()
    violations = validate(quads(add=((event, RDF.type, KG.Attack), (event, KG.polarity, Literal("maybe")))))
    assert {v.focus for v in violations} == {event}
    assert {v.path for v in violations} == {KG.article, KG.polarity}


@pytest.mark.parametrize(("violation", "line"), [
    (Violation(EVENT, KG.date, "Event date must be a single xsd:date"),
     f"<{EVENT}> (kg:date): Event date must be a single xsd:date"),
    (Violation(KUPIANSK, GEO.lat, "Latitude (geo:lat) must be a single number between -90 and 90"),
     f"<{KUPIANSK}> (geo:lat): Latitude (geo:lat) must be a single number between -90 and 90"),
    (Violation(PUTIN, RDFS.label, "Entity has no label (rdfs:label)"),
     f"<{PUTIN}> (rdfs:label): Entity has no label (rdfs:label)"),
    (Violation(EVENT, None, "Event is not well-formed"), f"<{EVENT}>: Event is not well-formed"),
])
def test_describe(violation: Violation, line: str) -> None:
    assert describe(violation) == line
