"""The W3C SPARQL 1.1 Protocol and Service Description tests, run against ``kg serve`` in a subprocess.

The harness reads ``tests/w3c/protocol/manifest.ttl`` (each test an HTTP exchange written in RDF with the
W3C HTTP vocabulary) and replays every request as written: method, path (``/sparql/`` becomes the
server's ``/sparql``, the query string kept), headers and body bytes in the encoding the manifest names
(``bad_query_non_utf8`` sends UTF-16), then checks the status class, and the result format: an ASK answer
(compared with ``mf:expectedBoolean``), a tabular SPARQL results document, or RDF.

One server holds every graph the manifest names (``data1.nt`` … ``data3.nt`` in the graphs their
``rdfs:label`` gives), in a TriG file given through ``--data``: the tests that name data replace the
default graph by their protocol dataset (``default-graph-uri``, ``named-graph-uri``), and those that name
none ask ``ASK {}``, ``SELECT (1 AS ?value) {}``, a DESCRIBE and a CONSTRUCT of constants, whose answers do
not depend on what the default graph (the union of the named graphs) holds.

The endpoint is read-only, so the seven positive ``update_*`` tests do not apply: each is asserted to be
refused with a 4xx saying so, and the test's follow-up ASK to find nothing changed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from tests.serve_process import Raw, Server, raw_request, serving

W3C = Path(__file__).resolve().parent / "w3c"
PROTOCOL = W3C / "protocol" / "manifest.ttl"
SERVICE_DESCRIPTION = W3C / "service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDFS = rdflib.RDFS

READ_ONLY = (
    "this endpoint is read-only: it answers SPARQL queries and accepts no SPARQL Update "
    "(to change the graph, edit the data and restart kg serve, or load it into a triple store with kg push)"
)
DATA1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
STILL_THERE = f"ASK {{ GRAPH <{DATA1}> {{ <{DATA1}> a <http://xmlns.com/foaf/0.1/Document> }} }}"


# --- the manifest ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    path: str  # on our server: /sparql?…
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status_classes: frozenset[int]  # 2 for hts:StatusCode2xx, …
    format: str | None  # "boolean", "tabular", "RDF" or None
    boolean: bool | None

    @property
    def is_update(self) -> bool:
        kind = {k.lower(): v for k, v in self.headers}.get("content-type", "")
        return kind.startswith("application/sparql-update") or (self.body or b"").startswith(b"update=")


@dataclass(frozen=True)
class ProtocolTest:
    name: str  # the local name: query_post_form
    title: str  # mf:name
    graphs: tuple[tuple[str, str], ...]  # (graph IRI, data file name)
    exchanges: tuple[Exchange, ...]


def _items(graph: Graph, head: object) -> list[object]:
    return list(Collection(graph, head)) if head is not None else []  # type: ignore[arg-type]


def server_path(absolute_path: str) -> str:
    """The manifest's ``/sparql/?…`` as a request to our ``/sparql`` (the query string kept as written)."""
    assert absolute_path.startswith("/sparql/"), absolute_path
    rest = absolute_path.removeprefix("/sparql/")
    assert rest == "" or rest.startswith("?"), absolute_path
    return "/sparql" + rest


def _exchange(graph: Graph, request: object) -> Exchange:
    headers = tuple(
        (str(graph.value(h, HT.fieldName)), str(graph.value(h, HT.fieldValue)))
        for h in _items(graph, graph.value(request, HT.headers))  # type: ignore[arg-type]
    )
    body = None
    content = graph.value(request, HT.body)  # type: ignore[arg-type]
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(request, HT.resp)  # type: ignore[arg-type]
    statuses = frozenset(
        int(str(s).removeprefix(str(HTS)).removeprefix("StatusCode")[0])
        for s in graph.objects(response, MF.expectedStatus)
    )
    fmt = graph.value(response, MF.expectedFormat)
    boolean = graph.value(response, MF.expectedBoolean)
    return Exchange(
        method=str(graph.value(request, HT.methodName)),  # type: ignore[arg-type]
        path=server_path(str(graph.value(request, HT.absolutePath))),  # type: ignore[arg-type]
        headers=headers,
        body=body,
        status_classes=statuses,
        format=str(fmt) if fmt is not None else None,
        boolean=bool(boolean.toPython()) if isinstance(boolean, Literal) else None,
    )


