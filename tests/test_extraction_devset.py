"""The `kg extract` development set (tests/fixtures/extraction/) is well-formed.

Each gold file validates against data/schema/extraction.schema.json, quotes its text exactly and uses
only ids that exist in data/; the set covers what tests/fixtures/extraction/README.md promises.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pycountry
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "fixtures" / "extraction"
SCHEMA = ROOT / "data" / "schema" / "extraction.schema.json"
LANGUAGES = ("az", "en", "ru", "uz")
GOLD = sorted(p for p in DEVSET.glob("*/*.json"))
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _ids() -> dict[str, frozenset[str]]:
    """Ids by section (people, posts, organisations, places, documents) of every YAML file in data/."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "data").glob("*/*.yaml"):
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section, items in records.items():
            for item in items or []:
                found.setdefault(section, set()).add(item["id"])
    return {section: frozenset(ids) for section, ids in found.items()}


def _text(gold: Path) -> str:
    return gold.with_suffix(".txt").read_text(encoding="utf-8")


def test_devset_is_found() -> None:
    assert len(GOLD) >= 49


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_validates_against_schema(gold: Path) -> None:
    jsonschema.Draft202012Validator(_load(SCHEMA)).validate(_load(gold))


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_evidence_and_mentions_are_exact_substrings(gold: Path) -> None:
    text = _text(gold)
    for event in _load(gold)["events"]:
        quoted = list(event["evidence"])
        quoted += [p["mention"] for p in event["participants"]]
        quoted += [o["mention"] for o in event["organisations"]]
        missing = [q for q in quoted if q not in text]
        assert not missing, f"{gold.name}: not in the text: {missing}"


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_ids_exist_in_data(gold: Path) -> None:
    ids = _ids()
    agents = ids["people"] | ids["organisations"]
    unknown: list[str] = []
    for event in _load(gold)["events"]:
        place = event["place"]
        if place and place["id"] is not None and place["id"] not in ids["places"]:
            unknown.append(place["id"])
        for p in event["participants"]:
            if p["id"] is not None and p["id"] not in agents:
                unknown.append(p["id"])
            # a post is a data/ id when written as one, otherwise the English label the text gives
            if p["post"] and ID.match(p["post"]) and p["post"] not in ids["posts"]:
                unknown.append(p["post"])
        unknown += [o["id"] for o in event["organisations"] if o["id"] and o["id"] not in ids["organisations"]]
        for document in event["documents"]:
            unknown += [x for x in document["parties"] if ID.match(x) and x not in ids["organisations"]]
    assert not unknown, f"{gold.name}: ids not in data/: {unknown}"


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_is_consistent(gold: Path) -> None:
    data = _load(gold)
    folder = gold.parent.name
    assert data["article"]["language"] == ("az" if folder == "founding" else folder)
    assert gold.with_suffix(".txt").exists()
    for event in data["events"]:
        assert event["countries"] == sorted(event["countries"])
        assert event["sectors"] == sorted(event["sectors"])
        assert event["confidence"] == 1.0
        # a full date leaves no bounds; bounds are in order
        if event["date"] is not None:
            assert event["earliest"] is None and event["latest"] is None
        if event["earliest"] and event["latest"]:
            assert event["earliest"] <= event["latest"]


def _per_language() -> dict[str, list[Path]]:
    return {lang: [g for g in GOLD if g.parent.name == lang] for lang in LANGUAGES}


def test_coverage_per_language() -> None:
    counts = {lang: len(files) for lang, files in _per_language().items()}
    assert all(n >= 12 for n in counts.values()), counts
    cyrillic = sum(1 for g in _per_language()["uz"] if CYRILLIC.search(_text(g)))
    latin = len(_per_language()["uz"]) - cyrillic
    assert cyrillic >= 6 and latin >= 6, (cyrillic, latin)


def _files_with(test: Any) -> int:
    return sum(1 for g in GOLD if any(test(e) for e in _load(g)["events"]))


def test_coverage_of_cases() -> None:
    assert _files_with(lambda e: e["status"] != "occurred") >= 8
    assert _files_with(lambda e: e["mentioned"]) >= 8
    assert _files_with(lambda e: e["date"] is None and not e["earliest"] and not e["latest"]) >= 4
    assert _files_with(_country_only) >= 4


def _country_only(event: dict[str, Any]) -> bool:
    """A place known only as a country: no id, labelled with the country's English name."""
    place = event["place"]
    if place is None or place["id"] is not None or place["country"] is None:
        return False
    country = pycountry.countries.get(alpha_3=place["country"])
    return country is not None and place["label"] == country.name


def test_schema_enums_follow_the_data_format() -> None:
    extraction = _load(SCHEMA)["$defs"]["event"]["properties"]
    data = _load(ROOT / "data" / "schema" / "diplomatic-kg.schema.json")["$defs"]
    assert extraction["kind"]["enum"] == data["event_kind"]["enum"]
    assert extraction["status"]["enum"] == data["event"]["properties"]["status"]["enum"]
    assert extraction["sectors"]["items"]["enum"] == data["sector"]["enum"]
    role = extraction["participants"]["items"]["properties"]["role"]["enum"]
    assert role == data["participant"]["properties"]["role"]["enum"]
    kind = extraction["documents"]["items"]["properties"]["kind"]["enum"]
    assert kind == data["document"]["properties"]["kind"]["enum"]


def test_founding_article_gold() -> None:
    events = _load(DEVSET / "founding" / "azertac.json")["events"]
    subject = [e for e in events if not e["mentioned"]]
    assert len(subject) == 1
    assert {p["id"] for p in subject[0]["participants"]} == {"sahil-babayev", "behzod-musayev", "mansurbek-olloyorov"}
    assert (subject[0]["earliest"], subject[0]["latest"]) == ("2024-01-01", "2024-12-31")
    kinds = sorted(e["kind"] for e in events if e["mentioned"])
    assert kinds == ["conference", "construction-initiative", "opening", "signing", "signing"]
