"""Sharded extraction to N-Quads + ``kg load`` (and ``kg ingest --jobs 2``) give the same store as a plain ingest."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import oxigraph_server

from kg.pipeline.shards import load_nquads
from kg.cli import main
from kg.errors import StoreError
from kg.store.connect import open_store
from kg.store.local import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _quads(location) -> set:
    with open_store(str(location), create=False) as store:
        quads = set(store.quads())
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)), "no blank nodes"
    return quads


@pytest.fixture(scope="module")
def plain(tmp_path_factory, runner):
    location = tmp_path_factory.mktemp("plain") / "store"
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--store", str(location)])
    assert result.exit_code == 0, result.output
    return _quads(location)


@pytest.fixture(scope="module")
def shards(tmp_path_factory, runner):
    folder = tmp_path_factory.mktemp("shards")
    files = []
    for k in (1, 2):
        out = folder / f"shard-{k}.nq"
        result = runner.invoke(main, ["extract", str(EXAMPLES), "--format", "nquads", "--shard", f"{k}/2", "-o", str(out)])
        assert result.exit_code == 0, result.output
        files.append(out)
    return files


def test_sharded_extract_and_load_is_isomorphic_to_ingest(plain, shards, runner, tmp_path):
    location = tmp_path / "loaded"
    result = runner.invoke(main, ["load", *map(str, shards), "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(_graphs(plain)) - 1} added"
    assert _quads(location) == plain
    again = runner.invoke(main, ["load", *map(str, reversed(shards)), "--store", str(location)])
    assert again.stdout.strip() == f"{len(_graphs(plain)) - 1} unchanged"
    assert _quads(location) == plain


def test_shards_split_the_articles(shards):
    graphs = [_graphs(set(ox.parse(path=str(f), format=ox.RdfFormat.N_QUADS))) for f in shards]
    assert graphs[0] & graphs[1] == {"https://w3id.org/kg-news/id/graph/entities"}


def test_load_into_an_oxigraph_server(plain, shards, runner, tmp_path):
    with oxigraph_server(tmp_path / "db") as url:
        result = runner.invoke(main, ["load", *map(str, shards), "--store", url])
        assert result.exit_code == 0, result.output
        assert _quads(url) == plain


def test_parallel_ingest_is_the_same(plain, runner, tmp_path):
    location = tmp_path / "jobs"
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--jobs", "2", "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert _quads(location) == plain


def test_export_reloads_with_load(plain, runner, tmp_path, shards):
    """A `kg export --format nquads` file (graphs grouped, entities apart) loads back to the same store."""
    source = tmp_path / "src"
    runner.invoke(main, ["load", *map(str, shards), "--store", str(source)])
    dump = tmp_path / "all.nq"
    assert runner.invoke(main, ["export", "--format", "nquads", "-o", str(dump), "--store", str(source)]).exit_code == 0
    result = runner.invoke(main, ["load", str(dump), "--store", str(tmp_path / "copy")])
    assert result.exit_code == 0, result.output
    assert _quads(tmp_path / "copy") == plain


@pytest.mark.parametrize("text, message", [
    ("<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n",
     "graph <http://e/g> is not a kg article (no kg:fileName / kg:contentHash)"),
    ("not n-quads\n", "not N-Quads"),
])
def test_bad_load_files(tmp_path, text, message):
    path = tmp_path / "bad.nq"
    path.write_text(text)
    with Store(tmp_path / "s") as store, pytest.raises(StoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(load_nquads(store, [path]))


@pytest.mark.parametrize("args, message", [
    (["extract", str(EXAMPLES), "--format", "nquads", "--shard", "3/2"], "Error: shard must be K/N with 1 <= K <= N, not '3/2'"),
    (["load", "no-such.nq"], "does not exist"),
])
def test_cli_errors_are_one_line(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output


def _graphs(quads: set) -> set:
    return {q.graph_name.value for q in quads}
