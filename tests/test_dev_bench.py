"""The pure scoring helpers of the dev-set measurements (bench/dev.py, bench/audit.py) on hand-written inputs."""

import json

import pytest

from kg.eval.audit import band, complete, draw, precision, reliability, statement_id, statements
from kg.eval.infobox import InfoboxTally, battle_place, mentioned, page_name, score_article, targets
from kg.eval.ucdp import (UcdpTally, agent_side, headline_numbers, in_range, plain, score_row, tolerance_km,
                          ucdp_sides, within)

KNOWN = {"47th mechanized brigade": "UA", "donetsk people s republic": "RU", "dpr": "RU", "joe biden": "US"}
ROW = {"side_a": "Government of Ukraine", "side_b": "DPR", "where_prec": "1", "latitude": "48.0",
       "longitude": "37.8", "low": "2", "high": "4", "source_headline": "Three killed in shelling of Donetsk",
       "source_original": "Eduard Basurin, DPR spokesman"}


@pytest.mark.parametrize("a, b, sides", [
    ("Government of Ukraine", "DPR", {"Ukraine", "Russia"}),
    ("Government of Ukraine", "LPR", {"Ukraine", "Russia"}),
    ("Government of Ukraine", "United Armed Forces of Novorossiya", {"Ukraine", "Russia"}),
    ("Government of Ukraine", "Maidan", {"Ukraine"}),
    ("Supporters of independence for Eastern Ukraine", "Supporters of Ukrainian unity", set()),
])
def test_ucdp_state_sides(a, b, sides):
    assert ucdp_sides({"side_a": a, "side_b": b}) == sides


@pytest.mark.parametrize("label, kind, side", [
    ("Ukraine", "Country", "Ukraine"), ("Russia", "Country", "Russia"), ("Poland", "Country", "Poland"),
    ("47th Mechanized Brigade", "MilitaryUnit", "Ukraine"), ("DPR", "Organization", "Russia"),
    ("Joe Biden", "Person", "US"), ("pro-Russian separatists", "Organization", "Russia"),
    ("Luhansk People's Republic", "Organization", "Russia"), ("Ukrainian Army", "MilitaryUnit", "Ukraine"),
    ("Kiev", "Organization", "Ukraine"), ("Red Cross", "Organization", None),
])
def test_agent_side(label, kind, side):
    assert agent_side(label, kind, KNOWN) == side


@pytest.mark.parametrize("prec, lat, lon, expected", [
    ("1", 48.05, 37.8, True),     # ~5.6 km, tolerance 10
    ("1", 48.15, 37.8, False),    # ~16.7 km
    ("2", 48.15, 37.8, True),     # tolerance 25
    ("3", 48.4, 37.8, True),      # ~44 km, tolerance 50
    ("4", 48.8, 37.8, True),      # ~89 km, tolerance 100
    ("4", 49.0, 37.8, False),
    ("5", 48.0, 37.8, None),      # UCDP gives only a region: not scored
])
def test_place_tolerance(prec, lat, lon, expected):
    assert within(lat, lon, dict(ROW, where_prec=prec)) is expected


def test_tolerance_table():
    assert [tolerance_km(p) for p in ("1", "2", "3", "4", "6", "", None)] == [10, 25, 50, 100, None, None, None]


@pytest.mark.parametrize("text, numbers", [
    ("Seven Ukrainian soldiers killed in past 24 hours", [7, 24]),
    ("Two shot dead; 12 hurt in 2015", [2, 12]),
    ("Debaltseve", []),
    ("1,200 troops", [1200]),
])
def test_headline_numbers(text, numbers):
    assert headline_numbers(text) == numbers


@pytest.mark.parametrize("value, ok", [(1, False), (2, True), (4, True), (5, False), (None, False)])
def test_count_in_range(value, ok):
    assert in_range(value, ROW) is ok


def test_score_row_coverage_and_accuracy():
    record = {"entities": [{"label": "Donetsk", "type": "Place", "lat": 48.02, "lon": 37.8},
                           {"label": "Ukraine", "type": "Country"},
                           {"label": "Eduard Basurin", "type": "Person"}],
              "events": [{"type": "Attack", "place": "Donetsk", "agents": ["Ukraine"], "confidence": 0.6,
                          "count": {"killed": 3}, "claimedBy": ["Eduard Basurin"]}]}
    tally = UcdpTally()
    flags = score_row(record, ROW, KNOWN, tally)
    assert flags["side_ok"] and flags["place_ok"] and flags["geo_ok"] and flags["count_ok"] and flags["claimant_ok"]
    score_row({"entities": [], "events": []}, ROW, KNOWN, tally)
    assert tally.share("side_ok", "side") == 1.0 and tally.share("side", "rows") == 0.5
    assert tally.share("count", "toll_rows") == 0.5


