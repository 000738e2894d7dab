"""A tab-separated table read in blocks of whole lines, each block done in this process or in a worker.

The blocks are cut at line ends (a line feed never falls inside a UTF-8 character, so each block decodes
on its own as the whole file would); each worker reads its own block, and the lines of the blocks before
it number its bad rows, so errors still name the file's line. Workers are forked, so they start with the
lookups already made (countries, CAMEO, names); a worker leaves its block's text in a file that is copied
into the output (the pipe would cost more than the work). Blocks are handed out in order and taken back
in order, a few at a time, so memory stays bounded however long the table, and the output does not depend
on how many workers there were.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from kg.errors import LoadError
from kg.files import display_path
from kg.ingest.gdelt_rows import Chunk, Rows

BLOCK = 1 << 18  # bytes of table per block: about 600 GDELT rows
_SERIAL_BELOW = 4 * BLOCK  # smaller tables are done in this process: a worker costs more than it saves
_MAX_JOBS = 8

_rows: Rows | None = None  # the worker's own Rows, made once when it starts
_spool: Path | None = None  # the folder a worker writes its blocks' text to


def default_jobs() -> int:
    """Worker processes by default: the CPUs this process may use, at most eight; 1 without fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(usable, _MAX_JOBS))


def ranges(path: Path, size: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of blocks of whole lines of ``path``, about ``size`` bytes each (BLOCK by
    default): each cut is just after the first line end at or past a multiple of ``size``. Only the bytes
    around each cut are read; LoadError when the file cannot be read."""
    size = size or BLOCK
    try:
        with path.open("rb") as handle:
            total = os.fstat(handle.fileno()).st_size
            start = 0
            while start < total:
                cut = start + size
                while cut < total:
                    handle.seek(cut)
                    probe = handle.read(1 << 16)
                    found = probe.find(b"\n")
                    if found >= 0:
                        cut += found + 1
                        break
                    cut += len(probe)
                cut = min(cut, total)
                yield start, cut
                start = cut
    except OSError as exc:
        raise LoadError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


def read(path: Path, start: int, end: int) -> str:
    """The text of bytes ``start`` to ``end`` of ``path`` (whole lines: a line feed never falls inside a
    UTF-8 character, so a block decodes as the whole file would)."""
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            return handle.read(end - start).decode("utf-8", errors="replace")
    except OSError as exc:
        raise LoadError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


def _start(make: Callable[[], Rows], spool: Path) -> None:
    global _rows, _spool
    _rows, _spool = make(), spool


def _work(path: Path, start: int, end: int, idents: bool, strict: bool) -> Chunk:
    """A block read and done in a worker; its text goes back through a file, not the pipe (far cheaper)."""
    assert _rows is not None and _spool is not None
    chunk = _rows.chunk(read(path, start, end), idents, strict)
    spooled = _spool / f"{start}.nq"
    spooled.write_bytes(chunk.text)
    chunk.text, chunk.spooled = b"", spooled
    return chunk


def chunks(path: Path, make: Callable[[], Rows], jobs: int, idents: bool, strict: bool) -> Iterator[Chunk]:
    """The table's blocks done, in order, their bad rows numbered by the file's lines: by ``jobs`` forked
    workers, or here when ``jobs`` is 1 or the table is small. ``make`` builds each process's :class:`Rows`."""
    line = 1  # the file's line number of the block's first line
    for chunk in _done(path, make, jobs, idents, strict):
        for bad in chunk.bad:
            bad.line += line - 1
        line += chunk.lines
        yield chunk


def _done(path: Path, make: Callable[[], Rows], jobs: int, idents: bool, strict: bool) -> Iterator[Chunk]:
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods() or _small(path):
        rows = make()
        for start, end in ranges(path):
            yield rows.chunk(read(path, start, end), idents, strict)
        return
    context = multiprocessing.get_context("fork")
    spool = Path(tempfile.mkdtemp(prefix="kg-import-"))
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(make, spool))
    window: deque[Future[Chunk]] = deque()
    try:
        for start, end in ranges(path):
            window.append(pool.submit(_work, path, start, end, idents, strict))
            if len(window) >= 3 * jobs:  # a few blocks ahead of the writer, never the whole table
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(spool, ignore_errors=True)


def _small(path: Path) -> bool:
    try:
        return path.stat().st_size < _SERIAL_BELOW
    except OSError:
        return True  # reading it will say what is wrong
