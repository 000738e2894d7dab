"""The kg serve application in-process (Starlette's TestClient) over a real worker pool on a small store.

The W3C protocol manifests and the command itself are tested through a subprocess in test_serve_w3c.py and
test_serve_protocol.py; here each behaviour of the app is checked on its exact answer.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import uvicorn
from starlette.testclient import TestClient

from kg.catalogue import StoredQuery, parse_header, stored_queries
from kg.graph import load
from kg.serve.app import Settings, create_app
from kg.serve.description import Dataset
from kg.serve.workers import Pool

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EX = "http://example.org/"
TRIG = f"""
<{EX}g1> {{ <{EX}a> <{EX}p> "one" . <{EX}shared> <{EX}p> "both" . }}
<{EX}g2> {{ <{EX}b> <{EX}p> "two" . <{EX}shared> <{EX}p> "both" . }}
"""
MAX_ROWS = 5
TIMEOUT = 1.5
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SELECT_P = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
CONSTRUCT_P = f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}"
NEIGHBOURS_TEXT = """# title: Places of a country
# description: Every place in a country, as a graph.
# param: country country AZE -- the country
CONSTRUCT { ?place dkg:country ?country } WHERE { ?place a dkg:Place ; dkg:country ?country }
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Pool, list[str]]]:
    root = tmp_path_factory.mktemp("serve-app")
    (root / "graphs.trig").write_text(TRIG, encoding="utf-8")
    kg = load(FIXTURES / "minimal", (root / "graphs.trig",))
    kg.store.save(root / "store")
    title, description, params = parse_header(NEIGHBOURS_TEXT, "stored query places")
    places = StoredQuery("places", NEIGHBOURS_TEXT, "stored query places", title, description, params)
    pool = Pool(root / "store", 2)
    pool.start()
    lines: list[str] = []
    settings = Settings(timeout=TIMEOUT, max_rows=MAX_ROWS, max_body=2000)
    app = create_app(pool, Dataset.of(kg.store), settings, [*stored_queries(), places], log=lines.append)
    try:
        with TestClient(app) as client:
            yield client, pool, lines
    finally:
        pool.close()


@pytest.fixture
def client(served: tuple[TestClient, Pool, list[str]]) -> TestClient:
    return served[0]


