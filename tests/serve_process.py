"""`kg serve` as a subprocess for the tests: started on 127.0.0.1 with ``--port 0``, used, stopped.

    with serving("--data", str(folder), cwd=tmp_path) as server:
        httpx.get(server.endpoint, params={"query": "ASK {}"})
        server.wait_for_log(r"GET /sparql\\S* 200 ")

The server is started with the ``kg`` script of the running interpreter, in a session of its own; the
tests wait for its ready line (``Serving http://HOST:PORT/sparql (…)`` on standard output), read its
standard error (one log line per request) in a thread, and stop it with SIGTERM on leaving. Stopping
also checks that the server left none of its worker processes behind. The process tree is read from
``/proc`` (Linux), so that the tests can see workers being killed and replaced.
"""

from __future__ import annotations

import csv
import http.client
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import pyoxigraph as ox

READY = re.compile(r"^Serving (?P<base>http://[^/\s]+)/sparql\b")
STARTUP_SECONDS = 90.0
STOP_SECONDS = 15.0


def kg_command() -> list[str]:
    """The ``kg`` script installed beside the running Python (the project's venv)."""
    beside = Path(sys.executable).with_name("kg")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("kg")
    if found is None:
        raise RuntimeError(f"no kg command beside {sys.executable} or on PATH: pip install -e '.[test]'")
    return [found]


# --- the process tree, from /proc ---------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (field 3, the state, comes first)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie (a zombie has stopped and uses no CPU)."""
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of the process, in clock ticks (0 once it is gone)."""
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0


def descendants(pid: int) -> set[int]:
    """The living processes below ``pid`` (children, their children, …)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[0] not in ("Z", "X"):
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def busiest(pids: set[int], seconds: float = 1.0) -> int:
    """Of ``pids``, the one that used the most CPU over the next ``seconds`` (the worker running a query)."""
    before = {p: cpu_ticks(p) for p in pids}
    time.sleep(seconds)
    used = {p: cpu_ticks(p) - before[p] for p in pids}
    busy = max(used, key=lambda p: used[p])
    assert used[busy] > 0, f"none of the processes {sorted(pids)} used any CPU in {seconds} s"
    return busy


