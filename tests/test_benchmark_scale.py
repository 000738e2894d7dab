"""The scale benchmark at its smallest: generation, one kg cell and one raw pyoxigraph cell, and its GDELT table."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import scale_benchmark  # noqa: E402
from synthetic_formats import COLUMNS, kg_command  # noqa: E402

CELL = re.compile(r"^\d+\.\d s, \d+ MB")


@pytest.mark.slow
def test_smallest_run_prints_one_row_with_numbers(tmp_path: Path) -> None:
    out = scale_benchmark.main(
        ["--sizes", "2k", "--ops", "nt-build", "--rdflib-max", "0", "--work", str(tmp_path / "work")]
    )
    lines = out.splitlines()
    assert lines[0] == "| operation | triples | kg | raw pyoxigraph | rdflib | kg/raw |"
    assert len(lines) == 3  # header, rule, one row
    cells = [c.strip() for c in lines[2].strip("|").split("|")]
    assert cells[0] == "build from N-Triples (→ .nt)"
    assert int(cells[1].replace(",", "")) > 2_000
    assert CELL.match(cells[2]) and CELL.match(cells[3])
    assert cells[4] == "not run"  # above --rdflib-max
    assert re.fullmatch(r"\d+\.\d\d×", cells[5])


@pytest.mark.slow
def test_gdelt_table_imports_every_row(tmp_path: Path) -> None:
    from synthetic import write_yaml
    from synthetic_formats import gdelt_table

    yaml = tmp_path / "yaml"
    write_yaml(yaml, 2_000, 3)
    table = gdelt_table(yaml)
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(r) == COLUMNS for r in rows)
    out = tmp_path / "gdelt.trig"
    done = subprocess.run(
        kg_command("import", str(table), "--format", "gdelt", "--data", str(yaml), "-o", str(out)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Imported {len(rows)} events" in done.stderr + done.stdout
    assert "0 rows skipped" in done.stderr + done.stdout
