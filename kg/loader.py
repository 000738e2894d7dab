"""Read the YAML records of ``data/``, keeping file and line for every error message.

YAML → :class:`Record` list. The file's structure (sections holding lists) and each record are checked
against the JSON Schema in ``data/schema/`` separately, so one bad field rejects that record only; a
rejected record is still returned (``rejected``) so that references to it resolve. Cross-record checks
(references, duplicates) live in :mod:`kg.references`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import yaml

from kg.errors import LoadError, Problem, UsageError, option
from kg.files import display_path
from kg.fuzzy import closest
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
_FIELDS_HINT = "data/README.md lists the fields of every record"
_DATE_KEYS = ("date", "start", "end", "earliest", "latest", "published", "accessed")
_SHORT = 60  # longest value quoted in a message (a 10 MB title is not repeated back)


class DataFolderMissing(UsageError, LoadError):
    """The data folder does not exist: a usage error (the CLI names the option) that exits like a LoadError."""

    exit_code = LoadError.exit_code


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps lines and leaves dates as the strings the analyst wrote."""


# libyaml's parser, where PyYAML has it: the pure-Python scanner takes about half a second per MB of text.
# Its error messages are terser, so a file it refuses is parsed again by _Loader for the message.
_Fast: type[yaml.SafeLoader] = type("_Fast", (getattr(yaml, "CSafeLoader", _Loader),), {})


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
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


for _loader in (_Loader, _Fast):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    # Without this, 2023-08-22 would become a datetime.date and 2023-08 would stay a string.
    _loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class Record:
    """One record of the data: its kind (IRI path segment), id, fields and where it was written.

    A ``rejected`` record broke the schema (its problems are reported); it only lets references to its id
    resolve, and is never checked further nor mapped.
    """

    kind: str
    id: str
    data: LineDict
    file: str
    line: int
    extra: dict[str, Any] = field(default_factory=dict)
    rejected: bool = False

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.line)

    def problem(self, message: str, key: str | None = None) -> Problem:
        return Problem(self.file, self.line_of(key) if key else self.line, self.id, message)


@dataclass(frozen=True)
class _Validator:
    """A schema checked by jsonschema-rs (Rust, about 300 times faster), and by jsonschema only when that
    finds a problem: its errors carry the paths and validator names that the messages are made of."""

    fast: Any
    full: jsonschema.Draft202012Validator

    @classmethod
    def of(cls, schema: dict[str, Any]) -> _Validator:
        return cls(jsonschema_rs.Draft202012Validator(schema), jsonschema.Draft202012Validator(schema))


@dataclass(frozen=True)
class _Schemas:
    file: _Validator  # the sections, each a list (of anything)
    records: dict[str, _Validator]  # section → the schema of one of its records


@cache
def _schemas() -> _Schemas:
    """The data file's schema split in two: the file's structure, and one record of each section."""
    schema = json.loads(data_schema_file().read_text(encoding="utf-8"))
    sections: dict[str, dict[str, Any]] = schema["properties"]
    shell = {k: schema[k] for k in ("$schema", "$defs") if k in schema}
    structure = {
        **schema,
        "properties": {s: {k: v for k, v in sub.items() if k != "items"} for s, sub in sections.items()},
    }
    return _Schemas(
        _Validator.of(structure),
        {s: _Validator.of({**shell, **sub.get("items", {})}) for s, sub in sections.items()},
    )


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one YAML file; syntax errors become a LoadError naming file, line and column."""
    return _parse(_read(path, shown), shown)


def _read(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"{shown}: cannot read the file: {exc}") from exc


def _parse(text: str, shown: str) -> Any:
    try:
        return yaml.load(text, Loader=_Fast)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        what = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"{where}: YAML syntax error: {what}") from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, most controls)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character
        named = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        raise LoadError(
            f"{shown}:{line}:{column}: the character {named} is not allowed in YAML (is it a binary file?)"
        ) from exc
    except yaml.YAMLError as exc:
        raise LoadError(f"{shown}: YAML error: {exc}") from exc


def _line_at(node: Any, path: list[Any], line: int = 1) -> int:
    """The line of the deepest mapping or key on the error's path, starting from ``node``."""
    if isinstance(node, LineDict):
        line = node.line
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


def _node_at(node: Any, path: list[Any]) -> Any:
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHORT else f"{text[: _SHORT - 5]}…{text[-4:]}"


