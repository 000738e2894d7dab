"""Load the ontology, the reference data and ``data/`` into one dataset (one named graph per source)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import DataInvalid, Problem
from kg.files import display_path
from kg.loader import Record, data_files, load_records
from kg.mapping import Mapper
from kg.namespaces import GRAPH_COUNTRIES, GRAPH_ONTOLOGY, ID, ONTOLOGY_IRI
from kg.references import check_references
from kg.resources import countries_file, ontology_files
from kg.store import Store, parse_file

RDF_SUFFIXES = (".ttl", ".trig", ".nt", ".nq", ".jsonld")


def _skolem(term: Any) -> Any:
    return ox.NamedNode(f"{ONTOLOGY_IRI}/genid/{term.value}") if isinstance(term, ox.BlankNode) else term


def ontology_quads() -> list[ox.Quad]:
    """The ontology in its own graph. OWL lists need blank nodes; they are canonicalised (RDFC-1.0)
    and turned into IRIs, so the built graph has none and is the same in every process."""
    dataset = ox.Dataset(
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(str(GRAPH_ONTOLOGY)))
        for path in ontology_files()
        for q in parse_file(path, display_path(path))
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return [ox.Quad(_skolem(q.subject), q.predicate, _skolem(q.object), q.graph_name) for q in dataset]


@dataclass
class KnowledgeGraph:
    """The loaded dataset and where each piece came from (for error messages)."""

    store: Store
    records: list[Record]
    rdf_files: dict[str, str] = field(default_factory=dict)  # graph IRI → file shown to the user


def graph_name_for(path: Path, root: Path) -> str:
    if path.name == "countries.ttl":
        return str(GRAPH_COUNTRIES)
    return str(ID["graph/file/" + path.relative_to(root).with_suffix("").as_posix()])


SEPARATE_FROM_BYTES = 4_000_000  # a file this big is parsed once, not twice (Store.merge_file's separate)
_CHUNK = 1 << 22


def may_hold_blank_nodes(path: Path) -> bool:
    """False when an N-Triples or N-Quads file cannot hold a blank node (no ``_:`` anywhere in it): a read
    in chunks, spared the query on the graph; True for other syntaxes, which have other ways to write one."""
    if path.suffix.lower() not in (".nt", ".nq"):
        return True
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            if b"_:" in tail + chunk[:1] or b"_:" in chunk:
                return True
            tail = chunk[-1:]
    return False


def _load_rdf_file(
    store: Store, path: Path, root: Path, kg: KnowledgeGraph, problems: list[Problem], separate: bool = False
) -> None:
    """Load one RDF file by the engine, then refuse it if it holds blank nodes (a query on the graphs it
    filled, not a Python loop over its quads)."""
    shown = display_path(path)
    name = graph_name_for(path, root)
    before = store.graph_names()
    store.load_file(path, shown, name)
    filled = (store.graph_names() - before) | {name}
    kg.rdf_files[name] = shown
    found = store.blank_node_quad(sorted(filled)) if may_hold_blank_nodes(path) else None
    if found is None:
        store.merge_file(path, shown, filled, separate=separate and len(filled) == 1)
    else:
        problems.append(
            Problem(
                shown,
                0,
                "",
                f"blank node in '{found}': mint an IRI under {ID} instead, "
                "so that loading the data twice gives the same graph",
            )
        )


def load(data_dir: Path, extra_files: tuple[Path, ...] = (), store: Store | None = None) -> KnowledgeGraph:
    """Read everything into ``store`` (a new in-memory one by default); raise LoadError for unreadable
    files, DataInvalid for broken promises. RDF files are loaded and merged by the engine."""
    records, problems = load_records(data_dir)
    store = store if store is not None else Store()
    kg = KnowledgeGraph(store, records)
    store.add_ox(ontology_quads())
    # The countries are reference data every graph needs, whatever folder --data names.
    reference = countries_file()
    kg.rdf_files[str(GRAPH_COUNTRIES)] = display_path(reference)
    store.load_file(reference, display_path(reference), str(GRAPH_COUNTRIES))
    store.merge_file(reference, display_path(reference), [str(GRAPH_COUNTRIES)])
    files = [p for p in data_files(data_dir, RDF_SUFFIXES) if p.resolve() != reference.resolve()]
    paths = [*files, *extra_files]
    biggest = _biggest(store, paths)
    for path in paths:
        root = data_dir if path.is_relative_to(data_dir) else path.parent
        _load_rdf_file(store, path, root, kg, problems, separate=path == biggest)
    problems.extend(check_references(records))
    if problems:
        raise DataInvalid(problems)
    store.add_ox(Mapper(records).quads(merged=True), merged=True)
    return kg


def _biggest(store: Store, paths: list[Path]) -> Path | None:
    """The file to keep separate from the default graph: the biggest file of triples, if big enough."""
    sized = [(p.stat().st_size, str(p), p) for p in paths if p.is_file()]
    for size, _, path in sorted(sized, reverse=True):
        if size >= SEPARATE_FROM_BYTES and store.keeps_separate(path, display_path(path)):
            return path
    return None