def protocol_tests() -> list[ProtocolTest]:
    """Every entry of the protocol manifest, in order."""
    graph = Graph().parse(PROTOCOL, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    found = []
    for entry in _items(graph, graph.value(manifest, MF.entries)):
        graphs = tuple(
            sorted(
                (str(graph.value(d, RDFS.label)), Path(urlsplit(str(graph.value(d, UT.graph))).path).name)
                for d in graph.objects(entry, UT.graphData)  # type: ignore[arg-type]
            )
        )
        action = graph.value(entry, MF.action)  # type: ignore[arg-type]
        requests = _items(graph, graph.value(action, HT.requests))
        found.append(
            ProtocolTest(
                name=str(entry).rsplit("#", 1)[1],
                title=str(graph.value(entry, MF.name)),  # type: ignore[arg-type]
                graphs=graphs,
                exchanges=tuple(_exchange(graph, r) for r in requests),
            )
        )
    return found


TESTS = protocol_tests()
QUERIES = [t for t in TESTS if t.name.startswith("query_")]
BAD = [t for t in TESTS if t.name.startswith(("bad_query_", "bad_update_", "bad_multiple_"))]
UPDATES = [t for t in TESTS if t.name.startswith("update_")]


def dataset_trig(tests: list[ProtocolTest]) -> str:
    """Every data file the tests name, each in the graph its label gives (N-Triples lines are TriG)."""
    graphs = sorted({g for t in tests for g in t.graphs})
    assert len({iri for iri, _ in graphs}) == len(graphs), f"a graph is given two files: {graphs}"
    blocks = []
    for iri, name in graphs:
        triples = (PROTOCOL.parent / name).read_text(encoding="utf-8")
        blocks.append(f"<{iri}> {{\n{triples.rstrip()}\n}}\n")
    return "\n".join(blocks)


# --- the server and the exchanges ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("w3c-data")
    (folder / "w3c-protocol.trig").write_text(dataset_trig(TESTS), encoding="utf-8")
    with serving("--data", str(folder), cwd=folder.parent) as running:
        yield running


def send(server: Server, exchange: Exchange) -> Raw:
    """The request exactly as the manifest writes it (only Host and Content-Length are added)."""
    return raw_request(server, exchange.method, exchange.path, exchange.headers, exchange.body)


def ask(server: Server, query: str) -> bool:
    answer = raw_request(server, "POST", "/sparql", (("Content-Type", "application/sparql-query"),), query.encode())
    assert answer.status == 200, answer.text
    return boolean_of(answer)


def boolean_of(answer: Raw) -> bool:
    """The ASK answer of a SPARQL JSON or XML results document."""
    fmt = ox.QueryResultsFormat.from_media_type(answer.media)
    assert fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML), f"not an ASK result: {answer.media}"
    result = ox.parse_query_results(answer.body, format=fmt)
    assert isinstance(result, ox.QueryBoolean), f"a {type(result).__name__}, not a boolean: {answer.text}"
    if fmt == ox.QueryResultsFormat.JSON:
        assert isinstance(json.loads(answer.body)["boolean"], bool)
    return bool(result)


def check_tabular(answer: Raw) -> None:
    """A complete SPARQL results document of a SELECT: JSON, XML, TSV (parsed by Oxigraph) or CSV."""
    fmt = ox.QueryResultsFormat.from_media_type(answer.media)
    assert fmt is not None, f"not a SPARQL results type: {answer.media}"
    if fmt == ox.QueryResultsFormat.CSV:  # Oxigraph does not parse CSV, which loses term types
        rows = list(csv.reader(io.StringIO(answer.body.decode("utf-8-sig"))))
        assert rows and rows[0], "a CSV result without a header row"
        assert all(len(r) == len(rows[0]) for r in rows), rows
        return
    result = ox.parse_query_results(answer.body, format=fmt)
    assert isinstance(result, ox.QuerySolutions), f"a {type(result).__name__}, not a table: {answer.text}"
    list(result)


def check_rdf(answer: Raw) -> list[ox.Quad]:
    fmt = ox.RdfFormat.from_media_type(answer.media)
    assert fmt is not None, f"not an RDF media type: {answer.media}"
    return list(ox.parse(answer.body, format=fmt))


def check(answer: Raw, exchange: Exchange) -> None:
    """The response as the manifest expects it."""
    assert answer.status // 100 in exchange.status_classes, (
        f"{exchange.method} {exchange.path}: status {answer.status}, expected "
        f"{' or '.join(f'{c}xx' for c in sorted(exchange.status_classes))}: {answer.text[:500]}"
    )
    if exchange.format == "boolean":
        value = boolean_of(answer)
        if exchange.boolean is not None:
            assert value is exchange.boolean
    elif exchange.format == "tabular":
        check_tabular(answer)
    elif exchange.format == "RDF":
        check_rdf(answer)
    else:
        assert exchange.format is None, exchange.format


