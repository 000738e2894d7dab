"""A plain-text news article: its dateline, title and body, and the body's sentences, all as spans of the text.

The layout ``kg extract`` reads: leading blank lines, an optional dateline line ("BAKU, Oct 4 (AZERTAC)."), an
optional title line followed by a blank line, then the body. Spans index the whole text, so every mention and
every piece of evidence is an exact substring of what the user gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.dates import DateMention

MAX_CHARS = 200_000  # a news article is far shorter; longer input is cut here (and the cut reported)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    text: str
    title: Span | None
    dateline: Span | None
    body: Span
    sentences: tuple[Span, ...]

    def part(self, span: Span) -> str:
        return self.text[span.start : span.end]


_LINE = re.compile(r"[^\n]*\n?")
# A full stop ends a sentence unless it follows an initial ("C.", "И.") or a common abbreviation.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "col",
        "prof",
        "vs",
        "etc",
        "г",
        "гг",
        "им",
        "ул",
        "т",
        "тт",
        "др",
        "см",
        "напр",
        "mln",
        "млн",
        "млрд",
        "mlrd",
    ]
)
_END = re.compile(r"[.!?…]+[\"»”’)]*(?=\s+[\"«„“(]?[^\W\d_]|\s*$)|[.!?…]+[\"»”’)]*(?=\s+\d)|\n\s*\n")
_DATELINE_LINE = re.compile(r"^[^\W\d_][\w .ʻ’'-]{0,40},\s*[^\n]{1,60}$")


def _lines(text: str) -> list[Span]:
    spans, pos = [], 0
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        line = match.group().rstrip("\n")
        spans.append(Span(pos, pos + len(line)))
        pos = match.end()
    return spans


def _stripped(text: str, span: Span) -> Span:
    part = text[span.start : span.end]
    lead = len(part) - len(part.lstrip())
    trail = len(part) - len(part.rstrip())
    return Span(span.start + lead, span.end - trail)


def sentences(text: str, span: Span) -> list[Span]:
    """The sentences of ``text[span]``: ends at ., !, ? before a capital, a digit or the end; not after initials."""
    out: list[Span] = []
    start = span.start
    part = text[: span.end]
    for match in _END.finditer(part, span.start):
        word = re.search(r"(\w+)\W*$", part[start : match.start() + 1])
        before = word.group(1) if word else ""
        if match.group().startswith(".") and (
            (len(before) == 1 and before.isupper()) or before.lower() in _ABBREVIATIONS
        ):
            continue
        piece = _stripped(text, Span(start, match.end()))
        if piece.end > piece.start:
            out.append(piece)
        start = match.end()
    tail = _stripped(text, Span(start, span.end))
    if tail.end > tail.start:
        out.append(tail)
    return out


def read_article(text: str, dates: list[DateMention]) -> Article:
    """Split ``text`` into dateline, title and body; ``dates`` (from :func:`kg.extract.dates.find_dates`)
    tell which line is a dateline."""
    lines = _lines(text)
    filled = [i for i, s in enumerate(lines) if text[s.start : s.end].strip()]
    dateline: Span | None = None
    title: Span | None = None
    first = 0
    if filled:
        line = _stripped(text, lines[filled[0]])
        marked = any(d.dateline and line.start <= d.start < line.end for d in dates)
        shaped = bool(_DATELINE_LINE.match(text[line.start : line.end])) and len(filled) > 1 and any(
            line.start <= d.start < line.end for d in dates)  # fmt: skip
        # A dateline line alone: the body starts after it. One that runs on ("BAKU, Oct 4 — The minister")
        # keeps its sentence in the body.
        if (marked or shaped) and line.end - line.start <= 60:
            dateline = line
            first = 1
    if len(filled) > first + 1:
        i = filled[first]
        blank_after = i + 1 < len(lines) and not text[lines[i + 1].start : lines[i + 1].end].strip()
        candidate = _stripped(text, lines[i])
        ends_sentence = text[candidate.end - 1] in ".!?" if candidate.end > candidate.start else False
        if blank_after and not ends_sentence and candidate.end - candidate.start <= 250:
            title = candidate
            first += 1
    body_start = lines[filled[first]].start if len(filled) > first else len(text)
    body = _stripped(text, Span(body_start, len(text)))
    return Article(text, title, dateline, body, tuple(sentences(text, body)))
