"""Any other event table, read through a mapping: a small YAML file naming which column holds what.

```yaml
name: acled-sample          # the events' ids: event/acled-sample-<id>
scheme: cameo               # the codes' scheme: cameo (default) or plover
delimiter: ","              # default ","; "\\t" for tab-separated
date_format: "%d %B %Y"     # Python strptime format of the date column; default YYYY-MM-DD or YYYYMMDD
source: https://example.org/dataset   # the address every event cites, when no column gives one
columns:
  id: event_id              # required
  date: event_date          # required
  code: cameo_code
  source_url: url           # each row's document address (or `source` above)
  actors:                   # any number of sides, each a name column and/or a country column
    - {name: actor1, country: country1}
    - {name: actor2, country: country2}
  place_country: country    # where it happened (alpha-3 code or name)
  intensity: goldstein      # kept as dkg:eventGoldsteinScale
```

The mapping is checked against a JSON Schema (:data:`SCHEMA`) and its columns against the table's header;
each error names the mapping file and line, or the table and the closest column names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pyoxigraph as ox
from rdflib.namespace import XSD

from kg.errors import LoadError
from kg.files import display_path
from kg.fuzzy import closest
from kg.ingest import cameo
from kg.ingest.gdelt import BadRow, Tally
from kg.ingest.names import Names
from kg.ingest.polecat import ALIASES, iris_part, plover_concepts
from kg.ingest.table import Header, cell, check_width, number, records, sides
from kg.ingest.terms import Event, cameo_codes
from kg.loader import LineDict, read_yaml
from kg.namespaces import DKG

_COLUMN = {"type": "string", "minLength": 1}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "columns"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "scheme": {"enum": ["cameo", "plover"]},
        "delimiter": {"type": "string", "minLength": 1, "maxLength": 1},
        "date_format": {"type": "string", "minLength": 2},
        "source": {"type": "string", "pattern": "^https?://\\S+$"},
        "columns": {
            "type": "object",
            "required": ["id", "date"],
            "additionalProperties": False,
            "properties": {
                "id": _COLUMN,
                "date": _COLUMN,
                "code": _COLUMN,
                "source_url": _COLUMN,
                "place_country": _COLUMN,
                "intensity": _COLUMN,
                "actors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "minProperties": 1,
                        "properties": {"name": _COLUMN, "country": _COLUMN},
                    },
                },
            },
        },
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@dataclass(frozen=True)
class Mapping:
    """A checked mapping: the table's name for ids, its layout, and the column of each field."""

    name: str
    scheme: str
    delimiter: str
    date_format: str | None
    source: str | None
    columns: dict[str, str]
    actors: tuple[tuple[str | None, str | None], ...]  # (name column, country column) per side
    shown: str
    lines: dict[str, int]  # field → line in the mapping file, for errors


def read_mapping(path: Path) -> Mapping:
    """The mapping in ``path``, checked; LoadError naming the file, line and field for anything wrong."""
    shown = display_path(path)
    data = read_yaml(path, shown)
    if not isinstance(data, dict):
        raise LoadError(f"{shown}: a mapping is a YAML mapping (name:, columns:…), see kg import --help")
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        raise LoadError(_schema_error(errors[0], data, shown))
    columns: dict[str, Any] = data["columns"]
    if "source_url" not in columns and "source" not in data:
        raise LoadError(
            f"{shown}:{_line(data, ['columns'])}: give the events a source: `columns: source_url:` (a column of "
            "document addresses) or `source:` (one address for the whole table)"
        )
    lines = {key: _line(data, ["columns", key]) for key in columns}
    actors = tuple((a.get("name"), a.get("country")) for a in columns.get("actors", []))
    delimiter = "\t" if data.get("delimiter") == "\\t" else str(data.get("delimiter", ","))
    plain = {k: str(v) for k, v in columns.items() if k != "actors"}
    return Mapping(
        data["name"],
        data.get("scheme", "cameo"),
        delimiter,
        data.get("date_format"),
        data.get("source"),
        plain,
        actors,
        shown,
        lines,
    )


def _line(data: Any, path: list[Any]) -> int:
    """The line of the deepest key of ``path`` in the YAML file (the file's first line for the whole)."""
    line, node = getattr(data, "line", 1), data
    for step in path:
        if not isinstance(node, LineDict) or str(step) not in node.key_lines:
            break
        line, node = node.key_lines[str(step)], node[step]
    return int(line)


