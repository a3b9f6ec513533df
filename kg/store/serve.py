"""A read-only SPARQL 1.1 endpoint over the local store, served by Oxigraph's own HTTP server.

The ``oxigraph`` package (a pinned dependency) ships the server binary; kg starts it with the store folder,
``serve-read-only`` and the union of the named graphs as default graph, so saved queries run unchanged. The
server lives only as long as kg: SIGTERM or SIGINT to kg stops it, and on Linux it also dies with kg.
Cross-origin access is off, so a web page the analyst opens cannot read the graph; origins named with ``--cors``
are let in by a small proxy in front of the server, which grants exactly those origins and no other.

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
from kg.store.remote import is_remote

DEFAULT_BIND = "127.0.0.1:7878"
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


def _proxy(bind: str, upstream: str, origins: tuple[str, ...]) -> ThreadingHTTPServer:
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
            connection = http.client.HTTPConnection(upstream, timeout=600)
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


def serve(location: str | Path, bind: str = DEFAULT_BIND, *, timeout_s: int = 60, cors: Iterable[str] = ()) -> int:
    """Serve until the server exits, the user interrupts or kg gets SIGTERM; returns the server's exit code (0
    when stopped). With ``cors`` origins, a proxy at ``bind`` grants those origins and the server listens on a
    private loopback port."""
    origins = tuple(cors)
    inner = f"127.0.0.1:{_free_port()}" if origins else bind
    proxy = _proxy(bind, inner, origins) if origins else None
    process = start_server(location, inner, timeout_s=timeout_s)

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
    try:
        if proxy is not None:
            _wait_for(inner, process)
            threading.Thread(target=proxy.serve_forever, daemon=True).start()
        return process.wait()
    except (_Stopped, KeyboardInterrupt):
        return 0
    finally:
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


__all__ = ["DEFAULT_BIND", "cors_headers", "endpoint_url", "oxigraph_binary", "serve", "server_command",
           "start_server"]
