"""Commands that analyse the graph: ``path``, ``central``, ``communities``, ``timeline``, ``explain``, ``contested``.

The library is imported inside each command so that ``kg --help`` loads only click (lazy imports).
"""

from __future__ import annotations

import click

from kg.cli.common import load_view, open_store, store_option, view_filter, view_options
from kg.text.escape import printable


def load_collapsed(store_dir: str, **filters):
    """Open the store and read its collapsed entities view (one weighted edge per linked pair), kept when unfiltered."""
    from kg.views.kept import kept_collapsed

    with open_store(store_dir) as store:
        return kept_collapsed(store, view_filter(**filters))


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("-k", "--k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="Show up to K alternative paths, shortest first.")
@view_options
@store_option
def path(source: str, target: str, k: int, store_dir: str, **filters) -> None:
    """Shortest path(s) between two entities, each hop with predicate, direction, evidence, article and date.

    \b
    Examples:
      kg path "Dan Driscoll" "Valery Gerasimov"
      kg path Putin Kupiansk --k 3
    """
    from kg.views.analysis import explain_path, paths

    found = paths(load_view(store_dir, **filters), source, target, k=k)
    for n, hops in enumerate(found, 1):
        if k > 1:
            click.echo(f"{'' if n == 1 else chr(10)}path {n} ({len(hops)} hop{'' if len(hops) == 1 else 's'})")
        for line in explain_path(hops):
            click.echo(printable(line))


@click.command()
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--type", "types", multiple=True, metavar="CLASS",
              help="Rank only this class (Person, Settlement..., or Actor/Place); repeatable. Default: all.")
@click.option("--by", type=click.Choice(["pagerank", "degree", "betweenness", "eigenvector"]), default="pagerank",
              show_default=True, help="Measure to sort by.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@view_options
@store_option
def central(top: int, types: tuple[str, ...], by: str, fmt: str, store_dir: str, **filters) -> None:
    """Rank entities by PageRank, betweenness, degree and eigenvector centrality.

    Betweenness is exact below 1,000 entities and sampled from 200 sources (fixed seed) above.

    \b
    Examples:
      kg central --top 10
      kg central --type Person --by betweenness --format csv
    """
    from kg.views.analysis import betweenness_samples, centrality, rank_table
    from kg.views.queries import format_result

    graph = load_collapsed(store_dir, **filters)
    click.echo(format_result(rank_table(centrality(graph, top=top, kinds=types or None, by=by)), fmt))
    sampled = betweenness_samples(graph.number_of_nodes())
    if sampled:
        click.echo(f"betweenness sampled from {sampled} of {graph.number_of_nodes():,} entities (seed 1)", err=True)


@click.command()
@click.option("--members", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many of each community's most central members to name.")
@view_options
@store_option
def communities(members: int, store_dir: str, **filters) -> None:
    """Louvain communities (fixed seed) with their most central members, largest first.

    \b
    Example:
      kg communities --members 3
    """
    from kg.views.analysis import communities as find

    for c in find(load_collapsed(store_dir, **filters), members=members):
        click.echo(printable(f"{c.index:>3}  {c.size:>4} entities  {', '.join(c.members)}"))


@click.command()
@click.argument("name")
@view_options
@store_option
def timeline(name: str, store_dir: str, **filters) -> None:
    """Events of an entity or place (and places inside it) in date order, with who claims them.

    \b
    Examples:
      kg timeline Kupiansk
      kg timeline "Valery Gerasimov" --since 2025-11-01
    """
    from kg.views.timeline import format_timeline
    from kg.views.timeline import timeline as events_of

    for line in format_timeline(events_of(load_view(store_dir, "events", **filters), name)):
        click.echo(printable(line))


@click.command()
@click.argument("entity")
@store_option
def explain(entity: str, store_dir: str) -> None:
    """Show an entity: IRI, class, names with the reason and article of each merge, articles, links.

    \b
    Example:
      kg explain Kupyansk
    """
    from kg.views.explain import explain_entity, format_explanation

    with open_store(store_dir) as store:
        explanation = explain_entity(store, entity)
    for line in format_explanation(explanation):
        click.echo(line)


@click.command()
@click.argument("place", required=False)
@click.option("--min-confidence", type=float, help="Leave out claims below this confidence (0 to 1).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_option
def contested(place: str | None, min_confidence: float | None, fmt: str, store_dir: str) -> None:
    """Places where sources disagree about control, every claim side by side with who makes it.

    \b
    Examples:
      kg contested
      kg contested Kupiansk --min-confidence 0.6
    """
    from kg.views.claims import contested as find
    from kg.views.claims import format_contests

    with open_store(store_dir) as store:
        contests = find(store, place, min_confidence)
    click.echo(format_contests(contests, fmt))
