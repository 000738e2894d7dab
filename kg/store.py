"""The query and serialisation engine (pyoxigraph), behind one small interface.

rdflib is the programming model; this module converts rdflib terms once and lets Oxigraph answer
SPARQL and write files. Outputs are sorted so the same data gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, Node, URIRef

from kg import formats
from kg.errors import LoadError, UsageError
from kg.namespaces import PREFIXES


def to_ox(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # a simple literal (RDF 1.1): rdflib spells it without a datatype
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def parse_file(path: Path, shown: str) -> list[ox.Quad]:
    """Parse an RDF file with Oxigraph; syntax errors name the file and the line and columns."""
    try:
        fmt = formats.for_path(path, formats.RDF_NAMES).rdf
    except UsageError as exc:
        raise LoadError(
            f"{shown}: not an RDF file: name it with one of the suffixes "
            f"{', '.join(s for n in formats.RDF_NAMES for s in formats.FORMATS[n].suffixes)}"
        ) from exc
    try:
        return list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as exc:
        raise LoadError(f"{shown}: {exc.msg}") from exc
    except (OSError, ValueError) as exc:
        raise LoadError(f"{shown}: cannot read the file: {exc}") from exc


class Store:
    """An in-memory Oxigraph store holding the dataset: one named graph per source.

    The default graph holds the RDF merge of all named graphs, each triple once. (Oxigraph's
    ``use_default_graph_as_union`` yields a triple once per graph holding it, which inflates counts.)
    """

    substitutes = True  # binds variables by SEP-0007 substitution (kg.remote.RemoteStore cannot: False)

    def __init__(self, engine: ox.Store | None = None) -> None:
        self._store = engine if engine is not None else ox.Store()
        self.generation = 0  # bumped on every change, so caches of what the store holds know when to refresh

    def save(self, path: Path) -> None:
        """Write the whole dataset (named graphs and their merge) into an on-disk Oxigraph store at ``path``,
        a folder that must not hold a store yet; :meth:`open_read_only` opens it, in any process."""
        if path.exists() and any(path.iterdir()):
            raise UsageError(f"{path} is not empty: give a new folder for the store")
        disk = ox.Store(str(path))
        disk.bulk_extend(iter(self._store))
        disk.flush()
        del disk  # closes the database, so that read-only openers see a finished store

    @classmethod
    def open_read_only(cls, path: Path) -> Store:
        """A store saved by :meth:`save`, opened read-only (several processes may open it at once)."""
        try:
            return cls(ox.Store.read_only(str(path)))
        except OSError as exc:
            raise LoadError(f"{path}: cannot open the store: {exc}") from exc

    @property
    def engine(self) -> ox.Store:
        """The Oxigraph store itself, for code that speaks Oxigraph (the endpoint's workers)."""
        return self._store

    def add_quads(self, quads: Iterable[tuple[Node, Node, Node, Node]]) -> None:
        self.add_ox(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads)

    def add_ox(self, quads: Iterable[ox.Quad]) -> None:
        def with_merge() -> Iterator[ox.Quad]:
            for q in quads:
                yield q
                if not isinstance(q.graph_name, ox.DefaultGraph):
                    yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())

        self._store.extend(with_merge())
        self.generation += 1

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for _ in self.quads())

    def query(self, sparql: str, substitutions: Mapping[str, Node] | None = None) -> Any:
        """Run a SPARQL query; the default graph is the merge of all named graphs. ``substitutions``
        bind variables to terms by Oxigraph's own substitution (SEP-0007), never through the text."""
        subs = {ox.Variable(name): to_ox(term) for name, term in substitutions.items()} if substitutions else None
        return self._store.query(sparql, prefixes=PREFIXES, substitutions=subs)

    def select(self, sparql: str) -> list[dict[str, Node]]:
        result = self.query(sparql)
        names = [v.value for v in result.variables]
        return [{n: from_ox(row[n]) for n in names if row[n] is not None} for row in result]

    def select_values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """SELECT rows as tuples of their terms' values (an IRI's address, a literal's lexical form, None
        when unbound), in the order of the variables: for reading many rows, without building rdflib terms
        (ten times faster than :meth:`select` at 10⁵ rows)."""
        result = self.query(sparql)
        names = [v.value for v in result.variables]
        return [tuple(None if (t := row[n]) is None else t.value for n in names) for row in result]

    def pairs(self, predicate: str) -> list[tuple[str, str]]:
        """(subject, object) values (as :meth:`select_values` gives them) of the default graph's statements
        with the IRI ``predicate``: an index scan, five times faster than the same SELECT."""
        # subjects and objects are never quoted triples (no RDF-star in our data), so each has a value
        found = self._store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph())
        return [(q.subject.value, q.object.value) for q in found]  # type: ignore[union-attr]

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs (where each statement's source is known)."""
        return (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))

    def union_triples(self) -> list[ox.Triple]:
        """Every triple of every graph once, sorted (subjects grouped, so Turtle reads well)."""
        merged = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return sorted((q.triple for q in merged), key=_triple_key)

    def sorted_quads(self) -> list[ox.Quad]:
        return sorted(self.quads(), key=lambda q: (str(q.graph_name), *_triple_key(q.triple)))


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))
