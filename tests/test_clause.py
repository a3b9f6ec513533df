"""Clause analysis (kg.extract.clause) through the real spaCy pipeline: modality, attribution, and which
happenings become events. Every sentence here is our own wording."""

import pytest

from kg.extract import extract
from kg.extract.clause import analyse
from kg.extract.context import build_context
from kg.extract.entities import group_mentions, mentions_of
from kg.extract.events import _is_trigger
from kg.extract.gazetteer import load_gazetteer
from kg.extract.pipeline import load_pipeline
from kg.text.articles import Article


def _clauses(text: str) -> dict[str, object]:
    """The clause of every trigger of ``text``, by the trigger's word."""
    gaz = load_gazetteer()
    doc = load_pipeline()(text)
    ctx = build_context(doc, "2025-03-01", group_mentions(mentions_of(doc, gaz), gaz), gaz)
    return {tok.text: analyse(tok, sent) for sent in ctx.sentences for tok in sent.span if _is_trigger(tok, sent.text)}


def _events(text: str) -> list[dict]:
    return extract(Article(name="t.txt", date="2025-03-01", text=text))["events"]


@pytest.mark.parametrize("text, trigger, modality", [
    ("Ukrainian troops recaptured Robotyne on Friday.", "recaptured", "asserted"),
    ("Kyiv denied that Russian forces had surrounded Avdiivka.", "surrounded", "denied"),
    ("Several pro-Russian bloggers claimed that Russian units captured Krynky.", "captured", "unconfirmed"),
    ("Russian forces reportedly seized Krynky on the left bank.", "seized", "unconfirmed"),
    ("Analysts believe Russian troops probably seized Vuhledar last week.", "seized", "assessment"),
    ("Moscow intends to seize all of Zaporizhzhia Oblast.", "seize", "planned"),
    ("The two presidents will meet in Geneva next month.", "meet", "planned"),
    ("Russia is massing troops near the river to storm Kupiansk.", "storm", "planned"),
    ("Russia's planned offensive toward Sumy has been delayed.", "offensive", "planned"),
    ("Analysts expect Russian forces to attack Kramatorsk in the spring.", "attack", "planned"),
    ("If the bridge falls, Russian troops could encircle Kostiantynivka.", "encircle", "hypothetical"),
    ("Ukrainian units near Pokrovsk now face the risk of encirclement.", "encirclement", "hypothetical"),
    ("Can Russian forces take the city of Siversk?", "take", "question"),
    ("The commanders fell into a trap near Toretsk.", "trap", "idiom"),
    ("The invaders visited terrible cruelties upon the villagers of Yahidne.", "visited", "idiom"),
    ("Drones struck the Russian-occupied port of Berdiansk.", "occupied", "state"),
    ("Drones struck the Russian-occupied port of Berdiansk.", "struck", "asserted"),
    ("Russia controls roughly a fifth of Ukraine's territory.", "controls", "state"),
    ("The town of Vasylivka remained under Russian control all winter.", "control", "state"),
    ("Russian troops took control of the town of Marinka in December.", "took", "asserted"),
    ("The general said his brigades had liberated three villages near Bakhmut.", "liberated", "asserted"),
    ("Russia could launch a new offensive on Sumy.", "offensive", "hypothetical"),
    ("Kyiv said it was ready to accept the American proposal for talks.", "proposal", "asserted"),
    ("Local officials said Russian forces no longer occupied the village of Pishchane.", "occupied", "state"),
    ("Rebels vowed a new offensive as rockets killed 12 people in Mariupol.", "killed", "asserted"),
    ("The envoy travelled to Kyiv on Tuesday to meet with President Zelensky.", "meet", "asserted"),
])
def test_modality_of_a_trigger(text, trigger, modality):
    assert _clauses(text)[trigger].modality == modality


@pytest.mark.parametrize("text, kept", [
    ("Ukrainian troops recaptured Kupiansk on Friday.", True),
    ("Moscow intends to seize all of Zaporizhzhia Oblast.", False),
    ("If the bridge falls, Russian troops could encircle Kostiantynivka.", False),
    ("Can Russian forces take the city of Siversk?", False),
    ("The commanders fell into a trap near Toretsk.", False),
    ("Russia controls roughly a fifth of Luhansk Oblast.", False),
    ("The town of Vasylivka remained under Russian control all winter.", False),
    ("Russian troops took control of the town of Marinka in December.", True),
    ("On Monday the Ukrainian army confirmed that the city of Kherson was under Russian control.", True),
    ("Ukrainian units were ordered to retreat from Kupiansk on Sunday.", True),
])
def test_only_stated_happenings_become_events(text, kept):
    kinds = {e["type"] for e in _events(text) if e["type"] in ("Capture", "Encirclement", "Withdrawal")}
    assert bool(kinds) == kept, _events(text)


def test_unnamed_source_is_typed_and_the_claim_hedged():
    event = next(e for e in _events("A Kremlin-affiliated milblogger claimed that Russian troops captured Bakhmut.")
                 if e["type"] == "Capture")
    assert event["polarity"] == "hedged"
    assert "Kremlin" not in event["claimedBy"]
    assert event["anonymousSource"] == "Kremlin-affiliated milblogger"


def test_the_speaker_is_the_subject_of_the_reporting_verb():
    text = "The Russian Defense Ministry said on Tuesday that its forces captured Avdiivka."
    event = next(e for e in _events(text) if e["type"] == "Capture")
    assert event["claimedBy"] == ["Russian Ministry of Defense"] and event["polarity"] == "asserted"


def test_a_related_link_line_gives_no_meeting():
    text = ("Talks in Kyiv\n\nThe ministers discussed air defence on Monday.\n\n"
            "Zelensky Meets Macron In Paris Ahead Of Summit\n")
    assert not [e for e in _events(text) if e["type"] == "Meeting"]


def test_a_dated_list_entry_is_no_link():
    text = ("Diplomacy log\n\nThe envoy met many officials this autumn.\n\n"
            "October 3: Secretary Rubio’s Meeting with Foreign Minister Sybiha\n")
    assert [e for e in _events(text) if e["type"] == "Meeting"]


def test_one_fight_told_twice_in_one_clause_is_one_event():
    kinds = [e["type"] for e in _events("Russian troops attacked Vovchansk on Monday, battling its defenders.")]
    assert not {"Attack", "Clash"} <= set(kinds), kinds
