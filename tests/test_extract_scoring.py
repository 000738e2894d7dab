"""Scoring drafts against gold (kg.extract.scoring) and the evaluation script, on hand-built events."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kg.extract.scoring import Counts, date_agrees, match_events, precision_at, score_events

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import extract_eval  # noqa: E402


def ev(kind: str = "meeting", status: str = "occurred", date: str | None = None, earliest: str | None = None,
       latest: str | None = None, people: tuple[str, ...] = (), place: str | None = None,
       confidence: float = 1.0, documents: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> dict[str, Any]:  # fmt: skip
    return {
        "kind": kind, "status": status, "date": date, "earliest": earliest, "latest": latest,
        "place": None if place is None else {"id": place, "label": place.title(), "country": "AZE"},
        "participants": [{"id": p, "label": p, "mention": p, "role": "participant", "post": None, "country": None}
                         for p in people],
        "organisations": [], "countries": [], "evidence": [], "sectors": [], "confidence": confidence,
        "documents": [{"kind": k, "title": k, "parties": list(parties)} for k, parties in documents],
    }  # fmt: skip


def test_counts() -> None:
    c = Counts(3, 1, 2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert round(c.f1, 4) == round(2 * 0.75 * 0.6 / 1.35, 4)
    assert (Counts().precision, Counts().recall) == (1.0, 1.0)  # nothing to find, nothing found
    assert Counts(0, 2, 0).f1 == 0.0


def test_dates_at_the_gold_precision() -> None:
    month = ev(earliest="2023-10-01", latest="2023-10-31")
    assert date_agrees(ev(date="2023-10-19"), month)  # a day inside the gold month
    assert date_agrees(ev(earliest="2023-10-10", latest="2023-10-20"), month)  # narrower bounds
    assert not date_agrees(ev(earliest="2023-09-25", latest="2023-10-31"), month)
    assert not date_agrees(ev(), month)
    day = ev(date="2024-03-04")
    assert date_agrees(ev(date="2024-03-04"), day)
    assert not date_agrees(ev(earliest="2024-03-01", latest="2024-03-31"), day)  # a month for a day
    assert date_agrees(ev(), ev()) and not date_agrees(ev(date="2024-03-04"), ev())
    # "reported by that day": only the latest bound
    assert date_agrees(ev(latest="2024-04-18"), ev(latest="2024-04-18"))
    assert not date_agrees(ev(earliest="2024-04-01", latest="2024-04-19"), ev(latest="2024-04-18"))


def test_a_perfect_draft() -> None:
    gold = [ev(date="2024-03-04", people=("a", "b"), place="baku"), ev("signing", documents=(("treaty", ("AZE",)),))]
    counts = score_events(gold, gold)
    assert all((c.fp, c.fn) == (0, 0) for c in counts.values())
    assert (counts["events"].tp, counts["participants"].tp, counts["documents"].tp) == (2, 2, 1)


def test_wrong_status_and_extra_and_missing_events() -> None:
    gold = [ev(date="2024-03-04", people=("a",)), ev("visit", "planned", people=("c",))]
    predicted = [ev(date="2024-03-04", status="planned", people=("a",)), ev("statement", people=("z",))]
    counts = score_events(predicted, gold)
    # the meeting is aligned but its status is wrong; the statement is extra; the visit is missed
    assert counts["events"] == Counts(0, 2, 2)
    assert counts["status"] == Counts(0, 2, 2)
    assert counts["participants"] == Counts(1, 1, 1)


def test_alignment_is_one_to_one_and_prefers_the_same_kind() -> None:
    gold = [ev("meeting", date="2024-03-04"), ev("signing", date="2024-03-04")]
    predicted = [ev("signing", date="2024-03-04")]
    pairs = match_events(predicted, gold)
    assert (predicted[0], gold[1]) in pairs and (None, gold[0]) in pairs


def test_places_by_id() -> None:
    counts = score_events([ev(place="baku")], [ev(place="tashkent")])
    assert counts["places"] == Counts(0, 1, 1)
    assert score_events([ev()], [ev(place="baku")])["places"] == Counts(0, 0, 1)


def test_precision_at_thresholds() -> None:
    gold = {"events": [ev(date="2024-03-04")]}
    predicted = {"events": [ev(date="2024-03-04", confidence=0.95), ev("visit", confidence=0.4)]}
    table = dict(precision_at([(predicted, gold)], (0.0, 0.5)))
    assert table[0.0] == Counts(1, 1, 0)
    assert table[0.5] == Counts(1, 0, 0)


def test_evaluate_with_a_fake_extractor(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    gold = {"article": {"language": "en", "published": "2024-03-05", "source": None},
            "events": [ev(date="2024-03-04", people=("jeyhun-bayramov",))]}  # fmt: skip
    (tmp_path / "en" / "01-a.txt").write_text("Bayramov met Saidov on Monday.", encoding="utf-8")
    (tmp_path / "en" / "01-a.json").write_text(json.dumps(gold), encoding="utf-8")
    perfect = extract_eval.evaluate(lambda text, lang, published: gold, tmp_path)
    assert perfect.by_language["en"]["events"] == Counts(1, 0, 0) and perfect.articles == 1
    empty = extract_eval.evaluate(lambda text, lang, published: {**gold, "events": []}, tmp_path)
    assert empty.by_language["all"]["events"] == Counts(0, 0, 1)
    assert empty.errors == [("en/01-a.txt", ["meeting/occurred/2024-03-04"], [])]
    assert "| en |" in extract_eval.render(empty)
