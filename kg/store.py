"""The query and serialisation engine (pyoxigraph), behind one small interface.

rdflib is the programming model; this module converts rdflib terms once and lets Oxigraph answer
SPARQL and write files. Outputs are sorted so the same data gives byte-identical files.
"""

from __future__ import annotations

import re
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


def rdf_format(path: Path, shown: str) -> Any:
    """The Oxigraph format of an RDF file, told by its suffix."""
    try:
        return formats.for_path(path, formats.RDF_NAMES).rdf
    except UsageError as exc:
        raise LoadError(
            f"{shown}: not an RDF file: name it with one of the suffixes "
            f"{', '.join(s for n in formats.RDF_NAMES for s in formats.FORMATS[n].suffixes)}"
        ) from exc


def parse_file(path: Path, shown: str) -> list[ox.Quad]:
    """Parse an RDF file with Oxigraph; syntax errors name the file and the line and columns."""
    fmt = rdf_format(path, shown)
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

    def __init__(self, engine: ox.Store | None = None, separate: Iterable[str] = ()) -> None:
        self._in_memory = engine is None
        self._store = engine if engine is not None else ox.Store()
        self.generation = 0  # bumped on every change, so caches of what the store holds know when to refresh
        # Named graphs whose triples belong to the default graph without being copied into the engine's
        # (a big RDF file is then parsed once, not twice): queries read the union of the engine's default
        # graph and these, kept disjoint so that each triple is still there once (see _disjoint).
        self._separate = [ox.NamedNode(g) for g in sorted(separate)]
        self._overlap_possible = False

    @property
    def separate(self) -> list[str]:
        """The named graphs read as part of the default graph without a copy in it (see :meth:`load_file`)."""
        return [g.value for g in self._separate]

    @property
    def default_graph(self) -> list[Any] | None:
        """The engine's ``default_graph`` argument that reads the dataset's default graph (the merge of all
        named graphs): None (the engine's own default graph) unless some graphs are kept :attr:`separate`."""
        if not self._separate:
            return None
        self._disjoint()
        return [ox.DefaultGraph(), *self._separate]

    def _disjoint(self) -> None:
        """Drop from the engine's default graph the triples a separate graph holds: one engine update,
        a scan of the (small) engine default graph with an index lookup per triple."""
        if not self._overlap_possible:
            return
        for g in self._separate:
            self._store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o . GRAPH {g} {{ ?s ?p ?o }} }}")
        self._overlap_possible = False

    def save(self, path: Path) -> None:
        """Write the whole dataset (named graphs and their merge) into an on-disk Oxigraph store at ``path``,
        a folder that must not hold a store yet; :meth:`open_read_only` opens it, in any process."""
        if path.exists() and any(path.iterdir()):
            raise UsageError(f"{path} is not empty: give a new folder for the store")
        disk = ox.Store(str(path))
        disk.bulk_extend(self._merged_quads())
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

    def add_ox(self, quads: Iterable[ox.Quad], merged: bool = False) -> None:
        """Add quads; their triples go into the default graph too (``merged``: the quads hold those copies
        already, as ``Mapper.quads(merged=True)`` gives them)."""
        if merged:
            self._store.extend(quads)
            self._overlap_possible = bool(self._separate)
            self.generation += 1
            return

        def with_merge() -> Iterator[ox.Quad]:
            for q in quads:
                yield q
                if not isinstance(q.graph_name, ox.DefaultGraph):
                    yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())

        self._store.extend(with_merge())
        self._overlap_possible = bool(self._separate)
        self.generation += 1

    def load_file(self, path: Path, shown: str, graph: str) -> None:
        """Load an RDF file by the engine (no Python loop over its quads): its triples into the named graph
        ``graph``, a TriG or N-Quads file's named graphs as they are; :meth:`merge_file` merges it."""
        self._bulk_load(path, shown, ox.NamedNode(graph))

    def keeps_separate(self, path: Path, shown: str) -> bool:
        """Whether :meth:`merge_file` may keep this file's graph separate instead of copying it into the
        default graph: a file of triples (one graph), while no other graph is kept so (two could overlap),
        in a store in memory (a store on disk holds the whole merge, for any process that opens it)."""
        return self._in_memory and not self._separate and not rdf_format(path, shown).supports_datasets

    def merge_file(self, path: Path, shown: str, graphs: Iterable[str], separate: bool = False) -> None:
        """Add the triples of a file loaded by :meth:`load_file` into ``graphs`` to the default graph.
        With ``separate`` (when :meth:`keeps_separate` allows it) the file's one graph is read as part of the
        default graph instead, with no copy; otherwise a file of triples is loaded once more, into the
        default graph (measured faster than a SPARQL update, above all on disk), and a file of quads is
        merged by an update on the graphs it filled."""
        if separate:
            if not self.keeps_separate(path, shown):
                raise ValueError(f"{shown}: cannot be kept separate")
            (name,) = graphs
            self._separate = [ox.NamedNode(name)]
            self._overlap_possible = True
            self.generation += 1
            return
        if not rdf_format(path, shown).supports_datasets:
            self._bulk_load(path, shown, ox.DefaultGraph())
            self._overlap_possible = bool(self._separate)
            return
        values = " ".join(str(ox.NamedNode(g)) for g in sorted(graphs))  # IRIs checked by Oxigraph
        update = f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"  # noqa: S608
        self._store.update(update)  # no user text in it: graph IRIs only
        self._overlap_possible = bool(self._separate)
        self.generation += 1

    def _bulk_load(self, path: Path, shown: str, graph: Any) -> None:
        fmt = rdf_format(path, shown)
        try:
            if self._in_memory:  # one transaction: as fast in memory as the bulk loader, with 40% less memory
                self._store.load(path=str(path), format=fmt, to_graph=graph)
            else:
                self._store.bulk_load(path=str(path), format=fmt, to_graph=graph)
        except SyntaxError as exc:
            raise LoadError(f"{shown}: {exc.msg}") from exc
        except (OSError, ValueError) as exc:
            raise LoadError(f"{shown}: cannot read the file: {exc}") from exc
        self.generation += 1

    def blank_node_quad(self, graphs: Iterable[str] | None = None) -> ox.Quad | None:
        """A quad of the named graphs (of ``graphs`` only, when given) with a blank node, or None: one scan
        by the engine."""
        values = " ".join(str(ox.NamedNode(g)) for g in graphs) if graphs is not None else ""
        if graphs is not None and not values:
            return None
        scope = f"VALUES ?g {{ {values} }} " if values else ""
        found = self._store.query(
            f"SELECT ?s ?p ?o ?g WHERE {{ {scope}GRAPH ?g {{ ?s ?p ?o }} "
            "FILTER(isBlank(?s) || isBlank(?o) || isBlank(?g)) } LIMIT 1"
        )
        assert isinstance(found, ox.QuerySolutions)  # a SELECT
        for row in found:
            return ox.Quad(row["s"], row["p"], row["o"], row["g"])
        return None

    def graph_names(self) -> set[str]:
        return {str(g.value) for g in self._store.named_graphs()}

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for _ in self.quads())

    def query(self, sparql: str, substitutions: Mapping[str, Node] | None = None) -> Any:
        """Run a SPARQL query; the default graph is the merge of all named graphs. ``substitutions``
        bind variables to terms by Oxigraph's own substitution (SEP-0007), never through the text."""
        subs = {ox.Variable(name): to_ox(term) for name, term in substitutions.items()} if substitutions else None
        return self._store.query(sparql, prefixes=PREFIXES, substitutions=subs, default_graph=self.default_for(sparql))

    def default_for(self, sparql: str) -> list[Any] | None:
        """The ``default_graph`` argument for this query: :attr:`default_graph`, unless the query names its
        own dataset (FROM or FROM NAMED), which the argument would override."""
        if not self._separate or names_dataset(sparql):
            return None
        return self.default_graph

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
        p = ox.NamedNode(predicate)
        found = (q for g in self._default_graphs() for q in self._store.quads_for_pattern(None, p, None, g))
        return [(q.subject.value, q.object.value) for q in found]  # type: ignore[union-attr]

    def _default_graphs(self) -> list[Any]:
        return self.default_graph or [ox.DefaultGraph()]

    def _merged_quads(self) -> Iterator[ox.Quad]:
        """Every quad, with the separate graphs' triples also in the default graph (as if copied there)."""
        self._disjoint()
        for q in self._store:
            yield q
            if q.graph_name in self._separate:
                yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs (where each statement's source is known)."""
        return (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))

    def union_triples(self) -> list[ox.Triple]:
        """Every triple of every graph once, sorted (subjects grouped, so Turtle reads well)."""
        merged = (q for g in self._default_graphs() for q in self._store.quads_for_pattern(None, None, None, g))
        return sorted((q.triple for q in merged), key=_triple_key)

    def union_ntriples(self) -> bytes:
        """:meth:`union_triples` as N-Triples, written by the engine and sorted as lines: the same bytes as
        serialising the sorted triples (a line is its terms in N-Triples form, each ended by a space, which
        sorts before any character a longer term goes on with), without a Python object per triple."""
        lines: list[bytes] = []
        for g in self._default_graphs():
            lines += (self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b"").splitlines(keepends=True)
        lines.sort()
        return b"".join(lines)

    def sorted_quads(self) -> list[ox.Quad]:
        return sorted(self.quads(), key=lambda q: (str(q.graph_name), *_triple_key(q.triple)))

    def sorted_nquads(self) -> bytes:
        """:meth:`sorted_quads` as N-Quads, written by the engine graph by graph and sorted as lines (as
        :meth:`union_ntriples`): graphs in the order of their names, each graph's triples sorted."""
        out: list[bytes] = []
        for g in sorted(self._store.named_graphs(), key=str):
            lines = (self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b"").splitlines()
            lines.sort()
            end = f"{g} .\n".encode()
            out += [line[:-1] + end for line in lines]  # "s p o ." → "s p o <g> .\n"
        return b"".join(out)


# Strings, IRIs and comments, where a FROM is not a keyword (long strings first: they may hold quotes).
_NOT_KEYWORDS = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*"
)
_FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w:-])", re.IGNORECASE)  # not ?from, ex:from, from:x


def names_dataset(sparql: str) -> bool:
    """Whether a query has a FROM or FROM NAMED clause (outside strings, IRIs and comments)."""
    return bool(_FROM.search(_NOT_KEYWORDS.sub(" ", sparql)))


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))
