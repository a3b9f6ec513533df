"""Extraction on real inputs: our example articles and, where present, the shared seed articles with their gold."""

import json
from pathlib import Path

import pytest

from kg.text.articles import read_article
from kg.extract import extract, extract_all

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

# Floors 0.02 below the current seed scores (F1: entities 0.963, relations 0.977, events 0.868;
# attribute accuracy 0.802): a drop of more than 0.02 fails. Attribute accuracy was 0.822 before events were
# dated only from their own sentence, line, heading or headline (issue 12): the seed gold dates two events of
# one article (a briefing and an encirclement told in it) by a weekday named two paragraphs earlier.
FLOORS = {"entities": 0.943, "relations": 0.957, "events": 0.848}
ATTRIBUTE_FLOOR = 0.782


@pytest.fixture(scope="module")
def capture_record():
    return extract(read_article(EXAMPLES / "01_kupiansk_capture_claim.txt"))


def _entity(record, label):
    return next(e for e in record["entities"] if e["label"] == label)


def test_record_has_the_gold_format_plus_provenance(capture_record):
    assert {"article", "date", "entities", "relations", "events"} <= set(capture_record)
    for e in capture_record["entities"]:
        assert e["type"] in {"Person", "MilitaryUnit", "Organization", "Country", "Place"}
        assert 0 < e["confidence"] <= 1
        assert e["mentions"], e
        for m in e["mentions"]:
            assert m["end"] > m["start"]
    for item in capture_record["relations"] + capture_record["events"]:
        assert 0 < item["confidence"] <= 1 and item["evidence"]


def test_mentions_point_into_the_text(capture_record):
    text = read_article(EXAMPLES / "01_kupiansk_capture_claim.txt").text
    for e in capture_record["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("label, kind, lat, lon", [
    ("Kupiansk", "Place", 49.71, 37.62),
    ("Kharkiv Oblast", "Place", None, None),
    ("Battlegroup West", "MilitaryUnit", None, None),
    ("Valery Gerasimov", "Person", None, None),
])
def test_entities_are_typed_and_places_geocoded(capture_record, label, kind, lat, lon):
    e = _entity(capture_record, label)
    assert e["type"] == kind
    if lat is not None:
        assert abs(e["lat"] - lat) < 0.1 and abs(e["lon"] - lon) < 0.1 and e["geonames"]


def test_relations_and_claimed_capture(capture_record):
    rels = {(r["subject"], r["predicate"], r["object"]) for r in capture_record["relations"]}
    assert ("Valery Gerasimov", "reportedTo", "Vladimir Putin") in rels
    captures = [e for e in capture_record["events"] if e["type"] == "Capture" and e["place"] == "Kupiansk"]
    assert any("Russia" in e["agents"] and e["claimedBy"] for e in captures)


def test_same_record_alone_or_in_a_batch():
    paths = sorted(p for p in EXAMPLES.glob("*.txt"))
    batch = list(extract_all([read_article(p) for p in paths]))
    alone = extract(read_article(paths[2]))
    assert json.dumps(batch[2], sort_keys=True) == json.dumps(alone, sort_keys=True)


def test_noise_yields_nothing(tmp_path):
    page = tmp_path / "ad.txt"
    page.write_text("Watch Limit\n\nTry for free for 7 days\n\nAccess Everything for Just $2.50 a month\n\n"
                    "Read the original article here\n\nStill Pokrovsk digi.png\n")
    record = extract(read_article(page))
    assert record["entities"] == [] and record["events"] == []


def test_seed_scores_hold(seeds_dir, shared_dir):
    from kg.eval.score import evaluate_files

    report = evaluate_files(shared_dir / "gold" / "seeds.jsonl", seeds_dir)
    for section, floor in FLOORS.items():
        assert getattr(report, section).f1 >= floor, (section, getattr(report, section).as_dict())
    assert report.attribute_accuracy >= ATTRIBUTE_FLOOR, report.as_dict()


@pytest.mark.parametrize(("sentence", "kind", "place", "date", "months"), [
    ("Ukrainian forces recaptured Kupiansk earlier this month, the General Staff said.", "Capture", "Kupiansk",
     None, ["2025-11-01", "2025-11-21"]),
    ("In March 2022, Russian troops shelled Kharkiv.", "Attack", "Kharkiv", None, ["2022-03-01", "2022-03-31"]),
    ("On Thursday, Russian troops shelled Kharkiv.", "Attack", "Kharkiv", "2025-11-20", None),
])
def test_event_dates_are_days_or_month_ranges(tmp_path, sentence, kind, place, date, months):
    page = tmp_path / "dated.txt"
    page.write_text(f"date: 2025-11-21\n\n{sentence}\n", encoding="utf-8")
    event = next(e for e in extract(read_article(page))["events"] if e["type"] == kind)
    assert (event["place"], event["date"], event.get("dateRange")) == (place, date, months)
