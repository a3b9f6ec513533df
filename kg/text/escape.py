"""Escaping article-derived text for terminals, CSV and serialized RDF, so hostile text stays inert.

Terminal: control characters (C0, DEL, C1 such as the 8-bit CSI), bidirectional overrides and line separators
are shown as ``\\xNN``/``\\uNNNN``; undecodable file-name bytes as ``\\xNN``. CSV: a text cell starting with
``= + - @`` (or a tab or carriage return) gets a leading ``'`` so spreadsheets do not run it as a formula.

>>> printable("evil\\x1b[31mred\\nnext\\u202eline")
'evil\\\\x1b[31mred\\\\x0anext\\\\u202eline'
>>> terminal_text("two\\nlines\\x9b")
'two\\nlines\\\\x9b'
>>> [csv_cell(v) for v in ("=HYPERLINK(1)", "-12.5", -3, "@SUM(A1)", "plain", None)]
["'=HYPERLINK(1)", '-12.5', -3, "'@SUM(A1)", 'plain', '']
>>> escape_serialized('"a\\u202eb"'.encode())
b'"a\\\\u202Eb"'
"""

from __future__ import annotations

import re
from typing import Any

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_TERMINAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_SERIALIZED = re.compile(f"[\x80-\x9f{_BIDI}]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _code(m: re.Match) -> str:
    n = ord(m.group())
    if 0xDC80 <= n <= 0xDCFF:
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def printable(text: str) -> str:
    """One printable line: every control, bidi or undecodable character (newlines too) escaped."""
    return _ONE_LINE.sub(_code, text)


def terminal_text(text: str) -> str:
    """Text safe for a terminal: like :func:`printable` but newlines and tabs kept."""
    return _TERMINAL.sub(_code, text)


def csv_cell(value: Any) -> Any:
    """A CSV cell that spreadsheets show as text: formulas defused, controls escaped, numbers kept."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = terminal_text(value)
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def escape_serialized(data: bytes) -> bytes:
    """Serialized RDF or JSON with C1 controls, bidi overrides and line separators as ``\\uXXXX`` escapes.

    Such characters can only occur inside strings and IRIs there, where ``\\uXXXX`` means the same character,
    so the data is unchanged while no raw control reaches a terminal.
    """
    text = data.decode("utf-8")
    if not _SERIALIZED.search(text):
        return data
    return _SERIALIZED.sub(lambda m: f"\\u{ord(m.group()):04X}", text).encode("utf-8")


__all__ = ["csv_cell", "escape_serialized", "printable", "terminal_text"]
