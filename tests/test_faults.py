"""Faults: a command killed with SIGKILL at any moment leaves the previous output whole (old bytes or the
complete new ones, nothing between), and a re-run completes the job; a persistent store killed mid-build is
rebuilt or still whole, never used half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.serve_process import kg_command

OLD = b"# the previous output\n"
DELAYS = (0.3, 0.6, 0.9, 1.2, 1.6, 2.0, 2.5, 3.0, 4.0)  # seconds after the start: every phase of a run


def _run(args: list[str], cwd: Path) -> None:
    done = subprocess.run([*kg_command(), *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _kill_after(args: list[str], cwd: Path, delay: float, out: Path) -> bool:
    """Start ``kg ARGS`` and SIGKILL it after ``delay`` s; True when it was killed while writing (its
    temporary file beside ``out`` there)."""
    process = subprocess.Popen([*kg_command(), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(delay)
    except subprocess.TimeoutExpired:
        writing = any(p.name.startswith(f".{out.name}.") for p in out.parent.iterdir())
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return writing
    return False


def _table(path: Path, rows: int) -> Path:
    sample = [r for r in (FIXTURES / "gdelt" / "sample.export.CSV").read_text("utf-8").splitlines() if r]
    lines = []
    for i in range(rows):
        f = sample[i % len(sample)].split("\t")
        f[0] = str(900_000_000 + i)
        lines.append("\t".join(f))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("export", ["export", "--data", str(ROOT / "data"), "--format", "nquads", "-o", "{out}"]),
        ("build", ["build", "--data", str(ROOT / "data"), "--no-viz", "-o", "{out}"]),
        ("import", ["import", "{table}", "--format", "gdelt", "--jobs", "2", "-o", "{out}"]),
    ],
)
def test_a_killed_command_leaves_the_previous_output_whole(tmp_path: Path, name: str, args: list[str]) -> None:
    out = tmp_path / "out" / ("graph.nq" if name != "build" else "graph.ttl")
    out.parent.mkdir()
    table = _table(tmp_path / "t.export.CSV", 20_000) if name == "import" else tmp_path
    argv = [a.format(out=out, table=table) for a in args]
    _run(argv, tmp_path)  # the complete output, to compare with
    complete = out.read_bytes()
    during = 0
    for delay in DELAYS:
        out.write_bytes(OLD)
        during += _kill_after(argv, tmp_path, delay, out)
        assert out.read_bytes() in (OLD, complete), f"{name} killed after {delay} s left a partial {out.name}"
    if name == "import":  # written as it streams: the kill must have landed while writing at least once
        assert during > 0
    _run(argv, tmp_path)  # a re-run completes the job
    assert out.read_bytes() == complete


@pytest.mark.slow
def test_a_store_killed_mid_build_is_rebuilt_or_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data).mkdir()
    (data / "records.yaml").write_bytes((FIXTURES / "minimal" / "records.yaml").read_bytes())
    store = tmp_path / "store"
    in_memory = ["query", "who-met-whom", "--data", str(data), "--format", "csv"]
    query = [*in_memory, "--store", str(store)]
    expected = subprocess.run([*kg_command(), *in_memory], cwd=tmp_path, capture_output=True)
    assert expected.returncode == 0
    for delay in DELAYS[:6]:
        (data / "records.yaml").write_bytes((data / "records.yaml").read_bytes() + b"\n")  # stale: rebuilt
        process = subprocess.Popen(
            [*kg_command(), "build", "--data", str(data), "--store", str(store)],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        answer = subprocess.run([*kg_command(), *query], cwd=tmp_path, capture_output=True)
        assert answer.returncode == 0, answer.stderr
        assert answer.stdout == expected.stdout, f"killed after {delay} s"