def test_score_row_wrong_side_and_far_place():
    record = {"entities": [{"label": "Kharkiv", "type": "Place", "lat": 49.98, "lon": 36.25},
                           {"label": "Poland", "type": "Country"}],
              "events": [{"type": "Attack", "place": "Kharkiv", "agents": ["Poland"], "confidence": 0.6,
                          "count": {"killed": 30}}]}
    flags = score_row(record, ROW, KNOWN, UcdpTally())
    assert flags["side"] and not flags["side_ok"] and flags["place"] and not flags["place_ok"]
    assert flags["count"] and not flags["count_ok"]


@pytest.mark.parametrize("text, expected", [("Zaporižžia", "zaporizzia"), ("The  Kyiv-Oblast", "the kyiv oblast")])
def test_plain(text, expected):
    assert plain(text) == expected


@pytest.mark.parametrize("item, names", [
    ({"values": ["Russia", "Supported by:", "Belarus"], "linked_pages": ["russia", "belarus"]}, [("russia",), ("belarus",)]),
    ({"values": ["72 72nd Mechanized Brigade", "Georgian Legion"],
      "linked_pages": ["72nd Mechanized Brigade (Ukraine)", "Georgian Legion (Ukraine)"]},
     [("72nd Mechanized Brigade",), ("Georgian Legion",)]),
    ({"values": ["Ivan Boldyrev"], "linked_pages": []}, [("Ivan Boldyrev",)]),
    ({"values": ["Artem Nasbulin (Ukrainian claim)"], "linked_pages": []}, [("Artem Nasbulin",)]),
    ({"values": ["Unknown"], "linked_pages": []}, []),
    ({"values": ["Флаг ПС ФСБ Border Guard (Russia)"], "linked_pages": ["undefined"]}, [("Border Guard",)]),
])
def test_infobox_targets(item, names):
    assert targets(item) == names


def test_page_name_and_place():
    assert page_name("Marinka, Ukraine") == "Marinka, Ukraine"
    assert battle_place({"place": {"values": ["Avdiivka (and surrounding villages), Donetsk Oblast"],
                                   "linked_pages": ["Avdiivka", "Donetsk Oblast"]}}) == ("Avdiivka", "Avdiivka")


@pytest.mark.parametrize("names, found", [(("Valerii Zaluzhnyi",), True), (("Zaluzhny",), False),
                                          (("Kyiv",), True), (("Kyi",), False)])
def test_mentioned_whole_words(names, found):
    assert mentioned(names, plain("General Valerii Zaluzhnyi said Kyiv held.")) is found


def test_infobox_score_article():
    gold = {"file": "a.txt", "infobox": {
        "combatant1": {"values": ["Russia"], "linked_pages": ["russia"]},
        "commander2": {"values": ["Oleksandr Syrskyi", "Ivan Nobody"], "linked_pages": ["Oleksandr Syrskyi"]},
        "units1": {"values": ["Wagner Group"], "linked_pages": ["Wagner Group"]},
        "place": {"values": ["Soledar, Donetsk Oblast"], "linked_pages": ["Soledar"]}}}
    text = "Russia and the Wagner Group attacked Soledar; Oleksandr Syrskyi commanded."
    record = {"entities": [{"label": "Russia", "type": "Country"}, {"label": "Syrskyi", "type": "Person",
                                                                     "aliases": ["Oleksandr Syrskyi"]},
                           {"label": "Soledar", "type": "Place", "lat": 48.7, "lon": 38.1}],
              "events": [{"type": "Attack", "place": "Soledar", "agents": ["Russia"]}]}
    tally = InfoboxTally()
    score_article(record, gold, text, tally)
    assert tally.groups == {"combatants": [1, 1, 1, 1], "commanders": [2, 1, 1, 1], "units": [1, 1, 0, 0]}
    assert tally.recall("units") == 0.0 and tally.recall("commanders", mentioned_only=False) == 0.5
    assert tally.place == [1, 1, 1, 1]


