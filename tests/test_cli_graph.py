"""The analysis, render and graph-export commands on the fixture store: exit codes and exact output."""

import csv
import io
import json
import re

import networkx as nx
import pytest
from graph_fixture import make_store

from kg.cli import main

CAPTURE = "Gerasimov informed Putin that Battlegroup West had taken Kupyansk."


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> list[str]:
    location = tmp_path_factory.mktemp("cli-graph") / "store"
    make_store(location).close()
    return ["--store", str(location)]


def run(runner, store, *args):
    return runner.invoke(main, [*args, *store])


def test_path_prints_every_hop_with_evidence_and_date(runner, store):
    result = run(runner, store, "path", "Dan Driscoll", "Valery Gerasimov")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        'Dan Driscoll --met--> Volodymyr Zelensky  "Driscoll met Zelensky in Kyiv <b>today</b>." '
        '[meeting.txt, 2025-11-20]',
        'Volodymyr Zelensky --visited--> Kupiansk  "Zelensky visited Kupiansk." [kyiv-claim.txt, 2025-11-24]',
        f'Kupiansk --Capture:place-claimedBy--> Valery Gerasimov  "{CAPTURE}" [moscow-claim.txt, 2025-11-20]']


def test_path_k_lists_numbered_alternatives(runner, store):
    result = run(runner, store, "path", "Driscoll", "Gerasimov", "--k", "2")
    assert result.exit_code == 0, result.output
    heads = [line for line in result.stdout.splitlines() if line.startswith("path ")]
    assert heads == ["path 1 (3 hops)", "path 2 (4 hops)"]


@pytest.mark.parametrize("args, code, message", [
    (["path", "Gerasimow", "Putin"], 1, "Error: no entity matches 'Gerasimow'; did you mean Valery Gerasimov?\n"),
    (["path", "Zzzz Qqqq", "Putin"], 1, "Error: no entity matches 'Zzzz Qqqq'\n"),
    (["path", "Putin", "Kupiansk", "--k", "0"], 2, "Invalid value for '-k' / '--k'"),
    (["path", "Putin", "Kupiansk", "--since", "yesterday"], 1, "Error: 'yesterday' is not a date (use YYYY-MM-DD)\n"),
    (["central", "--format", "xml"], 2, "Invalid value for '--format'"),
    (["central", "--type", "Pirate"], 1, "Error: unknown class 'Pirate' (choose from Actor, Place, Person, "),
    (["communities", "--class", "Pirate"], 1, "Error: unknown class 'Pirate' (choose from Actor, Place, Person, "),
    (["timeline", "Atlantis"], 1, "Error: no entity matches 'Atlantis'\n"),
    (["render", "--focus", "Kupiansk Station"], 1, "Error: no entity matches 'Kupiansk Station'; did you mean Kupiansk"),
])
def test_user_errors(runner, store, args, code, message, tmp_path):
    result = run(runner, store, *args, *(["-o", str(tmp_path / "g.html")] if args[0] == "render" else []))
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_central_formats(runner, store):
    table = run(runner, store, "central", "--top", "3")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["rank", "entity", "class", "pagerank", "betweenness", "eigenvector", "degree", "iri"]
    assert [line.split()[1] for line in lines[2:5]] == ["Kupiansk", "Volodymyr", "Russia"]
    rows = list(csv.DictReader(io.StringIO(run(runner, store, "central", "--type", "Person", "--format", "csv").stdout)))
    assert [r["entity"] for r in rows[:2]] == ["Volodymyr Zelensky", "Dan Driscoll"]
    assert {r["class"] for r in rows} == {"Person"}
    records = json.loads(run(runner, store, "central", "--by", "betweenness", "--type", "Person", "--format", "json", "--top", "1").stdout)
    assert records[0]["entity"] == "Volodymyr Zelensky" and records[0]["betweenness"] == round(36 / 91, 4)


def test_communities_and_timeline(runner, store):
    result = run(runner, store, "communities", "--members", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["  1     7 entities  Kupiansk, Russia",
                                          "  2     5 entities  Volodymyr Zelensky, Dan Driscoll",
                                          "  3     2 entities  Valery Gerasimov, Vladimir Putin"]
    lines = run(runner, store, "timeline", "Kharkiv Oblast").stdout.splitlines()
    assert lines[0] == f'2025-11-20  reported 2025-11-21  Capture at Kupiansk by Battlegroup West, Russia; claimed by Valery Gerasimov  "{CAPTURE}" [moscow-claim.txt]'
    keys = [line.split("reported ")[1][:10] if line.startswith("(undated)") else line[:10] for line in lines]
    assert keys == sorted(keys)  # by when it happened, else when it was reported
    since = run(runner, store, "timeline", "Kupiansk", "--since", "2025-11-21").stdout.splitlines()
    assert since and all(not line.startswith("2025-11-20") for line in since)


def test_render_focus_and_cap(runner, store, tmp_path):
    out = tmp_path / "g.html"
    result = run(runner, store, "render", "-o", str(out), "--focus", "Putin", "--hops", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (2 nodes, 1 edges)\n"
    result = run(runner, store, "render", "-o", str(out), "--top", "5", "--size-by", "betweenness")
    assert result.stdout.startswith(f"wrote {out} (5 nodes,")
    assert "the 5 most central of 15" in out.read_text()
    assert run(runner, store, "render", "-o", str(out), "--top", "5", "--all").stdout.startswith(f"wrote {out} (15 nodes")


def test_graphml_and_gexf_load_back_with_the_same_counts(runner, store, tmp_path):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        result = run(runner, store, "export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        graph = read(out)
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (15, 34)


def test_geojson_is_valid(runner, store):
    import geojson

    result = run(runner, store, "export", "--format", "geojson")
    assert result.exit_code == 0, result.output
    data = geojson.loads(result.stdout)
    assert data.is_valid and data["type"] == "FeatureCollection"
    labels = [f["properties"]["label"] for f in data["features"]]
    assert labels == ["Kharkiv Oblast", "Kupiansk", "Kyiv"]


def test_on_the_seeds_every_hop_quotes_evidence_and_the_usual_actors_rank_high(runner, seed_store):
    store = ["--store", str(seed_store)]
    path = run(runner, store, "path", "Dan Driscoll", "Valery Gerasimov")
    assert path.exit_code == 0, path.output
    lines = path.stdout.splitlines()
    assert lines[0].startswith("Dan Driscoll ") and " Valery Gerasimov  " in lines[-1]
    assert all(re.search(r' --?\S+--?>? .*  ".{20,}" \[\S+\.txt[^\]]*\]$', line) for line in lines)
    ranks = json.loads(run(runner, store, "central", "--top", "10", "--format", "json").stdout)
    top = {r["entity"] for r in ranks}
    assert {"Vladimir Putin", "Volodymyr Zelensky", "Russia", "Ukraine", "Kupiansk"} <= top
