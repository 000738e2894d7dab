"""``kg export --format graphml|gexf``: networks for Gephi, Cytoscape, R and pandas, read back by networkx.

Expected values are worked out by hand from tests/fixtures/viz (its network is derived in
tests/test_network.py): AZE and UZB share the meeting, the state visit and the signing (bilateral) and the
summit of AZE, UZB and KAZ (multilateral: 1/(3-1) = 0.5 per pair).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg import formats, graph_export
from kg.export import export
from kg.filters import Filters
from kg.graph import load
from tests.conftest import FIXTURES, ROOT

ID = "https://w3id.org/diplomatic-kg/id/"
AZE, UZB, KAZ = ID + "country/AZE", ID + "country/UZB", ID + "country/KAZ"
A, B, X, COUNCIL = ID + "person/person-a", ID + "person/person-b", ID + "person/person-x", ID + "organisation/council"
VISIT, SUMMIT, SIGNING = ID + "event/visit-b-baku", ID + "event/summit-2024", ID + "event/signing-treaty"
READ = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.fixture(scope="module")
def kg():  # type: ignore[no-untyped-def]
    return load(FIXTURES / "viz")


@pytest.fixture
def vizdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "viz", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def read_back(data: bytes, fmt: str, tmp_path: Path) -> nx.Graph:
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(data)
    return READ[fmt](path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("view", ["actors", "countries", "events"])
def test_networkx_reads_back_the_same_graph(kg, tmp_path, fmt, view):
    H = graph_export.network(kg.store, view, lang="az")
    back = read_back(graph_export.serialize(H, fmt), fmt, tmp_path)
    assert type(back) is nx.Graph
    assert sorted(back.nodes(data=True)) == sorted(H.nodes(data=True))  # every attribute
    for n, d in H.nodes(data=True):
        assert {k: type(v) for k, v in back.nodes[n].items()} == {k: type(v) for k, v in d.items()}
    for a, b, d in H.edges(data=True):
        assert back.edges[a, b] == d
        assert {k: type(v) for k, v in back.edges[a, b].items()} == {k: type(v) for k, v in d.items()}
    assert back.number_of_edges() == H.number_of_edges()
    if fmt == "graphml":  # GEXF has no graph attributes (only its mode)
        assert {k: v for k, v in back.graph.items() if not k.endswith("_default")} == {"view": view, "lang": "az"}


def test_countries_are_one_edge_per_pair_with_the_kinds_counted_apart(kg):
    H = graph_export.network(kg.store, "countries")
    assert type(H) is nx.Graph
    assert sorted(H.edges) == [(AZE, KAZ), (AZE, UZB), (KAZ, UZB)]
    assert H.edges[AZE, UZB] == {
        "id": "e1",
        "weight": 3.5,  # three bilateral events and half of the summit
        "count": 4,
        "bilateral": 3,
        "multilateral": 1,
        "kind": "bilateral; multilateral",
        "events": "meeting-a-b; signing-treaty; summit-2024; visit-b-baku",
        "first": "2023-05-03",  # the meeting
        "last": "2024-06",  # the summit's latest bound
    }
    assert H.edges[KAZ, UZB] == {
        "id": "e2",
        "weight": 0.5,
        "count": 1,
        "bilateral": 0,
        "multilateral": 1,
        "kind": "multilateral",
        "events": "summit-2024",
        "first": "2024-01",
        "last": "2024-06",
    }
    # weighted degree: AZE 3.5 + 0.5, KAZ 0.5 + 0.5; a single community (splitting off KAZ lowers modularity)
    assert {n: (d["degree"], d["weighted_degree"], d["community"]) for n, d in H.nodes(data=True)} == {
        AZE: (2, 4.0, 0),
        KAZ: (2, 1.0, 0),
        UZB: (2, 4.0, 0),
    }
    assert H.nodes[AZE]["label"] == "Azerbaijan" and H.nodes[AZE]["local_id"] == "AZE"


def test_actor_edges_carry_roles_and_nodes_their_names_and_posts(kg):
    H = graph_export.network(kg.store, "actors", lang="az")
    assert H.edges[A, B] == {
        "id": "e16",
        "weight": 3.0,
        "count": 3,
        "events": "meeting-a-b; signing-treaty; visit-b-baku",
        "roles": "meeting-a-b: person-a (host), person-b (guest); signing-treaty: person-a (signatory), "
        "person-b (signatory); visit-b-baku: person-a (host), person-b (visitor)",
        "first": "2023-05-03",
        "last": "2023-08-23",
    }
    assert H.nodes[A] == {
        "label": "Şəxs A",
        "local_id": "person-a",
        "group": "person",
        "kinds": "şəxs",
        "names": "Person A; Persona Alpha; person-a; Şəxs A",
        "posts": "Minister A (2020-01 –)",
        "community": 0,
        "degree": 6,
        "weighted_degree": 14.0,  # 4 + 4 with AZE and UZB, 3 with person-b, 1 each with KAZ, the council, person-x
    }
    # the summit's own participants apart from the three who met thrice
    groups = {}
    for n, d in H.nodes(data=True):
        groups.setdefault(d["community"], set()).add(n)
    assert groups == {0: {AZE, UZB, A, B}, 1: {KAZ, COUNCIL, X}}


def test_event_nodes_have_dates_or_bounds_place_cameo_and_sources(kg):
    H = graph_export.network(kg.store, "events")
    assert {k: H.nodes[VISIT][k] for k in ("dates", "lo", "hi", "place", "cameo", "sources", "kinds")} == {
        "dates": "2023-08-22 – 2023-08-23",
        "lo": "2023-08-22",
        "hi": "2023-08-23",
        "place": "Baku",
        "cameo": "042",
        "sources": "src-a; src-b",
        "kinds": "state visit",
    }
    assert (H.nodes[SUMMIT]["dates"], H.nodes[SUMMIT]["lo"], H.nodes[SUMMIT]["hi"]) == (
        "2024-01..2024-06",
        "2024-01",
        "2024-06",
    )
    assert H.edges[SIGNING, VISIT]["relations"] == "part of"
    assert "weighted_degree" not in H.nodes[VISIT]  # the events view has no weights


def test_filters_choose_the_events(kg):
    H = graph_export.network(kg.store, "countries", Filters(kinds=("meeting",)))
    assert [(a, b, d["weight"], d["events"]) for a, b, d in H.edges(data=True)] == [(AZE, UZB, 1.0, "meeting-a-b")]
    H = graph_export.network(kg.store, "countries", Filters(date_from="2024"))
    assert sorted((a, b, d["weight"]) for a, b, d in H.edges(data=True)) == [
        (AZE, KAZ, 0.5),
        (AZE, UZB, 0.5),
        (KAZ, UZB, 0.5),
    ]


def test_gexf_has_no_date_of_writing_and_names_the_creator(kg):
    text = graph_export.export_network(kg.store, "gexf", "countries").decode("utf-8")
    assert "lastmodifieddate" not in text
    assert "<creator>diplomatic-kg</creator>" in text
    assert '<node id="https://w3id.org/diplomatic-kg/id/country/AZE" label="Azerbaijan">' in text


_WRITE = """
import sys
from pathlib import Path
from kg.graph import load
from kg.graph_export import export_network
store = load(Path(sys.argv[1])).store
for view in ("actors", "countries", "events"):
    for fmt in ("graphml", "gexf"):
        Path(sys.argv[2], f"{view}.{fmt}").write_bytes(export_network(store, fmt, view))
