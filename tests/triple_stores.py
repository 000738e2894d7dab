"""Real triple stores for the tests: Oxigraph server (PyPI ``oxigraph``) and OpenLink Virtuoso (Debian
``virtuoso-opensource``), each started on 127.0.0.1 on free ports with its data in a temporary folder.

Use them as context managers from a module-scoped fixture, one server per test module::

    @pytest.fixture(scope="module")
    def oxigraph(tmp_path_factory):
        with triple_stores.oxigraph(tmp_path_factory.mktemp("oxigraph")) as server:
            yield server

A server has ``gsp_url`` (SPARQL 1.1 Graph Store), ``query_url`` (SPARQL 1.1 Protocol), ``auth``
(httpx credentials), ``push_args`` (the ``kg push`` options it needs), ``merge_graph`` (where the merge
of the graphs goes: None for the default graph), ``kill()`` (SIGKILL, as a crash), ``stop()``,
``start()`` and ``restart()`` (on the same folder). Without the program the tests skip with the reason;
with ``CI=true`` they fail.

How each gives the answers of ``kg query`` (whose default graph is the merge of the named graphs, each
triple once): Oxigraph runs *without* ``--union-default-graph`` and ``kg push`` writes the merge into its
default graph. Virtuoso has no real default graph (without FROM a query reads every quad of every graph,
system graphs included; a ``DB.DBA.SYS_SPARQL_HOST`` default graph acts as a FROM and then hides the
named graphs from ``GRAPH <iri>``), so the merge goes into the named graph :data:`kg.push.MERGE_GRAPH`
and queries name their dataset (``default-graph-uri`` and ``named-graph-uri``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest

from kg.push import MERGE_GRAPH

STARTUP_SECONDS = 30.0
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "kgpush", "kg-push-secret"


def unavailable(reason: str) -> None:
    """Skip the test with ``reason``, or fail it when ``CI=true`` (CI installs every store)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the triple store tests cannot run: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _program(name: str, *candidates: Path) -> str | None:
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return shutil.which(name)


class Server:
    """A store process on 127.0.0.1 with its data in ``folder``; subclasses say how to start it."""

    name = "server"
    gsp_url = ""
    query_url = ""
    push_args: tuple[str, ...] = ()
    auth: httpx.Auth | None = None
    merge_graph: str | None = None

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None
        self.log = folder / f"{self.name}.out"

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(self.command(), cwd=self.folder, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_text()}")
            with suppress(httpx.HTTPError, OSError):
                if self.ready():
                    return
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"{self.name} did not start within {STARTUP_SECONDS:g} s:\n{self.log_text()}")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL, as a crash or a pulled plug: nothing is flushed or closed."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def restart(self) -> None:
        """Start again on the same data folder (after kill() or stop())."""
        self.stop()
        self.start()


class Oxigraph(Server):
    """``oxigraph serve`` without --union-default-graph: the default graph is the merge that kg push writes."""

    name = "oxigraph"

    def __init__(self, folder: Path, program: str) -> None:
        super().__init__(folder)
        self.program = program
        self.port = free_port()
        base = f"http://127.0.0.1:{self.port}"
        self.gsp_url, self.query_url = f"{base}/store", f"{base}/query"

    def command(self) -> list[str]:
        return [self.program, "serve", "--location", str(self.folder / "db"), "--bind", f"127.0.0.1:{self.port}"]

    def ready(self) -> bool:
        return httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2).status_code == 200


class Virtuoso(Server):
    """virtuoso-t with its own ini in ``folder``: free SQL and HTTP ports, small buffers, and a user allowed
    to write through the Graph Store (digest authentication)."""

    name = "virtuoso"

    def __init__(self, folder: Path, program: str, isql: str) -> None:
        super().__init__(folder)
        self.program, self.isql = program, isql
        self.sql_port, self.http_port = free_port(), free_port()
        base = f"http://127.0.0.1:{self.http_port}"
        self.gsp_url, self.query_url = f"{base}/sparql-graph-crud-auth", f"{base}/sparql"
        self.merge_graph = MERGE_GRAPH
        self.push_args = (
            *("--user", VIRTUOSO_USER, "--password", VIRTUOSO_PASSWORD, "--auth", "digest"),
            *("--merge-graph", MERGE_GRAPH),
        )
        self.auth = httpx.DigestAuth(VIRTUOSO_USER, VIRTUOSO_PASSWORD)
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(self.ini_text())
        self.configured = False

    def ini_text(self) -> str:
        db = self.folder
        return f"""\
; Written by tests/triple_stores.py for one test module: everything under {db}.
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {db}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 20000000
MaxQueryMem = 200M
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000

[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
ServerRoot = {db}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 60
"""

    def command(self) -> list[str]:
        return [self.program, "+foreground", "+configfile", str(self.ini)]

    def ready(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.sql_port), timeout=1):
            pass
        return httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2).status_code == 200

    def start(self) -> None:
        super().start()
        if not self.configured:
            self.configure()
            self.configured = True

    def sql(self, statements: str) -> str:
        """Run SQL through isql as dba; raise with isql's output on any error."""
        done = subprocess.run(
            [self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def configure(self) -> None:
        """A user allowed to write through SPARQL Update and the Graph Store (read, write, sponge)."""
        self.sql(
            f"DB.DBA.USER_CREATE ('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
            f'GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}"; '
            f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{VIRTUOSO_USER}', 7); "
            "checkpoint;"
        )


@contextmanager
def running(server: Server) -> Iterator[Server]:
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextmanager
def oxigraph(folder: Path) -> Iterator[Server]:
    """Oxigraph server on a free port, its store in ``folder``/db."""
    program = _program("oxigraph", Path(sys.executable).parent / "oxigraph")
    if program is None:
        unavailable("Oxigraph server is not installed (pip install -e '.[test]' installs oxigraph)")
    assert program is not None
    with running(Oxigraph(folder, program)) as server:
        yield server


@contextmanager
def virtuoso(folder: Path) -> Iterator[Server]:
    """OpenLink Virtuoso on free ports, its database in ``folder``."""
    program = _program("virtuoso-t", Path("/usr/bin/virtuoso-t"))
    isql = _program("isql-vt", Path("/usr/bin/isql-vt")) or _program("isql")
    if program is None or isql is None:
        unavailable("OpenLink Virtuoso is not installed (apt-get install virtuoso-opensource)")
    assert program is not None and isql is not None
    with running(Virtuoso(folder, program, isql)) as server:
        yield server
