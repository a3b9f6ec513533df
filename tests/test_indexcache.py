"""The resolution index kept beside the store: used only while the store is unchanged, same result as a reload."""

import json
from pathlib import Path

import pytest

import kg.pipeline.resolve
from kg.text.articles import read_articles
from kg.pipeline.resolve import INDEX_CACHE as CACHE_FILE
from kg.pipeline.resolve import load_index
from kg.pipeline.ingest import ingest
from kg.store.local import Store
from store_digest import fingerprint

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "articles").iterdir())


def two_runs(location: Path, files: list[Path], keep_cache: bool) -> None:
    half = len(files) // 2
    for part in (files[:half], files[half:]):
        with Store(location) as store:
            list(ingest(store, read_articles(part)))
        if not keep_cache:
            (location / CACHE_FILE).unlink()


@pytest.mark.parametrize("corpus", ["examples", "seeds"])
def test_cached_index_gives_the_store_a_reload_gives(tmp_path, request, corpus):
    files = EXAMPLES if corpus == "examples" else sorted(request.getfixturevalue("seeds_dir").iterdir())
    two_runs(tmp_path / "cached", files, keep_cache=True)
    two_runs(tmp_path / "reloaded", files, keep_cache=False)
    assert fingerprint(tmp_path / "cached") == fingerprint(tmp_path / "reloaded")


@pytest.fixture()
def loads(monkeypatch):
    calls = []
    real = kg.pipeline.resolve.EntityIndex.load.__func__

    def counting(cls, store):
        calls.append(store)
        return real(cls, store)

    monkeypatch.setattr(kg.pipeline.resolve.EntityIndex, "load", classmethod(counting))
    return calls


def test_cache_is_used_until_another_session_writes(tmp_path, loads):
    location = tmp_path / "store"
    with Store(location) as store:
        list(ingest(store, read_articles(EXAMPLES[:2])))
    assert len(loads) == 1
    cached = json.loads((location / CACHE_FILE).read_text())
    with Store(location) as store:
        assert cached["generation"] == store.generation
        assert len(load_index(store)) == len(kg.pipeline.resolve.EntityIndex.load(store)) > 0
        assert len(loads) == 2  # only the explicit reload
        store.update("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
        assert store.generation != cached["generation"]
        load_index(store)
        assert len(loads) == 3


@pytest.mark.parametrize("content", ["not json", '{"format": 1}', '{"format": 1, "generation": null}'])
def test_unreadable_cache_falls_back_to_the_store(tmp_path, loads, content):
    location = tmp_path / "store"
    with Store(location) as store:
        list(ingest(store, read_articles(EXAMPLES[:1])))
    (location / CACHE_FILE).write_text(content)
    with Store(location) as store:
        assert len(load_index(store)) > 0
    assert len(loads) == 2


def test_a_write_by_another_tool_makes_the_cache_stale(tmp_path, loads):
    """pyoxigraph (or the oxigraph server) writing the folder does not renew kg's generation; the fingerprint sees it."""
    import pyoxigraph as ox

    location = tmp_path / "store"
    with Store(location) as store:
        list(ingest(store, read_articles(EXAMPLES[:2])))
    with Store(location) as store:
        load_index(store)
    assert len(loads) == 1  # the cache served the second session
    raw = ox.Store(str(location))
    entity = ox.NamedNode("https://w3id.org/kg-news/id/entity/person/someone-else")
    raw.add(ox.Quad(entity, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Someone Else"),
                    ox.NamedNode("https://w3id.org/kg-news/id/graph/entities")))
    raw.flush()
    del raw
    with Store(location) as store:
        load_index(store)
    assert len(loads) == 2
