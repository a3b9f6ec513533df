"""Commands that look after a store or the extractor: ``serve``, ``validate``, ``reindex``, ``stats``, ``eval``.

The library is imported inside each command so that ``kg --help`` loads only click (lazy imports).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.common import open_store, store_option, wait_option, writer_lock
from kg.text.escape import printable


@click.command()
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Address to listen on (keep 127.0.0.1 unless others must reach it).")
@click.option("--timeout", "timeout_s", type=int, default=60, show_default=True, help="Query time limit in seconds.")
@click.option("--cors", "origins", multiple=True, metavar="ORIGIN",
              help="Let web pages from this origin (https://host[:port]) read the endpoint; repeatable. Off by default.")
@store_option
def serve(bind: str, timeout_s: int, origins: tuple[str, ...], store_dir: str) -> None:
    """Serve the local store read-only as a SPARQL 1.1 endpoint (Oxigraph server) until Ctrl-C or SIGTERM.

    Web pages from other origins cannot read it unless --cors names their origin.

    \b
    Example:
      kg serve --store kg-store --bind 127.0.0.1:7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' http://127.0.0.1:7878/query
    """
    from kg.store.serve import endpoint_url
    from kg.store.serve import serve as run

    click.echo(f"serving {store_dir} read-only at {endpoint_url(bind)} (Ctrl-C stops)", err=True)
    sys.exit(run(store_dir, bind, timeout_s=timeout_s, cors=origins))


@click.command()
@store_option
def validate(store_dir: str) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl.

    A big store is checked in parts (article graphs with the entities they mention), with progress on stderr.

    \b
    Example:
      kg validate
    """
    from kg.rdf.shapes import describe, validate_store

    def progress(done: int, total: int) -> None:
        if done < total:
            click.echo(f"checked {done:,} of {total:,} graphs", err=True)

    with open_store(store_dir) as store:
        violations = validate_store(store, progress=progress)
    for v in violations:
        click.echo(printable(describe(v)))
    if violations:
        raise click.ClickException(f"{len(violations)} violations")
    click.echo("valid: the store conforms to the shapes")


@click.command()
@wait_option
@store_option
def reindex(wait: float, store_dir: str) -> None:
    """Upgrade a store built by an older kg: re-mint entity IRIs and record this kg's versions.

    \b
    Example:
      kg reindex --store kg-store
    """
    from kg.store.reindex import reindex as run
    from kg.store.version import describe

    with writer_lock(store_dir, wait, create=False):
        result = run(store_dir)
    click.echo(f"reindexed {store_dir}: {result.entities} entity IRIs re-minted, {result.quads} quads rewritten; "
               f"now kg {result.record['kg']}, {describe(result.record)}")


@click.command()
@store_option
def stats(store_dir: str) -> None:
    """Counts of articles, entities, relations, events and quads in the store.

    \b
    Example:
      kg stats
    """
    with open_store(store_dir) as store:
        counts = store.stats()
        published = store.snapshot.published if getattr(store, "snapshot", None) else None
    for key, value in counts.items():
        click.echo(f"{key:<10}{value:>8}")
    if published:
        click.echo(f"as of     {published}")


@click.command("eval")
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
    from kg.eval.report import format_report
    from kg.eval.score import evaluate_files

    report = evaluate_files(gold, articles_dir)
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))
