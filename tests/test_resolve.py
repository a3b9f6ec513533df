"""kg.pipeline.resolve: one stored entity per real thing across articles, and never two things merged into one."""

from pathlib import Path

import pytest

import kg.pipeline.resolve
from kg.text.articles import read_articles
from kg.rdf.iris import entity_iri
from kg.rdf.build import build_article
from kg.pipeline.ingest import ingest
from kg.pipeline.resolve import EntityIndex, resolve_records
from kg.store.local import Store
from kg.rdf.vocab import ENTITIES_GRAPH

STORED = [
    ("kupiansk", "Kupiansk", "Settlement", 703656, {"Kupyansk": "transliteration"}),
    ("kupiansk-vuzlovyi", "Kupiansk-Vuzlovyi", "Settlement", 703652, {}),
    ("bakhmut", "Bakhmut", "Settlement", 713174, {"Artemovsk": "geonames-id"}),
    ("donetsk", "Donetsk", "Settlement", 709717, {}),
    ("donetsk-oblast", "Donetsk Oblast", "Region", 709716, {}),
    ("pokrovsk", "Pokrovsk", "Settlement", 704422, {}),
    ("myrnohrad", "Myrnohrad", "Settlement", 710035, {}),
    ("ivan-ivanov", "Ivan Ivanov", "Person", None, {}),
    ("petr-ivanov", "Petr Ivanov", "Person", None, {}),
    ("gerasimov", "Valery Gerasimov", "Person", None, {"Gerasimov": "gazetteer-alias"}),
    ("kovalenko", "Oleksandr Kovalenko", "Person", None, {}),
    ("tarnavskyi", "Oleksandr Tarnavskyi", "Person", None, {}),
    ("47th", "47th Mechanized Brigade", "MilitaryUnit", None, {}),
    ("west", "Battlegroup West", "MilitaryUnit", None, {}),
    ("gs-ru", "General Staff of the Russian Armed Forces", "Organization", None, {}),
]


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    idx = EntityIndex()
    for iri, label, cls, gn, aliases in STORED:
        idx.add(iri, label, cls, gn, aliases)
    return idx


@pytest.mark.parametrize(("label", "type_", "cls", "geonames", "expected"), [
    ("Kupjansk", "Place", "Settlement", None, ("kupiansk", "transliteration")),
    ("Kupyansk", "Place", "Place", None, ("kupiansk", "transliteration")),
    ("Kupyansk-Uzlovaya", "Place", "Settlement", None, ("kupiansk-vuzlovyi", "transliteration")),
    ("Artemovsk", "Place", "Place", None, ("bakhmut", "store-alias")),
    ("Gerasimov", "Person", "Person", None, ("gerasimov", "surname")),
    ("Olexandr Tarnavskyi", "Person", "Person", None, ("tarnavskyi", "transliteration")),
    ("Oleksandr Tarnavsky", "Person", "Person", None, ("tarnavskyi", "transliteration")),
    ("Oleksandr Ternavskyi", "Person", "Person", None, None),  # a close spelling is no evidence for a person
    ("Ivan Ivanov", "Person", "Person", None, ("ivan-ivanov", "exact")),
    ("Kupiansk", "Place", "Settlement", 703650, None),  # another GeoNames place
    ("Pokrovsk", "Place", "Settlement", 2017824, None),  # Pokrovsk in Yakutia
    ("Pokrovske", "Place", "Settlement", None, None),
    ("Donetsk", "Place", "Region", None, None),  # a region is not the city
    ("Donetsk Oblast", "Place", "Settlement", None, None),
    ("Ivanov", "Person", "Person", None, None),  # two Ivanovs stored
    ("Pavel Ivanov", "Person", "Person", None, None),
    ("Oleksandra Kovalenko", "Person", "Person", None, None),
    ("Oleksandr Kovalenkov", "Person", "Person", None, None),
    ("46th Mechanized Brigade", "MilitaryUnit", "MilitaryUnit", None, None),
    ("Battlegroup East", "MilitaryUnit", "MilitaryUnit", None, None),
    ("General Staff of the Ukrainian Armed Forces", "Organization", "Organization", None, None),
    ("Myrnohrad", "Person", "Person", None, None),  # a person is never a place
    ("Kupiansk", "Organization", "Organization", None, None),
])
def test_match(index: EntityIndex, label: str, type_: str, cls: str, geonames: int | None, expected) -> None:
    entity = {"label": label, "type": type_, "class": cls, "geonames": geonames}
    assert index.match(entity) == expected


def test_own_iri_that_is_stored_wins(index: EntityIndex) -> None:
    assert index.match({"label": "Kupyansk", "type": "Place", "geonames": 703656}, "kupiansk") == \
        ("kupiansk", "transliteration")
    assert index.match({"label": "Bakhmut", "type": "Place", "geonames": 713174}, "bakhmut") == ("bakhmut", "exact")


def record(name: str, *entities: dict) -> dict:
    return {"article": name, "entities": list(entities), "relations": [], "events": []}


