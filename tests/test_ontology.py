"""ontology/kg.ttl: parses with rdflib and Oxigraph, defines exactly the terms of kg.rdf.vocab.KG, and aligns them."""

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.resources import resource
from kg.rdf.vocab import EVENT_CLASSES, KG, NS, SCHEMA, SEM, WD

XSD_NS = Namespace("http://www.w3.org/2001/XMLSchema#")  # not rdflib's XSD: it warns under doctest collection
ONTOLOGY = URIRef("https://w3id.org/kg-news/ontology")
TERMS = sorted(KG.__annotations__)
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
ALIGNMENT = {RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty, SKOS.closeMatch,
             SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resource("ontology", "kg.ttl"), format="turtle")


def kg_iris(graph: Graph) -> set[URIRef]:
    """Every IRI in the kg: namespace that the graph uses, in any position."""
    return {term for triple in graph for term in triple if isinstance(term, URIRef) and str(term).startswith(NS)}


def test_parses_with_pyoxigraph(ontology: Graph) -> None:
    triples = set(pyoxigraph.parse(path=str(resource("ontology", "kg.ttl")), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(ontology) > 0


def test_oxigraph_sees_every_class() -> None:
    store = pyoxigraph.Store()
    store.load(path=str(resource("ontology", "kg.ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    query = f"""PREFIX owl: <{OWL}>
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a owl:Class FILTER(STRSTARTS(STR(?c), "{NS}")) }}"""
    (row,) = list(store.query(query))
    assert int(row["n"].value) == sum(1 for term in TERMS if term[0].isupper())


def test_has_an_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for prop in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert ontology.value(ONTOLOGY, prop) is not None, prop


@pytest.mark.parametrize("term", TERMS)
def test_vocab_term_is_declared_and_documented(ontology: Graph, term: str) -> None:
    iri = KG[term]
    declared = set(ontology.objects(iri, RDF.type)) & DECLARATIONS
    expected = {OWL.Class} if term[0].isupper() else {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(declared) == 1 and declared <= expected, f"kg:{term} is not declared as one of {expected}"
    for prop in (RDFS.label, RDFS.comment):
        values = list(ontology.objects(iri, prop))
        assert len(values) == 1, f"kg:{term} needs exactly one {prop}"
        assert isinstance(values[0], Literal) and values[0].language == "en"
    comment = str(ontology.value(iri, RDFS.comment))
    assert comment[0].isupper() and comment.endswith(".") and comment.count(". ") == 0, comment


def test_every_kg_iri_is_in_the_vocabulary(ontology: Graph) -> None:
    assert {str(iri)[len(NS):] for iri in kg_iris(ontology)} <= set(TERMS)


@pytest.mark.parametrize(("sub", "sup"), [
    ("Person", "Actor"), ("MilitaryUnit", "Actor"), ("Organization", "Actor"),
    ("Country", "Actor"), ("Country", "Place"),
    ("Settlement", "Place"), ("Region", "Place"), ("Waterbody", "Place"), ("NewsOutlet", "Organization"),
    *((event, "Event") for event in EVENT_CLASSES),
])
def test_class_hierarchy(ontology: Graph, sub: str, sup: str) -> None:
    assert (KG[sub], RDFS.subClassOf, KG[sup]) in ontology


@pytest.mark.parametrize(("prop", "characteristic"), [
    ("met", OWL.SymmetricProperty),
    ("locatedIn", OWL.TransitiveProperty),
    ("article", OWL.FunctionalProperty),
])
def test_property_characteristics(ontology: Graph, prop: str, characteristic: URIRef) -> None:
    assert (KG[prop], RDF.type, characteristic) in ontology


@pytest.mark.parametrize(("prop", "domain", "range_"), [
    ("reportedTo", KG.Actor, KG.Actor), ("met", KG.Actor, KG.Actor), ("operatesNear", KG.Actor, KG.Place),
    ("locatedIn", KG.Place, KG.Place), ("visited", KG.Actor, KG.Place), ("memberOf", KG.Actor, KG.Actor),
    ("leads", KG.Actor, KG.Actor), ("commands", KG.Actor, KG.Actor),
    ("agent", KG.Event, KG.Actor), ("place", KG.Event, KG.Place),
    ("claimedBy", {KG.Event, KG.Claim}, {KG.Actor, KG.AnonymousSource, KG.Article}),
    ("polarity", {KG.Event, KG.Claim}, XSD_NS.string), ("about", KG.Claim, {KG.Event, KG.RelationStatement}),
    ("claimDate", KG.Claim, XSD_NS.date),
    ("killed", KG.Event, XSD_NS.integer), ("wounded", KG.Event, XSD_NS.integer),
    ("trapped", KG.Event, XSD_NS.integer), ("captured", KG.Event, XSD_NS.integer),
    ("equipmentDestroyed", KG.Event, XSD_NS.integer),
    ("mentions", KG.Article, None), ("article", None, KG.Article), ("date", None, XSD_NS.date),
    ("confidence", None, XSD_NS.decimal), ("geonamesId", KG.Place, XSD_NS.integer),
    ("fileName", KG.Article, XSD_NS.string), ("contentHash", KG.Article, XSD_NS.string),
])
def test_domain_and_range(ontology: Graph, prop: str, domain, range_) -> None:
    if domain is not None:
        assert _classes(ontology, ontology.value(KG[prop], RDFS.domain)) == _classes(ontology, domain)
    if range_ is not None:
        assert _classes(ontology, ontology.value(KG[prop], RDFS.range)) == _classes(ontology, range_)


def _classes(ontology: Graph, node) -> set:
    """The members of an owl:unionOf class (or a set of classes), else the class itself."""
    if isinstance(node, set):
        return node
    union = ontology.value(node, OWL.unionOf)
    return set(Collection(ontology, union)) if union is not None else {node}


@pytest.mark.parametrize("external", [
    SEM.Event, SEM.Actor, SEM.Place, SEM.hasActor, SEM.hasPlace, SEM.hasTimeStamp, SEM.accordingTo,
    PROV.wasDerivedFrom, PROV.Entity,
    SCHEMA.Person, SCHEMA.Organization, SCHEMA.Country, SCHEMA.Place, SCHEMA.Event, SCHEMA.NewsArticle,
    WD.Q5, WD.Q176799, WD.Q43229, WD.Q6256, WD.Q486972, WD.Q82794, WD.Q15324, WD.Q1190554,
], ids=str)
def test_external_term_is_aligned(ontology: Graph, external: URIRef) -> None:
    assert any(str(s).startswith(NS) and p in ALIGNMENT for s, p in ontology.subject_predicates(external))


@pytest.mark.parametrize(("term", "prop", "external"), [
    (KG.article, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.agent, RDFS.subPropertyOf, SEM.hasActor),
    (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.Article, RDFS.subClassOf, PROV.Entity),
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Actor, RDFS.subClassOf, SEM.Actor),
    (KG.Place, RDFS.subClassOf, SEM.Place),
    (KG.MilitaryUnit, RDFS.subClassOf, SCHEMA.Organization),
    (KG.RelationStatement, RDFS.subClassOf, RDF.Statement),
    (KG.Claim, RDFS.subClassOf, PROV.Entity),
    (KG.Claim, RDFS.subClassOf, SCHEMA.Claim),
    (KG.AnonymousSource, RDFS.subClassOf, PROV.Agent),
    (KG.about, RDFS.subPropertyOf, SCHEMA.about),
])
def test_alignment_is_subsumption(ontology: Graph, term: URIRef, prop: URIRef, external: URIRef) -> None:
    assert (term, prop, external) in ontology
