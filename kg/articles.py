"""Reading articles from disk (text with header lines, HTML, JSON Lines); failures are one-line ArticleErrors."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleError

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


@dataclass(frozen=True)
class Article:
    """One article: its name (file name or JSON Lines id), text and optional metadata."""

    name: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None

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
    import dateparser

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


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(f"{path}: not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset {e.start})") from None
    if not text.strip():
        raise ArticleError(f"{path}: empty article")
    return text


def _text_article(path: Path, raw: str) -> Article:
    header, body = parse_header(raw)
    if not body:
        raise ArticleError(f"{path}: no text after the header")
    date = normalize_date(header.get("date")) or find_published_date(body)
    return Article(path.name, body, date, *(header.get(key) or None for key in HEADER_KEYS[1:]))


def _html_article(path: Path, raw: str) -> Article:
    import trafilatura

    text = trafilatura.extract(raw, favor_precision=False, include_comments=False, include_tables=False)
    meta = trafilatura.extract_metadata(raw)
    title, date, url, source = (meta.title, meta.date, meta.url, meta.sitename) if meta else (None,) * 4
    if not text or not text.strip():
        text, title = _plain_html_text(path, raw, title)
    if not (text := text.strip()):
        raise ArticleError(f"{path}: no text found in the HTML page")
    date = normalize_date(date) or find_published_date(text)
    return Article(path.name, text, date, title or None, url or None, source or None)


def _plain_html_text(path: Path, raw: str, title: str | None) -> tuple[str, str | None]:
    """The visible text of <body> and the <title>, for pages trafilatura finds nothing in."""
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(raw)
    except Exception:  # lxml raises several parser errors on junk
        raise ArticleError(f"{path}: not an HTML page") from None
    for bad in doc.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = doc.find("body")
    lines = (" ".join(line.split()) for line in (doc if body is None else body).text_content().split("\n"))
    return "\n".join(line for line in lines if line), title or (doc.findtext(".//title") or "").strip() or None


def _jsonl_article(path: Path, lineno: int, line: str) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ArticleError(f"{path}:{lineno}: bad JSON ({e.msg})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise ArticleError(f"{path}:{lineno}: not a JSON object with a non-empty 'text'")
    field = {k: str(obj[k]).strip() or None if obj.get(k) is not None else None for k in ("id", *HEADER_KEYS)}
    text = obj["text"].replace("\r\n", "\n").strip()
    date = normalize_date(field["date"]) or find_published_date(text)
    return Article(field["id"] or f"{path.name}#{lineno}", text, date, field["title"], field["url"], field["source"])


def _jsonl_articles(path: Path, raw: str) -> Iterator[Article | ArticleError]:
    for lineno, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            try:
                yield _jsonl_article(path, lineno, line)
            except ArticleError as e:
                yield e


def _read_file(path: Path) -> Iterator[Article | ArticleError]:
    """Yield the articles of one file; whole-file problems raise, bad JSON Lines are yielded."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(f"{path}: unknown format '{suffix}' (expected .txt, .md, .html, .jsonl)")
    raw = _decode(path)
    if suffix in TEXT_SUFFIXES:
        yield _text_article(path, raw)
    elif suffix in HTML_SUFFIXES:
        yield _html_article(path, raw)
    else:
        yield from _jsonl_articles(path, raw)


def _walk(folder: Path) -> list[Path]:
    """Files of a supported format under a folder, recursively, sorted, hidden ones skipped."""
    rels = [p.relative_to(folder) for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()]
    visible = (rel for rel in rels if not any(part.startswith(".") for part in rel.parts))
    return [folder / rel for rel in sorted(visible, key=lambda rel: rel.parts)]


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    """Yield every article under the given files and folders; unreadable ones as ArticleError."""
    for path in map(Path, paths):
        if not path.exists():
            yield ArticleError(f"{path}: no such file or directory")
            continue
        for file in _walk(path) if path.is_dir() else [path]:
            try:
                yield from _read_file(file)
            except ArticleError as e:
                yield e


def read_article(path: str | Path) -> Article:
    """Read the single article of one file, raising ArticleError when it cannot."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: {'is a folder' if path.is_dir() else 'no such file or directory'}")
    items = list(_read_file(path))
    for item in items:
        if isinstance(item, ArticleError):
            raise item
    if len(items) != 1:
        raise ArticleError(f"{path}: holds {len(items)} articles, expected one")
    return items[0]  # type: ignore[return-value]
