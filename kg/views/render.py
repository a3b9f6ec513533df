"""The entity graph as one standalone HTML page: vis-network inlined, no CDN, every string escaped.

The page is rendered from our own autoescaping jinja2 template (``kg/views/templates/graph.html``) rather
than ``pyvis.Network``: pyvis links Bootstrap from a CDN even with ``cdn_resources="in_line"``, switches
to an ``innerHTML`` popup when any title contains "href", and leaves its heading and select-menu ids
unescaped. We reuse only the vis-network build that pyvis bundles. Article text reaches the page solely
as JSON inside a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as
``\\u003c`` etc.; the page script reads it with ``JSON.parse`` and hands vis-network tooltips as DOM
elements filled through ``textContent``. Canvas labels are drawn as text.

The page has a legend (colour and shape per class, each a checkbox that hides the class), a search box,
a date range that hides claims outside it, node size by a chosen centrality and edge labels by
predicate. It stays readable at any size: one edge per pair of entities and relation, as wide as the articles
that support it, with their claims in its tip (red when articles disagree); each entity keeps its few strongest
links (:func:`kg.views.layout.strongest`); above 150 edges their labels show on hover or when zoomed in. The address can preset them: ``page.html#search=Kupiansk&from=2025-11-01&to=2025-11-30&hide=Person,Region``. Graphs above 300 nodes get positions computed
here (:mod:`kg.views.layout`: communities grouped) and physics off; smaller ones run physics until stabilised,
then stop.

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
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.views.analysis import Rank, pagerank
from kg.views.analysis import measure as score
from kg.views.layout import layout, strongest
from kg.views.projection import ego

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
PHYSICS_LIMIT = 300
DEFAULT_TOP = 300
EDGES_PER_NODE = 3  # by default each entity keeps its strongest links only: at most 3 x nodes edges drawn
LABEL_LIMIT = 150  # above this many edges, edge labels show on hover or when zoomed in
MAX_TIPS = 5
COLOURS = {
    "Person": "#e15759", "MilitaryUnit": "#59a14f", "Organization": "#f28e2b", "Country": "#b07aa1",
    "Settlement": "#4e79a7", "Region": "#76b7b2", "Waterbody": "#9ecae9", "Place": "#86bcb6",
}
SHAPES = {
    "Person": ("dot", "●"), "MilitaryUnit": ("triangle", "▲"), "Organization": ("square", "■"),
    "Country": ("diamond", "◆"), "Settlement": ("hexagon", "⬢"), "Region": ("hexagon", "⬢"),
    "Waterbody": ("triangleDown", "▼"), "Place": ("hexagon", "⬢"),
}
OTHER = "#bab0ac"
OTHER_SHAPE = ("dot", "●")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network build bundled with pyvis, safe to inline in a ``<script>`` element."""
    text = files("pyvis").joinpath(*VIS_JS).read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("//# sourceMappingURL"))
    return _SCRIPT_END.sub(r"<\\/\1", text).replace("<!--", "<\\!--")


@lru_cache(maxsize=1)
def template() -> str:
    """The page template shipped in ``kg/views/templates/graph.html``."""
    return files("kg.views").joinpath("templates", "graph.html").read_text(encoding="utf-8")


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


def _scores(graph: nx.Graph, centrality: Mapping[str, float] | Iterable[Rank] | None,
            measure: str) -> dict[str, float]:
    if centrality is None:
        return pagerank(graph)
    if isinstance(centrality, Mapping):
        return dict(centrality)
    return {r.node: float(getattr(r, measure)) for r in centrality}


def _claims(edge: dict) -> list[dict]:
    """The per-article claims of an edge of the entities view (or the edge itself, if it has none)."""
    if edge.get("claims"):
        return edge["claims"]
    evidence = edge.get("evidence")
    return [{"evidence": evidence[0] if isinstance(evidence, list) and evidence else evidence or "",
             "file": edge.get("article", ""), "date": edge.get("date", ""),
             "confidence": edge.get("confidence", 0.0)}]


def _node_tip(data: dict, measure: str, score: float, degree: int, articles: list[str]) -> str:
    lines = [data.get("label", ""), data.get("cls", "")]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    lines.append(f"{measure} {score:.4f} · {degree} links")
    if articles:
        more = f" (+{len(articles) - MAX_TIPS} more)" if len(articles) > MAX_TIPS else ""
        lines.append("articles: " + ", ".join(articles[:MAX_TIPS]) + more)
    return "\n".join(lines)


