"""The store in a real Oxigraph server over HTTP: same answers as the on-disk store, for the library and the CLI."""

import hashlib
import json
import shlex
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixture import load_records
from oxigraph_server import free_port, oxigraph_server, oxigraph_url  # noqa: F401 (fixture)

from kg.rdf.build import build_article
from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.views.queries import list_queries, run_query
from kg.store.remote import RemoteStore, bind_values
from kg.store.connect import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
ARTICLES = [EXAMPLES / "01_kupiansk_capture_claim.txt", EXAMPLES / "03_driscoll_zelensky_kyiv.txt",
            EXAMPLES / "08_briefs.jsonl"]


@pytest.fixture(scope="module")
def local(records_store):
    return records_store


@pytest.fixture(scope="module")
def remote(oxigraph_url):
    store = open_store(oxigraph_url)
    for record in load_records():
        digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        store.put_article(build_article(record, digest))
    return store


def _examples():
    for q in list_queries():
        for line in q.examples:
            args = shlex.split(line.removeprefix("kg query ").strip())
            params = dict(a.split("=", 1) for a in args[args.index("--param") + 1:][:1]) if "--param" in args else {}
            yield pytest.param(q.name, params, id=q.name)


def test_open_store_picks_the_remote_store(remote):
    assert isinstance(remote, RemoteStore)


def test_same_quads_graphs_and_stats(local, remote):
    assert set(remote.quads()) == set(local.quads())
    assert sorted(g.value for g in remote.graphs()) == sorted(g.value for g in local.graphs())
    assert len(remote) == len(local)
    assert remote.stats() == local.stats()
    graph = local.graphs()[0]
    assert set(remote.quads(graph)) == set(local.quads(graph))


@pytest.mark.parametrize("name, params", list(_examples()))
def test_every_saved_query_gives_the_same_rows(local, remote, name, params):
    here, there = run_query(local, name, params), run_query(remote, name, params)
    assert there.columns == here.columns
    assert sorted(map(_unordered, there.rows)) == sorted(map(_unordered, here.rows))


def _unordered(row: tuple) -> str:
    """A row with GROUP_CONCAT lists sorted (SPARQL leaves their order to the engine)."""
    return repr([", ".join(sorted(v.split(", "))) if isinstance(v, str) else v for v in row])


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "a\nb {c}", "Kupiansk"])
def test_bound_text_is_a_term_not_query_text(local, remote, value):
    sparql = "SELECT ?text (STRLEN(?text) AS ?n) WHERE { }"
    assert remote.query(sparql, {"text": ox.Literal(value)}) == local.query(sparql, {"text": ox.Literal(value)})
    assert len(remote) == len(local)


def test_put_article_unchanged_then_replaced(remote):
    record = dict(load_records()[0], title="A changed title")
    first = build_article(record, "f" * 64)
    assert remote.put_article(first) == "replaced"
    assert remote.put_article(first) == "unchanged"
    assert remote.is_current(record["article"], "f" * 64)
    assert [r["t"].value for r in remote.query(
        "SELECT ?t WHERE { ?a kg:fileName ?name ; dcterms:title ?t }", {"name": ox.Literal(record["article"])})] \
        == ["A changed title"]


def test_construct_and_ask(remote):
    assert remote.query("ASK { ?s a kg:Article }") == [{"ask": ox.Literal("true")}]
    triples = remote.query("CONSTRUCT { ?s a kg:Article } WHERE { ?s a kg:Article }")
    assert triples and all(t["predicate"].value.endswith("#type") for t in triples)


def test_invalid_sparql_is_a_query_error(remote):
    with pytest.raises(QueryError):
        remote.query("SELECT ?x WHERE {")


def test_unreachable_endpoint_is_one_line(runner):
    url = f"http://127.0.0.1:{free_port()}"
    result = runner.invoke(main, ["stats", "--store", url])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach SPARQL endpoint {url}: ")
    assert len(result.output.strip().splitlines()) == 1


def test_cli_against_the_server_matches_a_local_store(runner, tmp_path):
    """Ingest, query, path, render and export through the CLI give the same output over HTTP as on disk."""
    with oxigraph_server(tmp_path / "db") as url:
        disk = str(tmp_path / "disk")
        for store in (url, disk):
            result = runner.invoke(main, ["ingest", *map(str, ARTICLES), "--store", store])
            assert result.exit_code == 0, result.output
        outputs = {}
        for store in (url, disk):
            out = tmp_path / ("remote" if store == url else "local")
            runs = [["query", "events", "--format", "csv"], ["query", "met", "--param", "person=Zelensky"],
                    ["path", "Dan Driscoll", "Volodymyr Zelensky"], ["stats"],
                    ["render", "-o", str(out / "g.html")], ["export", "--format", "nquads"]]
            outputs[store] = [runner.invoke(main, [*args, "--store", store]) for args in runs]
        for there, here in zip(outputs[url], outputs[disk]):
            assert there.exit_code == here.exit_code == 0, there.output
            if "wrote" in here.stdout:
                continue
            lines = [line for line in here.stdout.splitlines() if not line.startswith("as of ")]
            # only a folder store's stats say when the snapshot they read was published
            assert len(here.stdout.splitlines()) - len(lines) == here.stdout.startswith("articles")
            assert sorted(there.stdout.splitlines()) == sorted(lines)
        assert (tmp_path / "remote" / "g.html").stat().st_size == (tmp_path / "local" / "g.html").stat().st_size
        again = runner.invoke(main, ["ingest", *map(str, ARTICLES), "--store", url])
        assert again.stdout.strip().splitlines()[-1] == f"{len(_names())} unchanged"


def _names() -> list[str]:
    from kg.text.articles import read_articles

    return [a.name for a in read_articles(ARTICLES)]


def test_bind_values_without_where_group():
    with pytest.raises(QueryError):
        bind_values("SELECT ?x", {"x": ox.Literal("1")})


def test_remote_store_needs_a_live_endpoint():
    with pytest.raises(StoreError):
        RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)


def test_remove_on_a_server_equals_the_same_removal_in_a_folder(runner, tmp_path):
    """`kg remove` through SPARQL updates leaves the server holding what a folder store holds after it."""
    from oxigraph_server import oxigraph_server

    from kg.store.local import Store

    folder = str(tmp_path / "folder")
    with oxigraph_server(tmp_path / "db") as url:
        for store in (folder, url):
            assert runner.invoke(main, ["ingest", *map(str, ARTICLES), "--store", store]).exit_code == 0
            result = runner.invoke(main, ["remove", ARTICLES[0].name, "--store", store])
            assert result.exit_code == 0, result.output
            assert result.output.splitlines()[0] == f"article  {ARTICLES[0].name}"
        served = set(open_store(url).quads())
    with Store(folder, create=False) as local_store:
        assert served == set(local_store.quads())
