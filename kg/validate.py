"""Checks on the mapped graph: the SHACL shapes and the violation queries, each violation traced back
to its file and record.

The core constraints are compiled to SPARQL and run on Oxigraph (kg/shacl_sparql.py): seconds at 10⁶
triples, where pySHACL on an rdflib copy takes minutes. pySHACL stays as the reference (``engine="pyshacl"``);
tests/test_shacl_sparql.py asserts both find the same violations. SPARQL-based constraints run on Oxigraph: pySHACL
evaluates them once per focus node with rdflib's SPARQL engine (over 30 s on our data); here each
runs once, with ``$this`` joined to the shape's targets, which gives the same results.
The violation queries (``queries/checks/*-violation.rq``) must return no rows; each row is a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal as Choice

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from kg import iris
from kg.catalogue import stored_queries
from kg.errors import Problem
from kg.graph import KnowledgeGraph
from kg.loader import Record
from kg.mapping import record_of_node, records_by_iri
from kg.queries import run
from kg.resources import shapes_file
from kg.shacl_sparql import compile_shapes
from kg.store import Store, from_ox, to_ox

_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    message: str
    shape: str  # the shape's local id, e.g. S08-participation-tenure


@dataclass(frozen=True)
class SparqlCheck:
    shape: URIRef
    select: str
    message: str


def union_graph(store: Store) -> Graph:
    """Every triple of the store once (the ontology included), as an rdflib graph for pySHACL.

    Built term by term: a round trip through N-Triples text costs rdflib's parser time quadratic in
    the length of a literal (a 1 MB title took 15 s, 10 MB over 10 minutes)."""
    g = Graph()
    g.addN((from_ox(t.subject), from_ox(t.predicate), _object(t.object), g) for t in {q.triple for q in store.quads()})
    return g


def _object(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    # A simple literal stays one for rdflib (which, unlike RDF 1.1, tells "x" from "x"^^xsd:string).
    if isinstance(term, ox.Literal) and term.datatype == _XSD_STRING:
        return Literal(term.value)
    return from_ox(term)


@cache
def _shapes() -> tuple[Graph, tuple[SparqlCheck, ...]]:
    """The shapes for pySHACL (SPARQL constraints taken out) and the SPARQL checks for Oxigraph."""
    shapes = Graph().parse(shapes_file(), format="turtle")
    checks = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        select = str(shapes.value(constraint, SH.select))
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        checks.append(SparqlCheck(URIRef(str(shape)), _with_targets(shapes, shape, select), str(message or "")))
        shapes.remove((shape, SH.sparql, constraint))
    return shapes, tuple(checks)


def _with_targets(shapes: Graph, shape: Node, select: str) -> str:
    """Rewrite a SHACL-SPARQL select so that ``?this`` ranges over the shape's targets."""
    patterns = [f"{{ ?this rdf:type/rdfs:subClassOf* <{c}> }}" for c in shapes.objects(shape, SH.targetClass)]
    patterns += [f"{{ ?this <{p}> ?target_ }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    patterns += [f"{{ ?target_ <{p}> ?this }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    patterns += [f"{{ VALUES ?this {{ <{n}> }} }}" for n in shapes.objects(shape, SH.targetNode)]
    query = select.replace("$this", "?this")
    head, brace, body = re.split(r"(WHERE\s*\{)", query, maxsplit=1, flags=re.IGNORECASE)
    return f"{head}{brace} {' UNION '.join(sorted(patterns))} {body}"


def _fill(message: str, row: ox.QuerySolution) -> str:
    def value(match: re.Match[str]) -> str:
        term = row[match.group(1)]
        return "" if term is None else term.value

    return re.sub(r"\{[?$](\w+)\}", value, message)


Engine = Choice["sparql", "pyshacl"]


def violations(data: Graph | None, store: Store | None = None, engine: Engine = "sparql") -> list[Violation]:
    """Every violation of ontology/shapes.ttl in ``data`` (which must include the ontology).

    ``store`` holds the same triples; without it one is built from ``data``. The compiled SPARQL engine
    needs only the store (``data`` may be None); pySHACL, the reference, needs the rdflib graph (built from
    the store when ``data`` is None)."""
    shapes, checks = _shapes()
    if store is None:
        if data is None:
            raise ValueError("violations() needs the data as an rdflib graph or a store")
        store = Store()
        store.add_ox(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in data)
    if engine == "pyshacl":
        found = _pyshacl_violations(data if data is not None else union_graph(store), shapes)
    else:
        found = _compiled_violations(store, shapes)
    for check in checks:
        for row in store.query(check.select):
            found.add(Violation(row["this"].value, _fill(check.message, row), _local(check.shape)))
    return sorted(found)


def _pyshacl_violations(data: Graph, shapes: Graph) -> set[Violation]:
    found: set[Violation] = set()
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    if not conforms:
        for result in report.objects(None, SH.result):  # top-level results, not nested sh:detail
            message = report.value(result, SH.resultMessage) or Literal("violates a shape")
            shape = report.value(result, SH.sourceShape)
            found.add(Violation(str(report.value(result, SH.focusNode)), str(message), _local(shape)))
    return found


def _compiled_violations(store: Store, shapes: Graph) -> set[Violation]:
    """The core constraints as SPARQL on the store; classes (targets and sh:class) take the data's
    subclasses first, so that each query is index lookups."""
    known: dict[URIRef, list[URIRef]] = {}

    def subclasses(c: URIRef) -> list[URIRef]:
        if c not in known:
            rows = store.query(f"SELECT DISTINCT ?k WHERE {{ ?k rdfs:subClassOf* <{c}> }}")
            known[c] = sorted({URIRef(r["k"].value) for r in rows if isinstance(r["k"], ox.NamedNode)} | {c})
        return known[c]

    found: set[Violation] = set()
    for shape in compile_shapes(shapes, subclasses):
        for row in store.query(shape.select):
            found.add(Violation(row["this"].value, shape.message, _local(shape.shape)))
    return found


def _local(shape: Node | None) -> str:
    return str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"


def _in_rdf_file(kg: KnowledgeGraph, node: str) -> tuple[str, int, str] | None:
    """The data file (Turtle, TriG…) that states something about one of our IRIs, if one does."""
    if iris.parse(node) is None:
        return None
    rows = kg.store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{node}> ?p ?o }} }} ORDER BY ?g")
    for row in rows:
        shown = kg.rdf_files.get(row["g"].value)
        if shown is not None:
            return shown, 0, iris.local_id(node)
    return None