def values(response, var: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [b[var]["value"] for b in response.json()["results"]["bindings"]]


# --- the protocol: three ways to send a query
def test_get_post_form_and_post_direct(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": SELECT_P})
    form = client.post("/sparql", data={"query": SELECT_P})
    direct = client.post("/sparql", content=SELECT_P, headers={"Content-Type": "application/sparql-query"})
    for r in (got, form, direct):
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/sparql-results+json"
        assert values(r, "o") == ["one", "two", "both"]
    assert client.post("/sparql/", data={"query": "ASK {}"}).json() == {"head": {}, "boolean": True}


def test_results_by_accept(client: TestClient) -> None:
    def ask(accept: str) -> tuple[str, bytes]:
        r = client.get("/sparql", params={"query": SELECT_P}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        return r.headers["content-type"], r.content

    kind, body = ask("text/csv")
    assert (kind, body) == ("text/csv; charset=utf-8", f"s,o\r\n{EX}a,one\r\n{EX}b,two\r\n{EX}shared,both\r\n".encode())
    kind, body = ask("text/tab-separated-values")
    assert kind == "text/tab-separated-values; charset=utf-8"
    assert body.decode().splitlines()[:2] == ["?s\t?o", f'<{EX}a>\t"one"']
    kind, body = ask("text/csv;q=0.5, application/sparql-results+xml")
    assert kind == "application/sparql-results+xml"
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    assert [s["o"].value for s in parsed] == ["one", "two", "both"]
    kind, body = ask("application/json")
    assert kind == "application/json" and json.loads(body)["head"] == {"vars": ["s", "o"]}


def test_graphs_by_accept_in_every_format(client: TestClient) -> None:
    expected = {(f"{EX}a", "one"), (f"{EX}b", "two"), (f"{EX}shared", "both")}
    types = {
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "application/n-quads": ox.RdfFormat.N_QUADS,
        "application/trig": ox.RdfFormat.TRIG,
        "application/ld+json": ox.RdfFormat.JSON_LD,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
    }
    for media_type, rdf in types.items():
        r = client.get("/sparql", params={"query": CONSTRUCT_P}, headers={"Accept": media_type})
        assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media_type
        parsed = {(q.subject.value, q.object.value) for q in ox.parse(r.content, format=rdf)}
        assert parsed == expected, media_type
    default = client.get("/sparql", params={"query": CONSTRUCT_P})
    assert default.headers["content-type"] == "text/turtle; charset=utf-8"


def test_relative_iris_resolve_against_the_endpoint(client: TestClient) -> None:
    query = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    r = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200, r.text
    triple = next(iter(ox.parse(r.content, format=ox.RdfFormat.TURTLE))).triple
    assert (triple.subject.value, triple.predicate.value) == ("http://testserver/s", "http://testserver/p")
    bad = client.get("/sparql", params={"query": "SELECT * WHERE { <s> ?p }"})
    assert (bad.status_code, bad.text) == (400, "SPARQL syntax error in the query: error at 1:26: expected OPTIONAL\n")


def test_format_overrides_accept(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": SELECT_P, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    r = client.get("/sparql", params={"query": CONSTRUCT_P, "format": "csv"})
    assert r.status_code == 400
    assert r.text == (
        "format: csv is not a format for a graph (the answer of CONSTRUCT and DESCRIBE); "
        "use one of: turtle, ntriples, nquads, trig, jsonld, xml\n"
    )


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": SELECT_P}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.text == (
        "the answer is results (SELECT, ASK), and Accept names none of its formats: ask for one of "
        "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values "
        "(or add format=NAME: json, xml, csv, tsv)\n"
    )
    r = client.get("/sparql", params={"query": CONSTRUCT_P}, headers={"Accept": "text/csv"})
    assert r.status_code == 406 and r.text.startswith("the answer is a graph (CONSTRUCT, DESCRIBE), and Accept")


# --- the dataset
def test_default_graph_is_the_merge_and_graph_reaches_each_source(client: TestClient) -> None:
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{EX}shared> <{EX}p> ?o }}"
    assert values(client.get("/sparql", params={"query": count}), "n") == ["1"]  # once, though in two graphs
    graphs = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}shared> <{EX}p> ?o }} }} ORDER BY ?g"
    assert values(client.get("/sparql", params={"query": graphs}), "g") == [f"{EX}g1", f"{EX}g2"]


def test_protocol_dataset(client: TestClient) -> None:
    def ask(query: str, **dataset: list[str]) -> list[str]:
        params = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in dataset.items() for v in vs]
        r = client.get("/sparql", params=params)
        assert r.status_code == 200, r.text
        return values(r, "o")

    assert ask(SELECT_P, default_graph_uri=[f"{EX}g1"]) == ["one", "both"]
    # several default graphs: their merge, each triple once
    assert ask(SELECT_P, default_graph_uri=[f"{EX}g1", f"{EX}g2"]) == ["one", "two", "both"]
    # only named graphs given: the default graph is empty, and the protocol's dataset replaces FROM
    assert ask(SELECT_P, named_graph_uri=[f"{EX}g1"]) == []
    from_g2 = f"SELECT ?o FROM <{EX}g2> WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o"
    assert ask(from_g2) == ["both", "two"]
    assert ask(from_g2, default_graph_uri=[f"{EX}g1"]) == ["both", "one"]
    in_graphs = f"SELECT ?o WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }} ORDER BY ?o"
    assert ask(in_graphs, named_graph_uri=[f"{EX}g2"]) == ["both", "two"]
    assert ask(in_graphs, default_graph_uri=[f"{EX}g1"]) == []  # no named graphs given: none
    r = client.get("/sparql", params={"query": SELECT_P, "default-graph-uri": "not an iri"})
    assert (r.status_code, r.text) == (400, "default-graph-uri 'not an iri' is not an absolute IRI\n")


