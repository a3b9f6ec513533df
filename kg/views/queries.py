"""Saved SPARQL queries: read ``queries/*.rq``, bind parameters as RDF terms, format the results.

A saved query starts with a header of ``# key: value`` comment lines (title, description, param, columns,
example). A parameter whose description starts with "IRI or label" is an entity: its value is an IRI or a
label resolved against the entities graph. Values are always bound as terms, never pasted into the text.

>>> q = parse_query("# title: T\\n# param: place (optional) IRI or label of a place\\nSELECT ?place {}", "t")
>>> q.title, [(p.name, p.optional, p.kind) for p in q.params]
('T', [('place', True, 'entity')])
>>> print(format_result(Result(["a", "b"], [("x", 1), ("yy", None)]), "table"))
a   b
--  -
x   1
yy
(2 rows)
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.names import find_entity
from kg.resources import resource_dir
from kg.store.sparql import check_read_only
from kg.text.escape import csv_cell, escape_serialized, printable
from kg.views.pages import count_text, more_line, page_text

FORMATS = ("table", "csv", "json")
MAX_CELL = 60
_SAVED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
_HEADER = re.compile(r"^#\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s*(\(optional\))?\s*(.*)$", re.IGNORECASE)
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    """A declared query parameter; ``kind`` is ``entity``, ``number`` or ``text``."""

    name: str
    description: str
    optional: bool = False
    kind: str = "text"


@dataclass(frozen=True)
class SavedQuery:
    """A SPARQL query with its header: title, description, parameters and promised columns."""

    name: str
    path: Path | None
    title: str
    description: str
    params: list[Param]
    text: str
    columns: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def param(self, name: str) -> Param:
        """The parameter called ``name`` (QueryError if the query has none)."""
        for p in self.params:
            if p.name == name:
                return p
        raise QueryError(f"query '{self.name}' has no parameter '{name}'")


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT query as plain Python values (IRIs as str, unbound as None)."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    offset: int = 0
    total: int | None = None  # rows of the whole result when this is one page of it

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def parse_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Read the header comment block of a query text."""
    meta: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            break
        m = _HEADER.match(line.strip())
        if m:
            meta.setdefault(m.group(1).lower(), []).append(m.group(2))
    params = []
    for spec in meta.get("param", []):
        m = _PARAM.match(spec)
        if not m:
            raise QueryError(f"query '{name}' has a malformed param line: {spec}")
        desc = m.group(3)
        kind = "entity" if desc.lower().startswith("iri or label") else (
            "number" if desc.lower().startswith("number") else "text")
        params.append(Param(m.group(1), desc, bool(m.group(2)), kind))
    columns = [c.strip() for c in ",".join(meta.get("columns", [])).split(",") if c.strip()]
    return SavedQuery(name, path, (meta.get("title") or [name])[0], " ".join(meta.get("description", [])),
                      params, text, columns, meta.get("example", []))


