"""kg import --format gdelt throughput: a GDELT-style table of N rows, rows per second and peak memory.

The table repeats the 30 real rows of tests/fixtures/gdelt/ with fresh GLOBALEVENTIDs and dates spread
over a year. Each size runs in a child process so that its peak memory (ru_maxrss) is its own.

    .venv/bin/python benchmarks/import_benchmark.py            # 10k, 100k, 1M rows
    .venv/bin/python benchmarks/import_benchmark.py 10000 100000 --jobs 1 2 4

Each size runs with one process (``--jobs 1``) and with kg import's default number of workers; peak
memory is the larger of the parent's and its largest worker's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "gdelt" / "sample.export.CSV"


def synthesise(path: Path, n: int) -> None:
    rows = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]
    start = dt.date(2017, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            f = list(rows[i % len(rows)])
            f[0] = str(900_000_000 + i)
            f[1] = (start + dt.timedelta(days=i % 365)).strftime("%Y%m%d")
            f[60] = f"{f[60]}?n={i // 7}"  # about seven events per document, as in GDELT
            out.write("\t".join(f) + "\n")


def child(table: str, output: str, jobs: int) -> None:
    sys.path.insert(0, str(ROOT))
    from kg.ingest.run import import_tables

    began = time.perf_counter()
    report = import_tables((Path(table),), "gdelt", Path(output), jobs=jobs)
    seconds = time.perf_counter() - began
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"events": report.events, "seconds": seconds, "peak_mb": peak_mb}))


def main(sizes: list[int], jobs: list[int]) -> None:
    print(f"{'rows':>9}  {'jobs':>4}  {'seconds':>8}  {'rows/s':>9}  {'peak MB':>8}  {'output MB':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / "synthetic.export.CSV"
            synthesise(table, n)
            for j in jobs:
                output = Path(tmp) / "out.nq"
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(table), str(output), str(j)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                r = json.loads(done.stdout)
                size = output.stat().st_size / 1e6
                output.unlink()
                print(
                    f"{n:>9}  {j:>4}  {r['seconds']:>8.2f}  {r['events'] / r['seconds']:>9.0f}  {r['peak_mb']:>8.0f}"
                    f"  {size:>9.1f}"
                )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
        parser.add_argument("--jobs", type=int, nargs="+", help="worker counts to run [default: 1 and the default]")
        args = parser.parse_args()
        sys.path.insert(0, str(ROOT))
        from kg.ingest.parallel import default_jobs

        main(args.sizes, args.jobs or sorted({1, default_jobs()}))
