"""The research-query checks of test_research_queries.py on copies of data/ with records added: unrelated
records leave every check passing (with rows of their own at most); a wrong record makes its check fail."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.build import load_valid
from kg.graph import KnowledgeGraph
from tests.conftest import ROOT
from tests.test_research_queries import (
    _A,
    _J,
    _M,
    _R,
    Rows,
    ask,
    check_agreement_sectors,
    check_bilateral_side_meetings,
    check_commitments,
    check_leaders_meetings,
    check_most_active_ministries,
    meetings_by_pair,
)


@pytest.fixture(scope="module")
def data(real_kg: KnowledgeGraph) -> KnowledgeGraph:
    return real_kg


SOURCE = """\
# Invented for tests/test_research_queries.py; nothing here is real.
sources:
  - id: test-only-invented-page
    kind: official-page
    url: https://example.org/diplomacy/invented
    publisher: Example Ministry
    language: en
    title: An invented page for the tests
    published: 2023-12-01
    accessed: 2026-12-01
    summary: Invented for the tests; it reports nothing that happened.
"""

# Records about other countries, people and bodies, and a sub-event of an occasion already counted.
UNRELATED = (
    SOURCE
    + """\
organisations:
  - {id: test-only-ministry-of-energy-kgz, kind: ministry, name: {en: Ministry K}, country: KGZ,
     sources: [test-only-invented-page]}
events:
  - id: test-only-rahmon-japarov-phone-call-2023
    kind: meeting
    mode: phone
    title: {en: An invented telephone call of the presidents of Tajikistan and Kyrgyzstan}
    date: 2023-03-15
    online: true
    countries: [KGZ, TJK]
    participants:
      - {agent: emomali-rahmon, post: president-tjk}
      - {agent: sadyr-japarov, post: president-kgz}
    sources: [test-only-invented-page]
  - id: test-only-kgz-tjk-meeting-eco-summit-2023
    kind: meeting
    title: {en: An invented meeting of Kyrgyzstan and Tajikistan at the ECO summit}
    date: 2023-11-09
    place: tashkent
    countries: [KGZ, TJK]
    margins_of: 2023-11-09-eco-16th-summit-tashkent
    participants: [{agent: KGZ}, {agent: TJK}]
    sources: [test-only-invented-page]
  - id: test-only-talks-during-state-visit-2023-08
    kind: meeting
    title: {en: Invented talks during the state visit of August 2023}
    date: 2023-08-22
    place: baku
    countries: [AZE, UZB]
    part_of: visit-mirziyoyev-azerbaijan-2023-08
    participants:
      - {agent: ilham-aliyev, post: president-aze}
      - {agent: shavkat-mirziyoyev, post: president-uzb}
    sources: [test-only-invented-page]
documents:
  - id: test-only-agreement-kgz-tjk-2023
    kind: agreement
    title: {en: An invented agreement of Kyrgyzstan and Tajikistan}
    parties: [KGZ, TJK]
    date: 2023-03-15
    sectors: [energy]
    sources: [test-only-invented-page]
"""
)

# The same two presidents meeting once more in 2023, and one more Azerbaijan–Uzbekistan trade document
# in 2024: both change an asserted count.
WRONG = (
    SOURCE
    + """\
events:
  - id: test-only-aliyev-mirziyoyev-phone-call-2023
    kind: meeting
    mode: phone
    title: {en: An invented telephone call of the presidents of Azerbaijan and Uzbekistan}
    date: 2023-03-01
    online: true
    countries: [AZE, UZB]
    participants:
      - {agent: ilham-aliyev, post: president-aze}
      - {agent: shavkat-mirziyoyev, post: president-uzb}
    sources: [test-only-invented-page]
documents:
  - id: test-only-trade-agreement-aze-uzb-2024
    kind: agreement
    title: {en: An invented trade agreement of Azerbaijan and Uzbekistan}
    parties: [AZE, UZB]
    date: 2024-05-01
    sectors: [trade]
    sources: [test-only-invented-page]