def _schema_error(error: jsonschema.ValidationError, data: Any, shown: str) -> str:
    path = list(error.absolute_path)
    where = ".".join(map(str, path)) or "the mapping"
    line = _line(data, path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
        unknown = [str(k) for k in error.instance if k not in known][:1] or [""]
        near = closest(unknown[0], known)
        hint = f"; did you mean {', '.join(near)}?" if near else f"; known fields: {', '.join(known)}"
        at = _line(data, [*path, unknown[0]])
        return f"{shown}:{at}: {where}: unknown field '{unknown[0]}'{hint}"
    if error.validator == "required":
        return f"{shown}:{line}: {where}: {error.message}"
    if error.validator == "pattern" and path and path[-1] == "name":
        rule = "lower-case letters and digits joined by hyphens (acled-2024)"
        return f"{shown}:{line}: name: {error.instance!r} must be {rule}"
    return f"{shown}:{line}: {where}: {error.message}"


class Reader:
    """A mapped table's rows into :class:`Event`."""

    def __init__(self, mapping: Mapping, names: Names, tally: Tally) -> None:
        self.m, self.names, self.tally = mapping, names, tally
        self.cameo = cameo_codes()
        self.plover = plover_concepts()
        self.goldstein = ox.NamedNode(str(DKG.eventGoldsteinScale))
        self.double = ox.NamedNode(str(XSD.double))
        self.header: Header | None = None
        self.dates: dict[str, str] = {}

    def rows(self, lines: Iterable[str], shown: str) -> Iterator[tuple[int, list[str]]]:
        for line, fields in records(lines, self.m.delimiter, quoting=True):
            if self.header is None:
                self.header = h = Header(fields, shown)
                self.at = {
                    k: h.column(v, f"{self.m.shown}:{self.m.lines[k]}: columns.{k}: {shown}")
                    for k, v in self.m.columns.items()
                }
                self.actor_columns = [
                    tuple(None if c is None else h.column(c, f"{self.m.shown}: columns.actors: {shown}") for c in side)
                    for side in self.m.actors
                ]
                continue
            yield line, fields

    def _date(self, text: str) -> str:
        found = self.dates.get(text)
        if found is None:
            if self.m.date_format:
                found = dt.datetime.strptime(text, self.m.date_format).date().isoformat()
            elif len(text) in (8, 10):
                found = dt.date.fromisoformat(text).isoformat()
            else:
                raise ValueError(text)
            self.dates[text] = found
        return found

    def event(self, f: list[str], line: int) -> Event:
        assert self.header is not None
        check_width(f, self.header, line)
        at, m = self.at, self.m
        ident = cell(f, at["id"])
        local = iris_part(ident)
        if not local:
            raise BadRow(line, at["id"] + 1, f"{m.columns['id']} {ident!r} has no letter or digit to make an id of")
        text = cell(f, at["date"])
        try:
            day = self._date(text)
        except ValueError:
            form = m.date_format or "YYYY-MM-DD"
            raise BadRow(line, at["date"] + 1, f"{m.columns['date']} {text!r} is not a date ({form})") from None
        code, link, plover = self._code(f, line)
        url = cell(f, at.get("source_url")) or m.source or ""
        if not url.startswith(("http://", "https://")):
            column = at.get("source_url", 0) + 1
            raise BadRow(line, column, f"{m.columns.get('source_url', 'source')} {url!r} is not an http(s) address")
        pairs = [(cell(f, n), cell(f, c)) for n, c in self.actor_columns]
        countries, agents, actors = sides(self.names, self.tally, pairs)
        place = self.names.country(cell(f, at.get("place_country"))) if "place_country" in at else None
        numbers = []
        intensity = number(f, at.get("intensity"), m.columns.get("intensity", ""), line, self.double)
        if intensity is not None:
            numbers.append((self.goldstein, intensity))
        scheme = m.scheme.upper()
        label = f"{m.name} event {ident}: {scheme} {code}" if code else f"{m.name} event {ident}"
        return Event(
            local, label, day, code, link, countries, actors, place, url, numbers, agents, plover, identifier=ident
        )

    def _code(self, f: list[str], line: int) -> tuple[str, str | None, list[str]]:
        """(the code as written, our CAMEO concept, our PLOVER concepts); BadRow for a code of no scheme."""
        if "code" not in self.at:
            return "", None, []
        written = cell(f, self.at["code"])
        if not written:
            return "", None, []
        column, name = self.at["code"] + 1, self.m.columns["code"]
        if self.m.scheme == "plover":
            category = ALIASES.get(written.upper(), written.upper())
            if category not in self.plover:
                raise BadRow(line, column, f"{name} {written!r} is not a PLOVER category")
            return written, None, [category]
        code = cameo.normalise(written)
        if code != written:
            self.tally.restored_cameo[f"{written} → {code}"] += 1
        if code not in cameo.CODES:
            raise BadRow(line, column, f"{name} {written!r} is not a CAMEO event code")
        link = next((c for c in cameo.broader(code) if c in self.cameo), None)
        if link is None:
            self.tally.unlinked_cameo[code] += 1
        elif link != code:
            self.tally.broader_cameo[f"{code} → {link}"] += 1
        return code, link, []
