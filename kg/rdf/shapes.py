"""Check a knowledge graph against ``ontology/shapes.ttl`` and say in plain English what is wrong.

All named graphs (of an rdflib Dataset or a pyoxigraph Store) are merged into one graph, which pySHACL validates
with ``ontology/kg.ttl`` as its ontology and RDFS inference, so a shape on ``kg:Event`` also reaches ``kg:Capture``.

>>> validate(Graph())
[]
>>> from kg.rdf.vocab import KG
>>> event = URIRef("https://w3id.org/kg-news/id/event/0123456789abcdef/1")
>>> describe(Violation(event, KG.date, "Event date must be a single xsd:date"))
'<https://w3id.org/kg-news/id/event/0123456789abcdef/1> (kg:date): Event date must be a single xsd:date'
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.rdf.vocab import GEO, NS, SCHEMA, SEM
from kg.resources import resource

Triple = tuple[Node, Node, Node]
Data = Graph | ox.Store | Iterable[tuple[Node, ...] | ox.Quad | ox.Triple]
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")

PREFIXES = {"kg": NS, "rdf": str(rdfns.RDF), "rdfs": str(rdfns.RDFS), "owl": str(rdfns.OWL), "xsd": str(rdfns.XSD),
            "skos": str(rdfns.SKOS), "dcterms": str(rdfns.DCTERMS), "prov": str(rdfns.PROV), "schema": str(SCHEMA),
            "sem": str(SEM), "geo": str(GEO)}


@dataclass(frozen=True)
class Violation:
    """One failed SHACL constraint: the node it is about, the property, why it failed and how bad it is."""

    focus: Node
    path: Node | None
    message: str
    severity: str = "Violation"
    value: Node | None = None


def validate(data: Data) -> list[Violation]:
    """Check a Graph, Dataset, pyoxigraph Store or iterable of triples/quads; ``[]`` means well-formed."""
    shapes, ontology = _shapes_and_ontology()
    _, results, _ = pyshacl.validate(
        _flatten(data), shacl_graph=shapes, ont_graph=ontology, inference="rdfs", inplace=True,
        allow_infos=True, allow_warnings=True,
    )
    violations = {_violation(results, result) for result in results.subjects(rdfns.RDF.type, rdfns.SH.ValidationResult)}
    return sorted(violations, key=lambda v: (str(v.focus), str(v.path), v.message, str(v.value)))


def describe(violation: Violation) -> str:
    """Return one plain-English line for a violation: ``<focus> (kg:path): message``."""
    focus = violation.focus.n3(_namespaces() if isinstance(violation.focus, Literal) else None)
    if isinstance(violation.path, URIRef):
        return f"{focus} ({violation.path.n3(_namespaces())}): {violation.message}"
    return f"{focus}: {violation.message}"


def _flatten(data: Data) -> Graph:
    """Copy the triples of a graph, of every graph of a dataset or store, or of loose triples/quads into one Graph."""
    if isinstance(data, ConjunctiveGraph):
        triples: Iterable[Triple] = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    elif isinstance(data, Graph):
        triples = iter(data)
    else:
        triples = (_triple(item) for item in data)
    graph = Graph()
    for s, p, o in triples:
        graph.add((s, p, _plain(o)))
    return graph


def _plain(term: Node) -> Node:
    """Return ``"x"^^xsd:string`` as the plain literal ``"x"``: the same RDF term, but rdflib tells them apart."""
    if isinstance(term, Literal) and term.datatype == XSD_STRING:
        return Literal(str(term))
    return term


def _triple(item: object) -> Triple:
    """Return the triple of an rdflib or pyoxigraph triple or quad; TypeError for anything else."""
    if isinstance(item, (ox.Quad, ox.Triple)):
        return _from_ox(item.subject), _from_ox(item.predicate), _from_ox(item.object)
    if isinstance(item, tuple) and len(item) in (3, 4) and all(isinstance(term, Node) for term in item[:3]):
        return item[0], item[1], item[2]
    raise TypeError(f"expected an rdflib or pyoxigraph triple or quad, got {item!r}")


def _from_ox(term: object) -> Node:
    """Return the rdflib term for a pyoxigraph IRI, blank node or literal."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"expected an IRI, blank node or literal, got {term!r}")


def _violation(results: Graph, result: Node) -> Violation:
    """Turn one sh:ValidationResult of a pySHACL results graph into a Violation."""
    messages = sorted(str(m) for m in results.objects(result, rdfns.SH.resultMessage))
    severity = results.value(result, rdfns.SH.resultSeverity)
    component = results.value(result, rdfns.SH.sourceConstraintComponent)
    path = results.value(result, rdfns.SH.resultPath)
    return Violation(
        focus=results.value(result, rdfns.SH.focusNode),
        path=path if isinstance(path, URIRef) else None,
        message=messages[0] if messages else f"constraint {_local(component)} failed",
        severity=_local(severity) if severity is not None else "Violation",
        value=results.value(result, rdfns.SH.value),
    )


def _local(term: Node | None) -> str:
    """Return the local name of an IRI such as sh:Violation."""
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    """Parse ontology/shapes.ttl and ontology/kg.ttl once."""
    shapes = Graph().parse(resource("ontology", "shapes.ttl"), format="turtle")
    ontology = Graph().parse(resource("ontology", "kg.ttl"), format="turtle")
    return shapes, ontology


@lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    """Return the prefixes used to shorten IRIs in describe()."""
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    return manager


def validate_store(store) -> list[Violation]:
    """Validate every quad of a :class:`kg.store.local.Store` (all article graphs and the entities graph together)."""
    return validate(list(store.quads()))
