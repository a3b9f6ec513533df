"""Extraction scored on our own gold sets (tests/gold/, written in the styles of the held-out set).

Each set is extracted once per module. A measure may not drop more than MARGIN below the figure measured
when the table was last updated; raise the table when extraction improves (``python bench/heldout.py``).
"""

import json
from pathlib import Path

import pytest

from kg.text.articles import read_articles
from kg.errors import KgError
from kg.eval.score import evaluate_files, load_gold

GOLD = Path(__file__).resolve().parent / "gold"
MARGIN = 0.02
SECTIONS = ("entities", "relations", "events")
EVENT_TYPES = {"Attack", "Clash", "Capture", "Encirclement", "Offensive", "Withdrawal", "Meeting", "Visit",
               "Statement", "Negotiation", "Casualties"}

# F1 of entities, relations, events and the CoNLL view (ner); accuracy of event type, acting side and
# places within 10 km (25 km where gold marks a place approximate). Measured on main e4a4d2f; events of
# articles and readouts raised on branch modality (clause analysis: precision .611 -> .629 and .636 -> .700 at
# the same recall; battles' events fell .636 -> .622 within the margin and keep their figure).
MEASURED = {
    "articles": {"entities": 0.896, "relations": 0.621, "events": 0.620, "event_type": 0.677, "side": 0.5,
                 "geocoding": 1.0, "ner": 0.905},
    "battles": {"entities": 0.844, "relations": 0.276, "events": 0.636, "event_type": 0.625, "side": 0.5,
                "geocoding": 1.0, "ner": 0.844},
    "headlines": {"entities": 0.825, "events": 0.901, "event_type": 0.842, "side": 0.844, "geocoding": 0.875,
                  "ner": 0.825},
    "ner": {"entities": 0.792, "ner": 0.8},
    "notes": {"entities": 0.922, "events": 0.981, "event_type": 0.962, "side": 0.962, "geocoding": 0.885, "ner": 0.922},
    "readouts": {"entities": 0.925, "relations": 0.732, "events": 0.667, "event_type": 0.6, "side": 0.444,
                 "geocoding": 0.75, "ner": 0.925},
}


def measure(report, name: str) -> float:
    """One figure of a report by its MEASURED key."""
    if name in SECTIONS or name == "ner":
        return getattr(report, name).f1
    return {"event_type": report.event_type_accuracy, "side": report.side_accuracy,
            "geocoding": report.geocoding_accuracy}[name]


@pytest.fixture(scope="module")
def reports():
    cache: dict = {}

    def report(name: str):
        if name not in cache:
            cache[name] = evaluate_files(GOLD / f"{name}.jsonl", GOLD / name)
        return cache[name]

    return report


def test_every_set_is_in_the_table():
    assert sorted(p.stem for p in GOLD.glob("*.jsonl")) == sorted(MEASURED)


@pytest.mark.parametrize("name, key", [(n, k) for n, figures in MEASURED.items() for k in figures])
def test_measure_holds(reports, name, key):
    report = reports(name)
    assert not report.missing
    assert measure(report, key) >= MEASURED[name][key] - MARGIN, (name, key, report.as_dict())


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_gold_is_well_formed(name):
    """Gold names exactly the articles of its folder; events and relations use its own entity labels."""
    gold = load_gold(GOLD / f"{name}.jsonl")
    articles = [a for a in read_articles([GOLD / name]) if not isinstance(a, KgError)]
    assert sorted(g["article"] for g in gold) == sorted(a.name for a in articles)
    for record in gold:
        labels = {e["label"] for e in record["entities"]}
        assert len(labels) == len(record["entities"]), record["article"]
        for e in record["entities"]:
            assert e["type"] in {"Person", "MilitaryUnit", "Organization", "Country", "Place"}, e
            if "lat" in e:
                assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180 and e["type"] == "Place", e
        for r in record["relations"]:
            assert {r["subject"], r["object"]} <= labels, (record["article"], r)
        for ev in record["events"]:
            assert ev["type"] in EVENT_TYPES and (ev["place"] is None or ev["place"] in labels), (record["article"], ev)
            assert set(ev["claimedBy"]) <= labels, (record["article"], ev)
        json.dumps(record)
