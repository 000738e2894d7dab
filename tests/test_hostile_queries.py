"""Parameter values crafted to break out of a query are refused or bound as terms, and never change the
query's structure: locally (every stored query, every parameter), on ``kg serve``'s ``/queries/`` (a real
server, whose stored-query names cannot reach files outside ``queries/``), and against a remote endpoint
(a real Oxigraph server, whose data stays as it was)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Literal, URIRef

from kg.catalogue import stored_queries
from kg.errors import UsageError
from kg.graph import load
from kg.queries import bind, run
from kg.remote import RemoteStore
from kg.terms import Resolver
from tests.conftest import FIXTURES, ROOT
from tests.endpoints import merged, oxigraph_holding
from tests.serve_process import serving

CRAFTED = [
    '"} ; DROP ALL ; SELECT * {',
    "} ; DROP ALL",
    "AZE } UNION { ?s ?p ?o",
    "<http://example.org/a> } ?x ?p ?o {",
    "http://example.org/a b",
    "http://example.org/a>b",
    "<http://example.org/a>b>",
    '"x"@en-',
    '"x"@not_a_tag',
    '"x"^^<http://example.org/t> } {',
    "'''",
    "\\",
    "?x",
    "$s",
    "# comment\n}",
    "\u202e\u200d",
    "2023-02-30",
    "person-a } OPTIONAL { ?a ?b ?c",
]
QUERIES = stored_queries()
CASES = [(q, p, v) for q in QUERIES for p in q.params for v in CRAFTED]
_ID = re.compile(r"^[^\s<>\"{}|^`\\]+$")  # an IRI as N-Triples writes it: none of these characters


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load(ROOT / "data").store


def _defaults(query, store):  # type: ignore[no-untyped-def]
    return run(store, query.text, bind(query, {}, Resolver(store)), query.shown)


def _check_bound(node: object, value: str) -> None:
    """A value that was accepted is one term: a literal holding the text, or an IRI with no syntax in it."""
    if isinstance(node, Literal):
        return  # a literal holds any text; the engine writes it escaped
    assert isinstance(node, URIRef), node
    assert _ID.match(str(node)), f"{value!r} became the IRI {str(node)!r}"


@pytest.mark.parametrize(
    ("query", "param", "value"),
    CASES,
    ids=[f"{q.name}-{p.name}-{i % len(CRAFTED)}" for i, (q, p, _) in enumerate(CASES)],
)
def test_a_crafted_value_is_refused_or_bound_as_a_term(store, query, param, value, caplog) -> None:  # type: ignore[no-untyped-def]
    resolver = Resolver(store)
    try:
        bindings = bind(query, {param.name: value}, resolver)
    except UsageError as exc:
        assert exc.message  # refused, in words
        assert caplog.records == []  # and nothing else on the terminal (rdflib warns of IRIs it would not write)
        return
    _check_bound(bindings[param.name], value)
    result = run(store, query.text, bindings, query.shown)
    expected = _defaults(query, store)
    assert result.form == expected.form and result.variables == expected.variables  # the same query, another term


def test_a_string_parameter_holding_query_text_matches_nothing(store) -> None:  # type: ignore[no-untyped-def]
    text = "SELECT ?x WHERE { ?x rdfs:label ?label }"
    for value in CRAFTED:
        result = run(store, text, {"label": Literal(value)})
        assert result.rows == [], value  # no label is query text: bound as a string, it finds nothing


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving("--data", str(ROOT / "data"), "--workers", "2", cwd=tmp_path_factory.mktemp("serve")) as s:
        yield s.endpoint.removesuffix("/sparql")


@pytest.mark.parametrize("value", CRAFTED)
def test_served_stored_queries_refuse_or_bind_crafted_values(server: str, value: str) -> None:
    with httpx.Client(timeout=30) as http:
        plain = http.get(f"{server}/queries/events-between-countries", params={"format": "csv"})
        found = http.get(f"{server}/queries/events-between-countries", params={"a": value, "format": "csv"})
        assert found.status_code in (200, 400), found.text
        if found.status_code == 200:
            assert found.text.splitlines()[0] == plain.text.splitlines()[0]  # the same columns
        else:
            assert "a" in found.text and "Traceback" not in found.text
        assert http.get(f"{server}/queries/events-between-countries").status_code == 200  # still answering


@pytest.mark.parametrize(
    "path",
    [
        "/queries/..%2Fpyproject.toml",
        "/queries/%2E%2E%2Fpyproject.toml",
        "/queries/%252E%252E%252Fpyproject.toml",  # double-encoded
        "/queries/..%252Fpyproject.toml",
        "/queries/checks/..%2F..%2Fpyproject.toml",
        "/queries/checks%2F%2E%2E%2F%2E%2E%2Fpyproject",
        "/queries/%2Fetc%2Fpasswd",
        "/queries/..%5C..%5Cpyproject.toml",
        "/queries/....%2F%2F....%2F%2Fpyproject.toml",
        "/queries/who-met-whom%00.rq",
    ],
)
def test_stored_query_names_cannot_reach_other_files(server: str, path: str) -> None:
    with httpx.Client(timeout=30) as http:
        response = http.get(server + path)
    assert response.status_code == 404, (path, response.status_code, response.text[:200])
    assert "[project]" not in response.text and "root:" not in response.text


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RemoteStore, object]]:
    local = load(FIXTURES / "minimal").store
    with oxigraph_holding(tmp_path_factory.mktemp("remote"), merged(local)) as srv, httpx.Client(timeout=30) as http:
        yield RemoteStore(srv.query_url, http), local


def test_crafted_values_against_a_remote_endpoint_change_nothing(remote) -> None:  # type: ignore[no-untyped-def]
    store, local = remote
    before = len(store)
    query = next(q for q in QUERIES if q.name == "events-between-countries")
    expected = run(local, query.text, bind(query, {}, Resolver(local)), query.shown)
    for value in CRAFTED:
        try:
            bindings = bind(query, {"a": value}, Resolver(local))
        except UsageError:
            continue
        result = run(store, query.text, bindings, query.shown)
        assert result.variables == expected.variables
    for value in CRAFTED:  # as strings, through the VALUES block a remote store is sent
        assert run(store, "SELECT ?x WHERE { ?x rdfs:label ?label }", {"label": Literal(value)}).rows == []
    assert len(store) == before  # nothing was run but the queries
