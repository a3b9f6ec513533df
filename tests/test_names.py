"""kg.names: spelling keys and the one entity lookup, over a networkx view and over a store, with one message."""

import networkx as nx
import pytest

from kg.errors import EntityNotFound, KgError
from kg.names import ALIAS, Name, find, find_entity, find_node, suggest
from kg.rdf.iris import entity_iri
from kg.views.projection import to_networkx


def iri(label: str, type_: str, geonames: int | None = None) -> str:
    return entity_iri({"label": label, "type": type_, "geonames": geonames}).value


GERASIMOV = iri("Valery Gerasimov", "Person")
ZELENSKY = iri("Volodymyr Zelensky", "Person")


@pytest.fixture(scope="module")
def graph(records_store) -> nx.MultiGraph:
    return to_networkx(records_store)


@pytest.mark.parametrize("text", ["Valery Gerasimov", "valery gerasimov", "  GERASIMOV ", "Valerie Gerasimov",
                                  "Valeriy Gerasimov", GERASIMOV])
def test_find_node_by_label_alias_or_spelling(graph, text):
    assert find_node(graph, text) == GERASIMOV


def test_find_node_prefers_labels_and_folds_transliterations(graph):
    assert find_node(graph, "Kiev") == iri("Kyiv", "Place", 703448)
    assert find_node(graph, "Zelenskiy") == ZELENSKY
    assert find_node(graph, "<script>alert(1)</script>") == iri("<script>alert(1)</script>", "Organization")


@pytest.mark.parametrize("text, label", [
    ("Zelenskyy", "Volodymyr Zelensky"),
    ("kharkiv region", "Kharkiv Oblast"),
    ("Kharkov Oblast", "Kharkiv Oblast"),
    (GERASIMOV, "Valery Gerasimov"),
    ("  valery   GERASIMOV ", "Valery Gerasimov"),
])
def test_find_entity_in_a_store(records_store, graph, text, label):
    (entity,) = [n for n, data in graph.nodes(data=True) if data.get("label") == label]
    assert find_entity(records_store, text) == entity
    assert find_node(graph, text) == entity  # the same answer from the store and from its view


@pytest.mark.parametrize("text, message", [
    ("Nobody Atall", "no entity matches 'Nobody Atall'"),
    ("Gerasimow", "no entity matches 'Gerasimow'; did you mean Valery Gerasimov?"),
    ("https://w3id.org/kg-news/id/entity/person/nobody", "no entity matches 'https://w3id.org/kg-news/id/entity/person/nobody'"),
])
def test_unknown_names_raise_one_message_from_store_and_view(records_store, graph, text, message):
    for lookup, where in ((find_entity, records_store), (find_node, graph)):
        with pytest.raises(EntityNotFound) as info:
            lookup(where, text)
        assert str(info.value) == message
        assert isinstance(info.value, KgError)


def test_ties_go_to_the_heaviest_then_the_smallest_id():
    names = [Name("e:b", "Ivanov"), Name("e:a", "Ivanov"), Name("e:c", "Ivanov", weight=5)]
    assert find(names, "Ivanov") == "e:c"
    assert find(names[:2], "Ivanov") == "e:a"


def test_a_label_beats_an_alias_and_a_typed_name_beats_a_spelling_key():
    names = [Name("e:alias", "Kharkov", "Somewhere", ALIAS), Name("e:label", "Kharkiv")]
    assert find(names, "kharkov") == "e:alias"  # as typed, though only an alias
    assert find(names, "Kharkiiv") == "e:label"  # both by spelling key: the label wins


def test_suggestions_name_labels_once_best_first():
    names = [Name("e:1", "Valery Gerasimov"), Name("e:1", "Gerasimov", "Valery Gerasimov", ALIAS),
             Name("e:2", "Gennady Gerasimov")]
    assert suggest(names, "Gerasimow") == ["Valery Gerasimov", "Gennady Gerasimov"]
    assert suggest(names, "zzzz") == []