"""
)


def copy_with(tmp: Path, records: str) -> KnowledgeGraph:
    """The real data/ copied with one more file of records, loaded with every check (an invalid record
    would fail here rather than be left out unseen)."""
    shutil.copytree(ROOT / "data", tmp / "data", ignore=shutil.ignore_patterns("reference"))
    (tmp / "data" / "test-only").mkdir()
    (tmp / "data" / "test-only" / "records.yaml").write_text(records, encoding="utf-8")
    return load_valid(tmp / "data")


@pytest.fixture(scope="module")
def unrelated(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    return copy_with(tmp_path_factory.mktemp("unrelated"), UNRELATED)


@pytest.fixture(scope="module")
def wrong(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    return copy_with(tmp_path_factory.mktemp("wrong"), WRONG)


def changes(before: Rows, after: Rows) -> tuple[Rows, Rows]:
    """The rows gone and the rows new."""
    return [r for r in before if r not in after], [r for r in after if r not in before]


CHECKS = [check_agreement_sectors, check_most_active_ministries, check_bilateral_side_meetings,
          check_leaders_meetings, check_commitments]  # fmt: skip


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_unrelated_records_leave_the_checks_passing(
    unrelated: KnowledgeGraph, check: Callable[[KnowledgeGraph], None]
) -> None:
    check(unrelated)


def test_unrelated_records_change_only_rows_of_their_own(data: KnowledgeGraph, unrelated: KnowledgeGraph) -> None:
    # the new ministry and the new side meeting are rows of their own
    assert changes(ask(data, "most-active-ministries"), ask(unrelated, "most-active-ministries")) == (
        [],
        [("test-only-ministry-of-energy-kgz", "KGZ", "0", "0", "0", "0")],
    )
    side = ("2023-11-09", "2023-11-09-eco-16th-summit-tashkent", "test-only-kgz-tjk-meeting-eco-summit-2023")
    assert changes(ask(data, "bilateral-side-meetings"), ask(unrelated, "bilateral-side-meetings")) == (
        [],
        [(*side, "on the margins", "KGZ", "TJK")],
    )
    for pair in [("AZE", "UZB"), ("KAZ", "UZB")]:
        before = ask(data, "agreement-sectors-per-year", a=pair[0], b=pair[1])
        assert ask(unrelated, "agreement-sectors-per-year", a=pair[0], b=pair[1]) == before, pair
    assert ("2023", "energy") in [r[:2] for r in ask(unrelated, "agreement-sectors-per-year", a="KGZ", b="TJK")]
    assert ask(unrelated, "commitments-followed-by-meetings") == ask(data, "commitments-followed-by-meetings")
    # the phone call is a new occasion of another pair; the talks within the August 2023 state visit add an
    # event, not an occasion, to the Aliyev–Mirziyoyev row
    real = meetings_by_pair(ask(data, "leaders-meetings-per-year"))
    added = meetings_by_pair(ask(unrelated, "leaders-meetings-per-year"))
    deltas = {
        pair: (added[pair][0] - real.get(pair, (0, 0))[0], added[pair][1] - real.get(pair, (0, 0))[1])
        for pair in added
        if added[pair] != real.get(pair)
    }
    assert set(real) <= set(added)
    assert deltas == {("2023", _A, _M): (0, 1), ("2023", _R, _J): (1, 1)}


def test_a_wrong_meeting_changes_the_count_of_occasions(data: KnowledgeGraph, wrong: KnowledgeGraph) -> None:
    before = meetings_by_pair(ask(data, "leaders-meetings-per-year"))[("2023", _A, _M)]
    after = meetings_by_pair(ask(wrong, "leaders-meetings-per-year"))[("2023", _A, _M)]
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1)
    with pytest.raises(AssertionError, match=r"\('2023', 'ilham-aliyev', 'shavkat-mirziyoyev', '5', '9'\)"):
        check_leaders_meetings(wrong)


def test_a_wrong_document_changes_the_sectors_of_its_year(data: KnowledgeGraph, wrong: KnowledgeGraph) -> None:
    before = [r for r in ask(data, "agreement-sectors-per-year") if r[0] == "2024"]
    after = [r for r in ask(wrong, "agreement-sectors-per-year") if r[0] == "2024"]
    # one more trade document, and one more document that year beside every sector
    assert {r[1]: (int(r[2]), int(r[3])) for r in after} == {
        r[1]: (int(r[2]) + (r[1] == "trade"), int(r[3]) + 1) for r in before
    }
    with pytest.raises(AssertionError):
        check_agreement_sectors(wrong)


# --------------------------------------------------------------------------------------------------
# The rules, on a hand-made graph added to tests/fixtures/minimal (two ministries, Person A and B meeting
# on 3 May 2023)
