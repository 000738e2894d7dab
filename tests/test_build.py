"""`kg build` on the hand-written fixture: the summary, the files written and the graph's content."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from kg.build import load_valid
from kg.namespaces import DKG, ID
from kg.store import from_ox
from tests.conftest import FIXTURES, ROOT

SOURCE_GRAPH = ID["source/example-source"]
XSD_STRING, XSD_INTEGER, XSD_YEAR_MONTH = (
    URIRef("http://www.w3.org/2001/XMLSchema#" + name) for name in ("string", "integer", "gYearMonth")
)  # (not rdflib's closed XSD namespace: pytest's collection probes module attributes and it warns)


def test_build_prints_the_summary_and_writes_turtle(workdir, run):
    result = run("build")
    assert result.exit_code == 0, result.output
    out = workdir / "build" / "diplomatic-kg.ttl"
    triples = len(Graph().parse(out, format="turtle"))
    # Counted by hand from tests/fixtures/minimal/records.yaml (+ the 249 ISO countries).
    assert result.stdout == (
        "Built the knowledge graph from data\n"
        "  events                            1\n"
        "    meeting                         1\n"
        "  people                            2\n"
        "  organisations                     2\n"
        "  documents                         0\n"
        "  sources                           1\n"
        "  countries                       249\n"
        f"  triples                     {triples:>7}\n"
        "Wrote build/diplomatic-kg.ttl\n"
        "Wrote build/diplomatic-kg.html\n"
    )


def test_the_meeting_is_mapped_as_written_by_hand(workdir, run):
    assert run("build", "-o", "out.trig").exit_code == 0
    ds = Dataset()
    ds.parse(workdir / "out.trig", format="trig")
    stated = ds.graph(SOURCE_GRAPH)
    subjects = {
        URIRef(str(ID[k]))
        for k in (
            "event/meeting-a-b",
            "participation/meeting-a-b--person-a--host",
            "participation/meeting-a-b--person-b--guest",
            "tenure/person-a--minister-a--1",
        )
    }
    got = Graph()
    for s, p, o in stated:
        if s in subjects:
            got.add((s, p, o))
    expected = Graph().parse(Path(__file__).parent / "golden" / "minimal-meeting.ttl", format="turtle")
    assert isomorphic(got, expected), sorted(set(got) ^ set(expected))
    # The catalogue says which source states the event; the source's graph holds nothing else's claims.
    catalogue = ds.graph(ID["graph/catalogue"])
    assert (URIRef(str(ID["event/meeting-a-b"])), URIRef("http://purl.org/dc/terms/source"), SOURCE_GRAPH) in catalogue


def test_trig_keeps_one_graph_per_source(workdir, run):
    assert run("build", "-o", "out.trig").exit_code == 0
    ds = Dataset()
    ds.parse(workdir / "out.trig", format="trig")
    names = sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert names == sorted(
        str(ID[n]) for n in ("graph/catalogue", "graph/countries", "graph/ontology", "source/example-source")
    )


def test_no_blank_nodes_in_the_built_graph(workdir, run):
    assert run("build").exit_code == 0
    g = Graph().parse(workdir / "build" / "diplomatic-kg.ttl", format="turtle")
    assert not [triple for triple in g if any(isinstance(t, BNode) for t in triple)]


def test_the_real_data_builds(tmp_path, run, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "kg.ttl"
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.stdout
    assert len(Graph().parse(out, format="turtle")) > 5000


def test_wheel_carries_the_ontology_shapes_queries_schema_and_countries(tmp_path):
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("diplomatic_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in (
        "ontology/diplomatic-kg.ttl",
        "ontology/vocabularies.ttl",
        "ontology/shapes.ttl",
        "schema/diplomatic-kg.schema.json",
        "reference/countries.ttl",
    ):
        assert f"kg/_assets/{asset}" in names
    # Run the packaged code from outside the checkout: it must find its assets inside the wheel.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    result = subprocess.run(
        [sys.executable, "-c", "from kg.cli import cli; cli()", "validate", "--data", str(FIXTURES / "minimal")],
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "conforms" in result.stdout


# --- every field of issue 9 survives the build and a re-import (Turtle, TriG, JSON-LD)

NEW_FIELDS = """\
# Invented records using every field the format gained: source links as mappings (speaks, quote), a place
# known only as a country, undated and one-side-bounded events, new kinds, statuses and roles, a spouse, a
# per-event CAMEO/PLOVER code, a document count and links between documents.
sources:
  - id: our-article
    kind: news-article
    publisher: Example Agency
    language: en
    published: 2024-03
    summary: Invented for the tests; reports a state visit and the ceremony during it.
    quote: The president arrived in Uzbekistan on a state visit. Fifteen documents were signed.
  - id: passing-source
    kind: news-article
    url: https://example.org/news/later
    publisher: Example Daily
    language: en
    published: 2024-07-01
    summary: Invented for the tests; recalls the state visit in passing.
