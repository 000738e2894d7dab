"""Dates at the precision the sources give: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

A value keeps its precision (xsd:gYear, xsd:gYearMonth, xsd:date); comparisons between values of
different precision use the first and last day each value may stand for.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class BadDate(ValueError):
    """The text is not a date, or names a day that does not exist."""


def normalise(value: object) -> str:
    """The lexical form of a date written in YAML (which may have read ``2023`` as a number)."""
    text = str(value).strip()
    m = _FORM.match(text)
    if not m:
        raise BadDate(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        raise BadDate(f"{text!r} is an impossible date: there is no month {month}")
    if day:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise BadDate(f"{text!r} is an impossible date: {year}-{month} has no day {day}") from None
    return text


def datatype(text: str) -> URIRef:
    return {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text), XSD.date)


def literal(value: object) -> Literal:
    """An RDF literal keeping the precision of the written date."""
    text = normalise(value)
    return Literal(text, datatype=datatype(text))


@functools.lru_cache(maxsize=1 << 16)  # pure, and called per event per comparison in sorts and filters
def first_day(text: str) -> dt.date:
    parts = [int(p) for p in normalise(text).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@functools.lru_cache(maxsize=1 << 16)
def last_day(text: str) -> dt.date:
    parts = [int(p) for p in normalise(text).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def may_precede(a: str, b: str) -> bool:
    """True when the period ``a`` can start no later than ``b`` ends (they are not out of order)."""
    return first_day(a) <= last_day(b)


def overlaps(lo: str, hi: str, window_from: str | None, window_to: str | None) -> bool:
    """Whether a period [lo, hi] (any precision) may fall in an inclusive window (any precision)."""
    if window_from and last_day(hi) < first_day(window_from):
        return False
    return not (window_to and first_day(lo) > last_day(window_to))


_OX_TYPES = {n: ox.NamedNode(str(datatype("x" * n))) for n in (4, 7, 10)}


def ox_literal(value: object) -> ox.Literal:
    """:func:`literal` as an Oxigraph term, for the mapping (which builds no rdflib literal)."""
    text = normalise(value)
    return ox.Literal(text, datatype=_OX_TYPES.get(len(text), _OX_TYPES[10]))
