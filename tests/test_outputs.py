"""Outputs that cannot be written end in ``Error:`` naming the path that was asked for (exit 2), and
every output is the same bytes whichever command writes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg import formats
from kg.namespaces import ID_BASE, PREFIXES

COMMANDS = {  # command → the arguments that write one file
    "build": ["build", "--no-viz", "-o"],
    "export": ["export", "-o"],
    "viz": ["viz", "-o"],
}
SUFFIX = {"build": ".ttl", "export": ".csv", "viz": ".html"}


def unwritable(workdir: Path) -> dict[str, tuple[Path, str]]:
    """Paths that cannot be written, with the reason the error must give."""
    (workdir / "a-file").write_text("not a folder\n")
    cases = {
        "under-a-file": (
            Path("a-file/out"),
            "cannot create the folder a-file: a part of the path is a file, not a folder",
        ),
        "proc": (Path("/proc/out"), "the folder cannot hold new files"),
        "missing-under-proc": (
            Path("/proc/kg-missing/out"),
            "cannot create the folder /proc/kg-missing: the folder cannot hold new files",
        ),
        "sysfs": (Path("/sys/out"), "permission denied"),
    }
    if os.geteuid() != 0:  # root writes into any folder whatever its mode; /sys above stands in for it then
        folder = workdir / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        cases["read-only"] = (folder.relative_to(workdir) / "out", "permission denied")
    return cases


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unwritable_output_is_a_clear_error(workdir, run, command):
    for case, (base, reason) in unwritable(workdir).items():
        target = base.with_suffix(SUFFIX[command])
        result = run(*COMMANDS[command], str(target))
        assert (result.exit_code, result.stderr) == (2, f"Error: cannot write {target}: {reason}\n"), case
        assert "Traceback" not in result.output


def test_a_failed_write_keeps_the_previous_output(workdir, run):
    assert run("export", "-o", "out.ttl").exit_code == 0
    before = (workdir / "out.ttl").read_bytes()
    (workdir / "data" / "broken.yaml").write_text("events:\n  - id: x\n   kind: meeting\n")
    assert run("export", "-o", "out.ttl").exit_code == 2
    assert (workdir / "out.ttl").read_bytes() == before
    assert sorted(p.name for p in workdir.iterdir() if p.name.startswith(".out.ttl")) == []


def test_outputs_are_readable_by_everyone(workdir, run):
    assert run("build", "-o", "build/g.ttl").exit_code == 0
    for name in ("g.ttl", "g.html"):
        assert (workdir / "build" / name).stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fmt", formats.NAMES)
def test_build_and_export_write_the_same_bytes(workdir, run, fmt):
    suffix = formats.FORMATS[fmt].suffixes[0]
    assert run("build", "--no-viz", "-o", f"built{suffix}").exit_code == 0
    assert run("export", "-o", f"exported{suffix}").exit_code == 0
    built = (workdir / f"built{suffix}").read_bytes()
    assert built == (workdir / f"exported{suffix}").read_bytes()
    assert built == run("export", "--format", fmt.upper()).stdout_bytes
    if fmt == "jsonld":  # compact, with our context: the same document either way
        assert built.startswith(b'{\n "@context": {')


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "xml"])
def test_a_construct_answer_in_every_graph_format_is_the_same_graph(workdir, run, fmt):
    query = workdir / "q.rq"
    query.write_text("CONSTRUCT { ?e dkg:location ?p } WHERE { ?e dkg:location ?p }\n", encoding="utf-8")
    result = run("query", str(query), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    parsed = Graph().parse(
        data=result.stdout_bytes, format={"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "xml": "xml"}[fmt]
    )
    # tests/fixtures/minimal: one located event, meeting-a-b in Baku
    expected = Graph()
    expected.add(
        (URIRef(ID_BASE + "event/meeting-a-b"), URIRef(PREFIXES["dkg"] + "location"), URIRef(ID_BASE + "place/baku"))
    )
    assert isomorphic(parsed, expected)
