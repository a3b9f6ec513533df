"""One page of a query's rows: LIMIT and OFFSET written into the query, so the store converts only the rows
shown (Oxigraph on disk costs 80-800 µs per returned row), and the count of all rows for the "more" line.

>>> print(page_text("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a # last", 100, 200))
SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a # last
LIMIT 100 OFFSET 200
>>> page_text("SELECT ?a WHERE { ?a ?b ?c } LIMIT 5", 100, 0) is None
True
>>> print(count_text("PREFIX x: <http://x/>\\n# note\\nSELECT ?a WHERE { ?a x:b ?c }"))
PREFIX x: <http://x/>
SELECT (COUNT(*) AS ?rows) WHERE {
# note
SELECT ?a WHERE { ?a x:b ?c }
}
>>> more_line(100, 0, 22780)
'(rows 1-100 of 22780; the next page: --offset 100; every row: --all)'
>>> more_line(80, 0, 80) is None
True
"""

from __future__ import annotations

import re

_PROLOGUE = re.compile(r"\A(?:\s*(?:#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>))*", re.I)
_COMMENT = re.compile(r"(?:^|(?<=\s))#[^\n]*")
_OWN_LIMIT = re.compile(r"\}[^{}]*\b(?:LIMIT|OFFSET)\s+\d+[^{}]*\Z", re.I)
PAGE = 100


def _split(text: str) -> tuple[str, str]:
    """(prefix and base declarations, the rest) of a query."""
    head = _PROLOGUE.match(text).group(0)
    declarations = "\n".join(m.group(0) for m in re.finditer(r"(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)",
                                                               _COMMENT.sub("", head), re.I))
    comments = "\n".join(m.group(0) for m in _COMMENT.finditer(head))
    return declarations, (comments + "\n" if comments else "") + text[len(head):].strip()


def page_text(text: str, limit: int, offset: int = 0) -> str | None:
    """The query cut to one page, or None when it already sets its own LIMIT or OFFSET (it is left whole)."""
    if _OWN_LIMIT.search(_COMMENT.sub("", text).rstrip()):
        return None
    return f"{text.rstrip()}\nLIMIT {int(limit)} OFFSET {int(offset)}"


def count_text(text: str) -> str:
    """A query that counts the rows of a SELECT query."""
    declarations, body = _split(text)
    return (declarations + "\n" if declarations else "") + f"SELECT (COUNT(*) AS ?rows) WHERE {{\n{body}\n}}"


def more_line(shown: int, offset: int, total: int) -> str | None:
    """What a table says under a page that is not the whole result (None when it is)."""
    if offset == 0 and shown >= total:
        return None
    if shown == 0:
        return f"(no rows from offset {offset}; the query has {total})"
    last = offset + shown
    after = f"; the next page: --offset {last}" if last < total else ""
    return f"(rows {offset + 1}-{last} of {total}{after}; every row: --all)"


__all__ = ["PAGE", "count_text", "more_line", "page_text"]
