"""The page in a real headless Chromium with networking disabled: it draws, searches, requests nothing, runs no payload.

Uses ``$KG_CHROMIUM`` or the first of chromium / chromium-browser / google-chrome on ``PATH``
(Debian: ``apt-get install -y chromium``); skips when none is installed. The browser runs in a network
namespace of its own (``unshare -n``) where the system allows it, and always with name resolution
disabled. Every run writes Chromium's net log; a request the page makes shows there as a URL request
keyed to the ``file://`` page, which the tests require to be absent (a leaking page proves the check works).
"""

import functools
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest
from graph_fixture import make_store, synthetic_records

from kg.views.projection import to_networkx
from kg.views.render import render, render_file

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
def graph(records_graph) -> nx.MultiGraph:
    return records_graph


@functools.lru_cache(maxsize=1)
def isolate() -> tuple[str, ...]:
    """``unshare -n`` when this system lets us drop the network entirely, else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True, check=False).returncode == 0:
        return (unshare, "-n")
    return ()


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for (not the browser's own background traffic), from a Chromium net log."""
    log = json.loads(net_log.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and e.get("params", {}).get("network_isolation_key", "").startswith("file://")
            and not e["params"]["url"].startswith(("file:", "data:", "blob:"))]


def run(browser: str, page: Path, *args: str, fragment: str = "") -> str:
    """Run the browser on a local page with a fresh profile; return its standard output.

    Fails if the page requested anything.
    """
    n = len(list(page.parent.glob("profile-*")))
    profile, net_log = page.parent / f"profile-{n}", page.parent / f"net-{n}.json"
    done = subprocess.run([*isolate(), browser, *FLAGS, f"--user-data-dir={profile}", f"--log-net-log={net_log}",
                           *args, page.as_uri() + fragment], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert page_requests(net_log) == []
    return done.stdout


def dump_dom(browser: str, html: str, tmp_path: Path, fragment: str = "") -> str:
    page = tmp_path / "graph.html"
    page.write_text(html, encoding="utf-8")
    return run(browser, page, "--dump-dom", fragment=fragment)


def test_a_leaking_page_is_caught(browser, tmp_path):
    page = tmp_path / "leak.html"
    page.write_text('<img src="http://leak.invalid/x.png"><script>fetch("https://leak.invalid/y")</script>')
    with pytest.raises(AssertionError):
        run(browser, page, "--dump-dom")
    leaks = page_requests(next(tmp_path.glob("net-*.json")))
    assert sorted(leaks) == ["http://leak.invalid/x.png", "https://leak.invalid/y"]


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


@pytest.mark.parametrize("query, found", [("Kupiansk", "Kupiansk"), ("kupyansk", "Kupiansk"), ("gerasim", "Valery Gerasimov")])
def test_search_box_finds_a_node(browser, graph, tmp_path, query, found):
    for _ in range(3):
        dom = dump_dom(browser, render(graph), tmp_path, fragment="#search=" + quote(query))
        if "data-found" in body(dom):
            break
    assert f'data-found="{found}"' in body(dom)
    assert f'<span id="search-result" role="status">{found}</span>' in dom


def test_date_range_and_class_filters_hide_edges(browser, graph, tmp_path):
    from kg.views.render import page_data

    data = page_data(graph, {})
    classes = {n["id"]: n["cls"] for n in data["nodes"]}
    late = sum(1 for e in data["edges"] if any(d >= "2025-11-24" for d in e["dates"]))
    no_person = sum(1 for e in data["edges"] if "Person" not in (classes[e["from"]], classes[e["to"]]))
    assert 0 < late < len(data["edges"]) and 0 < no_person < len(data["edges"])
    for fragment, shown in (("#from=2025-11-24", late), ("#hide=Person", no_person)):
        for _ in range(3):
            dom = dump_dom(browser, render(graph), tmp_path, fragment=fragment)
            if "data-visible-edges" in body(dom):
                break
        assert f'data-visible-edges="{shown}"' in body(dom)


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
    shown = '&lt;img src=x onerror="document.body.dataset.pwned=\'yes\'"&gt;'
    assert f'{shown} (1)</label></li>' in markup
    assert '<option value="&lt;img src=x onerror=&quot;document.body.dataset.pwned=\'yes\'&quot;&gt;">' in markup
    found = dump_dom(browser, render(g), tmp_path, fragment="#search=" + quote(PAYLOADS[0]))
    assert f'<span id="search-result" role="status">{shown}</span>' in found
    assert "data-pwned" not in found


def test_big_graph_draws_with_physics_off(browser, tmp_path):
    base = nx.barabasi_albert_graph(400, 2, seed=1)
    g = nx.MultiGraph()
    g.add_nodes_from((i, {"label": f"Entity {i}", "cls": "Person", "aliases": []}) for i in base)
    g.add_edges_from(base.edges, predicate="met", evidence="e", article="a.txt", confidence=0.5)
    dom = dump_dom(browser, render(g, max_nodes=None), tmp_path)
    assert 'data-drawn="yes"' in body(dom) and 'data-nodes="400"' in body(dom)


def test_five_thousand_entity_store_draws(browser, tmp_path):
    store = make_store(tmp_path / "store", records=synthetic_records(5000))
    with store:
        graph = to_networkx(store)
    assert graph.number_of_nodes() == 5000
    page = tmp_path / "big.html"
    render_file(graph, page, max_nodes=None)
    dom = run(browser, page, "--dump-dom")
    assert 'data-drawn="yes"' in body(dom) and 'data-nodes="5000"' in body(dom)


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


def test_seed_graph_draws_offline_and_finds_kupiansk(browser, seed_store, tmp_path):
    from kg.store.local import Store

    with Store(seed_store, create=False) as store:
        graph = to_networkx(store)
    page = tmp_path / "seeds.html"
    render_file(graph, page)
    for _ in range(3):
        dom = run(browser, page, "--dump-dom", fragment="#search=Kupiansk")
        if 'data-drawn="yes"' in body(dom) and "data-found" in body(dom):
            break
    assert 'data-drawn="yes"' in body(dom) and 'data-found="Kupiansk"' in body(dom)
    assert f'data-nodes="{graph.number_of_nodes()}"' in body(dom)


def dense_graph(entities: int = 600, seed: int = 3) -> nx.MultiGraph:
    """A graph as dense as the head of a 1M-quad store (its 300 most central entities had 38,414 claim edges):
    hubs linked to most others by several relations, each claimed by up to three articles."""
    import random

    rng = random.Random(seed)
    classes = ["Person", "MilitaryUnit", "Organization", "Country", "Settlement", "Region"]
    g = nx.MultiGraph()
    g.add_nodes_from((i, {"label": f"Entity {i}", "cls": classes[i % len(classes)], "aliases": []})
                     for i in range(entities))
    for u in range(entities):
        for v in range(u + 1, entities):
            if rng.random() < 0.6 / (1 + min(u, v) / 25):
                for predicate in rng.sample(["met", "operatesNear", "locatedIn", "reportedTo"], rng.randint(1, 2)):
                    for k in range(rng.randint(1, 3)):
                        g.add_edge(u, v, subject=u, object=v, predicate=predicate, evidence=f"claim {k}",
                                   article=f"a{rng.randint(1, 4000)}.txt", confidence=0.7)
    return g


def readable(browser: str, page: Path, shot: Path) -> tuple[int, int]:
    """Draw ``page`` and screenshot it; (nodes, edges) drawn, after checking the page is light and coloured."""
    assert page.stat().st_size < 3 * 2**20
    dom = run(browser, page, "--dump-dom")
    assert 'data-drawn="yes"' in body(dom)
    nodes, edges = (int(re.search(rf'data-{what}="(\d+)"', body(dom)).group(1)) for what in ("nodes", "edges"))
    run(browser, page, "--window-size=1280,900", f"--screenshot={shot}")
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 900) and len(pixels) > 50
    return nodes, edges


def test_dense_graph_page_stays_readable(browser, tmp_path):
    """At the default cap (300 entities, 3 strongest links each) a hairball becomes a page a person can read:
    at most 4 edges per entity drawn, under 3 MB, communities laid out together."""
    graph = dense_graph()
    assert graph.number_of_edges() > 30_000
    page = tmp_path / "dense.html"
    drawn = render_file(graph, page)
    nodes, edges = readable(browser, page, tmp_path / "dense.png")
    assert nodes == drawn.graph.number_of_nodes() == 300
    assert edges == drawn.edges <= 4 * nodes < drawn.links


def test_examples_page_stays_readable(browser, demo_store, tmp_path):
    from kg.store.connect import open_reader
    from kg.views.kept import kept_view
    from kg.views.projection import Filter

    with open_reader(demo_store) as store:
        graph = kept_view(store, "entities", Filter())
    page = tmp_path / "examples.html"
    drawn = render_file(graph, page)
    nodes, edges = readable(browser, page, tmp_path / "examples.png")
    assert nodes == graph.number_of_nodes() and edges == drawn.edges <= 4 * nodes
