"""The ``kg`` command line: each command parses its options, makes one library call and prints the result."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from kg.errors import KgError
from kg.escape import escape_serialized, printable


class KgGroup(click.Group):
    """Turns every :class:`KgError` into a one-line message and exit code 1, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(printable(str(exc))) from None
        except KeyboardInterrupt:
            raise click.Abort() from None


def store_option(fn):
    """``--store DIR|URL``: where the RDF store lives (``$KG_STORE`` or ``./kg-store``)."""
    return click.option("--store", "store_dir", envvar="KG_STORE", default="kg-store", show_default=True,
                        metavar="DIR|URL", help="Store directory or http(s):// SPARQL endpoint (or $KG_STORE).")(fn)


def writer_lock(store_dir: str, wait: float = 0.0, create: bool = True):
    """The store's single-writer lock; a SPARQL endpoint orders writers itself."""
    from contextlib import nullcontext

    from kg.lock import write_lock
    from kg.remote import is_remote

    return nullcontext() if is_remote(store_dir) else write_lock(store_dir, wait, create=create)


def open_store(store_dir: str, create: bool = False):
    from kg.store import open_store as open_any

    return open_any(store_dir, create=create)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Turn news articles into a knowledge graph of actors, places and events.

    \b
    Example:
      kg ingest examples/articles && kg query reported-to
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some inputs were skipped.")
@click.option("--max-size", type=click.FloatRange(min=0), default=5.0, show_default=True, metavar="MB",
              help="Refuse articles (files, JSON Lines lines) larger than this many MB.")
@click.option("--encoding", help="Decode text files with this encoding instead of UTF-8 (e.g. cp1251).")
@click.option("--wait", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SECONDS",
              help="Wait this long for another kg process writing the store.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes (one per core).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles parsed together before they are stored (smaller: less work lost if interrupted).")
@store_option
def ingest(paths: tuple[Path, ...], keep_going: bool, max_size: float, encoding: str | None, wait: float,
           jobs: int, batch_size: int, store_dir: str) -> None:
    """Extract articles (files or folders of .txt, .html, .jsonl) into the store.

    Prints a line per skipped input and a summary; exits 1 when anything was skipped, unless --keep-going.

    \b
    Example:
      kg ingest examples/articles --store kg-store --jobs 2
    """
    from kg.articles import read_articles
    from kg.ingest import ingest as run
    from kg.ingest import summary

    items = read_articles(paths, max_bytes=int(max_size * 2**20), encoding=encoding)  # streamed, never all in memory
    counts: dict[str, int] = {}
    lines = []
    with writer_lock(store_dir, wait), open_store(store_dir, create=True) as store, \
            click.progressbar(run(store, items, batch_size, jobs=jobs), label="ingesting", file=sys.stderr) as bar:
        for result in bar:
            counts[result.status] = counts.get(result.status, 0) + 1
            lines += [f"note: {n}" for n in result.notes]
            if result.status == "skipped":
                lines.append(f"skipped: {result.message}")
    for line in lines:
        click.echo(printable(line), err=True)
    click.echo(summary(counts))
    if counts.get("skipped") and not keep_going:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "trig", "nquads"]), default="jsonl", show_default=True)
