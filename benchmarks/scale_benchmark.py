"""kg at scale beside raw pyoxigraph and plain rdflib, on the synthetic dataset of ``synthetic.py``: one table.

For each size the YAML folder is written (seeded), built once to N-Triples and turned into a GDELT 2.0
table (``synthetic_formats.py``); then every cell runs in a fresh process (``sys.executable``): its time is
the whole process's wall clock (start and imports included), its memory the peak RSS (``os.wait4``); query
cells also give the query's own time, measured inside the process (``q …``). rdflib runs only up to
``--rdflib-max`` triples and ``--cap-rdflib`` seconds a cell ("> 60 s"); every other cell stops at ``--cap``.

    .venv/bin/python benchmarks/scale_benchmark.py --sizes 10k 100k             # about 10 minutes
    .venv/bin/python benchmarks/scale_benchmark.py --sizes 10k 100k 1M 5M --cap-rdflib 60 --rdflib-max 1M
    .venv/bin/python benchmarks/scale_benchmark.py --sizes 2k --ops nt-build query --queries who-met-whom
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic.py and synthetic_formats.py beside us

from synthetic_formats import CHECKOUT, gdelt_table, ntriples

OPS = ("yaml-build", "nt-build", "query", "store", "export", "viz", "analyze", "import")
EXPORTS = {  # suffix: (kg export --format, pyoxigraph format name, rdflib format, holds quads)
    "ttl": ("turtle", "TURTLE", "turtle", False),
    "trig": ("trig", "TRIG", "trig", True),
    "nt": ("ntriples", "N_TRIPLES", "nt", False),
    "nq": ("nquads", "N_QUADS", "nquads", True),
    "jsonld": ("jsonld", "JSON_LD", "json-ld", True),
}
NONE = "–"  # no counterpart

# Each worker is a script run by ``python -c``; it writes {"inner": seconds, "rows": n} to its first argument.
KG_WORKER = """
import json, sys, time
import kg.cli.query as q
spent = []
original = q.respond
def timed(*args, **kwargs):
    start = time.perf_counter()
    answer = original(*args, **kwargs)
    spent.append(time.perf_counter() - start)
    return answer
q.respond = timed  # kg query's answer alone: binding, running, labels and rendering, not loading
from kg.cli import cli
try:
    cli.main(sys.argv[2:], prog_name="kg")
finally:
    with open(sys.argv[1], "w") as f:
        json.dump({"inner": sum(spent) if spent else None}, f)
"""

RAW_WORKER = """
import json, sys, time
import pyoxigraph as ox
out, op, data, arg = sys.argv[1:5]
NT = ox.RdfFormat.N_TRIPLES
def loaded():
    s = ox.Store()
    s.bulk_load(path=data, format=NT)
    return s
def term(t):
    if "iri" in t:
        return ox.NamedNode(t["iri"])
    if t.get("lang"):
        return ox.Literal(t["value"], language=t["lang"])
    return ox.Literal(t["value"], datatype=ox.NamedNode(t["datatype"]))
result = {}
if op == "serialize":
    fmt, quads, target = arg.split(",")
    s = loaded()
    kw = {} if quads == "1" else {"from_graph": ox.DefaultGraph()}
    s.dump(target, getattr(ox.RdfFormat, fmt), **kw)
elif op == "store":
    ox.Store(arg).bulk_load(path=data, format=NT)
else:  # query on a store loaded now (memory) or opened read-only (store)
    spec = json.load(open(arg))
    s = loaded() if op == "memory" else ox.Store.read_only(data)
    subs = {ox.Variable(k): term(v) for k, v in spec["bindings"].items()}
    start = time.perf_counter()
    try:
        answer = s.query(spec["text"], substitutions=subs)
    except RuntimeError as exc:  # a variable Oxigraph will not substitute: bound by VALUES, as kg does
        if "does not contain" not in str(exc):
            raise
        answer = s.query(spec["values_text"])
    rows = sum(1 for _ in answer) if not isinstance(answer, ox.QueryBoolean) else 1
    result = {"inner": time.perf_counter() - start, "rows": rows}
with open(out, "w") as f:
    json.dump(result, f)
"""

RDFLIB_WORKER = """
import json, sys, time
from rdflib import Dataset, Graph, Literal, URIRef, Variable
out, op, data, arg = sys.argv[1:5]
triples_only = op == "serialize" and arg.split(",")[0] in ("turtle", "nt")
g = Graph() if triples_only else Dataset(default_union=True)  # GRAPH queries and quad formats need a Dataset
g.parse(data, format="nt")
result = {}
if op == "serialize":
    fmt, target = arg.split(",")
    g.serialize(target, format=fmt)
