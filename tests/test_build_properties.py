"""Property-based: any label, title, evidence or file name mints valid IRIs and round-trips through every export format.

Each run generates at least 1,000 records (hypothesis); no spaCy in the loop, records are generated directly.
"""

import hashlib
import os
import unicodedata
import warnings

import pyoxigraph as ox
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.rdf.build import build_article
from kg.rdf.iris import entity_iri
from kg.rdf.serialize import FORMATS, export

EXAMPLES = int(os.environ.get("KG_PROPERTY_EXAMPLES", "1000"))
SPECIAL = ['"quoted" <b>label</b>', "a > b < c", "  spaced   out  ", "🚀🔥 rocket unit", "مدينة حلب",
           "שדה התעופה", "\u202eevil\u202c", "x\x00y\x1b[2J", "=SUM(A1)", "\\ backslash \\u0041", "'single'",
           "}", "<http://evil/>", "# not a comment", "line\nbreak\r\ttab", "\u0085\u2028\u2029", "ﬁ ligature",
           "Kyiv " * 2000]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
LABEL = st.one_of(TEXT, st.sampled_from(SPECIAL), st.text(st.characters(exclude_categories=("Cs",)), min_size=1,
                                                          max_size=10_000).filter(lambda s: len(s) > 200))
TYPES = st.sampled_from(["Person", "MilitaryUnit", "Organization", "Country", "Place"])
EVENT_TYPES = st.sampled_from(["Capture", "Attack", "Meeting", "Withdrawal", "Clash"])


@st.composite
def records(draw) -> dict:
    labels = draw(st.lists(LABEL, min_size=1, max_size=4, unique=True))
    entities = [{"label": label, "type": draw(TYPES), "aliases": draw(st.lists(TEXT, max_size=2)),
                 "confidence": 0.9, "mentions": []} for label in labels]
    pick = st.sampled_from(labels)
    relations = [{"subject": draw(pick), "predicate": draw(st.sampled_from(["met", "reportedTo", "commands"])), "object": draw(pick), "evidence": draw(LABEL),
                  "confidence": draw(st.floats(0, 1))} for _ in range(draw(st.integers(0, 2)))]
    events = [{"type": draw(EVENT_TYPES), "place": draw(pick), "agents": draw(st.lists(pick, max_size=2)),
               "claimedBy": [], "date": draw(st.sampled_from([None, "2025-11-20"])), "evidence": draw(LABEL),
               "confidence": 0.5, "polarity": "asserted"} for _ in range(draw(st.integers(0, 2)))]
    return {"article": draw(LABEL), "date": None, "title": draw(st.one_of(st.none(), LABEL)),
            "url": draw(st.one_of(st.none(), TEXT)), "source": draw(st.one_of(st.none(), TEXT)),
            "entities": entities, "relations": relations, "events": events}


class Quads:
    """Just enough of a store for kg.rdf.serialize."""

    def __init__(self, quads):
        self._quads = list(dict.fromkeys(quads))

    def quads(self):
        return iter(self._quads)

    def __len__(self):
        return len(self._quads)


def _rdflib_quads(data: bytes, fmt: str) -> set:
    from rdflib import Dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = Dataset()
        ds.parse(data=data, format=fmt)
        return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


def check_round_trip(quads: list[ox.Quad]) -> None:
    store = Quads(quads)
    expected = set(store.quads())
    for fmt in FORMATS:
        data = export(store, fmt)
        text = data.decode("utf-8")
        assert not {"\x1b", "\x85", "\u202e", "\u2028"} & set(text), fmt
        if fmt == "jsonld":
            nquads = ox.serialize(expected, format=ox.RdfFormat.N_QUADS)
            assert _rdflib_quads(data, "json-ld") == _rdflib_quads(nquads, "nquads")
        elif fmt == "turtle":
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in expected}
            parsed = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.TURTLE)}
            assert parsed == triples
        else:
            fmt_ = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
            assert set(ox.parse(data, format=fmt_)) == expected


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large])
@given(records())
def test_any_record_round_trips_every_format(record):
    digest = hashlib.sha256(repr(record).encode("utf-8", "surrogatepass")).hexdigest()
    rdf = build_article(record, digest)
    check_round_trip([*rdf.quads, *rdf.entity_quads])


@settings(max_examples=EXAMPLES, deadline=None)
@given(LABEL, TYPES)
def test_any_label_mints_a_valid_iri(label, kind):
    iri = entity_iri({"label": label, "type": kind}).value
    assert len(iri) < 200
    parsed = next(iter(ox.parse(f'<{iri}> <http://e.org/p> "1" .', format=ox.RdfFormat.N_TRIPLES)))
    assert parsed.subject.value == iri
    assert not {" ", "<", ">", '"', "{", "}", "|", "\\", "^", "`"} & set(iri)


def _wordless(label: str) -> bool:
    """No letter, digit or combining mark (what kg's IRI slugs keep): punctuation, symbols, emoji, spaces."""
    return not any(ch.isalnum() or unicodedata.category(ch)[0] in "LNM" for ch in label)


WORDLESS = st.one_of(
    st.text(st.characters(exclude_categories=("L", "N", "M", "Cs")), min_size=1, max_size=40),
    st.sampled_from([s for s in SPECIAL if _wordless(s)] + ["!", "?", "...", "🚀", "🚀🚀", "- -", "-  -", "<>"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDLESS, min_size=2, max_size=2, unique_by=lambda s: s.casefold().strip()), TYPES)
def test_labels_without_letters_do_not_collide(labels, kind):
    a, b = labels
    assume(_wordless(a) and _wordless(b))
    iri_a, iri_b = entity_iri({"label": a, "type": kind}), entity_iri({"label": b, "type": kind})
    assert iri_a != iri_b
    assert iri_a == entity_iri({"label": a, "type": kind})  # and each label keeps its IRI
