"""Parameters written into the query text as constants give the rows a substituted variable gives."""

import pyoxigraph as ox
import pytest

from kg.store.bind import bind_constants
from kg.views.queries import bindings, load_query, run_query
from kg.store.sparql import with_prefixes

CASES = [("timeline", {"place": "Kupiansk"}), ("units-near", {"place": "Kupiansk"}),
         ("about", {"entity": "Valery Gerasimov"}), ("articles-mentioning", {"entity": "Volodymyr Zelensky"}),
         ("aliases", {"entity": "Kupiansk"}), ("relations", {"min_confidence": "0.7"}),
         ("claims-by-source", {"min_confidence": "0.7"}), ("contested-control", {"min_confidence": "0.7"})]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[c[0] for c in CASES])
def test_constants_match_substitution(records_store, name, params):
    query = load_query(name)
    terms = bindings(records_store, query, params)
    text = with_prefixes(query.text)
    assert bind_constants(text, terms) != text
    def rows(result):
        return sorted(tuple(str(row[v]) for v in result.variables) for row in result)

    raw = records_store._store
    substituted = raw.query(text, substitutions={ox.Variable(k): v for k, v in terms.items()},
                            use_default_graph_as_union=True)
    constants = raw.query(bind_constants(text, terms), use_default_graph_as_union=True)
    expected = rows(substituted)
    assert rows(constants) == expected and expected
    assert len(run_query(records_store, query, params)) == len(expected)


def test_met_for_one_person_is_the_rows_that_name_them(records_store):
    everyone = run_query(records_store, "met", {})
    zelensky = run_query(records_store, "met", {"person": "Zelensky"})
    a, b = everyone.columns.index("aLabel"), everyone.columns.index("bLabel")
    expected = [row for row in everyone.rows if "Volodymyr Zelensky" in (row[a], row[b])]
    assert zelensky.rows == expected and expected
    assert len({(row[a], row[b]) for row in everyone.rows}) == len(everyone.rows)


@pytest.mark.parametrize("text", [
    "SELECT * { ?a <p> ?b }",
    "SELECT ?b { BIND(1 AS ?a) ?b <p> ?a }",
    "SELECT ?b { VALUES ?a { 1 } ?b <p> ?a }",
])
def test_unbindable_text_falls_back(text):
    assert bind_constants(text, {"a": ox.Literal("x")}) is None


def test_strings_comments_and_iris_are_left_alone():
    text = 'SELECT ?b { # ?a here\n ?b <http://e.org/?a> "?a" , """?a""" , ?a }'
    assert bind_constants(text, {"a": ox.Literal("x")}) == \
        'SELECT ?b { # ?a here\n ?b <http://e.org/?a> "?a" , """?a""" , "x" }'