RECORDS = [{"article": "a.txt",
            "events": [{"type": "Attack", "place": "Kyiv", "agents": ["Russia"], "date": "2024-01-02",
                        "evidence": "s1", "confidence": 0.62},
                       {"type": "Attack", "place": "Kyiv", "agents": ["Russia"], "date": "2024-01-02",
                        "evidence": "s1", "confidence": 0.62},
                       {"type": "Meeting", "place": None, "agents": ["A", "B"], "date": None, "evidence": "s2",
                        "confidence": 0.8}],
            "relations": [{"subject": "A", "predicate": "met", "object": "B", "evidence": "s2", "confidence": 0.72}]},
           {"article": "b.txt", "events": [], "relations": [
               {"subject": "C", "predicate": "leads", "object": "D", "evidence": "s3", "confidence": 0.9}]}]


def test_statement_ids_are_stable_and_content_bound():
    first, again = statements(RECORDS), statements(json.loads(json.dumps(RECORDS)))
    assert [s.id for s in first] == [s.id for s in again]
    assert first[1].id == first[0].id + "-2"
    assert first[0].id.startswith("e-") and first[3].id.startswith("r-")
    moved = dict(RECORDS[0]["events"][0], confidence=0.9)
    assert statement_id("a.txt", "event", moved) == first[0].id          # confidence is no content
    assert statement_id("b.txt", "event", moved) != first[0].id          # the article is
    assert statement_id("a.txt", "event", dict(moved, date="2023-01-02")) != first[0].id


@pytest.mark.parametrize("n, events, relations", [(5, 3, 2), (2, 1, 1), (9, 3, 2)])
def test_draw_in_proportion(n, events, relations):
    picked = draw(statements(RECORDS), n, seed=1)
    assert sum(s.kind == "event" for s in picked) == events
    assert sum(s.kind == "relation" for s in picked) == relations
    assert [s.id for s in picked] == [s.id for s in draw(statements(RECORDS), n, seed=1)]


JUDGED = [{"id": "1", "kind": "event", "confidence": 0.62, "dated": True, "judgement": "correct"},
          {"id": "2", "kind": "event", "confidence": 0.65, "dated": True, "judgement": "partly", "wrong": ["date"]},
          {"id": "3", "kind": "event", "confidence": 0.8, "dated": False, "judgement": "wrong"},
          {"id": "4", "kind": "relation", "confidence": 0.72, "dated": False, "judgement": "correct"},
          {"id": "5", "kind": "relation", "confidence": 0.4, "dated": False, "judgement": "partly"}]


def test_precision_per_kind():
    p = precision(JUDGED)
    assert p["event"] == {"correct": 1, "partly": 1, "wrong": 1, "n": 3}
    assert p["relation"] == {"correct": 1, "partly": 1, "wrong": 0, "n": 2}
    assert p["dated event"] == {"wrong date": 1, "n": 2}


def test_reliability_bands():
    assert reliability(JUDGED) == [("<0.5", 1, 0.0, 1.0), ("0.6-0.7", 2, 0.5, 1.0), ("0.7-0.8", 1, 1.0, 1.0),
                                   ("0.8-0.9", 1, 0.0, 0.0)]


@pytest.mark.parametrize("value, name", [(0.5, "0.5-0.6"), (0.59, "0.5-0.6"), (0.7, "0.7-0.8"),
                                         (0.7999999999999999, "0.8-0.9"), (0.95, "0.9-1.0"), (0.49, "<0.5")])
def test_band_edges(value, name):
    assert band(value) == name


def test_complete_fills_from_drawn_statements():
    drawn = {s.id: s for s in statements(RECORDS)}
    sid = next(iter(drawn))
    row = complete([{"id": sid, "judgement": "correct"}, {"id": "x", "judgement": "wrong"}], drawn)
    assert row[0]["kind"] == "event" and row[0]["dated"] and row[0]["confidence"] == 0.62
    assert "kind" not in row[1]


def test_real_infobox_targets_have_no_placeholders(shared_dir):
    """Every target of the real infobox gold has a Latin name and no placeholder (skips without ../shared)."""
    path = shared_dir / "dev" / "wikipedia" / "infobox_gold.jsonl"
    if not path.exists():
        pytest.skip(f"no infobox gold at {path}")
    from kg.eval.infobox import GROUPS, PLACEHOLDERS

    for line in path.read_text(encoding="utf-8").splitlines():
        infobox = json.loads(line)["infobox"]
        for fields in GROUPS.values():
            for f in fields:
                for target in targets(infobox.get(f) or {}):
                    assert all(plain(n) not in PLACEHOLDERS and any(c.isalpha() for c in n) for n in target)
