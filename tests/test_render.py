"""The standalone HTML page: offline, escaped, coloured by class, sized by centrality."""

import json
import re

import networkx as nx
import pytest

from kg.views.analysis import centrality
from kg.views.render import COLOURS, DEFAULT_TOP, SHAPES, render, render_file, vis_network_js

DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def graph(records_graph) -> nx.MultiGraph:
    return records_graph


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render(graph, centrality(graph, top=None, kinds=None))


def page_data(page: str) -> dict:
    return json.loads(DATA.search(page).group(1))


def synthetic(n: int) -> nx.MultiGraph:
    base = nx.barabasi_albert_graph(n, 2, seed=1)
    g = nx.MultiGraph()
    for i in base:
        g.add_node(i, label=f"Entity {i}", cls=list(COLOURS)[i % len(COLOURS)], aliases=[])
    for u, v in base.edges:
        g.add_edge(u, v, predicate="met", evidence="e", article="a.txt", confidence=0.5, subject=u, object=v,
                   kind="relation")
    return g


def test_page_is_standalone_without_cdn_or_bootstrap(page):
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower() and "sourceMappingURL" not in page
    assert page.lower().count("</script") == 3


def test_vis_network_is_inlined(page):
    js = vis_network_js()
    assert "@version 9.1.2" in js and len(js) > 400_000
    assert js in page
    assert "</script" not in js.lower()


def test_article_text_never_appears_raw(page):
    assert "<script>alert(1)</script>" not in page
    assert "<b>today</b>" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    data = page_data(page)
    labels = {n["label"] for n in data["nodes"]}
    assert "<script>alert(1)</script>" in labels and "Valery Gerasimov" in labels
    tips = "\n".join(e["tip"] for e in data["edges"])
    assert "“Driscoll met Zelensky in Kyiv <b>today</b>.”\n[meeting.txt, 2025-11-20] confidence 0.90" in tips


def test_every_string_from_the_graph_is_escaped_in_markup():
    g = nx.MultiGraph()
    evil = '<a href="javascript:alert(1)">x</a>'
    g.add_node("a", label=evil, cls="<img src=x onerror=alert(1)>", aliases=[evil])
    g.add_node("b", label="B", cls="Person", aliases=[])
    g.add_edge("a", "b", predicate="</script><script>alert(2)</script>", evidence=evil, article=evil,
               confidence=0.5, subject="a", object="b", kind="relation")
    page = render(g, title="<i>kg</i> & co")
    for raw in (evil, "<img", "<i>kg</i>", "alert(2)</script>"):
        assert raw not in page
    assert "<h1>&lt;i&gt;kg&lt;/i&gt; &amp; co</h1>" in page
    assert "<title>&lt;i&gt;kg&lt;/i&gt; &amp; co</title>" in page
    assert "&lt;img src=x onerror=alert(1)&gt; (1)" in page
    assert 'data-cls="&lt;img src=x onerror=alert(1)&gt;"' in page
    assert page.lower().count("</script") == 3
    assert page_data(page)["edges"][0]["label"] == "</script><script>alert(2)</script>"


def test_legend_colours_sizes_and_tooltips(page, graph):
    for cls, count in [("Person", 5), ("MilitaryUnit", 2), ("Organization", 3), ("Country", 2),
                       ("Settlement", 2), ("Region", 1)]:
        glyph = SHAPES[cls][1]
        assert (f'<input type="checkbox" checked data-cls="{cls}"><span class="glyph" style="color: '
                f'{COLOURS[cls]}">{glyph}</span>{cls} ({count})</label></li>') in page
    data = page_data(page)
    nodes = {n["label"]: n for n in data["nodes"]}
    assert nodes["Kupiansk"]["colour"] == COLOURS["Settlement"] and nodes["Russia"]["colour"] == COLOURS["Country"]
    assert nodes["Kupiansk"]["size"] == 40.0
    assert nodes["Kupiansk"]["size"] > nodes["Vladimir Putin"]["size"] > nodes["<script>alert(1)</script>"]["size"]
    assert nodes["Valery Gerasimov"]["tip"].startswith("Valery Gerasimov\nPerson\nalso: Gerasimov, Valerie Gerasimov")
    [edge] = [e for e in data["edges"] if e["label"] == "reportedTo"]
    assert (edge["from"], edge["to"], edge["event"]) == (nodes["Valery Gerasimov"]["id"],
                                                         nodes["Vladimir Putin"]["id"], False)
    assert edge["tip"] == ("Valery Gerasimov —reportedTo→ Vladimir Putin\n"
                           "“Gerasimov informed Putin that Battlegroup West had taken Kupyansk.”\n"
                           "[moscow-claim.txt, 2025-11-21] confidence 0.85")
    assert edge["dates"] == ["2025-11-21"]
    denied = [e for e in data["edges"] if e["label"] == "Capture:agent-place" and "denied" in e["tip"]]
    assert denied and all(e["event"] for e in denied)
    assert data["physics"] is True and "x" not in data["nodes"][0]
    assert len(data["nodes"]) == graph.number_of_nodes()


