"""Scoring against gold: matching rules of shared/gold/README.md."""

import json

import pytest

from kg.errors import GoldError
from kg.evaluate import evaluate, load_gold

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
