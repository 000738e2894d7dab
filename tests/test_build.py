"""`kg build` on the hand-written fixture: the summary, the files written and the graph's content."""

from __future__ import annotations

import zipfile
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.namespaces import ID
from tests.conftest import FIXTURES, ROOT

SOURCE_GRAPH = ID["source/example-source"]


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
