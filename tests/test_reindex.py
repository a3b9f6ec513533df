"""Version records and `kg reindex`: an older store is refused with what to run, and reindexing restores it."""

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import version as meta
from kg.cli import main
from kg.errors import StoreError
from kg.store.reindex import reindex
from kg.store.local import Store
from kg.pipeline.ingest import ingest
from kg.text.articles import read_articles
from tests.graph_fixture import make_store
from tests.store_digest import fingerprint

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def age(location, record) -> None:
    """Make a store look built by an older kg: old-style IRIs for every person, and the given record."""
    with Store(location, check_version=False) as store:
        people = {q.subject for q in store.quads() if q.object == ox.NamedNode(meta_person())}
        mapping = {p: ox.NamedNode(p.value.rsplit("/", 1)[0] + "/x" + str(n)) for n, p in enumerate(sorted(
            people, key=str))}
        old = [q for q in store.quads() if q.subject in mapping or q.object in mapping]
        store.rewrite(old, [ox.Quad(mapping.get(q.subject, q.subject), q.predicate, mapping.get(q.object, q.object),
                                    q.graph_name) for q in old])
    if record is None:
        (location / meta.META_FILE).unlink()
    else:
        meta.write_record(location, record)


def meta_person() -> str:
    from kg.rdf.vocab import NS

    return NS + "Person"


@pytest.fixture
def built(tmp_path):
    location = tmp_path / "s"
    make_store(location).close()
    return location


def test_new_store_records_this_kg(built):
    record = json.loads((built / meta.META_FILE).read_text())
    generation = record.pop("generation")  # renewed by each session's first write (kg.store.cache)
    assert len(generation) == 32 and record == meta.current()
    assert record["iri_scheme"] == meta.IRI_SCHEME and record["ontology"] == meta.ONTOLOGY_VERSION


def test_ontology_version_matches_the_ontology():
    from rdflib import Graph
    from rdflib.namespace import OWL

    from kg.resources import resource

    versions = set(Graph().parse(resource("ontology", "kg.ttl")).objects(None, OWL.versionInfo))
    assert {str(v) for v in versions} == {meta.ONTOLOGY_VERSION}


@pytest.mark.parametrize(("record", "message"), [
    (dict(meta.current(), iri_scheme=1, kg="0.0.9"),
     "Error: store {s} was built by kg 0.0.9 (ontology %s, IRI scheme 1); this kg {v} uses ontology %s, "
     "IRI scheme 2: run `kg reindex --store {s}`" % (meta.ONTOLOGY_VERSION, meta.ONTOLOGY_VERSION)),
    (None, "Error: store {s} has no version record (built by an older kg): run `kg reindex --store {s}`"),
])
def test_older_store_is_refused_then_reindexed(runner, built, record, message):
    before = fingerprint(built)
    age(built, record)
    result = runner.invoke(main, ["stats", "--store", str(built)])
    assert result.exit_code == 1
    assert result.output.strip() == message.format(s=built, v=meta.kg_version())
    result = runner.invoke(main, ["reindex", "--store", str(built)])
    assert result.exit_code == 0, result.output
    assert re.match(rf"reindexed {re.escape(str(built))}: 5 entity IRIs re-minted, [1-9]\d* quads rewritten; ", result.output)
    assert fingerprint(built) == before
    assert runner.invoke(main, ["stats", "--store", str(built)]).exit_code == 0
    assert reindex(built).entities == 0


def test_reindex_gives_older_events_their_date_precision(tmp_path):
    location = tmp_path / "s"
    with Store(location) as store:
        list(ingest(store, read_articles([EXAMPLES])))
    before = fingerprint(location)
    precision = ox.NamedNode("https://w3id.org/kg-news/ontology#datePrecision")
    with Store(location) as store:
        old = [q for q in store.quads() if q.predicate == precision]
        assert old, "the examples have dated events"
        store.rewrite(old, [])
    meta.write_record(location, dict(meta.current(), ontology="0.2.0"))
    with pytest.raises(StoreError, match="kg reindex"):
        Store(location)
    reindex(location)
    assert fingerprint(location) == before


def test_newer_store_says_upgrade_kg(runner, built):
    meta.write_record(built, dict(meta.current(), iri_scheme=99, kg="9.0"))
    result = runner.invoke(main, ["query", "entities", "--store", str(built)])
    assert result.exit_code == 1
    assert result.output.strip().endswith("newer than this kg %s (ontology %s, IRI scheme 2): upgrade kg to use it"
                                          % (meta.kg_version(), meta.ONTOLOGY_VERSION))
    with pytest.raises(StoreError, match="upgrade kg"):
        Store(built)


def test_reindex_needs_a_store(runner, tmp_path):
    result = runner.invoke(main, ["reindex", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: no store at {tmp_path / 'none'} (run `kg ingest` first)"
    assert not (tmp_path / "none").exists()


def test_reindexing_a_store_this_kg_built_changes_nothing(tmp_path):
    """News outlets are minted as organisations: reindex must agree with ingest on every IRI."""
    location = tmp_path / "examples"
    with Store(location) as store:
        list(ingest(store, read_articles([EXAMPLES])))
        assert store.query("ASK { GRAPH ?g { ?e a kg:NewsOutlet } }")[0]["ask"].value == "true"
    before = fingerprint(location)
    result = reindex(location)
    assert (result.entities, result.quads) == (0, 0)
    assert fingerprint(location) == before


def test_a_store_of_ontology_0_1_gets_what_each_article_supports(runner, tmp_path):
    """A store written before articles recorded what they support is refused, then reindexed so that removing an
    article takes back only what no other article supports."""
    location = tmp_path / "old"
    with Store(location) as store:
        list(ingest(store, read_articles([EXAMPLES])))
        support = [q for q in store.quads() if q.predicate.value.endswith("#description")]
        store.rewrite(support, [])
    meta.write_record(location, dict(meta.current(), ontology="0.1.0"))
    assert runner.invoke(main, ["stats", "--store", str(location)]).exit_code == 1
    result = runner.invoke(main, ["reindex", "--store", str(location)])
    assert result.exit_code == 0, result.output
    with Store(location) as store:
        migrated = {(q.subject, q.graph_name) for q in store.quads() if q.predicate.value.endswith("#description")}
        assert migrated and {(q.subject, q.graph_name) for q in support} <= migrated
    result = runner.invoke(main, ["remove", "01_kupiansk_capture_claim.txt", "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert "entity   Siversk  (no other article supports it)" in result.output
    assert runner.invoke(main, ["validate", "--store", str(location)]).exit_code == 0
