"""The SPARQL 1.1 Service Description the endpoint gives at ``/sparql`` when asked no query.

It says where the endpoint is (``sd:endpoint``, the address the request came to), what it speaks
(``sd:SPARQL11Query`` only: the endpoint is read-only), the formats of its answers (``sd:resultFormat``,
W3C format IRIs), its features (``sd:UnionDefaultGraph``: the default graph is the merge of the named
graphs; ``sd:BasicFederatedQuery`` only with ``--allow-service``) and its dataset: the default graph
and one ``sd:NamedGraph`` per source, each with its size (``void:triples``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from kg.export import serialize
from kg.formats import FORMATS
from kg.store import Store

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
FORMAT_IRIS = {  # https://www.w3.org/ns/formats/
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "trig": "TriG",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}
_PREFIXES = {"sd": SD, "void": VOID, "formats": "http://www.w3.org/ns/formats/"}


@dataclass(frozen=True)
class Dataset:
    """What the endpoint serves: the size of its default graph and of each named graph, by graph IRI."""

    default_triples: int
    named: Mapping[str, int]

    @classmethod
    def of(cls, store: Store) -> Dataset:
        default = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
        named = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        counts = {str(row["g"]): int(str(row["n"])) for row in named}
        return cls(int(str(default)), dict(sorted(counts.items())))


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def description(endpoint: str, dataset: Dataset, allow_service: bool) -> list[ox.Triple]:
    """The service description of the endpoint at ``endpoint`` (an absolute IRI)."""
    service = ox.NamedNode(endpoint)
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
    ]
    if allow_service:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    triples += [
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode("http://www.w3.org/ns/formats/" + name))
        for name in FORMAT_IRIS.values()
    ]
    data, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    triples += [
        ox.Triple(service, _sd("defaultDataset"), data),
        ox.Triple(data, RDF_TYPE, _sd("Dataset")),
        ox.Triple(data, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
        ox.Triple(default, ox.NamedNode(VOID + "triples"), ox.Literal(str(dataset.default_triples), datatype=_INT)),
    ]
    for i, (name, size) in enumerate(dataset.named.items()):
        named, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
        triples += [
            ox.Triple(data, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(name)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(size), datatype=_INT)),
        ]
    return triples


def render(triples: list[ox.Triple], fmt: str) -> bytes:
    """The description in a graph format of :mod:`kg.serve.negotiation` (by name)."""
    rdf = FORMATS[fmt].rdf
    assert rdf is not None
    if rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        data = [ox.Quad(t.subject, t.predicate, t.object) for t in triples] if rdf.supports_datasets else triples
        return ox.serialize(data, format=rdf, prefixes=_PREFIXES) or b""
    if rdf.supports_datasets and rdf != ox.RdfFormat.JSON_LD:
        return serialize([ox.Quad(t.subject, t.predicate, t.object) for t in triples], rdf)
    return serialize(triples, rdf)