def error_message(answer: Raw) -> str:
    """The message of an error response: the ``error`` of a JSON body, or the text of a plain one."""
    if answer.media == "application/json":
        return str(json.loads(answer.body)["error"])
    return answer.text.removesuffix("\n")


# --- the tests ------------------------------------------------------------------------------------------


def test_the_manifest_holds_the_tests_the_issue_names() -> None:
    assert len(TESTS) == 34
    assert len(QUERIES) == 13
    assert len([t for t in BAD if "update" in t.name]) == 7
    assert len([t for t in BAD if "update" not in t.name]) == 7
    assert len(UPDATES) == 7
    assert {t.name for t in QUERIES + BAD + UPDATES} == {t.name for t in TESTS}
    # what the harness read of one test, to see it reads the manifest right
    (full,) = [t for t in TESTS if t.name == "query_dataset_full"]
    assert full.graphs == tuple((f"http://kasei.us/2009/09/sparql/data/data{i}.rdf", f"data{i}.nt") for i in (1, 2, 3))
    (exchange,) = full.exchanges
    assert exchange.method == "POST"
    assert exchange.path.startswith("/sparql?default-graph-uri=http%3A%2F%2Fkasei.us")
    assert exchange.headers == (("content-type", "application/sparql-query"),)
    assert exchange.status_classes == {2, 3}
    assert (exchange.format, exchange.boolean) == ("boolean", True)
    (utf16,) = [t.exchanges[0] for t in TESTS if t.name == "bad_query_non_utf8"]
    assert utf16.body == "ASK {}".encode("utf-16")
    assert utf16.status_classes == {4}


@pytest.mark.parametrize("test", QUERIES + BAD, ids=lambda t: t.name)
def test_protocol(server: Server, test: ProtocolTest) -> None:
    for exchange in test.exchanges:
        check(send(server, exchange), exchange)


@pytest.mark.parametrize("test", UPDATES, ids=lambda t: t.name)
def test_update_is_refused_by_the_read_only_endpoint(server: Server, test: ProtocolTest) -> None:
    update, *follow_up = test.exchanges
    assert update.is_update
    answer = send(server, update)
    assert 400 <= answer.status < 500, f"status {answer.status}: {answer.text[:300]}"
    assert error_message(answer) == READ_ONLY
    for exchange in follow_up:  # the test's check that the update took effect: it did not
        assert not exchange.is_update and exchange.format == "boolean"
        answer = send(server, exchange)
        assert answer.status == 200, answer.text
        assert boolean_of(answer) is False
    assert ask(server, STILL_THERE) is True


# On this data the manifest's dataset tests answer true whether or not the protocol's dataset is used
# (the union default graph holds all three documents), so these check that it is: each answer is false
# unless the server queries exactly the graphs the request names.
def _doc(n: int) -> str:
    return f"<http://kasei.us/2009/09/sparql/data/data{n}.rdf>"


DATASETS = [  # (protocol dataset, query, answer)
    ({"default-graph-uri": [1]}, f"ASK {{ {_doc(2)} a ?type }}", False),
    ({"default-graph-uri": [1, 2]}, f"ASK {{ {_doc(1)} a ?t . {_doc(2)} a ?t . }}", True),
    ({"default-graph-uri": [1, 2]}, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", 2),
    ({"default-graph-uri": [1, 2]}, "ASK { GRAPH ?g { ?s ?p ?o } }", False),
    ({"named-graph-uri": [1]}, f"ASK {{ GRAPH ?g {{ {_doc(2)} a ?type }} }}", False),
    ({"named-graph-uri": [1]}, "ASK { ?s ?p ?o }", False),
    ({"named-graph-uri": [1, 3]}, "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }", 2),
    ({"default-graph-uri": [1]}, f"ASK FROM {_doc(3)} {{ {_doc(3)} a ?type }}", False),
    ({}, f"ASK FROM {_doc(3)} {{ {_doc(1)} a ?type }}", False),
]


@pytest.mark.parametrize(("dataset", "query", "expected"), DATASETS, ids=[f"dataset{i}" for i in range(len(DATASETS))])
def test_the_protocol_dataset_is_the_one_queried(
    server: Server, dataset: dict[str, list[int]], query: str, expected: object
) -> None:
    params = [(k, f"http://kasei.us/2009/09/sparql/data/data{n}.rdf") for k, ns in dataset.items() for n in ns]
    path = "/sparql?" + urlencode([("query", query), *params])
    answer = raw_request(server, "GET", path, (("Accept", "application/sparql-results+json"),))
    assert answer.status == 200, answer.text
    doc = json.loads(answer.body)
    found = doc["boolean"] if "boolean" in doc else int(doc["results"]["bindings"][0]["n"]["value"])
    assert found == expected


# --- the service description ----------------------------------------------------------------------------

RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "application/trig")
SD_PROPERTIES = {
    "endpoint", "feature", "defaultEntailmentRegime", "entailmentRegime", "supportedEntailmentProfile",
    "defaultSupportedEntailmentProfile", "extensionFunction", "extensionAggregate", "languageExtension",
    "supportedLanguage", "propertyFeature", "defaultDataset", "availableGraphs", "resultFormat", "inputFormat",
    "defaultGraph", "namedGraph", "name", "graph",
}  # fmt: skip
SD_CLASSES = {
    "Service", "Feature", "Language", "Function", "Aggregate", "EntailmentRegime", "EntailmentProfile",
    "GraphCollection", "Dataset", "Graph", "NamedGraph",
}  # fmt: skip
SD_INSTANCES = {"SPARQL10Query", "SPARQL11Query", "SPARQL11Update", "DereferencesURIs", "UnionDefaultGraph",
                "RequiresDataset", "EmptyGraphs", "BasicFederatedQuery"}  # fmt: skip


