"""Tests of kg.text.articles: text headers, dates, HTML, JSON Lines, errors, folders and the real seeds."""

import hashlib
import json
from pathlib import Path

import pytest

from kg.text.articles import Article, read_article, read_articles
from kg.errors import ArticleError

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Drones hit Kharkiv overnight | Eastern Front Wire</title>
  <meta property="og:title" content="Drones hit Kharkiv overnight">
  <meta property="og:site_name" content="Eastern Front Wire">
  <meta property="og:url" content="https://example.org/news/kharkiv-strike">
  <meta property="article:published_time" content="2025-11-23T07:15:00+02:00">
  <script>window.dataLayer = [];</script>
</head>
<body>
  <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li>
  <li><a href="/subscribe">Subscribe today</a></li></ul></nav>
  <div class="ad-banner">Advertisement: cheap flights to anywhere, book now</div>
  <article>
    <h1>Drones hit Kharkiv overnight</h1>
    <p>Russian attack drones struck residential districts of Kharkiv during the night, wounding at least
    twelve people, Kharkiv governor Oleh Syniehubov said on Sunday morning.</p>
    <p>Syniehubov said two of the wounded were children and that a nine-storey building caught fire after
    a direct hit. Emergency crews worked until dawn to reach people trapped on the upper floors.</p>
  </article>
  <footer><p>Copyright 2025 Eastern Front Wire. All rights reserved. Privacy policy.</p></footer>
</body>
</html>
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "date", "title", "url", "source", "text"),
    [
        ("date: 2025-11-21\ntitle: Kupiansk falls\nurl: https://x.org/a\nsource: Wire\n\nBody here.",
         "2025-11-21", "Kupiansk falls", "https://x.org/a", "Wire", "Body here."),
        ("Date: 21 November 2025\nTITLE: Mixed case\n\nBody here.", "2025-11-21", "Mixed case", None, None,
         "Body here."),
        ("date: Nov 21, 2025\nSource: Reuters\n\n\nBody here.\n\nSecond paragraph.", "2025-11-21", None, None,
         "Reuters", "Body here.\n\nSecond paragraph."),
        ("title: No date\n\nBody here.", None, "No date", None, None, "Body here."),
        ("date: not a date\n\nBody here.", None, None, None, None, "Body here."),
        ("Body only, no header.\nSecond line.", None, None, None, None, "Body only, no header.\nSecond line."),
        (" date 2025-11-21 Kupiansk, an important rail hub, fell.\n\nMore.", "2025-11-21", None, None, None,
         "Kupiansk, an important rail hub, fell.\n\nMore."),
        ("date 2025-11-20\nPokrovsk is under pressure.", "2025-11-20", None, None, None,
         "Pokrovsk is under pressure."),
        ("date: 2025-11-19\r\ntitle: Windows\r\n\r\nLine one.\r\nLine two.\r\n", "2025-11-19", "Windows", None,
         None, "Line one.\nLine two."),
    ],
    ids=["all-keys", "case-insensitive", "us-date", "title-only", "bad-date", "no-header", "bare-date-inline",
         "bare-date-own-line", "crlf"],
)
def test_text_headers(tmp_path: Path, content: str, date: str | None, title: str | None, url: str | None,
                      source: str | None, text: str) -> None:
    article = read_article(write(tmp_path, "a.txt", content))
    assert article == Article("a.txt", text, date, title, url, source, notes=article.notes)
    assert bool(article.notes) == ("not a date" in content)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published 12:46 PM EST, Tue November 11, 2025", "2025-11-11"),
        ("Updated 3:00 AM GMT, November 2, 2025", "2025-11-02"),
        ("Posted on 2024-05-01", "2024-05-01"),
        ("Published: 5 March 2024", "2024-03-05"),
        ("Published yesterday", None),
        ("The report was published by the ministry.", None),
    ],
)
def test_published_date_in_text(tmp_path: Path, line: str, date: str | None) -> None:
    content = f"Headline about Pokrovsk\n\n{line}\n\nPeople in Pokrovsk heard artillery."
    assert read_article(write(tmp_path, "a.md", content)).date == date


def test_published_date_only_near_the_start(tmp_path: Path) -> None:
    content = "Filler sentence about the front. " * 60 + "\nPublished: 5 March 2024\n"
    assert read_article(write(tmp_path, "a.txt", content)).date is None


def test_header_date_wins_over_text_date(tmp_path: Path) -> None:
    content = "date: 2025-11-21\n\nPublished: 5 March 2024\nBody."
    assert read_article(write(tmp_path, "a.txt", content)).date == "2025-11-21"


def test_content_hash_and_bom(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", "\ufefftitle: BOM\n\nKyiv said so."))
    assert article.title == "BOM"
    assert article.content_hash == hashlib.sha256("Kyiv said so.".encode()).hexdigest()


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "strike.html", HTML_PAGE))
    assert "Kharkiv governor Oleh Syniehubov said on Sunday morning" in article.text
    assert "Emergency crews worked until dawn" in article.text
    for junk in ("World news menu", "Subscribe today", "cheap flights", "All rights reserved", "dataLayer"):
        assert junk not in article.text
    assert article.name == "strike.html"
    assert article.title == "Drones hit Kharkiv overnight"
    assert (article.date, article.url, article.source) == (
        "2025-11-23", "https://example.org/news/kharkiv-strike", "Eastern Front Wire")


