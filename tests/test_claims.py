"""kg.views.claims: contested places keep every side's claims with who makes them; support from independent articles."""

import json

import pytest
from graph_fixture import make_store

from kg.text.articles import read_articles
from kg.rdf.build import build_article
from kg.views.claims import contested, corroboration, format_contests, noisy_or, reasons, support
from kg.errors import EntityNotFound, QueryError
from kg.pipeline.ingest import ingest
from kg.store.local import Store

KUPIANSK = "https://w3id.org/kg-news/id/entity/place/gn704839"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The fixture store of tests/data/records.jsonl."""
    location = tmp_path_factory.mktemp("claims") / "kg"
    with make_store(location) as s:
        yield s


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory, seeds_dir):
    """The real seed articles, extracted and stored."""
    with Store(tmp_path_factory.mktemp("seeds") / "kg") as s:
        assert {r.status for r in ingest(s, list(read_articles([seeds_dir])))} == {"added"}
        yield s


@pytest.mark.parametrize(("confidences", "expected"), [
    ([], 0.0), ([0.7], 0.7), ([0.5, 0.5], 0.75), ([0.6, 0.5, 0.0], 0.8), ([1.0, 0.2], 1.0), ([1.5], 1.0),
])
def test_noisy_or(confidences, expected):
    assert noisy_or(confidences) == pytest.approx(expected)


@pytest.mark.parametrize(("claims", "expected"), [
    ([], (0, 0.0)),
    ([("a", 0.6)], (1, 0.6)),
    ([("a", 0.6), ("a", 0.9)], (1, 0.9)),
    ([("a", 0.6), ("b", 0.5), ("a", 0.2)], (2, 0.8)),
])
def test_support_counts_each_article_once(claims, expected):
    assert support(claims) == expected


def test_fixture_kupiansk_shows_both_sides_and_the_denial(store):
    [contest] = contested(store)
    assert (contest.place, contest.label) == (KUPIANSK, "Kupiansk")
    assert contest.reasons == ("Russia vs Ukraine", "Capture asserted and denied")
    got = {(c.side, c.type, c.polarity, c.claimed_by, c.file) for c in contest.claims}
    assert got == {("Russia", "Capture", "asserted", "Valery Gerasimov", "moscow-claim.txt"),
                   ("Russia", "Capture", "denied", "Ukraine", "kyiv-claim.txt"),
                   ("Ukraine", "Offensive", "asserted", "DeepState", "kyiv-claim.txt")}
    capture = next(c for c in contest.claims if c.polarity == "asserted" and c.type == "Capture")
    assert (capture.date, capture.claim_date, capture.confidence) == ("2025-11-20", "2025-11-21", 0.8)
    assert capture.evidence == "Gerasimov informed Putin that Battlegroup West had taken Kupyansk."
    assert (capture.articles, capture.support) == (1, 0.8)


@pytest.mark.parametrize(("place", "count"), [("Kupyansk", 1), (KUPIANSK, 1), ("Kyiv", 0), ("Kharkiv Oblast", 0)])
def test_contested_at_one_place(store, place, count):
    assert len(contested(store, place)) == count


@pytest.mark.parametrize(("minimum", "why"), [
    (None, ("Russia vs Ukraine", "Capture asserted and denied")),
    (0.6, ("Russia vs Ukraine", "Capture asserted and denied")),
    (0.7, ("Russia vs Ukraine",)),
    (0.8, None),
])
def test_low_confidence_claims_are_left_out_before_clashes_are_found(store, minimum, why):
    found = contested(store, min_confidence=minimum)
    assert (found[0].reasons if found else None) == why
    assert all(c.confidence >= (minimum or 0) for f in found for c in f.claims)


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_confidence_out_of_range(store, bad):
    with pytest.raises(QueryError) as err:
        contested(store, min_confidence=bad)
    assert str(err.value) == f"minimum confidence must be between 0 and 1, not {bad}"


def test_unknown_place(store):
    with pytest.raises(EntityNotFound, match="^no entity matches 'Atlantis'$"):
        contested(store, "Atlantis")


def _mini(location, events, source=None):
    """One article at Pokrovsk holding the given control events (asserted unless said otherwise)."""
    entities = [{"label": "Pokrovsk", "type": "Place", "class": "Settlement"}, {"label": "Russia", "type": "Country"},
                {"label": "Ukraine", "type": "Country"}, {"label": "20th Army", "type": "MilitaryUnit"}]
    record = {"article": "mini.txt", "date": "2025-11-01", "source": source, "entities": entities, "relations": [],
              "events": [{"place": "Pokrovsk", "polarity": "asserted", "confidence": 0.6, **e} for e in events]}
    store = Store(location)
    store.put_article(build_article(record, "cd" * 32))
    return store


@pytest.mark.parametrize(("events", "why"), [
    ([{"type": "Capture", "agents": ["Russia"]}, {"type": "Offensive", "agents": ["Russia", "20th Army"]}], None),
    ([{"type": "Capture", "agents": ["Russia"]}, {"type": "Offensive", "agents": ["Ukraine"]}], ("Russia vs Ukraine",)),
    ([{"type": "Capture", "agents": ["Russia"]}, {"type": "Capture", "agents": ["Russia"], "polarity": "denied"}],
     ("Capture asserted and denied",)),
    ([{"type": "Capture", "agents": ["Russia"]}, {"type": "Capture", "agents": [], "polarity": "denied"}],
     ("Capture asserted and denied",)),
    ([{"type": "Capture", "agents": []}, {"type": "Capture", "agents": ["Russia"], "polarity": "denied"}],
     ("Capture asserted and denied",)),
    ([{"type": "Capture", "agents": ["Ukraine"]}, {"type": "Capture", "agents": ["Russia"], "polarity": "denied"}],
     None),
    ([{"type": "Encirclement", "agents": []}, {"type": "Capture", "agents": [], "polarity": "denied"}], None),
])
def test_what_counts_as_a_clash(tmp_path, events, why):
    with _mini(tmp_path / "s", events) as store:
        found = contested(store)
    assert (found[0].reasons if found else None) == why


def test_outlet_is_the_claimant_when_no_speaker_is_named(tmp_path):
    events = [{"type": "Capture", "agents": ["Russia"], "claimedBy": ["Russia"]}, {"type": "Offensive", "agents": ["Ukraine"]}]
    with _mini(tmp_path / "s", events, source="Donbas Evening Post") as store:
        [contest] = contested(store)
    assert {c.claimed_by for c in contest.claims} == {"Russia", "Donbas Evening Post"}


def test_support_counts_independent_articles_on_the_same_side(tmp_path):
    with Store(tmp_path / "s") as store:
        for n, conf in enumerate((0.6, 0.5)):
            record = {"article": f"a{n}.txt", "date": "2025-11-0{n + 1}", "relations": [],
                      "entities": [{"label": "Pokrovsk", "type": "Place"}, {"label": "Russia", "type": "Country"},
                                   {"label": "Ukraine", "type": "Country"}],
                      "events": [{"type": "Capture", "place": "Pokrovsk", "agents": ["Russia"], "confidence": conf},
                                 {"type": "Offensive", "place": "Pokrovsk", "agents": ["Ukraine"], "confidence": 0.4}]}
            store.put_article(build_article(record, f"{n}" * 64))
        [contest] = contested(store)
    by_side = {(c.side, c.file): (c.articles, c.support) for c in contest.claims}
    assert by_side[("Russia", "a0.txt")] == by_side[("Russia", "a1.txt")] == (2, 0.8)
    assert by_side[("Ukraine", "a0.txt")] == (2, 0.64)


def test_reasons_need_two_sides_or_a_denial():
    assert reasons([]) == ()


def test_format_table_and_json(store):
    found = contested(store)
    lines = format_contests(found).splitlines()
    assert lines[0] == "Kupiansk: 3 claims; Russia vs Ukraine; Capture asserted and denied"
    assert lines[1].split() == ["side", "type", "polarity", "claimedBy", "date", "file", "conf", "support", "evidence"]
    assert lines[2].split()[:5] == ["Russia", "Capture", "asserted", "Valery", "Gerasimov"]
    assert [line.split()[0] for line in lines[2:]] == ["Russia", "Russia", "Ukraine"]
    data = json.loads(format_contests(found, "json"))
    assert data[0]["label"] == "Kupiansk" and len(data[0]["claims"]) == 3
    assert format_contests([]) == "no contested places"


def test_seeds_kupiansk_has_the_russian_capture_and_the_ukrainian_counter_claim(seeds_store):
    [contest] = contested(seeds_store, "Kupiansk")
    assert "Russia vs Ukraine" in contest.reasons
    claims = contest.claims
    assert any(c.side == "Russia" and c.type == "Capture" and c.polarity == "asserted"
               and c.claimed_by == "Valery Gerasimov" for c in claims)
    assert any(c.side == "Ukraine" and c.type == "Offensive" and c.polarity == "asserted" for c in claims)
    assert all(c.claimed_by and c.file and c.evidence for c in claims)
    assert len({c.file for c in claims}) >= 2


def _two_articles(location, second_polarity="asserted"):
    """Two articles that both say Gerasimov reported to Putin and Russia took Pokrovsk (the second maybe denying it)."""
    store = Store(location)
    for n, (conf, polarity) in enumerate(((0.6, "asserted"), (0.5, second_polarity))):
        record = {"article": f"r{n}.txt", "date": "2025-11-0{n + 1}",
                  "entities": [{"label": "Pokrovsk", "type": "Place"}, {"label": "Russia", "type": "Country"},
                               {"label": "Valery Gerasimov", "type": "Person"}, {"label": "Vladimir Putin", "type": "Person"}],
                  "relations": [{"subject": "Valery Gerasimov", "predicate": "reportedTo", "object": "Vladimir Putin",
                                 "evidence": "He reported.", "confidence": conf},
                                {"subject": ["Valery Gerasimov", "Vladimir Putin"][n], "predicate": "met",
                                 "object": ["Vladimir Putin", "Valery Gerasimov"][n], "evidence": "They met.",
                                 "confidence": 0.9}],
                  "events": [{"type": "Capture", "place": "Pokrovsk", "agents": ["Russia"], "confidence": conf,
                              "polarity": polarity}]}
        store.put_article(build_article(record, f"{n + 5}" * 64))
    return store


def test_corroboration_combines_independent_articles(tmp_path):
    with _two_articles(tmp_path / "s") as store:
        found = {(c.kind, c.type, c.subject_label, c.object_label): (c.articles, c.support)
                 for c in corroboration(store)}
        assert found == {("event", "Capture", "Pokrovsk", ""): (2, 0.8),
                         ("relation", "reportedTo", "Valery Gerasimov", "Vladimir Putin"): (2, 0.8),
                         ("relation", "met", "Valery Gerasimov", "Vladimir Putin"): (2, 0.99)}
        assert [c.type for c in corroboration(store, min_confidence=0.55)] == ["met", "Capture", "reportedTo"]
        assert {c.articles for c in corroboration(store, min_confidence=0.55)} == {1, 2}
        assert [c.type for c in corroboration(store, min_support=0.9)] == ["met"]
        assert len(corroboration(store, min_articles=3)) == 0


def test_a_denial_does_not_corroborate(tmp_path):
    with _two_articles(tmp_path / "s", second_polarity="denied") as store:
        capture = next(c for c in corroboration(store) if c.type == "Capture")
    assert (capture.articles, capture.support, capture.files) == (1, 0.6, "r0.txt")


def test_corroboration_on_the_fixture(store):
    found = corroboration(store)
    assert all(c.articles == 1 for c in found)
    capture = next(c for c in found if c.type == "Capture")
    assert (capture.subject, capture.object, capture.support) == (KUPIANSK, None, 0.8)
