"""SPARQL text checks: is it a read-only query or an update, and where is its syntax error.

``kg query`` runs read-only queries through the query parser, which rejects any update; this module only
tells the user what happened and where.

>>> is_update("PREFIX x: <http://e.org/#a>\\n# DROP ALL in a comment\\nSELECT * { ?s ?p ?o }")
False
>>> is_update("  # clean up\\nprefix kg: <https://w3id.org/kg-news/ontology#>\\nDROP ALL")
True
>>> syntax_error("error at 4:2: expected OPTIONAL", 3)
'invalid SPARQL at line 1, column 2: expected OPTIONAL'
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import QueryError
from kg.rdf.iris import PREFIXES

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_COMMENT = re.compile(r"(?:^|(?<=\s))#[^\n]*")
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.I)
_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)
READ_ONLY = "this is a SPARQL update and kg query only reads the store (pass --allow-update to change it)"


def is_update(text: str) -> bool:
    """Whether SPARQL text is an update (its first keyword after the prologue changes data)."""
    body = _COMMENT.sub("", text)
    while m := _PROLOGUE.match(body):
        body = body[m.end():]
    word = re.match(r"\s*([A-Za-z]+)", body)
    return bool(word) and word.group(1).upper() in UPDATE_WORDS


def check_read_only(text: str) -> None:
    """Raise QueryError when ``text`` is an update."""
    if is_update(text):
        raise QueryError(READ_ONLY)


def syntax_error(message: str, offset: int = 0) -> str:
    """A parser error as ``invalid SPARQL at line L, column C: ...``, lines counted in the user's own text."""
    first = message.splitlines()[0] if message else "syntax error"
    m = _POSITION.match(first)
    if not m:
        return f"invalid SPARQL: {first}"
    line = max(int(m.group(1)) - offset, 1)
    return f"invalid SPARQL at line {line}, column {m.group(2)}: {m.group(3)}"


def run_update(store: Any, text: str) -> tuple[int, int]:
    """Apply a SPARQL update (one atomic transaction); the quad counts before and after."""
    if not is_update(text):
        raise QueryError("not a SPARQL update (run it without --allow-update)")
    before = len(store)
    store.update(text)
    return before, len(store)


def with_prefixes(sparql: str) -> str:
    """Prepend kg's standard prefixes that the query does not declare itself."""
    declared = {line.split()[1].rstrip(":").lower() for line in sparql.splitlines()
                if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return head + sparql


__all__ = ["READ_ONLY", "check_read_only", "is_update", "run_update", "syntax_error", "with_prefixes"]