# --- bounds
def test_results_beyond_max_rows_are_cut_and_say_so(client: TestClient) -> None:
    query = "SELECT ?c WHERE { ?c a dkg:Country } ORDER BY ?c"
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 200 and r.headers["x-sparql-maxrows"] == str(MAX_ROWS)
    assert [v.rsplit("/", 1)[1] for v in values(r, "c")] == ["ABW", "AFG", "AGO", "AIA", "ALA"]
    r = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert len(list(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.XML))) == MAX_ROWS
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?c a dkg:Country }"})
    assert graph.headers["x-sparql-maxrows"] == str(MAX_ROWS)
    assert len(list(ox.parse(graph.content, format=ox.RdfFormat.TURTLE))) == MAX_ROWS
    assert "x-sparql-maxrows" not in client.get("/sparql", params={"query": SELECT_P}).headers


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    query = "ASK {}" + " " * 3000
    r = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert (r.status_code, r.text) == (413, "the request body is over the limit of 2000 bytes (kg serve --max-body)\n")


def test_a_runaway_query_is_503_and_its_worker_replaced(served: tuple[TestClient, Pool, list[str]]) -> None:
    client, pool, _ = served
    before, replaced = pool.pids(), pool.replaced
    r = client.get("/sparql", params={"query": RUNAWAY})
    assert r.status_code == 503
    assert r.text == (
        f"the query ran past the time limit of {TIMEOUT:g} s (kg serve --timeout) and was stopped: make it more "
        "selective (a LIMIT, a FILTER, fewer unbound patterns), or start kg serve with a longer --timeout\n"
    )
    assert pool.replaced == replaced + 1
    for _ in range(100):  # the replacement starts in the background
        if len(pool.pids()) == 2 and pool.idle == 2:
            break
        time.sleep(0.05)
    assert len(set(before) - set(pool.pids())) == 1 and len(pool.pids()) == 2
    assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


# --- refusals
def test_protocol_errors(client: TestClient) -> None:
    two = client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert (two.status_code, two.text) == (400, "the request gives 2 queries (query=…): give exactly one\n")
    put = client.put("/sparql", params={"query": "ASK {}"})
    assert put.status_code == 405 and put.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert put.text == (
        "PUT is not accepted at /sparql: kg serve is read-only and takes no SPARQL Graph Store writes or "
        "updates; it answers GET, HEAD, POST, OPTIONS\n"
    )
    send = (
        "send a query as GET /sparql?query=…, as a POST of a form (application/x-www-form-urlencoded, query=…), "
        "or as a POST of the query itself (application/sparql-query)"
    )
    plain = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert (plain.status_code, plain.text) == (415, f"text/plain is not a media type for a query: {send}\n")
    bare = client.post("/sparql", content="query=ASK%20%7B%7D")
    assert (bare.status_code, bare.text) == (415, f"the POST has no Content-Type: {send}\n")
    utf16 = client.post(
        "/sparql",
        content="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert (utf16.status_code, utf16.text) == (
        415,
        "application/sparql-query with charset=UTF-16 is not accepted: send the text in UTF-8\n",
    )
    latin = client.post("/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"})
    assert (latin.status_code, latin.text) == (400, "the body is not UTF-8: send the query in UTF-8\n")
    url = client.get("/sparql?query=ASK%20%7B%20%FF%20%7D")
    assert (url.status_code, url.text) == (400, "the URL is not UTF-8: percent-encode the query's UTF-8 bytes\n")
    empty = client.post("/sparql", data={"default-graph-uri": f"{EX}g1"})
    assert (empty.status_code, empty.text) == (400, f"the POST holds no query: {send}\n")