@click.option("--shard", metavar="K/N", help="Only every N-th article, starting at the K-th (1-based).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def extract(paths: tuple[Path, ...], fmt: str, shard: str | None, output: Path | None) -> None:
    """Print the extraction record of each article (JSON Lines) or the RDF it would store (TriG, N-Quads).

    N-Quads streams article by article; with --shard K/N several jobs split one file list, and
    `kg load` stores their outputs with the same result as `kg ingest`.

    \b
    Examples:
      kg extract examples/articles/03_driscoll_zelensky_kyiv.txt --format trig
      kg extract examples/articles --format nquads --shard 1/2 -o shard-1.nq
    """
    from kg.articles import read_articles
    from kg.build import records_to_trig
    from kg.bulk import parse_shard, take_shard, write_nquads
    from kg.extract import extract_all

    items = list(read_articles(paths))
    if shard:
        items = list(take_shard(items, parse_shard(shard)))
    if fmt == "nquads":
        articles = [a for a in items if not isinstance(a, KgError)]
        with output.open("wb") if output else nullcontext(click.get_binary_stream("stdout")) as out:
            write_nquads(articles, out)
        for err in (a for a in items if isinstance(a, KgError)):
            click.echo(f"error: {err}", err=True)
        if len(articles) < len(items):
            sys.exit(1)
        return
    articles = [a for a in items if not isinstance(a, KgError)]
    records = list(extract_all(articles))
    if fmt == "trig":
        trig = records_to_trig(zip(records, (a.content_hash for a in articles)))
        click.echo(escape_serialized(trig.encode("utf-8")).decode("utf-8"), nl=False)
    else:
        for record in records:
            click.echo(escape_serialized(json.dumps(record, ensure_ascii=False).encode("utf-8")).decode("utf-8"))
    for err in (a for a in items if isinstance(a, KgError)):
        click.echo(f"error: {printable(str(err))}", err=True)
    if len(articles) < len(items):
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
def load(files: tuple[Path, ...], store_dir: str) -> None:
    """Store the N-Quads written by `kg extract --format nquads`, article by article, like `kg ingest`.

    \b
    Example:
      kg load shard-1.nq shard-2.nq --store kg-store
    """
    from kg.bulk import load_nquads

    counts: dict[str, int] = {}
    with writer_lock(store_dir), open_store(store_dir, create=True) as store:
        for result in load_nquads(store, files):
            counts[result.status] = counts.get(result.status, 0) + 1
    click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no articles")


@main.command()
@click.argument("name", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a saved query.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--allow-update", is_flag=True, help="Let a SPARQL UPDATE change the store (refused otherwise).")
@store_option
def query(name: str | None, sparql: str | None, params: tuple[str, ...], fmt: str, allow_update: bool,
          store_dir: str) -> None:
    """Run a saved query by name, a .rq file, or --sparql text (read-only unless --allow-update).

    \b
    Examples:
      kg query reported-to
      kg query timeline --param place=Kupiansk --format json
      kg query --sparql 'SELECT ?s WHERE { ?s a kg:Person }'
    """
    from kg.queries import format_result, load_query, run_query
    from kg.sparql import is_update, run_update

    if allow_update and sparql and is_update(sparql):
        with writer_lock(store_dir, create=False), open_store(store_dir) as store:
            before, after = run_update(store, sparql)
        click.echo(f"update applied: {before} quads before, {after} after")
        return

    if bool(name) == bool(sparql):
        raise click.UsageError("give a saved query name or --sparql, not both")
    bound = {}
    for item in params:
        if "=" not in item:
            raise click.BadParameter(f"'{item}' is not K=V", param_hint="--param")
        key, value = item.split("=", 1)
        bound[key.strip()] = value
    with open_store(store_dir) as store:
        result = run_query(store, load_query(name) if name else sparql, bound)
    click.echo(format_result(result, fmt))


@main.command("queries")
def list_saved() -> None:
    """List the saved queries with their parameters.

    \b
    Example:
      kg queries
    """
    from kg.queries import list_queries

    for q in list_queries():
        params = " ".join(f"[{p.name}]" if p.optional else p.name for p in q.params)
        click.echo(f"{q.name:<22} {q.title}" + (f"  (params: {params})" if params else ""))


def view_options(fn):
    """``--class``, ``--since``, ``--until``, ``--source``, ``--min-confidence``: which part of the store to view."""
    options = [
        click.option("--class", "classes", multiple=True, metavar="CLASS",
                     help="Keep entities of this class (Person, Settlement..., or Actor/Place); repeatable."),
        click.option("--since", metavar="YYYY-MM-DD", help="Keep claims dated on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Keep claims dated on or before this day."),
        click.option("--source", "sources", multiple=True, metavar="NAME",
                     help="Keep claims from this article (file name, IRI or source); repeatable."),
        click.option("--min-confidence", type=float, default=0.0, show_default=True,
                     help="Keep claims at least this confident."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def view_filter(classes: tuple[str, ...], since: str | None, until: str | None, sources: tuple[str, ...],
                min_confidence: float):
    from kg.network import Filter

    return Filter(classes or None, since, until, sources or None, min_confidence)


def load_view(store_dir: str, name: str = "entities", **filters):
    """Open the store and project it to the named networkx view."""
    from kg.network import view

    with open_store(store_dir) as store:
        return view(store, name, view_filter(**filters))


@main.command()
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
    from kg.analysis import explain_path, paths

    found = paths(load_view(store_dir, **filters), source, target, k=k)
    for n, hops in enumerate(found, 1):
        if k > 1:
            click.echo(f"{'' if n == 1 else chr(10)}path {n} ({len(hops)} hop{'' if len(hops) == 1 else 's'})")
        for line in explain_path(hops):
            click.echo(printable(line))


@main.command()
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
    from kg.analysis import betweenness_samples, centrality, rank_table
    from kg.queries import format_result

    graph = load_view(store_dir, **filters)
    click.echo(format_result(rank_table(centrality(graph, top=top, kinds=types or None, by=by)), fmt))
    sampled = betweenness_samples(graph.number_of_nodes())
    if sampled:
        click.echo(f"betweenness sampled from {sampled} of {graph.number_of_nodes():,} entities (seed 1)", err=True)


@main.command()
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
    from kg.analysis import communities as find

    for c in find(load_view(store_dir, **filters), members=members):
        click.echo(printable(f"{c.index:>3}  {c.size:>4} entities  {', '.join(c.members)}"))


@main.command()
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
    from kg.timeline import format_timeline, timeline as events_of

    for line in format_timeline(events_of(load_view(store_dir, "events", **filters), name)):
        click.echo(printable(line))


@main.command()
@click.argument("entity")
@store_option
def explain(entity: str, store_dir: str) -> None:
    """Show an entity: IRI, class, names with the reason and article of each merge, articles, links.

    \b
    Example:
      kg explain Kupyansk
    """
    from kg.explain import explain_entity, format_explanation

    with open_store(store_dir) as store:
        explanation = explain_entity(store, entity)
    for line in format_explanation(explanation):
        click.echo(line)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="graph.html", show_default=True)
@click.option("--size-by", type=click.Choice(["pagerank", "degree", "betweenness", "eigenvector"]),
              default="pagerank", show_default=True, help="Centrality that sets node size (and the --top cap).")
@click.option("--focus", metavar="ENTITY", help="Draw only the ego network of this entity.")
@click.option("--hops", type=click.IntRange(min=0), default=2, show_default=True, help="Radius of --focus.")
@click.option("--top", type=click.IntRange(min=1), default=300, show_default=True,
              help="Draw at most this many entities, the most central first.")
@click.option("--all", "draw_all", is_flag=True, help="Lift the --top cap (large graphs get a Python layout).")
@click.option("--title", default="kg: actors, places and events", show_default=True)
@view_options
@store_option
def render(output: Path, size_by: str, focus: str | None, hops: int, top: int, draw_all: bool, title: str,
           store_dir: str, **filters) -> None:
    """Write an interactive HTML graph that opens offline (search box, class and date filters).

    \b
    Examples:
      kg render -o out/graph.html
      kg render --focus Kupiansk --hops 1 -o kupiansk.html
    """
    from kg.render import render_file

    shown = render_file(load_view(store_dir, **filters), output, measure=size_by, focus=focus, hops=hops,
                        max_nodes=None if draw_all else top, title=title)
    click.echo(f"wrote {output} ({shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges)")


@main.command()
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
    from kg.export import export as dump
    from kg.formats import GRAPH_FORMATS, export_graph

    with open_store(store_dir) as store:
        data = export_graph(store, fmt, view_filter(**filters)) if fmt in GRAPH_FORMATS else dump(store, fmt)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        click.echo(f"wrote {output} ({fmt})")


@main.command()
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
    from kg.claims import contested as find, format_contests

    with open_store(store_dir) as store:
        contests = find(store, place, min_confidence)
    click.echo(format_contests(contests, fmt))


@main.command()
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Address to listen on (keep 127.0.0.1 unless others must reach it).")
@click.option("--timeout", "timeout_s", type=int, default=60, show_default=True, help="Query time limit in seconds.")
@store_option
def serve(bind: str, timeout_s: int, store_dir: str) -> None:
    """Serve the local store read-only as a SPARQL 1.1 endpoint (Oxigraph server) until Ctrl-C.

    \b
    Example:
      kg serve --store kg-store --bind 127.0.0.1:7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' http://127.0.0.1:7878/query
    """
    from kg.serve import endpoint_url, serve as run

    click.echo(f"serving {store_dir} read-only at {endpoint_url(bind)} (Ctrl-C stops)", err=True)
    sys.exit(run(store_dir, bind, timeout_s=timeout_s))


@main.command()
@store_option
def validate(store_dir: str) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl.

    \b
    Example:
      kg validate
    """
    from kg.validate import describe, validate_store

    with open_store(store_dir) as store:
        violations = validate_store(store)
    for v in violations:
        click.echo(printable(describe(v)))
    if violations:
        raise click.ClickException(f"{len(violations)} violations")
    click.echo("valid: the store conforms to the shapes")


@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--articles", "articles_dir", required=True, type=click.Path(path_type=Path),
              help="Folder with the articles the gold file annotates.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold: Path, articles_dir: Path, as_json: bool) -> None:
    """Score extraction against a gold file (precision, recall, F1, attribute accuracy).

    \b
    Example:
      kg eval ../shared/gold/seeds.jsonl --articles ../shared/seeds
    """
    from kg.evaluate import evaluate_files, format_report

    report = evaluate_files(gold, articles_dir)
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))


@main.command()
@click.option("--wait", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SECONDS",
              help="Wait this long for another kg process writing the store.")
@store_option
def reindex(wait: float, store_dir: str) -> None:
    """Upgrade a store built by an older kg: re-mint entity IRIs and record this kg's versions.

    \b
    Example:
      kg reindex --store kg-store
    """
    from kg.lock import write_lock
    from kg.meta import describe
    from kg.reindex import reindex as run

    with write_lock(store_dir, wait, create=False):
        result = run(store_dir)
    click.echo(f"reindexed {store_dir}: {result.entities} entity IRIs re-minted, {result.quads} quads rewritten; "
               f"now kg {result.record['kg']}, {describe(result.record)}")


@main.command()
@store_option
def stats(store_dir: str) -> None:
    """Counts of articles, entities, relations, events and quads in the store.

    \b
    Example:
      kg stats
    """
    with open_store(store_dir) as store:
        counts = store.stats()
    for key, value in counts.items():
        click.echo(f"{key:<10}{value:>8}")
