"""Check a knowledge graph against ``ontology/shapes.ttl`` and say in plain English what is wrong.

All named graphs (of an rdflib Dataset or a pyoxigraph Store) are merged into one graph, which pySHACL validates
with ``ontology/kg.ttl`` as its ontology and RDFS inference, so a shape on ``kg:Event`` also reaches ``kg:Capture``.

A kg store is validated in parts (:func:`validate_store`): pySHACL holds its data in rdflib, which needs ~1.6 GB
for 1M quads and then infers and checks for hours. Each part is a run of article graphs with the descriptions of
the entities they mention (from the entities graph), up to :data:`BATCH_QUADS` quads; a store that small is one
part, the same as validating it whole.

>>> validate(Graph())
[]
>>> from kg.rdf.vocab import KG
>>> event = URIRef("https://w3id.org/kg-news/id/event/0123456789abcdef/1")
>>> describe(Violation(event, KG.date, "Event date must be a single xsd:date"))
'<https://w3id.org/kg-news/id/event/0123456789abcdef/1> (kg:date): Event date must be a single xsd:date'
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.rdf.vocab import ENTITIES_GRAPH, GEO, NS, SCHEMA, SEM
from kg.resources import resource

Triple = tuple[Node, Node, Node]
Data = Graph | ox.Store | Iterable[tuple[Node, ...] | ox.Quad | ox.Triple]
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
BATCH_QUADS = 20_000  # quads validated together (about 25 s of pySHACL)

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
    return _sorted({_violation(results, r) for r in results.subjects(rdfns.RDF.type, rdfns.SH.ValidationResult)})


def _sorted(violations: Iterable[Violation]) -> list[Violation]:
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


def validate_store(store: Any, batch_quads: int = BATCH_QUADS,
                   progress: Callable[[int, int], None] | None = None) -> list[Violation]:
    """Validate every quad of a :class:`kg.store.local.Store` or a remote store part by part (see
    :func:`store_parts`); ``progress(graphs done, graphs)`` is called after each part."""
    found: set[Violation] = set()
    for done, total, part in store_parts(store, batch_quads):
        found.update(validate(part))
        if progress is not None:
            progress(done, total)
    return _sorted(found)


def store_parts(store: Any, batch_quads: int = BATCH_QUADS) -> Iterator[tuple[int, int, list[ox.Quad]]]:
    """``(graphs done, graphs, quads)`` parts of a store to validate in turn: whole article graphs (and the default
    graph) in runs of up to ``batch_quads`` quads, each with the entities graph's description of every node they
    mention, then the descriptions no graph mentions. A node described in one part is described in full there.

    Findings equal those of the whole store except where one part would lend another a type (an entity typed only
    by another article's use of it as an agent or place); kg's own stores hold none such.
    """
    entities = ox.NamedNode(ENTITIES_GRAPH)
    described: dict[Any, list[ox.Quad]] = {}
    for quad in store.quads(entities):
        described.setdefault(quad.subject, []).append(quad)
    graphs = [g for g in store.graphs() if g != entities]
    part: list[ox.Quad] = []
    shown: set = set()  # nodes described in the current part
    used: set = set()  # nodes described in any part
    for done, graph in enumerate([*graphs, ox.DefaultGraph()], 1):
        quads = list(_graph_quads(store, graph))
        nodes = {t for q in quads for t in (q.subject, q.object) if t in described}
        if part and len(part) + len(quads) + sum(len(described[n]) for n in nodes - shown) > batch_quads:
            yield done - 1, len(graphs), part
            part, shown = [], set()
        part += quads + [d for n in nodes - shown for d in described[n]]
        shown |= nodes
        used |= nodes
    for quads in (quads for n, quads in described.items() if n not in used):
        if part and len(part) + len(quads) > batch_quads:
            yield len(graphs), len(graphs), part
            part = []
        part += quads
    if part:
        yield len(graphs), len(graphs), part


def _graph_quads(store: Any, graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
    """The quads of one graph; none from the default graph of a SPARQL endpoint (kg writes none there)."""
    if isinstance(graph, ox.DefaultGraph) and not isinstance(getattr(store, "location", None), Path):
        return iter(())
    return store.quads(graph)