def test_html_published_line_without_metadata(tmp_path: Path) -> None:
    page = ("<html><body><article><h1>Pokrovsk</h1><p>Published: 5 March 2024</p><p>"
            + "Russian units moved along tree lines toward Pokrovsk, according to the footage. " * 3
            + "</p></article></body></html>")
    assert read_article(write(tmp_path, "a.htm", page)).date == "2024-03-05"


def test_html_falls_back_to_body_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    page = ("<html><head><title>Fallback</title><script>var x = 1;</script></head>"
            "<body><p>Kupiansk   held.</p></body></html>")
    article = read_article(write(tmp_path, "a.html", page))
    assert (article.text, article.title) == ("Kupiansk held.", "Fallback")


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.html", "<html><body></body></html>")
    with pytest.raises(ArticleError, match="no text found in the HTML page"):
        read_article(path)


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "kup-1", "title": "One", "date": "21 November 2025", "url": "https://x.org/1",
                    "source": "Wire", "text": "Gerasimov briefed Putin."}),
        "",
        "{not json",
        json.dumps({"title": "No text"}),
        json.dumps({"text": "Published: 5 March 2024\nZelensky met Driscoll."}),
        "   ",
        json.dumps({"id": 7, "text": "Third."}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_articles([path]))
    assert [type(item).__name__ for item in items] == ["Article", "ArticleError", "ArticleError", "Article", "Article"]
    assert items[0] == Article("kup-1", "Gerasimov briefed Putin.", "2025-11-21", "One", "https://x.org/1", "Wire")
    assert str(items[1]) == f"{path}:3: bad JSON (Expecting property name enclosed in double quotes)"
    assert str(items[2]) == f"{path}:4: not a JSON object with a non-empty 'text'"
    assert (items[3].name, items[3].date, items[3].title) == ("batch.jsonl#5", "2024-03-05", None)
    assert items[4].name == "7"


def test_read_article_needs_exactly_one_article(tmp_path: Path) -> None:
    path = write(tmp_path, "two.jsonl", '{"text": "a"}\n{"text": "b"}\n')
    with pytest.raises(ArticleError, match="holds 2 articles, expected one"):
        read_article(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin.txt", "date: 2025-11-21\n\nKupiansk caf\u00e9".encode("latin-1"),
         "not UTF-8 text (byte 0xe9 at offset 30; perhaps cp1250: re-save it as UTF-8 or pass --encoding cp1250)"),
        ("empty.txt", b"", "empty article"),
        ("blank.md", b"  \n\t\n", "empty article"),
        ("header.txt", b"date: 2025-11-21\ntitle: Only a header\n", "no text after the header"),
        ("empty.jsonl", b"\n\n", "empty article"),
        ("report.pdf", b"%PDF-1.4", "unknown format '.pdf' (expected .txt, .md, .html, .jsonl)"),
    ],
    ids=["latin-1", "empty", "whitespace", "header-only", "blank-jsonl", "pdf"],
)
def test_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = write(tmp_path, name, content)
    expected = f"{path}: {message}"
    assert [str(item) for item in read_articles([path])] == [expected]
    assert isinstance(next(read_articles([path])), ArticleError)
    with pytest.raises(ArticleError) as raised:
        read_article(path)
    assert str(raised.value) == expected


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    items = list(read_articles([missing, write(tmp_path, "ok.txt", "Still read.")]))
    assert str(items[0]) == f"{missing}: no such file or directory"
    assert isinstance(items[1], Article) and items[1].text == "Still read."
    with pytest.raises(ArticleError, match="no such file or directory"):
        read_article(missing)


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.md", "a/b/c.txt", "a.txt", ".hidden.txt", ".git/x.txt", "c/.secret/d.txt",
                 "notes.pdf", "d.html"]:
        write(tmp_path, name, f"<p>Text of {name}.</p>" if name.endswith(".html") else f"Text of {name}.")
    write(tmp_path, "e.jsonl", '{"id": "e1", "text": "one"}\n{"id": "e2", "text": "two"}\n')
    write(tmp_path, "bad.txt", b"\xff\xfe")
    items = list(read_articles([tmp_path, tmp_path / "b.txt"]))
    names = [item.name if isinstance(item, Article) else "ERROR" for item in items]
    assert names == ["c.txt", "z.md", "a.txt", "b.txt", "ERROR", "d.html", "e1", "e2", "ERROR", "b.txt"]
    assert str(items[4]) == f"{tmp_path / 'bad.txt'}: empty article"
    assert str(items[8]) == f"{tmp_path / 'notes.pdf'}: unknown format '.pdf' (expected .txt, .md, .html, .jsonl)"


def test_accepts_strings(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Kyiv.")
    assert [a.text for a in read_articles([str(tmp_path)])] == ["Kyiv."]


def test_seeds_read_without_error(seeds_dir: Path) -> None:
    items = list(read_articles([seeds_dir]))
    assert len(items) == 5
    assert all(isinstance(item, Article) for item in items), [str(i) for i in items]


def test_seed_with_bare_date_line(seeds_dir: Path) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    [path] = [p for p in seeds if p.read_text(encoding="utf-8").startswith(" date 2025-11-21")]
    article = read_article(path)
    assert article.date == "2025-11-21"
    assert article.text.startswith("Kupiansk")


def test_seed_with_published_line(seeds_dir: Path) -> None:
    marker = "Published 12:46 PM EST, Tue November 11, 2025"
    [path] = [p for p in sorted(seeds_dir.glob("*.txt")) if marker in p.read_text(encoding="utf-8")]
    assert read_article(path).date == "2025-11-11"
