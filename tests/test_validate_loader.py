"""YAML through libyaml (PyYAML's C loader) gives the records and lines the pure-Python loader gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kg import loader
from kg.errors import LoadError

ROOT = Path(__file__).resolve().parent.parent
FILES = loader.data_files(ROOT / "data", (".yaml", ".yml"))


def _lines(node: Any) -> Any:
    """The parsed value with every mapping's line and key lines spelled out, to compare two parses."""
    if isinstance(node, loader.LineDict):
        return ("map", node.line, sorted(node.key_lines.items()), {k: _lines(v) for k, v in node.items()})
    if isinstance(node, list):
        return [_lines(v) for v in node]
    return node


def test_the_fast_loader_is_libyaml() -> None:
    assert yaml.__with_libyaml__
    assert issubclass(loader._Fast, yaml.CSafeLoader)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_same_values_and_lines_as_the_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=loader._Fast)
    slow = yaml.load(text, Loader=loader._Loader)
    assert _lines(fast) == _lines(slow)


def test_lines_and_dates_as_written() -> None:
    text = "events:\n  - id: e1\n    date: 2023-08-22\n\n  - id: e2\n    date: 2023-08\n"
    doc = loader._parse(text, "x.yaml")
    first, second = doc["events"]
    assert (first.line, first.key_lines, first["date"]) == (2, {"id": 2, "date": 3}, "2023-08-22")
    assert (second.line, second["date"]) == (5, "2023-08")


def test_a_syntax_error_names_line_and_column() -> None:
    # Line 3 opens a flow sequence that line 4 never closes: the pure-Python parser's message is kept.
    with pytest.raises(LoadError) as caught:
        loader._parse("events:\n  - id: e1\n    countries: [AZE\n    kind: meeting\n", "x.yaml")
    assert str(caught.value).startswith("x.yaml:4:")
    assert "YAML syntax error" in str(caught.value)


def test_a_duplicate_key_is_refused_by_both_loaders() -> None:
    with pytest.raises(LoadError, match=r"x.yaml:3:5: YAML syntax error: duplicate key 'id'"):
        loader._parse("events:\n  - id: e1\n    id: e2\n", "x.yaml")
