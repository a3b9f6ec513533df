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
predicate. The address can preset them: ``page.html#search=Kupiansk&from=2025-11-01&to=2025-11-30&hide=Person,Region``. Graphs above 300 nodes get positions computed
here (igraph's Fruchterman-Reingold: networkx's spring layout takes half a minute on 5,000 nodes) and
physics off; smaller ones run physics until stabilised, then stop.

>>> g = nx.MultiGraph()
>>> g.add_node("e:1", label="<b>A</b>", cls="Person", aliases=[])
>>> page = render(g, title="A & B")
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page, "<h1>A &amp; B</h1>" in page
(False, True, True)
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.views.analysis import Rank, pagerank
from kg.views.analysis import measure as score
from kg.views.projection import ego

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
PHYSICS_LIMIT = 300
LAYOUT_ITERATIONS = 500
DEFAULT_TOP = 300
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


def _layout(graph: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Pixel positions from igraph's grid Fruchterman-Reingold layout (C, seconds on 5,000 nodes), seeded."""
    import igraph  # lazy: only large pages need a Python layout

    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    simple = igraph.Graph(n=len(nodes), edges=sorted({tuple(sorted((index[u], index[v])))
                                                      for u, v in graph.edges() if u != v}))
    rng = random.Random(1)
    side = math.sqrt(len(nodes))
    start = [[rng.uniform(-side, side), rng.uniform(-side, side)] for _ in nodes]
    igraph.set_random_number_generator(rng)
    try:
        coords = simple.layout_fruchterman_reingold(seed=start, niter=LAYOUT_ITERATIONS, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    return _fit(nodes, coords)


def _fit(nodes: list, coords: list) -> dict[Any, tuple[float, float]]:
    """Centre the layout, pull far-flung small components in to the rim of the main one, scale to pixels."""
    if not nodes:
        return {}
    cx = sum(c[0] for c in coords) / len(coords)
    cy = sum(c[1] for c in coords) / len(coords)
    radii = sorted(math.hypot(x - cx, y - cy) for x, y in coords)
    rim = 1.1 * radii[int(0.95 * (len(radii) - 1))] or 1.0
    scale = 45.0 * math.sqrt(len(nodes)) / rim
    out = {}
    for node, (x, y) in zip(nodes, coords):
        r = math.hypot(x - cx, y - cy)
        shrink = scale * (min(r, rim) / r if r else 1.0)
        out[node] = (round((x - cx) * shrink, 1), round((y - cy) * shrink, 1))
    return out


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


def _edge_tip(head: str, claims: list[dict], polarity: str) -> str:
    files = {c.get("file", "") for c in claims}
    lines = [head + (f" ({polarity})" if polarity != "asserted" else "")
             + (f" · {len(files)} articles" if len(files) > 1 else "")]
    for c in sorted(claims, key=lambda c: -c.get("confidence", 0.0))[:MAX_TIPS]:
        where = ", ".join(x for x in (c.get("file", ""), c.get("date", "")) if x)
        lines.append(f"“{c.get('evidence') or ''}”\n[{where}] confidence {c.get('confidence', 0.0):.2f}")
    if len(claims) > MAX_TIPS:
        lines.append(f"(+{len(claims) - MAX_TIPS} more)")
    return "\n".join(lines)


def page_data(graph: nx.Graph, scores: Mapping[str, float], measure: str = "pagerank") -> dict[str, Any]:
    """The nodes, edges and layout the page script draws (every string still unescaped)."""
    ids = {node: i for i, node in enumerate(graph.nodes)}
    top = max(scores.values(), default=0.0) or 1.0
    physics = len(ids) <= PHYSICS_LIMIT
    pos = {} if physics else _layout(graph)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    kinds: dict[tuple, str] = {}
    articles: dict[str, set[str]] = defaultdict(set)
    for u, v, e in graph.edges(data=True):
        key = (e.get("subject", u), e.get("object", v), e.get("predicate", ""), e.get("polarity", "asserted"))
        claims = _claims(e)
        groups[key].extend(claims)
        kinds[key] = e.get("kind", "relation")
        files = {c.get("file", "") for c in claims} - {""}
        articles[u] |= files
        articles[v] |= files
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
    ordered = sorted(groups.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]], kv[0][2], kv[0][3]))
    for n, ((s, o, pred, polarity), claims) in enumerate(ordered):
        pair = frozenset((s, o))
        bend = 0.12 + 0.18 * parallel[pair]
        parallel[pair] += 1
        head = f"{attrs[s].get('label', s)} —{pred}→ {attrs[o].get('label', o)}"
        weight = len({c.get("file", "") for c in claims})
        edges.append({"id": n, "from": ids[s], "to": ids[o], "label": pred,
                      "tip": _edge_tip(head, claims, polarity), "event": kinds[(s, o, pred, polarity)] == "event",
                      "width": min(1 + weight, 6), "bend": round(bend, 2),
                      "dates": sorted({c.get("date", "") for c in claims} - {""})})
    return {"physics": physics, "nodes": nodes, "edges": edges}


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


def render(graph: nx.Graph, centrality: Mapping[str, float] | Iterable[Rank] | None = None, *,
           title: str = "kg: actors, places and events", max_nodes: int | None = DEFAULT_TOP,
           measure: str = "pagerank") -> str:
    """A standalone HTML page drawing ``graph``: colour and shape by class, size by centrality, evidence tips.

    ``centrality`` maps nodes to scores, or is a list of :class:`Rank` read for ``measure`` (nodes left
    out score 0); by default PageRank. Above ``max_nodes`` (None: no cap) only the most central are drawn.
    """
    scores = _scores(graph, centrality, measure)
    total = graph.number_of_nodes()
    graph = cap(graph, scores, max_nodes)
    shown = graph.number_of_nodes()
    summary = (f"{shown:,} entities" + (f" (the {shown:,} most central of {total:,})" if shown < total else "")
               + f", {graph.number_of_edges():,} links. Colour and shape: class; size: {measure}; "
               "dashed: shared event; hover for evidence and source.")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(template()).render(
        title=title, summary=summary, legend=_legend(graph),
        data=Markup(script_json(page_data(graph, scores, measure))), vis=Markup(vis_network_js()))


def render_file(graph: nx.Graph, path: str | Path, *, measure: str = "pagerank", focus: str | None = None,
                hops: int = 2, max_nodes: int | None = DEFAULT_TOP, title: str = "kg: actors, places and events") -> nx.Graph:
    """Write the page for ``graph`` (or the ego network of ``focus``) to ``path``; return the graph drawn.

    Node size and the ``max_nodes`` cap follow ``measure`` computed over the whole graph.
    """
    scores = score(graph, measure)
    if focus:
        graph = ego(graph, focus, hops)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(graph, scores, title=title, max_nodes=max_nodes, measure=measure), encoding="utf-8")
    return cap(graph, scores, max_nodes)


__all__ = ["cap", "render_file", "COLOURS", "DEFAULT_TOP", "SHAPES", "page_data", "render", "script_json", "template", "vis_network_js"]
