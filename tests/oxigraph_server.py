"""Start a real Oxigraph server (the ``oxigraph`` package's binary) on 127.0.0.1 for a test, then stop it."""

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.store import serve
from kg.errors import KgError

START_TIMEOUT = 20.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable beside this Python, or on PATH; skips the test when there is none."""
    try:
        return serve.oxigraph_binary()
    except KgError:
        pytest.skip("the oxigraph server binary is not installed (pip package `oxigraph`)")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    """Poll ``url`` until it answers (any HTTP status), the process dies, or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {process.returncode}: {process.stderr.read().decode()[-500:]}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph did not answer at {url} within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """Terminate a server process, killing it if it does not exit within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def oxigraph_server(location: Path, *args: str) -> Iterator[str]:
    """A read-write Oxigraph server over ``location``; yields its base URL ``http://127.0.0.1:PORT``."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query?query=ASK%7B%7D", process)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory) -> Iterator[str]:
    """A read-write Oxigraph server on 127.0.0.1 over a fresh folder for one test module, stopped after it."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "db") as url:
        yield url
