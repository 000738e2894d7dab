"""`kg serve` behaviour, against the server in a subprocess on tests/fixtures/minimal and a TriG file.

Expected answers are worked out from the fixture's YAML (one meeting, meeting-a-b, in Baku on 3 May 2023
between Person A of AZE and Person B of UZB, stated by example-source) and from the notes written below;
where the test says "as kg query", the same question is put to ``kg query`` on the same data. One server
with the default options answers them all (the limits and timeouts are in tests/test_serve_limits.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.cli import cli
from tests.conftest import FIXTURES
from tests.serve_process import Listener, Server, csv_rows, error, media, raw_request, rows, serving

DKG = "https://w3id.org/diplomatic-kg/ontology#"
ID = "https://w3id.org/diplomatic-kg/id/"
EX = "http://example.org/"
MEETING, BAKU = ID + "event/meeting-a-b", ID + "place/baku"
PERSON_A, TENURE_A = ID + "person/person-a", ID + "tenure/person-a--minister-a--1"
SOURCE = ID + "source/example-source"
SD = "http://www.w3.org/ns/sparql-service-description#"

NOTES = f"""# Two invented graphs of notes, for the tests of kg serve: a TriG file in --data keeps its graphs.
@prefix ex: <{EX}> .
ex:graph-notes {{
  ex:note-1 ex:says "an invented note for the tests"@en ;
    ex:about <{MEETING}> .
}}
ex:graph-more {{ ex:note-2 ex:says "a second invented note" . }}
"""
GRAPHS = {
    ID + "graph/ontology",
    ID + "graph/countries",
    ID + "graph/catalogue",
    SOURCE,
    EX + "graph-notes",
    EX + "graph-more",
}
CONSTRUCT = f"""PREFIX dkg: <{DKG}>
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{ {{ ?s a dkg:Meeting ; ?p ?o }} UNION {{ GRAPH <{EX}graph-notes> {{ ?s ?p ?o }} }} }}
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_DISTINCT_IN_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
COUNTRIES = f"PREFIX dkg: <{DKG}> SELECT ?c WHERE {{ ?c a dkg:Country }} ORDER BY ?c"
JSON_TYPE, XML_TYPE = "application/sparql-results+json", "application/sparql-results+xml"
CSV_TYPE, TSV_TYPE = "text/csv", "text/tab-separated-values"
READ_ONLY = (
    "this endpoint is read-only: it answers SPARQL queries and accepts no SPARQL Update "
    "(to change the graph, edit the data and restart kg serve, or load it into a triple store with kg push)"
)
NOT_ACCEPTABLE = {
    "results": "the answer is results (SELECT, ASK), and Accept names none of its formats: ask for one of "
    "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values "
    "(or add format=NAME: json, xml, csv, tsv)",
    "graph": "the answer is a graph (CONSTRUCT, DESCRIBE), and Accept names none of its formats: ask for one of "
    "text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, "
    "application/rdf+xml (or add format=NAME: turtle, ntriples, nquads, trig, jsonld, xml)",
}
SERVICE_REFUSED = (
    "the query calls another endpoint (SERVICE), which this server refuses so that it sends no request "
    "out; start kg serve with --allow-service to allow federated queries"
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    """The --data arguments: a copy of the minimal fixture and the notes in TriG."""
    root = tmp_path_factory.mktemp("serve-data")
    shutil.copytree(FIXTURES / "minimal", root / "minimal")
    (root / "notes.trig").write_text(NOTES, encoding="utf-8")
    return ("--data", str(root / "minimal"), "--data", str(root / "notes.trig"))


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30, trust_env=False) as client:
        yield client


@pytest.fixture(scope="module")
def server(data: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory, http: httpx.Client) -> Iterator[Server]:
    """kg serve with its default options (the client is set up first, so it is closed after the server)."""
    with serving(*data, cwd=tmp_path_factory.mktemp("serve")) as running:
        yield running


