"""One import run: table files in, one RDF file out, written atomically; bad rows reported or, strict, fatal."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from tqdm import tqdm

from kg.errors import DataInvalid, LoadError, OutputError, Problem, UsageError, option
from kg.files import display_path
from kg.ingest import gdelt
from kg.ingest.terms import Terms
from kg.namespaces import PREFIXES

FORMATS = ("gdelt",)
OUTPUTS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}
_PROGRESS_EVERY = 4096


@dataclass
class ImportReport:
    """What an import did: rows imported, rows skipped (as problems, by file and line) and the matches."""

    events: int = 0
    mentions: int = 0
    bad: list[Problem] = field(default_factory=list)
    tally: gdelt.Tally = field(default_factory=gdelt.Tally)


def _problem(path: Path, exc: gdelt.BadRow) -> Problem:
    return Problem(display_path(path), exc.line, f"column {exc.column}", exc.message)


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            yield from handle
    except OSError as exc:
        raise LoadError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


class _Run:
    def __init__(self, strict: bool, progress: bool) -> None:
        self.report = ImportReport()
        self.strict = strict
        self.reader = gdelt.Reader()
        self.report.tally = self.reader.tally
        self.bar = tqdm(unit=" rows", file=sys.stderr, disable=not progress, mininterval=0.5)
        self.owner: dict[str, Terms] = {}  # GLOBALEVENTID → the terms (graph) of its file, for --mentions

    def bad(self, path: Path, exc: gdelt.BadRow) -> None:
        problem = _problem(path, exc)
        if self.strict:
            raise DataInvalid([problem])
        self.report.bad.append(problem)

    def events(self, path: Path, fmt: str) -> Iterator[ox.Quad]:
        terms = Terms(fmt, path.name)
        yield from terms.header()
        for n, (line, fields) in enumerate(gdelt.rows(_lines(path)), start=1):
            if n % _PROGRESS_EVERY == 0:
                self.bar.update(_PROGRESS_EVERY)
            try:
                event = self.reader.event(fields, line)
            except gdelt.BadRow as exc:
                self.bad(path, exc)
                continue
            self.owner.setdefault(event.ident, terms)
            self.report.events += 1
            yield from terms.quads(event)

    def mentions(self, path: Path) -> Iterator[ox.Quad]:
        for line, fields in gdelt.rows(_lines(path)):
            try:
                ident, url = gdelt.mention(fields, line)
            except gdelt.BadRow as exc:
                self.bad(path, exc)
                continue
            terms = self.owner.get(ident)
            if terms is None or url is None:  # a mention of an event of another table, or not a web address
                continue
            self.report.mentions += 1
            yield from terms.cites(terms.event_node(ident), url)


def _check(files: tuple[Path, ...], fmt: str, output: Path) -> ox.RdfFormat:
    if fmt not in FORMATS:
        raise UsageError("is not a table format kg import reads", about=option("format"), value=fmt, allowed=FORMATS)
    found = OUTPUTS.get(output.suffix.lower())
    if found is None:
        raise UsageError("must end in .trig, .nq or .ttl", about=option("output"), value=str(output))
    if not files:
        raise UsageError("give at least one table file to import")
    return found


def import_tables(
    files: tuple[Path, ...],
    fmt: str,
    output: Path,
    *,
    mentions: tuple[Path, ...] = (),
    strict: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Import ``files`` into ``output`` (.trig, .nq: one named graph per file; .ttl: their triples).

    The output is written to a temporary file beside ``output`` and renamed only when the run succeeds, so
    a failed or --strict run leaves an existing ``output`` as it was.
    """
    rdf_format = _check(files, fmt, output)
    run = _Run(strict, progress)

    def quads() -> Iterator[ox.Quad]:
        for path in files:
            yield from run.events(path, fmt)
        for path in mentions:
            yield from run.mentions(path)

    stream: Iterator[ox.Quad] | Iterator[ox.Triple] = quads()
    if rdf_format == ox.RdfFormat.TURTLE:  # Turtle has no graphs: the triples alone
        stream = (ox.Triple(q.subject, q.predicate, q.object) for q in quads())
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            prefixes = {p: ns for p, ns in PREFIXES.items() if p}
            ox.serialize(stream, out, rdf_format, prefixes=prefixes)
        Path(tmp).chmod(0o644)
        Path(tmp).replace(output)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        run.bar.close()
        Path(tmp).unlink(missing_ok=True)
    return run.report
