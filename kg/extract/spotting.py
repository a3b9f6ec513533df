"""Place names the small model misses or mislabels, found by their syntax.

spaCy's small model calls "Kramatorsk" a product and "Sevastopol" a nationality. A proper noun in a place
position ("in X", "near X", "X, Y" after a place, "X city", a headline's "X:") is a place mention; the gazetteer
only confirms names in weaker positions, so it is never the only way a place is found.
"""

from __future__ import annotations

from kg.extract.sides import country_row

PLACE_PREPS = {"in", "near", "around", "outside", "into", "at", "from", "toward", "towards", "on", "across", "over"}
PLACE_NOUNS = {"city", "town", "village", "oblast", "region", "province", "district", "krai", "governorate"}
MISLABELLED = {"PRODUCT", "NORP", "LANGUAGE", "LAW"}
NOT_PLACES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "allies", "ally", "union", "republic", "state", "states", "army", "navy", "god", "president", "minister"}


def _runs(doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns (joined by hyphens), as token ranges; a headline's first word
    before a colon ("Odesa: ...") counts whatever its tag."""
    out, i = [], 0
    if len(doc) > 1 and doc[0].is_title and doc[1].text == ":":
        out.append((0, 1))
        i = 1
    while i < len(doc):
        t = doc[i]
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in NOT_PLACES:
            j = i + 1
            while j < len(doc) and (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() or
                                    doc[j].text == "-" and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _place_position(doc, start: int, end: int, places_before: set[int]) -> str | None:
    """``strong`` when syntax alone says place, ``weak`` when the gazetteer must confirm, else None."""
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.lower_ in PLACE_NOUNS:
        return "strong"
    if prev is not None and prev.text == "," and start - 2 in places_before:
        return "strong"
    if nxt is not None and nxt.text == ":" and (start == 0 or doc[start - 1].is_space or doc[start - 1].text in "\n."):
        return "strong"
    if prev is not None and prev.lower_ in PLACE_PREPS:
        return "weak"
    return None


def extra_place_spans(doc, gaz, taken: set[int], place_ends: set[int]) -> list[tuple[int, int]]:
    """Token ranges of place names that no kept entity covers; ``taken`` holds the token indices already used
    and ``place_ends`` the last tokens of known place mentions."""
    spans = []
    ends = set(place_ends)
    for start, end in _runs(doc):
        if any(i in taken for i in range(start, end)):
            continue
        ent_types = {t.ent_type_ for t in doc[start:end]}
        if ent_types & {"DATE", "TIME", "PERSON", "ORG", "MONEY", "CARDINAL", "ORDINAL"}:
            continue
        text = doc[start:end].text
        if gaz.country_of_demonym(text) and not country_row(gaz, text):
            continue
        position = _place_position(doc, start, end, ends)
        known = gaz.is_known_place(text)
        if start == 0 and doc[0].pos_ != "PROPN" and not known:
            continue
        mislabelled = known and ent_types & MISLABELLED and doc[end - 1].dep_ not in ("amod", "compound") and \
            doc[end - 1].tag_ == "NNP"
        if position == "strong" or position == "weak" and known or mislabelled:
            spans.append((start, end))
            ends.add(end - 1)
    return spans

