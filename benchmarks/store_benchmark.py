"""``kg query --data FILE.nt`` and ``kg query --store PATH`` beside raw pyoxigraph, on a synthetic N-Triples file.

Each cell runs in a fresh process (``sys.executable``), so peak memory (max RSS, from ``os.wait4``) is that
cell's alone; times are wall-clock of the whole process (imports and start included), and for the query
cells also the query alone, measured inside the process. Prints one table.

    .venv/bin/python benchmarks/store_benchmark.py                 # 1M triples (about 2 minutes)
    .venv/bin/python benchmarks/store_benchmark.py --triples 100000
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ID = "https://w3id.org/diplomatic-kg/id/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
CHECKOUT = Path(__file__).resolve().parent.parent

# Events per year, by type: a scan, a join and a GROUP BY over every event.
QUERY = f"""SELECT ?year (COUNT(?e) AS ?n) WHERE {{
  ?e a <{DKG}Meeting> ; <{DKG}date> ?d ; <{DKG}participant> ?p .
  BIND(YEAR(?d) AS ?year)
}} GROUP BY ?year ORDER BY ?year
"""

RAW_LOAD_QUERY = """
import sys, time, pyoxigraph as ox
path, query = sys.argv[1], open(sys.argv[2]).read()
s = ox.Store()
s.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
t = time.perf_counter()
rows = list(s.query(query))
print(f"{time.perf_counter() - t:.3f} {len(rows)}")
"""

RAW_QUERY_ONLY = """
import sys, time, pyoxigraph as ox
s = ox.Store.read_only(sys.argv[1])
query = open(sys.argv[2]).read()
t = time.perf_counter()
rows = list(s.query(query))
print(f"{time.perf_counter() - t:.3f} {len(rows)}")
"""


def synthetic(path: Path, triples: int, seed: int = 7) -> int:
    """Meetings with a type, a label, a date and 2-6 participants (of 20,000 people), until ``triples``."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    written = 0
    with path.open("w", encoding="utf-8") as f:
        i = 0
        while written < triples:
            e = f"<{ID}event/synthetic-{i}>"
            lines = [
                f"{e} <{RDF_TYPE}> <{DKG}Meeting> .",
                f'{e} <{LABEL}> "Meeting {i}"@en .',
                f'{e} <{DKG}date> "{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"^^<{XSD_DATE}> .',
            ]
            lines += [
                f"{e} <{DKG}participant> <{ID}person/p{rng.randrange(20000)}> ." for _ in range(rng.randint(2, 6))
            ]
            f.write("\n".join(lines) + "\n")
            written += len(lines)
            i += 1
    return written


def measure(argv: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=CHECKOUT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{err}")
    return wall, usage.ru_maxrss / 1024, out


def kg(*args: str) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import cli; cli()", *args]  # kg of PYTHONPATH, if set


def run(triples: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-store-bench-") as tmp:
        folder = Path(tmp)
        nt, rq, store = folder / "graph.nt", folder / "q.rq", folder / "store"
        n = synthetic(nt, triples)
        rq.write_text(QUERY, encoding="utf-8")
        rows: list[tuple[str, float, float, str]] = []

        wall, mb, out = measure([sys.executable, "-c", RAW_LOAD_QUERY, str(nt), str(rq)])
        raw_total = wall
        rows.append(("raw pyoxigraph: load + query", wall, mb, f"query {float(out.split()[0]):.2f} s"))

        wall, mb, out = measure(kg("query", str(rq), "--data", str(nt), "--format", "csv"))
        rows.append(("kg query --data FILE.nt", wall, mb, f"{wall / raw_total:.2f}x raw"))

        wall, mb, _ = measure(kg("query", str(rq), "--data", str(nt), "--store", str(store), "--format", "csv"))
        rows.append(("kg query --store (first: builds)", wall, mb, ""))

        wall, mb, out = measure([sys.executable, "-c", RAW_QUERY_ONLY, str(store / "oxigraph"), str(rq)])
        raw_query = float(out.split()[0])
        rows.append(("raw pyoxigraph: query on the store", wall, mb, f"query {raw_query:.2f} s"))

        wall, mb, _ = measure(kg("query", str(rq), "--data", str(nt), "--store", str(store), "--format", "csv"))
        rows.append(("kg query --store (fresh: reused)", wall, mb, f"{wall / raw_query:.2f}x raw query"))

        wall, mb, _ = measure(kg("--version"))
        rows.append(("kg --version (start-up alone)", wall, mb, ""))

        print(f"store benchmark: {n:,} synthetic triples (N-Triples, {nt.stat().st_size / 1e6:.0f} MB) + data/")
        print(f"{'cell':<38}{'wall s':>8}{'peak MB':>9}  note")
        for name, wall, mb, note in rows:
            print(f"{name:<38}{wall:>8.2f}{mb:>9.0f}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--triples", type=int, default=1_000_000)
    run(parser.parse_args().triples)


if __name__ == "__main__":
    main()
