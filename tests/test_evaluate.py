"""Scoring against gold: matching rules of shared/gold/README.md."""

import json

import pytest

from kg.errors import GoldError
from kg.eval.score import evaluate, load_gold

GOLD = {
    "article": "a.txt", "date": "2025-11-21",
    "entities": [
        {"label": "Kupiansk", "type": "Place", "aliases": ["Kupyansk"]},
        {"label": "Russia", "type": "Country", "aliases": []},
        {"label": "Dan Driscoll", "type": "Person", "aliases": ["Driscoll"]},
        {"label": "Volodymyr Zelensky", "type": "Person", "aliases": ["Zelensky"]},
    ],
    "relations": [{"subject": "Dan Driscoll", "predicate": "met", "object": "Volodymyr Zelensky"}],
    "events": [{"type": "Capture", "place": "Kupiansk", "agents": ["Russia"], "date": "2025-11-20", "claimedBy": []}],
}


@pytest.mark.parametrize("pred_entities, tp", [
    ([{"label": "Kupyansk", "type": "Place"}], 1),
    ([{"label": "The Kupiansk", "type": "Place"}], 1),
    ([{"label": "Kupiansk", "type": "Organization"}], 0),
    ([{"label": "Kup", "type": "Place", "aliases": ["KUPIANSK"]}], 1),
    ([{"label": "Kupiansk", "type": "Place", "class": "Settlement"}, {"label": "Kupiansk", "type": "Place"}], 1),
])
def test_entity_matching(pred_entities, tp):
    report = evaluate([{"article": "a.txt", "entities": pred_entities}], [GOLD])
    assert report.entities.tp == tp
    assert report.entities.gold == 4


def test_met_is_symmetric_and_events_match_on_type_and_place():
    pred = {"article": "a.txt",
            "entities": [{"label": "Zelensky", "type": "Person"}, {"label": "Driscoll", "type": "Person"},
                         {"label": "Kupyansk", "type": "Place"}, {"label": "Russia", "type": "Country"}],
            "relations": [{"subject": "Zelensky", "predicate": "met", "object": "Driscoll"}],
            "events": [{"type": "Capture", "place": "Kupyansk", "agents": ["Russia"], "date": None, "claimedBy": []},
                       {"type": "Attack", "place": "Kupyansk", "agents": [], "date": None, "claimedBy": []}]}
    report = evaluate([pred], [GOLD])
    assert report.relations.f1 == 1.0
    assert (report.events.tp, report.events.extracted) == (1, 2)
    assert report.attributes["agents"] == [1, 1]
    assert report.attributes["date"] == [0, 1]


def test_missing_article_counts_as_nothing_extracted():
    report = evaluate([], [GOLD])
    assert report.missing == ["a.txt"]
    assert report.entities.recall == 0.0


def test_bad_gold_lines_are_reported(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps(GOLD) + "\n{not json\n")
    with pytest.raises(GoldError, match=r"gold.jsonl:2: not JSON"):
        load_gold(bad)


NOTE = {"article": "n1", "entities": [
            {"label": "Kharkiv", "type": "Place", "lat": 49.98, "lon": 36.25},
            {"label": "Izium", "type": "Place", "lat": 49.21, "lon": 37.27, "approximate": True},
            {"label": "Russia", "type": "Country"}],
        "events": [{"type": "Attack", "place": "Kharkiv", "agents": ["Russia"], "count": {"killed": 3}}]}


@pytest.mark.parametrize("lat, izium_lat, right", [
    (49.98, 49.21, 2),   # both on the spot
    (50.05, 49.21, 2),   # Kharkiv ~8 km off: within 10 km
    (50.10, 49.21, 1),   # Kharkiv ~13 km off
    (49.98, 49.40, 2),   # Izium ~21 km off: within the 25 km of an approximate place
    (49.98, 49.50, 1),   # Izium ~32 km off
])
def test_geocoding_counts_gold_places_within_tolerance(lat, izium_lat, right):
    pred = {"article": "n1", "entities": [{"label": "Kharkiv", "type": "Place", "lat": lat, "lon": 36.25},
                                          {"label": "Izium", "type": "Place", "lat": izium_lat, "lon": 37.27}]}
    report = evaluate([pred], [NOTE])
    assert report.geo_gold == [right, 2]


def test_unextracted_gold_place_counts_as_a_geocoding_miss():
    pred = {"article": "n1", "entities": [{"label": "Kharkiv", "type": "Place", "lat": 49.98, "lon": 36.25}]}
    assert evaluate([pred], [NOTE]).geo_gold == [1, 2]


@pytest.mark.parametrize("events, type_right, side_right", [
    ([{"type": "Casualties", "place": "Kharkiv", "agents": ["Ukraine"], "confidence": 0.9},
      {"type": "Attack", "place": "Kharkiv", "agents": ["Russia"], "confidence": 0.6}], 1, 1),
    ([{"type": "Clash", "place": "Kharkiv", "agents": ["Russia", "Ukraine"], "confidence": 0.6}], 0, 0),
    ([{"type": "Attack", "place": "Izium", "agents": ["Russia"], "confidence": 0.6}], 1, 1),
    ([{"type": "Attack", "place": "Kharkiv", "agents": ["Russia", "Battlegroup West"], "confidence": 0.6}], 1, 1),
    ([], 0, 0),
])
def test_event_type_and_side_of_a_single_event_note(events, type_right, side_right):
    pred = {"article": "n1", "entities": [{"label": "Kharkiv", "type": "Place"}, {"label": "Russia", "type": "Country"},
                                          {"label": "Ukraine", "type": "Country"}, {"label": "Izium", "type": "Place"}],
            "events": events}
    report = evaluate([pred], [NOTE])
    assert report.event_type == [type_right, 1]
    assert report.side == [side_right, 1]


def test_ner_view_counts_countries_as_places_and_types_are_scored_apart():
    gold = {"article": "s", "entities": [{"label": "France", "type": "Country"}, {"label": "Lyon", "type": "Place"},
                                         {"label": "Zinedine Zidane", "type": "Person", "aliases": ["Zidane"]}]}
    pred = {"article": "s", "entities": [{"label": "France", "type": "Place", "class": "Region"},
                                         {"label": "Lyon", "type": "Place", "class": "Settlement"},
                                         {"label": "Zidane", "type": "Organization"}]}
    report = evaluate([pred], [gold])
    assert (report.ner.tp, report.ner.extracted, report.ner.gold) == (2, 3, 3)
    assert report.entities.tp == 1
    assert report.type_score("Place").as_dict() == {"precision": 0.5, "recall": 1.0, "f1": 0.667,
                                                          "tp": 1, "extracted": 2, "gold": 1}
    assert report.type_score("Person").recall == 0.0


def test_report_prints_the_heldout_line():
    from kg.eval.score import format_report

    pred = {"article": "n1", "entities": [{"label": "Kharkiv", "type": "Place", "lat": 49.98, "lon": 36.25}],
            "events": [{"type": "Attack", "place": "Kharkiv", "agents": ["Russia"], "confidence": 0.5}]}
    text = format_report(evaluate([pred], [NOTE]))
    assert text.splitlines()[-1] == ("held-out measures: event type 1/1 (100%), acting side 1/1 (100%), "
                                     "places geocoded within tolerance 1/2 (50%), ner F1 0.500")
