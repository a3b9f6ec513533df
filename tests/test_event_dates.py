"""Event dates through the real pipeline: a sentence of our own wording, its report date, the expected date."""

import pytest

from kg.extract import extract
from kg.text.articles import read_article

REPORT = "2025-11-21"  # a Friday


@pytest.mark.parametrize(("text", "kind", "date", "date_range", "precision"), [
    ("On Tuesday, Russian artillery shelled Kharkiv.", "Attack", "2025-11-18", None, "day"),
    ("Ukrainian troops retook Kupiansk yesterday.", "Capture", "2025-11-20", None, "day"),
    ("Russian forces shelled Kherson last week.", "Attack", None, ["2025-11-10", "2025-11-16"], "range"),
    ("In March, Ukrainian units retook Vovchansk.", "Capture", None, ["2025-03-01", "2025-03-31"], "month"),
    ("Russian troops shelled Kharkiv in 2023.", "Attack", None, ["2023-01-01", "2023-12-31"], "year"),
    ("Russian troops shelled Kharkiv from 3 to 5 October 2024.", "Attack", None, ["2024-10-03", "2024-10-05"],
     "range"),
    ("Emmanuel Macron met Volodymyr Zelensky in Paris on Thursday.", "Meeting", "2025-11-20", None, "day"),
    ("Emmanuel Macron met Volodymyr Zelensky in Paris.", "Meeting", None, None, None),
    ("Emmanuel Macron visited Kyiv in 2019.", "Visit", None, ["2019-01-01", "2019-12-31"], "year"),
    ("Antony Blinken met Dmytro Kuleba in Warsaw today.", "Meeting", "2025-11-21", None, "day"),
    ('"Antony Blinken met Dmytro Kuleba in Warsaw today," a spokesman said on Wednesday.', "Meeting",
     "2025-11-19", None, "day"),
    ("Oleksandr Syrskyi announces a new brigade.", "Statement", "2025-11-21", None, "day"),
    ("Three weeks ago Russian forces shelled Sumy.", "Attack", None, ["2025-10-31", "2025-10-31"], "range"),
])
def test_event_date_and_precision(tmp_path, text, kind, date, date_range, precision):
    page = tmp_path / "dated.txt"
    page.write_text(f"date: {REPORT}\n\n{text}\n", encoding="utf-8")
    events = [e for e in extract(read_article(page))["events"] if e["type"] == kind]
    assert events, text
    e = events[0]
    assert (e["date"], e.get("dateRange"), e.get("datePrecision")) == (date, date_range, precision)


@pytest.mark.parametrize(("phrase", "future", "day"), [
    ("on Thursday", True, "2025-11-27"),
    ("on Thursday", False, "2025-11-20"),
    ("on Thursday, December 4", True, "2025-12-04"),
    ("on September 26", True, "2026-09-26"),
    ("on September 26", False, "2025-09-26"),
])
def test_a_future_clause_resolves_forward(phrase, future, day):
    """Planned meetings are not stored as events (kg.extract.clause drops them), but a future clause's dates
    still resolve forward from the report date, for the events such a clause does give."""
    from kg.extract.dates import resolve

    assert resolve(phrase, REPORT, future=future).date == day


def test_a_planned_meeting_is_no_event(tmp_path):
    page = tmp_path / "planned.txt"
    page.write_text(f"date: {REPORT}\n\nEmmanuel Macron will meet Volodymyr Zelensky in Paris on Thursday.\n",
                    encoding="utf-8")
    assert [e for e in extract(read_article(page))["events"] if e["type"] == "Meeting"] == []


@pytest.mark.parametrize(("text", "kind", "date"), [
    # a date that opens a list item dates the item; a date on its own line dates the paragraph under it
    ("Engagements\n\n- November 3: Antony Blinken's call with Dmytro Kuleba\n", "Meeting", "2025-11-03"),
    ("Engagements\n\nOctober 30\n\nAntony Blinken's call with Dmytro Kuleba.\n", "Meeting", "2025-10-30"),
    # the past perfect never takes the report date
    ("Officials said today that Russian troops had shelled Kherson.", "Attack", None),
    # "two days earlier" counts from the last day the text named
    ("On 12 November, Russian forces shelled Kherson. Two days earlier, Ukrainian troops retook Kupiansk.",
     "Capture", "2025-11-10"),
])
def test_anchors_and_tense(tmp_path, text, kind, date):
    page = tmp_path / "anchored.txt"
    page.write_text(f"date: {REPORT}\n\n{text}", encoding="utf-8")
    e = next(e for e in extract(read_article(page))["events"] if e["type"] == kind)
    assert e["date"] == date


def test_an_undated_claim_is_not_merged_into_a_capture_years_before(tmp_path):
    """A report's undated capture claim and the same town's capture the article recalls from an earlier year are
    two happenings: the claim must not take the old date."""
    page = tmp_path / "recall.txt"
    page.write_text(f"date: {REPORT}\n\nThe ministry claimed that its troops had captured Kupiansk.\n\n"
                    "Russian forces first captured Kupiansk in 2022.\n", encoding="utf-8")
    captures = [e for e in extract(read_article(page))["events"] if e["type"] == "Capture"]
    recalled = [e for e in captures if e.get("dateRange") == ["2022-01-01", "2022-12-31"]]
    assert len(captures) == 2 and len(recalled) == 1 and "2022" in recalled[0]["evidence"]
