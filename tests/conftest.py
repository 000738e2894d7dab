"""Shared fixtures: a copy of a small hand-written dataset, and a CLI runner working inside it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding ``data/`` copied from tests/fixtures/minimal."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run() -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def real_kg():  # type: ignore[no-untyped-def]
    """The real data of data/, loaded and validated once per test run (do not modify it)."""
    from kg.build import load_valid

    return load_valid(ROOT / "data")
