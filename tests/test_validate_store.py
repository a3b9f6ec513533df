"""kg.rdf.shapes.validate_store: a store is validated part by part (article graphs with the descriptions they need)
and finds what validating the whole store at once finds."""

import pytest
from graph_fixture import make_store, synthetic_records

from kg.rdf.shapes import describe, store_parts, validate, validate_store

KG = "https://w3id.org/kg-news/ontology#"
ENTITIES = "https://w3id.org/kg-news/id/graph/entities"


@pytest.fixture
def store(tmp_path):
    """The three hand-written articles and three synthetic ones (several parts at a small batch size)."""
    with make_store(tmp_path / "store", extra=synthetic_records(30, per_article=10)) as opened:
        yield opened


def first_event(store, article: str) -> tuple[str, str]:
    row = store.query(f"""SELECT ?e ?g WHERE {{ GRAPH ?g {{ ?g <{KG}fileName> "{article}" . ?e <{KG}article> ?g ;
                          a <{KG}Capture> }} }} ORDER BY ?e LIMIT 1""")
    if not row:
        row = store.query(f"""SELECT ?e ?g WHERE {{ GRAPH ?g {{ ?g <{KG}fileName> "{article}" .
                              ?e <{KG}article> ?g ; <{KG}polarity> ?p }} }} ORDER BY ?e LIMIT 1""")
    return row[0]["e"].value, row[0]["g"].value


@pytest.mark.parametrize("batch", [1, 10**6])
def test_a_good_store_is_valid_in_any_parts(store, batch):
    assert validate_store(store, batch_quads=batch) == []


def test_parts_hold_every_graph_and_only_the_descriptions_they_need(store):
    parts = list(store_parts(store, batch_quads=1))
    graphs = {q.graph_name for _, _, part in parts for q in part}
    assert graphs == set(store.graphs())
    articles = len(store.graphs()) - 1
    assert len(parts) == articles and parts[-1][:2] == (articles, articles)
    article = next(part for _, _, part in parts if any(q.graph_name.value != ENTITIES for q in part))
    mentioned = {t for q in article if q.graph_name.value != ENTITIES for t in (q.subject, q.object)}
    assert {q.subject for q in article if q.graph_name.value == ENTITIES} <= mentioned
    [whole] = list(store_parts(store))
    assert sorted(map(str, whole[2])) == sorted(map(str, store.quads()))


@pytest.mark.parametrize("batch", [1, 500, 10**6])
def test_a_bad_article_among_good_ones_reports_exactly_its_violation(store, batch):
    event, graph = first_event(store, "synthetic-0001.txt")
    store.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{event}> <{KG}killed> -3 }} }}')
    found = validate_store(store, batch_quads=batch)
    assert [describe(v) for v in found] == [
        f"<{event}> (kg:killed): Event count of killed must be a non-negative xsd:integer"]
    assert found == validate(store.quads())


def test_an_entity_no_article_mentions_is_checked_too(store):
    orphan = "https://w3id.org/kg-news/id/entity/person/nobody-at-all"
    store.update(f"INSERT DATA {{ GRAPH <{ENTITIES}> {{ <{orphan}> a <{KG}Person> }} }}")
    expected = validate(store.quads())
    assert [describe(v) for v in expected] == [f"<{orphan}> (rdfs:label): Entity has no label (rdfs:label)"]
    assert validate_store(store, batch_quads=1) == expected


def test_an_entity_damaged_in_the_entities_graph_is_reported_once(store):
    putin = "https://w3id.org/kg-news/id/entity/person/vladimir-putin"
    store.update(f"DELETE WHERE {{ GRAPH <{ENTITIES}> {{ <{putin}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}")
    found = validate_store(store, batch_quads=1)
    assert [describe(v) for v in found] == [f"<{putin}> (rdfs:label): Entity has no label (rdfs:label)"]
    assert found == validate(store.quads())


def test_progress_is_reported_per_part(store):
    seen = []
    validate_store(store, batch_quads=400, progress=lambda done, total: seen.append((done, total)))
    total = len(store.graphs()) - 1
    assert seen[-1] == (total, total) and len(seen) > 1 and [d for d, _ in seen] == sorted(d for d, _ in seen)
