"""A spelling key under which Russian- and Ukrainian-derived transliterations of one name collide.

``fold`` only normalises spelling; it drops no words ("Kharkiv Oblast" keeps "oblast"). Names that
differ by more than spelling (Artemovsk/Bakhmut, Kyiv/Kiev's older forms) collide through alias tables.

>>> fold("Kharkov") == fold("Kharkiv")
True
>>> fold("Kupyansk-Uzlovaya") == fold("Kupiansk-Vuzlovyi")
True
>>> fold("Pokrovsk") == fold("Pokrovske")
False
"""

import re
import unicodedata
from functools import lru_cache

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


def spelling_reason(alias: str, label: str) -> str | None:
    """Why two names are one by spelling alone: ``exact`` (case), ``transliteration`` (same key), else None.

    >>> spelling_reason("NATO", "Nato"), spelling_reason("Kupyansk", "Kupiansk"), spelling_reason("Putin", "Vladimir Putin")
    ('exact', 'transliteration', None)
    """
    if alias.casefold() == label.casefold():
        return "exact"
    return "transliteration" if fold(alias) == fold(label) else None


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