@pytest.fixture(scope="module")
def kg_query(data: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """``kg query`` on the same data: (query text or stored name, args…) → its output."""
    folder = tmp_path_factory.mktemp("local-queries")

    def run(query: str, *args: str) -> str:
        ref = query
        if " " in query:
            ref = str(folder / f"q{abs(hash(query))}.rq")
            Path(ref).write_text(query, encoding="utf-8")
        result = CliRunner().invoke(cli, ["query", ref, *data, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def select(http: httpx.Client, server: Server, query: str, **headers: str) -> httpx.Response:
    return http.get(server.endpoint, params={"query": query}, headers=headers)


def as_graph(body: bytes, rdflib_format: str) -> Graph:
    """Every triple of an RDF document (of any graph of a dataset format) in one graph."""
    dataset = Dataset()
    dataset.parse(data=body, format=rdflib_format)
    graph = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        assert g == DATASET_DEFAULT_GRAPH_ID, f"a query's graph is put in the named graph {g}"
        graph.add((s, p, o))
    return graph


def iri(value: str) -> str:
    return f"<{value}>"


# --- content negotiation ---------------------------------------------------------------------------


def test_select_without_accept_is_sparql_json(server: Server) -> None:
    answer = raw_request(server, "GET", "/sparql?" + urlencode({"query": COUNTRIES}))  # no Accept at all
    assert answer.status == 200
    assert answer.media == JSON_TYPE
    assert iri(ID + "country/AZE") in {r["c"] for r in rows(answer.body)}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("*/*", JSON_TYPE),
        ("application/*", JSON_TYPE),
        (XML_TYPE, XML_TYPE),
        (f"{JSON_TYPE};q=0.5, {XML_TYPE};q=0.9", XML_TYPE),
        (f"{TSV_TYPE}, {CSV_TYPE};q=0.8", TSV_TYPE),
        (f"text/html, {CSV_TYPE};q=0.9, */*;q=0.1", CSV_TYPE),
        ("image/png, */*;q=0.1", JSON_TYPE),
        (f"text/*;q=0.2, {TSV_TYPE};q=0.1, {CSV_TYPE};q=0.3", CSV_TYPE),
    ],
)
def test_accept_picks_the_results_type(http: httpx.Client, server: Server, accept: str, expected: str) -> None:
    response = select(http, server, COUNTRIES, accept=accept)
    assert response.status_code == 200, response.text
    assert media(response) == expected
    if expected == CSV_TYPE:
        found = [r["c"] for r in csv_rows(response.text)]
        assert ID + "country/AZE" in found
    else:
        fmt = ox.QueryResultsFormat.from_media_type(expected)
        assert iri(ID + "country/AZE") in {r["c"] for r in rows(response.content, fmt)}


def test_a_type_refused_with_q0_is_not_given(http: httpx.Client, server: Server) -> None:
    response = select(http, server, COUNTRIES, accept=f"{JSON_TYPE};q=0, application/json;q=0, */*")
    assert response.status_code == 200
    assert media(response) in (XML_TYPE, CSV_TYPE, TSV_TYPE)


def test_ask_in_xml(http: httpx.Client, server: Server) -> None:
    response = select(http, server, f"ASK {{ <{MEETING}> ?p ?o }}", accept=XML_TYPE)
    assert media(response) == XML_TYPE
    assert bool(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)) is True


@pytest.mark.parametrize(
    ("query", "accept"),
    [(COUNTRIES, "image/png"), (COUNTRIES, "text/turtle"), (CONSTRUCT, JSON_TYPE), ("ASK {}", "text/turtle")],
    ids=["select-png", "select-turtle", "construct-json", "ask-turtle"],
)
def test_an_impossible_accept_is_406(http: httpx.Client, server: Server, query: str, accept: str) -> None:
    response = select(http, server, query, accept=accept)
    assert response.status_code == 406
    assert error(response) == NOT_ACCEPTABLE["graph" if query == CONSTRUCT else "results"]


RDF_TYPES = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
    ("application/ld+json", "json-ld"),
]


