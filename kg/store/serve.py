"""A read-only SPARQL 1.1 endpoint over the local store, served by Oxigraph's own HTTP server.

The ``oxigraph`` package (a pinned dependency) ships the server binary; kg starts it ``serve-read-only`` over the
store's latest published snapshot (:mod:`kg.store.snapshot`; never over the files an ingest writes), with the union
of the named graphs as default graph, so saved queries run unchanged. A small proxy at the bound address forwards
every request to it; when a writer publishes a newer snapshot, kg starts a server over that one and the proxy
switches to it, so the endpoint follows ingests without a restart. The servers live only as long as kg: SIGTERM or
SIGINT to kg stops them, and on Linux they also die with kg. Cross-origin access is off, so a web page the analyst
opens cannot read the graph; the proxy grants the origins named with ``--cors`` and no other.

>>> server_command("kg-store", "127.0.0.1:7878", binary="oxigraph")[1:]
['serve-read-only', '--location', 'kg-store', '--bind', '127.0.0.1:7878', '--union-default-graph', '--timeout-s', '60']
>>> endpoint_url("127.0.0.1:7878")
'http://127.0.0.1:7878/query'
>>> cors_headers("https://notebook.example", ("https://notebook.example",))["Access-Control-Allow-Origin"]
'https://notebook.example'
>>> cors_headers("https://evil.example", ("https://notebook.example",))
{}
"""

from __future__ import annotations

import ctypes
import http.client
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KgError, StoreError
from kg.store import snapshot as snapshots
from kg.store.connect import hold_latest
from kg.store.remote import is_remote

DEFAULT_BIND = "127.0.0.1:7878"
POLL = 1.0  # seconds between looks for a newer snapshot
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
               "proxy-authenticate", "content-length"}


class _Stopped(Exception):
    """SIGTERM reached ``kg serve``."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server executable installed beside this Python (or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise KgError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def server_command(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60,
                   binary: str | None = None) -> list[str]:
    """The command line that serves ``location`` read-only at ``bind`` (host:port), with no cross-origin access."""
    return [binary or oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(timeout_s)]


def endpoint_url(bind: str) -> str:
    """The SPARQL query URL a client uses for a server bound to ``bind``."""
    return f"http://{bind}/query"


def cors_headers(origin: str | None, allowed: Iterable[str]) -> dict[str, str]:
    """The CORS headers for a request from ``origin``: a grant for exactly that origin when it is allowed."""
    if not origin or origin not in set(allowed):
        return {}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin",
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept"}


def _die_with_parent() -> None:
    """In the server process: ask Linux to send it SIGTERM when kg dies, even by SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_server(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60) -> subprocess.Popen:
    """Start the read-only server over an existing local store; the caller waits on or stops the process."""
    if is_remote(str(location)):
        raise StoreError(f"kg serve needs a local store folder, not {location}")
    if not Path(location, "CURRENT").is_file():
        raise StoreError(f"no store at {location} (run `kg ingest` first)")
    hook = _die_with_parent if sys.platform.startswith("linux") else None
    return subprocess.Popen(server_command(location, bind, timeout_s=timeout_s), preexec_fn=hook)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Upstream:
    """The server the proxy forwards to now (switched when a newer snapshot is served)."""

    def __init__(self, address: str) -> None:
        self.address = address


def _proxy(bind: str, upstream: _Upstream, origins: tuple[str, ...]) -> ThreadingHTTPServer:
    """An HTTP server at ``bind`` that forwards every request to ``upstream`` and adds CORS grants for ``origins``."""

    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            grant = cors_headers(self.headers.get("Origin"), origins)
            if self.command == "OPTIONS":
                self.send_response(204 if grant else 403)
                for key, value in grant.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP | {"host", "origin"}}
            connection = http.client.HTTPConnection(upstream.address, timeout=600)
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
            except OSError as exc:
                self.send_error(502, f"the Oxigraph server did not answer: {exc}")
                return
            finally:
                connection.close()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in _HOP_BY_HOP and not key.lower().startswith("access-control-"):
                    self.send_header(key, value)
            for key, value in grant.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = _forward

        def log_message(self, *args: object) -> None:  # the server's access log is not kg's output
            pass

    host, _, port = bind.rpartition(":")
    try:
        return ThreadingHTTPServer((host.strip("[]") or "127.0.0.1", int(port)), Handler)
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot listen on {bind}: {exc}") from None


def _wait_for(bind: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until the server at ``bind`` accepts connections (or exits, or ``timeout`` passes)."""
    host, _, port = bind.rpartition(":")
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((host, int(port))) == 0:
                return
        time.sleep(0.05)


class _Served:
    """One Oxigraph server over one held snapshot, on a private loopback port."""

    def __init__(self, held: snapshots.Held, timeout_s: int) -> None:
        self.held, self.address = held, f"127.0.0.1:{_free_port()}"
        try:
            self.process = start_server(held.path, self.address, timeout_s=timeout_s)
        except BaseException:
            held.release()
            raise
        _wait_for(self.address, self.process)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.held.release()


def serve(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60, cors: Iterable[str] = ()) -> int:
    """Serve until the server exits, the user interrupts or kg gets SIGTERM; returns the server's exit code (0
    when stopped). Origins in ``cors`` may read the endpoint from a web page."""
    if is_remote(str(location)):
        raise StoreError(f"kg serve needs a local store folder, not {location}")
    current = _Served(hold_latest(location)[0], timeout_s)
    upstream = _Upstream(current.address)
    try:
        proxy = _proxy(bind, upstream, tuple(cors))
    except StoreError:
        current.stop()
        raise

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    retired: list[tuple[float, _Served]] = []  # old servers finish the queries they started, then stop
    try:
        while True:
            try:
                return current.process.wait(timeout=POLL)
            except subprocess.TimeoutExpired:
                pass
            for item in [r for r in retired if r[0] < time.monotonic()]:
                retired.remove(item)
                item[1].stop()
            if snapshots.latest(snapshots.folder(location)) not in (None, current.held.path.name):
                newer = _newer(location, timeout_s)
                if newer is not None:
                    upstream.address = newer.address
                    retired.append((time.monotonic() + timeout_s + 1, current))
                    current = newer
    except (_Stopped, KeyboardInterrupt):
        return 0
    finally:
        proxy.shutdown()
        proxy.server_close()
        for _, old in retired:
            old.stop()
        current.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _newer(location: str | Path, timeout_s: int) -> _Served | None:
    """A server over the latest snapshot, or None when it cannot be served now (the current one stays)."""
    try:
        newer = _Served(hold_latest(location, wait=0.0)[0], timeout_s)
    except (KgError, OSError):
        return None
    if newer.process.poll() is not None:
        newer.stop()
        return None
    return newer


__all__ = ["DEFAULT_BIND", "cors_headers", "endpoint_url", "oxigraph_binary", "serve", "server_command",
           "start_server"]
