"""Commands that write the graph out: ``render`` (an HTML page) and ``export`` (RDF, graph and map formats).

The library is imported inside each command so that ``kg --help`` loads only click (lazy imports).
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import load_view, open_store, store_option, view_filter, view_options


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="graph.html", show_default=True)
@click.option("--size-by", type=click.Choice(["pagerank", "degree", "betweenness", "eigenvector"]),
              default="pagerank", show_default=True, help="Centrality that sets node size (and the --top cap).")
@click.option("--focus", metavar="ENTITY", help="Draw only the ego network of this entity.")
@click.option("--hops", type=click.IntRange(min=0), default=2, show_default=True, help="Radius of --focus.")
@click.option("--top", type=click.IntRange(min=1), default=300, show_default=True,
              help="Draw at most this many entities, the most central first.")
@click.option("--all", "draw_all", is_flag=True, help="Lift the --top cap (large graphs get a Python layout).")
@click.option("--edges-per-node", type=click.IntRange(min=0), default=3, show_default=True, metavar="N",
              help="Each entity keeps its N strongest links (by articles); 0 draws every link.")
@click.option("--title", default="kg: actors, places and events", show_default=True)
@view_options
@store_option
def render(output: Path, size_by: str, focus: str | None, hops: int, top: int, draw_all: bool, edges_per_node: int,
           title: str, store_dir: str, **filters) -> None:
    """Write an interactive HTML graph that opens offline (search box, class and date filters).

    \b
    Examples:
      kg render -o out/graph.html
      kg render --focus Kupiansk --hops 1 -o kupiansk.html
    """
    from kg.views.render import render_file

    drawn = render_file(load_view(store_dir, **filters), output, measure=size_by, focus=focus, hops=hops,
                        max_nodes=None if draw_all else top, title=title, edges_per_node=edges_per_node or None)
    of = "" if drawn.edges == drawn.links else f" of {drawn.links} links"
    click.echo(f"wrote {output} ({drawn.graph.number_of_nodes()} nodes, {drawn.edges} edges{of})")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "turtle", "nquads", "jsonld", "graphml", "gexf", "geojson"]),
              default="trig", show_default=True,
              help="RDF (trig, turtle, nquads, jsonld), a graph for Gephi (graphml, gexf) or places as geojson.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@view_options
@store_option
def export(fmt: str, output: Path | None, store_dir: str, **filters) -> None:
    """Export the store for another triple store, Gephi (graphml, gexf) or a map (geojson).

    View options (--class, --since...) apply to graphml, gexf and geojson only.

    \b
    Examples:
      kg export --format trig -o out/graph.trig
      kg export --format graphml -o out/graph.graphml
      kg export --format geojson -o out/places.geojson
    """
    from kg.rdf.serialize import export as dump
    from kg.views.graph_formats import GRAPH_FORMATS, export_graph

    with open_store(store_dir) as store:
        data = export_graph(store, fmt, view_filter(**filters)) if fmt in GRAPH_FORMATS else dump(store, fmt)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        click.echo(f"wrote {output} ({fmt})")
