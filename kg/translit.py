"""Transliteration equivalence: when two Latin spellings are one Ukrainian or Russian name.

The rules are data (``ontology/romanisation.tsv``): cognate forms and endings of a word, Latin clusters mapped
to a canonical Cyrillic letter (the national Ukrainian system, BGN/PCGN, GOST and press spellings all map to
one form), a closed-syllable rule for Russian o / Ukrainian i, and the tell-tale clusters (markers) that make a
name plausibly Ukrainian or Russian. :func:`canon` is the canonical form; :func:`weight` how Slavic a name looks.
Neither is a merge on its own: :func:`kg.names.same_name` decides.

>>> canon("Kharkov") == canon("Kharkiv"), canon("Zaporozhye") == canon("Zaporizhzhia")
(True, True)
>>> canon("Valery Gerasimov") == canon("Valerii Herasymov"), canon("Pokrovsk") == canon("Pokrovske")
(True, False)
>>> weight("Zelenskyy"), weight("Harry Lineker")
(4, 0)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.resources import resource

TABLE = "romanisation.tsv"
SLAVIC = 2  # a name weighing this much is compared by transliteration
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "đ": "d", "ð": "d",
                          "þ": "th", "ħ": "h", "ŀ": "l"})
_DROP = re.compile(r"['’‘ʼʹʻ`´″\"”“ьЬ]")
_SPLIT = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Rules:
    """The compiled table: word rules, letter clusters (longest first), canonical rules, weighted markers."""

    words: tuple[tuple[re.Pattern, str], ...]
    letters: tuple[tuple[str, str], ...]
    canons: tuple[tuple[re.Pattern, str], ...]
    markers: tuple[tuple[re.Pattern, int], ...]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The table of ``ontology/romanisation.tsv``, read once."""
    kinds: dict[str, list[tuple[str, str]]] = {"word": [], "letter": [], "canon": [], "marker": []}
    with resource("ontology", TABLE).open(encoding="utf-8", newline="") as handle:
        for row in csv.reader((line for line in handle if line.strip() and not line.startswith("#")),
                              delimiter="\t", quoting=csv.QUOTE_NONE):
            kinds[row[0]].append((row[1], row[2] if len(row) > 2 else ""))
    return Rules(tuple((re.compile(p), r) for p, r in kinds["word"]),
                 tuple(sorted(kinds["letter"], key=lambda pr: -len(pr[0]))),
                 tuple((re.compile(p), r) for p, r in kinds["canon"]),
                 tuple((re.compile(p), int(r)) for p, r in kinds["marker"]))


@lru_cache(maxsize=65536)
def words(name: str) -> tuple[str, ...]:
    """The words of a name in lower-case ASCII, accents, apostrophes and soft signs dropped.

    >>> words("Kup’yans’k-Uzlovaya"), words("Łódź"), words("Київ")
    (('kupyansk', 'uzlovaya'), ('lodz',), ())
    """
    text = unicodedata.normalize("NFKD", _DROP.sub("", name).casefold().translate(_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii")
    return tuple(w for w in _SPLIT.split(text) if w)


@lru_cache(maxsize=65536)
def canon_word(word: str) -> str:
    """The canonical (Cyrillic-based) form of one prepared word.

    >>> canon_word("zelenskyy"), canon_word("zelenskiy"), canon_word("mykolaiv"), canon_word("nikolayev")
    ('зилински', 'зилински', 'николаив', 'николаив')
    """
    table = rules()
    for pattern, repl in table.words:
        word = pattern.sub(repl, word)
    out, i = [], 0
    while i < len(word):
        for latin, letter in table.letters:
            if word.startswith(latin, i):
                out.append(letter)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    text = "".join(out)
    for pattern, repl in table.canons:
        text = pattern.sub(repl, text)
    return _DOUBLE.sub(r"\1", text)


def canon(name: str) -> str:
    """The canonical form of a name: its words' canonical forms, space-separated ("" for a name without Latin)."""
    return " ".join(canon_word(w) for w in words(name))


@lru_cache(maxsize=65536)
def weight(name: str) -> int:
    """How plainly a name is Ukrainian or Russian: the summed weights of the markers its words carry."""
    return sum(w for word in words(name) for pattern, w in rules().markers if pattern.search(word))


def slavic(name: str) -> bool:
    """Whether a name carries enough tell-tale clusters to be read as a romanised Ukrainian or Russian name.

    >>> slavic("Kyiv"), slavic("Denys Shmyhal"), slavic("Emma Hill"), slavic("Bryan")
    (True, True, False, False)
    """
    return weight(name) >= SLAVIC


__all__ = ["SLAVIC", "canon", "canon_word", "rules", "slavic", "weight", "words"]
