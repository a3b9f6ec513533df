"""Readers and one writer at once: readers open the latest published snapshot (kg.store.snapshot), never the files
the writer changes, so they neither wait nor see half an article."""

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store import snapshot as snapshots
from kg.store.connect import hold_latest, open_reader, open_store, writer_lock
from kg.store.local import Store
from kg.store.lock import writer_active
from tests.corpus import generated_articles
from tests.store_digest import fingerprint, graphs

KG = str(Path(sys.executable).with_name("kg"))
ENTITIES = "https://w3id.org/kg-news/id/graph/entities"
# every graph with its size, and the entities an article graph describes that the entities graph lacks
WHOLE = """SELECT ?g ?n WHERE {
  { SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
  UNION
  { SELECT ("orphans" AS ?g) (COUNT(DISTINCT ?e) AS ?n) WHERE {
      GRAPH ?a { ?a a kg:Article . ?e kg:description ?d }
      FILTER NOT EXISTS { GRAPH <%s> { ?e rdfs:label ?l } } } }
}""" % ENTITIES


def test_a_reader_keeps_its_snapshot_while_the_writer_moves_on(fixture_store, tmp_path):
    location = tmp_path / "kg"
    import shutil

    shutil.copytree(fixture_store, location)
    before = fingerprint(location)[0]
    first = open_reader(location)
    assert len(first) == before and not first.writer_active
    with writer_lock(location), open_store(location) as writer:
        assert open_reader(location).writer_active  # another reader meanwhile is told a writer runs
        writer.add_quads([])
        writer.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
        assert len(open_reader(location)) == before  # not published yet
        assert writer.publish()
        assert len(open_reader(location)) == before + 1
    assert len(first) == before  # the first reader still reads its own snapshot, which the writer left in place
    assert len(list(snapshots.folder(location).glob("*.lock"))) >= 2
    first.close()
    with writer_lock(location), open_store(location) as writer:
        writer.update("DELETE DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    assert len(list(snapshots.folder(location).glob("*.lock"))) == 1  # released snapshots are deleted
    with open_reader(location) as reader:
        assert len(reader) == before


def test_a_snapshot_cannot_be_written(fixture_store):
    with open_reader(fixture_store) as reader, pytest.raises(StoreError, match="opened for reading"):
        reader.update("INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }")


def test_writes_a_killed_writer_left_unpublished_reach_the_next_reader(fixture_store, tmp_path):
    """The writer process dies (os._exit, no close) after a committed write: PENDING stays, and the next reader
    publishes the write before it reads."""
    import shutil

    location = tmp_path / "kg"
    shutil.copytree(fixture_store, location)
    with open_reader(location) as reader:
        before = len(reader)
    code = ("import os, sys; from kg.store.local import Store; s = Store(sys.argv[1]); "
            "s.update('INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }'); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(location)], check=True)
    assert snapshots.pending(snapshots.folder(location))
    with open_reader(location) as reader:
        assert len(reader) == before + 1
    assert not snapshots.pending(snapshots.folder(location))


def test_prune_spares_held_and_removes_half_made_snapshots(fixture_store, tmp_path):
    import shutil

    location = tmp_path / "kg"
    shutil.copytree(fixture_store, location)
    held, _ = hold_latest(location)
    root = snapshots.folder(location)
    (root / "00000000000000000001-dead").mkdir()  # a writer killed in the middle of a checkpoint
    with Store(location) as store:
        store.publish(force=True)
    names = {p.name for p in root.iterdir()}
    assert held.path.name in names and "00000000000000000001-dead" not in names
    held.release()
    assert snapshots.hold(root, held.path.name) is not None  # still there until the next publish
    with Store(location) as store:
        store.publish(force=True)
    assert held.path.name not in {p.name for p in root.iterdir()}
    assert snapshots.hold(root, held.path.name) is None


def test_reader_of_a_missing_store_fails_clearly(tmp_path):
    with pytest.raises(StoreError, match=f"no store at {tmp_path / 'none'}"):
        open_reader(tmp_path / "none")


ARTICLES = 300
QUERIES = 20


def _ingest(store: Path, corpus: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([KG, "ingest", str(corpus), "--store", str(store), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _query(store: Path) -> subprocess.Popen:
    return subprocess.Popen([KG, "query", "--sparql", WHOLE, "--format", "json", "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_queries_during_an_ingest_see_whole_articles(tmp_path):
    """An ingest of 300 articles in one process; meanwhile 20 `kg query` runs in others (four at a time). Each
    succeeds and sees a whole number of articles: every article graph exactly as a plain ingest stores it and no
    article without its entities. The final store equals a plain ingest."""
    corpus = tmp_path / "in"
    generated_articles(corpus, ARTICLES, random.Random(16))
    plain = tmp_path / "plain"
    done = _ingest(plain, corpus)
    assert done.wait(timeout=600) == 0, done.communicate()
    sizes = {g: len(q) for g, q in graphs(plain).items()}

    store = tmp_path / "store"
    writer = _ingest(store, corpus, "--batch-size", "2")
    answers, during = [], 0
    try:
        deadline = time.monotonic() + 120
        while not writer_active(store) and time.monotonic() < deadline:
            time.sleep(0.01)
        while time.monotonic() < deadline:  # until the writer has loaded its model and published a first batch
            with open_reader(store) as reader:
                if len(reader):
                    break
            time.sleep(0.05)
        while len(answers) < QUERIES:
            pair = [_query(store) for _ in range(4)]
            for proc in pair:
                out, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                answers.append({r["g"]: int(r["n"]) for r in json.loads(out)})
                during += "an ingest is running" in err
    finally:
        out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    seen = []
    for answer in answers:
        assert answer.pop("orphans") == 0
        answer.pop(ENTITIES, None)
        assert all(sizes[g] == n for g, n in answer.items()), "an article graph seen in part"
        seen.append(len(answer))
    print(f"articles seen by the {QUERIES} queries: {seen}; {during} ran while the ingest wrote")
    assert during >= QUERIES // 2 and len(set(seen)) > 1, seen  # they did run while the store grew
    assert fingerprint(store) == fingerprint(plain)