@pytest.fixture(scope="module")
def local_construct(kg_query: Callable[..., str]) -> Graph:
    return Graph().parse(data=kg_query(CONSTRUCT, "--format", "ntriples"), format="nt")


def test_the_construct_answer_holds_what_the_data_says(local_construct: Graph) -> None:
    assert (URIRef(MEETING), URIRef(str(DKG) + "location"), URIRef(BAKU)) in local_construct
    assert (URIRef(EX + "note-1"), URIRef(EX + "says"), Literal("an invented note for the tests", lang="en")) in (
        local_construct
    )
    assert not list(local_construct.triples((URIRef(EX + "note-2"), None, None)))


@pytest.mark.parametrize(("accept", "rdflib_format"), RDF_TYPES, ids=[f for _, f in RDF_TYPES])
def test_construct_in_each_rdf_format_is_the_kg_query_graph(
    http: httpx.Client, server: Server, local_construct: Graph, accept: str, rdflib_format: str
) -> None:
    response = http.post(
        server.endpoint, content=CONSTRUCT, headers={"content-type": "application/sparql-query", "accept": accept}
    )
    assert response.status_code == 200, response.text
    assert media(response) == accept
    assert isomorphic(as_graph(response.content, rdflib_format), local_construct)


def test_construct_with_weighted_accept(http: httpx.Client, server: Server, local_construct: Graph) -> None:
    response = select(http, server, CONSTRUCT, accept="application/n-triples;q=0.2, text/turtle;q=0.9, */*;q=0.1")
    assert media(response) == "text/turtle"
    response = select(http, server, CONSTRUCT, accept="")
    assert response.status_code == 200
    assert media(response) in dict(RDF_TYPES)
    assert isomorphic(as_graph(response.content, dict(RDF_TYPES)[media(response)]), local_construct)


# --- the service description, the dataset ------------------------------------------------------------


def test_service_description(http: httpx.Client, server: Server) -> None:
    response = http.get(server.endpoint, headers={"accept": "text/turtle"})
    assert response.status_code == 200 and media(response) == "text/turtle"
    graph = Graph().parse(data=response.text, format="turtle")
    result = graph.query(
        f"""PREFIX sd: <{SD}>
        SELECT ?format WHERE {{ ?service a sd:Service ; sd:endpoint <{server.endpoint}> ;
                                  sd:supportedLanguage sd:SPARQL11Query ;
                                  sd:feature sd:UnionDefaultGraph ; sd:resultFormat ?format }}"""
    )
    formats = {str(r[0]).removeprefix("http://www.w3.org/ns/formats/") for r in result}  # type: ignore[index]
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV"} <= formats
    assert {"Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD"} <= formats
    assert (None, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in graph


def test_graph_variable_lists_the_sources_graphs(http: httpx.Client, server: Server) -> None:
    response = select(http, server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {r["g"] for r in rows(response.content)} == {iri(g) for g in GRAPHS}


def test_the_default_graph_is_the_union_of_the_graphs(
    http: httpx.Client, server: Server, kg_query: Callable[..., str]
) -> None:
    (served,) = rows(select(http, server, COUNT).content)
    (distinct,) = rows(select(http, server, COUNT_DISTINCT_IN_GRAPHS).content)
    (local,) = rows(kg_query(COUNT, "--format", "json"))
    assert served == distinct == local
    note = f"ASK {{ <{EX}note-2> <{EX}says> ?text . <{MEETING}> <{DKG}location> <{BAKU}> }}"
    assert select(http, server, note).json()["boolean"] is True


def test_a_trig_file_keeps_its_named_graphs(http: httpx.Client, server: Server) -> None:
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{EX}graph-notes> {{ ?s ?p ?o }} }} ORDER BY ?p"
    assert rows(select(http, server, query).content) == [
        {"s": iri(EX + "note-1"), "p": iri(EX + "about"), "o": iri(MEETING)},
        {"s": iri(EX + "note-1"), "p": iri(EX + "says"), "o": '"an invented note for the tests"@en'},
    ]


# --- read-only, bounded --------------------------------------------------------------------------------

