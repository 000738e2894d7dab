"""One import run: table files in, one RDF file out, written atomically; bad rows reported or, strict, fatal."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from tqdm import tqdm

from kg.errors import DataInvalid, LoadError, OutputError, Problem, UsageError, option
from kg.files import display_path
from kg.ingest import csv_table, gdelt, gdelt_rows, icews, parallel, polecat
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


def _chunks(lines: Iterator[str | bytes | Path]) -> Iterator[bytes | Path]:
    """The text joined into blocks of about a megabyte: few writes, and memory bounded however long the table.
    Bytes (a block done already) are passed on as they are, after the text before them."""
    block: list[str] = []
    size = 0
    for text in lines:
        if isinstance(text, bytes | Path):
            if block:
                yield "".join(block).encode()
                block, size = [], 0
            yield text
            continue
        block.append(text)
        size += len(text)
        if size > _CHUNK:
            yield "".join(block).encode()
            block, size = [], 0
    if block:
        yield "".join(block).encode()


def _copy(spooled: Path, out: BinaryIO) -> None:
    """A file's bytes appended to ``out`` (in the kernel where it can), and the file deleted."""
    out.flush()
    with spooled.open("rb") as source:
        size = os.fstat(source.fileno()).st_size
        try:
            while size > 0:
                done = os.copy_file_range(source.fileno(), out.fileno(), size)
                if done == 0:
                    break
                size -= done
        except (AttributeError, OSError):  # not Linux, or a file system without it
            shutil.copyfileobj(source, out, _CHUNK)
    spooled.unlink()


def _bytes(chunk: bytes | Path) -> bytes:
    if isinstance(chunk, Path):
        data = chunk.read_bytes()
        chunk.unlink()
        return data
    return chunk


class _Run:
    def __init__(
        self,
        strict: bool,
        progress: bool,
        names: Names,
        mapping: csv_table.Mapping | None = None,
        owners: bool = True,
        jobs: int = 1,
    ) -> None:
        self.report = ImportReport(names=names)
        self.strict = strict
        self.names = names
        self.mapping = mapping
        self.reader = gdelt.Reader(names)
        self.report.tally = self.reader.tally
        self.bar = tqdm(unit=" rows", file=sys.stderr, disable=not progress, mininterval=0.5)
        self.owner: dict[str, Terms] = {}  # GLOBALEVENTID → the terms (graph) of its file, for --mentions
        self.jobs = jobs  # worker processes for GDELT tables
        self.keep_owners = owners  # only with --mentions: one entry per event otherwise held for nothing

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

    def events(self, path: Path, fmt: str) -> Iterator[str | bytes | Path]:
        terms = Terms(fmt, path.name, self.mapping.name if self.mapping else None)
        reader = self._reader(fmt)
        yield terms.header()
        if isinstance(reader, gdelt.Reader):
            yield from self._gdelt(path, reader, terms)
            return
        for n, (line, fields) in enumerate(reader.rows(_lines(path), display_path(path)), start=1):
            if n % _PROGRESS_EVERY == 0:
                self.bar.update(_PROGRESS_EVERY)
            try:
                event = reader.event(fields, line)
            except gdelt.BadRow as exc:
                self.bad(path, exc)
                continue
            if self.keep_owners:
                self.owner.setdefault(event.ident, terms)
            self.report.events += 1
            yield terms.quads(event)

    def _gdelt(self, path: Path, reader: gdelt.Reader, terms: Terms) -> Iterator[str | bytes | Path]:
        """A GDELT table in blocks, each done by :mod:`kg.ingest.gdelt_rows` (in workers with ``jobs``): its
        events' text, then the sources it cites that the file has not described yet."""
        tally, names, seen = self.report.tally, self.names, terms.seen_sources

        def make() -> gdelt_rows.Rows:
            return gdelt_rows.Rows(gdelt.Reader(names), Terms(terms.fmt, terms.file_name, terms.prefix))

        for chunk in parallel.chunks(path, make, self.jobs, self.keep_owners, self.strict):
            for exc in chunk.bad:
                self.bad(path, exc)
            self.bar.update(chunk.lines)
            self.report.events += chunk.events
            for name, counts in vars(chunk.tally).items():
                getattr(tally, name).update(counts)
            for name, match, events in chunk.matched:
                names.count(name, match, events)
            if chunk.idents is not None:
                for ident in chunk.idents:
                    self.owner.setdefault(ident, terms)
            yield chunk.spooled or chunk.text
            described = []
            for url, node, description in chunk.sources:
                if url not in seen:
                    seen[url] = node
                    described.append(description)
            yield b"".join(described)

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
    jobs: int | None = None,
) -> ImportReport:
    """Import ``files`` into ``output`` (.trig, .nq: one named graph per file; .ttl: their triples).

    ``mapping``: the YAML mapping of a ``csv`` table (:mod:`kg.ingest.csv_table`). ``data``: the curated
    data, whose people, organisations and countries actors are matched to by name (:mod:`kg.ingest.names`);
    without it, only country codes and country names are matched. ``jobs``: worker processes for GDELT tables
    (:func:`kg.ingest.parallel.default_jobs` when None); the output is the same for any number.
    The output is written to a temporary file beside ``output`` and renamed only when the run succeeds, so
    a failed or --strict run leaves an existing ``output`` as it was.
    """
    rdf_format = _check(files, fmt, output, mentions, mapping)
    if jobs is None:
        jobs = parallel.default_jobs()
    elif jobs < 1:
        raise UsageError("must be 1 or more", about=option("jobs"), value=str(jobs))
    names = Names.of_store(data) if data is not None else Names()
    run = _Run(
        strict, progress, names, csv_table.read_mapping(mapping) if mapping else None, owners=bool(mentions), jobs=jobs
    )

    def lines() -> Iterator[str | bytes | Path]:
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
                    if isinstance(chunk, Path):  # a block a worker wrote: copied file to file, then deleted
                        _copy(chunk, out)
                    else:
                        out.write(chunk)
            else:  # the engine reads the text back and writes TriG, or Turtle (no graphs: the triples alone)
                quads = (q for chunk in _chunks(lines()) for q in ox.parse(_bytes(chunk), ox.RdfFormat.N_QUADS))
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
