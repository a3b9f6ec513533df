"""Commands that turn articles into records and RDF and store them, or take them out: ``ingest``, ``extract``,
``load``, ``remove``.

The library is imported inside each command so that ``kg --help`` loads only click (lazy imports).
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from kg.cli.common import open_store, store_option, wait_option, writer_lock
from kg.errors import KgError
from kg.text.escape import escape_serialized, printable


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some inputs were skipped.")
@click.option("--max-size", type=click.FloatRange(min=0), default=5.0, show_default=True, metavar="MB",
              help="Refuse articles (files, JSON Lines lines) larger than this many MB.")
@click.option("--encoding", help="Decode text files with this encoding instead of UTF-8 (e.g. cp1251).")
@wait_option
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes (one per core).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles parsed together before they are stored (smaller: less work lost if interrupted).")
@click.option("--publish-every", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="Show readers (queries run meanwhile) the stored batches at most this often.")
@store_option
def ingest(paths: tuple[Path, ...], keep_going: bool, max_size: float, encoding: str | None, wait: float,
           jobs: int, batch_size: int, publish_every: float, store_dir: str) -> None:
    """Extract articles (files or folders of .txt, .html, .jsonl) into the store.

    Prints a line per skipped input and a summary; exits 1 when anything was skipped, unless --keep-going.

    \b
    Example:
      kg ingest examples/articles --store kg-store --jobs 2
    """
    from kg.pipeline.ingest import ingest as run
    from kg.pipeline.ingest import summary
    from kg.text.articles import read_articles

    items = read_articles(paths, max_bytes=int(max_size * 2**20), encoding=encoding)  # streamed, never all in memory
    counts: dict[str, int] = {}
    lines = []
    with writer_lock(store_dir, wait), open_store(store_dir, create=True, write=True) as store, \
            click.progressbar(run(store, items, batch_size, jobs=jobs, publish_every=publish_every),
                              label="ingesting", file=sys.stderr) as bar:
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


@click.command()
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
    from kg.extract import extract_all
    from kg.pipeline.shards import parse_shard, take_shard, write_nquads
    from kg.rdf.serialize import records_to_trig
    from kg.text.articles import read_articles

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
    with output.open("w", encoding="utf-8") if output else nullcontext(None) as out:
        if fmt == "trig":
            trig = records_to_trig(zip(records, (a.content_hash for a in articles)))
            click.echo(escape_serialized(trig.encode("utf-8")).decode("utf-8"), nl=False, file=out)
        else:
            for record in records:
                line = escape_serialized(json.dumps(record, ensure_ascii=False).encode("utf-8")).decode("utf-8")
                click.echo(line, file=out)
    for err in (a for a in items if isinstance(a, KgError)):
        click.echo(f"error: {printable(str(err))}", err=True)
    if len(articles) < len(items):
        sys.exit(1)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
def load(files: tuple[Path, ...], store_dir: str) -> None:
    """Store the N-Quads written by `kg extract --format nquads`, article by article, like `kg ingest`.

    \b
    Example:
      kg load shard-1.nq shard-2.nq --store kg-store
    """
    from kg.pipeline.shards import load_nquads

    counts: dict[str, int] = {}
    with writer_lock(store_dir), open_store(store_dir, create=True, write=True) as store:
        for result in load_nquads(store, files):
            counts[result.status] = counts.get(result.status, 0) + 1
    click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no articles")


@click.command()
@click.argument("articles", nargs=-1, metavar="[NAME|IRI]...")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Remove every article from this source.")
@click.option("--before", metavar="YYYY-MM-DD", help="Remove every article dated before this day (with --source: from that source).")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed; change nothing.")
@wait_option
@store_option
def remove(articles: tuple[str, ...], sources: tuple[str, ...], before: str | None, dry_run: bool, wait: float,
           store_dir: str) -> None:
    """Remove articles by file name or article IRI, or by source and date, in one atomic write.

    Entities that only the removed articles supported go with them; a file name whose text another name also
    holds only loses that name.

    \b
    Examples:
      kg remove 01_kupiansk_capture_claim.txt --dry-run
      kg remove --source "Eastern Front Wire" --before 2025-11-01
    """
    from kg.store.remove import remove_articles

    if not (articles or sources or before):
        raise click.UsageError("name the articles to remove, or give --source or --before")
    with writer_lock(store_dir, wait, create=False), open_store(store_dir, write=True) as store:
        done = remove_articles(store, articles, sources, before, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for name in done.articles:
        click.echo(printable(f"article  {name}"))
    for label in done.entities:
        click.echo(printable(f"entity   {label}  (no other article supports it)"))
    tail = " (dry run: the store is unchanged)" if dry_run else ""
    click.echo(f"{verb} {len(done.articles)} article{'s' * (len(done.articles) != 1)} and "
               f"{len(done.entities)} unsupported entit{'ies' if len(done.entities) != 1 else 'y'}{tail}")
