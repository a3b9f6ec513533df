"""The entity graph as one standalone HTML page: vis-network inlined, no CDN, every string escaped.

The page is rendered from our own autoescaping jinja2 template rather than ``pyvis.Network``: pyvis
links Bootstrap from a CDN even with ``cdn_resources="in_line"``, switches to an ``innerHTML`` popup
when any title contains "href", and leaves its heading and select-menu ids unescaped. We reuse only
the vis-network build that pyvis bundles. Article text reaches the page solely as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc.;
the page script reads it with ``JSON.parse`` and hands vis-network tooltips as DOM elements filled
through ``textContent`` (vis-network 9 shows string titles with ``innerText`` too). Canvas labels
are drawn as text. Graphs above 300 nodes get positions computed here and physics off.

>>> g = nx.MultiGraph()
>>> g.add_node("e:1", label="<b>A</b>", cls="Person", aliases=[])
>>> page = render(g, title="A & B")
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page, "<h1>A &amp; B</h1>" in page
(False, True, True)
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.analysis import Rank, pagerank

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
PHYSICS_LIMIT = 300
LAYOUT_FULL = 500
MAX_TIPS = 5
COLOURS = {
    "Person": "#e15759", "MilitaryUnit": "#59a14f", "Organization": "#f28e2b", "Country": "#b07aa1",
    "Settlement": "#4e79a7", "Region": "#76b7b2", "Waterbody": "#9ecae9", "Place": "#86bcb6",
}
OTHER = "#bab0ac"
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 0 0 4px 0; }
header p { margin: 0; font-size: 13px; color: #555; }
main { position: relative; flex: 1; min-height: 400px; }
#network { position: absolute; inset: 0; }
#legend { position: absolute; top: 10px; left: 10px; z-index: 2; margin: 0; padding: 8px 12px;
  list-style: none; background: rgba(255,255,255,.9); border: 1px solid #ddd; border-radius: 4px; font-size: 13px; }
#legend li { margin: 2px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; }
.vis-tooltip { position: absolute; visibility: hidden; pointer-events: none; z-index: 5; padding: 6px 8px;
  max-width: 480px; white-space: pre-wrap; font-size: 13px; background: #fffef5; border: 1px solid #999;
  border-radius: 3px; box-shadow: 2px 2px 8px rgba(0,0,0,.2); }
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p>{{ summary }}</p>
</header>
<main>
<ul id="legend">
{%- for item in legend %}
<li><span class="swatch" style="background: {{ item.colour }}"></span>{{ item.cls }} ({{ item.count }})</li>
{%- endfor %}
</ul>
<div id="network"></div>
</main>
<script type="application/json" id="kg-data">{{ data }}</script>
<script>{{ vis }}</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function tip(text) {
    var el = document.createElement("div");
    el.textContent = text;
    return el;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = {id: n.id, label: n.label, title: tip(n.tip), size: n.size,
                color: {background: n.colour, border: "#555555"}};
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {id: e.id, from: e.from, to: e.to, label: e.label, title: tip(e.tip), width: e.width,
            dashes: e.event, arrows: e.event ? "" : "to", color: {color: e.event ? "#a0a0a0" : "#606060"},
            smooth: data.physics ? {enabled: true, type: "curvedCW", roundness: e.bend} : false};
  }));
  document.body.dataset.nodes = String(nodes.length);
  document.body.dataset.edges = String(edges.length);
  var options = {
    nodes: {shape: "dot", font: {size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {font: {size: 10, color: "#444444", strokeWidth: 3, align: "middle"}, selectionWidth: 2},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: !data.physics},
    layout: {improvedLayout: data.physics, randomSeed: 1},
    physics: data.physics ? {solver: "barnesHut", stabilization: {iterations: 250, updateInterval: 25},
                             barnesHut: {gravitationalConstant: -6000, springLength: 140, avoidOverlap: 0.2}}
                          : false
  };
  var network = new vis.Network(document.getElementById("network"), {nodes: nodes, edges: edges}, options);
  var ready = !data.physics;
  network.on("stabilizationIterationsDone", function () {
    ready = true;
    network.setOptions({physics: false});
    network.fit();
  });
  network.on("afterDrawing", function () {
    if (ready && document.body.dataset.drawn !== "yes") { document.body.dataset.drawn = "yes"; }
  });
  if (!data.physics) { network.fit(); }
}());
</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network build bundled with pyvis, safe to inline in a ``<script>`` element."""
    text = files("pyvis").joinpath(*VIS_JS).read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("//# sourceMappingURL"))
    return _SCRIPT_END.sub(r"<\\/\1", text).replace("<!--", "<\\!--")


def script_json(value: Any) -> str:
    """JSON that cannot end or confuse the ``<script>`` element holding it.

    >>> script_json({"a": "</script><b>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def _scores(graph: nx.Graph, centrality: Mapping[str, float] | Iterable[Rank] | None) -> dict[str, float]:
    if centrality is None:
        return pagerank(graph)
    if isinstance(centrality, Mapping):
        return dict(centrality)
    return {r.node: r.pagerank for r in centrality}


def _layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Pixel positions from a seeded spring layout, with fewer iterations as the graph grows."""
    n = graph.number_of_nodes()
    iterations = 50 if n <= LAYOUT_FULL else max(10, 50 * LAYOUT_FULL // n)
    pos = nx.spring_layout(nx.Graph(graph), seed=1, iterations=iterations, method="force")
    scale = 45.0 * math.sqrt(n)
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in pos.items()}


