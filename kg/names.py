"""Name keys and entity lookup: when two spellings are one name, and which entity a name typed by a user means.

Spelling keys: :func:`fold` is a phonetic key (g->h, e->i, double letters collapsed) that proposes candidates:
where a user types a name and where the gazetteer is searched. It is never a merge: "Emma Hill" and "Emma Gill"
share it. :func:`same_name` decides identity, inside an article and across the store alike: the same name up to
case, accents and punctuation, or the same canonical form under the romanisation table of :mod:`kg.translit`
for a name that plainly is Ukrainian or Russian (or that the caller's ``regional`` test places there).
Names that differ by more than spelling (Artemovsk/Bakhmut) collide only through alias tables.

>>> fold("Kharkov") == fold("Kharkiv")
True
>>> fold("Kupyansk-Uzlovaya") == fold("Kupiansk-Vuzlovyi")
True
>>> fold("Pokrovsk") == fold("Pokrovske")
False

Lookup: :func:`find` picks an entity from its names (label, else alias; as typed, else by spelling key), the same
way for a networkx view (:func:`find_node`) and for a store (:func:`find_entity`).

>>> names = [Name("e:1", "Valery Gerasimov"), Name("e:1", "Gerasimov", "Valery Gerasimov", ALIAS),
...          Name("e:2", "Vladimir Putin")]
>>> find(names, "  VLADIMIR   putin "), find(names, "gerasimov"), find(names, "Herasymov")
('e:2', 'e:1', 'e:1')
>>> find(names, "Gerasimow")
Traceback (most recent call last):
...
kg.errors.EntityNotFound: no entity matches 'Gerasimow'; did you mean Valery Gerasimov?
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.errors import EntityNotFound
from kg.translit import canon, slavic

_LETTERS = str.maketrans({
    "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "đ": "d", "ð": "d", "þ": "th",
    "ħ": "h", "ŀ": "l", "'": "", "’": "", "‘": "", "ʼ": "", "ʹ": "", "ʻ": "", "`": "", "´": "",
    "″": "", '"': "", "”": "", "“": "",
})
_CONSONANTS = str.maketrans("gjy", "hii")  # Golubovka / Holubivka, Kupjansk / Kupyansk / Kupiansk
_E = str.maketrans("e", "i")  # Kiev / Kyiv, Avdeevka / Avdiivka, Severodonetsk / Sievierodonetsk
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PROTHETIC_V = re.compile(r"\bvu")  # Vuzlovyi / Uzlovaya, Vuhledar / Ugledar
_FEMININE = re.compile(r"( [a-z]*)aia\b")  # Russian feminine adjective after a noun: Kupyansk-Uzlovaya / -Vuzlovyi
_DOUBLE = re.compile(r"([a-z])\1+")  # Zelenskyy, Odessa, Avdiivka
_ENDINGS = re.compile(r"oi\b|(?<=[vn])o\b")  # -oy, -oye / -e; -ovo, -ino / -ove, -yne (Rovno / Rivne)
_CLOSED_O = re.compile(r"ov(?=[^aiou]|\b)")  # Kharkov / Kharkiv, -ovka / -ivka


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Return the spelling key of ``name``: ASCII, lower case, transliteration variants merged.

    >>> [fold(n) for n in ("Zelenskyy", "Zelensky", "Zelenskiy")]
    ['zilinski', 'zilinski', 'zilinski']
    >>> fold("Avdeevka") == fold("Avdiivka") == fold("Avdiyivka")
    True
    >>> fold("Volchansk") == fold("Vovchansk")
    True
    >>> fold("Golubovka") == fold("Holubivka")
    True
    >>> fold("Kup’yans’k") == fold("Kupiansk")
    True
    >>> fold("Kiev") == fold("Kyiv")
    True
    >>> fold("Kharkiv") == fold("Kherson"), fold("Navalnaya") == fold("Navalny")
    (False, False)
    >>> fold("Russia") == fold("Prussia")
    False
    >>> fold("  Sea of  Azov ")
    'sia of aziv'
    """
    text = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    text = _NON_ALNUM.sub(" ", text.encode("ascii", "ignore").decode("ascii")).strip()
    text = text.replace("shch", "sch").replace("olch", "ovch").translate(_CONSONANTS)
    text = _FEMININE.sub(r"\1i", _PROTHETIC_V.sub("u", text)).translate(_E)
    text = _DOUBLE.sub(r"\1", text).replace("zhzh", "zh")
    return _CLOSED_O.sub("iv", _ENDINGS.sub("i", text))


_PUNCT = re.compile(r"[\W_]+")


