"""Finding and reading input files safely: folders, symlinks, size limits, binary data, text encodings.

Every problem becomes an :class:`ArticleError` naming the file (printably) and the reason on one line.

>>> describe_size(52_428_800)
'50.0 MB'
>>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n....")
'PNG image'
>>> sniff_binary("Kupiansk".encode()) is None
True
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from kg.errors import ArticleError
from kg.text.escape import printable

DEFAULT_MAX_BYTES = 5 * 2**20
GUESS_ENCODINGS = ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252", "latin_1", "cp1250"]
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"), (b"\x7fELF", "executable"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"), (b"ID3", "MP3 audio"), (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def describe_size(n: int) -> str:
    """A byte count in MB (or KB below one MB) with one decimal (1 MB = 2**20 bytes).

    >>> describe_size(2048)
    '2.0 KB'
    """
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.1f} KB"


def fail(path: Path | str, reason: str) -> ArticleError:
    """An ArticleError ``path: reason`` with the path made printable."""
    return ArticleError(f"{printable(str(path))}: {reason}")


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary data ``data`` starts with, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    return "binary data" if b"\x00" in data[:8192] else None


def check_file(path: Path, max_bytes: int | None) -> int:
    """The size of a regular, readable file within the limit; otherwise an ArticleError."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise fail(path, "symbolic link loop") from None
        if e.errno == errno.ENOENT and os.path.islink(path):
            raise fail(path, f"broken symbolic link (to {printable(os.readlink(path))})") from None
        raise fail(path, f"cannot read ({e.strerror or e})") from None
    if not stat.S_ISREG(st.st_mode):
        raise fail(path, "not a regular file (a pipe, socket or device)")
    if max_bytes is not None and st.st_size > max_bytes:
        raise fail(path, f"{describe_size(st.st_size)} is over the {describe_size(max_bytes)} article limit "
                         "(raise it with --max-size)")
    if not os.access(path, os.R_OK):
        raise fail(path, "cannot read (Permission denied)")
    return st.st_size


def read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``; never reads more than that."""
    check_file(path, max_bytes)
    try:
        with open(path, "rb") as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
    except OSError as e:
        raise fail(path, f"cannot read ({e.strerror or e})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise fail(path, f"over the {describe_size(max_bytes)} article limit (raise it with --max-size)")
    return data


def guess_encoding(data: bytes) -> str | None:
    """A likely legacy encoding of non-UTF-8 bytes (a hint for the message, never applied silently)."""
    from charset_normalizer import from_bytes  # lazy: only undecodable files need it

    best = from_bytes(data[:65536], cp_isolation=GUESS_ENCODINGS).best()
    return best.encoding if best else None


def decode(path: Path | str, data: bytes, encoding: str | None = None, where: str = "") -> str:
    """Text of ``data``: UTF-8 (or a BOM's encoding, or the given one); anything else is reported."""
    kind = sniff_binary(data)
    if kind:
        raise fail(path, f"{where}{kind}, not text")
    codec = encoding or next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(codec)
    except LookupError:
        raise fail(path, f"unknown encoding '{printable(codec)}'") from None
    except UnicodeDecodeError as e:
        bad = f"byte 0x{e.object[e.start]:02x} at offset {e.start}"
        if encoding:
            raise fail(path, f"{where}not {encoding} text ({bad})") from None
        guess = guess_encoding(data)
        hint = f"; perhaps {guess}: re-save it as UTF-8 or pass --encoding {guess}" if guess else ""
        raise fail(path, f"{where}not UTF-8 text ({bad}{hint})") from None
    return text.lstrip("\ufeff")


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top, if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read_lines(path: Path, max_bytes: int | None) -> Iterator[tuple[int, bytes | ArticleError]]:
    """Stream the lines of a file (bounded memory): ``(line number, bytes or an error for an over-long line)``."""
    check_file(path, None)
    limit = max_bytes if max_bytes is not None else -1
    try:
        with open(path, "rb") as f:
            for lineno in range(1, 1 << 62):
                line = f.readline(limit + 1 if limit >= 0 else -1)
                if not line:
                    return
                if limit >= 0 and len(line) > limit and not line.endswith(b"\n"):
                    while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield lineno, fail(f"{path}:{lineno}", f"line over the {describe_size(limit)} article limit "
                                                           "(raise it with --max-size)")
                else:
                    yield lineno, line
    except OSError as e:
        raise fail(path, f"cannot read ({e.strerror or e})") from None


def walk(root: Path) -> Iterator[Path | ArticleError]:
    """Files under a folder, sorted by path parts, hidden ones skipped; folder links followed once (no loops)."""
    seen: set[str] = set()
    found = False

    def visit(folder: Path) -> Iterator[Path | ArticleError]:
        nonlocal found
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted((e for e in os.scandir(folder) if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as e:
            yield fail(folder, f"cannot list folder ({e.strerror or e})")
            return
        for entry in entries:
            if entry.is_dir():
                yield from visit(Path(entry.path))
            else:
                found = True
                yield Path(entry.path)

    yield from visit(root)
    if not found:
        yield fail(root, "no article files in this folder")


def unknown_format(suffix: str) -> str:
    """The reason given for a file whose extension kg does not read."""
    return f"unknown format '{printable(suffix.lower())}' (expected .txt, .md, .html, .jsonl)" if suffix else \
        "no file extension (expected .txt, .md, .html, .jsonl)"


__all__ = ["DEFAULT_MAX_BYTES", "check_file", "decode", "describe_size", "fail", "guess_encoding", "html_charset",
           "read_bytes", "read_lines", "sniff_binary", "unknown_format", "walk"]