def wait_until(condition: object, timeout: float, step: float = 0.1) -> bool:
    """Poll ``condition()`` until it is true or ``timeout`` seconds have passed; return its last value."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(step)


# --- the server -----------------------------------------------------------------------------------------


@dataclass
class Server:
    """A running ``kg serve``: its base URL, its process and what it has written so far."""

    base: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[str]
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def endpoint(self) -> str:
        return self.base + "/sparql"

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def log(self) -> list[str]:
        """The lines of standard error so far."""
        with self._lock:
            return list(self.stderr)

    def wait_for_log(self, pattern: str, timeout: float = 10.0, start: int = 0) -> str:
        """The first stderr line (from line ``start`` on) matching ``pattern``, waiting for it if need be."""
        regex = re.compile(pattern)
        found: list[str] = []

        def seen() -> bool:
            found[:] = [line for line in self.log()[start:] if regex.search(line)]
            return bool(found)

        if not wait_until(seen, timeout):
            tail = "\n".join(self.log()[-20:])
            raise AssertionError(f"kg serve logged no line matching {pattern!r}; its last lines:\n{tail}")
        return found[0]

    def workers(self) -> set[int]:
        return descendants(self.pid)


def _pump(stream: IO[str], lines: list[str], lock: threading.Lock, ready: threading.Event | None = None) -> None:
    for raw in stream:
        line = raw.rstrip("\n")
        with lock:
            lines.append(line)
        if ready is not None and READY.match(line):
            ready.set()
    if ready is not None:
        ready.set()  # end of output: the waiter finds out whether the line came


def _stop(server: Server) -> None:
    """SIGTERM, then (after STOP_SECONDS) SIGKILL to the whole session; fail if workers outlive the server."""
    below = descendants(server.pid)
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.process.wait(STOP_SECONDS)
    left = {p for p in below if not wait_until(lambda p=p: not alive(p), 5.0)}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    if left:
        raise AssertionError(f"kg serve stopped but left its processes {sorted(left)} running")


@contextmanager
def serving(*args: str, cwd: Path, startup: float = STARTUP_SECONDS) -> Iterator[Server]:
    """Run ``kg serve --host 127.0.0.1 --port 0 ARGS`` in ``cwd`` until the block ends."""
    command = [*kg_command(), "serve", "--host", "127.0.0.1", "--port", "0", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    assert process.stdout is not None and process.stderr is not None
    server = Server("", process)
    ready = threading.Event()
    threads = [
        threading.Thread(target=_pump, args=(process.stdout, server.stdout, server._lock, ready), daemon=True),
        threading.Thread(target=_pump, args=(process.stderr, server.stderr, server._lock), daemon=True),
    ]
    for t in threads:
        t.start()
    try:
        ready.wait(startup)
        with server._lock:
            lines = [m for m in map(READY.match, server.stdout) if m]
        if not lines:
            code = process.poll()
            state = f"exited with status {code}" if code is not None else "is still starting"
            raise RuntimeError(
                f"kg serve gave no ready line in {startup:.0f} s ({state}): {' '.join(command)}\n"
                + "stdout:\n"
                + "\n".join(server.stdout)
                + "\nstderr:\n"
                + "\n".join(server.log())
            )
        server.base = lines[0]["base"]
        yield server
    finally:
        _stop(server)
        for t in threads:
            t.join(5)


# --- exact requests and reading the answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """A response to :func:`raw_request`: its status, its headers (names in lower case) and its body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def raw_request(
    server: Server, method: str, path: str, headers: tuple[tuple[str, str], ...] = (), body: bytes | None = None
) -> Raw:
    """A request sent exactly as given: the path unchanged (no clean-up of ``..``), only the headers given
    plus Host and, with a body or for POST and PUT, Content-Length (no Accept unless given)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        if body is not None or method in ("POST", "PUT"):
            connection.putheader("Content-Length", str(len(body or b"")))
        connection.endheaders(body)
        response = connection.getresponse()
        return Raw(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def media(response: httpx.Response) -> str:
    """The media type of a response, without its parameters."""
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def rows(body: bytes | str, fmt: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON) -> list[dict[str, str]]:
    """A SPARQL results document (JSON, XML or TSV) as rows of {variable: term in N-Triples}, in order."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    result = ox.parse_query_results(raw, format=fmt)
    assert isinstance(result, ox.QuerySolutions), f"not a table of results: {raw[:300]!r}"
    names = [v.value for v in result.variables]
    return [{n: str(s[n]) for n in names if s[n] is not None} for s in result]


def csv_rows(text: str) -> list[dict[str, str]]:
    """A CSV document (with or without a byte-order mark) as rows of {column: text}."""
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def error(response: httpx.Response) -> str:
    """The message of an error response: the ``error`` of a JSON body, else the text without its newline."""
    if media(response) == "application/json":
        return str(response.json()["error"])
    return response.text.removesuffix("\n")


# --- another endpoint, for SERVICE -------------------------------------------------------------------------


class Listener:
    """A port on 127.0.0.1 recording each request sent to it and answering it with one SPARQL JSON row."""

    ANSWER = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from afar"}}]}}'

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.socket.getsockname()[1])
        self.received: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                self.received.append(connection.recv(65536))
                head = (
                    "HTTP/1.1 200 OK\r\ncontent-type: application/sparql-results+json\r\n"
                    f"content-length: {len(self.ANSWER)}\r\nconnection: close\r\n\r\n"
                )
                connection.sendall(head.encode() + self.ANSWER)

    def close(self) -> None:
        self.socket.shutdown(socket.SHUT_RDWR)  # wakes the thread's accept()
        self.socket.close()


def unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound for a moment, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
