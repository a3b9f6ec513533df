"""The exception tree of kg: every error a user can cause is a :class:`KgError`.

The CLI turns these into one-line messages and exit code 1 at a single choke point (:class:`kg.cli.common.KgGroup`).
"""


class KgError(Exception):
    """Base class of errors caused by input or state, not by a bug."""


class ArticleError(KgError):
    """An article cannot be read: unknown format, undecodable bytes, empty, bad JSON."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreBusy(StoreError):
    """Another kg process holds the store's writer lock."""


class QueryError(KgError):
    """A saved query is unknown, a parameter is missing or malformed, or SPARQL is invalid."""


class EntityNotFound(KgError):
    """A name given on the command line matches no entity in the store."""


class GoldError(KgError):
    """A gold file does not follow the format of shared/gold/README.md."""
