"""kg analyze timeline: counts per period and kind, the Goldstein line, the chart as drawn, the CLI.

Expectations are worked out by hand from tests/fixtures/viz/records.yaml (all four events involve AZE and UZB):
  meeting-a-b    meeting      2023-05-03             CAMEO 040 (meeting, in person)  Goldstein 1.0
  visit-b-baku   state-visit  2023-08-22 – 08-23     CAMEO 042 (make a visit)        Goldstein 1.9
  signing-treaty signing      2023-08-22             CAMEO 057 (sign agreement)      Goldstein 8.0
  summit-2024    summit       2024-01..2024-06       CAMEO 044 (third location)      Goldstein 2.5  (+ KAZ)
and from the real data's YAML (data/az-uz/events.yaml, data/core/events.yaml) for AZE–UZB in 2019–2021:
  2019: summit 2019-10-15 (044), session 2019-10-14 (040), meeting 2019-10-14 (040)
  2020: session and meeting, both 2020-02..2020-02-06 (040)
  2021: summit 2021-11-12 (044), statement 2021-11-12 (010, Goldstein 0.0)
Goldstein values: GDELT's CAMEO.goldsteinscale.txt (040 1.0, 042 1.9, 044 2.5, 057 8.0, 010 0.0).
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from matplotlib.image import imread

from kg.analytics import chart, goldstein
from kg.analytics.timeline import periods_between, timeline
from kg.errors import UsageError
from kg.filters import Filters
from kg.graph import KnowledgeGraph, load
from tests.conftest import FIXTURES, ROOT

KINDS = ("meeting", "signing", "state-visit", "summit")  # one event each: equal counts, so by name


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return load(FIXTURES / "viz")


def test_goldstein_values_of_the_cameo_codes_we_use() -> None:
    # GDELT's CAMEO.goldsteinscale.txt, checked code by code (see the comment on dkg:goldsteinScale).
    assert goldstein.scale() == {
        "01": 0.0, "010": 0.0, "02": 3.0, "03": 4.0, "030": 4.0, "036": 4.0, "04": 1.0, "040": 1.0, "041": 1.0,
        "042": 1.9, "043": 2.8, "044": 2.5, "046": 7.0, "05": 3.5, "050": 3.5, "057": 8.0, "06": 6.0, "060": 6.0,
        "061": 6.4, "07": 7.0, "070": 7.0, "071": 7.4, "073": 7.4,
    }  # fmt: skip
    assert goldstein.of_codes(["042", "057"]) == pytest.approx(4.95)
    assert goldstein.of_codes(["999"]) is None


def test_periods_run_without_gaps() -> None:
    import datetime as dt

    d = dt.date
    assert periods_between(d(2023, 11, 5), d(2024, 2, 1), "month") == ("2023-11", "2023-12", "2024-01", "2024-02")
    assert periods_between(d(2023, 8, 1), d(2024, 4, 30), "quarter") == ("2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2")
    assert periods_between(d(2019, 1, 1), d(2021, 12, 31), "year") == ("2019", "2020", "2021")


def test_counts_per_year_and_kind(kg: KnowledgeGraph) -> None:
    tl = timeline(kg.store, "AZE", "uzb", "year")
    assert (tl.periods, tl.kinds) == (("2023", "2024"), KINDS)
    counts = {(c.period, c.kind): c.count for c in tl.cells}
    assert counts == {
        ("2023", "meeting"): 1, ("2023", "signing"): 1, ("2023", "state-visit"): 1, ("2023", "summit"): 0,
        ("2024", "meeting"): 0, ("2024", "signing"): 0, ("2024", "state-visit"): 0, ("2024", "summit"): 1,
    }  # fmt: skip
    y2023, y2024 = tl.totals
    assert (y2023.count, y2023.events) == (3, ("meeting-a-b", "signing-treaty", "visit-b-baku"))
    assert y2023.goldstein_sum == pytest.approx(1.0 + 1.9 + 8.0)
    assert y2023.goldstein_mean == pytest.approx(10.9 / 3)
    assert (y2024.count, y2024.goldstein_mean, y2024.goldstein_sum) == (1, 2.5, 2.5)
    assert tl.notes() == []  # the summit's bounds 2024-01..2024-06 lie in 2024


def test_uncertain_dates_go_to_the_first_period_they_allow(kg: KnowledgeGraph) -> None:
    tl = timeline(kg.store, "AZE", "UZB", "quarter")
    assert tl.periods == ("2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1")  # 2023-Q4 empty, still shown
    assert [c.count for c in tl.totals] == [1, 2, 0, 1]  # the summit (2024-01..06) in Q1, its earliest bound
    assert tl.spanning == ("summit-2024",)
    assert tl.notes() == ["1 event whose dates allow several periods counted in the first of them: summit-2024"]
    # A window starting after the earliest bound: the first period of the window that the summit may fall in.
    later = timeline(kg.store, "AZE", "UZB", "quarter", Filters(date_from="2024-04"))
    assert (later.periods, [c.count for c in later.totals]) == (("2024-Q2",), [1])
    window = timeline(kg.store, "AZE", "UZB", "month", Filters(date_from="2023-07", date_to="2023-09"))
    assert window.periods == ("2023-07", "2023-08", "2023-09")  # the window sets the periods
    assert [c.count for c in window.totals] == [0, 2, 0]
    assert window.window == "2023-07 – 2023-09"


def test_actors_view_and_filters(kg: KnowledgeGraph) -> None:
    people = timeline(kg.store, "person-a", "Person B", view="actors")  # the summit has A but not B
    assert (people.periods, people.kinds, [c.count for c in people.totals]) == (
        ("2023",),
        ("meeting", "signing", "state-visit"),
        [3],
    )
    country_person = timeline(kg.store, "AZE", "person-x", view="actors")  # AZE involved, X a participant
    assert [c.events for c in country_person.totals] == [("summit-2024",)]
    visits = timeline(kg.store, "AZE", "UZB", filters=Filters(kinds=("visit",)))
    assert (visits.kinds, [c.count for c in visits.totals]) == (("state-visit",), [1])


def test_unknown_or_same_parties_and_bad_options(kg: KnowledgeGraph) -> None:
    with pytest.raises(UsageError, match="no country is named 'Atlantis'"):
        timeline(kg.store, "AZE", "Atlantis")
    with pytest.raises(UsageError, match=r"A and B name the same country \(AZE\)"):
        timeline(kg.store, "aze", "Azerbaijan")
    with pytest.raises(UsageError, match="person-a is a person, not a country"):
        timeline(kg.store, "person-a", "UZB")
    with pytest.raises(UsageError, match="cannot count per week"):
        timeline(kg.store, "AZE", "UZB", "week")


@pytest.fixture
def undated(tmp_path: Path) -> KnowledgeGraph:
    """The viz fixture plus one undated AZE–UZB meeting."""
    shutil.copytree(FIXTURES / "viz", tmp_path / "data")
    (tmp_path / "data" / "undated.yaml").write_text(
        "events:\n"
        "  - id: call-undated\n"
        "    kind: meeting\n"
        "    title: {en: An undated call}\n"
        "    countries: [AZE, UZB]\n"
        "    sources: [src-a]\n",
        encoding="utf-8",
    )
    return load(tmp_path / "data")


def test_undated_events_are_left_out_and_named(undated: KnowledgeGraph) -> None:
    tl = timeline(undated.store, "AZE", "UZB")
    assert [c.count for c in tl.totals] == [3, 1]  # as without it
    assert tl.undated == ("call-undated",)
    assert tl.notes() == ["1 undated event left out (no period holds them): call-undated"]


def test_events_without_a_goldstein_value_are_left_out_of_the_mean(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = {k: v for k, v in goldstein.scale().items() if k != "057"}
    monkeypatch.setattr(goldstein, "scale", lambda: known)
    tl = timeline(kg.store, "AZE", "UZB")
    y2023 = tl.totals[0]
    assert (y2023.count, y2023.scored, y2023.goldstein_mean) == (3, 2, pytest.approx((1.0 + 1.9) / 2))
    assert tl.unscored == ("signing-treaty",)
    assert tl.notes() == ["1 event without a Goldstein value left out of the mean: signing-treaty"]
    fig = chart.figure(tl)
    assert fig.get_supxlabel() == "1 event without a Goldstein value left out of the line"


def test_the_chart_draws_the_counts_and_the_line(kg: KnowledgeGraph) -> None:
    tl = timeline(kg.store, "AZE", "UZB", "quarter")
    fig = chart.figure(tl)
    bars, line_axes = fig.axes
    # One bar container per kind, stacked in the order of the kinds; heights per quarter worked out above.
    assert [c.get_label() for c in bars.containers] == ["meeting", "signing", "state visit", "summit"]
    heights = {c.get_label(): [p.get_height() for p in c.patches] for c in bars.containers}
    assert heights == {
        "meeting": [1, 0, 0, 0],
        "signing": [0, 1, 0, 0],
        "state visit": [0, 1, 0, 0],
        "summit": [0, 0, 0, 1],
    }
    state_visit_bottoms = [p.get_y() for p in bars.containers[2].patches]
    assert state_visit_bottoms == [1, 1, 0, 0]  # on the meeting and signing below it: 1 + 0 in Q2, 0 + 1 in Q3
    assert [t.get_text() for t in bars.get_xticklabels()] == ["2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"]
    (line,) = [ln for ln in line_axes.lines if ln.get_label() == chart.LINE_LABEL]
    y = list(line.get_ydata())
    assert y[0] == pytest.approx(1.0)  # the meeting
    assert y[1] == pytest.approx((8.0 + 1.9) / 2)  # the signing and the state visit
    assert math.isnan(y[2])  # no event: no point
    assert y[3] == pytest.approx(2.5)  # the summit
    assert line_axes.get_ylim() == (-10, 10)
    assert (bars.get_xlabel(), bars.get_ylabel()) == ("quarter", "events (stacked by kind)")
    assert line_axes.get_ylabel() == "mean Goldstein value (−10 conflict, +10 cooperation)"
    assert fig.get_suptitle() == "Azerbaijan – Uzbekistan: interactions per quarter, 2023-Q2 – 2024-Q1"
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "summit",
        "state visit",
        "signing",
        "meeting",
        chart.LINE_LABEL,
    ]
    assert fig.get_supxlabel() == "1 event with uncertain dates counted in the first period they allow"


def test_labels_follow_the_language(kg: KnowledgeGraph) -> None:
    fig = chart.figure(timeline(kg.store, "AZE", "UZB", lang="az"))
    assert fig.get_suptitle() == "Azərbaycan – Özbəkistan: interactions per year, 2023 – 2024"
    assert [c.get_label() for c in fig.axes[0].containers] == ["görüş", "imzalanma", "dövlət səfəri", "sammit"]


def test_png_and_svg_are_written_and_the_same_every_time(kg: KnowledgeGraph, tmp_path: Path) -> None:
    tl = timeline(kg.store, "AZE", "UZB", "quarter")
    png = chart.write_chart(tl, tmp_path / "out" / "aze-uzb.png")
    image = imread(png)
    assert image.shape[2] == 4 and image.shape[0] > 300 and image.shape[1] > 600
    first = chart.write_chart(tl, tmp_path / "a.svg").read_bytes()
    second = chart.write_chart(tl, tmp_path / "b.svg").read_bytes()
    assert first == second
    assert b"<dc:date>" not in first and first.startswith(b"<?xml")
    with pytest.raises(UsageError, match=r"the chart is written as PNG or SVG: end the file name in \.png or \.svg"):
        chart.write_chart(tl, tmp_path / "chart.pdf")


def test_cli_table(run, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("analyze", "timeline", "AZE", "UZB", "--data", str(FIXTURES / "viz"), "--by", "quarter")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Azerbaijan – Uzbekistan: interactions per quarter, 2023-Q2 – 2024-Q1\n"
        "period   meeting  signing  state visit  summit  events  Goldstein mean\n"
        "-------  -------  -------  -----------  ------  ------  --------------\n"
        "2023-Q2  1        0        0            0       1       1.00\n"
        "2023-Q3  0        1        1            0       2       4.95\n"
        "2023-Q4  0        0        0            0       0\n"
        "2024-Q1  0        0        0            1       1       2.50\n"
    )
    assert (
        result.stderr == "Note: 1 event whose dates allow several periods counted in the first of them: summit-2024\n"
    )


def test_cli_csv_json_and_chart(run, tmp_path: Path) -> None:
    data = str(FIXTURES / "viz")
    result = run("analyze", "timeline", "AZE", "UZB", "--data", data, "--format", "csv", "--from", "2024")
    assert result.stdout == (
        "\ufeffperiod,kind,kind_label,count,events,goldstein_mean,goldstein_sum,scored\n"
        "2024,summit,summit,1,summit-2024,2.5,2.5,1\n"
    )
    result = run("analyze", "timeline", "AZE", "UZB", "--data", data, "--format", "json", "--kind", "signing")
    import json

    doc = json.loads(result.stdout)
    assert doc["a"] == {"id": "AZE", "iri": "https://w3id.org/diplomatic-kg/id/country/AZE", "label": "Azerbaijan"}
    assert (doc["periods"], doc["kinds"]) == (["2023"], [{"id": "signing", "label": "signing"}])
    assert doc["rows"] == [
        {
            "period": "2023",
            "kind": "signing",
            "count": 1,
            "events": ["signing-treaty"],
            "goldstein_mean": 8.0,
            "goldstein_sum": 8.0,
            "scored": 1,
        }
    ]
    out = tmp_path / "aze-uzb.png"
    result = run("analyze", "timeline", "Azerbaijan", "Uzbekistan", "--data", data, "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {out}\n"
    assert imread(out).shape[2] == 4
    result = run("analyze", "timeline", "AZE", "UZB", "--data", data, "-o", str(tmp_path / "chart.pdf"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: -o {tmp_path / 'chart.pdf'}: the chart is written as PNG or SVG: end the file name in .png or .svg\n"
    )
    assert not (tmp_path / "chart.pdf").exists()


def test_real_data_aze_uzb_2019_to_2021(run, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("analyze", "timeline", "AZE", "UZB", "--from", "2019", "--to", "2021")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Azerbaijan – Uzbekistan: interactions per year, 2019 – 2021\n"
        "period  meeting  session  summit  statement  events  Goldstein mean\n"
        "------  -------  -------  ------  ---------  ------  --------------\n"
        "2019    1        1        1       0          3       1.50\n"  # (2.5 + 1.0 + 1.0) / 3
        "2020    1        1        0       0          2       1.00\n"
        "2021    0        0        1       1          2       1.25\n"  # (2.5 + 0.0) / 2
    )
    assert result.stderr == ""
