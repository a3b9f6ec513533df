"""Records -> RDF: stable entity IRIs shared across articles, provenance on every statement."""

import pytest

from kg.rdf.iris import article_iri, claim_iri, entity_iri

from kg.rdf.serialize import records_to_trig

from kg.rdf.build import build_article, outlet_record
from kg.rdf.vocab import ID, KG
from tests.graph_fixture import load_records


def test_same_place_in_two_articles_gets_one_iri():
    a, b = load_records()[:2]
    kup_a = next(e for e in a["entities"] if e["label"] == "Kupiansk")
    kup_b = next(e for e in b["entities"] if e["label"] == "Kupiansk")
    assert entity_iri(kup_a) == entity_iri(kup_b)


def test_iris_are_readable_and_variants_share_one_through_resolution():
    """The IRI is the slug of the canonical label; a later spelling of a stored entity resolves to its IRI, an
    English namesake does not."""
    from kg.pipeline.resolve import EntityIndex, resolve_records

    assert entity_iri({"label": "Valery Gerasimov", "type": "Person"}).value.endswith("/entity/person/valery-gerasimov")
    assert entity_iri({"label": "Ukraine", "type": "Country"}).value.endswith("/entity/country/ukraine")
    people = [{"article": f"{n}.txt", "entities": [{"label": label, "type": "Person", "class": "Person"}]}
              for n, label in enumerate(["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Gary Lineker", "Harry Lineker"])]
    iris = [entity_iri(r["entities"][0]).value.rsplit("/", 1)[1] for r in resolve_records(EntityIndex(), people)]
    assert iris == ["volodymyr-zelensky", "volodymyr-zelensky", "gary-lineker", "harry-lineker"]


def test_every_event_and_statement_points_to_its_article():
    record = load_records()[0]
    rdf = build_article(record, "c" * 64)
    graph = article_iri("c" * 64)
    subjects = {q.subject for q in rdf.quads if q.predicate.value.endswith("#evidence")}
    linked = {q.subject for q in rdf.quads if q.predicate.value.endswith("#article") and q.object == graph}
    assert subjects and subjects <= linked
    assert all(q.graph_name == graph for q in rdf.quads)


def test_trig_names_the_article_graph():
    text = records_to_trig([(load_records()[2], "d" * 64)])
    assert "<https://w3id.org/kg-news/id/article/dddddddddddddddd>" in text
    assert "kg:met" in text


def _claims(rdf) -> dict:
    """Claim IRI -> {predicate local name: set of object values} of an article's RDF."""
    claims = {q.subject for q in rdf.quads if q.object.value.endswith("#Claim")}
    out: dict = {c.value: {} for c in claims}
    for q in rdf.quads:
        if q.subject in claims:
            out[q.subject.value].setdefault(q.predicate.value.rsplit("#", 1)[-1], set()).add(q.object.value)
    return out


def test_every_event_and_statement_has_one_claim():
    record = load_records()[1]
    rdf = build_article(record, "e" * 64)
    claims = _claims(rdf)
    about = sorted(v for c in claims.values() for v in c["about"])
    items = sorted(q.subject.value for q in rdf.quads if q.predicate.value.endswith("#evidence"))
    assert about == items and len(claims) == len(record["events"]) + len(record["relations"])
    claim = claims[claim_iri("e" * 64, "event", 1).value]
    assert claim["polarity"] == {"denied"} and claim["confidence"] == {"0.600"}
    assert claim["claimDate"] == {"2025-11-24"} and claim["wasDerivedFrom"] == {article_iri("e" * 64).value}


