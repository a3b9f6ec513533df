"""A kg store kept in a remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, ...).

Same interface as :class:`kg.store.local.Store`: queries go to the SPARQL 1.1 Protocol query endpoint, each article
is written in one SPARQL update request (atomic on a transactional store), and single graphs are read through
the Graph Store Protocol. Endpoint layout from the URL: a server root (``http://host:7878``) is read as
Oxigraph's ``/query``, ``/update`` and ``/store``; any other URL (a Fuseki dataset ``http://host:3030/ds``)
serves all three itself unless ``update_url``/``data_url`` say otherwise (``$KG_STORE_UPDATE``, ``$KG_STORE_DATA``).
Queries see the union of the named graphs as their default graph: Oxigraph is asked for it per request
(``union-default-graph``); other stores must be configured so (Fuseki ``tdb2:unionDefaultGraph``).

>>> bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": ox.Literal("a{b}")})
'SELECT ?x WHERE { VALUES (?o) { ("a{b}") }\\n ?x ?p ?o }'
>>> bind_values('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', {"s": ox.NamedNode("http://e/x")})
'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://e/x>) }\\n ?s ?p ?o }'
>>> endpoints("http://127.0.0.1:7878/")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
>>> endpoints("http://127.0.0.1:3030/ds")
('http://127.0.0.1:3030/ds', 'http://127.0.0.1:3030/ds', 'http://127.0.0.1:3030/ds')
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import IO

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.store import version as meta
from kg.store.bind import bind_constants
from kg.store.local import Row, Store, with_prefixes

_TOKEN = re.compile(r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|[{}]|[A-Za-z_]+|\s+|.", re.S)
SELECT_TYPES = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples"


def is_remote(location: object) -> bool:
    """Whether a ``--store`` value names a SPARQL endpoint rather than a folder."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def endpoints(url: str, update_url: str | None = None, data_url: str | None = None) -> tuple[str, str, str]:
    """Query, update and Graph Store Protocol URLs for a store URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.path in ("", "/"):
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        query, update, data = f"{root}/query", f"{root}/update", f"{root}/store"
    else:
        query = update = data = url
    return query, update_url or update, data_url or data


def bind_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Bind variables to RDF terms with an inline ``VALUES`` block opening the query's WHERE group."""
    if not bindings:
        return sparql
    names = list(bindings)
    block = (f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(bindings[n]) for n in names)}) }}\n")
    depth, form, seen_where, skip_template = 0, None, False, False
    for m in _TOKEN.finditer(sparql):
        tok = m.group(0)
        word = tok.upper()
        if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form, skip_template = word, word == "CONSTRUCT"
        elif word == "WHERE" and depth == 0:
            seen_where = True
        elif tok == "{":
            if depth == 0 and form and (seen_where or not skip_template):
                return sparql[: m.end()] + " " + block + sparql[m.end():]
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                skip_template = False
    raise QueryError("cannot bind parameters: the query has no WHERE group")


class RemoteStore(Store):
    """A kg store in a SPARQL 1.1 endpoint at ``url`` (query, update and Graph Store Protocol)."""

    def __init__(self, url: str, *, update_url: str | None = None, data_url: str | None = None,
                 create: bool = True, timeout: float = 300.0) -> None:
        self.location = url
        self.timeout = timeout
        self.query_url, self.update_url, self.data_url = endpoints(
            url, update_url or os.environ.get("KG_STORE_UPDATE"), data_url or os.environ.get("KG_STORE_DATA"))
        self._store = None
        self.record = meta.current()  # an endpoint keeps no version record: it is taken as this kg's
        self.query("ASK { }")

    def close(self) -> None:
        """Nothing to release: every request stands alone."""

    def publish(self, min_interval: float = 0.0, *, force: bool = False) -> bool:
        """Nothing to publish: the endpoint shows every committed write to its readers."""
        return False

    def publish_if_behind(self) -> bool:
        """Nothing to publish (see :meth:`publish`)."""
        return False

    def _open(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> IO[bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = f"{self.location}: HTTP {exc.code} {detail[0] if detail else exc.reason}"
            raise (QueryError if exc.code == 400 else StoreError)(message) from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {self.location}: "
                             f"{getattr(exc, 'reason', exc)}") from None

    def _update(self, sparql: str) -> None:
        self._open("POST", self.update_url, with_prefixes(sparql).encode("utf-8"),
                   {"Content-Type": "application/sparql-update"}).close()

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> list[Row]:
        """Run a SELECT, ASK or CONSTRUCT query on the endpoint; rows as in :meth:`kg.store.local.Store.query`."""
        text, terms = with_prefixes(sparql), dict(bindings or {})
        text = bind_constants(text, terms) or bind_values(text, terms)
        url = f"{self.query_url}?union-default-graph" if self.query_url.endswith("/query") else self.query_url
        with self._open("POST", url, text.encode("utf-8"), {
                "Content-Type": "application/sparql-query",
                "Accept": f"{SELECT_TYPES}, {GRAPH_TYPES};q=0.9"}) as response:
            kind = response.headers.get_content_type()
            data = response.read()
        try:
            if kind in (GRAPH_TYPES, "text/turtle"):
                triples = ox.parse(data, format=ox.RdfFormat.from_media_type(kind))
                return [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in triples]
            result = ox.parse_query_results(data, ox.QueryResultsFormat.from_media_type(kind))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.location}: unreadable answer ({kind}): {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return [{"ask": ox.Literal(str(bool(result)).lower())}]
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names} for s in result]

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store (a streamed SPARQL SELECT) or of one graph (a Graph Store Protocol GET)."""
        if graph is not None:
            url = f"{self.data_url}?{urllib.parse.urlencode({'graph': graph.value})}"
            with self._open("GET", url, headers={"Accept": GRAPH_TYPES}) as response:
                for t in ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES):
                    yield ox.Quad(t.subject, t.predicate, t.object, graph)
            return
        with self._open("POST", self.query_url, b"SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {
                "Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"}) as response:
            for s in ox.parse_query_results(response, ox.QueryResultsFormat.TSV):
                yield ox.Quad(s["s"], s["p"], s["o"], s["g"])

    def graphs(self) -> list[ox.NamedNode]:
        """Names of every named graph."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return [r["g"] for r in rows if isinstance(r["g"], ox.NamedNode)]

    def __len__(self) -> int:
        return int(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"].value)


__all__ = ["RemoteStore", "is_remote", "endpoints", "bind_values"]