def test_resolved_record_keeps_one_label_and_records_the_reason(tmp_path: Path) -> None:
    first = record("a.txt", {"label": "Kupiansk", "type": "Place", "class": "Settlement", "geonames": 703656,
                             "aliases": ["Kupyansk"], "aliasReasons": {"Kupyansk": "transliteration"},
                             "mentions": [{"text": "Kupyansk"}]})
    second = record("b.txt", {"label": "Kupjansk", "type": "Place", "class": "Place", "aliases": [],
                              "mentions": [{"text": "Kupjansk"}]})
    with Store(tmp_path / "store") as store:
        store.put_article(build_article(first, "a" * 64))
        (resolved,) = resolve_records(EntityIndex.load(store), [second])
        store.put_article(build_article(resolved, "b" * 64))
        labels = store.query(f"SELECT ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label ?l }} }}")
        merges = store.query("SELECT ?alias ?reason ?e WHERE { ?m kg:alias ?alias ; kg:mergeReason ?reason ; "
                             "kg:mergedInto ?e }")
    assert resolved["entities"][0]["resolved"]["reason"] == "transliteration"
    assert [r["l"].value for r in labels] == ["Kupiansk"]
    assert {(r["alias"].value, r["reason"].value) for r in merges} == {("Kupyansk", "transliteration"),
                                                                       ("Kupjansk", "transliteration")}
    assert {r["e"] for r in merges} == {entity_iri(first["entities"][0])}


ARTICLES = {
    "a_russian_spellings.txt": """date: 2025-12-01
title: Fighting around Kupyansk and Artemovsk

Russian troops attacked Kupyansk and Kupyansk-Uzlovaya in the Kharkov region on Monday. Further south, assault
groups pressed on towards Soledar and Artemovsk.
Colonel Ivan Petrenko, a brigade commander, said his soldiers repelled four assaults near Kupyansk.
Olexandr Tarnavskyi, who commands the southern grouping, said the line held near Artemovsk.
""",
    "b_ukrainian_spellings.txt": """date: 2025-12-02
title: Defenders hold Kupiansk and Bakhmut lines

Ukrainian units held their positions in Kupiansk and Kupiansk-Vuzlovyi in Kharkiv Oblast on Tuesday. Heavy
fighting continued west of Bakhmut in Donetsk Oblast.
Petrenko said the brigade had taken prisoners. Commander Oleksandr Tarnavskyi said his troops would hold Bakhmut.
""",
    "c_artemovsk_only.txt": """date: 2025-12-03
title: Shelling reported

Shelling was reported overnight in Artemovsk, officials said.
""",
}


@pytest.fixture(scope="module")
def spelled_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path_factory.mktemp("store") / "kg")
    assert {r.status for r in ingest(store, read_articles([folder]), batch_size=1)} == {"added"}
    yield store
    store.close()


def entities_named(store: Store, *names: str) -> dict[str, set[str]]:
    q = "SELECT ?e ?n WHERE { GRAPH <%s> { { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } } }" % ENTITIES_GRAPH
    found: dict[str, set[str]] = {n: set() for n in names}
    for row in store.query(q):
        if row["n"].value in found:
            found[row["n"].value].add(row["e"].value)
    return found


@pytest.mark.parametrize("names", [
    ("Kupyansk", "Kupiansk"), ("Kupyansk-Uzlovaya", "Kupiansk-Vuzlovyi"), ("Artemovsk", "Bakhmut"),
    ("Petrenko", "Ivan Petrenko"), ("Olexandr Tarnavskyi", "Oleksandr Tarnavskyi"),
])
def test_spelling_variants_across_articles_are_one_entity(spelled_store: Store, names: tuple[str, ...]) -> None:
    found = entities_named(spelled_store, *names)
    assert all(len(iris) == 1 for iris in found.values()), found
    assert len(set.union(*found.values())) == 1, found


def test_a_station_is_not_its_town(spelled_store: Store) -> None:
    found = entities_named(spelled_store, "Kupiansk", "Kupiansk-Vuzlovyi")
    assert found["Kupiansk"] != found["Kupiansk-Vuzlovyi"]


def test_every_entity_has_one_label(spelled_store: Store) -> None:
    rows = spelled_store.query(f"SELECT ?e (COUNT(?l) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> "
                               "{ ?e rdfs:label ?l } } GROUP BY ?e")
    assert rows and all(int(r["n"].value) == 1 for r in rows)


def test_index_is_loaded_once_per_run(tmp_path: Path, monkeypatch) -> None:
    loads = []
    real = EntityIndex.load.__func__
    monkeypatch.setattr(kg.pipeline.resolve.EntityIndex, "load", classmethod(lambda cls, s: loads.append(1) or real(cls, s)))
    (tmp_path / "articles").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "store") as store:
        results = list(ingest(store, read_articles([tmp_path / "articles"]), batch_size=1))
    assert len(results) == 3 and loads == [1]


def test_seeds_keep_one_entity_per_geonames_id_and_label(seeds_dir: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        list(ingest(store, read_articles([seeds_dir])))
        index = EntityIndex.load(store)
        ids = store.query(f"SELECT ?gn (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> "
                          "{ ?e kg:geonamesId ?gn } } GROUP BY ?gn")
        labels = store.query(f"SELECT ?e (COUNT(?l) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> "
                             "{ ?e rdfs:label ?l } } GROUP BY ?e")
    assert len(index) == len(labels) > 20
    assert all(int(r["n"].value) == 1 for r in ids + labels)
