"""The worker processes that run the queries, so that a query past its time can be stopped.

pyoxigraph cannot cancel a query, so each query runs in a worker process of its own, which the endpoint
can kill. A :class:`Pool` keeps ``size`` workers; each opens the saved store read-only
(:meth:`kg.store.Store.open_read_only`) and answers one job at a time over a pipe (:mod:`kg.serve.jobs`):
the parent sends the job, the worker runs it, writes the whole answer and sends it back.

**Time.** A request has ``timeout`` seconds from its arrival, waiting for a free worker included, so that
no client waits longer than that for an answer: :class:`Busy` when no worker came free in time,
:class:`TimedOut` when the query itself ran out of time. A worker whose query ran out of time, or whose
client went away (:class:`ClientGone`), is killed (SIGKILL, so its CPU is free at once) and replaced in the
background; the other workers go on serving. A worker that dies by itself gives :class:`WorkerDied` and is
replaced too.

**Shutdown.** :meth:`interrupt` ends the jobs under way at once (:class:`Stopping`), so the server need
not wait for them; :meth:`close` then stops every process.

**Processes.** Workers start from a fork server that has imported the query code once (so a replacement
is ready in milliseconds), where the platform has one, else by spawning; they ignore SIGINT (Ctrl-C stops
the server, which stops them) and exit when the parent goes away. A pool is used from one thread at a
time (the event loop's); it keeps no object bound to one loop, so tests may run it in several.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.errors import KgError, LoadError
from kg.serve.jobs import Answer, Job, execute

START_TIMEOUT = 60.0  # seconds a new worker may take to open the store
STOP_TIMEOUT = 5.0


class PoolError(Exception):
    """A job got no answer from a worker."""


class Busy(PoolError):
    """No worker became free within the request's time."""


class TimedOut(PoolError):
    """The query ran past the request's time; its worker was killed."""


class ClientGone(PoolError):
    """The client went away before the answer; its worker was killed."""


class WorkerDied(PoolError):
    """The worker stopped by itself while running the job (its exit code in the message)."""


class Stopping(PoolError):
    """The server is shutting down (:meth:`Pool.interrupt`); the job's worker was stopped."""


