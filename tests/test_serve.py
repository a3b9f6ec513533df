"""``kg serve``: Oxigraph's read-only server over the local store answers the saved queries like the store does."""

import pytest
from graph_fixture import make_store
from oxigraph_server import free_port, oxigraph_binary, stop, wait_until_up

from kg.cli import main
from kg.errors import StoreError
from kg.views.queries import run_query
from kg.store.remote import RemoteStore
from kg.store.serve import endpoint_url, start_server


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fixture store, closed, then served read-only on 127.0.0.1; yields (expected answers, client)."""
    oxigraph_binary()
    location = tmp_path_factory.mktemp("serve") / "kg"
    with make_store(location) as store:
        expected = {"quads": set(store.quads()), "events": run_query(store, "events"),
                    "timeline": run_query(store, "timeline", {"place": "Kupiansk"})}
    bind = f"127.0.0.1:{free_port()}"
    process = start_server(location, bind, timeout_s=10)
    try:
        wait_until_up(endpoint_url(bind) + "?query=ASK%7B%7D", process)
        yield expected, RemoteStore(f"http://{bind}")
    finally:
        stop(process)


def test_served_store_answers_saved_queries(served):
    expected, client = served
    assert set(client.quads()) == expected["quads"]
    assert sorted(run_query(client, "events").rows) == sorted(expected["events"].rows)
    assert run_query(client, "timeline", {"place": "Kupiansk"}).columns == expected["timeline"].columns


def test_served_store_is_read_only(served):
    _, client = served
    with pytest.raises(StoreError, match="HTTP 403"):
        client._update("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")


@pytest.mark.parametrize("store, message", [
    ("nothing-here", "Error: no store at {tmp}/nothing-here (run `kg ingest` first)"),
    ("http://127.0.0.1:9/", "Error: kg serve needs a local store folder, not http://127.0.0.1:9/"),
])
def test_serve_errors_are_one_line(runner, tmp_path, store, message):
    location = store if store.startswith("http") else str(tmp_path / store)
    result = runner.invoke(main, ["serve", "--store", location])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == message.format(tmp=tmp_path)


def test_start_server_refuses_remote_location():
    with pytest.raises(StoreError):
        start_server("https://example.org/sparql")
