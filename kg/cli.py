"""The ``kg`` command line: each command parses its options, makes one library call and prints the result."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from kg.errors import KgError


class KgGroup(click.Group):
    """Turns every :class:`KgError` into a one-line message and exit code 1, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None


def store_option(fn):
    """``--store DIR|URL``: where the RDF store lives (``$KG_STORE`` or ``./kg-store``)."""
    return click.option("--store", "store_dir", envvar="KG_STORE", default="kg-store", show_default=True,
                        metavar="DIR|URL", help="Store directory or http(s):// SPARQL endpoint (or $KG_STORE).")(fn)


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
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes (one per core).")
@store_option
def ingest(paths: tuple[Path, ...], jobs: int, store_dir: str) -> None:
    """Extract articles (files or folders of .txt, .html, .jsonl) into the store.

    \b
    Example:
      kg ingest examples/articles --store kg-store --jobs 2
    """
    from kg.articles import read_articles
    from kg.ingest import ingest as run

    items = list(read_articles(paths))
    counts: dict[str, int] = {}
    errors = []
    with open_store(store_dir, create=True) as store, \
            click.progressbar(run(store, items, jobs=jobs), length=len(items), label="ingesting", file=sys.stderr) as bar:
        for result in bar:
            counts[result.status] = counts.get(result.status, 0) + 1
            if result.status == "error":
                errors.append(result.message)
    for message in errors:
        click.echo(f"error: {message}", err=True)
    click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no articles")
    if errors:
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
        click.echo(records_to_trig(zip(records, (a.content_hash for a in articles))), nl=False)
    else:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    for err in (a for a in items if isinstance(a, KgError)):
        click.echo(f"error: {err}", err=True)
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
    with open_store(store_dir, create=True) as store:
        for result in load_nquads(store, files):
            counts[result.status] = counts.get(result.status, 0) + 1
    click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no articles")


@main.command()
@click.argument("name", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a saved query.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@store_option
def query(name: str | None, sparql: str | None, params: tuple[str, ...], fmt: str, store_dir: str) -> None:
    """Run a saved query by name, a .rq file, or --sparql text.

    \b
    Examples:
      kg query reported-to
      kg query timeline --param place=Kupiansk --format json
      kg query --sparql 'SELECT ?s WHERE { ?s a kg:Person }'
    """
    from kg.queries import format_result, load_query, run_query

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


@main.command()
@click.argument("source")
@click.argument("target")
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@store_option
def path(source: str, target: str, min_confidence: float, store_dir: str) -> None:
    """Shortest path between two entities, each hop with its predicate, evidence and article.

    \b
    Example:
      kg path "Dan Driscoll" "Valery Gerasimov"
    """
    from kg.analysis import explain_path, shortest_path
    from kg.network import to_networkx

    with open_store(store_dir) as store:
        graph = to_networkx(store, min_confidence=min_confidence)
    for line in explain_path(shortest_path(graph, source, target)):
        click.echo(line)


@main.command()
@click.option("--top", type=int, default=10, show_default=True)
@click.option("--all-kinds", is_flag=True, help="Rank places too, not only actors.")
@store_option
def central(top: int, all_kinds: bool, store_dir: str) -> None:
    """Rank entities by PageRank, betweenness and degree.

    \b
    Example:
      kg central --top 10
    """
    from kg.analysis import centrality
    from kg.network import to_networkx

    with open_store(store_dir) as store:
        graph = to_networkx(store)
    ranks = centrality(graph, top=top, kinds=None if all_kinds else ("Actor",))
    click.echo(f"{'entity':<34}{'class':<14}{'pagerank':>9}{'betweenness':>12}{'degree':>7}")
    for r in ranks:
        click.echo(f"{r.label[:33]:<34}{r.cls:<14}{r.pagerank:>9.4f}{r.betweenness:>12.4f}{r.degree:>7}")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="graph.html", show_default=True)
@store_option
def render(output: Path, store_dir: str) -> None:
    """Write an interactive HTML graph that opens offline.

    \b
    Example:
      kg render -o out/graph.html
    """
    from kg.network import to_networkx
    from kg.render import render as draw

    with open_store(store_dir) as store:
        graph = to_networkx(store)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(draw(graph), encoding="utf-8")
    click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "turtle", "nquads", "jsonld"]), default="trig", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@store_option
def export(fmt: str, output: Path | None, store_dir: str) -> None:
    """Export the whole store for another triple store.

    \b
    Example:
      kg export --format trig -o out/graph.trig
    """
    from kg.export import export as dump

    with open_store(store_dir) as store:
        data = dump(store, fmt)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        click.echo(f"wrote {output} ({fmt})")


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
        click.echo(describe(v))
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
