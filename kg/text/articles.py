"""Reading articles from disk (text with header lines, HTML, JSON Lines); failures are one-line ArticleErrors."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleError
from kg.text.escape import printable
from kg.text.files import (
    DEFAULT_MAX_BYTES,
    check_file,
    decode,
    fail,
    html_charset,
    read_bytes,
    read_lines,
    sniff_binary,
    unknown_format,
    walk,
)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".jsonl",)
HEADER_KEYS = ("date", "title", "url", "source")

_HEADER_LINE = re.compile(r"[ \t]*(date|title|url|source)[ \t]*:[ \t]*(.*?)\s*", re.I)
_BARE_DATE = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?\s*")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_IN_LINE = rf"\d{{4}}-\d{{2}}-\d{{2}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}"
_PUBLISHED = re.compile(rf"\b(?:published|updated|posted)\b[^\n]{{0,40}}?({_DATE_IN_LINE})", re.I)
PUBLISHED_WINDOW = 1500
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Article:
    """One article: its name (file name or JSON Lines id), text, optional metadata and notes on dropped metadata."""

    name: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        """The sha256 hex digest of the UTF-8 text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Split leading ``key: value`` header lines (or a bare ``date YYYY-MM-DD``) from the body.

    >>> parse_header("Title: Fog over Kupiansk\\ndate: 21 November 2025\\n\\nRussian troops ...")
    ({'title': 'Fog over Kupiansk', 'date': '21 November 2025'}, 'Russian troops ...')
    >>> parse_header(" date 2025-11-21 Kupiansk, a rail hub, fell.")
    ({'date': '2025-11-21'}, 'Kupiansk, a rail hub, fell.')
    >>> parse_header("No header here.\\n")
    ({}, 'No header here.')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bare = _BARE_DATE.match(text)
    if bare:
        return {"date": bare.group(1)}, text[bare.end() :].strip()
    lines, n = text.lstrip("\n").split("\n"), 0
    header: dict[str, str] = {}
    while n < len(lines) and (m := _HEADER_LINE.fullmatch(lines[n])):
        header[m.group(1).lower()], n = m.group(2), n + 1
    return header, "\n".join(lines[n:]).strip()


