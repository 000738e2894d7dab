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
from kg.ingest import csv_table, gdelt, icews, polecat
from kg.ingest.names import Names
from kg.ingest.terms import Terms
from kg.namespaces import PREFIXES
from kg.store import Store

FORMATS = ("gdelt", "icews", "polecat", "csv")
OUTPUTS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}
_PROGRESS_EVERY = 4096
_CHUNK = 1 << 20  # characters of N-Quads per write


@dataclass
class ImportReport:
    """What an import did: rows imported, rows skipped (as problems, by file and line) and the matches."""

    events: int = 0
    mentions: int = 0
    bad: list[Problem] = field(default_factory=list)
    tally: gdelt.Tally = field(default_factory=gdelt.Tally)
    names: Names = field(default_factory=Names)  # actor names matched to our records, and country names


def _problem(path: Path, exc: gdelt.BadRow) -> Problem:
    return Problem(display_path(path), exc.line, f"column {exc.column}", exc.message)


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            yield from handle
    except OSError as exc:
        raise LoadError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


Reader = gdelt.Reader | icews.Reader | polecat.Reader | csv_table.Reader


def _chunks(lines: Iterator[str]) -> Iterator[bytes]:
    """The lines joined into blocks of about a megabyte: few writes, and memory bounded however long the table."""
    block: list[str] = []
    size = 0
    for text in lines:
        block.append(text)
        size += len(text)
        if size > _CHUNK:
            yield "".join(block).encode()
            block, size = [], 0
    if block:
        yield "".join(block).encode()


class _Run:
    def __init__(self, strict: bool, progress: bool, names: Names, mapping: csv_table.Mapping | None = None) -> None:
        self.report = ImportReport(names=names)
        self.strict = strict
        self.names = names
        self.mapping = mapping
        self.reader = gdelt.Reader(names)
        self.report.tally = self.reader.tally
        self.bar = tqdm(unit=" rows", file=sys.stderr, disable=not progress, mininterval=0.5)
        self.owner: dict[str, Terms] = {}  # GLOBALEVENTID → the terms (graph) of its file, for --mentions

    def bad(self, path: Path, exc: gdelt.BadRow) -> None:
        problem = _problem(path, exc)
        if self.strict:
            raise DataInvalid([problem])
        self.report.bad.append(problem)

    def _reader(self, fmt: str) -> Reader:
        """A reader for one file (a table with a header row is read afresh for each file)."""
        tally = self.report.tally
        if fmt == "icews":
            return icews.Reader(self.names, tally)
        if fmt == "polecat":
            return polecat.Reader(self.names, tally)
        if fmt == "csv":
            assert self.mapping is not None
            return csv_table.Reader(self.mapping, self.names, tally)
        return self.reader

    def events(self, path: Path, fmt: str) -> Iterator[str]:
        terms = Terms(fmt, path.name, self.mapping.name if self.mapping else None)
        reader = self._reader(fmt)
        lines = _lines(path)
        table = gdelt.rows(lines) if isinstance(reader, gdelt.Reader) else reader.rows(lines, display_path(path))
        yield terms.header()
        for n, (line, fields) in enumerate(table, start=1):
            if n % _PROGRESS_EVERY == 0:
                self.bar.update(_PROGRESS_EVERY)
            try:
                event = reader.event(fields, line)
            except gdelt.BadRow as exc:
                self.bad(path, exc)
                continue
            self.owner.setdefault(event.ident, terms)
            self.report.events += 1
            yield terms.quads(event)

    def mentions(self, path: Path) -> Iterator[str]:
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
            yield terms.cites(terms.event_node(ident), url)


def _check(
    files: tuple[Path, ...], fmt: str, output: Path, mentions: tuple[Path, ...], mapping: Path | None
) -> ox.RdfFormat:
    if fmt not in FORMATS:
        raise UsageError("is not a table format kg import reads", about=option("format"), value=fmt, allowed=FORMATS)
    if mentions and fmt != "gdelt":
        raise UsageError("is for GDELT tables (--format gdelt)", about=option("mentions"), value=str(mentions[0]))
    if (mapping is None) == (fmt == "csv"):
        message = "--format csv needs --mapping FILE" if mapping is None else "is for --format csv"
        raise UsageError(message, about=option("mapping"), value=str(mapping) if mapping else None)
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
    mapping: Path | None = None,
    data: Store | None = None,
    strict: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Import ``files`` into ``output`` (.trig, .nq: one named graph per file; .ttl: their triples).

    ``mapping``: the YAML mapping of a ``csv`` table (:mod:`kg.ingest.csv_table`). ``data``: the curated
    data, whose people, organisations and countries actors are matched to by name (:mod:`kg.ingest.names`);
    without it, only country codes and country names are matched.
    The output is written to a temporary file beside ``output`` and renamed only when the run succeeds, so
    a failed or --strict run leaves an existing ``output`` as it was.
    """
    rdf_format = _check(files, fmt, output, mentions, mapping)
    names = Names.of_store(data) if data is not None else Names()
    run = _Run(strict, progress, names, csv_table.read_mapping(mapping) if mapping else None)

    def lines() -> Iterator[str]:
        for path in files:
            yield from run.events(path, fmt)
        for path in mentions:
            yield from run.mentions(path)

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            if rdf_format == ox.RdfFormat.N_QUADS:  # the rows' text is the output: written as it comes
                for chunk in _chunks(lines()):
                    out.write(chunk)
            else:  # the engine reads the text back and writes TriG, or Turtle (no graphs: the triples alone)
                quads = (q for chunk in _chunks(lines()) for q in ox.parse(chunk, ox.RdfFormat.N_QUADS))
                stream: Iterator[ox.Quad] | Iterator[ox.Triple] = quads
                if rdf_format == ox.RdfFormat.TURTLE:
                    stream = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
                prefixes = {p: ns for p, ns in PREFIXES.items() if p}
                ox.serialize(stream, out, rdf_format, prefixes=prefixes)
        Path(tmp).chmod(0o644)
        Path(tmp).replace(output)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        run.bar.close()
        Path(tmp).unlink(missing_ok=True)
    names.hint()
    return run.report