people:
  - id: person-c
    name: {en: Person C}
    country: AZE
    spouse: person-a
    sources: [our-article]
events:
  - id: visit-uzb
    kind: state-visit
    status: ongoing
    title: {en: State visit of Person A to Uzbekistan}
    start: 2024-03-04
    place: UZB
    countries: [AZE, UZB]
    cameo: "043"
    plover: CONSULT-host
    documents_count: 15
    participants:
      - {agent: person-a, role: visitor, post: minister-a}
      - {agent: person-c, role: accompanying}
      - {agent: person-b, role: delegation-head}
    sources:
      - {id: our-article, quote: The president arrived in Uzbekistan on a state visit.}
      - {id: passing-source, speaks: in-passing}
  - id: wreath-laying
    kind: ceremony
    title: {en: Wreath laying by Person A}
    latest: 2024-06
    part_of: visit-uzb
    participants: [{agent: person-a}]
    sources: [our-article]
  - id: school-initiative
    kind: construction-initiative
    title: {en: A school built at the initiative of Uzbekistan}
    countries: [UZB]
    sources: [example-source]
  - {id: forum-later, kind: business-forum, status: postponed, title: {en: A business forum}, earliest: 2025,
     countries: [AZE, UZB], sources: [example-source]}
  - {id: year-declared, kind: decision, status: denied, title: {en: A year declared}, date: 2024, countries: [UZB],
     sources: [example-source]}
  - {id: gift, kind: donation, title: {en: A gift of books}, countries: [AZE], sources: [example-source]}
documents:
  - {id: doc-a, kind: agreement, title: {en: Agreement A}, parties: [AZE, UZB], sources: [example-source]}
  - id: doc-b
    kind: amendment
    title: {en: Protocol amending Agreement A}
    parties: [AZE, UZB]
    place: UZB
    amends: [doc-a]
    implements: [doc-a]
    based_on: [doc-a]
    sources: [example-source]
