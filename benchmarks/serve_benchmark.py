"""`kg serve` under load, beside Oxigraph server holding the same data, in the same run.

For 1, 4 and 16 concurrent clients, each endpoint is sent a mix of the stored queries (their parameters
bound to their defaults, as self-contained SPARQL text) for a fixed time over loopback; the script prints
throughput, p50/p95/p99 latency and errors. Then, on `kg serve` alone, it measures the p95 of 4 clients
while one runaway query (a cross join) runs until the server's timeout, beside the idle p95.

    python benchmarks/serve_benchmark.py                       # 10 s per run, the real data/
    python benchmarks/serve_benchmark.py --seconds 5 --clients 1 4

Needs `oxigraph` (Oxigraph server, from PyPI: the `test` extra installs it).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.catalogue import stored_queries
from kg.graph import load
from kg.namespaces import PREFIXES
from kg.queries import bind, parse_assignments, with_values
from kg.store import Store
from kg.terms import Resolver

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
READY = re.compile(r"Serving (http://\S+/sparql)")


def query_mix(store: Store) -> list[str]:
    """Every stored SELECT/ASK query with its parameters at their defaults, as text any endpoint can run."""
    declared = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items()))
    mix = []
    for q in stored_queries():
        if not all(p.default for p in q.params):
            continue
        bindings = bind(q, parse_assignments([]), Resolver(store, "en"))
        text = with_values(q.text, bindings, q.shown)
        if re.search(r"^\s*(CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE | re.MULTILINE):
            continue
        mix.append(declared + text)
    return mix


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, ok: bool) -> None:
        with self.lock:
            if ok:
                self.latencies.append(seconds)
            else:
                self.errors += 1


def _client(url: str, mix: list[str], start: int, stop: float, run: Run) -> None:
    with httpx.Client(timeout=120) as client:
        i = start
        while time.monotonic() < stop:
            query = mix[i % len(mix)]
            i += 1
            began = time.monotonic()
            try:
                r = client.post(
                    url, content=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": JSON}
                )
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            run.add(time.monotonic() - began, ok)


def load_test(url: str, mix: list[str], clients: int, seconds: float) -> Run:
    run = Run()
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(url, mix, k * 7, stop, run)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return run


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def row(name: str, clients: int, run: Run, seconds: float) -> str:
    lat = run.latencies
    return (
        f"| {name} | {clients} | {len(lat) / seconds:,.1f} | {_pct(lat, 50):,.1f} | {_pct(lat, 95):,.1f} "
        f"| {_pct(lat, 99):,.1f} | {run.errors} |"
    )


@contextlib.contextmanager
def kg_serve(data: Path, workers: int, timeout: float) -> Iterator[str]:
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"
    args = [kg, "serve", "--data", str(data), "--port", "0", "--workers", str(workers), "--timeout", str(timeout)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            found = READY.search(line)
            if found:
                yield found[1]
                break
        else:
            raise SystemExit(f"kg serve did not start (exit {proc.wait()})")
    finally:
        proc.terminate()
        proc.wait(30)


@contextlib.contextmanager
def oxigraph_server(store: Store) -> Iterator[str]:
    """Oxigraph server holding the same dataset: the named graphs and, in its default graph, their merge."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("oxigraph (Oxigraph server) is not installed: pip install oxigraph")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.nq"
        ox.serialize(iter(store.engine), str(dump), ox.RdfFormat.N_QUADS)
        location = Path(tmp) / "store"
        subprocess.run(
            [binary, "load", "--location", str(location), "--file", str(dump)], check=True, capture_output=True
        )
        port = free_port()
        proc = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/query"
        try:
            for _ in range(200):
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                        break
                time.sleep(0.05)
            yield url
        finally:
            proc.terminate()
            proc.wait(30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def runaway(url: str, mix: list[str], seconds: float) -> tuple[Run, int]:
    """4 clients' latencies while one client keeps a runaway query running; the runaway's status."""
    status: list[int] = []

    def send() -> None:
        with httpx.Client(timeout=300) as client:
            r = client.post(url, content=RUNAWAY.encode(), headers={"Content-Type": "application/sparql-query"})
            status.append(r.status_code)

    t = threading.Thread(target=send)
    t.start()
    time.sleep(0.5)  # let the runaway take its worker first
    run = load_test(url, mix, 4, seconds)
    t.join()
    return run, status[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each run")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    args = parser.parse_args()

    store = load(args.data).store
    mix = query_mix(store)
    print(f"{len(mix)} stored queries in the mix, {len(store):,} quads, {args.seconds:g} s per run\n")
    print("| server | clients | queries/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    timeout = args.seconds
    with kg_serve(args.data, args.workers, timeout) as ours, oxigraph_server(store) as theirs:
        load_test(ours, mix, 1, 1.0)  # warm both up: first queries fill caches
        load_test(theirs, mix, 1, 1.0)
        for n in args.clients:
            print(row("kg serve", n, load_test(ours, mix, n, args.seconds), args.seconds), flush=True)
            print(row("Oxigraph server", n, load_test(theirs, mix, n, args.seconds), args.seconds), flush=True)
        idle = load_test(ours, mix, 4, args.seconds)
        busy, status = runaway(ours, mix, args.seconds * 0.8)
    print(f"\nOne runaway query (answered {status} at the {timeout:g} s timeout) beside 4 clients on kg serve:\n")
    print("| state | queries/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, run, seconds in (("idle", idle, args.seconds), ("runaway running", busy, args.seconds * 0.8)):
        print(row(name, 4, run, seconds).replace("| 4 |", "|", 1))
    ratio = _pct(busy.latencies, 95) / _pct(idle.latencies, 95)
    print(f"\np95 with the runaway / idle p95: {ratio:.2f}× (target ≤ 2×)")
    if idle.latencies:
        print(f"mean idle latency {statistics.mean(idle.latencies) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
