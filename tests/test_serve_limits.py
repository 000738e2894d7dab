"""`kg serve`'s limits, against the server in a subprocess on tests/fixtures/minimal: --max-body, --max-rows,
--timeout (the query stopped, its worker killed and replaced, other clients served meanwhile), a client
going away, and SERVICE with --allow-service.

Servers: ``limited`` (--max-rows 2, --max-body 2048, --timeout 4, two workers, --allow-service) and
``single`` (one worker and a long timeout, so that only the client's going away can free the worker). The
workers are watched in /proc: the one running a query is the one using CPU.
"""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from tests.conftest import FIXTURES
from tests.serve_process import (
    Listener,
    Server,
    alive,
    busiest,
    csv_rows,
    error,
    rows,
    serving,
    unused_port,
    wait_until,
)

DKG = "https://w3id.org/diplomatic-kg/ontology#"
ID = "https://w3id.org/diplomatic-kg/id/"
MEETING = ID + "event/meeting-a-b"
JSON_TYPE, XML_TYPE, CSV_TYPE = "application/sparql-results+json", "application/sparql-results+xml", "text/csv"
# Every ISO 3166-1 country is in the reference data; in IRI order the first two codes are ABW and AFG.
COUNTRIES = f"SELECT ?c WHERE {{ ?c a <{DKG}Country> }} ORDER BY ?c"
FIRST_TWO = [f"<{ID}country/ABW>", f"<{ID}country/AFG>"]
# A cross join of four patterns over the thousands of triples of the ontology and the countries: it runs
# for hours unless stopped.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SPARQL_QUERY = {"content-type": "application/sparql-query"}
TIMED_OUT = (
    "the query ran past the time limit of 4 s (kg serve --timeout) and was stopped: make it more selective "
    "(a LIMIT, a FILTER, fewer unbound patterns), or start kg serve with a longer --timeout"
)
TOO_BIG = "the request body is over the limit of 2048 bytes (kg serve --max-body)"


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30, trust_env=False) as client:
        yield client


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    root = tmp_path_factory.mktemp("limits-data")
    shutil.copytree(FIXTURES / "minimal", root / "minimal")
    return ("--data", str(root / "minimal"))


@pytest.fixture(scope="module")
def limited(data: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory, http: httpx.Client) -> Iterator[Server]:
    options = ("--max-rows", "2", "--max-body", "2048", "--timeout", "4", "--workers", "2", "--allow-service")
    with serving(*data, *options, cwd=tmp_path_factory.mktemp("limited")) as running:
        yield running


@pytest.fixture(scope="module")
def single(data: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory, http: httpx.Client) -> Iterator[Server]:
    with serving(*data, "--workers", "1", "--timeout", "120", cwd=tmp_path_factory.mktemp("single")) as running:
        yield running


def select(http: httpx.Client, server: Server, query: str, **headers: str) -> httpx.Response:
    return http.get(server.endpoint, params={"query": query}, headers=headers)


def service_query(port: int) -> str:
    return f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}"


# --- bounded bodies and answers ---------------------------------------------------------------------------


def test_a_body_over_max_body_is_413(http: httpx.Client, limited: Server) -> None:
    big = "ASK {}\n#" + "x" * 3000
    response = http.post(limited.endpoint, content=big, headers=SPARQL_QUERY)
    assert response.status_code == 413
    assert error(response) == TOO_BIG
    # the same without a Content-Length (chunked): counted as it arrives
    chunked = http.post(
        limited.endpoint, content=iter([big[:1500].encode(), big[1500:].encode()]), headers=SPARQL_QUERY
    )
    assert chunked.status_code == 413
    form = http.post(limited.endpoint, data={"query": big})
    assert form.status_code == 413
    small = http.post(limited.endpoint, content="ASK {}", headers=SPARQL_QUERY)
    assert small.status_code == 200 and small.json()["boolean"] is True


def test_max_rows_cuts_to_a_complete_document(http: httpx.Client, limited: Server) -> None:
    for accept, fmt in ((JSON_TYPE, ox.QueryResultsFormat.JSON), (XML_TYPE, ox.QueryResultsFormat.XML)):
        response = select(http, limited, COUNTRIES, accept=accept)
        assert response.status_code == 200
        assert response.headers["x-sparql-maxrows"] == "2"
        assert [r["c"] for r in rows(response.content, fmt)] == FIRST_TWO
    response = select(http, limited, COUNTRIES, accept=CSV_TYPE)
    assert response.headers["x-sparql-maxrows"] == "2"
    assert [r["c"] for r in csv_rows(response.text)] == [c.strip("<>") for c in FIRST_TWO]
    # an answer within the limit is not marked
    response = select(http, limited, f"SELECT ?e WHERE {{ ?e a <{DKG}Meeting> }}")
    assert rows(response.content) == [{"e": f"<{MEETING}>"}]
    assert "x-sparql-maxrows" not in response.headers


def test_service_is_sent_with_allow_service(http: httpx.Client, limited: Server) -> None:
    listener = Listener()
    try:
        response = select(http, limited, service_query(listener.port))
        assert response.status_code == 200, response.text
        assert rows(response.content) == [{"x": '"from afar"'}]
        (request,) = listener.received
        assert request.startswith(b"POST /sparql ")
    finally:
        listener.close()
    # a port nobody listens on: the request is attempted and its failure reported, not a 200
    response = select(http, limited, service_query(unused_port()))
    assert response.status_code == 502
    assert error(response).startswith("a SERVICE call of the query failed: ")


# --- timeouts and clients going away ------------------------------------------------------------------------


def test_a_runaway_query_is_stopped_while_others_are_answered(http: httpx.Client, limited: Server) -> None:
    workers = limited.workers()
    answer: list[httpx.Response] = []
    done = threading.Event()

    def runaway() -> None:
        with httpx.Client(timeout=60, trust_env=False) as client:
            answer.append(client.post(limited.endpoint, content=RUNAWAY, headers=SPARQL_QUERY))
        done.set()

    start = len(limited.log())
    threading.Thread(target=runaway, daemon=True).start()
    busy = busiest(workers)
    meanwhile = select(http, limited, "ASK {}")
    assert meanwhile.json()["boolean"] is True
    assert not done.is_set(), "the runaway query ended before the other client was answered"
    assert done.wait(60), "the runaway query got no answer"
    (response,) = answer
    assert response.status_code == 503
    assert error(response) == TIMED_OUT
    limited.wait_for_log(r"^POST /sparql 503 \d+ms -$", start=start)
    assert wait_until(lambda: not alive(busy), 10), f"the worker {busy} is still running after the timeout"
    assert wait_until(lambda: len(limited.workers()) >= len(workers), 15), "the worker was not replaced"
    assert busy not in limited.workers()
    assert select(http, limited, "ASK {}").json()["boolean"] is True


def test_a_client_going_away_frees_its_worker(http: httpx.Client, single: Server) -> None:
    workers = single.workers()
    body = RUNAWAY.encode()
    head = "POST /sparql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/sparql-query\r\n"
    head += f"content-length: {len(body)}\r\n\r\n"
    start = len(single.log())
    connection = socket.create_connection(("127.0.0.1", single.port))
    connection.sendall(head.encode() + body)
    busy = busiest(workers)
    connection.close()
    assert wait_until(lambda: not alive(busy), 15), f"the worker {busy} still runs the query of a gone client"
    single.wait_for_log(r"^POST /sparql 499 \d+ms -$", start=start)
    # the one worker is free again (replaced) well before the 120 s timeout
    response = http.get(single.endpoint, params={"query": "ASK {}"}, timeout=30)
    assert response.json()["boolean"] is True