def test_a_syntax_error_is_located(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE {\n  ?s ?p \n}"})
    assert r.status_code == 400 and r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.text == (
        "SPARQL syntax error in the query at line 3, column 1: expected an RDF term: an IRI, a prefixed name, "
        "a variable, a blank node or a literal, found '}'\n    3 | }\n      | ^\n"
    )
    assert client.get("/sparql?query=ASK%20%7B").status_code == 400


def test_updates_are_refused(client: TestClient) -> None:
    read_only = (
        "this endpoint is read-only: it answers SPARQL queries and accepts no SPARQL Update (to change the graph, "
        "edit the data and restart kg serve, or load it into a triple store with kg push)\n"
    )
    attempts = [
        client.get("/sparql", params={"update": "CLEAR ALL"}),
        client.post("/sparql", data={"update": "CLEAR NAMED"}),
        client.post("/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", data={"query": "PREFIX ex: <http://x/> # a comment\nINSERT DATA { ex:a ex:b ex:c }"}),
        client.get("/sparql", params={"query": "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"}),
    ]
    for r in attempts:
        assert (r.status_code, r.text) == (403, read_only)
    turtle = client.post("/sparql", content="<http://x/a> <http://x/b> 1 .", headers={"Content-Type": "text/turtle"})
    assert (turtle.status_code, turtle.text) == (403, f"text/turtle data is not accepted: {read_only}")
    # a word in a string or an IRI is no update
    r = client.get("/sparql", params={"query": 'SELECT ("INSERT" AS ?x) WHERE { }'})
    assert values(r, "x") == ["INSERT"]


def test_service_is_refused(client: TestClient) -> None:
    refused = (
        "the query calls another endpoint (SERVICE), which this server refuses so that it sends no request out; "
        "start kg serve with --allow-service to allow federated queries\n"
    )
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert (r.status_code, r.text) == (400, refused)
    r = client.get("/sparql", params={"query": "SELECT * WHERE { service silent ?where { ?s ?p ?o } }"})
    assert (r.status_code, r.text) == (400, refused)
    malformed = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p } }"})
    assert malformed.status_code == 400 and malformed.text.startswith("SPARQL syntax error in the query at line 1")
    # not a SERVICE call: a variable, a prefixed name, an IRI, a string, a comment
    harmless = 'SELECT ?service WHERE { BIND(<http://x/SERVICE> AS ?service) FILTER(?service != "SERVICE") } # SERVICE'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


def test_writes_elsewhere_are_refused(client: TestClient) -> None:
    for method in ("PUT", "DELETE", "POST", "PATCH"):
        r = client.request(method, "/sparql-graph-crud", params={"graph": f"{EX}g1"}, content="<a> <b> <c> .")
        assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD, OPTIONS"
        assert r.json() == {
            "error": f"{method} is not accepted at /sparql-graph-crud: kg serve is read-only and takes no SPARQL "
            "Graph Store writes or updates; it answers GET, HEAD, OPTIONS"
        }
    for method in ("DELETE", "PUT"):
        assert client.request(method, "/sparql").status_code == 405
    missing = client.get("/nothing")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": "nothing at /nothing: the SPARQL endpoint is /sparql, the stored queries /queries"
    }


