"""Reading a plain-text article: dateline, title, body and sentences, as exact spans of the text."""

from __future__ import annotations

import pytest

from kg.extract.article import Span, read_article, sentences
from kg.extract.dates import DateRange, find_dates


def _read(text: str, lang: str = "en", published: str = "2024-10-04"):  # type: ignore[no-untyped-def]
    return read_article(text, find_dates(text, lang, DateRange.parse(published)))


def test_dateline_title_and_body() -> None:
    text = "\n\nBAKU, Oct 4 (AZERTAC).\n\nPrime ministers meet in Baku\n\nThe two met on Friday. They signed a plan.\n"
    article = _read(text)
    assert article.dateline is not None and article.part(article.dateline) == "BAKU, Oct 4 (AZERTAC)."
    assert article.title is not None and article.part(article.title) == "Prime ministers meet in Baku"
    assert [article.part(s) for s in article.sentences] == ["The two met on Friday.", "They signed a plan."]


def test_a_body_alone_has_no_title_and_no_dateline() -> None:
    article = _read("The ministers met in Tashkent on Monday. They discussed trade.")
    assert article.title is None and article.dateline is None
    assert len(article.sentences) == 2


def test_a_title_ending_in_a_full_stop_is_the_first_sentence() -> None:
    # a first line that is a whole sentence is body, even before a blank line
    article = _read("The ministers met in Tashkent.\n\nThey discussed trade.")
    assert article.title is None
    assert [article.part(s) for s in article.sentences] == ["The ministers met in Tashkent.", "They discussed trade."]


def test_russian_dateline_with_a_dash() -> None:
    text = "ТАШКЕНТ, 5 марта —\n\nПремьер-министр принял посла. Стороны обсудили торговлю."
    article = _read(text, "ru", "2024-03-05")
    assert article.dateline is not None and article.part(article.dateline) == "ТАШКЕНТ, 5 марта —"
    assert article.title is None
    expected = ["Премьер-министр принял посла.", "Стороны обсудили торговлю."]
    assert [article.part(s) for s in article.sentences] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # initials and abbreviations do not end a sentence
        ("C. Bayramov met V. Norov. Talks followed.", ["C. Bayramov met V. Norov.", "Talks followed."]),
        ("Встречу провёл Ш. Мирзиёев. Стороны договорились.", ["Встречу провёл Ш. Мирзиёев.", "Стороны договорились."]),
        # a sentence may end before a digit ("22 August …") and at a question mark
        ("They met. 22 August was chosen. Why?", ["They met.", "22 August was chosen.", "Why?"]),
        # a blank line ends a paragraph even without a full stop
        ("First paragraph\n\nSecond one.", ["First paragraph", "Second one."]),
        # a quoted sentence keeps its closing quote
        ('"No such meeting took place." He said so.', ['"No such meeting took place."', "He said so."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in sentences(text, Span(0, len(text)))] == expected


def test_spans_are_exact_substrings_of_the_article() -> None:
    text = "  \nTitle line\n\n  Body starts here.  Second sentence!  \n"
    article = _read(text)
    for span in (article.body, *article.sentences):
        assert text[span.start : span.end] == article.part(span)
    assert article.part(article.sentences[0]) == "Body starts here."
    assert article.part(article.sentences[1]) == "Second sentence!"


def test_empty_text() -> None:
    article = _read("")
    assert article.sentences == () and article.title is None and article.dateline is None
