"""A model-based test of the store's writes: add, replace, remove, rename and the same text under two names.

Hypothesis drives a store through random sequences of writes on a pool of small articles that share entities and
aliases. After every step: every entity an article mentions has its label and type; the entities graph holds
exactly what the stored articles support (no alias, type or entity without a supporter, none lost while one
remains); and the store equals, quad for quad, a fresh ingest of the remaining articles in their order of first
addition. The pool spells each entity the same way in every article, so no cross-article merge depends on which
article came first and the fresh ingest is always comparable. SHACL validation ends every tenth example.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test

import kg.pipeline.parallel
from kg.pipeline.ingest import ingest
from kg.rdf.iris import ENTITIES
from kg.rdf.shapes import validate_store
from kg.store.local import Store
from kg.store.remove import remove_articles
from kg.store.support import parse_description
from kg.text.articles import Article

EXAMPLES = int(os.environ.get("KG_MODEL_EXAMPLES", "200"))
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None  # the stores live in memory where they can
VALIDATE_EVERY = 10  # SHACL takes 0.4 s a store: every tenth example ends with `kg validate`
SENTENCES = (
    "Vladimir Putin met Valery Gerasimov in Moscow.",
    "Putin said Russian forces had captured Kupiansk.",
    "Ukraine said its troops still hold Kupiansk, which Russian sources spell Kupyansk.",
    "Volodymyr Zelensky visited Kharkiv.",
    "Zelensky spoke with Emmanuel Macron by phone.",
    "Russian forces attacked Kharkiv with drones.",
)
SOURCES = ("Kyiv Frontline Report", "Eastern Front Wire")
NAMES = ("a.txt", "b.txt", "c.txt", "d.txt")
TEXTS = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3, unique=True).map(" ".join)


def article(name: str, text: str) -> Article:
    """An article whose date and source follow from its text, so one text is always one article."""
    digest = int(hashlib.sha256(text.encode()).hexdigest(), 16)
    return Article(name=name, text=text, date=f"2025-11-{10 + digest % 18:02d}", source=SOURCES[digest % 2])


def quads(store: Store) -> set:
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in store.quads()}


@pytest.fixture(scope="module", autouse=True)
def cached_extraction():
    """Extract each text once: the model is what is tested here, not the extractor."""
    real, cache = kg.pipeline.parallel.extract_all, {}

    def extract_all(articles, batch_size=16):
        for a in articles:
            key = (a.name, a.text, a.date, a.source)
            if key not in cache:
                cache[key] = next(real([a]))
            yield cache[key]

    kg.pipeline.parallel.extract_all = extract_all
    yield
    kg.pipeline.parallel.extract_all = real


class StoreModel(RuleBasedStateMachine):
    """The store against a plain model: file name -> text, in order of first addition."""

    examples = 0

    @initialize()
    def open(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kg-model-", dir=SCRATCH))
        self.store, self.fresh = Store(self.folder / "store"), Store(self.folder / "fresh")
        self.model: dict[str, str] = {}
        StoreModel.examples += 1

    def teardown(self) -> None:
        if getattr(self, "store", None) is not None:
            if StoreModel.examples % VALIDATE_EVERY == 1:
                assert validate_store(self.store) == []
            self.store.close()
            self.fresh.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def ingest(self, name: str, text: str) -> None:
        results = list(ingest(self.store, [article(name, text)]))
        assert [r.status for r in results] != ["skipped"], results

    @rule(name=st.sampled_from(NAMES), text=TEXTS)
    def add_or_replace(self, name: str, text: str) -> None:
        self.ingest(name, text)
        self.model[name] = text

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def remove(self, data) -> None:
        name = data.draw(st.sampled_from(sorted(self.model)))
        remove_articles(self.store, names=[name])
        del self.model[name]

    @precondition(lambda self: self.model and len(self.model) < len(NAMES))
    @rule(data=st.data(), rename=st.booleans())
    def same_text_under_another_name(self, data, rename: bool) -> None:
        old = data.draw(st.sampled_from(sorted(self.model)))
        new = data.draw(st.sampled_from([n for n in NAMES if n not in self.model]))
        self.ingest(new, self.model[old])
        self.model[new] = self.model[old]
        if rename:  # a file renamed on disk: the new name is ingested, then the old one removed
            remove_articles(self.store, names=[old])
            del self.model[old]

    @invariant()
    def mentioned_entities_are_described(self) -> None:
        rows = self.store.query(f"""SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?g kg:mentions ?e }}
            FILTER NOT EXISTS {{ GRAPH {ENTITIES} {{ ?e a ?class ; rdfs:label ?label }} }} }}""")
        assert rows == []

    @invariant()
    def entities_graph_is_what_the_articles_support(self) -> None:
        supported = set()
        for row in self.store.query("SELECT ?d WHERE { GRAPH ?g { ?e kg:description ?d } }"):
            supported |= parse_description(row["d"].value)
        held = {(q.subject, q.predicate, q.object) for q in self.store.quads(ENTITIES)}
        assert held == {(t.subject, t.predicate, t.object) for t in supported}

    @invariant()
    def store_equals_a_fresh_ingest(self) -> None:
        if not hasattr(self, "store"):
            return
        self.fresh.update("CLEAR ALL")
        list(ingest(self.fresh, [article(n, t) for n, t in self.model.items()]))
        assert quads(self.store) == quads(self.fresh)


def test_writes_keep_the_store_a_function_of_its_articles():
    run_state_machine_as_test(StoreModel, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=6, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]))
