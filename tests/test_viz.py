"""`kg viz` and kg/visualize.py without a browser: the page written, what it holds, and every user mistake.

What the page does in a browser is tested in tests/test_viz_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import visualize
from kg.cli import cli
from kg.graph import load
from kg.vocab import vocabulary
from tests.conftest import FIXTURES, ROOT

ID = "https://w3id.org/diplomatic-kg/id/"
MARKUP = '<img src=x onerror="window.kgPwned = 1">'


@pytest.fixture
def vizdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "viz", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def page_json(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.DOTALL)
    assert found, "no data element"
    return json.loads(found.group(1))


def test_viz_writes_the_actors_view_and_says_where(workdir, run):
    result = run("viz", "-o", "page.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Drew 4 nodes and 6 links\nWrote page.html\n"
    data = page_json(workdir / "page.html")
    assert [n["key"] for n in data["nodes"]] == [
        ID + "country/AZE",
        ID + "country/UZB",
        ID + "person/person-a",
        ID + "person/person-b",
    ]
    assert [n["label"] for n in data["nodes"]] == ["Azerbaijan", "Uzbekistan", "Person A", "Person B"]
    assert len(data["edges"]) == 6
    assert data["events"] == [
        {
            "label": "Meeting of Person A and Person B",
            "dates": "2023-05-03",
            "lo": "2023-05-03",
            "hi": "2023-05-03",
            "sources": [0],
        }
    ]
    assert data["sources"][0]["url"] == "https://example.org/diplomacy/visit"
    person_a = data["nodes"][2]
    assert person_a["labels"] == ["Persona A", "Персона А"]
    assert person_a["posts"] == ["Minister A (2020-01 –)"]


def test_default_output_is_beside_the_built_graph(workdir, run):
    assert run("viz").exit_code == 0
    assert (workdir / "build" / "diplomatic-kg.html").is_file()


def test_the_page_is_self_contained_and_forbids_requests(workdir, run):
    assert run("viz", "-o", "page.html").exit_code == 0
    text = (workdir / "page.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert re.search(
        r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        r"script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;",
        text,
    )
    tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source|style)\b[^>]*>", text)
    assert not [t for t in tags if re.search(r"\b(?:src|href)\s*=", t)], "a tag loads something"
    assert "<link" not in text
    assert "vis-network" in text  # inlined from the installed pyvis package


def test_data_text_cannot_close_the_script_or_become_markup(vizdir, run):
    assert run("viz", "--view", "events", "-o", "page.html").exit_code == 0
    text = (vizdir / "page.html").read_text(encoding="utf-8")
    assert "<img src=x" not in text
    assert "</script><script>window.kgPwned" not in text
    assert "\\u003cimg src=x onerror=" in text
    data = page_json(vizdir / "page.html")
    labels = {n["label"] for n in data["nodes"]}
    assert MARKUP in labels
    assert "Summit </script><script>window.kgPwned = 2</script> & <b>friends</b>" in labels


def test_only_web_addresses_become_links(vizdir, run):
    assert run("viz", "-o", "page.html").exit_code == 0
    sources = page_json(vizdir / "page.html")["sources"]
    evil = next(s for s in sources if s["title"] == "Evil link")
    assert "url" not in evil
    assert sorted(s["url"] for s in sources if "url" in s) == ["https://example.org/a", "https://example.org/b"]


def test_views_and_filters_from_the_command_line(vizdir, run):
    result = run("viz", "--view", "countries", "-o", "c.html")
    assert result.stdout.startswith("Drew 3 nodes and 4 links\n")
    edges = page_json(vizdir / "c.html")["edges"]
    assert sorted((e.get("style"), e.get("count"), e.get("weight")) for e in edges) == [
        ("bilateral", 3, 3.0),
        ("multilateral", 1, 0.5),
        ("multilateral", 1, 0.5),
        ("multilateral", 1, 0.5),
    ]
    result = run("viz", "--view", "events", "--kind", "visit", "--country", "aze", "--to", "2023-08", "-o", "e.html")
    assert result.exit_code == 0, result.output
    data = page_json(vizdir / "e.html")
    assert {n["id"] for n in data["nodes"] if n["group"] == "event"} == {"visit-b-baku"}
    assert data["title"] == "diplomatic-kg: events view (countries AZE; to 2023-08; kinds visit)"
    result = run("viz", "--ego", "person-x", "--hops", "1", "--lang", "az", "-o", "x.html")
    assert result.stdout.startswith("Drew 6 nodes and 15 links\n")
    data = page_json(vizdir / "x.html")
    assert {n["label"] for n in data["nodes"]} == {
        MARKUP,
        "Example Council",
        "Şəxs A",
        "Azərbaycan",
        "Özbəkistan",
        "Qazaxıstan",
    }
    assert data["lang"] == "az"


def test_query_draws_a_construct_result(vizdir, run):
    (vizdir / "places.rq").write_text("CONSTRUCT { ?e dkg:location ?p } WHERE { ?e dkg:location ?p }\n")
    result = run("viz", "--query", "places.rq", "-o", "q.html")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Drew 5 nodes and 3 links\n")
    data = page_json(vizdir / "q.html")
    assert data["directed"] is True
    assert {e["rel"][0] for e in data["edges"]} == {"dkg:location"}


def test_too_many_nodes_says_what_helps(vizdir, run):
    result = run("viz", "--max-nodes", "6", "-o", "page.html")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the actors graph has 7 nodes, more than --max-nodes 6: a page that large would freeze the browser. "
        "Draw less: --view countries; a time window (--from 2023 --to 2024); --country AZE; --kind meeting; "
        "an ego network (--ego ID --hops 1); or raise --max-nodes\n"
    )
    assert not (vizdir / "page.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "visti"], "Error: --kind: unknown event kind 'visti'; did you mean visit?\n"),
        (["--kind", "STATE-visit", "--country", "xyz"], "Error: --country: unknown country code 'XYZ'\n"),
        (["--from", "2023-02-30"], "Error: --from: '2023-02-30' is an impossible date: 2023-02 has no day 30\n"),
        (["--from", "2024", "--to", "2023"], "Error: --from: the window starts (2024) after it ends (2023)\n"),
        (
            ["--query", "bad.rq", "--country", "AZE"],
            "Error: --query: a query is drawn as it is: leave out the country, time and kind filters\n",
        ),
        (["-o", "page.txt"], "Error: -o page.txt: the page is HTML; name the output file *.html\n"),
        (["-p", "a=AZE"], "Error: --param: parameters are for a query: give the query too\n"),
        (["--hops", "2"], "Error: --hops: the number of hops counts from an ego: give --ego too\n"),
    ],
)
def test_mistakes_end_in_a_clear_error(vizdir, run, args, message):
    (vizdir / "bad.rq").write_text("SELECT ?s WHERE { ?s ?p }")
    result = run("viz", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert not (vizdir / "page.html").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["missing.rq"],
        ["bad.rq"],
        ["who-met-whm"],
        ["events-between-countries", "-p", "a=AZR"],
        ["events-between-countries", "-p", "nope=1"],
    ],
)
def test_query_mistakes_are_reported_as_kg_query_reports_them(vizdir, run, args):
    (vizdir / "bad.rq").write_text("PREFIX x: <urn:x:>\nSELECT ?s\nWHERE { ?s ?p }\n")
    query_result = run("query", *args)
    viz_result = run("viz", "--query", *args, "-o", "page.html")
    assert query_result.exit_code == 1
    assert query_result.stderr.startswith("Error: ")
    assert (viz_result.exit_code, viz_result.stderr) == (query_result.exit_code, query_result.stderr)
    assert not (vizdir / "page.html").exists()


def test_query_by_stored_name_with_parameters(vizdir, run):
    result = run("viz", "--query", "events-between-countries", "-p", "a=AZE", "-p", "b=KAZ", "-o", "page.html")
    assert result.exit_code == 0, result.stderr
    data = page_json(vizdir / "page.html")
    # summit-2024 is the only event AZE and KAZ share in tests/fixtures/viz
    assert {n["id"] for n in data["nodes"] if n.get("group") == "event"} == {"summit-2024"}


def test_unreadable_data_is_reported(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.yaml").write_text("events:\n  - id: x\n   kind: meeting\n")
    result = run("viz")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: data/broken.yaml:3:4: YAML syntax error")


def test_the_page_is_byte_identical_across_processes(tmp_path):
    pages = []
    for seed in ("1", "977"):
        out = tmp_path / f"p{seed}.html"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from kg.cli import cli; cli()",
                "viz",
                "--data",
                str(FIXTURES / "viz"),
                "--view",
                "events",
                "-o",
                str(out),
            ],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_node_size_grows_with_neighbours_and_groups_make_the_legend():
    kg = load(FIXTURES / "viz")
    G = visualize.graph_for(kg, visualize.VizOptions(view="events"))
    data = visualize.page_data(G, "t")
    size = {n["id"]: (n["degree"], n["size"]) for n in data["nodes"]}
    assert size["summit-2024"] == (7, round(10 + 4 * 7**0.5, 1))
    assert size["treaty-ab"] == (1, 14.0)
    assert [(g["name"], g["label"], g["shape"]) for g in data["groups"]] == [
        ("person", "person", "dot"),
        ("organisation", "organisation", "square"),
        ("country", "country", "diamond"),
        ("event", "diplomatic event", "triangle"),
        ("document", "document", "star"),
        ("place", "place", "hexagon"),
    ]
    assert data["range"] == {"lo": "2023-05-03", "hi": "2024-06-30"}


def test_build_falls_back_to_the_countries_view_when_actors_are_too_many(tmp_path):
    kg = load(FIXTURES / "viz")
    written = visualize.write_default_page(kg, tmp_path / "kg.html", max_nodes=5)
    assert (written.nodes, written.edges) == (3, 4)
    assert page_json(tmp_path / "kg.html")["view"] == "countries"


def test_build_writes_the_page_beside_the_graph_unless_asked_not_to(workdir, run):
    result = run("build", "-o", "out/graph.ttl")
    assert result.stdout.endswith("Wrote out/graph.ttl\nWrote out/graph.html\n")
    assert page_json(workdir / "out" / "graph.html")["view"] == "actors"
    result = run("build", "--no-viz", "-o", "other/graph.ttl")
    assert result.stdout.endswith("Wrote other/graph.ttl\n")
    assert not (workdir / "other" / "graph.html").exists()


def test_every_option_has_an_example_in_help():
    for param in cli.commands["viz"].params:
        if param.name not in ("data_dir", "help"):
            assert "E.g." in (param.help or ""), f"--{param.name} has no example"


def test_readme_documents_the_page(run):
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### `kg viz`", 1)[1].split("\n### ", 1)[0]
    for opt in (
        "-o",
        "--view",
        "--country",
        "--from",
        "--to",
        "--kind",
        "--ego",
        "--hops",
        "--query",
        "--lang",
        "--max-nodes",
    ):
        assert opt in section
    assert f"--max-nodes {visualize.DEFAULT_MAX_NODES}" in section or f"{visualize.DEFAULT_MAX_NODES:,}" in section


def test_unknown_kind_without_a_close_match_lists_the_kinds(workdir, run):
    result = run("viz", "--kind", "nonsense", "-o", "page.html")
    assert result.exit_code == 1
    # every event kind of the ontology, in order (the list grows with the ontology; a few that must be there)
    kinds = sorted(vocabulary().kinds["event"])
    assert {"conference", "meeting", "state-visit", "working-visit"} <= set(kinds)
    assert result.stderr == f"Error: --kind: unknown event kind 'nonsense'; use one of: {', '.join(kinds)}\n"
    assert not (workdir / "page.html").exists()


@pytest.mark.parametrize(
    ("args", "note"),
    [
        # tests/fixtures/minimal holds one event, meeting-a-b on 2023-05-03, between AZE and UZB
        (
            ["--from", "2030"],
            "Note: no event falls on or after 2030: the events of the data run from 2023-05-03 to 2023-05-03\n",
        ),
        (
            ["--from", "2020", "--to", "2022-12"],
            "Note: no event falls between 2020 and 2022-12: the events of the data run from 2023-05-03 to 2023-05-03\n",
        ),
        (["--country", "KAZ"], "Note: no event has any of the countries KAZ\n"),
        (["--kind", "summit", "--country", "aze"], "Note: no event has any of the kinds summit\n"),
    ],
)
def test_an_empty_view_says_why(workdir, run, args, note):
    result = run("viz", *args, "-o", "page.html")
    assert (result.exit_code, result.stderr) == (0, note)
    assert result.stdout.startswith("Drew 0 nodes and 0 links\n")


def test_an_empty_data_folder_says_so(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    result = run("viz", "-o", "page.html")
    assert (result.exit_code, result.stderr) == (0, "Note: the data holds no events\n")


def test_page_data_keeps_open_sides_open_and_marks_undated_events(tmp_path, monkeypatch, run):
    """tests/fixtures/open-dates: an open side of a span has no lo/hi day; an undated event neither, and
    says "undated"; the range runs over the days given; a country place is named as such."""
    shutil.copytree(FIXTURES / "open-dates", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("viz", "--view", "events", "-o", "page.html")
    assert result.exit_code == 0, result.output
    data = page_json(tmp_path / "page.html")
    events = {n["id"]: n for n in data["nodes"] if n["group"] == "event"}
    days = {i: (n["dates"], n.get("lo"), n.get("hi"), n.get("place")) for i, n in events.items()}
    assert days == {
        "bounded-2023": ("2023-01..2023-03", "2023-01-01", "2023-03-31", None),
        "day-2023": ("2023-05-03", "2023-05-03", "2023-05-03", "Uzbekistan (country)"),
        "earliest-only": ("2024-03..", "2024-03-01", None, "Azerbaijan (country)"),
        "latest-only": ("..2024-06", None, "2024-06-30", None),
        "undated-talks": ("undated", None, None, None),
    }
    assert data["range"] == {"lo": "2023-01-01", "hi": "2024-06-30"}
    # the events view links day-2023 to Uzbekistan as its place (and as a country taking part)
    index = {n["key"]: i for i, n in enumerate(data["nodes"])}
    edge = next(
        e for e in data["edges"] if {e["from"], e["to"]} == {index[ID + "event/day-2023"], index[ID + "country/UZB"]}
    )
    assert edge["rel"] == ["involves", "place"]
