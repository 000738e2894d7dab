"""YAML drafts in our data format (kg.extract.draft_records) and ``kg extract --check`` (kg.extract.draft_check).

The gold events of the development set are turned into drafts and must validate together with data/;
the check is tested on drafts written by hand against an event of data/az-uz/events.yaml.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kg.build import load_valid
from kg.cli import cli
from kg.errors import LoadError
from kg.extract.draft_check import check_draft
from kg.extract.draft_records import source_id_for, to_records, to_yaml
from kg.loader import load_records

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extraction"
URL = "https://example.org/news/{}"


@pytest.fixture(scope="module")
def known() -> set[str]:
    return {r.id for r in load_records(ROOT / "data")[0]}


def _gold(path: Path) -> dict[str, Any]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["article"]["source"] = URL.format(path.stem)
    return dict(gold)


def test_every_gold_draft_validates_with_the_data(tmp_path: Path, known: set[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    taken = set(known)
    for path in sorted(FIXTURES.glob("*/*.json")):
        result = _gold(path)
        source_id = source_id_for(result["article"]["source"], path.stem)
        text = to_yaml(result, source_id=source_id, known=taken, publisher="Example News")
        (data / "drafts").mkdir(exist_ok=True)
        (data / "drafts" / f"{path.parent.name}-{path.stem}.yaml").write_text(text, encoding="utf-8")
        for records in yaml.safe_load(text).values():
            taken |= {r["id"] for r in records}
    kg = load_valid(data)  # raises DataInvalid listing every problem
    curated = len([r for r in load_records(ROOT / "data")[0] if r.kind == "event"])
    assert len([r for r in kg.records if r.kind == "event"]) == curated + 89  # and the 89 gold events


def test_a_draft_is_deterministic(known: set[str]) -> None:
    result = _gold(FIXTURES / "founding" / "azertac.json")
    a = to_yaml(result, source_id="s", known=known)
    assert a == to_yaml(result, source_id="s", known=known)
    assert a.startswith("# Draft by kg extract")


def test_records_of_the_founding_draft(known: set[str]) -> None:
    records = to_records(_gold(FIXTURES / "founding" / "azertac.json"), source_id="azertac-2024", known=known)
    (source,) = records["sources"]
    assert (source["id"], source["url"], source["language"], source["published"]) == (
        "azertac-2024",
        URL.format("azertac"),
        "az",
        "2024",
    )
    assert source["publisher"] == "example.org"  # from the address when --publisher is not given
    meeting = records["events"][0]
    assert (meeting["kind"], meeting["mode"], meeting["earliest"], meeting["latest"]) == (
        "meeting",
        "video",
        "2024-01-01",
        "2024-12-31",
    )
    assert [p["agent"] for p in meeting["participants"]] == ["sahil-babayev", "behzod-musayev", "mansurbek-olloyorov"]
    assert meeting["sources"] == ["azertac-2024"]
    treaty = next(e for e in records["events"] if e["kind"] == "signing" and e.get("earliest") == "2023-08-01")
    assert treaty["sources"] == [{"id": "azertac-2024", "speaks": "in-passing"}]
    (doc,) = [d for d in records["documents"] if d["id"] in treaty["documents"]]
    assert (doc["kind"], doc["parties"]) == ("treaty", ["AZE", "UZB"])
    assert records["people"] == []  # everyone is in the graph


def test_a_person_the_graph_lacks_is_proposed(known: set[str]) -> None:
    records = to_records(_gold(FIXTURES / "az" / "06-istanbul-gorus-tekzib.json"), source_id="s", known=known)
    (person,) = records["people"]
    assert person["id"] == "aygun-mammadli" and person["name"] == {"en": "Aygun Mammadli"}
    assert "Aygün Məmmədli" in person["note"] and person["sources"] == ["s"]
    statement = next(e for e in records["events"] if e["kind"] == "statement")
    assert {"agent": "aygun-mammadli", "role": "speaker"} in statement["participants"]


def _draft(tmp_path: Path, events: list[dict[str, Any]]) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump({"events": events}, allow_unicode=True), encoding="utf-8")
    return path


MEETING = {"id": "draft-meeting", "kind": "meeting", "title": {"en": "Meeting"}, "date": "2019-10-14",
           "place": "baku", "countries": ["AZE", "UZB"], "sources": ["s"],
           "participants": [{"agent": "ilham-aliyev", "role": "host"}, {"agent": "shavkat-mirziyoyev"}]}  # fmt: skip


def test_check_finds_the_known_event(tmp_path: Path) -> None:
    findings = check_draft(_draft(tmp_path, [MEETING]), ROOT / "data")
    assert [(f.level, f.record) for f in findings] == [("known", "draft-meeting")]
    assert "2019-10-14-mirziyoyev-aliyev-meeting-baku" in findings[0].message


def test_check_reports_a_contradiction(tmp_path: Path) -> None:
    cancelled = {**MEETING, "status": "cancelled", "place": "tashkent"}
    findings = check_draft(_draft(tmp_path, [cancelled]), ROOT / "data")
    conflicts = sorted(f.message for f in findings if f.level == "conflict")
    assert conflicts == [
        "place tashkent here, baku in 2019-10-14-mirziyoyev-aliyev-meeting-baku",
        "status cancelled here, occurred in 2019-10-14-mirziyoyev-aliyev-meeting-baku",
    ]


def test_check_a_new_event_and_a_post_not_held(tmp_path: Path) -> None:
    later = {**MEETING, "date": "2031-05-01", "participants": [{"agent": "ilham-aliyev", "post": "president-uzb"}]}
    findings = check_draft(_draft(tmp_path, [later]), ROOT / "data")
    assert ("new", "draft-meeting") in [(f.level, f.record) for f in findings]


def test_check_a_json_result_and_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(_gold(FIXTURES / "founding" / "azertac.json")), encoding="utf-8")
    findings = check_draft(path, ROOT / "data")
    assert {f.level for f in findings} <= {"new", "known", "conflict"} and findings
    # the founding meeting is in data/ already
    assert any(f.level == "known" and "video-meetings-babayev-musayev-olloyorov-2024" in f.message for f in findings)
    # the conference "ölkəmizdə" (AZE) is the one in Baku: a city in that country is no contradiction
    assert not any(f.level == "conflict" for f in findings)
    result = CliRunner().invoke(cli, ["extract", "--check", str(path), "--data", str(ROOT / "data")])
    assert result.exit_code in (0, 1) and "known\t" in result.output


@pytest.mark.parametrize("content", ["not: [closed", "just text", "[1, 2, 3]"])
def test_check_refuses_what_is_not_a_draft(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError, match=r"bad\.yaml"):
        check_draft(path, ROOT / "data")
