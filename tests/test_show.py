"""``kg show``: one entity found by id or by any spelling of a label, described with its sources.

The small dataset (tests/fixtures/minimal) is checked through the CLI; the real data through
``kg.show.describe`` on the ``real_kg`` fixture, with answers read from data/*.yaml.
"""

from __future__ import annotations

import json
import re
import shutil

import pyoxigraph as ox
import pytest

from kg import iris, show, show_text
from kg.cli import show as show_cli
from tests.conftest import FIXTURES, ROOT

PERSON_A = "https://w3id.org/diplomatic-kg/id/person/person-a"
AZERTAC = "azertac-2024-az-uz-social-protection-video-meetings"
AZERNEWS = "azernews-2023-10-20-babayev-tashkent"


@pytest.fixture(autouse=True)
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def on_real_data(real_kg, monkeypatch):  # type: ignore[no-untyped-def]
    """``kg show`` reading the real data already loaded by ``real_kg`` instead of loading it again."""
    monkeypatch.setattr(show_cli, "load", lambda data_dir: real_kg if data_dir == ROOT / "data" else None)
    return ["--data", str(ROOT / "data")]


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
        "  Minister A (post:minister-a)  2020-01/…  [example-source]\n"
        "\n"
        "events:\n"
        "  2023-05-03  Meeting of Person A and Person B (event:meeting-a-b): host, as Minister A\n"
        "      (post:minister-a)  [example-source]\n"
    )


def test_label_in_another_language_and_case(workdir, run):
    assert run("show", "персона", "а").stdout == run("show", "person-a").stdout
    assert run("show", "PERSON:person-a", "--lang", "RU", "--format", "Text").stdout.startswith(
        "Персона А (person:person-a)\n"
    )


def test_several_matches_are_listed_people_first(workdir, run):
    # "Person" is a word of Person A, Person B, the mode "in person" and the meeting's title.
    result = run("show", "Person")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'Person' matches 2 people and 2 other entities; run kg show again with one of these ids:\n"
        "  person-a     Person A (person)\n"
        "  person-b     Person B (person)\n"
        "  in-person    in person (mode)\n"
        "  meeting-a-b  Meeting of Person A and Person B (event)\n"
    )


def test_nothing_matches(workdir, run):
    result = run("show", "Xyzzy")
    assert (result.exit_code, result.stderr) == (1, "Error: no entity is named 'Xyzzy'\n")


def test_json_is_data(workdir, run):
    doc = json.loads(run("show", "person-b", "--format", "JSON").stdout)
    assert (doc["id"], doc["kind"], doc["label"], doc["classes"], doc["sources"]) == (
        "person-b",
        "person",
        "Person B",
        ["dkg:Person"],
        ["example-source"],
    )
    assert doc["labels"] == [{"text": "Person B", "lang": "en", "form": "label", "sources": ["example-source"]}]
    minister_b = {
        "id": "minister-b",
        "iri": "https://w3id.org/diplomatic-kg/id/post/minister-b",
        "kind": "post",
        "label": "Minister B",
    }
    assert doc["posts"] == [
        {"post": minister_b, "start": {"date": "2021"}, "end": {"date": "2024-09"}, "sources": ["example-source"]}
    ]
    assert doc["events"] == [
        {
            "event": {
                "id": "meeting-a-b",
                "iri": "https://w3id.org/diplomatic-kg/id/event/meeting-a-b",
                "kind": "event",
                "label": "Meeting of Person A and Person B",
            },
            "role": "guest",
            "post": minister_b,
            "dates": [{"date": "2023-05-03", "sources": ["example-source"]}],
            "sources": ["example-source"],
        }
    ]
    assert doc["dates"] == [] and doc["documents"] == []


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


# --- undated and open-ended events, a country as place, reports and mentions: tests/fixtures/open-dates


