"""The ontology, its vocabularies and shapes keep the contract of kg/namespaces.py and data/README.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.namespaces import DKG, ID, ONTOLOGY_IRI
from kg.vocab import vocabulary

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
VANN = "http://purl.org/vocab/vann/"
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DKG_NS = str(DKG._NS)

# Standard vocabularies a term should reach (the same list as shared/tools/alignment-report.py).
STANDARD = (
    "https://schema.org/",
    "http://schema.org/",
    "http://www.w3.org/ns/org#",
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2006/time#",
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2004/02/skos/core#",
)
# Terms with no standard counterpart, and why (the same reasons head ontology/diplomatic-kg.ttl).
UNALIGNED = {
    DKG.online: "schema:eventAttendanceMode takes an enumeration member, not a boolean",
    DKG.inPost: "no standard property links a qualified association to the post the agent acted in",
    DKG.accessed: "no standard property for the date an address was read",
    DKG.documentCount: "schema:numberOfItems counts the members of a list; a stated count of documents has no list",
}


def dkg_terms() -> set[URIRef]:
    return {DKG[name] for name in DKG.__annotations__}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "diplomatic-kg.ttl")


@pytest.fixture(scope="module")
def vocabularies() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "vocabularies.ttl")


def english_labels(graph: Graph, term: URIRef) -> list[Literal]:
    return [o for o in graph.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"]


def test_every_namespace_term_is_declared_with_an_english_label(ontology: Graph) -> None:
    problems = [
        f"{term.removeprefix(DKG_NS)}: {'undeclared' if not kinds else f'declared {len(kinds)} ways'}"
        for term in sorted(dkg_terms())
        if len(kinds := [k for k in TERM_KINDS if (term, RDF.type, k) in ontology]) != 1
    ]
    problems += [
        f"{t.removeprefix(DKG_NS)}: no English label" for t in sorted(dkg_terms()) if not english_labels(ontology, t)
    ]
    assert not problems, "\n".join(problems)


def test_annotation_properties_are_exactly_the_class_level_ones(ontology: Graph) -> None:
    annotation = {t for t in dkg_terms() if (t, RDF.type, OWL.AnnotationProperty) in ontology}
    assert annotation == {DKG.defaultCameo, DKG.defaultPlover, DKG.directProperty}


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_no_undeclared_dkg_terms_are_used(path: Path) -> None:
    graph = Graph().parse(path)
    used = {n for triple in graph for n in triple if isinstance(n, URIRef) and str(n).startswith(DKG_NS)}
    assert not used - dkg_terms(), f"{path.name} uses terms kg.namespaces.DKG lacks: {sorted(used - dkg_terms())}"


def test_ontology_header(ontology: Graph) -> None:
    ont = URIRef(ONTOLOGY_IRI)
    assert (ont, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ont, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.1.0")
    assert ontology.value(ont, OWL.versionInfo) is not None
    assert any(t.language == "en" for t in ontology.objects(ont, DCTERMS.title))
    assert any(t.language == "en" for t in ontology.objects(ont, DCTERMS.description))
    assert ontology.value(ont, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ont, DCTERMS.creator) == Literal("diplomatic-kg contributors")
    assert ontology.value(ont, URIRef(VANN + "preferredNamespacePrefix")) == Literal("dkg")
    assert ontology.value(ont, URIRef(VANN + "preferredNamespaceUri")) == Literal(DKG_NS)
    # Only one owl:Ontology among ontology/*.ttl: the alignment report takes the first it finds as "ours".
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        others = set(Graph().parse(path).subjects(RDF.type, OWL.Ontology)) - {ont}
        assert not others, f"{path.name} declares another owl:Ontology {others}"


def unaligned_terms(graph: Graph) -> set[URIRef]:
    """Our classes and object/datatype properties that reach no standard vocabulary through subclass,
    subproperty or equivalence links (what shared/tools/alignment-report.py reports)."""
    links = {OWL.Class: (RDFS.subClassOf, OWL.equivalentClass)}
    links[OWL.ObjectProperty] = links[OWL.DatatypeProperty] = (RDFS.subPropertyOf, OWL.equivalentProperty)
    missing = set()
    for kind, (sub, eq) in links.items():
        for term in graph.subjects(RDF.type, kind):
            if not str(term).startswith(DKG_NS):
                continue
            seen, todo = set(), [term]
            while todo:
                node = todo.pop()
                if node in seen:
                    continue
                seen.add(node)
                todo += [*graph.objects(node, sub), *graph.objects(node, eq), *graph.subjects(eq, node)]
            if not any(str(node).startswith(STANDARD) for node in seen):
                missing.add(term)
    return missing


def test_alignment_with_standard_vocabularies(ontology: Graph) -> None:
    missing = unaligned_terms(ontology)
    assert missing <= UNALIGNED.keys(), f"align these with a standard vocabulary: {sorted(missing - UNALIGNED.keys())}"
    assert UNALIGNED.keys() <= missing, f"aligned now, drop from UNALIGNED: {sorted(UNALIGNED.keys() - missing)}"


def event_classes(ontology: Graph) -> set[URIRef]:
    return {c for c in ontology.transitive_subjects(RDFS.subClassOf, DKG.DiplomaticEvent) if isinstance(c, URIRef)}


@pytest.mark.parametrize(
    ("section", "base", "generic"),
    [
        ("event", DKG.DiplomaticEvent, "event"),
        ("document", DKG.Document, "document"),
        ("organisation", DKG.Organisation, "organisation"),
        ("place", DKG.Place, "place"),
        ("source", DKG.Source, None),
    ],
)
def test_every_class_is_a_kind_named_after_it(ontology: Graph, section: str, base: URIRef, generic: str | None) -> None:
    """Each class below a root is a `kind` of the data format (its skos:notation), meeting -> dkg:Meeting."""
    kinds = vocabulary().kinds[section]
    classes = {base if k == generic else DKG["".join(w.capitalize() for w in k.split("-"))] for k in kinds}
    assert {k.cls for k in kinds.values()} == classes
    subclasses = set(ontology.transitive_subjects(RDFS.subClassOf, base))
    assert classes == subclasses - ({base} if generic is None else set()), f"{section}: {sorted(kinds)}"


def test_event_kinds_have_default_codes_in_the_vocabularies(ontology: Graph, vocabularies: Graph) -> None:
    for cls in event_classes(ontology):
        cameo = list(ontology.objects(cls, DKG.defaultCameo))
        assert len(cameo) == 1, f"{cls} needs one dkg:defaultCameo"
        assert (cameo[0], RDF.type, DKG.CameoCategory) in vocabularies, f"{cameo[0]} is not in vocabularies.ttl"
        assert (cameo[0], SKOS.inScheme, ID["cameo"]) in vocabularies
        for plover in ontology.objects(cls, DKG.defaultPlover):  # optional: PLOVER has no statement category
            assert (plover, RDF.type, DKG.PloverCategory) in vocabularies, f"{plover} is not in vocabularies.ttl"
            assert (plover, SKOS.inScheme, ID["plover"]) in vocabularies


def test_cameo_codes_match_their_notation_and_parents(vocabularies: Graph) -> None:
    for code in vocabularies.subjects(RDF.type, DKG.CameoCategory):
        notation = str(vocabularies.value(code, SKOS.notation))
        assert str(code) == str(ID["cameo/" + notation])
        parents = list(vocabularies.objects(code, SKOS.broader))
        if len(notation) == 2:
            assert not parents and (code, SKOS.topConceptOf, ID["cameo"]) in vocabularies
        else:
            assert [str(p) for p in parents] == [str(ID["cameo/" + notation[:2]])], f"{code} parent"
            assert (parents[0], RDF.type, DKG.CameoCategory) in vocabularies


SECTORS = [  # the sector ids of data/README.md, the data's contract, written out by hand
    "labour", "employment", "social-protection", "poverty-reduction", "education", "culture", "economy", "trade",
    "investment", "energy", "transport", "agriculture", "health", "security", "defence", "science", "tourism",
    "humanitarian", "migration", "digital", "environment", "sport", "youth", "governance",
]  # fmt: skip


@pytest.mark.parametrize(
    ("scheme", "cls", "expected"),
    [
        ("sector", DKG.Sector, None),
        (
            "role",
            DKG.Role,
            [
                "host",
                "guest",
                "visitor",
                "signatory",
                "chair",
                "organiser",
                "speaker",
                "participant",
                "accompanying",
                "delegation-head",
            ],
        ),
        ("mode", DKG.MeetingMode, ["in-person", "video", "phone"]),
        ("status", DKG.EventStatus, ["occurred", "ongoing", "planned", "proposed", "postponed", "cancelled", "denied"]),
    ],
)
def test_concept_schemes(vocabularies: Graph, scheme: str, cls: URIRef, expected: list[str] | None) -> None:
    expected = expected if expected is not None else SECTORS
    members = set(vocabularies.subjects(SKOS.inScheme, ID[scheme]))
    assert (ID[scheme], RDF.type, SKOS.ConceptScheme) in vocabularies
    assert {str(m) for m in members} == {str(ID[f"{scheme}/{x}"]) for x in expected}
    for concept in members:
        assert (concept, RDF.type, cls) in vocabularies and (concept, RDF.type, SKOS.Concept) in vocabularies
        languages = {label.language for label in vocabularies.objects(concept, SKOS.prefLabel)}
        assert {"en", "az", "ru"} <= languages, f"{concept} needs en/az/ru labels"
        assert (concept, SKOS.topConceptOf, ID[scheme]) in vocabularies or vocabularies.value(concept, SKOS.broader)


def test_roles_name_their_direct_property(ontology: Graph, vocabularies: Graph) -> None:
    for role in vocabularies.subjects(RDF.type, DKG.Role):
        direct = vocabularies.value(role, DKG.directProperty)
        head, *rest = str(vocabularies.value(role, SKOS.notation)).split("-")  # delegation-head → delegationHead
        assert direct == DKG[head + "".join(w.title() for w in rest)], f"{role} -> {direct}"
        is_participation = direct == DKG.participant or (direct, RDFS.subPropertyOf, DKG.participant) in ontology
        assert is_participation or direct == DKG.organiser


def test_build_docs_writes_html_with_the_title(tmp_path: Path) -> None:
    output = tmp_path / "docs" / "ontology.html"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_docs.py"), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(output)
    html = output.read_text(encoding="utf-8")
    assert "<html" in html and "diplomatic-kg ontology" in html
    assert list(output.parent.iterdir()) == [output], "temporary files left behind"
