"""Commands that run SPARQL: ``query`` (saved, file or text) and ``queries`` (the list).

The library is imported inside each command so that ``kg --help`` loads only click (lazy imports).
"""

from __future__ import annotations

import click

from kg.cli.common import open_store, store_option, writer_lock


@click.command()
@click.argument("name", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a saved query.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--allow-update", is_flag=True, help="Let a SPARQL UPDATE change the store (refused otherwise).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Rows per page (default: 100 for a table, every row for csv and json).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Rows to skip.")
@click.option("--all", "every_row", is_flag=True, help="Every row, however many.")
@store_option
def query(name: str | None, sparql: str | None, params: tuple[str, ...], fmt: str, allow_update: bool,
          limit: int | None, offset: int, every_row: bool, store_dir: str) -> None:
    """Run a saved query by name, a .rq file, or --sparql text (read-only unless --allow-update).

    A table shows the first 100 rows and says how many more there are.

    \b
    Examples:
      kg query reported-to
      kg query timeline --param place=Kupiansk --format json
      kg query --sparql 'SELECT ?s WHERE { ?s a kg:Person }'
    """
    from kg.store.sparql import is_update, run_update
    from kg.views.pages import PAGE
    from kg.views.queries import format_result, load_query, run_query

    if allow_update and sparql and is_update(sparql):
        with writer_lock(store_dir, create=False), open_store(store_dir, write=True) as store:
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
    if limit is None and fmt == "table" and not every_row:
        limit = PAGE
    with open_store(store_dir) as store:
        result = run_query(store, load_query(name) if name else sparql, bound, None if every_row else limit, offset)
    click.echo(format_result(result, fmt))


@click.command("queries")
def list_saved() -> None:
    """List the saved queries with their parameters.

    \b
    Example:
      kg queries
    """
    from kg.views.queries import list_queries

    for q in list_queries():
        params = " ".join(f"[{p.name}]" if p.optional else p.name for p in q.params)
        click.echo(f"{q.name:<22} {q.title}" + (f"  (params: {params})" if params else ""))