def _edge_tip(head: str, claims: list[dict], polarities: set[str]) -> str:
    files = {c.get("file", "") for c in claims}
    said = "" if polarities == {"asserted"} else f" ({' and '.join(sorted(polarities))})"
    lines = [head + said + (f" · {len(files)} articles" if len(files) > 1 else "")]
    for c in sorted(claims, key=lambda c: -c.get("confidence", 0.0))[:MAX_TIPS]:
        where = ", ".join(x for x in (c.get("file", ""), c.get("date", "")) if x)
        tag = "" if c.get("polarity", "asserted") == "asserted" else f" ({c['polarity']})"
        lines.append(f"“{c.get('evidence') or ''}”{tag}\n[{where}] confidence {c.get('confidence', 0.0):.2f}")
    if len(claims) > MAX_TIPS:
        lines.append(f"(+{len(claims) - MAX_TIPS} more)")
    return "\n".join(lines)


def page_data(graph: nx.Graph, scores: Mapping[str, float], measure: str = "pagerank",
              per_node: int | None = EDGES_PER_NODE) -> dict[str, Any]:
    """The nodes, edges and layout the page script draws (every string still unescaped): one edge per pair of
    entities and relation, weighted by its articles, the claims in its tip; each node's ``per_node`` strongest."""
    ids = {node: i for i, node in enumerate(graph.nodes)}
    top = max(scores.values(), default=0.0) or 1.0
    groups: dict[tuple, list[dict]] = defaultdict(list)
    kinds: dict[tuple, str] = {}
    articles: dict[str, set[str]] = defaultdict(set)
    for u, v, e in graph.edges(data=True):
        key = (e.get("subject", u), e.get("object", v), e.get("predicate", ""))
        polarity = e.get("polarity", "asserted")
        claims = [dict(c, polarity=c.get("polarity", polarity)) for c in _claims(e)]
        groups[key].extend(claims)
        kinds[key] = e.get("kind", "relation")
        files = {c.get("file", "") for c in claims} - {""}
        articles[u] |= files
        articles[v] |= files
    ordered = sorted(groups.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]), kv[0][2]))  # not by node order
    weights = [len({c.get("file", "") for c in claims}) + max((c.get("confidence", 0.0) for c in claims), default=0)
               for _, claims in ordered]
    ordered = [ordered[i] for i in strongest([(k[0], k[1], w) for (k, _), w in zip(ordered, weights)], per_node)]
    drawn = nx.Graph([(s, o) for (s, o, _), _ in ordered])
    drawn.add_nodes_from(graph.nodes)
    physics = len(ids) <= PHYSICS_LIMIT
    pos = {} if physics else layout(drawn)
    nodes = []
    for node, data in graph.nodes(data=True):
        score, cls = scores.get(node, 0.0), data.get("cls", "")
        item = {"id": ids[node], "label": data.get("label", str(node)), "cls": cls,
                "aliases": list(data.get("aliases", [])), "colour": COLOURS.get(cls, OTHER),
                "shape": SHAPES.get(cls, OTHER_SHAPE)[0], "size": round(8 + 32 * math.sqrt(max(score, 0.0) / top), 1),
                "tip": _node_tip(data, measure, score, graph.degree(node), sorted(articles[node]))}
        if node in pos:
            item["x"], item["y"] = pos[node]
        nodes.append(item)
    edges, parallel, attrs = [], Counter(), graph.nodes
    for n, ((s, o, pred), claims) in enumerate(ordered):
        pair = frozenset((s, o))
        bend = 0.12 + 0.18 * parallel[pair]
        parallel[pair] += 1
        head = f"{attrs[s].get('label', s)} —{pred}→ {attrs[o].get('label', o)}"
        weight = len({c.get("file", "") for c in claims})
        polarities = {c["polarity"] for c in claims}
        edges.append({"id": n, "from": ids[s], "to": ids[o], "label": pred,
                      "tip": _edge_tip(head, claims, polarities), "event": kinds[(s, o, pred)] == "event",
                      "width": min(1 + weight, 6), "bend": round(bend, 2), "contested": len(polarities) > 1,
                      "dates": sorted({c.get("date", "") for c in claims} - {""})})
    return {"physics": physics, "nodes": nodes, "edges": edges, "links": len(groups),
            "labels": len(edges) <= LABEL_LIMIT}