def plain(name: str) -> str:
    """A name up to case, accents, apostrophes and punctuation: the key of names written the same way.

    >>> plain("Kup’yans’k"), plain("  Łódź "), plain("Kupiansk-Vuzlovyi"), plain("Київ")
    ('kupyansk', 'łodz', 'kupiansk vuzlovyi', 'киів')
    """
    text = unicodedata.normalize("NFKD", re.sub(r"['’‘ʼʹʻ`´]", "", name).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _PUNCT.sub(" ", text).strip()


def identity_key(name: str) -> str:
    """The bucket in which :func:`same_name` looks for a name's equals: its canonical form, else :func:`plain`.

    >>> identity_key("Zelenskiy") == identity_key("Zelenskyy"), identity_key("Київ")
    (True, 'киів')
    """
    return canon(name) or plain(name)


def same_name(a: str, b: str, regional: Callable[[str], bool] | None = None) -> str | None:
    """Why ``a`` and ``b`` are one name: ``exact`` (up to case and spacing), ``transliteration`` (up to accents and
    punctuation, or the same canonical form under the romanisation table where one of the two is plainly
    Ukrainian or Russian, or ``regional`` says so), else None. Ordinary English names that differ in a letter
    stay apart.

    >>> same_name("NATO", "Nato"), same_name("Kupyansk", "Kupiansk"), same_name("Putin", "Vladimir Putin")
    ('exact', 'transliteration', None)
    >>> same_name("Herasymov", "Gerasimov"), same_name("Emma Hill", "Emma Gill"), same_name("John Lee", "John Li")
    ('transliteration', None, None)
    """
    if " ".join(a.casefold().split()) == " ".join(b.casefold().split()):
        return "exact"
    if plain(a) == plain(b):
        return "transliteration"
    key = canon(a)
    if not key or key != canon(b):
        return None
    if slavic(a) or slavic(b) or regional is not None and (regional(a) or regional(b)):
        return "transliteration"
    return None


def spelling_reason(alias: str, label: str, regional: Callable[[str], bool] | None = None) -> str | None:
    """Why two names are one by spelling alone (:func:`same_name`).

    >>> spelling_reason("Zelenskiy", "Zelensky"), spelling_reason("Gary Lineker", "Harry Lineker")
    ('transliteration', None)
    """
    return same_name(alias, label, regional)


_UK_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_MARKS = re.compile(r"[іїєґІЇЄҐ'’ʼ]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def ukrainian_latin(text: str) -> str | None:
    """Romanise Ukrainian Cyrillic by the official national system (2010); None if not Ukrainian.

    >>> ukrainian_latin("Куп’янськ-Вузловий")
    'Kupiansk-Vuzlovyi'
    >>> ukrainian_latin("Запоріжжя"), ukrainian_latin("Київ"), ukrainian_latin("Згурівка")
    ('Zaporizhzhia', 'Kyiv', 'Zghurivka')
    >>> ukrainian_latin("Купянск") is None, ukrainian_latin("Khar’kov") is None
    (True, True)
    """
    if not _UK_MARKS.search(text) or _LATIN_LETTER.search(text):
        return None
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        initial = i == 0 or not text[i - 1].isalpha() and text[i - 1] not in "'’ʼ"
        if low in "'’ʼ":
            continue
        if low == "г" and i and text[i - 1].lower() == "з":
            latin = "gh"
        elif low in _UK_LATIN:
            latin = _UK_INITIAL.get(low, _UK_LATIN[low]) if initial else _UK_LATIN[low]
        elif "\u0400" <= ch <= "\u04ff":
            return None
        else:
            latin = ch
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


LABEL, ALIAS = 0, 1
SUGGESTIONS = 3
CUTOFF = 70


@dataclass(frozen=True)
class Name:
    """One name of an entity: its label (``rank`` LABEL) or an alias (ALIAS); ``weight`` breaks ties (more wins)."""

    entity: str
    text: str
    label: str = ""
    rank: int = LABEL
    weight: int = 0

    @property
    def shown(self) -> str:
        """The entity's label, as suggestions name it."""
        return self.label or self.text


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def find(names: Iterable[Name], text: str) -> str:
    """The entity whose label, else alias, is ``text`` (ignoring case and spacing), else whose label, else alias,
    has its spelling key; ties go to the heaviest entity, then the smallest id. Raises :class:`EntityNotFound`
    naming up to three close labels when nothing matches."""
    names = list(names)
    want, key = _norm(text), fold(text)
    tiers: list[list[Name]] = [[], [], [], []]
    for n in names:
        if _norm(n.text) == want:
            tiers[n.rank].append(n)
        elif key and fold(n.text) == key:
            tiers[2 + n.rank].append(n)
    for tier in tiers:
        if tier:
            return min(tier, key=lambda n: (-n.weight, n.entity)).entity
    raise not_found(text, names)


def not_found(text: str, names: Iterable[Name]) -> EntityNotFound:
    """The error for a name that matches nothing, with the closest labels as suggestions."""
    near = suggest(names, text)
    hint = f"; did you mean {_join(near)}?" if near else ""
    return EntityNotFound(f"no entity matches '{text}'{hint}")


def suggest(names: Iterable[Name], text: str, limit: int = SUGGESTIONS) -> list[str]:
    """Labels of up to ``limit`` entities with a name closest in spelling to ``text`` (fuzzy, best first)."""
    from rapidfuzz import fuzz, process, utils  # lazy: only a failed lookup needs it

    shown: dict[str, str] = {}
    for n in names:
        shown.setdefault(n.text, n.shown)
    hits = process.extract(text, list(shown), scorer=fuzz.WRatio, processor=utils.default_process,
                           score_cutoff=CUTOFF, limit=limit * 4)
    out: list[str] = []
    for name, _, _ in sorted(hits, key=lambda h: (-h[1], h[0])):
        if shown[name] not in out:
            out.append(shown[name])
    return out[:limit]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def find_node(graph: Any, text: str) -> str:
    """The node of a networkx view that ``text`` names: a node id, else :func:`find` over the nodes' labels and
    aliases, ties to the node with the most edges."""
    if text in graph:
        return text
    names = []
    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if not label or data.get("bipartite") == 1:
            continue
        weight = graph.degree(node)
        names.append(Name(node, label, label, LABEL, weight))
        names += [Name(node, a, label, ALIAS, weight) for a in data.get("aliases", ())]
    return find(names, text)


def find_entity(store: Any, text: str) -> str:
    """The IRI of the stored entity that ``text`` names: the IRI itself, else :func:`find` over the labels and
    aliases of the entities graph (the store asked first for names equal to ``text``, which is the common case)."""
    text = text.strip()
    if re.match(r"https?://", text) and store.has_entity(text):
        return text
    exact = store.entity_names(text)
    if exact:
        return find(exact, text)
    return find(store.entity_names(), text)
