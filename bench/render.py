"""Render time and page size of a synthetic store (5,000 entities by default), and Chromium's draw time.

Figures are printed with their ratio to a baseline measured in the same run: the default page of the
same store (the 300 most central entities). Usage: python bench/render.py [--entities N] [--no-browser]
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
    args = parser.parse_args()
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
        print(f"{'default (--top 300)':<28}{len(base):>9,}{base_s:>10.2f}{1:>7.1f}{base_kb:>10,.0f}{1:>7.1f}")
        print(f"{'all (--all)':<28}{len(full):>9,}{full_s:>10.2f}{full_s / base_s:>7.1f}{full_kb:>10,.0f}"
              f"{full_kb / base_kb:>7.1f}")
        browser = None if args.no_browser else next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
        if browser:
            base_d, ok_base = draw(browser, work / "top.html", work)
            full_d, ok_full = draw(browser, work / "all.html", work)
            print(f"chromium load+draw: default {base_d:.1f} s (drawn: {ok_base}), all {full_d:.1f} s "
                  f"(drawn: {ok_full}), ratio {full_d / base_d:.1f}")
        else:
            print("chromium not found: draw time not measured")


if __name__ == "__main__":
    main()
