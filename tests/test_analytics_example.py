"""The notebook-style example of kg.analytics runs: the ```python block of README.md's "### `kg analyze`"
section, or, until the README has one, the block of kg/analytics/__init__.py's docstring."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

import kg.analytics
from tests.conftest import ROOT

BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if "### `kg analyze`" in readme:
        section = readme.split("### `kg analyze`", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        blocks = BLOCK.findall(section)
        if blocks:
            return str(blocks[0])
    found = BLOCK.findall(kg.analytics.__doc__ or "")
    assert found, "kg/analytics/__init__.py's docstring shows no ```python example"
    return str(found[0])


def test_the_example_runs_on_the_real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example(), "kg analyze example", "exec"), {"__name__": "example"})
    printed = out.getvalue()
    # counted by hand from data/ (see tests/test_analytics.py): AZE–UZB, 73 events, 11 visits one way, 15 back
    assert "AZE–UZB: 73 events, 11 visits AZE→UZB, 15 back, 2019-10-14 to 2025-12-05" in printed
    assert printed.splitlines()[0] == "exact"
