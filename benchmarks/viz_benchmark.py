"""How `kg viz` pages scale, beside plain pyvis defaults: generation time, file size, time to a still layout.

Run on demand (not a test):  .venv/bin/python benchmarks/viz_benchmark.py [--sizes 1000 5000 20000]

A synthetic store in the shape the mapping emits (people, organisations and countries taking part in
bilateral and multilateral events, with dates and sources) is drawn in the actors view, with a target
number of nodes. Each page is opened in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright) with every non-file request refused; positions are sampled every 100 ms and the layout is
still when no node moved more than 0.5 px between two samples. Every step is capped at 60 s.
pyvis gets the same networkx graph with its defaults (``Network().from_nx(G)``, ``cdn_resources="in_line"``).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg import network, visualize
from kg.graph import KnowledgeGraph, ontology_quads
from kg.namespaces import DKG, GRAPH_CATALOGUE, ID
from kg.resources import countries_file
from kg.store import Store, parse_file

CAP = 60.0
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def synthetic_store(nodes: int, seed: int = 7) -> Store:
    """About ``nodes`` actors (90% people, 8% organisations, countries) and 0.5 events per actor."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    store = Store()
    store.add_ox(ontology_quads())
    store.add_ox(q for q in parse_file(countries_file(), "countries.ttl"))
    codes = sorted({str(r["c"]) for r in store.select("SELECT ?c WHERE { ?x dkg:countryCode ?c }")})
    countries = codes[: max(4, min(200, nodes // 50))]
    people = [ID[f"person/p{i}"] for i in range(int(nodes * 0.9))]
    orgs = [ID[f"organisation/o{i}"] for i in range(int(nodes * 0.08))]
    by_country: dict[str, list[URIRef]] = {c: [] for c in countries}
    for agent in [*people, *orgs]:
        by_country[rng.choice(countries)].append(agent)
    turn = dict.fromkeys(countries, 0)

    def next_agent(c: str) -> URIRef:  # each country's agents in turn, so that every one takes part
        turn[c] += 1
        return by_country[c][turn[c] % len(by_country[c])] if by_country[c] else rng.choice(people)

    src = ID["source/synthetic"]
    quads: list[tuple[Any, Any, Any, Any]] = [
        (src, RDF.type, DKG.Source, GRAPH_CATALOGUE),
        (src, DKG.url, Literal("https://example.org/s"), GRAPH_CATALOGUE),
        (src, DKG.summary, Literal("A synthetic source.", lang="en"), GRAPH_CATALOGUE),
    ]
    for agent in [*people, *orgs]:
        cls = DKG.Person if "/person/" in agent else DKG.Ministry
        for c in (cls, DKG.Agent) if cls == DKG.Person else (cls, DKG.Organisation, DKG.Agent):
            quads.append((agent, RDF.type, c, src))
        quads.append((agent, RDFS.label, Literal(f"Agent {agent.rsplit('/', 1)[1]}", lang="en"), src))
    for i in range(int(nodes * 0.5)):
        e = ID[f"event/e{i}"]
        multilateral = rng.random() < 0.1
        involved = rng.sample(countries, rng.randint(3, 8) if multilateral else 2)
        agents = {next_agent(c) for c in involved}
        day = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for c in (DKG.Meeting, DKG.DiplomaticEvent):
            quads.append((e, RDF.type, c, src))
        quads += [
            (e, RDFS.label, Literal(f"Event {i}", lang="en"), src),
            (e, DKG.startDate, Literal(day, datatype=XSD.date), src),
            (e, DKG.endDate, Literal(day, datatype=XSD.date), src),
            (e, DCTERMS.source, src, GRAPH_CATALOGUE),
        ]
        quads += [(e, DKG.involvesCountry, ID[f"country/{c}"], src) for c in involved]
        for a in sorted(agents):
            q = ID[f"participation/e{i}--{a.rsplit('/', 1)[1]}--participant"]
            quads += [
                (e, DKG.participant, a, src),
                (e, DKG.qualifiedParticipation, q, src),
                (q, DKG.agent, a, src),
                (q, DKG.role, ID["role/participant"], src),
            ]
    store.add_quads(quads)
    return store


def _pyvis_page(G: Any, path: str) -> None:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.from_nx(G)
    net.write_html(path)


def capped(func: Any, *args: Any) -> float | None:
    """Seconds ``func(*args)`` takes in a child process, or None past the cap."""
    proc = mp.get_context("fork").Process(target=func, args=args)
    start = time.perf_counter()
    proc.start()
    proc.join(CAP)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return time.perf_counter() - start if proc.exitcode == 0 else None


STILL_JS = """async (cap) => {
  const net = () => window.kgNetwork || window.network;
  const t0 = performance.now(), sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let before = null;
  while (performance.now() - t0 < cap) {
    await sleep(100);
    if (!net() || (window.kgNetwork && !window.kgReady)) continue;
    const now = net().getPositions();
    if (before && Object.keys(now).every((k) => before[k] &&
        Math.abs(now[k].x - before[k].x) <= 0.5 && Math.abs(now[k].y - before[k].y) <= 0.5)) return true;
    before = now;
  }
  return false;
}"""


def time_to_still(path: Path) -> tuple[float | None, int]:
    """Seconds from opening the page to a still layout (None past the cap), and refused requests."""
    from playwright.sync_api import sync_playwright

    refused: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(
            "**/*",
            lambda r: (
                r.continue_() if r.request.url.startswith("file:") else (refused.append(r.request.url), r.abort())
            ),
        )
        page.set_default_timeout((CAP + 30) * 1000)
        start = time.perf_counter()
        try:
            page.goto(path.as_uri(), wait_until="load", timeout=CAP * 1000)
            still = page.evaluate(STILL_JS, CAP * 1000 - (time.perf_counter() - start) * 1000)
        except Exception:  # a page that freezes the browser past the cap
            still = False
        elapsed = time.perf_counter() - start
        browser.close()
    return (elapsed if still and elapsed <= CAP else None), len(refused)


def fmt(seconds: float | None) -> str:
    return f"{seconds:.1f} s" if seconds is not None else f"> {CAP:.0f} s"


def run(sizes: list[int]) -> None:
    print(
        f"# kg viz benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {platform.platform()}, "
        f"Python {platform.python_version()}, {mp.cpu_count()} cores"
    )
    print("| nodes | edges | page | generation | file size | still in Chromium | requests refused |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            store = synthetic_store(size)
            kg = KnowledgeGraph(store, [])
            start = time.perf_counter()
            G = network.actors_graph(store)
            ours = Path(tmp) / f"kg-{size}.html"
            ours.write_text(visualize.render(G, f"benchmark {size}"), encoding="utf-8")
            generated = time.perf_counter() - start
            still, refused = time_to_still(ours)
            n, m = G.number_of_nodes(), G.number_of_edges()
            print(
                f"| {n:,} | {m:,} | kg viz | {fmt(generated)} | {ours.stat().st_size / 1e6:.1f} MB "
                f"| {fmt(still)} | {refused} |",
                flush=True,
            )
            plain = network.nx.Graph()
            plain.add_nodes_from((v, {"label": d["label"]}) for v, d in G.nodes(data=True))
            plain.add_edges_from(G.edges())
            theirs = Path(tmp) / f"pyvis-{size}.html"
            took = capped(_pyvis_page, plain, str(theirs))
            if took is None:
                print(f"| {n:,} | {m:,} | pyvis defaults | {fmt(None)} | – | – | – |", flush=True)
                continue
            still, refused = time_to_still(theirs)
            print(
                f"| {n:,} | {m:,} | pyvis defaults | {fmt(took)} | {theirs.stat().st_size / 1e6:.1f} MB "
                f"| {fmt(still)} | {refused} |",
                flush=True,
            )
            del kg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    run(parser.parse_args().sizes)


if __name__ == "__main__":
    main()
