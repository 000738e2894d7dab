"""Validation time against input size: one event whose English title is 0.1 to 10 MB long.

Copies the small hand-written dataset of tests/fixtures/minimal, adds one event with a long title and
times ``kg.build.load_valid`` (what ``kg validate`` and ``kg build`` run: schema, references, dates,
SHACL shapes and the violation queries). Each size runs in its own process, capped (``> cap``: not done).

    python benchmarks/validate_benchmark.py                      # 0.1, 1, 3 and 10 MB
    python benchmarks/validate_benchmark.py --sizes 0.5 2 --cap 60
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def time_one(data: Path) -> float:
    """Seconds for load_valid on ``data`` (run in a child process, see main)."""
    from kg.build import load_valid

    start = time.perf_counter()
    load_valid(data)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 3, 10], help="title sizes in MB")
    parser.add_argument("--cap", type=float, default=600, help="seconds allowed per size")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(f"{time_one(args.child):.2f}")
        return
    print(f"{'title':>8} {'load_valid':>11}")
    for megabytes in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = make_data(Path(tmp), megabytes)
            try:
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(data)],
                    capture_output=True,
                    text=True,
                    timeout=args.cap,
                    check=True,
                )
                seconds = f"{float(done.stdout.split()[-1]):.2f} s"
            except subprocess.TimeoutExpired:
                seconds = f"> {args.cap:.0f} s"
        print(f"{megabytes:>5g} MB {seconds:>11}", flush=True)


if __name__ == "__main__":
    main()
