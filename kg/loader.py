"""Read the YAML records of ``data/``, keeping file and line for every error message.

YAML → :class:`Record` list. Structure is checked against the JSON Schema in
``data/schema/``; cross-record checks (references, duplicates) live in :mod:`kg.references`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kg.errors import LoadError, Problem
from kg.resources import data_schema_file

# The top-level key of a data file, and the IRI kind of its records.
SECTIONS: dict[str, str] = {
    "sources": "source",
    "places": "place",
    "organisations": "organisation",
    "posts": "post",
    "people": "person",
    "events": "event",
    "documents": "document",
}


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps lines and leaves dates as the strings the analyst wrote."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Without this, 2023-08-22 would become a datetime.date and 2023-08 would stay a string.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Record:
    """One record of the data: its kind (IRI path segment), id, fields and where it was written."""

    kind: str
    id: str
    data: LineDict
    file: str
    line: int
    extra: dict[str, Any] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.line)

    def problem(self, message: str, key: str | None = None) -> Problem:
        return Problem(self.file, self.line_of(key) if key else self.line, self.id, message)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(data_schema_file().read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one YAML file; syntax errors become a LoadError naming file, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"{shown}: cannot read the file: {exc}") from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        what = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"{where}: YAML syntax error: {what}") from exc


def _line_at(doc: Any, path: list[Any]) -> int:
    """The line of the deepest mapping on the error's path."""
    line, node = 1, doc
    for step in path:
        if isinstance(node, LineDict):
            line = node.key_lines.get(str(step), node.line)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, LineDict):
            line = node.line
    return line


def _record_id_at(doc: Any, path: list[Any]) -> str:
    if len(path) >= 2 and isinstance(doc, dict):
        try:
            item = doc[path[0]][path[1]]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(item, dict):
            return str(item.get("id", ""))
    return ""


def _schema_message(error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    where = ".".join(str(p) for p in (path[2:] if len(path) > 2 else path[:1] if len(path) == 1 else []))
    prefix = f"field '{where}': " if where else ""
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{prefix}unknown value {error.instance!r}; use one of: {allowed}"
    if error.validator == "additionalProperties":
        return f"{prefix}{error.message}; see data/README.md for the fields of this record"
    if error.validator == "pattern" and where.endswith(("date", "start", "end", "earliest", "latest")):
        return f"{prefix}{error.instance!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    return f"{prefix}{error.message}"


def check_schema(doc: Any, shown: str) -> list[Problem]:
    problems = []
    for error in _validator().iter_errors(doc):
        path = list(error.absolute_path)
        if error.validator in ("oneOf", "anyOf") and error.context:
            error = min(error.context, key=lambda e: len(e.absolute_path))
        problems.append(Problem(shown, _line_at(doc, path), _record_id_at(doc, path), _schema_message(error)))
    return problems


def data_files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files below ``root`` with these suffixes, in a stable order; the schema folder is skipped."""
    return sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file() and "schema" not in p.parts)


def load_records(root: Path) -> tuple[list[Record], list[Problem]]:
    """All YAML records under ``root``, and the schema problems of the files that break it.

    Syntax errors raise LoadError at once; a file with schema problems contributes no records.
    """
    if not root.is_dir():
        raise LoadError(f"{root}: data directory not found; pass --data DIR or run from the repository root")
    records: list[Record] = []
    problems: list[Problem] = []
    for path in data_files(root, (".yaml", ".yml")):
        shown = display_path(path)
        doc = read_yaml(path, shown)
        if doc is None:
            continue
        found = check_schema(doc, shown)
        problems.extend(found)
        if found:
            continue
        for section, kind in SECTIONS.items():
            for item in doc.get(section, []):
                records.append(Record(kind, item["id"], item, shown, item.line))
    return records, problems