"""


def _plain(term):
    """rdflib tells "x" from "x"^^xsd:string, RDF 1.1 does not: compare them as one."""
    return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD_STRING else term


def _built(workdir: Path) -> Dataset:
    kg = load_valid(workdir / "data")
    ds = Dataset()
    for q in kg.store.quads():
        ds.graph(from_ox(q.graph_name)).add((from_ox(q.subject), from_ox(q.predicate), _plain(from_ox(q.object))))
    return ds


def _graphs(ds: Dataset) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if len(g) and g.identifier != ds.default_graph.identifier:
            out[str(g.identifier)] = Graph().__iadd__((s, p, _plain(o)) for s, p, o in g)
    return out


@pytest.fixture
def new_fields(workdir: Path) -> Path:
    (workdir / "data" / "new-fields.yaml").write_text(NEW_FIELDS, encoding="utf-8")
    return workdir


@pytest.mark.parametrize(("name", "fmt"), [("out.trig", "trig"), ("out.jsonld", "json-ld")])
def test_new_fields_survive_a_named_graph_round_trip(new_fields: Path, run, name: str, fmt: str) -> None:
    built = _graphs(_built(new_fields))
    result = run("build", "-o", name)
    assert result.exit_code == 0, result.output
    again = _graphs(Dataset().parse(new_fields / name, format=fmt))
    assert sorted(again) == sorted(built)
    for graph, triples in built.items():
        assert isomorphic(again[graph], triples), (graph, sorted(set(again[graph]) ^ set(triples))[:5])


def test_new_fields_survive_a_turtle_round_trip(new_fields: Path, run) -> None:
    merged = Graph()
    for triples in _graphs(_built(new_fields)).values():
        merged += triples
    assert run("build", "-o", "out.ttl").exit_code == 0
    again = Graph().parse(new_fields / "out.ttl", format="turtle")
    assert isomorphic(Graph().__iadd__((s, p, _plain(o)) for s, p, o in again), merged)


def test_new_fields_map_as_written_by_hand(new_fields: Path, run) -> None:
    assert run("build", "-o", "out.trig").exit_code == 0
    ds = Dataset().parse(new_fields / "out.trig", format="trig")

    def uri(path: str) -> URIRef:
        return URIRef(str(ID[path]))

    article, passing, example = (
        ds.graph(uri(f"source/{s}")) for s in ("our-article", "passing-source", "example-source")
    )
    catalogue = ds.graph(ID["graph/catalogue"])
    visit = uri("event/visit-uzb")
    # the place is the country; the kind's CAMEO 042 and PLOVER CONSULT give way to the event's own codes
    assert (visit, DKG.location, uri("country/UZB")) in article
    assert set(article.objects(visit, DKG.cameo)) == {uri("cameo/043")}
    assert set(article.objects(visit, DKG.plover)) == {uri("plover/CONSULT-host")}
    assert (visit, DKG.documentCount, Literal("15", datatype=XSD_INTEGER)) in article
    assert (visit, DKG.status, uri("status/ongoing")) in article
    assert (visit, DKG.accompanying, uri("person/person-c")) in article
    assert (visit, DKG.delegationHead, uri("person/person-b")) in article
    assert (visit, DKG.participant, uri("person/person-c")) in article  # a role's broader property too
    assert not list(article.objects(uri("participation/visit-uzb--person-c--accompanying"), DKG.inPost))
    # how each source speaks of the visit, and the quote
    assert (uri("source/our-article"), DKG.reports, visit) in catalogue
    assert (uri("source/passing-source"), DKG.mentions, visit) in catalogue
    assert (uri("source/passing-source"), DKG.reports, visit) not in catalogue
    assert (visit, DCTERMS.source, uri("source/passing-source")) in catalogue
    quote = uri("citation/event--visit-uzb--our-article")
    assert set(catalogue.predicate_objects(quote)) == {
        (RDF.type, DKG.Citation),
        (DKG.citedRecord, visit),
        (DKG.citingSource, uri("source/our-article")),
        (DKG.quote, Literal("The president arrived in Uzbekistan on a state visit.", lang="en")),
    }
    assert (visit, DKG.location, uri("country/UZB")) in passing  # a source in passing still states the fields
    # the spouse, both ways; the open and missing dates stay open and missing
    assert (uri("person/person-c"), DKG.spouse, uri("person/person-a")) in article
    assert (uri("person/person-a"), DKG.spouse, uri("person/person-c")) in article
    wreath = uri("event/wreath-laying")
    assert {p for p, _ in article.predicate_objects(wreath) if "Date" in str(p)} == {DKG.latestDate}
    assert (wreath, DKG.latestDate, Literal("2024-06", datatype=XSD_YEAR_MONTH)) in article
    school = uri("event/school-initiative")
    assert not {p for p, _ in example.predicate_objects(school) if "Date" in str(p)}
    assert set(example.objects(school, DKG.cameo)) == {uri("cameo/030")}
    assert (uri("event/gift"), DKG.plover, uri("plover/AID")) in example
    assert (uri("event/forum-later"), RDF.type, DKG.Conference) in example
    assert (uri("event/year-declared"), DKG.status, uri("status/denied")) in example
    # the document links
    doc_b, doc_a = uri("document/doc-b"), uri("document/doc-a")
    for prop in (DKG.amends, DKG.implements, DKG.basedOn):
        assert (doc_b, prop, doc_a) in example
    assert (doc_b, RDF.type, DKG.Amendment) in example
    assert (doc_b, DKG.location, uri("country/UZB")) in example


def _synthetic() -> Any:
    """benchmarks/synthetic.py, the generator of the build benchmarks (not part of the package)."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_benchmark_data_is_valid_and_of_the_size_asked(tmp_path: Path) -> None:
    counts = _synthetic().write_yaml(tmp_path / "data", 10_000, seed=1)
    kg = load_valid(tmp_path / "data")  # every check: schema, references, dates, shapes, violation queries
    assert counts["events"] == 10_000 // 64
    assert {r.kind for r in kg.records} == {"source", "place", "organisation", "post", "person", "event", "document"}
    base = load_valid(FIXTURES / "minimal")  # the ontology and the countries, with a handful of records
    added = len(kg.store.union_triples()) - len(base.store.union_triples())
    assert 7_000 < added < 13_000  # "about 10k triples": within 30 %


def test_the_synthetic_data_depends_on_the_seed_only(tmp_path: Path) -> None:
    synthetic = _synthetic()
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        synthetic.write_yaml(tmp_path / name, 2_000, seed=seed)
    read = {name: {p.name: p.read_text() for p in (tmp_path / name).glob("*.yaml")} for name in "abc"}
    assert read["a"] == read["b"]
    assert read["a"] != read["c"]
