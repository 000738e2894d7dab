"""``kg build`` and ``kg validate`` as plain functions: load, check, summarise, write."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg import formats
from kg.errors import DataInvalid
from kg.export import export
from kg.files import write_atomically
from kg.graph import KnowledgeGraph, load
from kg.persistent import DATABASE, OnDisk, rebuild
from kg.store import Store
from kg.validate import check_graph
from kg.visualize import write_default_page

DEFAULT_OUTPUT = Path("build/diplomatic-kg.ttl")

_COUNTS = {
    "people": "dkg:Person",
    "organisations": "dkg:Organisation",
    "documents": "dkg:Document",
    "sources": "dkg:Source",
    "countries": "dkg:Country",
}


@dataclass
class Summary:
    events_by_kind: dict[str, int]
    counts: dict[str, int]
    triples: int

    def lines(self) -> list[str]:
        out = [f"  {'events':<28}{sum(self.events_by_kind.values()):>7}"]
        out += [f"    {kind:<26}{n:>7}" for kind, n in sorted(self.events_by_kind.items())]
        out += [f"  {name:<28}{n:>7}" for name, n in self.counts.items()]
        out.append(f"  {'triples':<28}{self.triples:>7}")
        return out


def load_valid(data_dir: Path, store: Store | None = None) -> KnowledgeGraph:
    """Load (into ``store``, a new in-memory one by default) and run every check (schema, references and
    dates while loading, then the SHACL shapes and the violation queries on the graph); raise DataInvalid
    with every violation found."""
    kg = load(data_dir, store=store)
    problems = check_graph(kg)
    if problems:
        raise DataInvalid(problems)
    return kg


def summarise(kg: KnowledgeGraph) -> Summary:
    events = Counter(str(r.data["kind"]) for r in kg.records if r.kind == "event")
    counts = {}
    for name, cls in _COUNTS.items():
        rows = kg.store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
        counts[name] = int(rows[0]["n"])  # type: ignore[call-overload]
    triples = kg.store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # the merge: each triple once
    return Summary(dict(events), counts, int(triples[0]["n"]))  # type: ignore[call-overload]


def load_into_store(data_dir: Path, store_path: Path) -> KnowledgeGraph:
    """Validate the data and fill the persistent store at ``store_path`` with it (built beside it and
    swapped in only once valid); the graph returned reads the new store, read-only."""
    built: list[KnowledgeGraph] = []
    rebuild(OnDisk(store_path, data_dir), lambda store: built.append(load_valid(data_dir, store)))
    return KnowledgeGraph(Store.open_read_only(store_path / DATABASE), built[0].records, built[0].rdf_files)


def build(
    data_dir: Path, output: Path = DEFAULT_OUTPUT, viz: bool = True, store_path: Path | None = None
) -> tuple[Summary, list[Path]]:
    """Validate the data and write the graph (Turtle: the union; TriG/N-Quads: one graph per source),
    and unless ``viz`` is false the default network page beside it (``kg viz``'s actors view, .html).
    With ``store_path`` the graph also fills that persistent on-disk store (``--store``)."""
    fmt = formats.for_path(output)  # an unknown suffix fails before any work
    kg = load_valid(data_dir) if store_path is None else load_into_store(data_dir, store_path)
    write_atomically(output, export(kg.store, fmt))
    written = [output]
    if viz:
        written.append(write_default_page(kg, output.with_suffix(".html")).path)
    return summarise(kg), written