@pytest.mark.parametrize(("source", "extra", "claimant"), [
    (None, {"claimedBy": ["Valery Gerasimov"]}, "entity/person/"),
    ("Eastern Front Wire", {"claimedBy": ["Valery Gerasimov"]}, "entity/person/"),
    ("Eastern Front Wire", {}, "entity/org/"),
    ("Eastern Front Wire", {"anonymousSource": True}, "source/ffffffffffffffff/anonymous"),
    (None, {"anonymousSource": True}, "source/ffffffffffffffff/anonymous"),
    (None, {}, "article/ffffffffffffffff"),
    (None, {"claimedBy": ["Nobody In The Record"]}, "article/ffffffffffffffff"),
])
def test_claimant_is_the_speaker_else_outlet_else_unnamed_sources_else_article(source, extra, claimant):
    record = {**load_records()[0], "source": source}
    record["events"] = [{**record["events"][0], "claimedBy": [], **extra}]
    rdf = build_article(record, "f" * 64)
    [who] = _claims(rdf)[claim_iri("f" * 64, "event", 0).value]["claimedBy"]
    assert who.startswith(ID + claimant)


def test_outlet_and_unnamed_sources_are_described():
    record = {**load_records()[0], "source": "Eastern Front Wire"}
    record["relations"] = [{**record["relations"][0], "anonymousSource": True}, record["relations"][1]]
    rdf = build_article(record, "f" * 64)
    outlet = entity_iri(outlet_record(record))
    assert {(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in rdf.entity_quads if q.subject == outlet} \
        == {("type", str(KG.NewsOutlet)), ("label", "Eastern Front Wire")}
    anonymous = [q for q in rdf.quads if q.subject.value.endswith("/anonymous")]
    assert {q.object.value for q in anonymous} == {str(KG.AnonymousSource), "unnamed sources"}
    assert len(anonymous) == 2


def test_no_outlet_description_without_a_source():
    rdf = build_article(load_records()[0], "f" * 64)
    assert not any(q.object == KG.NewsOutlet for q in rdf.entity_quads)
    assert outlet_record({"source": "  "}) is None


@pytest.mark.parametrize(("extra", "expected"), [
    ({"claimedBy": ["Valery Gerasimov"], "deniedBy": ["Vladimir Putin"]},
     {"event-0": ("denied", "person/vladimir-putin"), "event-0-reported": ("asserted", "person/valery-gerasimov")}),
    ({"claimedBy": [], "deniedBy": ["Vladimir Putin"]}, {"event-0": ("denied", "person/vladimir-putin")}),
    ({"claimedBy": ["Valery Gerasimov"]}, {"event-0": ("denied", "person/valery-gerasimov")}),
    ({"claimedBy": [], "deniedBy": []}, {"event-0": ("denied", "article/ffffffffffffffff")}),
])
def test_a_denial_answers_the_claim_it_denies(extra, expected):
    record = load_records()[0]
    record["events"] = [{**record["events"][0], "polarity": "denied", **extra}]
    claims = _claims(build_article(record, "f" * 64))
    got = {iri.rsplit("/", 1)[-1]: (*c["polarity"], *c["claimedBy"]) for iri, c in claims.items() if "event" in iri}
    assert got == {k: (polarity, ID + ("entity/" if "person" in who else "") + who)
                   for k, (polarity, who) in expected.items()}


def test_a_month_precise_event_gets_earliest_and_latest_dates():
    import pyoxigraph as ox

    record = {"article": "m.txt", "date": "2025-11-21", "entities": [{"label": "Kharkiv", "type": "Place"}],
              "relations": [], "events": [{"type": "Attack", "place": "Kharkiv", "agents": [], "date": None,
                                           "dateRange": ["2022-03-01", "2022-03-31"], "claimedBy": [],
                                           "evidence": "In March 2022 ...", "confidence": 0.6}]}
    rdf = build_article(record, "0" * 64)
    dates = {(q.predicate.value.rsplit("#", 1)[1], q.object.value) for q in rdf.quads
             if q.predicate in (ox.NamedNode(str(KG.earliestDate)), ox.NamedNode(str(KG.latestDate)))}
    assert dates == {("earliestDate", "2022-03-01"), ("latestDate", "2022-03-31")}


@pytest.mark.parametrize("label", ["\U000E0100", "a\U000E0100b", "\ufdd0", "\U000F0000 x"])
def test_code_points_iris_forbid_are_left_out_of_slugs(label):
    import pyoxigraph as ox

    iri = entity_iri({"label": label, "type": "Person"}).value
    assert ox.NamedNode(iri).value == iri and all(ord(c) < 0xE0000 for c in iri)
