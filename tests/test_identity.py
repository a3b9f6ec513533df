"""Identity: real spelling pairs of Ukrainian and Russian names merge, English namesakes and look-alike places
never do (tests/data/identity_pairs.tsv), with the same rule inside an article and across the store."""

import csv
from pathlib import Path

import pytest

from kg.extract.regional import regional
from kg.names import identity_key, same_name

PAIRS = Path(__file__).parent / "data" / "identity_pairs.tsv"


def pairs() -> list[tuple[str, str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter="\t")
        return [(a, b, expect) for a, b, expect, *_ in rows]


def test_the_table_holds_60_pairs_of_each_kind():
    kinds = [expect for _, _, expect in pairs()]
    assert kinds.count("merge") >= 60 and kinds.count("apart") >= 60
    assert set(kinds) == {"merge", "apart"}


@pytest.mark.parametrize(("a", "b", "expect"), pairs())
def test_identity_pair(a: str, b: str, expect: str) -> None:
    reason = same_name(a, b, regional)
    assert (reason is not None) == (expect == "merge"), (a, b, reason)
    assert same_name(b, a, regional) == reason  # symmetric
    if expect == "merge":
        assert identity_key(a) == identity_key(b)  # the bucket proposes the candidate
