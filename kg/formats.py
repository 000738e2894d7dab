"""The one table of file formats: their names, suffixes and what each holds.

Every command that reads or writes a file looks its format up here, by name (``--format``, any case) or
by the suffix of a path, and gets the same message for one it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import UsageError, option


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    rdf: ox.RdfFormat | None  # None: not RDF (the CSV event table, the network formats)
    description: str
    network: bool = False  # a network view (kg.graph_export), not the graph or its events

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format keeps one named graph per source (else it holds the union)."""
        return self.rdf is not None and self.rdf.supports_datasets


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", (".ttl",), ox.RdfFormat.TURTLE, "Turtle: the union of all graphs"),
        Format("ntriples", (".nt",), ox.RdfFormat.N_TRIPLES, "N-Triples: the union of all graphs"),
        Format("nquads", (".nq",), ox.RdfFormat.N_QUADS, "N-Quads: one named graph per source"),
        Format("trig", (".trig",), ox.RdfFormat.TRIG, "TriG: one named graph per source"),
        Format("jsonld", (".jsonld", ".json"), ox.RdfFormat.JSON_LD, "JSON-LD: one named graph per source"),
        Format("xml", (".rdf", ".xml", ".owl"), ox.RdfFormat.RDF_XML, "RDF/XML: the union of all graphs"),
        Format("csv", (".csv",), None, "CSV: one row per event"),
        Format("graphml", (".graphml",), None, "GraphML: a network view (Gephi, Cytoscape, R, networkx)", True),
        Format("gexf", (".gexf",), None, "GEXF 1.2: a network view (Gephi, networkx)", True),
    )
}
NAMES = tuple(n for n, f in FORMATS.items() if not f.network)  # the graph and its event table (kg build writes them)
NETWORK_NAMES = tuple(n for n, f in FORMATS.items() if f.network)  # network views, written by kg export only
EXPORT_NAMES = NAMES + NETWORK_NAMES  # what kg export writes
RDF_NAMES = tuple(n for n, f in FORMATS.items() if f.rdf is not None)
_BY_SUFFIX = {s: f for f in FORMATS.values() for s in f.suffixes}


def named(name: str, allowed: tuple[str, ...] = NAMES, purpose: str = "") -> Format:
    """The format called ``name`` (any case), among ``allowed`` (those fit for ``purpose``, when given)."""
    key = name.strip().lower()
    if key not in allowed:
        if key in FORMATS and purpose:
            message = f"{key} is not for {purpose}"
        elif key in FORMATS and FORMATS[key].network:
            message = _network_only(key)
        else:
            message = f"unknown format '{name}'"
        raise UsageError(message, about=option("format"), value=name, allowed=allowed)
    return FORMATS[key]


def _network_only(name: str) -> str:
    return f"{name} is a network view, not the graph: write it with kg export --format {name} --view VIEW"


def for_path(path: Path, allowed: tuple[str, ...] = NAMES) -> Format:
    """The format a file's suffix names (any case), among ``allowed``."""
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is not None and found.network and found.name not in allowed:
        raise UsageError(_network_only(found.name), about=option("output"), value=str(path))
    if found is None or found.name not in allowed:
        suffixes = [s for n in allowed for s in FORMATS[n].suffixes]
        what = f"the suffix '{path.suffix}'" if path.suffix else "a name without a suffix"
        raise UsageError(
            f"cannot tell the format from {what}",
            about=option("output"),
            value=str(path),
            allowed=suffixes,
        )
    return found
