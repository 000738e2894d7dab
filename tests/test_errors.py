"""Domain errors carry data; each front end names the inputs its own way; labels and "did you mean" follow
one rule everywhere."""

from __future__ import annotations

from rdflib import Literal

from kg.cli.main import flag
from kg.errors import UsageError, article, option, parameter
from kg.fuzzy import closest, normalise
from kg.labels import pick_text


def test_a_usage_error_is_data_rendered_by_each_front_end() -> None:
    exc = UsageError("unknown event kind 'vist'", about=option("kind"), value="vist", closest=["visit"])
    assert str(exc) == "kind: unknown event kind 'vist'; did you mean visit?"
    assert exc.render(flag) == "--kind: unknown event kind 'vist'; did you mean visit?"
    assert exc.to_dict() == {
        "message": "unknown event kind 'vist'",
        "input": {"kind": "option", "name": "kind"},
        "value": "vist",
        "allowed": [],
        "closest": ["visit"],
    }
    param = UsageError("missing", about=parameter("a"), allowed=["AZE", "UZB"])
    assert param.render(flag) == "--param a: missing; use one of: AZE, UZB"
    window = UsageError("the window starts (2024) after it ends (2023)", about=option("date_from"))
    assert window.render(flag) == "--from: the window starts (2024) after it ends (2023)"
    out = UsageError("the page is HTML; name the output file *.html", about=option("output"), value="p.txt")
    assert out.render(flag) == "-o p.txt: the page is HTML; name the output file *.html"


def test_articles() -> None:
    assert [article(n) for n in ("event", "person", "organisation", "document")] == [
        "an event", "a person", "an organisation", "a document",
    ]  # fmt: skip


def test_did_you_mean_ranks_and_cuts_off() -> None:
    assert closest("person-c", ["person-a", "person-b", "baku"]) == ["person-a", "person-b"]
    assert closest("nonsense", ["conference", "meeting"]) == []  # nothing close: no wild guess


def test_names_match_across_scripts_and_spellings() -> None:
    assert normalise("Oʻzbekiston") == normalise("O'zbekiston") == "ozbekiston"
    assert normalise("Сахиль Бабаев") == "sakhil babaev"
    assert normalise("Bakı, Azərbaycan") == "baki azarbaycan"


def test_the_label_rule() -> None:
    labels = [Literal("Baku", lang="en"), Literal("Bakı", lang="az"), Literal("Баку", lang="ru")]
    assert pick_text(labels, "az") == "Bakı"
    assert pick_text(labels, "uz") == "Baku"  # no Uzbek label: English
    assert pick_text([Literal("Bakı", lang="az"), Literal("Баку", lang="ru")], "uz") == "Bakı"  # first language
    assert pick_text([Literal("B", lang="en"), Literal("A", lang="en")], "en") == "A"  # whatever the store's order
    assert pick_text([], "en") is None