def list_queries() -> list[SavedQuery]:
    """Every saved query of ``queries/``, sorted by name."""
    folder = resource_dir("queries")
    return [parse_query(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def load_query(name_or_path: str | Path) -> SavedQuery:
    """A saved query by name (``timeline``) or by the path of a ``.rq`` file."""
    text = str(name_or_path)
    path = Path(text)
    if not (text.endswith(".rq") and "\0" not in text and path.is_file()):
        if not _SAVED_NAME.fullmatch(text):
            raise QueryError(f"'{printable(text)}' is not a saved query name (letters, digits, '-' and '_'; "
                             "see `kg queries`)")
        path = resource_dir("queries") / f"{text}.rq"
        if not path.is_file():
            raise QueryError(f"unknown query '{text}' (see `kg queries`)")
    return parse_query(path.read_text(encoding="utf-8"), path.stem, path)


def _term(store: Any, query: SavedQuery, param: Param, value: Any) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if param.kind == "entity":
        text = str(value).strip()
        if re.match(r"https?://", text):
            try:
                return ox.NamedNode(text)
            except ValueError:
                raise QueryError(f"parameter '{param.name}' is not a valid IRI: {text}") from None
        return ox.NamedNode(find_entity(store, text))
    number = _number(value)
    if number is not None:
        return ox.Literal(format(number, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    if param.kind == "number":
        raise QueryError(f"parameter '{param.name}' of query '{query.name}' must be a number, not '{value}'")
    return ox.Literal(str(value))


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _as_query(query_or_sparql: SavedQuery | str | Path) -> SavedQuery:
    if isinstance(query_or_sparql, SavedQuery):
        return query_or_sparql
    text = str(query_or_sparql)
    if isinstance(query_or_sparql, Path) or text.endswith(".rq") or not re.search(r"[\s{]", text):
        return load_query(query_or_sparql)
    return parse_query(text, "<sparql>")


def bindings(store: Any, query: SavedQuery, params: dict[str, Any] | None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Resolve parameter values to RDF terms, checking names and required parameters."""
    given = {k: v for k, v in (params or {}).items() if v is not None}
    terms = {name: _term(store, query, query.param(name), value) for name, value in given.items()}
    for p in query.params:
        if not p.optional and p.name not in terms:
            raise QueryError(f"query '{query.name}' needs parameter '{p.name}' ({p.description})")
    return terms


def run_query(store: Any, query_or_sparql: SavedQuery | str | Path, params: dict[str, Any] | None = None,
              limit: int | None = None, offset: int = 0) -> Result:
    """Run a saved query (object, name or ``.rq`` path) or SPARQL text with parameters bound as terms; with
    ``limit`` (or ``offset``) only that page of rows is fetched and ``total`` counts them all."""
    query = _as_query(query_or_sparql)
    check_read_only(query.text)
    terms = bindings(store, query, params)
    paged = page_text(query.text, (limit if limit is not None else 2**62) + 1, offset) if limit or offset else None
    if paged is not None:
        try:
            rows = store.query(paged, terms)
        except QueryError:
            paged = None  # run the user's own text: its error then names their line and column
    if paged is None:
        rows = store.query(query.text, terms)
    total = None
    if paged is not None:
        more = limit is not None and len(rows) > limit
        rows = rows[:limit] if limit is not None else rows
        counted = more or (offset and not rows)
        total = int(store.query(count_text(query.text), terms)[0]["rows"].value) if counted else offset + len(rows)
    columns = list(rows[0]) if rows else (query.columns or _projection(query.text))
    return Result(columns, [tuple(_python(row.get(c)) for c in columns) for row in rows], offset, total)


def _projection(text: str) -> list[str]:
    """The variables a SELECT projects, read from its text (for the columns of an empty result)."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", body, re.I | re.S)
    head, inner = (m.group(1) if m else ""), re.compile(r"\(([^()]*)\)")
    while inner.search(head):
        head = inner.sub(lambda g: " ".join(re.findall(r"\bAS\s+(\?\w+)\s*$", g.group(1), re.I)), head)
    return re.findall(r"[?$](\w+)", head)


def _python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
                return int(term.value)
            if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
                return float(term.value)
        except ValueError:
            return term.value
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = printable(" ".join(str(value).split()))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result as an aligned ``table``, ``csv`` or a ``json`` array of objects."""
    if fmt == "json":
        return escape_serialized(json.dumps(result.records(), ensure_ascii=False, indent=2).encode()).decode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([csv_cell(v) for v in row] for row in result.rows)
        return out.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip()
             for line in [result.columns, ["-" * w for w in widths], *cells]]
    more = more_line(len(result.rows), result.offset, result.total) if result.total is not None else None
    lines.append(more or f"({len(result.rows)} row{'' if len(result.rows) == 1 else 's'})")
    return "\n".join(lines)


__all__ = ["Param", "SavedQuery", "Result", "list_queries", "load_query", "parse_query",
           "run_query", "bindings", "format_result", "FORMATS"]
