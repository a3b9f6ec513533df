"""Find the data files shipped with kg: the ``ontology/`` and ``queries/`` folders.

A wheel ships them inside the package (``kg/ontology``, ``kg/queries``); a checkout has them at its root.

>>> resource("ontology", "kg.ttl").name
'kg.ttl'
>>> resource_dir("ontology") == resource("ontology", "kg.ttl").parent
True
>>> resource("ontology", "missing.ttl")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.KgError: no file 'missing.ttl' in ontology/ (looked in ...)
"""

from pathlib import Path

import kg
from kg.errors import KgError

KINDS = ("ontology", "queries")


def _candidates(kind: str) -> tuple[Path, Path]:
    """Return where ``kind`` can live: inside the installed package, then at the checkout root."""
    package = Path(kg.__file__).resolve().parent
    return package / kind, package.parent / kind


def resource_dir(kind: str) -> Path:
    """Return the folder holding the ``kind`` files (``ontology`` or ``queries``)."""
    if kind not in KINDS:
        raise KgError(f"unknown resource kind {kind!r}; expected one of {', '.join(KINDS)}")
    for folder in _candidates(kind):
        if folder.is_dir():
            return folder
    raise KgError(f"no {kind}/ folder (looked in {', '.join(str(p) for p in _candidates(kind))})")


def resource(kind: str, name: str) -> Path:
    """Return the path of file ``name`` in the ``kind`` folder, from the package if it has one, else the checkout."""
    if kind not in KINDS:
        raise KgError(f"unknown resource kind {kind!r}; expected one of {', '.join(KINDS)}")
    for folder in _candidates(kind):
        if (folder / name).is_file():
            return folder / name
    raise KgError(f"no file {name!r} in {kind}/ (looked in {', '.join(str(p) for p in _candidates(kind))})")
