"""Tables with a header row (ICEWS, POLECAT, mapped CSV): columns found by name, rows read by the csv module.

The header names the columns, so a table whose columns come in another order, or with more of them, reads
the same; a column the layout needs and the header lacks is an error naming the file, the column and the
closest header names.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

from kg.errors import LoadError
from kg.fuzzy import closest
from kg.ingest.gdelt import BadRow, Tally, linked
from kg.ingest.names import Names

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a long text column is data, not an error


def records(lines: Iterable[str], delimiter: str, quoting: bool) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each non-empty record; ``quoting``: fields may be quoted (CSV), or not (TSV)."""
    reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE)
    start = 1
    for fields in reader:
        if fields and any(fields):
            yield start, fields
        start = reader.line_num + 1


class Header:
    """The columns of a table by name, read from its first row."""

    def __init__(self, fields: Sequence[str], shown: str) -> None:
        self.names = [f.strip().lstrip("\ufeff") for f in fields]  # a byte-order mark may open the file
        self.index = {name: i for i, name in reversed(list(enumerate(self.names)))}
        self.shown = shown

    def column(self, name: str, where: str = "") -> int:
        """The 0-based index of a column the layout needs; LoadError naming the closest ones when absent."""
        if name in self.index:
            return self.index[name]
        by_lower = {n.lower(): n for n in reversed(self.names)}  # compared in any case: "Cameo code"
        near = [by_lower[n] for n in closest(name.lower(), by_lower)]
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        raise LoadError(f"{where or self.shown}: the table has no column '{name}'{hint}")

    def optional(self, name: str) -> int | None:
        return self.index.get(name)


def cell(fields: list[str], index: int | None) -> str:
    """A field's text, stripped; "" for a column the table lacks or a row too short to have it."""
    if index is None or index >= len(fields):
        return ""
    return fields[index].strip()


def number(fields: list[str], index: int | None, name: str, line: int, dtype: ox.NamedNode) -> ox.Literal | None:
    """A decimal number of a column as an xsd literal (``dtype``), None when empty; BadRow when not a number."""
    text = cell(fields, index)
    if not text:
        return None
    try:
        ok = float(text) == float(text)  # NaN is not a number here
    except ValueError:
        ok = False
    if not ok:
        raise BadRow(line, (index or 0) + 1, f"{name} {text!r} is not a number")
    return ox.Literal(text, datatype=dtype)


def check_width(fields: list[str], header: Header, line: int) -> None:
    """A row with fewer fields than the header is cut short: a bad row, not a row of empty cells."""
    if len(fields) < len(header.names):
        raise BadRow(line, len(fields), f"has {len(fields)} columns; the header names {len(header.names)}")


def sides(
    names: Names, tally: Tally, pairs: Iterable[tuple[str, str]]
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """(countries, agents, actors kept by name) of an event's (name, country) sides: a country written as a
    code or a name becomes one of the event's countries; a name of one of our records links to it; any other
    name is kept as written."""
    countries: list[str] = []
    agents: list[str] = []
    actors: list[tuple[str, str]] = []
    for name, country_text in pairs:
        country = names.country(country_text)
        if country is not None:
            tally.actor_countries[country] += 1
            if country not in countries:
                countries.append(country)
        if name:
            found = names.match(name).iri
            if found is None:
                actors.append(("", name))
            else:
                linked(found, countries, agents)
    return countries, agents, actors
