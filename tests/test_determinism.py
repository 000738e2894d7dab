"""The same data gives byte-identical Turtle in separate processes, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT


def build_in_process(seed: str, out: Path, data: Path = FIXTURES / "minimal") -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "from kg.cli import cli; cli()"
    subprocess.run(
        [sys.executable, "-c", code, "build", "--no-viz", "--data", str(data), "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out.read_bytes()


def test_turtle_is_byte_identical_across_processes(tmp_path):
    first = build_in_process("1", tmp_path / "a.ttl")
    second = build_in_process("4242", tmp_path / "b.ttl")
    assert first == second
    assert b"@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> ." in first


def test_real_data_turtle_and_trig_are_byte_identical_across_processes(tmp_path):
    # The real data exercises per-source claims, tenures, former names and the skolemised ontology lists.
    for suffix in ("ttl", "trig"):
        first = build_in_process("7", tmp_path / f"a.{suffix}", ROOT / "data")
        second = build_in_process("99", tmp_path / f"b.{suffix}", ROOT / "data")
        assert first == second, suffix
