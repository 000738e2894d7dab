"""Spans of a text being linked: its word tokens and the mentions under construction (shared by
:mod:`kg.extract.entities` and :mod:`kg.extract.newcomers`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.gazetteer import WORD, stems

NAME_GAP = re.compile(r"[ \t\u00a0]+")  # what stands between a given name and a surname


@dataclass
class Tok:
    text: str
    start: int
    end: int
    stems: dict[str, int]
    cap: bool


def tokens(text: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end(), stems(m.group()), m.group()[:1].isupper()) for m in WORD.finditer(text)]


@dataclass
class Built:
    """A mention being built."""

    kind: str
    start: int
    end: int
    first: int
    last: int
    id: str | None
    label: str
    country: str | None
    score: float
    title: str | None = None  # an unresolved title's English words
    post: str | None = None
    organisation: str | None = None
    candidates: tuple[str, ...] = ()
    used: bool = False  # a title some person holds
