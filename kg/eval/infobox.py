"""Recall of Wikipedia infobox commanders, units, combatants and place among extracted entities.

The infobox (``../shared/dev/wikipedia/infobox_gold.jsonl``) is a partial answer key. Its targets come from the
linked pages of a field (disambiguation in brackets dropped: "72nd Mechanized Brigade (Ukraine)") plus each
value that no linked page covers (brackets and non-Latin words dropped); placeholders ("Unknown", "Supported
by:") are no targets. A target is mentioned when one of its names occurs in the article as whole words, and
found when an extracted entity's label or alias equals one of its names; names compare case-folded, accents
and punctuation dropped.

>>> page_name("7th_Tactical_Aviation_Brigade_(Ukraine)")
'7th Tactical Aviation Brigade'
>>> targets({"values": ["Unknown"], "linked_pages": []})
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.eval.ucdp import plain

GROUPS = {"combatants": ("combatant1", "combatant2"), "commanders": ("commander1", "commander2"),
          "units": ("units1", "units2")}
PLACEHOLDERS = {"", "unknown", "undefined", "supported by", "see order of battle", "none"}


def page_name(page: str) -> str:
    """A linked page's title without underscores and bracketed disambiguation."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", page.replace("_", " ")).strip()


def _value_name(value: str) -> str:
    text = re.sub(r"\([^)]*\)?", " ", value)
    words = [w for w in text.split() if not re.search(r"[\u0400-\u04ff]", w)]
    return " ".join(words).strip(" :,;")


def targets(item: Mapping) -> list[tuple[str, ...]]:
    """The targets of one infobox field, each as its tuple of names."""
    out: list[tuple[str, ...]] = []
    pages = [page_name(p) for p in item.get("linked_pages", [])]
    pages = [p for p in pages if plain(p) not in PLACEHOLDERS]
    for p in pages:
        if all(plain(p) != plain(n) for t in out for n in t):
            out.append((p,))
    for value in item.get("values", []):
        name = _value_name(value)
        key = plain(name)
        if key in PLACEHOLDERS or not re.search(r"[A-Za-z]", name):
            continue
        if any(plain(p) in key or key in plain(p) for p in pages):
            continue
        out.append((name,))
    return out


def mentioned(names: Iterable[str], text_plain: str) -> bool:
    """Whether a name occurs as whole words in an already :func:`plain` text."""
    padded = f" {text_plain} "
    return any(plain(n) and f" {plain(n)} " in padded for n in names)


def entity_names(record: Mapping) -> set[str]:
    """The plain labels and aliases of a record's entities ("the" dropped in front)."""
    out = set()
    for e in record.get("entities", []):
        for name in [e["label"], *e.get("aliases", [])]:
            out.add(re.sub(r"^the ", "", plain(name)))
    return out


def battle_place(infobox: Mapping) -> tuple[str, ...]:
    """Names of the battle's own place: the first part of the place value and the first linked page."""
    item = infobox.get("place") or {}
    names = []
    if item.get("values"):
        names.append(_value_name(item["values"][0].split(",")[0]))
    if item.get("linked_pages"):
        names.append(page_name(item["linked_pages"][0]))
    return tuple(n for n in names if plain(n) not in PLACEHOLDERS)


@dataclass
class InfoboxTally:
    """Per group: [targets, mentioned, found, found among mentioned]; place: [articles, found, geocoded, event]."""

    groups: dict[str, list[int]] = field(default_factory=lambda: {g: [0, 0, 0, 0] for g in GROUPS})
    place: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, group: str, mentioned_only: bool = True) -> float | None:
        total, said, found, found_said = self.groups[group]
        return (found_said / said if said else None) if mentioned_only else (found / total if total else None)


def score_article(record: Mapping, gold: Mapping, text: str, tally: InfoboxTally) -> None:
    """Add one article's comparison to ``tally``."""
    infobox, body, names = gold["infobox"], plain(text), entity_names(record)
    for group, fields in GROUPS.items():
        for f in fields:
            for target in targets(infobox.get(f) or {}):
                said, found = mentioned(target, body), any(plain(n) in names for n in target)
                for i, hit in enumerate((True, said, found, said and found)):
                    tally.groups[group][i] += int(hit)
                if said and not found:
                    tally.misses.append((gold["file"], group, target[0]))
    place = battle_place(infobox)
    if not place:
        return
    keys = {plain(n) for n in place}
    ents = [e for e in record.get("entities", [])
            if keys & {re.sub(r"^the ", "", plain(n)) for n in [e["label"], *e.get("aliases", [])]}]
    labels = {e["label"] for e in ents}
    tally.place[0] += 1
    tally.place[1] += int(bool(ents))
    tally.place[2] += int(any(e.get("lat") is not None for e in ents))
    tally.place[3] += int(any(ev.get("place") in labels for ev in record.get("events", [])))
