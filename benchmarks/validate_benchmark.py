"""Validation time against input size: one event whose English title is 0.1 to 10 MB long.

Copies the small hand-written dataset of tests/fixtures/minimal, adds one event with a long title and
times what ``kg.build.load_valid`` runs (``kg validate`` and ``kg build``): loading (YAML, schema,
references, dates, mapping), then the checks of the graph (SHACL shapes, violation queries). Each size
runs in its own process, capped (``> cap``: not done).

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
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 3, 10], help="title sizes in MB")
    parser.add_argument("--cap", type=float, default=600, help="seconds allowed per size")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(*time_one(args.child))
        return
    print(f"{'title':>8} {'load_valid':>11} {'load':>8} {'checks':>8}")
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
                load, checks = (float(x) for x in done.stdout.split()[-2:])
                row = f"{load + checks:>9.2f} s {load:>6.2f} s {checks:>6.2f} s"
            except subprocess.TimeoutExpired:
                row = f"{'> ' + format(args.cap, '.0f'):>9} s {'–':>8} {'–':>8}"
            except subprocess.CalledProcessError as exc:
                raise SystemExit(f"{megabytes:g} MB failed:\n{exc.stderr}") from None
        print(f"{megabytes:>5g} MB {row}", flush=True)


if __name__ == "__main__":
    main()