@pytest.fixture
def open_dates(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    shutil.copytree(FIXTURES / "open-dates", tmp_path / "data")
    monkeypatch.chdir(tmp_path)


def test_an_undated_event_says_undated_and_how_each_source_speaks_of_it(open_dates, run):
    """src-m reports undated-talks (its subject), src-r only mentions it; the event has no date."""
    out = run("show", "undated-talks").stdout
    assert out.splitlines()[2:5] == ["kind: Meeting", "date: undated", "sources: src-m (reports), src-r (mentions)"]
    doc = json.loads(run("show", "undated-talks", "--format", "json").stdout)
    assert (doc["dates"], doc["speaks"]) == ([], {"src-m": "reports", "src-r": "mentions"})


def test_a_place_known_only_as_a_country_is_shown_as_such(open_dates, run):
    out = run("show", "day-2023").stdout
    assert "  dkg:location: Uzbekistan (country)  [graph file/events]\n" in out
    assert "sources: src-r (reports)\n" in out
    doc = json.loads(run("show", "day-2023", "--format", "json").stdout)
    place = next(st for st in doc["statements"] if st["property"] == "dkg:location")
    assert place["value"] == {
        "id": "UZB",
        "iri": "https://w3id.org/diplomatic-kg/id/country/UZB",
        "kind": "country",
        "label": "Uzbekistan",
    }


def test_a_countrys_events_in_time_order_with_open_bounds_and_undated_last(open_dates, run):
    """UZB takes part in all five events and is day-2023's place; open bounds read 2024-03.. and ..2024-06."""
    events = run("show", "UZB").stdout.split("events:\n", 1)[1].splitlines()
    assert [line.split("  [")[0] for line in events] == [
        "  2023-01..2023-03  Meeting in early 2023 (event:bounded-2023): involvesCountry",
        "  2023-05-03  Meeting on 3 May 2023 (event:day-2023): involvesCountry",
        "  2023-05-03  Meeting on 3 May 2023 (event:day-2023): location",
        "  2024-03..  Meeting after March 2024 (event:earliest-only): involvesCountry",
        "  ..2024-06  Meeting by June 2024 (event:latest-only): involvesCountry",
        "  undated  Talks of unknown date (event:undated-talks): involvesCountry",
    ]


# --- the real data


AZ_SARIEROGLU = "President Aliyev receives Turkish Labour Minister Jülide Sarıeroğlu"
ALIYEVS = [  # data/*/people.yaml: the people named Aliyev, then Aliyeva (a near match, so after them)
    ("anar-aliyev", "Anar Aliyev"),
    ("elnur-aliyev", "Elnur Aliyev"),
    ("ilham-aliyev", "Ilham Aliyev"),
    ("mehriban-aliyeva", "Mehriban Aliyeva"),
]


def listed(stderr: str) -> tuple[str, list[tuple[str, str, str]], str]:
    """The first line, the (id, label, kind) of each candidate listed, and the "… and N more" line or ""."""
    first, *lines = stderr.splitlines()
    more = lines.pop() if lines and lines[-1].startswith("  … and ") else ""
    rows = [re.fullmatch(r"  (\S+) +(.*) \((\w+)\)", line) for line in lines]
    assert all(rows), lines
    return first, [(m[1], m[2], m[3]) for m in rows if m], more


def test_aliyev_lists_the_people_first(on_real_data, run):
    # Events, documents and sources with Aliyev in their title (or, for sources, their id) come after the
    # people, events in id order; their number grows with the data, so only its consistency is checked.
    result = run("show", "Aliyev", *on_real_data)
    assert result.exit_code == 1
    first, rows, last = listed(result.stderr)
    heading = re.fullmatch(
        r"Error: 'Aliyev' matches 4 people and (\d+) other entities; run kg show again with one of these ids:", first
    )
    assert heading, first
    assert [(i, label) for i, label, kind in rows[:4]] == ALIYEVS and {kind for *_, kind in rows[:4]} == {"person"}
    assert [kind for *_, kind in rows[4:]] == ["event"] * 6
    assert rows[4][:2] == ("2018-02-01-aliyev-receives-sarieroglu", AZ_SARIEROGLU)  # events in id order
    assert rows[5][0] == "2019-10-14-mirziyoyev-aliyev-meeting-baku"
    assert last == f"  … and {4 + int(heading[1]) - len(rows)} more"


def test_a_misspelt_name_lists_candidates_instead_of_picking_one(on_real_data, run):
    # Ilham Aliyev's Russian name Ильхам Алиев reads "aliev" exactly; Anar's and Elnur's Aliyev and
    # Mehriban's Алиева ("alieva") are one letter off, equally near, so in id order.
    result = run("show", "aliev", *on_real_data)
    assert result.exit_code == 1
    first, rows, _ = listed(result.stderr)
    assert re.fullmatch(r"Error: 'aliev' matches 4 people and \d+ other entities; .*", first), first
    assert [i for i, *_ in rows[:4]] == ["ilham-aliyev", "anar-aliyev", "elnur-aliyev", "mehriban-aliyeva"]
    assert "person" not in {kind for *_, kind in rows[4:]}
    misspelt = run("show", "Sahil", "Babaev", *on_real_data, "--lang", "ru")
    assert misspelt.exit_code == 1
    first, rows, more = listed(misspelt.stderr)
    assert more == ""  # fewer than ten candidates: all listed
    assert first == "Error: no entity is named 'Sahil Babaev'; run kg show again with one of these ids:"
    assert rows[0] == ("sahil-babayev", "Сахиль Бабаев", "person")  # the one person, not picked
    assert "person" not in {kind for *_, kind in rows[1:]}


def test_a_variant_finds_its_person(on_real_data, run):
    result = run("show", "Mansurbek", "Olloyerov", *on_real_data)
    assert result.exit_code == 0
    assert result.stdout.startswith("Mansurbek Olloyorov (person:mansurbek-olloyorov)\n")
    assert run("show", "Оллоёров", *on_real_data).stdout == result.stdout


def test_labels_with_their_languages(real_kg):
    # data/core/people.yaml: name {en: Mansurbek Olloyorov, az: Mansurbek Olloyerov, ru: Мансурбек Оллоёров,
    # uz: Mansurbek Olloyorov}; alt {en: [Mansurbek Olloyerov, Mansurbek Oloyerov, M. Olloyorov], ru: [Оллоёров]}
    d = show.describe(real_kg.store, str(iris.mint("person", "mansurbek-olloyorov")))
    assert [(lab.lang, lab.form, lab.text) for lab in d.labels] == [
        ("az", "label", "Mansurbek Olloyerov"),
        ("en", "label", "Mansurbek Olloyorov"),
        ("en", "variant", "M. Olloyorov"),
        ("en", "variant", "Mansurbek Olloyerov"),
        ("en", "variant", "Mansurbek Oloyerov"),
        ("ru", "label", "Мансурбек Оллоёров"),
        ("ru", "variant", "Оллоёров"),
        ("uz", "label", "Mansurbek Olloyorov"),
    ]
    assert all(lab.sources == [AZERNEWS, AZERTAC] for lab in d.labels)
    (post,) = show.to_data(d)["posts"]  # no start or end known
    assert post == {
        "post": {
            "id": "director-of-national-agency-for-social-protection-uzb",
            "iri": str(iris.mint("post", "director-of-national-agency-for-social-protection-uzb")),
            "kind": "post",
            "label": "Director of the National Agency for Social Protection under the President of the Republic"
            " of Uzbekistan",
        },
        "sources": [AZERNEWS, AZERTAC],
    }
    assert "undated" in show_text.text(d)


def test_an_event_known_by_bounds(real_kg):
    # data/core/events.yaml: video-meetings-babayev-musayev-olloyorov-2024 has earliest 2024-01, latest 2024-09.
    d = show.describe(real_kg.store, str(iris.mint("event", "video-meetings-babayev-musayev-olloyorov-2024")))
    data = show.to_data(d)
    assert data["dates"] == [{"earliest": "2024-01", "latest": "2024-09", "sources": [AZERTAC]}]
    assert (data["kind"], data["classes"], data["sources"]) == ("event", ["dkg:Meeting"], [AZERTAC])
    assert "date: 2024-01..2024-09\n" in show_text.text(d)


def test_sources_disagreeing_on_a_date(real_kg):
    # data/az-uz/events.yaml: the Shusha summit is dated 2024-07-06 by its sources, 5–6 July by A News.
    d = show.describe(real_kg.store, str(iris.mint("event", "2024-07-06-ots-informal-summit-shusha")))
    anews = "anews-2024-07-06-shusha-informal-summit"
    assert show.to_data(d)["dates"] == [
        {
            "date": "2024-07-06",
            "sources": [
                anews,
                "azernews-2024-07-06-aliyev-shusha-summit",
                "newsaz-2024-07-mirziyoyev-cop29-shusha",
                "qalampir-2024-07-06-shusha-summit-starts",
            ],
        },
        {"start": "2024-07-05", "end": "2024-07-06", "sources": [anews]},
    ]
    assert "date: 2024-07-06 or 2024-07-05/2024-07-06\n" in show_text.text(d)


def test_tenure_bounds_and_events_in_time_order(real_kg):
    # data/core/people.yaml: behzod-musayev holds the ministry from 2022-12, leaving between 2024-01 and
    # 2024-09-23; his first event is the 2024 video meetings (earliest 2024-01).
    d = show.describe(real_kg.store, str(iris.mint("person", "behzod-musayev")))
    data = show.to_data(d)
    assert [(p["post"]["id"], p["start"], p["end"]) for p in data["posts"]] == [
        (
            "minister-of-employment-and-poverty-reduction-uzb",
            {"date": "2022-12"},
            {"earliest": "2024-01", "latest": "2024-09-23"},
        )
    ]
    first = data["events"][0]
    assert (first["event"]["id"], first["role"], first["post"]["id"], first["dates"]) == (
        "video-meetings-babayev-musayev-olloyorov-2024",
        "participant",
        "minister-of-employment-and-poverty-reduction-uzb",
        [{"earliest": "2024-01", "latest": "2024-09", "sources": [AZERTAC]}],
    )
    out = show_text.text(d)
    assert "(post:minister-of-employment-and-poverty-reduction-uzb)  2022-12/2024-01..2024-09-23" in out
    assert out.split("events:\n", 1)[1].startswith("  2024-01..2024-09  Video meetings of Sahil Babayev with")


def test_documents_signed_with_their_date(real_kg):
    # data/core/documents.yaml: the Supreme Interstate Council treaty, signed by ilham-aliyev on 2023-08-22.
    d = show.to_data(show.describe(real_kg.store, str(iris.mint("person", "ilham-aliyev"))))
    treaty = [x for x in d["documents"] if x["document"]["id"] == "treaty-supreme-interstate-council-aze-uzb-2023"]
    assert [(x["property"], x["date"]) for x in treaty] == [("dkg:signatory", {"date": "2023-08-22"})]


def test_statements_name_reference_graphs_apart_from_sources(real_kg):
    d = show.to_data(show.describe(real_kg.store, str(iris.country("AZE"))))
    assert {"text": "Azərbaycan", "lang": "az", "form": "label", "sources": [], "graphs": ["countries"]} in d["labels"]
    assert {
        "property": "dkg:countryCode",
        "value": {"value": "AZE"},
        "sources": [],
        "graphs": ["countries"],
    } in d["statements"]