else:
    spec = json.load(open(arg))
    def term(t):
        if "iri" in t:
            return URIRef(t["iri"])
        return Literal(t["value"], lang=t["lang"]) if t.get("lang") else Literal(t["value"], datatype=t["datatype"])
    start = time.perf_counter()
    answer = g.query(spec["text"], initBindings={Variable(k): term(v) for k, v in spec["bindings"].items()})
    result = {"inner": time.perf_counter() - start, "rows": sum(1 for _ in answer)}
with open(out, "w") as f:
    json.dump(result, f)
"""

# Run once per size with kg's own API: each stored query's text and its parameters bound as kg binds them
# (defaults; a person or source the synthetic data lacks is replaced by the first one it has).
PREPARE_WORKER = """
import json, sys
from pathlib import Path
from typing import cast
from rdflib import Literal, URIRef
from kg.catalogue import stored_queries
from kg.errors import UsageError
from kg.graph import load
from kg.queries import bind, with_values
from kg.terms import Resolver
DKG = "https://w3id.org/diplomatic-kg/ontology#"
CLASSES = {"person": "Person", "source": "Source", "organisation": "Organisation", "country": "Country"}
store = load(Path(sys.argv[2])).store
resolver = Resolver(store, "en")
def first(typ):
    rows = list(store.query(f"SELECT ?x WHERE {{ ?x a <{DKG}{CLASSES[typ]}> }} ORDER BY ?x LIMIT 1"))
    return str(rows[0]["x"].value) if rows else None
def as_json(t):
    if isinstance(t, URIRef):
        return {"iri": str(t)}
    return {"value": str(t), "lang": t.language, "datatype": str(t.datatype) if t.datatype else None}
specs = {}
for q in stored_queries():
    given = {}
    for p in q.params:
        try:
            resolver.parse(p.default or "", p.type, p.name)
        except UsageError:
            found = first(p.type) if p.type in CLASSES else None
            if found:
                given[p.name] = "<" + found + ">"
    try:
        bindings = bind(q, given, resolver)
    except UsageError as exc:
        specs[q.name] = {"error": str(exc)}
        continue
    specs[q.name] = {
        "text": q.text,
        "values_text": with_values(q.text, bindings, q.shown),
        "bindings": {k: as_json(v) for k, v in bindings.items()},
        "params": [f"{k}={v}" for k, v in sorted(given.items())],
    }
with open(sys.argv[1], "w") as f:
    json.dump(specs, f, indent=1, sort_keys=True)
