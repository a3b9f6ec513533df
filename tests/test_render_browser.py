"""The page in a real headless Chromium with name resolution disabled: it draws and no payload runs.

Uses ``$KG_CHROMIUM`` or the first of chromium / chromium-browser / google-chrome on ``PATH``
(Debian: ``apt-get install -y chromium``); skips when none is installed.
"""

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import networkx as nx
import pytest
from graph_fixture import make_store

from kg.network import to_networkx
from kg.render import render

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--virtual-time-budget=20000")
PWN = "document.body.dataset.pwned='yes'"
PAYLOADS = (f'<img src=x onerror="{PWN}">', f"</script><script>{PWN}</script>",
            f'<a href="javascript:{PWN}" onmouseover="{PWN}">href</a>', f"<svg onload=\"{PWN}\">")


def find_browser() -> str | None:
    """Path of a Chromium-family browser, or None."""
    wanted = os.environ.get("KG_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else shutil.which(wanted)
    return next((path for path in map(shutil.which, NAMES) if path), None)


@pytest.fixture(scope="module")
def browser() -> str:
    path = find_browser()
    if path is None:
        pytest.skip("no headless Chromium installed (apt-get install -y chromium, or set KG_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> nx.MultiGraph:
    with make_store(tmp_path_factory.mktemp("browser") / "store") as store:
        return to_networkx(store)


def run(browser: str, page: Path, *args: str) -> str:
    """Run the browser on a local page with a fresh profile; return its standard output."""
    profile = page.parent / f"profile-{len(list(page.parent.glob('profile-*')))}"
    done = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(browser: str, html: str, tmp_path: Path) -> str:
    page = tmp_path / "graph.html"
    page.write_text(html, encoding="utf-8")
    return run(browser, page, "--dump-dom")


def body(dom: str) -> str:
    return re.search(r"<body[^>]*>", dom).group(0)


def test_network_is_drawn_offline(browser, graph, tmp_path):
    # Stabilisation runs on real CPU time; on a loaded machine one run may end before the first frame.
    for _ in range(3):
        dom = dump_dom(browser, render(graph), tmp_path)
        if 'data-drawn="yes"' in body(dom):
            break
    assert 'data-drawn="yes"' in body(dom)
    assert 'data-nodes="15"' in body(dom)
    assert re.search(r'<div id="network"><div class="vis-network"[^>]*><canvas\b', dom)
    assert "data-pwned" not in dom
    assert "<script>alert(1)</script>" not in dom


def test_payloads_from_articles_do_not_run(browser, graph, tmp_path):
    g = graph.copy()
    target = next(iter(g.nodes))
    for n, text in enumerate(PAYLOADS):
        g.add_node(f"evil:{n}", label=text, cls=text, aliases=[text])
        g.add_edge(f"evil:{n}", target, predicate=text, evidence=text, article=text, confidence=0.5,
                   subject=f"evil:{n}", object=target, kind="event", polarity=text)
    dom = dump_dom(browser, render(g, title=PAYLOADS[0] + PAYLOADS[1]), tmp_path)
    assert 'data-drawn="yes"' in body(dom)
    assert "data-pwned" not in dom
    markup = re.sub(r"<script\b.*?</script>", "", dom, flags=re.DOTALL)
    assert "<body" in markup and "kg-data" not in markup
    assert not re.search(r"<(img|svg|a|i)\b", markup)


def test_big_graph_draws_with_physics_off(browser, tmp_path):
    base = nx.barabasi_albert_graph(400, 2, seed=1)
    g = nx.MultiGraph()
    g.add_nodes_from((i, {"label": f"Entity {i}", "cls": "Person", "aliases": []}) for i in base)
    g.add_edges_from(base.edges, predicate="met", evidence="e", article="a.txt", confidence=0.5)
    dom = dump_dom(browser, render(g), tmp_path)
    assert 'data-drawn="yes"' in body(dom) and 'data-nodes="400"' in body(dom)


def paeth(a: int, b: int, c: int) -> int:
    """The PNG Paeth predictor."""
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct colours (every 7th pixel of each row) of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (2, 6)
    idat, pos = bytearray(), 8
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + size]
        pos += size + 12
    raw, bpp = zlib.decompress(bytes(idat)), 3 if colour == 2 else 4
    stride, prev, colours = width * bpp, bytearray(width * bpp), set()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, prev[i], (a + prev[i]) // 2, paeth(a, prev[i], c))[kind]) & 0xFF
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 7))
        prev = line
    return width, height, colours


def test_screenshot_shows_coloured_graph(browser, graph, tmp_path):
    page, shot = tmp_path / "graph.html", tmp_path / "graph.png"
    page.write_text(render(graph), encoding="utf-8")
    run(browser, page, "--window-size=1280,900", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert len(data) > 40_000
    width, height, pixels = png_pixels(data)
    assert (width, height) == (1280, 900)
    assert len(pixels) > 200
    legend = {bytes.fromhex(c) for c in ("e15759", "59a14f", "f28e2b", "b07aa1", "4e79a7")}
    assert legend <= pixels
