"""The worker pool of kg serve: real processes on a saved store; runaway queries are killed and replaced."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import LoadError
from kg.graph import load
from kg.serve.jobs import SparqlJob
from kg.serve.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose
from kg.serve.workers import Busy, ClientGone, Pool, Stopping, TimedOut, WorkerDied

FIXTURES = Path(__file__).resolve().parent / "fixtures"
JSON = choose("application/sparql-results+json", RESULT_FORMATS)
TURTLE = choose("text/turtle", GRAPH_FORMATS)
# Thousands of triples cubed: runs for days, and pyoxigraph cannot be told to stop.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNTRIES = "SELECT ?c WHERE { ?c a dkg:Country } ORDER BY ?c LIMIT 3"
LONG = 60.0  # a deadline no sound query comes near
SHORT = 1.0  # the runaway's deadline


def job(query: str) -> SparqlJob:
    return SparqlJob(query, JSON, TURTLE)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve-store") / "store"
    load(FIXTURES / "minimal").store.save(path)
    return path


@pytest.fixture
def pool(store_path: Path) -> Iterator[Pool]:
    p = Pool(store_path, 2)
    p.start()
    yield p
    p.close()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def rows(body: bytes) -> list[str]:
    return [b["c"]["value"].rsplit("/", 1)[1] for b in json.loads(body)["results"]["bindings"]]


def test_a_worker_answers_a_query(pool: Pool) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        answer = await pool.run(job(COUNTRIES), loop.time() + LONG)
        assert answer.status == 200
        assert answer.content_type == "application/sparql-results+json"
        assert rows(answer.body) == ["ABW", "AFG", "AGO"]
        assert answer.rows == 3 and answer.cut_at is None

    asyncio.run(main())
    assert len(pool.pids()) == 2


def test_a_runaway_query_is_stopped_while_others_are_answered(pool: Pool) -> None:
    before = pool.pids()

    async def main() -> tuple[BaseException | None, list[str], int]:
        loop = asyncio.get_running_loop()
        runaway = asyncio.ensure_future(pool.run(job(RUNAWAY), loop.time() + SHORT))
        await asyncio.sleep(0)  # the runaway takes a worker first
        answer = await pool.run(job(COUNTRIES), loop.time() + LONG)
        still_running = not runaway.done()
        try:
            await runaway
            error = None
        except TimedOut as exc:
            error = exc
        await pool.settled()
        return error, rows(answer.body) if still_running else [], pool.replaced

    error, answered, replaced = asyncio.run(main())
    assert isinstance(error, TimedOut)
    assert answered == ["ABW", "AFG", "AGO"]  # answered by the other worker while the runaway ran
    assert replaced == 1
    after = pool.pids()
    killed = set(before) - set(after)
    assert len(killed) == 1 and all(gone(pid) for pid in killed)  # its CPU is free: the process is no more
    assert len(after) == 2 and len(set(after) - set(before)) == 1  # and a new worker took its place

    async def again() -> list[str]:
        loop = asyncio.get_running_loop()
        results = await asyncio.gather(*(pool.run(job(COUNTRIES), loop.time() + LONG) for _ in range(4)))
        return [r for a in results for r in rows(a.body)]

    assert asyncio.run(again()) == ["ABW", "AFG", "AGO"] * 4


def test_a_client_that_goes_away_frees_its_worker(pool: Pool) -> None:
    before = pool.pids()

    async def main() -> BaseException:
        loop = asyncio.get_running_loop()
        left = asyncio.Event()
        loop.call_later(0.3, left.set)
        try:
            await pool.run(job(RUNAWAY), loop.time() + LONG, left)
        except ClientGone as exc:
            await pool.settled()
            return exc
        raise AssertionError("the runaway query was not stopped")

    assert str(asyncio.run(main())) == "the client went away; its query was stopped"
    killed = set(before) - set(pool.pids())
    assert len(killed) == 1 and all(gone(pid) for pid in killed)
    assert len(pool.pids()) == 2


def test_waiting_for_a_worker_counts_toward_the_deadline(store_path: Path) -> None:
    single = Pool(store_path, 1)
    single.start()
    try:

        async def main() -> tuple[type[BaseException], type[BaseException]]:
            loop = asyncio.get_running_loop()
            runaway = asyncio.ensure_future(single.run(job(RUNAWAY), loop.time() + 2 * SHORT))
            await asyncio.sleep(0)
            waited: type[BaseException] = AssertionError
            try:
                await single.run(job(COUNTRIES), loop.time() + SHORT / 2)
            except Busy as exc:
                waited = type(exc)
            ran: type[BaseException] = AssertionError
            try:
                await runaway
            except TimedOut as exc:
                ran = type(exc)
            await single.settled()
            answer = await single.run(job(COUNTRIES), loop.time() + LONG)
            assert rows(answer.body) == ["ABW", "AFG", "AGO"]
            return waited, ran

        assert asyncio.run(main()) == (Busy, TimedOut)
    finally:
        single.close()


def test_a_worker_that_dies_is_replaced(pool: Pool) -> None:
    before = pool.pids()

    async def main() -> str:
        loop = asyncio.get_running_loop()
        runaway = asyncio.ensure_future(pool.run(job(RUNAWAY), loop.time() + LONG))
        await asyncio.sleep(0.3)
        busy = [p for p in pool.pids() if p in before]
        # the busy worker is the one not waiting in the queue: kill one at a time until the job fails
        for pid in busy:
            os.kill(pid, signal.SIGKILL)
            try:
                await asyncio.wait_for(asyncio.shield(runaway), 2)
            except WorkerDied as exc:
                await pool.settled()
                return str(exc)
            except TimeoutError:
                continue
        raise AssertionError("the job did not fail")

    message = asyncio.run(main())
    assert message == "the worker running the query stopped unexpectedly (exit code -9)"
    assert len(pool.pids()) == 2


def test_shutting_down_stops_the_queries_under_way(pool: Pool) -> None:
    before = pool.pids()

    async def main() -> list[str]:
        loop = asyncio.get_running_loop()
        runaway = asyncio.ensure_future(pool.run(job(RUNAWAY), loop.time() + LONG))
        await asyncio.sleep(0.3)
        pool.interrupt()
        messages = []
        for attempt in (runaway, pool.run(job(COUNTRIES), loop.time() + LONG)):
            try:
                await attempt
            except Stopping as exc:
                messages.append(str(exc))
        return messages

    assert asyncio.run(main()) == [
        "the server is shutting down; the query was stopped",
        "the server is shutting down",
    ]
    assert len(pool.pids()) == 1 and set(pool.pids()) < set(before)  # killed, and not replaced


def test_a_pool_stops_its_workers(store_path: Path) -> None:
    p = Pool(store_path, 2)
    p.start()
    pids = p.pids()
    assert len(pids) == 2
    p.close()
    assert all(gone(pid) for pid in pids)
    assert p.pids() == []


def test_a_store_that_cannot_be_opened(tmp_path: Path) -> None:
    p = Pool(tmp_path / "nothing-here", 1)
    with pytest.raises(LoadError) as err:
        p.start()
    assert str(err.value).startswith(f"{tmp_path / 'nothing-here'}: cannot open the store: ")
    assert p.pids() == []
