"""YAML build time against size: ``kg.build.load_valid`` on synthetic data of 10⁴ to 5·10⁶ triples.

    .venv/bin/python benchmarks/build_benchmark.py                       # 10k, 100k and 1M triples
    .venv/bin/python benchmarks/build_benchmark.py --sizes 5000000 --cap 300

The data is benchmarks/synthetic.py's ``write_yaml`` (seed 1), written once per size into a temporary folder.
Each size is then built in a fresh process, which times the two steps of ``load_valid`` (what ``kg validate``
and ``kg build`` run): loading (YAML, schema, references, dates, mapping into the store) and validation
(SHACL shapes compiled to SPARQL, violation queries), and reports its peak resident set (``ru_maxrss``).
Triples are the built graph's union (ontology and countries included); triples/s is over the load step.
Each size is capped (``> cap``: not done within it).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_yaml


def time_one(data: Path) -> dict[str, float]:
    """The child's measurements of one build of ``data``."""
    import pyoxigraph as ox

    from kg.graph import load
    from kg.validate import check_graph

    start = time.perf_counter()
    kg = load(data)
    loaded = time.perf_counter()
    problems = check_graph(kg)
    checked = time.perf_counter()
    if problems:  # the benchmark data is valid: every check runs to the end
        raise SystemExit(f"{len(problems)} problems, the first: {problems[0]}")
    triples = sum(1 for _ in kg.store.engine.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"load": loaded - start, "check": checked - loaded, "triples": triples, "peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--cap", type=float, default=600, help="seconds allowed per size")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(time_one(args.child)))
        return
    print(
        f"{'target':>9} {'records':>8} {'triples':>10} {'load':>8} {'triples/s':>10} {'validation':>10} "
        f"{'load_valid':>10} {'peak RSS':>9}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            records = sum(write_yaml(Path(tmp), size, seed=1).values())
            try:
                done = subprocess.run(
                    [sys.executable, __file__, "--child", tmp],
                    capture_output=True,
                    text=True,
                    timeout=args.cap,
                    check=True,
                )
            except subprocess.TimeoutExpired:
                print(f"{size:>9,} {records:>8,} {'> ' + format(args.cap, '.0f') + ' s':>30}", flush=True)
                continue
            except subprocess.CalledProcessError as exc:
                raise SystemExit(f"{size:,} failed:\n{exc.stdout}{exc.stderr}") from None
        got = json.loads(done.stdout.splitlines()[-1])
        rate = got["triples"] / got["load"]
        print(
            f"{size:>9,} {records:>8,} {got['triples']:>10,} {got['load']:>6.1f} s {rate:>10,.0f} "
            f"{got['check']:>8.1f} s {got['load'] + got['check']:>8.1f} s {got['peak_mb']:>6,.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
