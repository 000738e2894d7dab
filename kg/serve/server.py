"""Running ``kg serve``: load the data, save it for the workers, start them, serve until stopped.

The data is loaded as ``kg query`` loads it (:func:`kg.graph.load`), saved to a temporary on-disk store
that every worker opens read-only, and served by one uvicorn process on a socket bound before anything
else (so a port in use is told at once). Ctrl-C or SIGTERM stops the server: queries under way are
answered 503 at once, uvicorn closes the connections, then the workers are stopped and the temporary
store is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import uvicorn

from kg.errors import UsageError
from kg.graph import load
from kg.persistent import DATABASE, OnDisk, open_fresh
from kg.serve.app import Settings, create_app
from kg.serve.description import Dataset
from kg.serve.workers import Pool

GRACE = 3  # seconds uvicorn lets running requests finish on shutdown
BACKLOG = 2048


def default_workers() -> int:
    """Worker processes by default: one per CPU, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = field(default_factory=default_workers)
    settings: Settings = field(default_factory=Settings)


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: a free one); UsageError if that cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise UsageError(
            f"cannot listen on {host}: {exc.strerror} (give --host an address such as 127.0.0.1)"
        ) from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        why = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise UsageError(
            f"cannot listen on {url_host(host)}:{port}: {why} (give another --port, or --port 0 for a free one)"
        ) from None
    return sock


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class _Server(uvicorn.Server):
    """uvicorn's server, saying when it is ready, and leaving the process alive after a signal so that
    the workers and the temporary store are cleaned up (uvicorn re-raises the signal once stopped)."""

    def __init__(self, config: uvicorn.Config, ready: Callable[[], None], stopping: Callable[[], None]) -> None:
        super().__init__(config)
        self._ready = ready
        self._stopping = stopping

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            self._ready()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._stopping()  # queries under way are answered at once, so that shutting down takes no wait
        await super().shutdown(sockets)

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        original = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def serve(
    options: ServeOptions,
    data_dir: Path,
    extra_files: tuple[Path, ...] = (),
    ready: Callable[[str], None] = print,
    log: Callable[[str], None] | None = None,
    on_disk: OnDisk | None = None,
) -> None:
    """Serve the data until stopped; ``ready`` gets the line saying where, once requests are answered.
    With ``on_disk`` (--store) the workers read that persistent store (built or rebuilt first when missing
    or stale), with no copy."""
    previous = signal.signal(signal.SIGTERM, _stop) if threading.current_thread() is threading.main_thread() else None
    sock = listen(options.host, options.port)
    scratch: Path | None = None
    pool: Pool | None = None
    try:
        if on_disk is not None:
            store = open_fresh(on_disk, lambda new: load(on_disk.data_dir, on_disk.extra, new))
            store_path = on_disk.path / DATABASE
        else:
            store = load(data_dir, extra_files).store
            scratch = Path(tempfile.mkdtemp(prefix="kg-serve-"))
            store_path = scratch / "store"
            store.save(store_path)
        dataset = Dataset.of(store)
        quads = len(store)
        del store
        pool = Pool(store_path, options.workers)
        pool.start()
        app = (
            create_app(pool, dataset, options.settings)
            if log is None
            else create_app(pool, dataset, options.settings, log=log)
        )
        port = sock.getsockname()[1]
        base = f"http://{url_host(options.host)}:{port}"
        s = options.settings
        line = (
            f"Serving {base}/sparql ({options.workers} worker{'s' if options.workers != 1 else ''}, "
            f"{quads} quads in {len(dataset.named)} graphs, timeout {s.timeout:g} s, at most {s.max_rows} rows, "
            f"SERVICE {'allowed' if s.allow_service else 'refused'}; the page is {base}/)"
        )
        config = uvicorn.Config(
            app, lifespan="off", log_level="warning", access_log=False, timeout_graceful_shutdown=GRACE
        )
        _Server(config, lambda: ready(line), pool.interrupt).run(sockets=[sock])
    finally:
        if pool is not None:
            pool.close()
        sock.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
