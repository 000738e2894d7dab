"""kg.vocab reads the data format's tables from the ontology: change the ontology, and the tables follow."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import DKG, ID
from kg.vocab import Vocabulary, ontology_graph, vocabulary


def test_kinds_come_from_the_class_notations() -> None:
    v = vocabulary()
    state = v.kinds["event"]["state-visit"]
    # ontology/diplomatic-kg.ttl: dkg:StateVisit skos:notation "state-visit"; subclass of dkg:Visit; 042, CONSULT
    assert (state.cls, state.cameo, state.plover) == (DKG.StateVisit, "042", "CONSULT")
    assert state.superclasses == tuple(sorted((DKG.DiplomaticEvent, DKG.StateVisit, DKG.Visit)))
    assert [k.id for k in v.narrower(v.event_kind("VISIT"))] == [
        "official-visit",
        "state-visit",
        "visit",
        "working-visit",
    ]
    assert v.kinds["event"]["statement"].plover is None  # PLOVER has no statement category
    assert sorted(v.kinds["source"]) == ["news-article", "official-page"]


def test_a_phone_call_takes_the_modes_cameo_code() -> None:
    v = vocabulary()
    meeting = v.kinds["event"]["meeting"]
    assert (v.cameo(meeting), v.cameo(meeting, "phone"), v.cameo(meeting, "video")) == ("040", "041", "040")


def test_roles_follow_their_direct_property_and_broader_roles() -> None:
    v = vocabulary()
    assert v.role_properties("host") == sorted([DKG.host, DKG.participant])
    assert v.role_properties("organiser") == [DKG.organiser]  # an organiser is not thereby a participant
    assert v.role_properties("participant") == [DKG.participant]


def test_the_tables_change_with_the_ontology() -> None:
    g = Graph()
    for triple in ontology_graph():
        g.add(triple)
    host = URIRef(ID["role/host"])
    g.remove((host, DKG.directProperty, None))
    g.add((host, DKG.directProperty, DKG.chair))  # a deliberately different direct property
    negotiation = URIRef(str(DKG.Meeting).replace("Meeting", "Negotiation"))  # DKG is closed: no such term yet
    g.add((negotiation, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    g.add((negotiation, RDFS.subClassOf, DKG.Meeting))
    g.add((negotiation, SKOS.notation, Literal("negotiation")))
    changed = Vocabulary(g)
    assert changed.role_properties("host") == sorted([DKG.chair, DKG.participant])
    assert "negotiation" in changed.kinds["event"]
    assert "negotiation" in [k.id for k in changed.narrower(changed.kinds["event"]["meeting"])]
    assert "negotiation" not in vocabulary().kinds["event"]
