"""How `kg analyze` scales: time and peak memory of each subcommand at 1k, 10k and 100k synthetic events.

Run on demand (not a test):  .venv/bin/python benchmarks/analyze_benchmark.py [--sizes 1000 10000 100000]

A synthetic store in the shape the mapping emits (like ``viz_benchmark.synthetic_store``, with what the
analyses read besides: nationalities, kinds, visitor and host roles, CAMEO codes, uncertain dates) is built
once per size. Each measurement then runs in a forked child that holds the loaded store and nothing
computed from it: ``kg analyze SUBCOMMAND --view VIEW`` with its default options (a table, top 20) runs
through click as the command line runs it, its store being the synthetic one instead of ``--data``; the
timeline also draws its chart to a PNG (``-o``). Wall time is the command's; peak memory is the child's
peak resident set (``VmHWM``, reset at the start) above its resident set at the start, so the store's own
memory is left out and pyoxigraph's allocations, which tracemalloc cannot see, are counted. Each
measurement is capped (120 s by default; ``> 120 s``: not done within the cap).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import platform
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from itertools import combinations
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.graph import ontology_quads
from kg.namespaces import DKG, GRAPH_CATALOGUE, ID
from kg.resources import countries_file
from kg.store import Store, parse_file

CAP = 120.0
SUBCOMMANDS = ("centrality", "ties", "brokers", "timeline")
VIEWS = ("countries", "actors")
# (share of events, classes, roles of the two sides, CAMEO code); the rest are multilateral summits.
BILATERAL = [
    (0.35, (DKG.StateVisit, DKG.Visit), ("visitor", "host"), "042"),
    (0.20, (DKG.WorkingVisit, DKG.Visit), ("visitor", "host"), "042"),
    (0.35, (DKG.Meeting,), ("participant", "participant"), "040"),
]


@dataclass
class Synthetic:
    """The store, and the pairs that share the most events (the timeline's A and B) in each view."""

    store: Store
    countries: tuple[str, str]
    actors: tuple[str, str]


def synthetic_store(events: int, seed: int = 7) -> Synthetic:
    """``events`` events (90% bilateral visits and meetings, 10% summits of 3-8 countries) among about 2
    actors per event (people with a nationality, organisations with a country; a country's actors take part
    in turn) and one country per 50 actors (at least 4, at most 200); 5% of the dates uncertain."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    store = Store()
    store.add_ox(ontology_quads())
    store.add_ox(q for q in parse_file(countries_file(), "countries.ttl"))
    codes = sorted({str(r["c"]) for r in store.select("SELECT ?c WHERE { ?x dkg:countryCode ?c }")})
    nodes = 2 * events
    countries = codes[: max(4, min(200, nodes // 50))]
    src = ID["source/synthetic"]
    quads: list[tuple[Any, Any, Any, Any]] = [
        (src, RDF.type, DKG.Source, GRAPH_CATALOGUE),
        (src, DKG.url, Literal("https://example.org/s"), GRAPH_CATALOGUE),
        (src, DKG.summary, Literal("A synthetic source.", lang="en"), GRAPH_CATALOGUE),
    ]
    by_country: dict[str, list[URIRef]] = {c: [] for c in countries}
    for i in range(int(nodes * 0.98)):
        person = i < int(nodes * 0.9)
        agent = ID[f"person/p{i}"] if person else ID[f"organisation/o{i}"]
        country = rng.choice(countries)
        by_country[country].append(agent)
        types = (DKG.Person, DKG.Agent) if person else (DKG.Ministry, DKG.Organisation, DKG.Agent)
        quads += [(agent, RDF.type, c, src) for c in types]
        quads.append((agent, RDFS.label, Literal(f"Agent {i}", lang="en"), src))
        quads.append((agent, DKG.nationality if person else DKG.country, ID[f"country/{country}"], src))
    turn = dict.fromkeys(countries, 0)

    def next_agent(c: str) -> URIRef:  # each country's agents in turn, so that every one takes part
        turn[c] += 1
        return by_country[c][turn[c] % len(by_country[c])] if by_country[c] else ID[f"country/{c}"]

    pairs: Counter[tuple[str, str]] = Counter()
    agent_pairs: Counter[tuple[str, str]] = Counter()
    for i in range(events):
        e = ID[f"event/e{i}"]
        classes, roles, cameo, involved = _kind(rng, countries)
        agents = [(next_agent(c), role) for c, role in zip(involved, roles, strict=True)]
        year, month, day = rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)
        dated = [(DKG.startDate, f"{year}-{month:02d}-{day:02d}"), (DKG.endDate, f"{year}-{month:02d}-{day:02d}")]
        if rng.random() < 0.05:  # known to within a month
            dated = [(DKG.earliestDate, f"{year}-{month:02d}-01"), (DKG.latestDate, f"{year}-{month:02d}-28")]
        quads += [(e, RDF.type, c, src) for c in (*classes, DKG.DiplomaticEvent)]
        quads += [(e, p, Literal(d, datatype=XSD.date), src) for p, d in dated]
        quads += [
            (e, RDFS.label, Literal(f"Event {i}", lang="en"), src),
            (e, DCTERMS.source, src, GRAPH_CATALOGUE),
            (e, DKG.cameo, ID[f"cameo/{cameo}"], src),
        ]
        quads += [(e, DKG.involvesCountry, ID[f"country/{c}"], src) for c in involved]
        for agent, role in agents:
            q = ID[f"participation/e{i}--{agent.rsplit('/', 1)[1]}--{role}"]
            quads += [
                (e, DKG[role], agent, src),
                (e, DKG.qualifiedParticipation, q, src),
                (q, DKG.agent, agent, src),
                (q, DKG.role, ID[f"role/{role}"], src),
            ]
        pairs.update(combinations(sorted(involved), 2))
        agent_pairs.update(combinations(sorted(a.rsplit("/", 1)[1] for a, _ in agents), 2))
    store.add_quads(quads)
    (top_countries, _), (top_actors, _) = pairs.most_common(1)[0], agent_pairs.most_common(1)[0]
    return Synthetic(store, top_countries, top_actors)


def _kind(rng: random.Random, countries: list[str]) -> tuple[tuple[URIRef, ...], tuple[str, ...], str, list[str]]:
    """An event's classes, the roles of its sides, its CAMEO code and its countries, drawn by :data:`BILATERAL`."""
    draw, share = rng.random(), 0.0
    for part, classes, roles, cameo in BILATERAL:
        share += part
        if draw < share:
            return classes, roles, cameo, rng.sample(countries, 2)
    involved = rng.sample(countries, rng.randint(3, 8))
    return (DKG.Summit, DKG.Conference), ("participant",) * len(involved), "040", involved


def _kb(field: str) -> int:
    """A field of /proc/self/status in kB (VmRSS: resident now, VmHWM: peak resident)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _child(store: Store, argv: list[str], conn: Connection) -> None:
    """Run ``kg`` with ``argv`` on ``store``; send back (seconds, peak kB above the start, exit code, output)."""
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.cli.analyze import Selection

    Selection.store = lambda self: contextlib.nullcontext(store)  # type: ignore[assignment,method-assign,return-value]
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the resident set now
    base = _kb("VmRSS")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, argv, catch_exceptions=True)
    elapsed = time.perf_counter() - start
    conn.send((elapsed, _kb("VmHWM") - base, result.exit_code, result.output[-2000:]))
    conn.close()


def measure(store: Store, argv: list[str], cap: float) -> tuple[float, int] | None:
    """(seconds, peak kB above the loaded store) of ``kg`` with ``argv`` in a forked child; None past the cap."""
    receive, send = mp.get_context("fork").Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_child, args=(store, argv, send))
    proc.start()
    send.close()
    got = receive.poll(cap)
    if not got:
        proc.kill()
        proc.join()
        return None
    elapsed, peak, code, output = receive.recv()
    proc.join()
    if code != 0:
        raise RuntimeError(f"kg {' '.join(argv)} failed ({code}):\n{output}")
    return elapsed, peak


def argv_of(subcommand: str, view: str, data: Synthetic, chart: Path) -> list[str]:
    args = ["analyze", subcommand, "--view", view]
    if subcommand == "timeline":
        a, b = data.countries if view == "countries" else data.actors
        args[2:2] = [a, b]
        args += ["-o", str(chart)]
    return args


def cell(result: tuple[float, int] | None, cap: float) -> str:
    if result is None:
        return f"> {cap:.0f} s"
    seconds, kb = result
    return f"{seconds:.1f} s, {kb / 1024:,.0f} MB"


def run(sizes: list[int], cap: float) -> None:
    import kg.cli  # noqa: F401 (the command line starting is not measured)
    from kg import analytics
    from kg.vocab import vocabulary

    vocabulary()  # read while loading in kg analyze (the mapping needs it), so before the store is loaded
    print(
        f"# kg analyze benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {platform.platform()}, "
        f"Python {platform.python_version()}, {mp.cpu_count()} cores, networkx {version('networkx')}, "
        f"igraph {version('igraph')}, pyoxigraph {version('pyoxigraph')}, matplotlib {version('matplotlib')}; "
        "each cell: time, peak memory "
        f"above the loaded store"
    )
    print("| events | view | nodes | edges | " + " | ".join(SUBCOMMANDS) + " + PNG |")
    print("|---:|---|---:|---:|" + "---:|" * len(SUBCOMMANDS))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            start = time.perf_counter()
            data = synthetic_store(size)
            built = time.perf_counter() - start
            print(
                f"<!-- {size:,} events: {len(data.store):,} quads, built in {built:.0f} s, store resident "
                f"{_kb('VmRSS') / 1024:,.0f} MB; timeline of {data.countries} and {data.actors} -->",
                flush=True,
            )
            rows = {}
            for view in VIEWS:
                chart = Path(tmp) / f"timeline-{size}-{view}.png"
                rows[view] = [measure(data.store, argv_of(s, view, data, chart), cap) for s in SUBCOMMANDS]
            for view in VIEWS:  # sizes of the graphs, computed after the children so none inherits them
                G = analytics.graph(data.store, view)
                cells = " | ".join(cell(r, cap) for r in rows[view])
                print(
                    f"| {size:,} | {view} | {G.number_of_nodes():,} | {G.number_of_edges():,} | {cells} |", flush=True
                )
            del data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--cap", type=float, default=CAP, help="seconds per measurement")
    args = parser.parse_args()
    run(args.sizes, args.cap)


if __name__ == "__main__":
    main()
