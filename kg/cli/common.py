"""What every command shares: the error choke point, the ``--store`` and view options, opening a store."""

from __future__ import annotations

import click

from kg.errors import KgError
from kg.text.escape import printable


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


def wait_option(fn):
    """``--wait SECONDS``: how long a writing command waits for another writer."""
    return click.option("--wait", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SECONDS",
                        help="Wait this long for another kg process writing the store.")(fn)


def writer_lock(store_dir: str, wait: float = 0.0, create: bool = True):
    """The store's single-writer lock (none for a SPARQL endpoint)."""
    from kg.store.connect import writer_lock as lock  # lazy: keeps `kg --help` fast

    return lock(store_dir, wait, create)


def open_store(store_dir: str, create: bool = False, write: bool = False):
    """The store at ``--store`` (a folder or an endpoint): for a writer (holding :func:`writer_lock`; created only
    when ``create``), else the latest snapshot, with a line on stderr when a writer is at work meanwhile."""
    from kg.store.connect import open_store as open_any  # lazy: keeps `kg --help` fast
    from kg.store.snapshot import describe

    store = open_any(store_dir, create=create, write=write)
    if getattr(store, "writer_active", False):
        click.echo(describe(store.snapshot), err=True)
    return store


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
    from kg.views.projection import Filter  # lazy: keeps `kg --help` fast

    return Filter(classes or None, since, until, sources or None, min_confidence)


def load_view(store_dir: str, name: str = "entities", **filters):
    """Open the store and project it to the named networkx view."""
    from kg.views.kept import kept_view  # lazy: keeps `kg --help` fast

    with open_store(store_dir) as store:
        return kept_view(store, name, view_filter(**filters))