def _place(kg: KnowledgeGraph, node: str, by_iri: dict[str, Record]) -> tuple[str, int, str] | None:
    rec = record_of_node(node, by_iri)
    return (rec.file, rec.line, rec.id) if rec is not None else _in_rdf_file(kg, node)


def locate(kg: KnowledgeGraph, node: str, by_iri: dict[str, Record]) -> tuple[str, int, str]:
    """File, line and record id of a node: the YAML record it belongs to, else the RDF file stating it."""
    return _place(kg, node, by_iri) or ("data", 0, iris.local_id(node) if iris.parse(node) else node)


def check_shapes(
    kg: KnowledgeGraph, by_iri: dict[str, Record] | None = None, engine: Engine = "sparql"
) -> list[Problem]:
    """Violations of ontology/shapes.ttl, one Problem each, located in the data files."""
    by_iri = by_iri if by_iri is not None else records_by_iri(kg.records)
    problems = []
    for v in violations(None, kg.store, engine):
        file, line, record = locate(kg, v.focus, by_iri)
        problems.append(Problem(file, line, record, f"{v.message} [{v.shape}]"))
    return problems


def _shown(term: Node) -> str:
    return (iris.local_id(term) if iris.parse(term) else iris.shorten(term)) if isinstance(term, URIRef) else str(term)


def _locate_row(kg: KnowledgeGraph, terms: Iterable[Node], by_iri: dict[str, Record]) -> tuple[str, int, str]:
    """Where a check query's row belongs: its first IRI of ours that a record (or an RDF file) states."""
    ours = [str(t) for t in terms if isinstance(t, URIRef) and iris.parse(str(t))]
    for node in ours:
        rec = record_of_node(node, by_iri)
        if rec is not None:
            return rec.file, rec.line, rec.id
    for node in ours:
        found = _in_rdf_file(kg, node)
        if found:
            return found
    return ("data", 0, iris.local_id(ours[0]) if ours else "")


def check_queries(kg: KnowledgeGraph, by_iri: dict[str, Record] | None = None) -> list[Problem]:
    """The rows of the violation queries (``queries/checks/*-violation.rq``), one Problem each:
    the query's title, the row's values and the query's name (``kg query`` runs it alone)."""
    by_iri = by_iri if by_iri is not None else records_by_iri(kg.records)
    problems = []
    for query in (q for q in stored_queries() if q.is_check):
        result = run(kg.store, query.text, shown=query.shown)
        for row in result.rows:
            terms = [row[v] for v in result.variables if v in row]
            file, line, record = _locate_row(kg, terms, by_iri)
            values = ", ".join(f"{v} {_shown(row[v])}" for v in result.variables if v in row)
            problems.append(Problem(file, line, record, f"{query.title}: {values} [{query.name}]"))
    return problems


def check_graph(kg: KnowledgeGraph) -> list[Problem]:
    """Every check of the mapped graph: the SHACL shapes and the violation queries."""
    by_iri = records_by_iri(kg.records)  # built once, not per violation
    return [*check_shapes(kg, by_iri), *check_queries(kg, by_iri)]