def _unknown_keys(error: jsonschema.ValidationError) -> list[str]:
    """The keys an additionalProperties error objects to, in the order written."""
    known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    patterns = error.schema.get("patternProperties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [str(k) for k in instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]


def _message(error: jsonschema.ValidationError, what: str, key: str | None = None) -> str:
    """One schema error in the analyst's words; ``what`` is 'field' (in a record) or 'section' (a file's key)."""
    path = [str(p) for p in error.absolute_path]
    where = ".".join(path)
    prefix = f"field '{where}': " if where else ""
    if key is not None:  # one unknown key of an additionalProperties error
        full = f"{where}.{key}" if where else key
        near = closest(key, error.schema.get("properties", {}), limit=1)
        hint = f"; did you mean {near[0]}?" if near else ""
        tail = f" ({_FIELDS_HINT})" if what == "field" else f" (use {', '.join(SECTIONS)})"
        return f"unknown {what} '{full}'{hint}{tail}"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{prefix}unknown value {_short(error.instance)}; use one of: {allowed}"
    if error.validator == "type" and "array" in _as_list(error.validator_value) and isinstance(error.instance, str):
        items = [i for i in re.split(r"[,;\s]+", error.instance.strip()) if i]
        written = f"[{', '.join(items)}]"
        written = written if len(written) <= _SHORT else "[a, b]"
        return f"{prefix}{_short(error.instance)} is text, not a list; write {written}"
    if error.validator == "type" and not path and what == "field":
        return f"{_short(error.instance)} is not a record; write its fields (id: …, kind: …) under the list's dash"
    if error.validator == "type":
        expected = " or ".join(repr(t) for t in _as_list(error.validator_value))
        return f"{prefix}{_short(error.instance)} is not of type {expected}"
    if error.validator == "pattern" and where.endswith(_DATE_KEYS):
        return f"{prefix}{_short(error.instance)} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    return f"{prefix}{error.message.replace(repr(error.instance), _short(error.instance))}"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _problems(validator: _Validator, node: Any, shown: str, record: str, what: str, line: int) -> list[Problem]:
    if validator.fast.is_valid(node):
        return []
    problems = []
    for error in validator.full.iter_errors(node):
        if error.validator in ("oneOf", "anyOf") and error.context:
            error = min(error.context, key=lambda e: len(e.absolute_path))
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and (keys := _unknown_keys(error)):
            at = _node_at(node, path)
            for key in keys:
                key_line = at.key_lines.get(key, at.line) if isinstance(at, LineDict) else _line_at(node, path, line)
                problems.append(Problem(shown, key_line, record, _message(error, what, key)))
        else:
            problems.append(Problem(shown, _line_at(node, path, line), record, _message(error, what)))
    return problems


def data_files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files below ``root`` with these suffixes, in a stable order; the schema folder is skipped."""
    return sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file() and "schema" not in p.parts)


def _emptiness(text: str, doc: Any) -> str | None:
    """Why a file holds no records (it is empty, holds only comments, or only empty sections), or None."""
    if doc is None:
        return "it is empty" if not text.strip() else "it holds only comments"
    if isinstance(doc, dict) and all(k in SECTIONS and v in (None, []) for k, v in doc.items()):
        return "its sections are empty"
    return None


def _empty_files_error(empty: list[tuple[str, str]]) -> LoadError:
    if len(empty) == 1:
        shown, why = empty[0]
        return LoadError(
            f"{shown}: the file holds no records ({why}); "
            "restore its records, or delete the file if it is no longer needed"
        )
    listed = ", ".join(f"{shown} ({why})" for shown, why in empty)
    return LoadError(
        f"{len(empty)} data files hold no records: {listed}; "
        "restore their records, or delete the files that are no longer needed"
    )


def check_schema(doc: Any, shown: str) -> list[Problem]:
    """The schema problems of one parsed file: its structure, then each record on its own."""
    return _file_records(doc, shown)[1]


def _file_records(doc: Any, shown: str) -> tuple[list[Record], list[Problem]]:
    """The records of one parsed file (rejected ones flagged) and its schema problems."""
    if not isinstance(doc, dict):
        sections = ", ".join(f"{s}:" for s in SECTIONS)
        return [], [Problem(shown, 1, "", f"the file is not a mapping of sections; write records under {sections}")]
    schemas = _schemas()
    problems = _problems(schemas.file, doc, shown, "", "section", 1)
    records = []
    for section, kind in SECTIONS.items():
        items = doc.get(section)
        if not isinstance(items, list):
            continue  # reported with the structure
        section_line = doc.key_lines.get(section, 1) if isinstance(doc, LineDict) else 1
        for item in items:
            ident = item.get("id") if isinstance(item, dict) else None
            ident = ident if isinstance(ident, str) else ""
            found = _problems(schemas.records[section], item, shown, ident, "field", section_line)
            problems.extend(found)
            if ident and isinstance(item, LineDict):
                records.append(Record(kind, ident, item, shown, item.line, rejected=bool(found)))
    return records, problems


def load_records(root: Path) -> tuple[list[Record], list[Problem]]:
    """All YAML records under ``root`` (rejected ones flagged), and the schema problems found.

    Syntax errors raise LoadError at once, and so do files that hold no records (after all are read):
    an emptied file would otherwise surface as a flood of unknown references.
    """
    if not root.is_dir():
        raise DataFolderMissing(
            f"data folder '{root}' not found; run kg from the repository root or name the folder that holds the data",
            about=option("data"),
            value=str(root),
        )
    records: list[Record] = []
    problems: list[Problem] = []
    empty: list[tuple[str, str]] = []
    for path in data_files(root, (".yaml", ".yml")):
        shown = display_path(path)
        text = _read(path, shown)
        doc = _parse(text, shown)
        why = _emptiness(text, doc)
        if why:
            empty.append((shown, why))
            continue
        found_records, found = _file_records(doc, shown)
        records.extend(found_records)
        problems.extend(found)
    if empty:
        raise _empty_files_error(empty)
    return records, problems
