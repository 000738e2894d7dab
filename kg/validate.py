"""SHACL validation of the built dataset, with each violation traced back to its file and record.

pySHACL checks the core constraints. SPARQL-based constraints run on Oxigraph instead: pySHACL
evaluates them once per focus node with rdflib's SPARQL engine (over 30 s on our data); here each
runs once, with ``$this`` joined to the shape's targets, which gives the same results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from kg.errors import Problem
from kg.graph import KnowledgeGraph
from kg.loader import Record
from kg.mapping import record_of_node, records_by_iri
from kg.namespaces import GRAPH_ONTOLOGY, ID
from kg.resources import shapes_file
from kg.store import Store, to_ox


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


def union_graph(kg: KnowledgeGraph, with_ontology: bool = False) -> Graph:
    """The union of the dataset's graphs as an rdflib graph (via N-Triples, the fastest route)."""
    onto = ox.NamedNode(str(GRAPH_ONTOLOGY))
    triples = {q.triple for q in kg.store.quads() if with_ontology or q.graph_name != onto}
    g = Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return g


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


def violations(data: Graph) -> list[Violation]:
    """Every violation of ontology/shapes.ttl in ``data`` (which must include the ontology)."""
    shapes, checks = _shapes()
    found: set[Violation] = set()
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    if not conforms:
        for result in report.objects(None, SH.result):  # top-level results, not nested sh:detail
            message = report.value(result, SH.resultMessage) or Literal("violates a shape")
            shape = report.value(result, SH.sourceShape)
            found.add(Violation(str(report.value(result, SH.focusNode)), str(message), _local(shape)))
    store = Store()
    store.add_ox(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in data)
    for check in checks:
        for row in store.query(check.select):
            found.add(Violation(row["this"].value, _fill(check.message, row), _local(check.shape)))
    return sorted(found)


def _local(shape: Node | None) -> str:
    return str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"


def locate(kg: KnowledgeGraph, node: str, by_iri: dict[str, Record]) -> tuple[str, int, str]:
    """File, line and record id of a focus node, as the analyst wrote it."""
    rec = record_of_node(node, by_iri)
    if rec is not None:
        return rec.file, rec.line, rec.id
    if node.startswith(str(ID["country/"])):
        return kg.rdf_files.get(str(ID["graph/countries"]), "countries"), 0, node.rsplit("/", 1)[1]
    return "data", 0, node


def check_shapes(kg: KnowledgeGraph) -> list[Problem]:
    """Violations of ontology/shapes.ttl, one Problem each, located in the data files."""
    problems = []
    by_iri = records_by_iri(kg.records)  # built once, not per violation
    for v in violations(union_graph(kg, with_ontology=True)):
        file, line, record = locate(kg, v.focus, by_iri)
        problems.append(Problem(file, line, record, f"{v.message} [{v.shape}]"))
    return problems