TRIPLE = "<http://example.org/a> <http://example.org/b> 1 ."


def not_accepted(method: str, path: str, allowed: str = "GET, HEAD, POST, OPTIONS") -> str:
    return (
        f"{method} is not accepted at {path}: kg serve is read-only and takes no SPARQL Graph Store writes "
        f"or updates; it answers {allowed}"
    )


WRITES = [  # method, path, content type, body, the status and message expected
    ("POST", "/sparql", "application/sparql-update", "CLEAR ALL", 403, READ_ONLY),
    ("POST", "/sparql", "application/x-www-form-urlencoded", "update=DROP%20ALL", 403, READ_ONLY),
    ("GET", "/sparql?update=CLEAR%20ALL", None, None, 403, READ_ONLY),
    (
        "POST",
        f"/sparql?graph={EX}graph-notes",
        "text/turtle",
        TRIPLE,
        403,
        "text/turtle data is not accepted: " + READ_ONLY,
    ),
    ("PUT", f"/sparql?graph={EX}graph-notes", "text/turtle", TRIPLE, 405, not_accepted("PUT", "/sparql")),
    ("DELETE", f"/sparql?graph={EX}graph-notes", None, None, 405, not_accepted("DELETE", "/sparql")),
    ("PUT", "/sparql?default", "application/n-triples", TRIPLE, 405, not_accepted("PUT", "/sparql")),
    ("PATCH", "/sparql", "application/sparql-update", "CLEAR ALL", 405, not_accepted("PATCH", "/sparql")),
    (
        "PUT",
        f"/store?graph={EX}graph-notes",
        "text/turtle",
        TRIPLE,
        405,
        not_accepted("PUT", "/store", "GET, HEAD, OPTIONS"),
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "kind", "body", "status", "message"), WRITES, ids=[f"{w[0]} {w[1]}" for w in WRITES]
)
def test_writes_are_refused(
    http: httpx.Client,
    server: Server,
    method: str,
    path: str,
    kind: str | None,
    body: str | None,
    status: int,
    message: str,
) -> None:
    (before,) = rows(select(http, server, COUNT).content)
    headers = {"content-type": kind} if kind else {}
    response = http.request(method, server.base + path, content=body, headers=headers)
    assert response.status_code == status
    assert error(response) == message
    assert rows(select(http, server, COUNT).content) == [before]


def service_query(port: int) -> str:
    return f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}"


def test_service_is_refused_by_default(http: httpx.Client, server: Server) -> None:
    listener = Listener()
    try:
        response = select(http, server, service_query(listener.port))
        assert response.status_code == 400
        assert error(response) == SERVICE_REFUSED
        assert listener.received == []
    finally:
        listener.close()


def test_cors(http: httpx.Client, server: Server) -> None:
    origin = "https://elsewhere.example"
    response = http.get(server.endpoint, params={"query": "ASK {}"}, headers={"origin": origin})
    assert response.headers["access-control-allow-origin"] in ("*", origin)
    preflight = http.options(
        server.endpoint,
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] in ("*", origin)
    methods = {m.strip() for m in preflight.headers["access-control-allow-methods"].split(",")}
    assert {"GET", "POST"} <= methods
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert allowed == "*" or "content-type" in {h.strip() for h in allowed.split(",")}


def test_each_request_is_logged(http: httpx.Client, server: Server) -> None:
    start = len(server.log())
    select(http, server, f"SELECT ?e WHERE {{ ?e a <{DKG}Meeting> }}")
    server.wait_for_log(r"^GET /sparql\S* 200 \d+ms 1$", start=start)
    select(http, server, "SELECT ?e WHERE { ?e ")
    server.wait_for_log(r"^GET /sparql\S* 400 \d+ms -$", start=start)


