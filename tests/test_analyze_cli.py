"""``kg analyze centrality|ties|brokers`` on tests/fixtures/viz: exact output, worked out by hand from its records
(the countries view is a triangle: AZE–UZB 3 bilateral events + 1/2 of the summit, AZE–KAZ and KAZ–UZB 1/2 each;
see tests/test_analytics.py for the numbers)."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import FIXTURES

VIZ = str(FIXTURES / "viz")


@pytest.fixture
def analyze(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "100")

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["analyze", *args, "--data", VIZ], catch_exceptions=False)

    return invoke


def test_centrality_table(analyze):
    result = analyze("centrality")
    assert result.exit_code == 0
    assert result.stdout == (
        "Centrality, countries view (3 nodes); betweenness: exact\n"
        "id   label       degree  weighted degree  betweenness  eigenvector  community\n"
        "---  ----------  ------  ---------------  -----------  -----------  ---------\n"
        "AZE  Azerbaijan  2       4                0.000        0.694        0\n"
        "UZB  Uzbekistan  2       4                0.000        0.694        0\n"
        "KAZ  Kazakhstan  2       1                0.000        0.191        0\n"
        "\n"
        "Communities (Louvain, seed 42): 1\n"
        "community  size  members\n"
        "---------  ----  ----------------------------------------------------\n"
        "0          3     Azerbaijan (AZE), Kazakhstan (KAZ), Uzbekistan (UZB)\n"
    )


def test_centrality_top_and_csv(analyze):
    result = analyze("centrality", "--top", "1", "--format", "csv")
    header, row, end = result.stdout_bytes.decode().split("\r\n")
    assert header == "\ufeffid,label,degree,weighted_degree,betweenness,eigenvector,community"
    assert end == ""
    *cells, eigen, community = row.split(",")
    assert (cells, community) == (["AZE", "Azerbaijan", "2", "4.0", "0.0"], "0")
    lam = (3.5 + math.sqrt(3.5**2 + 2)) / 2  # the weighted triangle, as in tests/test_analytics.py
    assert float(eigen) == pytest.approx(1 / math.sqrt(2 + 1 / lam**2), abs=1e-6)
    assert result.stderr == "Note: betweenness: exact\n"


def test_centrality_json_is_data(analyze):
    doc = json.loads(analyze("centrality", "--format", "json", "--top", "2").stdout)
    assert list(doc) == ["view", "betweenness", "nodes_total", "nodes", "communities"]
    assert doc["betweenness"] == {"method": "exact", "pivots": None, "seed": None}
    assert doc["nodes_total"] == 3
    assert [n["id"] for n in doc["nodes"]] == ["AZE", "UZB"]
    aze = doc["nodes"][0]
    assert aze["iri"] == "https://w3id.org/diplomatic-kg/id/country/AZE"
    assert (aze["degree"], aze["weighted_degree"], aze["betweenness"], aze["community"]) == (2, 4.0, 0.0, 0)
    assert aze["eigenvector"] == pytest.approx(0.694113, abs=1e-6)
    assert doc["communities"] == [
        {
            "index": 0,
            "size": 3,
            "members": [
                {"iri": f"https://w3id.org/diplomatic-kg/id/country/{c}", "id": c, "label": name}
                for c, name in (("AZE", "Azerbaijan"), ("KAZ", "Kazakhstan"), ("UZB", "Uzbekistan"))
            ],
        }
    ]


def test_ties_table(analyze):
    assert analyze("ties").stdout == (
        "Ties, countries view (3 pairs)\n"
        "a            b            events  weight  a→b  b→a  kinds              first       last     sources\n"
        "-----------  -----------  ------  ------  ---  ---  -----------------  ----------  -------  -------\n"
        "Azerbaijan   Uzbekistan   4       3.5     0    2    meeting 1,         2023-05-03  2024-06  3\n"
        "(AZE)        (UZB)                                  signing 1,\n"
        "                                                    state-visit 1, +1\n"
        "                                                    more\n"
        "Azerbaijan   Kazakhstan   1       0.5     0    0    summit 1           2024-01     2024-06  2\n"
        "(AZE)        (KAZ)\n"
        "Kazakhstan   Uzbekistan   1       0.5     0    0    summit 1           2024-01     2024-06  2\n"
        "(KAZ)        (UZB)\n"
    )


def test_ties_csv_and_json(analyze):
    lines = analyze("ties", "--format", "csv", "--top", "1").stdout_bytes.decode().split("\r\n")
    assert lines[0] == "\ufeffa,a_label,b,b_label,events,weight,a_to_b,b_to_a,kinds,first,last,event_ids,sources"
    assert lines[1] == (
        "AZE,Azerbaijan,UZB,Uzbekistan,4,3.5,0,2,meeting 1; signing 1; state-visit 1; summit 1,2023-05-03,2024-06,"
        "meeting-a-b; signing-treaty; summit-2024; visit-b-baku,evil-link; src-a; src-b"
    )
    doc = json.loads(analyze("ties", "--format", "json", "--view", "actors", "--top", "0").stdout)
    assert (doc["view"], doc["ties_total"], len(doc["ties"])) == ("actors", 18, 18)
    ab = next(t for t in doc["ties"] if (t["a"]["id"], t["b"]["id"]) == ("person-a", "person-b"))
    assert ab == {
        "a": {"iri": "https://w3id.org/diplomatic-kg/id/person/person-a", "id": "person-a", "label": "Person A"},
        "b": {"iri": "https://w3id.org/diplomatic-kg/id/person/person-b", "id": "person-b", "label": "Person B"},
        "events": 3,
        "weight": 3.0,
        "a_to_b": 0,
        "b_to_a": 2,
        "kinds": {"meeting": 1, "signing": 1, "state-visit": 1},
        "first": "2023-05-03",
        "last": "2023-08-23",
        "event_ids": ["meeting-a-b", "signing-treaty", "visit-b-baku"],
        "sources": ["src-a", "src-b"],
    }


def test_brokers_of_the_actors_view(analyze):
    # person-b reaches council, person-x and KAZ only through person-a, AZE or UZB (a third of 3 paths each):
    # betweenness 1/15 each, degree 6 of 6 other nodes, so the score is 1/15 too
    assert analyze("brokers", "--view", "actors").stdout == (
        "Brokers, actors view (3 nodes); score: betweenness ÷ degree centrality; betweenness: exact\n"
        "id        label       group    score  betweenness  degree  community  links\n"
        "--------  ----------  -------  -----  -----------  ------  ---------  -----\n"
        "AZE       Azerbaijan  country  0.067  0.067        6       0          0, 1\n"
        "UZB       Uzbekistan  country  0.067  0.067        6       0          0, 1\n"
        "person-a  Person A    person   0.067  0.067        6       0          0, 1\n"
    )
    doc = json.loads(analyze("brokers", "--view", "actors", "--format", "json", "--top", "1").stdout)
    assert doc["brokers_total"] == 3
    assert doc["brokers"][0]["links"] == [0, 1]
    assert doc["brokers"][0]["score"] == pytest.approx(1 / 15)


def test_brokers_of_a_triangle_are_none(analyze):
    result = analyze("brokers", "--format", "csv")
    assert result.stdout_bytes.decode() == "\ufeffid,label,group,score,betweenness,degree,community,links\r\n"


def test_labels_follow_lang(analyze):
    out = analyze("ties", "--view", "actors", "--lang", "az", "--top", "0", "--format", "csv").stdout
    assert "AZE,Azərbaycan,UZB,Özbəkistan," in out and ",person-a,Şəxs A," in out


def test_an_empty_selection_says_why(analyze):
    result = analyze("ties", "--from", "2030")
    assert result.exit_code == 0
    assert result.stdout.startswith("Ties, countries view (0 pairs)\n")
    assert result.stderr == (
        "Note: no event falls on or after 2030: the events of the data run from 2023-05-03 to 2024-06\n"
    )


def test_bad_options_are_usage_errors(analyze):
    result = CliRunner().invoke(cli, ["analyze", "ties", "--data", VIZ, "--view", "events"])
    assert result.exit_code == 2
    assert "Error: Invalid value for '--view': 'events' is not one of 'countries', 'actors'." in result.stderr
    result = CliRunner().invoke(cli, ["analyze", "centrality", "--data", VIZ, "--country", "XYZ"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --country: unknown country code 'XYZ'")


def test_help_says_what_the_scores_mean():
    text = CliRunner().invoke(cli, ["analyze", "brokers", "--help"]).stdout
    assert "score = betweenness ÷ degree centrality" in " ".join(text.split())
    text = " ".join(CliRunner().invoke(cli, ["analyze", "centrality", "--help"]).stdout.split())
    assert "adds 1/(n-1) to each pair" in text and "max(100, 12 million ÷ edges) pivots drawn with seed 42" in text
