"""``kg serve``: Oxigraph's read-only server over the local store answers the saved queries like the store does."""

import pytest
from graph_fixture import make_store
from oxigraph_server import free_port, oxigraph_binary, stop, wait_until_up

from kg.cli import main
from kg.errors import StoreError
from kg.store.remote import RemoteStore
from kg.store.serve import endpoint_url, start_server
from kg.views.queries import run_query


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


def _kg_serve(location, bind, *extra):
    import subprocess
    import sys
    from pathlib import Path

    kg = str(Path(sys.executable).with_name("kg"))
    return subprocess.Popen([kg, "serve", "--store", str(location), "--bind", bind, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _listening(bind: str) -> bool:
    import socket

    host, port = bind.rsplit(":", 1)
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, int(port))) == 0


def _servers_on(port: str) -> list[str]:
    """Pids of Oxigraph servers whose command line names ``port`` (or the store folder)."""
    from pathlib import Path

    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve-read-only" in cmd and any(port.encode() in part for part in cmd):
            found.append(proc.name)
    return found


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGINT"])
def test_a_signal_to_kg_serve_stops_its_server(fixture_store, signum):
    import signal

    oxigraph_binary()
    bind = f"127.0.0.1:{free_port()}"
    process = _kg_serve(fixture_store, bind)
    try:
        wait_until_up(endpoint_url(bind) + "?query=ASK%7B%7D", process)
        assert _servers_on(str(fixture_store))
        process.send_signal(getattr(signal, signum))
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            stop(process)
    assert not _listening(bind)
    assert _servers_on(str(fixture_store)) == []


def _get(url: str, origin: str | None = None, method: str = "GET") -> tuple[int, dict]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, method=method, headers={"Origin": origin} if origin else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}


@pytest.mark.parametrize("named", [(), ("https://notebook.example",)])
def test_cross_origin_access_only_for_named_origins(fixture_store, named):
    oxigraph_binary()
    bind = f"127.0.0.1:{free_port()}"
    process = _kg_serve(fixture_store, bind, *[arg for origin in named for arg in ("--cors", origin)])
    url = endpoint_url(bind) + "?query=ASK%7B%7D"
    try:
        wait_until_up(url, process)
        status, headers = _get(url, "https://evil.example")
        assert status == 200 and "access-control-allow-origin" not in headers
        status, headers = _get(url, "https://evil.example", "OPTIONS")
        assert "access-control-allow-origin" not in headers
        status, headers = _get(url, "https://notebook.example")
        assert status == 200
        assert headers.get("access-control-allow-origin") == (named[0] if named else None)
    finally:
        stop(process)


def test_kg_serve_follows_what_a_writer_publishes(fixture_store, tmp_path):
    """The served endpoint reads a snapshot, so a writer can write meanwhile; the endpoint then answers from the
    snapshot the writer published, without a restart."""
    import shutil
    import time

    from kg.store.connect import open_store, writer_lock

    location = tmp_path / "kg"
    shutil.copytree(fixture_store, location)
    oxigraph_binary()
    bind = f"127.0.0.1:{free_port()}"
    process = _kg_serve(location, bind)
    ask = "ASK { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"
    try:
        wait_until_up(endpoint_url(bind) + "?query=ASK%7B%7D", process)
        client = RemoteStore(f"http://{bind}")
        assert client.query(ask)[0]["ask"].value == "false"
        with writer_lock(location), open_store(location) as writer:
            writer.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
        deadline = time.monotonic() + 30
        while client.query(ask)[0]["ask"].value == "false" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.query(ask)[0]["ask"].value == "true"
        assert process.poll() is None
    finally:
        stop(process)
