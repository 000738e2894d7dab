"""Validation time against input size: the shapes on synthetic event graphs of 10⁴ to 10⁶ triples
(pySHACL, the reference, beside the shapes compiled to SPARQL), and one event whose title is 0.1 to 10 MB long.

    python benchmarks/validate_benchmark.py --events 1000 10000 80000   # the shapes, both engines
    python benchmarks/validate_benchmark.py --events 80000 --cap 300

The synthetic store is analyze_benchmark.synthetic_store's, built once per size; each engine then runs
``kg.validate.violations`` on it in a forked child (pySHACL's time includes the rdflib copy it needs).
Peak memory is the child's peak resident set above its resident set at the start (the store left out).
Each cell is capped (``> cap``: not done within it).

The long titles:

Copies the small hand-written dataset of tests/fixtures/minimal, adds one event with a long title and
times what ``kg.build.load_valid`` runs (``kg validate`` and ``kg build``): loading (YAML, schema,
references, dates, mapping), then the checks of the graph (SHACL shapes, violation queries). Each size
runs in its own process, capped (``> cap``: not done).

    python benchmarks/validate_benchmark.py                      # 0.1, 1, 3 and 10 MB
    python benchmarks/validate_benchmark.py --sizes 0.5 2 --cap 60
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
WORDS = "delegation minister meeting cooperation labour social protection agreement signed visit "

EVENT = """\
events:
  - id: meeting-long-title
    kind: meeting
    title:
      en: "{title}"
    date: 2023-06-01
    countries: [AZE]
    participants:
      - {{agent: person-a, role: participant}}
    sources: [example-source]
"""


def make_data(folder: Path, megabytes: float) -> Path:
    """tests/fixtures/minimal plus an event whose title is ``megabytes`` MB of words."""
    data = folder / "data"
    shutil.copytree(FIXTURE, data)
    size = int(megabytes * 1_000_000)
    title = (WORDS * (size // len(WORDS) + 1))[:size].strip()
    (data / "long.yaml").write_text(EVENT.format(title=title), encoding="utf-8")
    return data


def time_one(data: Path) -> tuple[float, float]:
    """Seconds for the two steps of ``load_valid`` on ``data``: loading (YAML, schema, references, mapping)
    and checking the graph (shapes, violation queries). Run in a child process, see main."""
    from kg.graph import load
    from kg.validate import check_graph

    start = time.perf_counter()
    kg = load(data)
    loaded = time.perf_counter()
    problems = check_graph(kg)
    assert not problems, problems  # the benchmark data is valid: every check runs to the end
    return loaded - start, time.perf_counter() - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", help="title sizes in MB (e.g. 0.1 1 3 10)")
    parser.add_argument("--events", type=int, nargs="+", help="synthetic events per size (80000: ~1M triples)")
    parser.add_argument("--cap", type=float, default=600, help="seconds allowed per size")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(*time_one(args.child))
        return
    if args.events or not args.sizes:
        scale(args.events or [1000, 10000, 80000], args.cap)
    if args.sizes:
        titles(args.sizes, args.cap)


def _kb(field: str) -> int:
    """A field of /proc/self/status in kB (VmRSS: resident now, VmHWM: peak resident)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _engine_child(store: Any, engine: str, conn: Connection) -> None:
    from kg.validate import violations

    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the resident set now
    base = _kb("VmRSS")
    start = time.perf_counter()
    found = violations(None, store, engine=engine)  # type: ignore[arg-type]
    conn.send((time.perf_counter() - start, _kb("VmHWM") - base, found))
    conn.close()


def _measure(store: Any, engine: str, cap: float) -> tuple[float, int, list[Any]] | None:
    """(seconds, peak kB, violations) of one engine in a forked child; None past the cap."""
    receive, send = mp.get_context("fork").Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_engine_child, args=(store, engine, send))
    proc.start()
    send.close()
    if not receive.poll(cap):
        proc.kill()
        proc.join()
        return None
    got: tuple[float, int, list[Any]] = receive.recv()
    proc.join()
    return got


def _cell(result: tuple[float, int, list[Any]] | None, cap: float) -> str:
    return (
        f"{'> ' + format(cap, '.0f') + ' s':>20}"
        if result is None
        else f"{result[0]:>8.1f} s {result[1] / 1024:>7,.0f} MB"
    )


def scale(sizes: list[int], cap: float) -> None:
    """The shapes on synthetic stores of ``sizes`` events: one row per size, both engines."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from analyze_benchmark import synthetic_store

    print(f"{'events':>7} {'triples':>10} {'pySHACL':>20} {'compiled SPARQL':>20} {'violations':>10}")
    for events in sizes:
        store = synthetic_store(events).store
        triples = sum(1 for _ in store.engine.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        reference = _measure(store, "pyshacl", cap)
        compiled = _measure(store, "sparql", cap)
        if reference is not None and compiled is not None and reference[2] != compiled[2]:
            raise SystemExit(f"{events} events: the engines disagree")
        count = len(compiled[2]) if compiled is not None else "–"
        print(f"{events:>7} {triples:>10,} {_cell(reference, cap)} {_cell(compiled, cap)} {count:>10}", flush=True)


def titles(sizes: list[float], cap: float) -> None:
    print(f"{'title':>8} {'load_valid':>11} {'load':>8} {'checks':>8}")
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = make_data(Path(tmp), megabytes)
            try:
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(data)],
                    capture_output=True,
                    text=True,
                    timeout=cap,
                    check=True,
                )
                load, checks = (float(x) for x in done.stdout.split()[-2:])
                row = f"{load + checks:>9.2f} s {load:>6.2f} s {checks:>6.2f} s"
            except subprocess.TimeoutExpired:
                row = f"{'> ' + format(cap, '.0f'):>9} s {'–':>8} {'–':>8}"
            except subprocess.CalledProcessError as exc:
                raise SystemExit(f"{megabytes:g} MB failed:\n{exc.stderr}") from None
        print(f"{megabytes:>5g} MB {row}", flush=True)


if __name__ == "__main__":
    main()
