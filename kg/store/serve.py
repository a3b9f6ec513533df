"""A read-only SPARQL 1.1 endpoint over the local store, served by Oxigraph's own HTTP server.

The ``oxigraph`` package (a pinned dependency) ships the server binary; kg only starts it with the store folder,
``serve-read-only`` and the union of the named graphs as default graph, so saved queries run unchanged.

>>> server_command("kg-store", "127.0.0.1:7878", binary="oxigraph")[1:]
['serve-read-only', '--location', 'kg-store', '--bind', '127.0.0.1:7878', '--union-default-graph', '--cors', '--timeout-s', '60']
>>> endpoint_url("127.0.0.1:7878")
'http://127.0.0.1:7878/query'
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import KgError, StoreError
from kg.store.remote import is_remote

DEFAULT_BIND = "127.0.0.1:7878"


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server executable installed beside this Python (or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise KgError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def server_command(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60,
                   binary: str | None = None) -> list[str]:
    """The command line that serves ``location`` read-only at ``bind`` (host:port)."""
    return [binary or oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", bind,
            "--union-default-graph", "--cors", "--timeout-s", str(timeout_s)]


def endpoint_url(bind: str) -> str:
    """The SPARQL query URL a client uses for a server bound to ``bind``."""
    return f"http://{bind}/query"


def start_server(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60) -> subprocess.Popen:
    """Start the read-only server over an existing local store; the caller waits on or stops the process."""
    if is_remote(str(location)):
        raise StoreError(f"kg serve needs a local store folder, not {location}")
    if not Path(location, "CURRENT").is_file():
        raise StoreError(f"no store at {location} (run `kg ingest` first)")
    return subprocess.Popen(server_command(location, bind, timeout_s=timeout_s))


def serve(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60) -> int:
    """Serve until the server exits or the user interrupts; returns the server's exit code."""
    process = start_server(location, bind, timeout_s=timeout_s)
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


__all__ = ["DEFAULT_BIND", "serve", "start_server", "server_command", "endpoint_url", "oxigraph_binary"]