"""


@dataclass
class Cell:
    """One measured process: wall seconds, peak MB, the time inside it, or why there is no number."""

    wall: float | None = None
    mb: float | None = None
    inner: float | None = None
    note: str = ""  # "> 60 s", "error: …", "not run"
    rows: int | None = None

    def text(self, per_second: tuple[int, str] | None = None) -> str:
        if self.wall is None:
            return self.note or NONE
        out = f"{self.wall:.1f} s, {self.mb:.0f} MB"
        if self.inner is not None:
            out += f" (q {self.inner:.2f} s)"
        if per_second is not None and self.wall > 0:
            out += f", {per_second[0] / self.wall:,.0f} {per_second[1]}/s"
        return out


def measure(argv: list[str], cap: float, scratch: Path) -> Cell:
    """Run ``argv`` (its first argument after ``-c SCRIPT`` is the result file), at most ``cap`` seconds."""
    result = scratch / "result.json"
    result.unlink(missing_ok=True)
    log = scratch / "stderr.txt"
    start = time.perf_counter()
    with Path(os.devnull).open("w") as devnull, log.open("w") as err:
        process = subprocess.Popen(argv, cwd=CHECKOUT, stdout=devnull, stderr=err, start_new_session=True)
        killed = threading.Event()

        def stop() -> None:
            killed.set()
            os.killpg(process.pid, 9)  # the cell's own process group, nothing else

        timer = threading.Timer(cap, stop)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if killed.is_set():
        return Cell(note=f"> {cap:.0f} s")
    if process.returncode != 0:
        last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return Cell(note=f"error: {last[-1][:60] if last else process.returncode}")
    found = json.loads(result.read_text()) if result.exists() else {}
    return Cell(wall, usage.ru_maxrss / 1024, found.get("inner"), rows=found.get("rows"))


def size(text: str) -> int:
    """10k, 1M, 5M or 2000 as a number of triples."""
    t = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if scale > 1 else t) * scale)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1_000}k" if n % 1_000 == 0 else str(n)


@dataclass
class Dataset:
    target: int
    yaml: Path
    nt: Path  # a folder holding only graph.nt
    gdelt: Path
    triples: int
    events: int
    queries: dict[str, dict[str, object]]


def generate(folder: Path, target: int, seed: int, scratch: Path) -> Dataset:
    """The dataset at ``target`` triples in ``folder`` (reused when already there): YAML, N-Triples, GDELT."""
    from synthetic import write_yaml  # the other helper's generator; imported late so --help works without it

    yaml = folder / "yaml"
    if not yaml.exists():
        partial = folder / "yaml.partial"
        partial.mkdir(parents=True, exist_ok=True)
        write_yaml(partial, target, seed)
        partial.rename(yaml)
    nt = ntriples(yaml)
    gdelt = gdelt_table(yaml)
    specs = folder / "queries.json"
    if not specs.exists():
        cell = measure([sys.executable, "-c", PREPARE_WORKER, str(specs), str(nt.parent)], 3600, scratch)
        if cell.wall is None:
            raise SystemExit(f"binding the stored queries on {nt} failed: {cell.note}\n{scratch / 'stderr.txt'}")
    with nt.open("rb") as f:
        triples = sum(1 for _ in f)
    with gdelt.open("rb") as f:
        events = sum(1 for _ in f)
    return Dataset(target, yaml, nt.parent, gdelt, triples, events, json.loads(specs.read_text()))


class Bench:
    """Fills the rows of the table for one dataset."""

    def __init__(self, data: Dataset, args: argparse.Namespace, scratch: Path) -> None:
        self.data, self.args, self.scratch = data, args, scratch
        self.rows: list[tuple[str, Cell, Cell, Cell, tuple[int, str] | None]] = []
        self.rdflib_ok = data.triples <= args.rdflib_max

    def kg(self, *args: str) -> Cell:
        return measure(
            [sys.executable, "-c", KG_WORKER, str(self.scratch / "result.json"), *args], self.args.cap, self.scratch
        )

    def raw(self, op: str, data: Path, arg: str) -> Cell:
        argv = [sys.executable, "-c", RAW_WORKER, str(self.scratch / "result.json"), op, str(data), arg]
        return measure(argv, self.args.cap, self.scratch)

    def rdflib(self, op: str, arg: str) -> Cell:
        if not self.rdflib_ok:
            return Cell(note="not run")
        argv = [sys.executable, "-c", RDFLIB_WORKER, str(self.scratch / "result.json"), op, str(self.graph), arg]
        return measure(argv, self.args.cap_rdflib, self.scratch)

    @property
    def graph(self) -> Path:
        return self.data.nt / "graph.nt"

    def out(self, name: str) -> str:
        return str(self.scratch / name)

    def add(
        self, op: str, kg: Cell, raw: Cell | None = None, rdf: Cell | None = None, rate: tuple[int, str] | None = None
    ) -> None:
        self.rows.append((op, kg, raw or Cell(), rdf or Cell(), rate))
        print(
            f"  {op}: {kg.text(rate)} | {(raw or Cell()).text()} | {(rdf or Cell()).text()}",
            file=sys.stderr,
            flush=True,
        )

    def run(self) -> None:
        ops, d, nt = self.args.ops, self.data, str(self.data.nt)
        if "yaml-build" in ops:
            cell = self.kg("build", "--data", str(d.yaml), "-o", self.out("yaml.nt"), "--no-viz")
            self.add("build from YAML", cell, rate=(d.triples, "triples"))
        if "nt-build" in ops:
            kg = self.kg("build", "--data", nt, "-o", self.out("build.nt"), "--no-viz")
            raw = self.raw("serialize", self.graph, f"N_TRIPLES,0,{self.out('raw.nt')}")
            self.add("build from N-Triples (→ .nt)", kg, raw, self.rdflib("serialize", f"nt,{self.out('rdflib.nt')}"))
        names = [n for n in sorted(d.queries) if not self.args.queries or n in self.args.queries]
        if "query" in ops:
            for name in names:
                self.query(name, store=False)
        if "store" in ops:
            store, raw_store = self.scratch / "store", self.scratch / "raw-store"
            kg = self.kg("build", "--data", nt, "--store", str(store), "-o", self.out("store.nt"), "--no-viz")
            self.add("build --store", kg, self.raw("store", self.graph, str(raw_store)))
            for name in names:
                self.query(name, store=True)
        if "export" in ops:
            for suffix, (kg_fmt, ox_fmt, rdflib_fmt, quads) in EXPORTS.items():
                kg = self.kg("export", "--data", nt, "--format", kg_fmt, "-o", self.out(f"kg.{suffix}"))
                raw = self.raw("serialize", self.graph, f"{ox_fmt},{int(quads)},{self.out(f'raw.{suffix}')}")
                self.add(
                    f"export {suffix}",
                    kg,
                    raw,
                    self.rdflib("serialize", f"{rdflib_fmt},{self.out(f'rdflib.{suffix}')}"),
                )
        if "viz" in ops:
            self.add(
                "kg viz --view countries", self.kg("viz", "--data", nt, "--view", "countries", "-o", self.out("c.html"))
            )
        if "analyze" in ops:
            self.add("kg analyze centrality", self.kg("analyze", "centrality", "--data", nt, "--format", "csv"))
        if "import" in ops:
            argv = (
                "import",
                str(d.gdelt),
                "--format",
                "gdelt",
                "--quiet",
                "-o",
                self.out("gdelt.trig"),
                "--data",
                str(d.yaml),
            )
            self.add("kg import --format gdelt", self.kg(*argv), rate=(d.events, "rows"))

    def query(self, name: str, store: bool) -> None:
        spec = self.data.queries[name]
        where = "--store" if store else "--data"
        if "error" in spec:
            self.add(f"query {name} ({where})", Cell(note="error: parameters"))
            return
        path = self.scratch / "spec.json"
        path.write_text(json.dumps(spec))
        params = [x for p in cast("list[str]", spec["params"]) for x in ("-p", p)]
        source = (
            ["--store", str(self.scratch / "store"), "--data", str(self.data.nt)]
            if store
            else ["--data", str(self.data.nt)]
        )
        kg = self.kg("query", name, *source, *params, "--format", "csv")
        if store:
            self.add(f"query {name} (--store)", kg, self.raw("store-query", self.scratch / "raw-store", str(path)))
        else:
            raw = self.raw("memory", self.graph, str(path))
            rdf = self.rdflib("query", str(path))
            self.add(f"query {name} (--data)", kg, raw, rdf)


def ratio(kg: Cell, raw: Cell) -> str:
    if kg.wall is None or raw.wall is None or raw.wall == 0:
        return NONE
    text = f"{kg.wall / raw.wall:.2f}×"
    if kg.inner is not None and raw.inner:
        text += f" (q {kg.inner / raw.inner:.2f}×)"
    return text


def table(benches: list[Bench]) -> str:
    lines = [
        "| operation | triples | kg | raw pyoxigraph | rdflib | kg/raw |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for b in benches:
        for op, kg, raw, rdf, rate in b.rows:
            lines.append(
                f"| {op} | {b.data.triples:,} | {kg.text(rate)} | {raw.text()} | {rdf.text()} | {ratio(kg, raw)} |"
            )
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", nargs="+", default=["10k", "100k"], help="target sizes in triples: 10k 100k 1M 5M")
    p.add_argument("--cap", type=float, default=600, help="seconds a kg or pyoxigraph cell may take")
    p.add_argument("--cap-rdflib", type=float, default=60, help="seconds an rdflib cell may take")
    p.add_argument("--rdflib-max", default="1M", help="largest size rdflib runs at")
    p.add_argument("--ops", nargs="+", choices=OPS, default=list(OPS), help="which rows to run")
    p.add_argument("--queries", nargs="*", default=[], help="only these stored queries")
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--work", type=Path, help="keep the generated data here and reuse it (default: a temp dir)")
    args = p.parse_args(argv)
    args.rdflib_max = size(args.rdflib_max)
    return args


def main(argv: list[str] | None = None) -> str:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        work = args.work or Path(tmp) / "data"
        benches = []
        for text in args.sizes:
            target = size(text)
            scratch = Path(tmp) / f"cells-{target}"
            scratch.mkdir()
            print(f"{label(target)}: generating", file=sys.stderr, flush=True)
            data = generate(work / label(target), target, args.seed, scratch)
            print(f"{label(target)}: {data.triples:,} triples, {data.events:,} events", file=sys.stderr, flush=True)
            bench = Bench(data, args, scratch)
            bench.run()
            benches.append(bench)
        out = table(benches)
    print(out, end="")
    return out


if __name__ == "__main__":
    main()
