"""``kg show``: one entity found by id or by any spelling of a label, described with its sources."""

from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest

from kg.show import normalise
from tests.conftest import ROOT

PERSON_A = "https://w3id.org/diplomatic-kg/id/person/person-a"


@pytest.fixture(autouse=True)
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("core")
    for part in ("core", "reference"):
        shutil.copytree(ROOT / "data" / part, root / part)
    return str(root)


def test_text_describes_a_person_with_sources(workdir, run):
    result = run("show", "person-a")
    assert result.exit_code == 0
    assert result.stdout == (
        "Person A (person:person-a)\n"
        f"{PERSON_A}\n"
        "kind: Person\n"
        "sources: example-source\n"
        "\n"
        "labels:\n"
        "  en  Person A  [example-source]\n"
        "  en  Persona A (variant)  [example-source]\n"
        "  ru  Персона А  [example-source]\n"
        "\n"
        "statements:\n"
        "  dkg:nationality: Azerbaijan (country:AZE)  [example-source]\n"
        "\n"
        "posts:\n"
        "  Minister A (post:minister-a)  2020-01/  [example-source]\n"
        "\n"
        "events:\n"
        "  2023-05-03  Meeting of Person A and Person B (event:meeting-a-b): host, as Minister A\n"
        "      (post:minister-a)  [example-source]\n"
    )


def test_label_in_another_language_and_case(workdir, run):
    assert run("show", "персона", "а").stdout == run("show", "person-a").stdout


def test_several_matches_are_listed(workdir, run):
    result = run("show", "Person")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'Person' matches 2 entities; run kg show again with one of these ids:\n"
        "  person-a  Person A (person)\n"
        "  person-b  Person B (person)\n"
    )


def test_nothing_matches(workdir, run):
    result = run("show", "Xyzzy")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no entity matches 'Xyzzy'; closest labels: ")


def test_json(workdir, run):
    doc = json.loads(run("show", "person-b", "--format", "json").stdout)
    assert (doc["id"], doc["label"], doc["kinds"], doc["sources"]) == (
        "person-b",
        "Person B",
        ["dkg:Person"],
        ["example-source"],
    )
    assert doc["posts"] == [
        {"text": "Minister B (post:minister-b)", "value": "", "when": "2021/2024-09", "sources": ["example-source"]}
    ]
    assert [(e["when"], e["value"]) for e in doc["events"]] == [
        ("2023-05-03", "guest, as Minister B (post:minister-b)")
    ]


def test_turtle(workdir, run):
    out = run("show", "person-a", "--format", "turtle").stdout
    triples = {str(q.triple) for q in ox.parse(out.encode(), format=ox.RdfFormat.TURTLE)}
    tenure = "https://w3id.org/diplomatic-kg/id/tenure/person-a--minister-a--1"
    assert (
        f"<{PERSON_A}> <https://w3id.org/diplomatic-kg/ontology#nationality> "
        "<https://w3id.org/diplomatic-kg/id/country/AZE>" in triples
    )
    assert (
        f"<{tenure}> <https://w3id.org/diplomatic-kg/ontology#startDate> "
        '"2020-01"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>' in triples
    )
    assert {t.split()[0] for t in triples} == {f"<{PERSON_A}>", f"<{tenure}>"}


def test_person_found_by_a_misspelled_label(core, run):
    result = run("show", "Sahil", "Babaev", "--data", core)
    assert result.exit_code == 0
    assert result.stdout.startswith("Sahil Babayev (person:sahil-babayev)\n")
    assert (
        "  2023-10  Visit of Minister Sahil Babayev to Uzbekistan, October 2023\n"
        "      (event:visit-babayev-tashkent-2023-10): visitor, as Minister of Labour and Social Protection\n"
        "      of Population of the Republic of Azerbaijan\n"
    ) in result.stdout
    mansurbek = run("show", "Mansurbek Olloerov", "--data", core)  # the sources spell Olloyorov and Olloyerov
    assert mansurbek.stdout.startswith("Mansurbek Olloyorov (person:mansurbek-olloyorov)\n")


def test_person_found_by_a_cyrillic_label(core, run):
    result = run("show", "Сахил Бабаев", "--data", core, "--lang", "ru")  # ru label: Сахиль Бабаев
    assert result.exit_code == 0
    assert result.stdout.startswith("Сахиль Бабаев (person:sahil-babayev)\n")
    assert "  ru  Сахиль Бабаев  [azertac-2024-az-uz-social-protection-video-meetings,\n" in result.stdout
    assert run("show", "Оллоёров", "--data", core).stdout.startswith("Mansurbek Olloyorov (person:mansurbek-olloyorov)")


def test_events_in_time_order(core, run):
    out = run("show", "behzod-musayev", "--data", core).stdout
    assert "posts:\n  Minister of Employment and Poverty Reduction of the Republic of Uzbekistan\n" in out
    assert "2022-12/2024-01..2024-09-23" in out
    events = out.split("events:\n", 1)[1]
    assert events.startswith("  2024-01..2024-09  Video meetings of Sahil Babayev with Behzod Musayev and")


def test_spelling_variants_normalise_alike():
    assert normalise("Oʻzbekiston") == normalise("O‘zbekiston") == normalise("O'zbekiston") == "ozbekiston"
    assert normalise("İlham Əliyev") == normalise("ILHAM ALIYEV") == "ilham aliyev"
    assert normalise("Сахиль Бабаев") == "sakhil babaev"
