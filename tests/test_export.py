"""``kg export``: every format re-read by an independent parser gives the same graph; CSV rows by hand;
byte-identical output in separate processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export import event_rows
from kg.graph import load
from tests.conftest import FIXTURES, ROOT

RDF = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
DATASETS = {"nquads", "trig", "jsonld"}


@pytest.fixture(scope="module")
def minimal_store():
    return load(FIXTURES / "minimal").store


@pytest.mark.parametrize("fmt", sorted(RDF))
def test_round_trip_through_pyoxigraph(workdir, run, minimal_store, fmt):
    out = workdir / f"graph.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"Wrote {out} ({fmt})\n"
    parsed = list(ox.parse(out.read_bytes(), format=RDF[fmt]))
    if fmt in DATASETS:  # one named graph per source
        assert set(parsed) == set(minimal_store.quads())
        assert len({q.graph_name for q in parsed}) > 1
    else:  # the union
        assert {q.triple for q in parsed} == set(minimal_store.union_triples())


def test_format_comes_from_the_suffix(workdir, run):
    result = run("export", "-o", "graph.trig")
    assert result.stdout == "Wrote graph.trig (trig)\n"
    assert (workdir / "graph.trig").read_text(encoding="utf-8").startswith("@prefix")
    result = run("export", "-o", "graph.txt")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: -o graph.txt: cannot tell the format from the suffix '.txt'; "
        "use one of: .ttl, .nt, .nq, .trig, .jsonld, .json, .rdf, .xml, .owl, .csv, .graphml, .gexf\n"
    )


def test_turtle_to_standard_output_uses_our_prefixes(workdir, run):
    out = run("export").stdout
    assert "@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> ." in out
    assert "event:meeting-a-b" in out


def test_jsonld_has_an_inline_context_with_our_prefixes(workdir, run):
    doc = json.loads(run("export", "--format", "jsonld").stdout)
    assert doc["@context"]["dkg"] == "https://w3id.org/diplomatic-kg/ontology#"
    assert doc["@context"]["country"] == "https://w3id.org/diplomatic-kg/id/country/"
    graphs = {g["@id"]: g["@graph"] for g in doc["@graph"]}
    event = next(n for n in graphs["source:example-source"] if n["@id"] == "event:meeting-a-b")
    assert event["dkg:startDate"] == [{"@value": "2023-05-03", "@type": "xsd:date"}]
    assert event["dkg:involvesCountry"] == [{"@id": "country:AZE"}, {"@id": "country:UZB"}]
    assert all(isinstance(ns, str) for ns in doc["@context"].values())  # prefixes only: nothing to fetch


def test_csv_is_one_row_per_event(workdir, run):
    result = run("export", "--format", "csv")
    assert result.stdout_bytes.decode("utf-8") == (
        "\ufeffid,title,kind,cameo,start,end,earliest,latest,place,participants,countries,sources\r\n"
        "meeting-a-b,Meeting of Person A and Person B,meeting,040,2023-05-03,2023-05-03,,,baku,"
        "person-a (host); person-b (guest),AZE; UZB,example-source\r\n"
    )


def test_csv_of_the_founding_article(tmp_path):
    for part in ("core", "reference"):
        shutil.copytree(ROOT / "data" / part, tmp_path / part)
    rows = {r["id"]: r for r in event_rows(load(tmp_path).store)}
    # one row per event record of data/core/events.yaml (each opens with "  - id:" under events:)
    records = (ROOT / "data" / "core" / "events.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    assert len(rows) == records and records >= 18
    assert rows["video-meetings-babayev-musayev-olloyorov-2024"] == {
        "id": "video-meetings-babayev-musayev-olloyorov-2024",
        "title": "Video meetings of Sahil Babayev with Behzod Musayev and Mansurbek Olloyorov",
        "kind": "meeting",
        "cameo": "040",
        "start": "",
        "end": "",
        "earliest": "2024-01",
        "latest": "2024-09",
        "place": "",
        "participants": "behzod-musayev (participant); mansurbek-olloyorov (participant); sahil-babayev (participant)",
        "countries": "AZE; UZB",
        "sources": "azertac-2024-az-uz-social-protection-video-meetings",
    }
    assert "state-visit" in rows["visit-mirziyoyev-azerbaijan-2023-08"]["kind"].split("; ")


def export_in_process(seed: str, fmt: str, out: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "from kg.cli import cli; cli()"
    subprocess.run(
        [sys.executable, "-c", code, "export", "--data", str(FIXTURES / "minimal"), "--format", fmt, "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out.read_bytes()


@pytest.mark.parametrize("fmt", [*sorted(RDF), "csv"])
def test_byte_identical_in_separate_processes(tmp_path, fmt):
    assert export_in_process("1", fmt, tmp_path / "a") == export_in_process("999", fmt, tmp_path / "b")


def test_csv_leaves_open_bounds_and_undated_events_empty_and_gives_country_places(tmp_path, monkeypatch, run):
    """tests/fixtures/open-dates (its header lists the events): in time order by the first date given,
    the undated event last with every date cell empty; a place known only as a country is its code."""
    shutil.copytree(FIXTURES / "open-dates", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "csv", "-o", "events.csv")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = [line.split(",")[:1] + line.split(",")[4:9] for line in lines]
    assert cells == [
        ["id", "start", "end", "earliest", "latest", "place"],
        ["bounded-2023", "", "", "2023-01", "2023-03", ""],
        ["day-2023", "2023-05-03", "2023-05-03", "", "", "UZB"],
        ["earliest-only", "", "", "2024-03", "", "AZE"],
        ["latest-only", "", "", "", "2024-06", ""],
        ["undated-talks", "", "", "", "", ""],
    ]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        # tests/fixtures/viz (see tests/test_network.py's docstring): meeting-a-b 2023-05-03, visit-b-baku
        # 2023-08-22/23, signing-treaty 2023-08-22, summit-2024 between 2024-01 and 2024-06 (AZE, UZB, KAZ)
        (["--country", "kaz"], ["summit-2024"]),
        (["--from", "2024"], ["summit-2024"]),
        (["--to", "2023-08-22"], ["meeting-a-b", "signing-treaty", "visit-b-baku"]),
        (["--kind", "Visit"], ["visit-b-baku"]),  # a kind takes its sub-kinds (a state visit), in any case
        (["--kind", "meeting", "--kind", "signing", "--from", "2023-06"], ["signing-treaty"]),
    ],
)
def test_csv_rows_follow_the_event_filters(tmp_path, monkeypatch, run, args, ids):
    shutil.copytree(FIXTURES / "viz", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "csv", *args)
    assert result.exit_code == 0, result.stderr
    rows = result.stdout_bytes.decode("utf-8").splitlines()[1:]
    assert sorted(r.split(",", 1)[0] for r in rows) == ids


def test_event_filters_on_an_rdf_export_or_with_no_match_say_why(tmp_path, monkeypatch, run):
    shutil.copytree(FIXTURES / "viz", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "trig", "--country", "AZE")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --format trig: the event filters choose rows of the CSV event table; an RDF export holds the "
        "whole graph (select a part of it with kg query and a CONSTRUCT query)\n",
    )
    empty = run("export", "--format", "csv", "--from", "2030")
    assert empty.exit_code == 0
    assert (
        empty.stderr == "Note: no event falls on or after 2030: the events of the data run from 2023-05-03 to 2024-06\n"
    )
    bad = run("export", "--format", "csv", "--kind", "vist")
    assert (bad.exit_code, bad.stderr) == (1, "Error: --kind: unknown event kind 'vist'; did you mean visit?\n")


# Terms whose N-Triples forms are prefixes of one another, escapes, scripts beyond ASCII (the data holds
# no blank nodes: loading refuses them)
_TRICKY = """@prefix ex: <http://example.org/> .
ex:a ex:p "a"@en, "a"@en-us, "a", "a b", "a\\tb", "a\\"b", "a\\nb", "Bakı", "Бакы", "𝔹", 5, 5.0, true .
ex:a ex:p ex:a, ex:ab, <http://example.org/a%20b>, <http://example.org/a/b> .
ex:ab ex:p ex:a, "ab"^^ex:type, "ab"^^ex:typeb .
"""


@pytest.mark.parametrize("fmt", sorted(RDF))
def test_engine_sorted_exports_are_the_python_sorted_ones(tmp_path, fmt):
    """kg.export sorts as the engine's N-Triples/N-Quads lines; the plain way sorts Python terms by their
    text: both must give the same bytes (named graphs, the default graph's merge, escapes)."""
    from kg import formats
    from kg.export import export, serialize

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "tricky.ttl").write_text(_TRICKY, encoding="utf-8")
    store = load(data).store
    found = formats.named(fmt)
    if found.rdf == ox.RdfFormat.N_TRIPLES:
        expected = ox.serialize(store.union_triples(), format=ox.RdfFormat.N_TRIPLES)
    else:
        expected = serialize(store.sorted_quads() if found.keeps_graphs else store.union_triples(), found.rdf)
    assert export(store, found) == expected
    assert "Bakı".encode() in expected  # the tricky file is in it


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "turtle", "ntriples"])
def test_real_data_round_trips_through_every_format(tmp_path, real_kg, fmt):
    """data/ → graph → FORMAT → a data folder holding only that file → the same graph (one graph per source
    for the dataset formats, the union for the others), and its export the same bytes again. (RDF/XML is not
    a data-folder format; test_round_trip_through_pyoxigraph reads it back.)"""
    from kg import formats
    from kg.export import export

    first = export(real_kg.store, fmt)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / f"graph{formats.named(fmt).suffixes[0]}").write_bytes(first)
    again = load(folder).store
    if fmt in DATASETS:
        assert set(again.quads()) == set(real_kg.store.quads())
    else:
        assert set(again.union_triples()) == set(real_kg.store.union_triples())
    assert export(again, fmt) == first