# --- the service description
def test_service_description(client: TestClient) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = [q.triple for q in ox.parse(r.content, format=ox.RdfFormat.TURTLE)]
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = ox.NamedNode("http://testserver/sparql")
    assert ox.Triple(endpoint, ox.NamedNode(sd + "endpoint"), endpoint) in graph
    assert ox.Triple(endpoint, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")) in graph
    assert ox.Triple(endpoint, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")) in graph
    formats = {t.object.value for t in graph if t.predicate.value == sd + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats and len(formats) == 10
    names = {t.object.value for t in graph if t.predicate.value == sd + "name"}
    assert {f"{EX}g1", f"{EX}g2", "https://w3id.org/diplomatic-kg/id/graph/ontology"} <= names
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json"
    assert len(list(ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD))) == len(graph)
    xml = client.get("/sparql", headers={"Accept": "application/rdf+xml"})
    assert len(list(ox.parse(xml.content, format=ox.RdfFormat.RDF_XML))) == len(graph)
    browser = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"}, follow_redirects=False)
    assert (browser.status_code, browser.headers["location"]) == (303, "/")


# --- stored queries
def test_stored_queries_are_listed(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert {"events-between-countries", "who-met-whom", "places"} <= set(listed)
    assert listed["events-between-countries"]["params"][0] == {
        "name": "a",
        "type": "country",
        "default": "AZE",
        "description": "one country (ISO alpha-3 code, id or IRI)",
    }
    assert listed["places"]["title"] == "Places of a country"


def test_a_stored_query_with_parameters_and_labels(client: TestClient) -> None:
    r = client.get("/queries/events-between-countries", params={"a": "UZB", "b": "aze", "labels": "en"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/sparql-results+json"
    assert r.json()["head"]["vars"] == ["when", "event", "event_label", "kind", "place", "place_label", "sources"]
    assert values(r, "event_label") == ["Meeting of Person A and Person B"]
    csv = client.get("/queries/events-between-countries", params={"format": "csv", "labels": "en"})
    assert csv.text.splitlines()[0] == "when,event,event_label,kind,place,place_label,sources"
    plain = client.get("/queries/events-between-countries", params={"format": "tsv"})
    assert plain.text.splitlines()[0] == "?when\t?event\t?kind\t?place\t?sources"
    xml = client.get(
        "/queries/events-between-countries",
        params={"labels": "az"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    labels = [s["place_label"].value for s in ox.parse_query_results(xml.content, format=ox.QueryResultsFormat.XML)]
    assert labels == ["Bakı"]
    graph = client.get("/queries/places", params={"country": "Azerbaijan", "format": "ntriples"})
    assert graph.headers["content-type"] == "application/n-triples"
    assert graph.text == (
        "<https://w3id.org/diplomatic-kg/id/place/baku> <https://w3id.org/diplomatic-kg/ontology#country> "
        "<https://w3id.org/diplomatic-kg/id/country/AZE> .\n"
    )


def test_stored_query_errors(client: TestClient) -> None:
    unknown = client.get("/queries/events-between-countrie")
    assert unknown.status_code == 404
    near = ["events-between-countries", "documents-between-countries", "sectors-between-countries"]
    assert unknown.json()["error"] == f"unknown stored query 'events-between-countrie'; did you mean {', '.join(near)}?"
    assert unknown.json()["closest"] == near
    for path in ("/queries/..%2Fpyproject.toml", "/queries/%2Fetc%2Fpasswd", "/queries/checks/..%2F..%2FREADME.md"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"].startswith("unknown stored query '")
    bad = client.get("/queries/events-between-countries", params={"a": "Atlantis"})
    assert bad.status_code == 400
    assert bad.json()["input"] == {"kind": "parameter", "name": "a"}
    assert bad.json()["error"].startswith("parameter a: ")
    extra = client.get("/queries/events-between-countries", params={"c": "AZE"})
    assert (
        extra.json()["error"]
        == "parameter c: stored query events-between-countries has no such parameter; use one of: a, b"
    )
    lang = client.get("/queries/events-between-countries", params={"lang": "fr"})
    assert (lang.status_code, lang.json()["error"]) == (
        400,
        "lang: unknown language 'fr'; use one of: en, az, ru, uz",
    )
    fmt = client.get("/queries/places", params={"format": "csv"})
    assert fmt.status_code == 400 and fmt.json()["error"].startswith("format: csv is not a format for a graph")


# --- CORS and the log
def test_cors(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK {}"})
    assert r.headers["access-control-allow-origin"] == "*"
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "X-SPARQL-MaxRows" in r.headers["access-control-expose-headers"]
    pre = client.options(
        "/sparql",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == "*"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert pre.headers["access-control-allow-headers"].lower() == "content-type"


def test_one_log_line_per_request(served: tuple[TestClient, Pool, list[str]]) -> None:
    client, _, lines = served
    start = len(lines)
    client.get("/sparql", params={"query": SELECT_P})
    client.put("/sparql")
    client.get("/queries/events-between-countries", params={"format": "csv"})
    logged = lines[start:]
    assert len(logged) == 3
    assert re.fullmatch(r"GET /sparql 200 \d+ms 3", logged[0])
    assert re.fullmatch(r"PUT /sparql 405 \d+ms -", logged[1])
    assert re.fullmatch(r"GET /queries/events-between-countries 200 \d+ms 1", logged[2])


# --- a client that goes away, over a real socket
def test_a_client_that_disconnects_frees_its_worker(served: tuple[TestClient, Pool, list[str]], tmp_path: Path) -> None:
    kg = load(FIXTURES / "minimal")
    kg.store.save(tmp_path / "store")
    pool = Pool(tmp_path / "store", 1)
    pool.start()
    lines: list[str] = []
    app = create_app(pool, Dataset.of(kg.store), Settings(timeout=60), log=lines.append)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        before = pool.pids()
        client = socket.create_connection(sock.getsockname())
        client.sendall(f"GET /sparql?query={quote(RUNAWAY)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(0.5)  # the query is running
        client.close()
        for _ in range(200):
            if pool.replaced == 1 and pool.pids() and pool.pids() != before:
                break
            time.sleep(0.05)
        assert pool.replaced == 1
        assert len(pool.pids()) == 1 and pool.pids() != before
        assert re.fullmatch(r"GET /sparql 499 \d+ms -", lines[-1])
    finally:
        server.should_exit = True
        thread.join(10)
        pool.close()