def description(server: Server, accept: str | None = None) -> tuple[Raw, Graph]:
    headers = (("Accept", accept),) if accept else ()
    answer = send(server, Exchange("GET", "/sparql", headers, None, frozenset({2}), "RDF", None))
    assert answer.status == 200, answer.text
    graph = Graph()
    for q in check_rdf(answer):
        graph.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return answer, graph


def _term(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    return Literal(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value))


def returns_rdf(server: Server) -> None:
    """GET on the endpoint without a query returns RDF: without Accept, and in each RDF type asked for."""
    answer, graph = description(server)
    assert ox.RdfFormat.from_media_type(answer.media) is not None and len(graph) > 0
    for media in RDF_TYPES:
        answer, graph = description(server, media)
        assert answer.media == media and len(graph) > 0


def has_endpoint_triple(server: Server) -> None:
    """The description has a service whose sd:endpoint is the URL the request went to."""
    _, graph = description(server, "text/turtle")
    services = set(graph.subjects(SD.endpoint, URIRef(server.endpoint)))
    assert services, f"no sd:endpoint <{server.endpoint}> in {sorted(graph.objects(None, SD.endpoint))}"
    assert all((s, RDF.type, SD.Service) in graph for s in services)


def conforms_to_schema(server: Server) -> None:
    """Every sd: term used is one the vocabulary defines, and the values are of the kind it says."""
    _, graph = description(server, "text/turtle")
    used = {str(p).removeprefix(str(SD)) for p in graph.predicates() if str(p).startswith(str(SD))}
    assert used <= SD_PROPERTIES, used - SD_PROPERTIES
    classes = {str(c).removeprefix(str(SD)) for c in graph.objects(None, RDF.type) if str(c).startswith(str(SD))}
    assert classes <= SD_CLASSES, classes - SD_CLASSES
    (service,) = set(graph.subjects(RDF.type, SD.Service))
    assert isinstance(graph.value(service, SD.endpoint), URIRef)
    languages = {str(v).removeprefix(str(SD)) for v in graph.objects(service, SD.supportedLanguage)}
    assert languages and languages <= {"SPARQL10Query", "SPARQL11Query", "SPARQL11Update"}
    assert "SPARQL11Update" not in languages  # read-only
    for prop in (SD.resultFormat, SD.inputFormat, SD.feature, SD.supportedEntailmentProfile):
        assert all(isinstance(v, URIRef) for v in graph.objects(service, prop)), prop
    features = {str(v).removeprefix(str(SD)) for v in graph.objects(service, SD.feature) if str(v).startswith(str(SD))}
    assert features <= SD_INSTANCES
    for dataset in graph.objects(service, SD.defaultDataset):
        for named in graph.objects(dataset, SD.namedGraph):
            assert isinstance(graph.value(named, SD.name), URIRef)


SD_CHECKS = {
    "returns-rdf": returns_rdf,
    "has-endpoint-triple": has_endpoint_triple,
    "conforms-to-schema": conforms_to_schema,
}


def service_description_tests() -> list[str]:
    graph = Graph().parse(SERVICE_DESCRIPTION, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return [str(e).rsplit("#", 1)[1] for e in _items(graph, graph.value(manifest, MF.entries))]


def test_every_service_description_test_has_a_check() -> None:
    assert sorted(service_description_tests()) == sorted(SD_CHECKS)


@pytest.mark.parametrize("name", service_description_tests())
def test_service_description(server: Server, name: str) -> None:
    SD_CHECKS[name](server)