def test_default_centrality_is_pagerank(graph):
    """Without a centrality, nodes are sized and described by PageRank (the figures of `kg central`)."""
    default = render(graph)
    assert "size: pagerank;" in default
    ranks = {r.node: r for r in centrality(graph, top=None, kinds=None)}
    pagerank = {node: ranks[node].pagerank for node in graph}
    top = max(pagerank.values())
    nodes = page_data(default)["nodes"]
    assert [n["label"] for n in nodes] == [graph.nodes[node]["label"] for node in graph]
    for node, item in zip(graph, nodes):
        assert item["size"] == round(8 + 32 * (pagerank[node] / top) ** 0.5, 1), item["label"]
        assert f"\npagerank {pagerank[node]:.4f} · " in item["tip"], item["tip"]
    biggest = max(nodes, key=lambda n: n["size"])
    assert biggest["size"] == 40.0 and biggest["label"] == graph.nodes[max(pagerank, key=pagerank.get)]["label"]
    # the sizes tell PageRank apart from the other measures on this graph
    for other in ("degree", "betweenness", "eigenvector"):
        sized = page_data(render(graph, list(ranks.values()), measure=other))["nodes"]
        assert [n["size"] for n in sized] != [n["size"] for n in nodes], other


def test_big_graphs_get_a_python_layout_and_no_physics():
    data = page_data(render(synthetic(320), max_nodes=None))
    assert data["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 320
    assert page_data(render(synthetic(320), max_nodes=None)) == data
    assert len(page_data(render(synthetic(320)))["nodes"]) == DEFAULT_TOP


def test_max_nodes_keeps_the_most_central():
    g = synthetic(400)
    page = render(g, max_nodes=50)
    data = page_data(page)
    assert len(data["nodes"]) == 50 and data["physics"] is True
    assert "50 entities (the 50 most central of 400)" in page
    assert "Entity 0" in {n["label"] for n in data["nodes"]}


def test_shapes_search_box_and_filters(page):
    data = page_data(page)
    nodes = {n["label"]: n for n in data["nodes"]}
    assert (nodes["Kupiansk"]["shape"], nodes["Battlegroup West"]["shape"]) == ("hexagon", "triangle")
    assert nodes["Kupiansk"]["aliases"] == ["Kupyansk"] and nodes["Kupiansk"]["cls"] == "Settlement"
    for markup in ('<input id="search" type="search"', '<input id="date-from" type="date">',
                   '<input id="date-to" type="date">', '<datalist id="names">'):
        assert markup in page
    assert all(isinstance(e["dates"], list) for e in data["edges"])


def test_render_file_sizes_by_measure_and_focuses(graph, tmp_path):
    out = tmp_path / "sub" / "g.html"
    shown = render_file(graph, out, measure="degree", focus="Putin", hops=1)
    data = page_data(out.read_text())
    assert {n["label"] for n in data["nodes"]} == {"Vladimir Putin", "Valery Gerasimov"} == {
        graph.nodes[n]["label"] for n in shown.graph}
    assert "size: degree" in out.read_text() and "degree 4.0000" in data["nodes"][0]["tip"] + data["nodes"][1]["tip"]
    capped = render_file(graph, out, max_nodes=4)
    assert capped.graph.number_of_nodes() == 4 and len(page_data(out.read_text())["nodes"]) == 4
    assert capped.edges == len(page_data(out.read_text())["edges"]) <= capped.links