def test_a_malformed_query_is_400_with_the_place(http: httpx.Client, server: Server) -> None:
    response = select(http, server, "SELECT ?e WHERE { ?e a }")
    assert response.status_code == 400
    assert response.text == (
        "SPARQL syntax error in the query at line 1, column 24: expected an RDF term: an IRI, a prefixed name, "
        "a variable, a blank node or a literal, found '}'\n"
        "    1 | SELECT ?e WHERE { ?e a }\n"
        "      |                        ^\n"
    )


def test_relative_iris_resolve_against_the_endpoint(http: httpx.Client, server: Server) -> None:
    assert rows(select(http, server, "SELECT (<here> AS ?x) {}").content) == [{"x": iri(server.base + "/here")}]


# --- stored queries --------------------------------------------------------------------------------------

STORED = [
    ("events-between-countries", {"a": "AZE", "b": "UZB"}),
    ("events-in-window", {"from": "2023-05", "to": "2023-05"}),
    ("events-in-window", {}),
    ("person-statements", {"person": "Персона А", "lang": "ru"}),
    ("who-met-whom", {}),
]


@pytest.mark.parametrize(("name", "params"), STORED, ids=[f"{n}-{len(p)}" for n, p in STORED])
def test_a_stored_query_gives_the_rows_of_kg_query(
    http: httpx.Client, server: Server, kg_query: Callable[..., str], name: str, params: dict[str, str]
) -> None:
    response = http.get(f"{server.base}/queries/{name}", params=params)
    assert response.status_code == 200, response.text
    args = [a for k, v in params.items() if k != "lang" for a in ("-p", f"{k}={v}")]
    args += ["--lang", params["lang"]] if "lang" in params else []
    assert rows(response.content) == rows(kg_query(name, *args, "--format", "json"))


def test_stored_query_answers_worked_out_by_hand(http: httpx.Client, server: Server) -> None:
    between = http.get(f"{server.base}/queries/events-between-countries", params={"a": "AZE", "b": "UZB"})
    assert rows(between.content) == [
        {
            "when": '"2023-05-03"',
            "event": iri(MEETING),
            "kind": '"Meeting"',
            "place": iri(BAKU),
            "sources": '"example-source"',
        }
    ]
    window = http.get(f"{server.base}/queries/events-in-window", params={"from": "2023-05", "to": "2023-05"})
    assert [r["event"] for r in rows(window.content)] == [iri(MEETING)]
    assert rows(http.get(f"{server.base}/queries/events-in-window").content) == []  # defaults: 2024
    statements = http.get(f"{server.base}/queries/person-statements", params={"person": "Персона А", "lang": "ru"})
    found = rows(statements.content)
    assert found and {r["subject"] for r in found} == {iri(PERSON_A), iri(TENURE_A)}
    assert {r["source"] for r in found} == {iri(SOURCE)}


def test_labels_add_label_columns(http: httpx.Client, server: Server, kg_query: Callable[..., str]) -> None:
    url = f"{server.base}/queries/events-between-countries"
    response = http.get(url, params={"a": "AZE", "b": "UZB", "labels": "en"})
    doc = response.json()
    assert doc["head"]["vars"] == ["when", "event", "event_label", "kind", "place", "place_label", "sources"]
    (row,) = rows(response.content)
    assert (row["event_label"], row["place_label"]) == ('"Meeting of Person A and Person B"', '"Baku"')
    azerbaijani = rows(http.get(url, params={"a": "AZE", "b": "UZB", "labels": "az"}).content)
    assert azerbaijani[0]["place_label"] == '"Bakı"'
    as_csv = http.get(url, params={"a": "AZE", "b": "UZB", "labels": "en", "format": "csv"})
    assert media(as_csv) == CSV_TYPE
    assert csv_rows(as_csv.text) == csv_rows(kg_query("events-between-countries", "--format", "csv"))