def _context() -> ForkServerContext | SpawnContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["__main__", "kg.serve.jobs"])  # main once, not in every worker
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Connection, store_path: str) -> None:
    """A worker: open the store, say so, then answer jobs until the pipe closes or a None job arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kg.store import Store

    try:
        store = Store.open_read_only(Path(store_path))
    except KgError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(execute(store, job))


@dataclass(eq=False)
class Worker:
    process: BaseProcess
    conn: Connection
    jobs: int = field(default=0)
    killed: bool = field(default=False)

    @property
    def pid(self) -> int:
        assert self.process.pid is not None
        return self.process.pid

    def kill(self) -> None:
        self.killed = True
        if self.process.is_alive():
            self.process.kill()


class Pool:
    """``size`` worker processes answering jobs on the store saved at ``store_path``."""

    def __init__(self, store_path: Path, size: int) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.store_path = store_path
        self.size = size
        self._ctx = _context()
        self._idle: deque[Worker] = deque()
        self._getters: deque[asyncio.Future[Worker]] = deque()  # requests waiting for a worker, in order
        self._stops: set[asyncio.Future[None]] = set()  # what interrupt() ends
        self._live: set[Worker] = set()
        self._lock = threading.Lock()
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="kg-serve-pool")
        self._replacing: set[asyncio.Future[None]] = set()
        self._closing = False
        self._interrupted = False
        self.replaced = 0  # workers killed or dead and replaced so far

    # --- starting and stopping (blocking: call them outside the event loop)
    def start(self) -> None:
        """Start every worker and wait until each has opened the store; LoadError if one cannot."""
        try:
            for _ in range(self.size):
                self._idle.append(self._spawn())
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> Worker:
        ours, theirs = multiprocessing.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_worker_main, args=(theirs, str(self.store_path)), name="kg-serve-worker", daemon=True
        )
        process.start()
        theirs.close()  # the worker holds the only other end: its death is an EOF here
        worker = Worker(process, ours)
        with self._lock:
            self._live.add(worker)
        try:
            if not ours.poll(START_TIMEOUT):
                raise LoadError(f"a worker did not open the store {self.store_path} within {START_TIMEOUT:.0f} s")
            status, detail = ours.recv()
        except (EOFError, OSError) as exc:
            self._forget(worker)
            raise LoadError(f"a worker stopped while opening the store (exit code {process.exitcode})") from exc
        except LoadError:
            self._forget(worker)
            raise
        if status != "ready":
            self._forget(worker)
            raise LoadError(str(detail))
        if self._closing:
            self._forget(worker)
            raise LoadError("the pool is closing")
        return worker

    def _forget(self, worker: Worker) -> None:
        """Kill the worker if it still runs, reap it and close its pipe."""
        worker.kill()
        worker.process.join(STOP_TIMEOUT)
        worker.conn.close()
        with self._lock:
            self._live.discard(worker)

    def close(self) -> None:
        """Stop every worker: idle ones are asked to finish, busy ones killed."""
        self._closing = True
        idle = set(self._idle)
        self._idle.clear()
        with self._lock:
            workers = list(self._live)
        for w in workers:
            if w in idle:
                try:
                    w.conn.send(None)
                except OSError:
                    w.kill()
            else:
                w.kill()
        # Threads waiting for a killed worker's reply see its pipe close; replacements starting now stop.
        self._threads.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            workers = list(self._live)
        for w in workers:
            w.process.join(STOP_TIMEOUT)
            self._forget(w)

    def pids(self) -> list[int]:
        """The process ids of the live workers (busy or idle; not those killed and still dying)."""
        with self._lock:
            return sorted(w.pid for w in self._live if not w.killed and w.process.is_alive())

    @property
    def idle(self) -> int:
        return len(self._idle)

    # --- running jobs (in the event loop)
    async def run(self, job: Job, deadline: float, gone: asyncio.Event | None = None) -> Answer:
        """The answer to ``job`` from a free worker, by ``deadline`` (the loop's clock).

        Raises :class:`Busy`, :class:`TimedOut`, :class:`ClientGone` (``gone`` set), :class:`WorkerDied`
        or :class:`Stopping`.
        """
        loop = asyncio.get_running_loop()
        gone = gone or asyncio.Event()
        if self._interrupted:
            raise Stopping("the server is shutting down")
        worker = await self._acquire(deadline, gone)
        while not worker.process.is_alive():  # died while idle (killed from outside): replace, take another
            self._replace(worker)
            worker = await self._acquire(deadline, gone)
        try:
            worker.conn.send(job)
        except OSError as exc:
            self._replace(worker)
            raise WorkerDied(f"the worker could not be sent the job: {exc}") from exc
        worker.jobs += 1
        reply = loop.run_in_executor(self._threads, worker.conn.recv)
        reply.add_done_callback(_retrieve)
        try:
            done = await self._first(reply, deadline, gone)
        except BaseException:  # cancelled: the worker is in an unknown state
            self._replace(worker, reply)
            raise
        if done:
            try:
                answer: Answer = reply.result()
            except (EOFError, OSError) as exc:
                await loop.run_in_executor(self._threads, worker.process.join, STOP_TIMEOUT)
                code = worker.process.exitcode
                self._replace(worker, reply)
                raise WorkerDied(f"the worker running the query stopped unexpectedly (exit code {code})") from exc
            except Exception as exc:  # an answer that cannot be read: the worker is in an unknown state
                self._replace(worker, reply)
                raise WorkerDied(f"the worker's answer could not be read ({exc})") from exc
            self._release(worker)
            return answer
        self._replace(worker, reply)
        if gone.is_set():
            raise ClientGone("the client went away; its query was stopped")
        if self._interrupted:
            raise Stopping("the server is shutting down; the query was stopped")
        raise TimedOut("the query ran out of time; it was stopped")

    async def _first(self, future: asyncio.Future[Any], deadline: float, gone: asyncio.Event) -> bool:
        """Wait for ``future`` until the deadline, the client going away or an interrupt: whether it is done."""
        loop = asyncio.get_running_loop()
        watch = asyncio.ensure_future(gone.wait())
        stop: asyncio.Future[None] = loop.create_future()
        self._stops.add(stop)
        try:
            await asyncio.wait(
                {future, watch, stop}, timeout=max(deadline - loop.time(), 0), return_when="FIRST_COMPLETED"
            )
        finally:
            watch.cancel()
            self._stops.discard(stop)
        return future.done() and not future.cancelled()

    async def _acquire(self, deadline: float, gone: asyncio.Event) -> Worker:
        if self._idle:
            return self._idle.popleft()
        getter: asyncio.Future[Worker] = asyncio.get_running_loop().create_future()
        self._getters.append(getter)
        got = await self._first(getter, deadline, gone)
        if got:
            worker = getter.result()
            if not gone.is_set() and not self._interrupted:
                return worker
            self._release(worker)
        getter.cancel()  # _release passes over it
        if gone.is_set():
            raise ClientGone("the client went away while waiting for a worker")
        if self._interrupted:
            raise Stopping("the server is shutting down")
        raise Busy("no worker became free in time")

    def _release(self, worker: Worker) -> None:
        """Hand ``worker`` to the first request still waiting, or put it back among the idle ones."""
        while self._getters:
            getter = self._getters.popleft()
            if not getter.done():
                getter.set_result(worker)
                return
        self._idle.append(worker)

    def _replace(self, worker: Worker, reply: asyncio.Future[Any] | None = None) -> None:
        """Kill ``worker`` now and start another in the background (once ``reply``, the thread reading the
        worker's pipe, has seen it close)."""
        worker.kill()
        self.replaced += 1
        if self._interrupted:  # shutting down: no replacement (close() reaps the process)
            return
        task = asyncio.ensure_future(self._respawn(worker, reply))
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _respawn(self, old: Worker, reply: asyncio.Future[Any] | None) -> None:
        loop = asyncio.get_running_loop()
        try:
            if reply is not None:
                await asyncio.gather(reply, return_exceptions=True)
            await loop.run_in_executor(self._threads, self._forget, old)
            new = await loop.run_in_executor(self._threads, self._spawn)
        except (LoadError, RuntimeError) as exc:  # RuntimeError: the executor is shut down (closing)
            if not self._closing:
                os.write(2, f"kg serve: a worker could not be restarted: {exc}\n".encode())
            return
        self._release(new)

    def interrupt(self) -> None:
        """The server is shutting down: stop the jobs under way and those waiting (:class:`Stopping`), at once.

        Call it in the event loop; :meth:`close` then stops the processes."""
        self._interrupted = True
        for stop in list(self._stops):
            if not stop.done():
                stop.set_result(None)

    async def settled(self) -> None:
        """Wait until the replacements under way have started (for tests and orderly shutdown)."""
        while self._replacing:
            await asyncio.gather(*list(self._replacing), return_exceptions=True)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Consume a reply's exception (an EOF from a killed worker) so that asyncio does not report it."""
    if not future.cancelled():
        future.exception()