def _node_tip(data: dict, score: float, degree: int, articles: list[str]) -> str:
    lines = [data.get("label", ""), data.get("cls", "")]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    lines.append(f"PageRank {score:.4f} · {degree} links")
    if articles:
        more = f" (+{len(articles) - MAX_TIPS} more)" if len(articles) > MAX_TIPS else ""
        lines.append("articles: " + ", ".join(articles[:MAX_TIPS]) + more)
    return "\n".join(lines)


def _edge_tip(head: str, items: list[dict]) -> str:
    lines = [head]
    for e in sorted(items, key=lambda e: -e.get("confidence", 0.0))[:MAX_TIPS]:
        status = "" if e.get("polarity", "asserted") == "asserted" else f", {e['polarity']}"
        lines.append(f"“{e.get('evidence') or ''}”\n[{e.get('article', '')}] "
                     f"confidence {e.get('confidence', 0.0):.2f}{status}")
    if len(items) > MAX_TIPS:
        lines.append(f"(+{len(items) - MAX_TIPS} more)")
    return "\n".join(lines)


def page_data(graph: nx.Graph, scores: Mapping[str, float]) -> dict[str, Any]:
    """The nodes, edges and layout the page script draws (every string still unescaped)."""
    ids = {node: i for i, node in enumerate(graph.nodes)}
    top = max(scores.values(), default=0.0) or 1.0
    physics = len(ids) <= PHYSICS_LIMIT
    pos = {} if physics else _layout(graph)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    articles: dict[str, set[str]] = defaultdict(set)
    for u, v, e in graph.edges(data=True):
        s, o = e.get("subject", u), e.get("object", v)
        groups[(s, o, e.get("predicate", ""))].append(e)
        articles[u].add(e.get("article", ""))
        articles[v].add(e.get("article", ""))
    nodes = []
    for node, data in graph.nodes(data=True):
        score = scores.get(node, 0.0)
        item = {"id": ids[node], "label": data.get("label", str(node)),
                "colour": COLOURS.get(data.get("cls", ""), OTHER), "size": round(8 + 32 * math.sqrt(score / top), 1),
                "tip": _node_tip(data, score, graph.degree(node), sorted(articles[node] - {""}))}
        if node in pos:
            item["x"], item["y"] = pos[node]
        nodes.append(item)
    edges, parallel, attrs = [], Counter(), graph.nodes
    ordered = sorted(groups.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]], kv[0][2]))
    for n, ((s, o, pred), items) in enumerate(ordered):
        pair = frozenset((s, o))
        bend = 0.12 + 0.18 * parallel[pair]
        parallel[pair] += 1
        head = f"{attrs[s].get('label', s)} —{pred}→ {attrs[o].get('label', o)}"
        edges.append({"id": n, "from": ids[s], "to": ids[o], "label": pred, "tip": _edge_tip(head, items),
                      "event": items[0].get("kind") == "event", "width": min(1 + len(items), 6),
                      "bend": round(bend, 2)})
    return {"physics": physics, "nodes": nodes, "edges": edges}


def _legend(graph: nx.Graph) -> list[dict[str, Any]]:
    counts = Counter(cls for _, cls in graph.nodes(data="cls", default=""))
    order = list(COLOURS)
    return [{"cls": cls or "(no class)", "colour": COLOURS.get(cls, OTHER), "count": n}
            for cls, n in sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99,
                                                                 kv[0]))]


def render(graph: nx.Graph, centrality: Mapping[str, float] | Iterable[Rank] | None = None, *,
           title: str = "kg: actors, places and events", max_nodes: int | None = 2000) -> str:
    """A standalone HTML page drawing ``graph``: colour by class, size by centrality, evidence tooltips.

    ``centrality`` maps nodes to scores (or is a list of :class:`Rank`; nodes left out score 0); by
    default PageRank. Above ``max_nodes`` only the most central nodes are drawn.
    """
    scores = _scores(graph, centrality)
    total = graph.number_of_nodes()
    if max_nodes is not None and total > max_nodes:
        keep = sorted(graph.nodes, key=lambda n: (-scores.get(n, 0.0), -graph.degree(n), str(n)))[:max_nodes]
        graph = graph.subgraph(keep)
    shown = graph.number_of_nodes()
    summary = (f"{shown:,} entities" + (f" (the {shown:,} most central of {total:,})" if shown < total else "")
               + f", {graph.number_of_edges():,} links. Colour: class; size: centrality; "
               "dashed: shared event; hover for evidence and source.")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(TEMPLATE).render(
        title=title, summary=summary, legend=_legend(graph),
        data=Markup(script_json(page_data(graph, scores))), vis=Markup(vis_network_js()))


__all__ = ["COLOURS", "page_data", "render", "script_json", "vis_network_js"]
