"""Why queries and serialisation run on Oxigraph: the same work on rdflib and on pyoxigraph.

Generates synthetic events shaped like the mapping's output (typed events, participations, dates,
countries), then times a typical stored-query shape and writing sorted Turtle, on both engines.

    python benchmarks/engine_benchmark.py                # 10k and 100k triples
    python benchmarks/engine_benchmark.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.namespaces import DKG, ID
from kg.store import Store

QUERY = """
SELECT ?event ?date (COUNT(DISTINCT ?agent) AS ?n) WHERE {
  ?event a ?kind ; dkg:startDate ?date ; dkg:involvesCountry country:AZE ; dkg:participant ?agent .
  FILTER(?kind IN (dkg:Meeting, dkg:Visit))
  FILTER(STR(?date) >= "2020")
} GROUP BY ?event ?date ORDER BY ?date LIMIT 100
"""
PREFIXES = {"dkg": str(DKG._NS), "country": str(ID["country/"])}
KINDS = [DKG.Meeting, DKG.Visit, DKG.Conference, DKG.Signing]
COUNTRIES = ["AZE", "UZB", "KAZ", "KGZ", "TJK", "TKM", "TUR"]


def synthetic_quads(triples: int) -> list[tuple[URIRef, URIRef, object, URIRef]]:
    """About ``triples`` quads: 10 per event, spread over 50 source graphs."""
    quads = []
    for i in range(triples // 10):
        e = ID[f"event/e{i}"]
        g = ID[f"source/s{i % 50}"]
        year = 2017 + i % 9
        for p, o in (
            (RDF.type, KINDS[i % 4]),
            (DKG.startDate, Literal(f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)),
            (DKG.involvesCountry, ID[f"country/{COUNTRIES[i % 7]}"]),
            (DKG.involvesCountry, ID[f"country/{COUNTRIES[(i + 1) % 7]}"]),
            (DKG.participant, ID[f"person/p{i % 997}"]),
            (DKG.participant, ID[f"person/p{(i * 7) % 997}"]),
            (DKG.location, ID[f"place/c{i % 101}"]),
            (DKG.sector, ID[f"sector/s{i % 24}"]),
            (DKG.status, ID["status/occurred"]),
            (DKG.cameo, ID["cameo/040"]),
        ):
            quads.append((e, p, o, g))
    return quads


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"{'triples':>9} {'engine':<10} {'load s':>8} {'query s':>9} {'turtle s':>9}")
    for size in args.sizes:
        quads = synthetic_quads(size)
        store = Store()
        t_load = timed(lambda: store.add_quads(quads))  # noqa: B023
        t_query = timed(lambda: list(store.query(QUERY)))  # noqa: B023
        t_ttl = timed(lambda: store.serialize(ox.RdfFormat.TURTLE))  # noqa: B023
        print(f"{size:>9} {'oxigraph':<10} {t_load:>8.2f} {t_query:>9.3f} {t_ttl:>9.2f}")
        ds = Dataset(default_union=True)
        t_load = timed(lambda: [ds.add(q) for q in quads])  # noqa: B023
        t_query = timed(lambda: list(ds.query(QUERY, initNs=PREFIXES)))  # noqa: B023
        t_ttl = timed(lambda: ds.serialize(format="turtle"))  # noqa: B023
        print(f"{size:>9} {'rdflib':<10} {t_load:>8.2f} {t_query:>9.3f} {t_ttl:>9.2f}")


if __name__ == "__main__":
    main()