"""


def test_the_same_data_gives_the_same_bytes_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("0", "123"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _WRITE, str(FIXTURES / "viz"), str(out)], check=True, env=env, cwd=ROOT)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 6
    assert outputs[0] == outputs[1]


def test_cli_writes_the_view_atomically_and_says_what(vizdir, run):
    result = run("export", "--view", "countries", "-o", "out/countries.gexf")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Wrote out/countries.gexf (gexf, countries view: 3 nodes, 3 links)\n"
    assert [p.name for p in (vizdir / "out").iterdir()] == ["countries.gexf"]  # no temporary file left
    back = nx.read_gexf(vizdir / "out" / "countries.gexf")
    assert back.edges[AZE, UZB]["weight"] == 3.5
    result = run("export", "--format", "GraphML", "--view", "ACTORS", "--country", "KAZ", "--lang", "az")
    assert result.exit_code == 0, result.stderr
    H = nx.parse_graphml(result.stdout)
    # only the summit involves KAZ: its three countries, the council, person-a and person-x (not person-b)
    assert sorted(H) == sorted([AZE, KAZ, UZB, COUNCIL, A, X]) and H.nodes[A]["label"] == "Şəxs A"
    assert H.edges[A, X]["events"] == "summit-2024"
    assert run("export", "-o", "a.graphml").stdout == "Wrote a.graphml (graphml, actors view: 7 nodes, 18 links)\n"


def test_an_empty_network_says_why_as_the_csv_does(vizdir, run):
    network = run("export", "--format", "gexf", "--from", "2030")
    table = run("export", "--format", "csv", "--from", "2030")
    assert network.exit_code == table.exit_code == 0
    assert (
        network.stderr
        == table.stderr
        == ("Note: no event falls on or after 2030: the events of the data run from 2023-05-03 to 2024-06\n")
    )
    assert "<nodes />" in network.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "csv", "--view", "countries"],
            "Error: --view countries: is for the network formats (--format graphml or gexf), not csv\n",
        ),
        (["--lang", "az"], "Error: --lang az: is for the network formats (--format graphml or gexf), not turtle\n"),
        (
            ["-o", "g.trig", "--view", "events"],
            "Error: --view events: is for the network formats (--format graphml or gexf), not trig\n",
        ),
    ],
)
def test_view_and_lang_are_for_the_network_formats(vizdir, run, args, message):
    result = run("export", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert not list(vizdir.glob("g.*"))


def test_build_refuses_a_network_format_and_says_where_it_is_written(vizdir, run):
    result = run("build", "-o", "g.graphml")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: -o g.graphml: graphml is a network view, not the graph: write it with kg export --format "
        "graphml --view VIEW\n"
    )
    assert not (vizdir / "g.graphml").exists()


def test_the_format_table_keeps_network_formats_apart():
    assert formats.NETWORK_NAMES == ("graphml", "gexf")
    assert "graphml" not in formats.NAMES and formats.EXPORT_NAMES == formats.NAMES + formats.NETWORK_NAMES
    assert formats.FORMATS["gexf"].rdf is None and not formats.FORMATS["gexf"].keeps_graphs


def test_the_library_export_writes_a_network_format_as_the_actors_view(kg):
    assert export(kg.store, formats.FORMATS["graphml"]) == graph_export.export_network(kg.store, "graphml", "actors")
