"""The RDF store: an on-disk Oxigraph database, one named graph per article.

Writes are atomic (one SPARQL update per article), so a failed or interrupted ingest leaves what the
store held before. Parameters are bound as RDF terms, written into the query as constants (:mod:`kg.store.bind`) or
else substituted, never pasted as raw text.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.names import ALIAS, LABEL, Name
from kg.rdf.build import ArticleRDF
from kg.rdf.vocab import ENTITIES_GRAPH
from kg.store import snapshot as snapshots
from kg.store import version as meta
from kg.store.bind import bind_constants
from kg.store.sparql import syntax_error, with_prefixes
from kg.store.support import Plan, plan_removal

DEFAULT_LOCATION = "kg-store"
Row = dict[str, "ox.NamedNode | ox.Literal | ox.BlankNode | None"]


def default_location() -> str:
    """``$KG_STORE`` or ``./kg-store``."""
    return os.environ.get("KG_STORE") or DEFAULT_LOCATION


class Store:
    """A kg store on disk at ``location`` (created on first write), or one of its published snapshots, read-only."""

    snapshot: snapshots.Held | None = None
    writer_active = False

    def __init__(self, location: str | Path | None = None, *, create: bool = True, check_version: bool = True,
                 snapshot: snapshots.Held | None = None, writer_active: bool = False) -> None:
        self.location = Path(location or default_location())
        self.snapshot, self.writer_active = snapshot, writer_active
        self._dirty, self._marked, self._published = False, False, 0.0
        if self.location.exists() and not self.location.is_dir():
            raise StoreError(f"store location {self.location} is not a directory")
        if not create and not self.location.exists():
            raise StoreError(f"no store at {self.location} (run `kg ingest` first)")
        try:
            self._store = ox.Store.read_only(str(snapshot.path)) if snapshot else ox.Store(str(self.location))
        except OSError as exc:
            self._release()
            if "lock" in str(exc).lower():
                raise StoreError(f"store {self.location} is open in another kg process (an ingest?); "
                                 "try again when it has finished") from None
            raise StoreError(f"cannot open store at {self.location}: {exc}") from None
        try:
            self.record = snapshot.record if snapshot else meta.read_record(self.location)
            if check_version:
                meta.check_record(self.record, self.location, empty=self._empty())
                if snapshot:  # the store itself may have been aged or upgraded since the snapshot
                    meta.check_record(meta.read_record(self.location), self.location, empty=self._empty())
        except StoreError:
            self._store = None  # release the database now, not when the traceback is collected
            self._release()
            raise

    def _empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None)), None) is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush, publish what was written for readers (:mod:`kg.store.snapshot`) and release the database."""
        if getattr(self, "_store", None) is not None:
            if self.snapshot is None:
                self._store.flush()
                self.publish()
            self._store = None
        self._release()

    def _release(self) -> None:
        if self.snapshot is not None:
            self.snapshot.release()

    def backup(self, target: Path) -> None:
        """A RocksDB checkpoint of the store at ``target`` (hard links where it can)."""
        try:
            self._store.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot snapshot store {self.location}: {exc}") from None

    def publish(self, min_interval: float = 0.0, *, force: bool = False) -> bool:
        """Publish the writes made since the last snapshot (at most once per ``min_interval`` seconds) so that
        readers see them; True when a snapshot was made."""
        if self.snapshot is not None or not (self._dirty or force):
            return False
        if time.monotonic() - self._published < min_interval:
            return False
        snapshots.publish(self)
        self._dirty = self._marked = False
        self._published = time.monotonic()
        return True

    def publish_if_behind(self) -> bool:
        """Publish when readers have no snapshot yet, or the latest one misses writes (a killed writer's)."""
        root = snapshots.folder(self.location)
        return self.publish(force=True) if snapshots.latest(root) is None or snapshots.pending(root) else False

    def put_article(self, rdf: ArticleRDF) -> str:
        """Store an article's graph, replacing an older version with the same file name (the descriptions of the
        entities the older version supported are recomputed in the same update: :mod:`kg.store.support`).

        Returns ``"unchanged"``, ``"added"`` or ``"replaced"``.
        """
        file_name = rdf.name
        old = [g for g, h in self._versions(file_name)]
        if rdf.graph in old and len(old) == 1:
            return "unchanged"
        plan = plan_removal(self, [(g, file_name) for g in old if g != rdf.graph])
        try:
            self._update(plan.update() + "INSERT DATA {\n" + _as_graph_blocks(rdf) + "\n}")
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write article {file_name}: {exc}") from None
        return "replaced" if old else "added"

    def apply(self, plan: Plan) -> None:
        """Carry out a removal plan in one atomic update."""
        text = plan.update()
        if not text:
            return
        try:
            self._update(text)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot remove articles: {exc}") from None

    def rewrite(self, old: list[ox.Quad], new: list[ox.Quad]) -> None:
        """Replace quads ``old`` by ``new`` in one atomic update."""
        if not old and not new:
            return
        body = "DELETE DATA {\n%s\n} ;\nINSERT DATA {\n%s\n}" % tuple(
            "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
            for quads in (old, new))
        try:
            self._update(body)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot rewrite the store: {exc}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE (atomic); only for callers that were explicitly allowed to change the store."""
        text = with_prefixes(sparql)
        try:
            self._update(text)
        except SyntaxError as exc:
            raise QueryError(syntax_error(str(exc), text.count("\n") - sparql.count("\n"))) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"update failed: {str(exc).splitlines()[0]}") from None

    def add_quads(self, quads: list[ox.Quad]) -> None:
        """Insert quads in one atomic update (quads already stored stay once)."""
        if quads:
            self._update("INSERT DATA {\n" + _graph_blocks(quads) + "\n}")

    def _update(self, sparql: str) -> None:
        if self.snapshot is not None:
            raise StoreError(f"store {self.location} was opened for reading (a snapshot); it cannot be written")
        if not self._marked:  # before the write lands, so that a writer killed after it leaves the mark
            snapshots.mark_pending(snapshots.folder(self.location))
            self._marked = True
        self._dirty = True
        if not getattr(self, "_renewed", False):  # a write after the generation was read makes derived data stale
            self.record = dict(self.record or meta.current(), generation=uuid.uuid4().hex)
            meta.write_record(self.location, self.record)
            self._renewed = True
        self._store.update(sparql)

    @property
    def generation(self) -> str | None:
        """A token renewed by the first write of a session and by the first write after it was read, so that data
        derived from the store and stamped with it (:mod:`kg.store.cache`) goes stale with any later write."""
        self._renewed = False
        return (self.record or {}).get("generation", "") if isinstance(self.location, Path) else None

    def fingerprint(self) -> str:
        """A digest of the article graphs' names and the entities graph's size: cheap (about 0.1 s on 1M quads), and
        changed by any write that adds or removes an article or part of an entity description, whoever makes it."""
        names = sorted(g.value for g in self.graphs())
        size = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}")[0]["n"].value
        return hashlib.sha256("\n".join([size, *names]).encode("utf-8")).hexdigest()

    def is_current(self, file_name: str, content_hash: str) -> bool:
        """Whether the store holds exactly this version of the article already."""
        return [h for _, h in self._versions(file_name)] == [content_hash]

    def stats(self) -> dict[str, int]:
        """Counts of articles, entities, relation statements, events and quads."""
        q = """SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?e) AS ?entities)
                      (COUNT(DISTINCT ?s) AS ?relations) (COUNT(DISTINCT ?v) AS ?events) WHERE {
                 { ?a a kg:Article } UNION { GRAPH <%s> { ?e rdfs:label ?l } }
                 UNION { ?s a kg:RelationStatement } UNION { ?v kg:article ?g ; a ?t FILTER(?t NOT IN (kg:RelationStatement, kg:AliasMerge)) } }"""
        row = self.query(q % ENTITIES_GRAPH)[0]
        out = {k: int(v.value) for k, v in row.items()}
        out["quads"] = len(self)
        return out

    def file_names(self, graph: ox.NamedNode) -> list[str]:
        """The file names an article graph records (several when the same text came under several names)."""
        rows = self.query("SELECT ?g ?n WHERE { GRAPH ?g { ?g kg:fileName ?n } }", {"g": graph})
        return sorted(r["n"].value for r in rows)

    def has_entity(self, iri: str) -> bool:
        """Whether the entities graph describes ``iri``."""
        ask = f"ASK {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }}"
        return self.query(ask, {"e": ox.NamedNode(iri)})[0]["ask"].value == "true"

    def entity_names(self, equal_to: str | None = None) -> list[Name]:
        """Every label and alias of the entities graph (for :func:`kg.names.find`), or only those equal to
        ``equal_to`` ignoring case."""
        where = (f"GRAPH <{ENTITIES_GRAPH}> {{ {{ ?entity rdfs:label ?name BIND({LABEL} AS ?rank) }}"
                 f" UNION {{ ?entity skos:altLabel ?name BIND({ALIAS} AS ?rank) }} OPTIONAL {{ ?entity rdfs:label ?label }} }}")
        if equal_to is None:
            rows = self.query(f"SELECT ?entity ?name ?label ?rank WHERE {{ {where} }}")
        else:
            rows = self.query(f"SELECT ?text ?entity ?name ?label ?rank WHERE {{ {where} "
                              "FILTER(LCASE(STR(?name)) = LCASE(STR(?text))) }", {"text": ox.Literal(equal_to)})
        return [Name(r["entity"].value, r["name"].value, r["label"].value if r["label"] else "", int(r["rank"].value))
                for r in rows]

    def _versions(self, file_name: str) -> list[tuple[ox.NamedNode, str]]:
        q = "SELECT ?name ?g ?h WHERE { GRAPH ?g { ?g kg:fileName ?name ; kg:contentHash ?h } }"
        rows = self.query(q, {"name": ox.Literal(file_name)})
        return [(r["g"], r["h"].value) for r in rows]

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> list[Row]:
        """Run a SELECT (rows as dicts of terms) or ASK (one row ``{"ask": Literal}``) query."""
        text = with_prefixes(sparql)
        try:
            result = self._run(text, dict(bindings or {}))
        except SyntaxError as exc:
            raise QueryError(syntax_error(str(exc), text.count("\n") - sparql.count("\n"))) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
        if isinstance(result, ox.QueryBoolean):
            return [{"ask": ox.Literal(str(bool(result)).lower())}]
        if isinstance(result, ox.QueryTriples):
            return [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in result]
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names} for s in result]

    def _run(self, text: str, bindings: dict) -> object:
        """Run with the parameters written in as constants (see :mod:`kg.store.bind`), else as substitutions."""
        bound = bind_constants(text, bindings)
        if bound is not None and bindings:
            try:
                return self._store.query(bound, use_default_graph_as_union=True)
            except SyntaxError:
                pass
        return self._store.query(text, substitutions={ox.Variable(k): v for k, v in bindings.items()},
                                 use_default_graph_as_union=True)

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store (or of one graph)."""
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def graphs(self) -> list[ox.NamedNode]:
        """Names of every named graph."""
        return [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def __len__(self) -> int:
        return len(self._store)


def _as_graph_blocks(rdf: ArticleRDF) -> str:
    return _graph_blocks([*rdf.quads, *rdf.entity_quads])


def _graph_blocks(quads: list[ox.Quad]) -> str:
    """``GRAPH g { ... }`` blocks of INSERT DATA, one per graph."""
    by_graph: dict[ox.NamedNode, list[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


__all__ = ["Store", "default_location"]
