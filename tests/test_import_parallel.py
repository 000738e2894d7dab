"""kg import --format gdelt in blocks and worker processes: the same output, report and line numbers as one
process, and each event's lines those of the row-by-row writer (kg.ingest.terms.Terms.quads)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import load
from kg.ingest import gdelt, parallel
from kg.ingest.names import Names
from kg.ingest.run import import_tables
from kg.ingest.terms import Terms
from kg.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT = FIXTURES / "gdelt" / "sample.export.CSV"
COPIES = 20  # the 30 real rows, twenty times over: 600 rows, about 250 KB
NAMED = "PERSON A"  # an actor name of tests/fixtures/minimal/ (row 1's CVL NEIGHBORHOOD renamed)


@pytest.fixture(scope="module")
def minimal() -> Store:
    return load(FIXTURES / "minimal").store


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 4 KB (about nine rows) and workers for any size, so a small table takes the parallel path."""
    monkeypatch.setattr(parallel, "BLOCK", 4096)
    monkeypatch.setattr(parallel, "_SERIAL_BELOW", 0)


def _table(path: Path, bad_lines: dict[int, str] | None = None) -> tuple[Path, int]:
    """The sample's rows COPIES times with fresh ids (row 1's actor renamed NAMED in every copy), a blank
    line after every 50th row, CRLF line ends in the second half, and bad rows at the given line numbers
    (``short``: 20 columns; ``date``: 20170231). Returns the file and the number of good rows."""
    rows = [line.split("\t") for line in EXPORT.read_text(encoding="utf-8").splitlines() if line]
    lines: list[str] = []
    good = 0
    bad_lines = bad_lines or {}
    for copy in range(COPIES):
        for i, row in enumerate(rows):
            while len(lines) + 1 in bad_lines:
                f = [str(800_000_000 + len(lines)), *row[1:]]
                kind = bad_lines[len(lines) + 1]
                lines.append("\t".join(f[:20] if kind == "short" else [f[0], "20170231", *f[2:]]))
            f = [str(900_000_000 + copy * 100 + i), *row[1:]]
            if i == 0:
                f[16] = NAMED  # Actor2Name, NEIGHBORHOOD in the sample (its Actor2Code is CVL)
            lines.append("\t".join(f))
            good += 1
            if len(lines) % 50 == 0 and len(lines) + 1 not in bad_lines:
                lines.append("")
    half = len(lines) // 2
    text = "\n".join(lines[:half]) + "\n" + "\r\n".join(lines[half:]) + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    return path, good


def test_workers_give_the_same_bytes_and_report_as_one_process(tmp_path: Path, minimal: Store) -> None:
    table, good = _table(tmp_path / "t.export.CSV", {7: "short", 333: "date", 555: "short"})
    outputs, reports = [], []
    for jobs in (1, 2, 3):
        out = tmp_path / f"out{jobs}.nq"
        reports.append(import_tables((table,), "gdelt", out, data=minimal, jobs=jobs))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    for report in reports:
        assert report.events == good == COPIES * 30
        assert [(p.line, p.record) for p in report.bad] == [(7, "column 20"), (333, "column 2"), (555, "column 20")]
        assert dict(report.names.matched) == {(NAMED, "https://w3id.org/diplomatic-kg/id/person/person-a", "label"): 20}
        assert report.tally == reports[0].tally
    # the real sample's counts (test_import.test_cli_reports_matches), once per copy
    assert reports[0].tally.actor_countries.most_common(3) == [("USA", 200), ("EGY", 120), ("SAU", 120)]


def test_each_event_is_what_the_row_by_row_writer_gives(tmp_path: Path, minimal: Store) -> None:
    table, _ = _table(tmp_path / "t.export.CSV")
    out = tmp_path / "out.nq"
    import_tables((table,), "gdelt", out, data=minimal, jobs=2)
    expected_terms = Terms("gdelt", table.name)
    reader = gdelt.Reader(Names.of_store(minimal))
    text = [expected_terms.header()]
    with table.open(encoding="utf-8", newline="") as handle:
        for line, fields in gdelt.rows(handle):
            text.append(expected_terms.quads(reader.event(fields, line)))
    expected = set(ox.parse("".join(text).encode(), ox.RdfFormat.N_QUADS))
    found = set(ox.parse(path=str(out)))
    assert found == expected
    participants = [q for q in found if q.predicate.value.endswith("#participant")]
    assert len(participants) == COPIES  # row 1 of each copy: PERSON A takes part


def test_strict_with_workers_stops_at_the_first_bad_row(tmp_path: Path) -> None:
    table, _ = _table(tmp_path / "t.export.CSV", {400: "date", 500: "short"})
    out = tmp_path / "out.nq"
    out.write_text("# old\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import", str(table), "--format", "gdelt", "--strict", "--jobs", "2", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "t.export.CSV:400: column 2: SQLDATE '20170231' is not a date" in result.output
    assert ":500:" not in result.output
    assert out.read_text(encoding="utf-8") == "# old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_blocks_are_whole_lines_that_rebuild_the_file(tmp_path: Path) -> None:
    lines = [f"{i}\tБакı\tŞuşa — {'ə' * (i % 7)}" for i in range(1, 200)]
    path = tmp_path / "t.tsv"
    path.write_bytes(("\n".join(lines) + "\nlast line, no line end").encode("utf-8"))
    found = [parallel.read(path, start, end) for start, end in parallel.ranges(path, size=37)]
    for text in found[:-1]:  # each block cut just after its first line end 37 bytes or more in
        data = text.encode("utf-8")
        assert data.index(b"\n", 37) == len(data) - 1
    assert "".join(found) == path.read_bytes().decode("utf-8")
    assert all(text.endswith("\n") for text in found[:-1]) and found[-1].endswith("no line end")
    starts = [sum(t.count("\n") for t in found[:i]) for i in range(len(found))]  # lines before each block
    assert [text.split("\n")[0] for text in found] == [[*lines, "last line, no line end"][n] for n in starts]


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(EXPORT), "--format", "gdelt", "--jobs", "0", "-o", "x.nq"])
    assert result.exit_code == 2 and "--jobs" in result.output
