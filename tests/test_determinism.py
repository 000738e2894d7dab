"""The same data gives byte-identical Turtle in separate processes, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES


def build_in_process(seed: str, out: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "from kg.cli import cli; cli()"
    subprocess.run(
        [sys.executable, "-c", code, "build", "--data", str(FIXTURES / "minimal"), "-o", str(out)],
        check=True, env=env, capture_output=True,
    )
    return out.read_bytes()


def test_turtle_is_byte_identical_across_processes(tmp_path):
    first = build_in_process("1", tmp_path / "a.ttl")
    second = build_in_process("4242", tmp_path / "b.ttl")
    assert first == second
    assert b"@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> ." in first
