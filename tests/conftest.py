"""Shared fixtures: the shared data folder next to the repository and a click CLI runner."""

from pathlib import Path

import pytest
from click.testing import CliRunner

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder (seeds, gold, ...) beside the repository; skips when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared folder not found at {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The real seed articles; skips when they are absent."""
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed articles not found at {seeds}")
    return seeds


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    """A click test runner for the kg command line."""
    return CliRunner()


@pytest.fixture(scope="session")
def seed_store(seeds_dir: Path, tmp_path_factory) -> Path:
    """A store directory holding the ingested seed articles (built once per session)."""
    from kg.pipeline.ingest import ingest
    from kg.store.local import Store
    from kg.text.articles import read_articles

    location = tmp_path_factory.mktemp("seed-store") / "store"
    with Store(location) as store:
        results = list(ingest(store, read_articles([seeds_dir])))
    assert [r.status for r in results] == ["added"] * len(results)
    return location


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, runner) -> Path:
    """The store `make demo` builds: our example articles, ingested through the CLI (tests only read it)."""
    from kg.cli import main

    store = tmp_path_factory.mktemp("demo") / "store"
    examples = Path(__file__).resolve().parents[1] / "examples" / "articles"
    result = runner.invoke(main, ["ingest", str(examples), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def records_store(tmp_path_factory):
    """An open store of tests/data/records.jsonl, built once for each test module that asks for it."""
    from graph_fixture import make_store

    with make_store(tmp_path_factory.mktemp("records") / "store") as store:
        yield store


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The folder of a closed store holding tests/data/records.jsonl (for commands that open it themselves)."""
    from graph_fixture import make_store

    location = tmp_path_factory.mktemp("fixture") / "store"
    make_store(location).close()
    return location


@pytest.fixture(scope="module")
def records_graph(records_store):
    """The entities view of :func:`records_store` as a networkx graph."""
    from kg.views.projection import to_networkx

    return to_networkx(records_store)
