"""The command line: exit codes, exact messages, and the whole flow on our own example articles."""

import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.rdf.vocab import ENTITIES_GRAPH, NS
from kg.store.local import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
PAGE_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def test_ingest_reports_counts_and_is_idempotent(demo_store, runner):
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--store", str(demo_store)])
    assert result.exit_code == 0
    assert re.search(r"^\d+ unchanged$", result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args, code, message", [
    (["query", "no-such-query"], 1, "Error: unknown query 'no-such-query' (see `kg queries`)"),
    (["query", "reported-to", "--param", "nope"], 2, "'nope' is not K=V"),
    (["query"], 2, "give a saved query name or --sparql, not both"),
    (["query", "--sparql", "SELECT ?x WHERE {"], 1, "Error: invalid SPARQL"),
    (["path", "Nobody Atall", "Vladimir Putin"], 1, "Error: no entity matches 'Nobody Atall'"),
    (["export", "--format", "rdfxml"], 2, "Invalid value for '--format'"),
])
def test_user_errors_are_one_line(demo_store, runner, args, code, message):
    result = runner.invoke(main, [*args, "--store", str(demo_store)])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_store_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["stats", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: no store at {tmp_path / 'nothing'} (run `kg ingest` first)"


def test_bad_article_is_reported_and_batch_goes_on(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"caf\xe9 latin-1")
    (folder / "good.txt").write_text("date: 2025-11-20\n\nRussian forces shelled Kharkiv on Thursday.\n")
    result = runner.invoke(main, ["ingest", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "1 added" in result.stdout
    assert "bad.txt: not UTF-8 text" in result.stderr


def test_query_json_is_an_array_of_objects(demo_store, runner):
    result = runner.invoke(main, ["query", "reported-to", "--format", "json", "--store", str(demo_store)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    columns = ["personLabel", "superiorLabel", "evidence", "confidence", "file", "date", "person", "superior",
               "statement", "article"]
    assert rows and all(list(r) == columns for r in rows)  # keyed by the query's variables, in its order
    # the article 01 states it: the row carries its evidence sentence, file, date and confidence as JSON values
    [gerasimov] = [r for r in rows if r["personLabel"] == "Valery Gerasimov"]
    assert gerasimov["superiorLabel"] == "Vladimir Putin"
    assert gerasimov["file"] == "01_kupiansk_capture_claim.txt" and gerasimov["date"] == "2025-11-20"
    assert gerasimov["confidence"] == 0.85 and isinstance(gerasimov["confidence"], float)
    assert gerasimov["evidence"].startswith("Valery Gerasimov, the chief of Russia's General Staff, briefed "
                                            "Vladimir Putin")
    # every row is one reportedTo statement of the store, with the values the store holds for it
    with Store(demo_store, create=False) as store:
        held = store.query("""SELECT ?statement ?article ?person ?superior ?evidence ?conf ?file WHERE {
            GRAPH ?article { ?statement rdf:predicate kg:reportedTo ; rdf:subject ?person ; rdf:object ?superior ;
            kg:evidence ?evidence ; kg:confidence ?conf . ?article kg:fileName ?file } }""")
    assert sorted((r["statement"], r["article"], r["person"], r["superior"], r["evidence"], r["confidence"],
                   r["file"]) for r in rows) == sorted(
        (h["statement"].value, h["article"].value, h["person"].value, h["superior"].value, h["evidence"].value,
         float(h["conf"].value), h["file"].value) for h in held)
    for r in rows:
        assert r["evidence"] in " ".join((EXAMPLES / r["file"]).read_text().split())


def test_extract_prints_one_record_per_article(runner):
    result = runner.invoke(main, ["extract", str(EXAMPLES / "03_driscoll_zelensky_kyiv.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"] for r in records] == ["03_driscoll_zelensky_kyiv.txt"]
    assert {"entities", "relations", "events", "date"} <= set(records[0])


@pytest.mark.parametrize("fmt", ["jsonl", "trig", "nquads"])
def test_extract_writes_the_output_file_it_is_given(runner, tmp_path, fmt):
    path = EXAMPLES / "03_driscoll_zelensky_kyiv.txt"
    printed = runner.invoke(main, ["extract", str(path), "--format", fmt])
    result = runner.invoke(main, ["extract", str(path), "--format", fmt, "-o", str(tmp_path / "out")])
    assert result.exit_code == printed.exit_code == 0, result.output
    assert result.stdout == ""
    assert (tmp_path / "out").read_text(encoding="utf-8") == printed.stdout


def test_extract_trig(runner):
    from kg.extract import extract
    from kg.rdf.build import build_article
    from kg.text.articles import read_article

    path = EXAMPLES / "03_driscoll_zelensky_kyiv.txt"
    result = runner.invoke(main, ["extract", "--format", "trig", str(path)])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(result.stdout.encode("utf-8"), format=ox.RdfFormat.TRIG))
    # exactly the RDF of the article's record: its own named graph plus its entity descriptions
    article = read_article(path)
    rdf = build_article(extract(article), article.content_hash)
    assert len(quads) == len(set(quads)) == len(set(rdf.quads) | set(rdf.entity_quads))
    assert set(quads) == set(rdf.quads) | set(rdf.entity_quads)
    graph = rdf.quads[0].graph_name
    assert {q.graph_name for q in quads} == {graph, ox.NamedNode(ENTITIES_GRAPH)}
    assert ox.Quad(graph, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                   ox.NamedNode(NS + "Article"), graph) in quads
    assert ox.Quad(graph, ox.NamedNode(NS + "fileName"), ox.Literal(path.name), graph) in quads


def test_central_path_render_export_validate(demo_store, runner, tmp_path):
    store = ["--store", str(demo_store)]
    central = runner.invoke(main, ["central", "--top", "5", *store])
    assert central.exit_code == 0, central.output
    assert len(central.stdout.strip().splitlines()) == 8
    with Store(demo_store, create=False) as opened:
        quads = set(opened.quads())
        assert len(opened) == len(quads) > 1000
        entities: dict[str, tuple[str, set[str]]] = {}
        for row in opened.query(f"SELECT ?e ?label ?cls WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ "
                                "?e a ?cls ; rdfs:label ?label } }"):
            label, classes = entities.setdefault(row["e"].value, (row["label"].value, set()))
            classes.add(row["cls"].value.removeprefix(NS))
    # the page's data block (JSON read by the page script) draws every entity of the store, with its class
    html = tmp_path / "g.html"
    rendered = runner.invoke(main, ["render", "-o", str(html), *store])
    assert rendered.exit_code == 0, rendered.output
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    data = json.loads(PAGE_DATA.search(page).group(1))
    assert Counter(n["label"] for n in data["nodes"]) == Counter(label for label, _ in entities.values())
    assert len(entities) > 50
    by_label = {label: classes for label, classes in entities.values()}
    assert all(n["cls"] in by_label[n["label"]] for n in data["nodes"])
    assert sorted(n["id"] for n in data["nodes"]) == list(range(len(entities)))
    assert data["edges"] and all({e["from"], e["to"]} <= set(range(len(entities))) for e in data["edges"])
    assert rendered.stdout == f"wrote {html} ({len(entities)} nodes, {len(data['edges'])} edges of {data['links']} links)\n"
    assert len(data["edges"]) < data["links"] and len(data["edges"]) <= 3 * len(entities)  # 3 strongest per entity
    # the TriG export holds exactly the store's quads, named graphs included
    trig = tmp_path / "g.trig"
    exported = runner.invoke(main, ["export", "-o", str(trig), *store])
    assert exported.exit_code == 0, exported.output
    parsed = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    assert len(parsed) == len(quads)
    assert set(parsed) == quads
    valid = runner.invoke(main, ["validate", *store])
    assert valid.exit_code == 0, valid.output
    assert valid.stdout == "valid: the store conforms to the shapes\n"


def test_stats(demo_store, runner):
    result = runner.invoke(main, ["stats", "--store", str(demo_store)])
    assert result.exit_code == 0
    assert re.search(r"articles\s+9", result.stdout)


def test_seed_articles_end_to_end(seeds_dir, runner, tmp_path):
    store = ["--store", str(tmp_path / "seeds")]
    assert runner.invoke(main, ["ingest", str(seeds_dir), *store]).exit_code == 0

    def rows(*args):
        result = runner.invoke(main, ["query", *args, "--format", "json", *store])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert any(r["personLabel"] == "Valery Gerasimov" and r["superiorLabel"] == "Vladimir Putin" and r["evidence"]
               and r["file"] for r in rows("reported-to"))
    assert any({r["aLabel"], r["bLabel"]} == {"Dan Driscoll", "Volodymyr Zelensky"} and r["evidence"]
               for r in rows("met"))
    assert any(r["unitLabel"] == "2nd Corps Khartia" and r["evidence"]
               for r in rows("units-near", "--param", "place=Kupiansk"))
    contested = [r for r in rows("contested-control") if r["placeLabel"] == "Kupiansk"]
    assert {"Russia", "Ukraine"} <= {a for r in contested for a in r["agents"].split(", ")}
    side_by_side = runner.invoke(main, ["contested", "Kupiansk", *store])
    assert side_by_side.exit_code == 0
    assert re.match(r"Kupiansk: \d+ claims; Russia vs Ukraine", side_by_side.stdout)
    assert runner.invoke(main, ["validate", *store]).exit_code == 0
    out = tmp_path / "seeds.trig"
    assert runner.invoke(main, ["export", "-o", str(out), *store]).exit_code == 0
    import pyoxigraph as ox
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    assert len(list(dataset.quads((None, None, None, None)))) == len(list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG)))


def test_eval_prints_scores_and_heldout_measures(runner):
    gold = Path(__file__).resolve().parent / "gold"
    result = runner.invoke(main, ["eval", str(gold / "readouts.jsonl"), "--articles", str(gold / "readouts")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["section", "precision", "recall", "F1", "tp", "pred", "gold"]
    assert [line.split()[0] for line in lines[1:5]] == ["entities", "relations", "events", "ner"]
    assert re.fullmatch(r"held-out measures: event type \d+/\d+ \(\d+%\), acting side \d+/\d+ \(\d+%\), "
                        r"places geocoded within tolerance \d+/\d+ \(\d+%\), ner F1 \d\.\d{3}", lines[-1])


def test_eval_of_a_bad_gold_file_is_one_line(runner, tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"article": "a.txt"}\n[1]\n')
    result = runner.invoke(main, ["eval", str(bad), "--articles", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}:2: a gold record needs an 'article' field\n"


@pytest.mark.parametrize(("args", "code", "first"), [
    ([], 0, "Kupiansk: 3 claims; Russia vs Ukraine; Capture asserted and denied"),
    (["Kupyansk"], 0, "Kupiansk: 3 claims; Russia vs Ukraine; Capture asserted and denied"),
    (["--min-confidence", "0.7"], 0, "Kupiansk: 2 claims; Russia vs Ukraine"),
    (["Kyiv"], 0, "no contested places"),
    (["--min-confidence", "0.9"], 0, "no contested places"),
    (["Atlantis"], 1, "Error: no entity matches 'Atlantis'"),
    (["--min-confidence", "2"], 1, "Error: minimum confidence must be between 0 and 1, not 2.0"),
    (["--min-confidence", "x"], 2, "Usage: main contested [OPTIONS] [PLACE]"),
])
def test_contested(fixture_store, runner, args, code, first):
    result = runner.invoke(main, ["contested", *args, "--store", str(fixture_store)])
    assert result.exit_code == code
    assert result.output.splitlines()[0] == first
    assert "Traceback" not in result.output


def test_contested_json(fixture_store, runner):
    result = runner.invoke(main, ["contested", "--format", "json", "--store", str(fixture_store)])
    assert result.exit_code == 0
    assert [c["label"] for c in json.loads(result.stdout)] == ["Kupiansk"]