def _legend(graph: nx.Graph) -> list[dict[str, Any]]:
    counts = Counter(cls for _, cls in graph.nodes(data="cls", default=""))
    order = list(COLOURS)
    return [{"cls": cls or "(no class)", "colour": COLOURS.get(cls, OTHER), "glyph": SHAPES.get(cls, OTHER_SHAPE)[1],
             "count": n}
            for cls, n in sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99,
                                                                 kv[0]))]


def cap(graph: nx.Graph, scores: Mapping[str, float], max_nodes: int | None) -> nx.Graph:
    """The subgraph of the ``max_nodes`` highest-scoring nodes (ties: more links first); None keeps all."""
    if max_nodes is None or graph.number_of_nodes() <= max_nodes:
        return graph
    keep = sorted(graph.nodes, key=lambda n: (-scores.get(n, 0.0), -graph.degree(n), str(n)))[:max_nodes]
    return graph.subgraph(keep)


@dataclass(frozen=True)
class Drawn:
    """What a written page shows: the entities drawn, the edges drawn, and the links there are between them."""

    graph: nx.Graph
    edges: int
    links: int


def _page(graph: nx.Graph, scores: Mapping[str, float], title: str, max_nodes: int | None, measure: str,
          per_node: int | None) -> tuple[str, Drawn]:
    total = graph.number_of_nodes()
    graph = cap(graph, scores, max_nodes)
    shown = graph.number_of_nodes()
    data = page_data(graph, scores, measure, per_node)
    drawn = len(data["edges"])
    links = f"{drawn:,} links" if drawn == data["links"] else \
        f"{drawn:,} of {data['links']:,} links (each entity's {per_node} strongest)"
    summary = (f"{shown:,} entities" + (f" (the {shown:,} most central of {total:,})" if shown < total else "")
               + f", {links}. Colour and shape: class; size: {measure}; width: articles; "
               "dashed: shared event; hover for evidence and source" + ("." if data["labels"] else
                                                                        ", zoom in for link labels."))
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    page = env.from_string(template()).render(title=title, summary=summary, legend=_legend(graph),
                                              data=Markup(script_json(data)), vis=Markup(vis_network_js()))
    return page, Drawn(graph, drawn, data["links"])


def render(graph: nx.Graph, centrality: Mapping[str, float] | Iterable[Rank] | None = None, *,
           title: str = "kg: actors, places and events", max_nodes: int | None = DEFAULT_TOP,
           measure: str = "pagerank", edges_per_node: int | None = EDGES_PER_NODE) -> str:
    """A standalone HTML page drawing ``graph``: colour and shape by class, size by centrality, evidence tips.

    ``centrality`` maps nodes to scores, or is a list of :class:`Rank` read for ``measure`` (nodes left
    out score 0); by default PageRank. Above ``max_nodes`` (None: no cap) only the most central are drawn, and
    each keeps its ``edges_per_node`` strongest links (None: all).
    """
    return _page(graph, _scores(graph, centrality, measure), title, max_nodes, measure, edges_per_node)[0]


def render_file(graph: nx.Graph, path: str | Path, *, measure: str = "pagerank", focus: str | None = None,
                hops: int = 2, max_nodes: int | None = DEFAULT_TOP, title: str = "kg: actors, places and events",
                edges_per_node: int | None = EDGES_PER_NODE) -> Drawn:
    """Write the page for ``graph`` (or the ego network of ``focus``) to ``path``; say what it draws.

    Node size and the ``max_nodes`` cap follow ``measure`` computed over the whole graph.
    """
    scores = score(graph, measure)
    if focus:
        graph = ego(graph, focus, hops)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    page, drawn = _page(graph, scores, title, max_nodes, measure, edges_per_node)
    target.write_text(page, encoding="utf-8")
    return drawn


__all__ = ["COLOURS", "DEFAULT_TOP", "EDGES_PER_NODE", "SHAPES", "Drawn", "cap", "page_data", "render", "render_file",
           "script_json", "template", "vis_network_js"]
