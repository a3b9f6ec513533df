"""Fuzz targets (hypothesis) over kg.text.articles and kg.extract: hostile bytes and text never raise an unhandled error.

Bounded for CI by example counts; raise them for a longer run, e.g.
``KG_FUZZ_ARTICLES=20000 KG_FUZZ_EXTRACT=2000 .venv/bin/python -m pytest tests/test_fuzz.py``.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.text.articles import Article, read_articles
from kg.rdf.build import build_article
from kg.errors import ArticleError

ARTICLE_EXAMPLES = int(os.environ.get("KG_FUZZ_ARTICLES", "400"))
EXTRACT_EXAMPLES = int(os.environ.get("KG_FUZZ_EXTRACT", "60"))
SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl", ".pdf", ""]
WORDS = ["Russian", "Ukrainian", "forces", "captured", "Kupiansk", "Kyiv", "said", "the", "Ministry of Defence",
         "General", "Gerasimov", "met", "Zelensky", "in", "on", "20 November 2025", "killed", "1,000", "troops",
         "3rd Assault Brigade", "withdrew", "from", "denied", "reports", ".", ",", "\n\n", "“", "”", "'s", "—",
         "<script>alert(1)</script>", "\x1b[31m", "\u202e", "🚀", "Купянськ", "مدينة", "=cmd|' /C calc'!A0"]
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def _header(draw) -> bytes:
    lines = draw(st.lists(st.tuples(st.sampled_from(["date", "title", "url", "source", "Date"]),
                                    st.text(max_size=30)), max_size=3))
    return "".join(f"{k}: {v}\n" for k, v in lines).encode("utf-8", "surrogatepass")


@st.composite
def files(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(["bytes", "text", "json", "html"]))
    if kind == "bytes":
        body = draw(st.binary(max_size=400))
    elif kind == "text":
        body = _header(draw) + draw(st.text(max_size=400)).encode("utf-8", "surrogatepass")
    elif kind == "json":
        values = st.one_of(st.none(), st.integers(), st.text(max_size=60), st.lists(st.integers(), max_size=2))
        objs = draw(st.lists(st.dictionaries(st.sampled_from(["id", "text", "title", "date", "url", "x"]), values),
                             max_size=4))
        body = "\n".join(json.dumps(o, ensure_ascii=draw(st.booleans())) for o in objs).encode("utf-8",
                                                                                            "surrogatepass")
    else:
        tags = st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<nav>", "</nav>", "<body>", "<html>",
                                "<meta charset='cp1251'>", "<title>", "</title>", "<article>", "<!--", "-->"])
        body = "".join(draw(st.lists(st.one_of(tags, st.text(max_size=20)), max_size=20))).encode(
            "utf-8", "surrogatepass")
    return draw(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"), min_size=1,
                        max_size=12)) + suffix, body


@settings(max_examples=ARTICLE_EXAMPLES, deadline=None, suppress_health_check=HEALTH)
@given(files(), st.sampled_from([None, 64, 5 * 2**20]))
def test_reading_any_file_yields_articles_or_one_line_errors(file, max_bytes):
    name, body = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        try:
            path.write_bytes(body)
        except OSError:
            return  # a name this file system refuses
        items = list(read_articles([path, folder], max_bytes=max_bytes))
    assert items
    for item in items:
        if isinstance(item, ArticleError):
            assert "\n" not in str(item) and "\x1b" not in str(item)
            continue
        assert isinstance(item, Article) and item.text.strip()
        for value in (item.name, item.text, item.title, item.url, item.source, *item.notes):
            if value is not None:
                value.encode("utf-8")  # valid Unicode, no lone surrogates
        rdf = build_article({"article": item.name, "date": item.date, "title": item.title, "url": item.url,
                             "source": item.source, "entities": [], "relations": [], "events": []},
                            item.content_hash)
        assert set(ox.parse(ox.serialize(rdf.quads, format=ox.RdfFormat.N_QUADS),
                            format=ox.RdfFormat.N_QUADS)) == set(rdf.quads)


@settings(max_examples=ARTICLE_EXAMPLES, deadline=None, suppress_health_check=HEALTH)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300).filter(str.strip),
       st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",)), max_size=40)))
def test_jsonl_articles_round_trip(text, title):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.jsonl"
        path.write_text(json.dumps({"id": "x", "text": text, "title": title}) + "\n", encoding="utf-8")
        [article] = read_articles([path])
    assert article.text == text.replace("\r\n", "\n").strip()
    assert article.title == ((title.strip() or None) if title is not None else None)


@settings(max_examples=EXTRACT_EXAMPLES, deadline=None, suppress_health_check=HEALTH)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), min_size=1, max_size=60))
def test_extracting_any_text_gives_a_storable_record(words):
    from kg.extract import extract

    text = " ".join(words).strip() or "x"
    article = Article("fuzz.txt", text, None)
    record = extract(article)
    assert record["article"] == "fuzz.txt"
    labels = {e["label"] for e in record["entities"]}
    for rel in record["relations"]:
        assert {rel["subject"], rel["object"]} <= labels
    rdf = build_article(record, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    quads = [*rdf.quads, *rdf.entity_quads]
    assert set(ox.parse(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)) == set(quads)