def normalize_date(value: str | None) -> str | None:
    """Return a stated date as ISO ``YYYY-MM-DD``, or None when it names no full calendar day.

    >>> normalize_date("Nov 21, 2025"), normalize_date("2025-11-21T08:00:00Z"), normalize_date("soon")
    ('2025-11-21', '2025-11-21', None)
    """
    if not value or not value.strip():
        return None
    iso = _ISO_DATE.fullmatch(value)
    if iso:
        try:
            return datetime.date.fromisoformat(iso.group(1)).isoformat()
        except ValueError:
            return None
    import dateparser  # lazy: dateparser is slow to import and needed only for free-form dates

    settings = {"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def find_published_date(text: str) -> str | None:
    """Find a "Published/Updated/Posted ..." date in the first characters of the text.

    >>> find_published_date("Headline\\nPublished 12:46 PM EST, Tue November 11, 2025\\nBody")
    '2025-11-11'
    """
    for m in _PUBLISHED.finditer(text[:PUBLISHED_WINDOW]):
        date = normalize_date(m.group(1))
        if date:
            return date
    return None


def _checked_date(stated: str | None, text: str, where: str) -> tuple[str | None, tuple[str, ...]]:
    """The article's date, with a note when a stated date was impossible or in the future and so dropped.

    >>> _checked_date("2025-02-30", "Body", "a.txt")
    (None, ("a.txt: date '2025-02-30' is not a calendar day; stored without a date",))
    >>> _checked_date("2999-01-01", "Body", "a.txt")[1]
    ('a.txt: date 2999-01-01 is in the future; stored without a date',)
    """
    latest = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    notes = []
    date = normalize_date(stated)
    if stated and stated.strip() and date is None:
        notes.append(f"{where}: date '{printable(stated.strip()[:80])}' is not a calendar day; stored without a date")
    elif date and date > latest:
        notes.append(f"{where}: date {date} is in the future; stored without a date")
        date = None
    if date is None:
        found = find_published_date(text)
        date = found if found and found <= latest else None
    return date, tuple(notes)


def display_name(path: Path) -> str:
    """The file name recorded for an article: undecodable bytes of the name shown as ``\\xNN``."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def _text_article(path: Path, raw: str) -> Article:
    header, body = parse_header(raw)
    if not body:
        raise fail(path, "no text after the header")
    date, notes = _checked_date(header.get("date"), body, printable(str(path)))
    return Article(display_name(path), body, date, *(header.get(key) or None for key in HEADER_KEYS[1:]), notes=notes)


def _html_article(path: Path, raw: str) -> Article:
    import trafilatura  # lazy: only HTML articles need it

    raw = _NOT_XML.sub(" ", raw)  # control characters are not HTML text, and lxml refuses them

    text = trafilatura.extract(raw, favor_precision=False, include_comments=False, include_tables=False)
    meta = trafilatura.extract_metadata(raw)
    title, date, url, source = (meta.title, meta.date, meta.url, meta.sitename) if meta else (None,) * 4
    plain, title = _plain_html_text(path, raw, title)
    if not plain.strip() or not text or not text.strip():
        text = plain  # trafilatura returns navigation links when a page has nothing else
    if not (text := text.strip()):
        raise fail(path, "no text found in the HTML page")
    date, notes = _checked_date(date, text, printable(str(path)))
    return Article(display_name(path), text, date, title or None, url or None, source or None, notes=notes)


def _plain_html_text(path: Path, raw: str, title: str | None) -> tuple[str, str | None]:
    """The visible text of <body> (no scripts, navigation or forms) and the <title>, when trafilatura finds none."""
    import lxml.html  # lazy: only HTML articles need it

    try:
        doc = lxml.html.document_fromstring(raw)
    except Exception:  # lxml raises several parser errors on junk
        raise fail(path, "not an HTML page") from None
    for bad in doc.xpath("//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form|//menu"):
        bad.drop_tree()
    body = doc.find("body")
    lines = (" ".join(line.split()) for line in (doc if body is None else body).text_content().split("\n"))
    return "\n".join(line for line in lines if line), title or (doc.findtext(".//title") or "").strip() or None


def _unpaired_surrogate(value: str) -> str | None:
    m = re.search("[\ud800-\udfff]", value)
    return f"\\u{ord(m.group()):04x}" if m else None


def _jsonl_article(path: Path, lineno: int, line: str) -> Article:
    where = f"{path}:{lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise fail(where, f"bad JSON ({e.msg})") from None
    except RecursionError:
        raise fail(where, "bad JSON (nested too deeply)") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise fail(where, "not a JSON object with a non-empty 'text'")
    field = {k: str(obj[k]).strip() or None if obj.get(k) is not None else None for k in ("id", *HEADER_KEYS)}
    for key, value in [("text", obj["text"]), *field.items()]:
        if value and (bad := _unpaired_surrogate(value)):
            raise fail(where, f"'{key}' holds an unpaired surrogate ({bad}), not Unicode text")
    text = obj["text"].replace("\r\n", "\n").strip()
    date, notes = _checked_date(field["date"], text, printable(where))
    return Article(field["id"] or f"{display_name(path)}#{lineno}", text, date, field["title"], field["url"],
                   field["source"], notes=notes)


def _jsonl_articles(path: Path, max_bytes: int | None, encoding: str | None) -> Iterator[Article | ArticleError]:
    """The articles of a JSON Lines file, streamed line by line; a bad line is yielded as its error."""
    head = read_bytes_head(path)
    if kind := sniff_binary(head):
        raise fail(path, f"{kind}, not text")
    any_line = False
    for lineno, line in read_lines(path, max_bytes):
        if isinstance(line, ArticleError):
            any_line = True
            yield line
            continue
        try:
            text = decode(f"{path}:{lineno}", line, encoding)
        except ArticleError as e:
            any_line = True
            yield e
            continue
        if text.strip():
            any_line = True
            try:
                yield _jsonl_article(path, lineno, text)
            except ArticleError as e:
                yield e
    if not any_line:
        raise fail(path, "empty article")


def read_bytes_head(path: Path, n: int = 8192) -> bytes:
    """The first ``n`` bytes of a regular file (ArticleError when it is not one)."""
    check_file(path, None)
    with open(path, "rb") as f:
        return f.read(n)


def _read_file(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES,
               encoding: str | None = None) -> Iterator[Article | ArticleError]:
    """Yield the articles of one file; whole-file problems raise, bad JSON Lines are yielded."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        check_file(path, None)
        raise fail(path, unknown_format(suffix))
    if suffix == ".jsonl":
        yield from _jsonl_articles(path, max_bytes, encoding)
        return
    data = read_bytes(path, max_bytes)
    if suffix in HTML_SUFFIXES and not encoding and sniff_binary(data) is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = html_charset(data)
    raw = decode(path, data, encoding)
    if not raw.strip():
        raise fail(path, "empty article")
    yield _text_article(path, raw) if suffix in TEXT_SUFFIXES else _html_article(path, raw)


def read_articles(paths: Iterable[str | Path], *, max_bytes: int | None = DEFAULT_MAX_BYTES,
                  encoding: str | None = None) -> Iterator[Article | ArticleError]:
    """Yield every article under the given files and folders; unreadable ones as ArticleError.

    ``max_bytes`` refuses larger files (and JSON Lines lines) without reading them; ``encoding`` decodes
    text that is not UTF-8 (by default such text is reported with a guess at its encoding, never decoded).
    """
    for path in map(Path, paths):
        if not os.path.lexists(path):
            yield fail(path, "no such file or directory")
            continue
        for file in walk(path) if path.is_dir() else [path]:
            if isinstance(file, ArticleError):
                yield file
                continue
            try:
                yield from _read_file(file, max_bytes, encoding)
            except ArticleError as e:
                yield e


def read_article(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Article:
    """Read the single article of one file, raising ArticleError when it cannot."""
    path = Path(path)
    if path.is_dir():
        raise fail(path, "is a folder")
    if not os.path.lexists(path):
        raise fail(path, "no such file or directory")
    items = list(_read_file(path, max_bytes))
    for item in items:
        if isinstance(item, ArticleError):
            raise item
    if len(items) != 1:
        raise fail(path, f"holds {len(items)} articles, expected one")
    return items[0]  # type: ignore[return-value]
