"""kg explain: names, the reason and article of every merge, articles, links; unknown names get suggestions."""

from pathlib import Path

import pytest

from kg.rdf.build import build_article
from kg.cli import main
from kg.errors import EntityNotFound
from kg.views.explain import Alias, explain_entity
from kg.pipeline.resolve import EntityIndex, resolve_records
from kg.store.local import Store

KUPIANSK = "https://w3id.org/kg-news/id/entity/place/gn703656"


def place(label: str, *spellings: str, geonames: int | None = None, cls: str = "Settlement") -> dict:
    entity = {"label": label, "type": "Place", "class": cls, "aliases": list(spellings),
              "aliasReasons": dict.fromkeys(spellings, "transliteration"),
              "mentions": [{"text": s} for s in (label, *spellings)]}
    if geonames:
        entity.update(geonames=geonames, lat=49.71, lon=37.61, admin="Kharkiv Oblast", precision="settlement")
    return entity


def person(label: str, *aliases: str, wikidata: str | None = None) -> dict:
    entity = {"label": label, "type": "Person", "class": "Person", "aliases": list(aliases),
              "aliasReasons": dict.fromkeys(aliases, "gazetteer-alias"), "mentions": [{"text": label}]}
    return dict(entity, wikidata=wikidata) if wikidata else entity


RECORDS = [
    {"article": "moscow.txt", "entities": [place("Kupiansk", "Kupyansk", geonames=703656),
                                           person("Vladimir Putin", "Putin", "President Putin", wikidata="Q7747")],
     "relations": [], "events": []},
    {"article": "kyiv.txt", "entities": [place("Kupjansk", cls="Place"), person("Putin")],
     "relations": [], "events": []},
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("explain") / "store"
    with Store(location) as store:
        index = EntityIndex.load(store)
        for n, record in enumerate(resolve_records(index, RECORDS)):
            store.put_article(build_article(record, f"{n}" * 64))
    return location


def test_explain_place(store_dir: Path) -> None:
    with Store(store_dir) as store:
        ex = explain_entity(store, "Kupjansk")
    assert (ex.iri, ex.cls, ex.label) == (KUPIANSK, "Settlement", "Kupiansk")
    assert ex.aliases == [Alias("Kupjansk", "transliteration", ("kyiv.txt",)),
                          Alias("Kupyansk", "transliteration", ("moscow.txt",))]
    assert ex.articles == ["kyiv.txt", "moscow.txt"]
    assert ex.place == {"lat": "49.71", "lon": "37.61", "geonames": "703656", "admin": "Kharkiv Oblast",
                        "precision": "settlement"}


def test_explain_person_by_iri(store_dir: Path) -> None:
    with Store(store_dir) as store:
        iri = explain_entity(store, "Putin").iri
        ex = explain_entity(store, iri)
    assert ex.label == "Vladimir Putin" and ex.same_as == ["http://www.wikidata.org/entity/Q7747"]
    assert Alias("Putin", "surname", ("kyiv.txt",)) in ex.aliases
    assert Alias("President Putin", "gazetteer-alias") in ex.aliases
    assert ex.articles == ["kyiv.txt", "moscow.txt"]


def test_unknown_entity_suggests_close_names(store_dir: Path) -> None:
    with Store(store_dir) as store, pytest.raises(EntityNotFound) as err:
        explain_entity(store, "Kupiansc")
    assert str(err.value) == "no entity matches 'Kupiansc'; did you mean Kupiansk?"


def test_cli_explain(store_dir: Path, runner) -> None:
    result = runner.invoke(main, ["explain", "Kupyansk", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Kupiansk  <{KUPIANSK}>",
        "class     Settlement",
        "location  49.71, 37.61",
        "geonames  703656",
        "admin     Kharkiv Oblast",
        "precision settlement",
        "aliases   Kupjansk  transliteration  [kyiv.txt]",
        "          Kupyansk  transliteration  [moscow.txt]",
        "articles  kyiv.txt, moscow.txt",
    ]


@pytest.mark.parametrize(("name", "message"), [
    ("Nowhere", "Error: no entity matches 'Nowhere'\n"),
    ("Vladimir Putn", "Error: no entity matches 'Vladimir Putn'; did you mean Vladimir Putin?\n"),
])
def test_cli_explain_unknown(store_dir: Path, runner, name: str, message: str) -> None:
    result = runner.invoke(main, ["explain", name, "--store", str(store_dir)])
    assert result.exit_code == 1
    assert result.output == message
