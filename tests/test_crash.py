"""Crash safety and concurrency of `kg ingest`, with real processes.

SIGKILL at random moments (seeded; at least 20 kills that land while ingest runs) over our example articles
(examples/articles: text, HTML and JSON Lines; any corpus would do, and these come with every clone) plus
generated ones: after each kill the store opens and holds only whole articles (every graph equal to the same
graph of an uninterrupted run); a final rerun gives exactly the uninterrupted store, no duplicates.
Two ingests at once: the second fails with a clear message (or waits with --wait); one whole result either way.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus import generated_articles
from tests.store_digest import file_names, fingerprint, graphs

KG = [str(Path(sys.executable).with_name("kg"))]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
KILLS = 20
SEED = 6
def ingest(store: Path, corpus: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([*KG, "ingest", str(corpus), "--store", str(store), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The example articles (any corpus would do; these come with every clone) and 15 generated ones."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(EXAMPLES, folder / "examples")
    generated_articles(folder / "generated", 15, random.Random(SEED))
    return folder


@pytest.fixture(scope="module")
def startup(tmp_path_factory) -> float:
    """Seconds from start to the first stored article, measured on a one-article ingest."""
    folder = tmp_path_factory.mktemp("one")
    generated_articles(folder / "in", 1, random.Random(SEED))
    start = time.monotonic()
    proc = ingest(folder / "store", folder / "in")
    proc.communicate(timeout=600)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus) -> tuple[Path, float]:
    """The store of an uninterrupted ingest, and how long that took."""
    store = tmp_path_factory.mktemp("ref") / "store"
    start = time.monotonic()
    proc = ingest(store, corpus)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return store, time.monotonic() - start


def assert_whole(store, ref: dict[str, set[str]]) -> None:
    """Every article graph of ``store`` (a folder or an open store) equals the reference one; entity descriptions
    are a subset."""
    entities = "https://w3id.org/kg-news/id/graph/entities"
    got = graphs(store)
    for name, quads in got.items():
        assert name in ref, f"unexpected graph {name}"
        if name == entities:
            assert quads <= ref[name]
        else:
            assert quads == ref[name], f"partial graph {name}"
    names = [n for group in file_names(store) for n in group]
    assert len(names) == len(set(names)), "a file name recorded twice"


def articles_in(store: Path) -> int:
    return len(file_names(store)) if (store / "kg-store.json").exists() else 0


def test_sigkill_at_random_moments_leaves_whole_articles(tmp_path, corpus, reference, startup):
    """Kill times spread from start-up to the last write, scaled to the articles still to do. A reader that opened
    the store just before the kill keeps reading its snapshot after it; the next reader sees every article the
    killed writer committed (it publishes them first)."""
    from kg.errors import StoreError
    from kg.store.connect import open_reader

    ref_store, duration = reference
    ref = graphs(ref_store)
    total = len(file_names(ref_store))
    per_article = max(duration - startup, 0.5) / total
    rng = random.Random(SEED)
    store = tmp_path / "store"
    kills = runs = partial = 0
    while kills < KILLS and runs < 3 * KILLS:
        runs += 1
        remaining = total - articles_in(store)
        proc = ingest(store, corpus, "--batch-size", "1")
        time.sleep(rng.uniform(0.5 * startup, startup + remaining * per_article))
        try:
            reader = open_reader(store, wait=0.0)
        except StoreError:  # nothing published yet
            reader = None
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=600)
        if reader is not None:
            with reader:
                assert_whole(reader, ref)
        if store.exists():
            assert_whole(store, ref)
            with open_reader(store) as after:
                assert graphs(after) == graphs(store)  # everything the killed writer committed, published
            partial += 0 < articles_in(store) < total
        if proc.returncode == 0:
            shutil.rmtree(store)  # it finished first: start over so later kills land mid-ingest again
    print(f"{kills} kills in {runs} runs, {partial} left a partial store")
    assert kills >= KILLS and partial >= KILLS // 2, (kills, partial)
    proc = ingest(store, corpus)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert fingerprint(store) == fingerprint(ref_store)


def test_two_ingests_at_once_one_fails_clearly(tmp_path, corpus, reference):
    store = tmp_path / "store"
    first, second = ingest(store, corpus), ingest(store, corpus)
    results = [p.communicate(timeout=600) + (p.returncode,) for p in (first, second)]
    codes = sorted(r[2] for r in results)
    assert codes == [0, 1], results
    [(_, err, _)] = [r for r in results if r[2] == 1]
    assert err.strip().splitlines()[-1].startswith(f"Error: store {store} is being written by another kg "
                                                   "process (pid ")
    assert err.strip().endswith("wait for it to finish or pass --wait SECONDS")
    assert fingerprint(store) == fingerprint(reference[0])


def test_two_ingests_with_wait_both_finish(tmp_path, corpus, reference):
    store = tmp_path / "store"
    procs = [ingest(store, corpus, "--wait", "600") for _ in range(2)]
    outs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert sorted(o[0].split()[-1] for o in outs) == ["added", "unchanged"], outs  # the second found it all done
    assert fingerprint(store) == fingerprint(reference[0])


WRITE_KILLS = 4


def run_kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*KG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("write", ["remove", "replace"])
def test_sigkill_during_remove_or_replace_leaves_before_or_after(tmp_path, corpus, reference, write):
    """A removal (every article of one source) and a replacement (one changed article, loaded from the N-Quads that
    `kg extract` wrote for it) are each one atomic write:
    killed at any moment, the store opens, validates and equals the state before or the state after."""
    from kg.rdf.shapes import validate_store
    from kg.store.local import Store

    changed = tmp_path / "changed"
    shutil.copytree(corpus / "examples", changed)
    first = changed / "01_kupiansk_capture_claim.txt"
    first.write_text(first.read_text(encoding="utf-8") + "\nValery Gerasimov visited Siversk on Monday.\n",
                     encoding="utf-8")
    if write == "remove":
        args = ["remove", "--source", "Eastern Front Wire"]
    else:  # `kg load` writes through the same replace as `kg ingest`, without loading spaCy in each attempt
        shard = tmp_path / "changed.nq"
        made = subprocess.run([*KG, "extract", str(first), "--format", "nquads", "-o", str(shard)], capture_output=True)
        assert made.returncode == 0, made.stderr
        args = ["load", str(shard)]

    def attempt(folder: Path, kill_after: float | None) -> Path:
        store = folder / "store"
        shutil.copytree(reference[0], store)
        proc = run_kg(*args, "--store", str(store))
        if kill_after is not None:
            time.sleep(kill_after)
            proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=600)
        assert kill_after is not None or proc.returncode == 0
        return store

    start = time.monotonic()
    after = fingerprint(attempt(tmp_path / "after", None))
    took = time.monotonic() - start
    before = fingerprint(reference[0])
    assert after != before
    rng = random.Random(SEED)
    ended_after = 0
    for i in range(WRITE_KILLS):
        store = attempt(tmp_path / f"kill{i}", rng.uniform(0.3 * took, took))
        state = fingerprint(store)
        assert state in (before, after)
        ended_after += state == after
        with Store(store, create=False) as opened:
            assert validate_store(opened) == []
    print(f"{write}: {WRITE_KILLS} kills, {ended_after} after the write, {WRITE_KILLS - ended_after} before it")
