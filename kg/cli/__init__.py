"""The ``kg`` command line: each command parses its options, makes one library call and prints the result.

This package is the only code that imports click. Commands live in modules by what they do (:mod:`.ingest`,
:mod:`.query`, :mod:`.analysis`, :mod:`.output`, :mod:`.admin`); each imports the library inside its body, so
``kg --help`` loads click and nothing else.
"""

from __future__ import annotations

import click

from kg.cli import admin, analysis, ingest, output, query
from kg.cli.common import KgGroup


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Turn news articles into a knowledge graph of actors, places and events.

    \b
    Example:
      kg ingest examples/articles && kg query reported-to
    """


for command in (ingest.ingest, ingest.extract, ingest.load, ingest.remove, query.query, query.list_saved,
                analysis.path, analysis.central, analysis.communities, analysis.timeline, analysis.explain,
                analysis.contested, output.render, output.export, admin.serve, admin.validate, admin.eval_,
                admin.reindex, admin.stats):
    main.add_command(command)

__all__ = ["main"]
