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


def load_valid(data_dir: Path) -> KnowledgeGraph:
    """Load and run every check (schema, references and dates while loading, then the SHACL shapes and the
    violation queries on the graph); raise DataInvalid with every violation found."""
    kg = load(data_dir)
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
    return Summary(dict(events), counts, len(kg.store.union_triples()))


def build(data_dir: Path, output: Path = DEFAULT_OUTPUT, viz: bool = True) -> tuple[Summary, list[Path]]:
    """Validate the data and write the graph (Turtle: the union; TriG/N-Quads: one graph per source),
    and unless ``viz`` is false the default network page beside it (``kg viz``'s actors view, .html)."""
    fmt = formats.for_path(output)  # an unknown suffix fails before any work
    kg = load_valid(data_dir)
    write_atomically(output, export(kg.store, fmt))
    written = [output]
    if viz:
        written.append(write_default_page(kg, output.with_suffix(".html")).path)
    return summarise(kg), written