@pytest.mark.parametrize(
    ("fmt", "expected"), [("json", JSON_TYPE), ("xml", XML_TYPE), ("csv", CSV_TYPE), ("tsv", TSV_TYPE)]
)
def test_stored_query_format_parameter(http: httpx.Client, server: Server, fmt: str, expected: str) -> None:
    response = http.get(f"{server.base}/queries/events-between-countries", params={"format": fmt})
    assert response.status_code == 200 and media(response) == expected
    if fmt == "csv":
        assert [r["event"] for r in csv_rows(response.text)] == [MEETING]
    else:
        found = rows(response.content, ox.QueryResultsFormat.from_media_type(expected))
        assert [r["event"] for r in found] == [iri(MEETING)]
    by_accept = http.get(f"{server.base}/queries/events-between-countries", headers={"accept": expected})
    assert media(by_accept) == expected and by_accept.content == response.content


@pytest.mark.parametrize(
    "path",
    [
        "/queries/../pyproject",
        "/queries/..%2F..%2Fpyproject",
        "/queries/%2e%2e/queries/who-met-whom",
        "/queries/no-such-query",
    ],
)
def test_only_stored_queries_are_reachable(server: Server, path: str) -> None:
    answer = raw_request(server, "GET", path)  # sent as written: no client-side clean-up of the path
    assert answer.status == 404, answer.text
    assert json.loads(answer.body)["message"].startswith("unknown stored query '")


def test_stored_query_errors_are_json(http: httpx.Client, server: Server) -> None:
    unknown = http.get(f"{server.base}/queries/no-such-query")
    assert unknown.status_code == 404
    assert (unknown.json()["message"], unknown.json()["value"]) == (
        "unknown stored query 'no-such-query'",
        "no-such-query",
    )
    assert unknown.json()["error"].startswith("unknown stored query 'no-such-query'; use one of: ")
    url = f"{server.base}/queries/events-between-countries"
    graph_format = http.get(url, params={"format": "turtle"})
    assert graph_format.status_code == 400
    assert graph_format.json()["error"] == (
        "format: turtle is not a format for results (the answer of SELECT and ASK); use one of: json, xml, csv, tsv"
    )
    language = http.get(url, params={"labels": "xx"})
    assert language.status_code == 400
    assert language.json()["error"] == "labels: unknown language 'xx'; use one of: en, az, ru, uz"
    wrong = http.get(url, params={"a": "Nowhere"})
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "parameter a: no country is named 'Nowhere'; did you mean NER, NOR?"
    assert wrong.json()["input"] == {"kind": "parameter", "name": "a"}


def test_the_list_of_stored_queries(http: httpx.Client, server: Server) -> None:
    listed = {q["name"]: q for q in http.get(f"{server.base}/queries").json()}
    assert {"events-between-countries", "who-met-whom", "person-statements"} <= set(listed)
    between = listed["events-between-countries"]
    assert between["title"] == "Events between two countries"
    assert [(p["name"], p["type"], p["default"]) for p in between["params"]] == [
        ("a", "country", "AZE"),
        ("b", "country", "UZB"),
    ]


# --- a researcher's client -------------------------------------------------------------------------------


def test_sparqlwrapper(server: Server) -> None:
    from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper

    wrapper = SPARQLWrapper(server.endpoint)
    wrapper.setQuery(f"SELECT ?place WHERE {{ <{MEETING}> <{DKG}location> ?place }}")
    wrapper.setReturnFormat(JSON)
    answer = wrapper.queryAndConvert()
    assert answer["results"]["bindings"] == [{"place": {"type": "uri", "value": BAKU}}]  # type: ignore[index]
    wrapper.setMethod(POST)
    assert wrapper.queryAndConvert() == answer
    wrapper.setRequestMethod(POSTDIRECTLY)
    assert wrapper.queryAndConvert() == answer
    wrapper.setQuery(f"ASK {{ <{MEETING}> a <{DKG}Meeting> }}")
    assert wrapper.queryAndConvert()["boolean"] is True  # type: ignore[index]
    wrapper.setQuery(CONSTRUCT)
    wrapper.setReturnFormat(TURTLE)
    turtle = wrapper.queryAndConvert()
    assert isinstance(turtle, bytes)
    assert (URIRef(EX + "note-1"), URIRef(EX + "about"), URIRef(MEETING)) in Graph().parse(data=turtle, format="turtle")
