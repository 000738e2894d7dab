"""SHACL validation of the built dataset, with each violation traced back to its file and record."""

from __future__ import annotations

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.errors import Problem
from kg.graph import KnowledgeGraph, ontology_graph
from kg.mapping import record_of_node
from kg.namespaces import GRAPH_ONTOLOGY, ID
from kg.resources import shapes_file


def union_graph(kg: KnowledgeGraph, with_ontology: bool = False) -> Graph:
    """The union of the dataset's graphs as an rdflib graph (via N-Triples, the fastest route)."""
    triples = {q.triple for q in kg.store.quads() if with_ontology or q.graph_name != ox.NamedNode(str(GRAPH_ONTOLOGY))}
    g = Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return g


def shapes_graph() -> Graph:
    return Graph().parse(shapes_file(), format="turtle")


def locate(kg: KnowledgeGraph, node: str) -> tuple[str, int, str]:
    """File, line and record id of a focus node, as the analyst wrote it."""
    rec = record_of_node(node, kg.records)
    if rec is not None:
        return rec.file, rec.line, rec.id
    if node.startswith(str(ID["country/"])):
        return kg.rdf_files.get(str(ID["graph/countries"]), "countries"), 0, node.rsplit("/", 1)[1]
    return next(iter(sorted(kg.rdf_files.values())), "data"), 0, node


def check_shapes(kg: KnowledgeGraph) -> list[Problem]:
    """Violations of ontology/shapes.ttl, one Problem each."""
    conforms, report, _ = shacl_validate(
        union_graph(kg), shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference="rdfs", advanced=True, allow_warnings=True,
    )
    if conforms:
        return []
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage) or Literal("violates a shape")
        shape = report.value(result, SH.sourceShape)
        shape_id = str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"
        file, line, record = locate(kg, str(focus))
        problems.append(Problem(file, line, record, f"{message} [{shape_id}]"))
    return problems
