"""Render time and page size of a synthetic store (5,000 entities by default), and Chromium's draw time.

Figures are printed with their ratio to a baseline measured in the same run: the default page of the
same store (the 300 most central entities). With ``--store DIR`` (e.g. the 1M-quad store of bench/common.py) it
times `kg render` on that store instead, twice (the first run also keeps the projection beside the store), and
writes a screenshot of the page to ``--shot`` for a person to look at.
Usage: python bench/render.py [--entities N] [--no-browser] [--store DIR [--shot out/render-big.png]]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--virtual-time-budget=60000", "--dump-dom")


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def draw(browser: str, page: Path, work: Path) -> tuple[float, bool]:
    """Seconds Chromium takes to load and draw ``page`` offline, and whether it drew."""
    start = time.perf_counter()
    done = subprocess.run([browser, *FLAGS, f"--user-data-dir={work / ('profile-' + page.stem)}", page.as_uri()],
                          capture_output=True, text=True, timeout=600, check=False)
    return time.perf_counter() - start, 'data-drawn="yes"' in done.stdout


def main() -> None:
    from graph_fixture import make_store, synthetic_records

    from kg.views.projection import to_networkx
    from kg.views.render import render_file

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--store", type=Path, help="Time `kg render` on this store instead of a synthetic one.")
    parser.add_argument("--shot", type=Path, default=Path("out/render-big.png"))
    args = parser.parse_args()
    if args.store:
        return big_store(args.store, args.shot, not args.no_browser)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store, build = timed(make_store, work / "store", records=synthetic_records(args.entities))
        with store:
            graph, view = timed(to_networkx, store)
        print(f"synthetic store: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} edges "
              f"(build {build:.1f} s, view {view:.1f} s)")
        base, base_s = timed(render_file, graph, work / "top.html")
        full, full_s = timed(render_file, graph, work / "all.html", max_nodes=None)
        base_kb, full_kb = (work / "top.html").stat().st_size / 1024, (work / "all.html").stat().st_size / 1024
        print(f"{'page':<28}{'entities':>9}{'render s':>10}{'ratio':>7}{'size KiB':>10}{'ratio':>7}")
        print(f"{'default (--top 300)':<28}{base.graph.number_of_nodes():>9,}{base_s:>10.2f}{1:>7.1f}{base_kb:>10,.0f}{1:>7.1f}")
        print(f"{'all (--all)':<28}{full.graph.number_of_nodes():>9,}{full_s:>10.2f}{full_s / base_s:>7.1f}{full_kb:>10,.0f}"
              f"{full_kb / base_kb:>7.1f}")
        browser = None if args.no_browser else next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
        if browser:
            base_d, ok_base = draw(browser, work / "top.html", work)
            full_d, ok_full = draw(browser, work / "all.html", work)
            print(f"chromium load+draw: default {base_d:.1f} s (drawn: {ok_base}), all {full_d:.1f} s "
                  f"(drawn: {ok_full}), ratio {full_d / base_d:.1f}")
        else:
            print("chromium not found: draw time not measured")


def big_store(store: Path, shot: Path, browse: bool) -> None:
    """`kg render` on an existing store, first and second run, with the page's size, edges and a screenshot."""
    import json
    import re

    kg = str(Path(sys.executable).with_name("kg"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "big.html"
        for run in ("first (projection built and kept)", "second (projection reused)"):
            done, took = timed(subprocess.run, [kg, "render", "-o", str(page), "--store", str(store)],
                               capture_output=True, text=True)
            print(f"kg render, {run}: {took:.1f} s; {done.stdout.strip() or done.stderr.strip()}")
        data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page.read_text(), re.S).group(1))
        nodes, edges = len(data["nodes"]), len(data["edges"])
        print(f"page {page.stat().st_size / 2**20:.2f} MiB, {nodes} entities, {edges} edges drawn of {data['links']} "
              f"links ({edges / max(nodes, 1):.1f} per entity)")
        browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None) if browse else None
        if browser:
            shot.parent.mkdir(parents=True, exist_ok=True)
            _, took = timed(subprocess.run, [browser, *FLAGS[:-1], "--window-size=1280,900", f"--screenshot={shot.resolve()}",
                                              f"--user-data-dir={Path(tmp) / 'profile'}", page.as_uri()],
                            capture_output=True, timeout=600, check=False)
            print(f"chromium screenshot in {took:.1f} s: {shot}")


if __name__ == "__main__":
    main()
