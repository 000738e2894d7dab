"""`kg push` against real triple stores: Oxigraph server and OpenLink Virtuoso (tests/triple_stores.py).

Each store runs once per module on 127.0.0.1; every test starts from an empty store. A push is checked
by downloading every graph back through the Graph Store Protocol and comparing it with the local graph
(rdflib isomorphism), the set of graph names included, and the default graph with the local merge.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import termios
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.catalogue import StoredQuery, stored_queries
from kg.cli import cli
from kg.cli.query import respond
from kg.graph import KnowledgeGraph, load
from kg.http_client import client
from kg.push import DEFAULT, MERGE_GRAPH, Batch, PushCutOff, graph_url, plan, push, query_url_for
from kg.store import Store, from_ox
from tests import triple_stores
from tests.conftest import FIXTURES, ROOT
from tests.triple_stores import Server

OURS = "https://w3id.org/diplomatic-kg/id/"
EXTRA = OURS + "graph/file/extra"
EXTRA_V1 = """\
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
<https://w3id.org/diplomatic-kg/id/person/person-extra> a dkg:Person ;
    dkg:name "Extra Person"@en, "Ekstra Şəxs"@az ;
    dkg:startDate "2023-08"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .
"""
# The same graph with one triple fewer and one changed: a re-push must not keep the old ones.
EXTRA_V2 = """\
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
<https://w3id.org/diplomatic-kg/id/person/person-extra> a dkg:Person ;
    dkg:name "Extra Person, renamed"@en .
"""
SUMMARY_TIME = re.compile(r", \d+\.\d s\n")

STARTERS = {"oxigraph": triple_stores.oxigraph, "virtuoso": triple_stores.virtuoso}


@pytest.fixture(scope="module", params=sorted(STARTERS))
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with STARTERS[request.param](tmp_path_factory.mktemp(request.param)) as started:
        yield started


@pytest.fixture
def store(server: Server) -> Server:
    """The module's server, emptied of every graph of ours and of its default graph."""
    with client(server.auth) as http:
        for name in remote_names(server):
            http.delete(graph_url(server.gsp_url, name)).raise_for_status()
        if server.merge_graph is None:
            http.delete(graph_url(server.gsp_url, None))
    assert remote_names(server) == set()
    return server


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minimal to change."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def kg_push(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.delenv("KG_PASSWORD", raising=False)
    monkeypatch.delenv("KG_TOKEN", raising=False)

    def invoke(server: Server, *args: str) -> Result:
        return CliRunner().invoke(cli, ["push", "--endpoint", server.gsp_url, *server.push_args, *args])

    return invoke


def remote_names(server: Server) -> set[str]:
    """The names of the server's graphs of ours, by a SPARQL query (form-encoded, which every server takes)."""
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OURS}")) }}'
    r = httpx.post(server.query_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return {row["g"]["value"] for row in r.json()["results"]["bindings"]}


def rdflib_graph(triples: list[ox.Triple]) -> Graph:
    g = Graph()
    for t in triples:
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return g


def download(server: Server, name: str | None, http: httpx.Client | None = None) -> list[ox.Triple]:
    """One graph through the Graph Store Protocol (None: the default graph), parsed by Oxigraph."""
    if http is None:
        with client(server.auth) as http:
            return download(server, name, http)
    r = http.get(graph_url(server.gsp_url, name), headers={"Accept": "application/n-triples"})
    r.raise_for_status()
    fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in r.headers["content-type"] else ox.RdfFormat.TURTLE
    return [q.triple for q in ox.parse(r.content, format=fmt)]


def local_graphs(store: Store) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = {}
    for q in store.quads():
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    return graphs


def same_graph(a: list[ox.Triple], b: list[ox.Triple]) -> bool:
    """Isomorphic (rdflib.compare), which without blank nodes is equal as sets (tried first: it is quick)."""
    return set(a) == set(b) or isomorphic(rdflib_graph(a), rdflib_graph(b))


def assert_same_dataset(server: Server, local: Store) -> None:
    """Every graph on the server isomorphic to the local one, the same graph names, and the merge (in the
    default graph, or in the server's merge graph) equal to the local default graph."""
    graphs = local_graphs(local)
    assert remote_names(server) == set(graphs) | ({server.merge_graph} if server.merge_graph else set())
    with client(server.auth) as http:
        for name, triples in graphs.items():
            remote = download(server, name, http)
            assert len(remote) == len(triples), name
            assert same_graph(remote, triples), name
        assert same_graph(download(server, server.merge_graph, http), local.union_triples())


def count(server: Server, query: str) -> list[dict[str, str]]:
    r = httpx.post(server.query_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return [{k: v["value"] for k, v in row.items()} for row in r.json()["results"]["bindings"]]


def remote_counts(server: Server) -> dict[str | None, int]:
    """Triples per graph of ours, and in the merge (key None), counted by the server."""
    per_graph = f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OURS}"))'
    counts: dict[str | None, int] = {
        row["g"]: int(row["n"])
        for row in count(server, f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {per_graph} }} GROUP BY ?g")
    }
    if server.merge_graph:
        counts[None] = counts.pop(server.merge_graph)
    else:
        counts[None] = int(count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])
    return counts


def summary(result: Result) -> str:
    return SUMMARY_TIME.sub(", T s\n", result.output)


def test_push_writes_every_graph_and_the_merge(store: Server, data: Path, kg_push: Callable[..., Result]) -> None:
    result = kg_push(store, "--data", str(data))
    assert result.exit_code == 0, result.output
    into = store.merge_graph or "the default graph"
    assert summary(result) == (
        f"Pushed 4 graphs (5,888 triples) and their merge (5,888 triples) into {into} "
        f"to {store.gsp_url} in 6 requests, T s\n"
    )
    assert_same_dataset(store, load(data).store)


def test_push_twice_leaves_no_duplicates(store: Server, data: Path, kg_push: Callable[..., Result]) -> None:
    (data / "extra.ttl").write_text(EXTRA_V1)
    local = load(data).store
    for _ in range(2):
        assert kg_push(store, "--data", str(data), "--batch", "1000").exit_code == 0
    expected: dict[str | None, int] = {name: len(triples) for name, triples in local_graphs(local).items()}
    expected[None] = len(local.union_triples())
    assert remote_counts(store) == expected
    # A graph that lost and changed triples locally loses and changes them on the server.
    (data / "extra.ttl").write_text(EXTRA_V2)
    assert kg_push(store, "--data", str(data)).exit_code == 0
    assert_same_dataset(store, load(data).store)
    assert len(download(store, EXTRA)) == 2


def test_push_cut_off_by_a_crash_then_run_again(store: Server, data: Path, kg_push: Callable[..., Result]) -> None:
    (data / "extra.ttl").write_text(EXTRA_V1)
    assert kg_push(store, "--data", str(data)).exit_code == 0
    (data / "extra.ttl").write_text(EXTRA_V2)
    local = load(data).store
    sent: list[Batch] = []

    def crash_after_five(batch: Batch) -> None:
        sent.append(batch)
        if len(sent) == 5:
            store.kill()  # SIGKILL, with the countries graph half rewritten

    with client(store.auth) as http, pytest.raises(PushCutOff) as cut:
        push(local, store.gsp_url, http, batch=200, merge=store.merge_graph or DEFAULT, on_batch=crash_after_five)
    assert str(cut.value) == (
        f"cannot reach {store.gsp_url}: connection refused (the push stopped after 5 of 63 requests: "
        "run it again to finish; every graph is written whole again, so nothing is duplicated)"
    )
    assert (sent[-1].graph, sent[-1].first) == (OURS + "graph/countries", False)  # cut off inside a graph
    store.start()  # on the same folder
    result = kg_push(store, "--data", str(data), "--batch", "200")
    assert result.exit_code == 0, result.output
    assert_same_dataset(store, local)


def test_replace_deletes_graphs_the_local_data_no_longer_has(
    store: Server, data: Path, kg_push: Callable[..., Result]
) -> None:
    (data / "extra.ttl").write_text(EXTRA_V1)
    assert kg_push(store, "--data", str(data)).exit_code == 0
    (data / "extra.ttl").unlink()
    local = load(data).store
    kept = kg_push(store, "--data", str(data))
    assert kept.exit_code == 0
    assert kept.output.splitlines()[1] == (
        "1 graph of ours on the server is not in the local data: kg push --replace deletes it"
    )
    assert remote_names(store) == {*local_graphs(local), EXTRA, *([store.merge_graph] if store.merge_graph else [])}
    replaced = kg_push(store, "--data", str(data), "--replace")
    assert replaced.exit_code == 0
    assert replaced.output.splitlines()[1] == "Deleted 1 graph of ours that the local data no longer has"
    assert_same_dataset(store, local)


def test_a_server_error_shows_the_status_and_the_start_of_the_body(
    store: Server, data: Path, kg_push: Callable[..., Result]
) -> None:
    if store.name == "virtuoso":
        result = CliRunner().invoke(
            cli,
            ["push", "--endpoint", store.gsp_url, "--data", str(data), "--user", "kgpush", "--password", "wrong"],
        )
        assert (result.exit_code, result.output) == (1, "Error: the server answered 401 Unauthorized\n")
    else:
        wrong = store.gsp_url.removesuffix("/store") + "/nope"
        result = CliRunner().invoke(cli, ["push", "--endpoint", wrong, "--data", str(data)])
        assert (result.exit_code, result.output) == (
            1,
            "Error: the server answered 404 Not Found: PUT /nope is not supported by this server\n",
        )
    assert remote_names(store) == set()


def test_credentials_are_sent_as_the_server_asks(store: Server, data: Path) -> None:
    """Without --auth: Digest for Virtuoso, which asks for it; none for Oxigraph server, which asks nothing."""
    login = ("--user", triple_stores.VIRTUOSO_USER, "--password", triple_stores.VIRTUOSO_PASSWORD)
    args = ["push", "--endpoint", store.gsp_url, "--data", str(data), *login]
    merge = ("--merge-graph", store.merge_graph) if store.merge_graph else ()
    result = CliRunner().invoke(cli, [*args, *merge])
    assert result.exit_code == 0, result.output
    assert_same_dataset(store, load(data).store)
    if store.name != "virtuoso":
        return
    # Without --merge-graph the merge goes to ?default, which Virtuoso does not have.
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.output) == (
        1,
        "Error: the server answered 500 Request Failed: HTTP/1.1 500 Request Failed Error 22023 The request to "
        'SPARQL 1.1 Graph Store endpoint contains "default" param but the endpoint is not configured to have '
        "default graph (while writing the merge of the graphs into the server's default graph; for a server "
        "without one, such as Virtuoso, give --merge-graph https://w3id.org/diplomatic-kg/id/graph/merge)\n",
    )


def on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run kg with its standard error on a pseudo-terminal (where the progress bar shows): status, out, err."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 rows, 100 columns
    with subprocess.Popen([str(ROOT / ".venv/bin/kg"), *args], stdout=subprocess.PIPE, stderr=side) as process:
        os.close(side)
        err = b""
        with suppress(OSError):  # EIO once the child has closed the terminal
            while chunk := os.read(main, 4096):
                err += chunk
        out = process.stdout.read() if process.stdout else b""
    os.close(main)
    return process.returncode, out.decode(), err.decode(errors="replace")


def test_a_progress_bar_on_a_terminal_unless_quiet(store: Server, data: Path) -> None:
    args = ["push", "--endpoint", store.gsp_url, "--data", str(data), *store.push_args]
    status, out, err = on_a_terminal(args)
    assert (status, out.startswith("Pushed 4 graphs")) == (0, True)
    assert "100%" in err and "11.8k/11.8k" in err
    status, out, err = on_a_terminal([*args, "--quiet"])
    assert (status, out.startswith("Pushed 4 graphs"), err) == (0, True, "")


def test_the_real_data(store: Server, kg_push: Callable[..., Result]) -> None:
    result = kg_push(store, "--data", str(ROOT / "data"))
    assert result.exit_code == 0, result.output
    assert summary(result).startswith("Pushed 255 graphs (29,210 triples) and their merge (19,097 triples) into")
    assert_same_dataset(store, load(ROOT / "data").store)


def reasoning(query: StoredQuery) -> str:
    """rdfs for the queries written to be run with it (schema-person-events), else none."""
    return "rdfs" if "--reasoning rdfs" in f"{query.title} {query.description}" else "none"


@pytest.fixture(scope="module")
def local_answers(real_kg: KnowledgeGraph) -> dict[str, tuple[str, str]]:
    """Every stored query (not the checks) with its default parameters: the reasoning it is run with, and
    the answer as kg query --format csv prints it."""
    queries = [q for q in stored_queries() if not q.is_check]
    return {q.name: (reasoning(q), respond(real_kg.store, q, {}, "csv", reasoning(q), "en", 100)[0]) for q in queries}


def rows(csv: str) -> tuple[str, list[str]]:
    """The header and the rows, sorted: engines may order rows that ORDER BY leaves tied differently."""
    header, *body = csv.splitlines()
    return header, sorted(body)


def test_every_stored_query_answers_through_the_server_as_locally(
    store: Server, kg_push: Callable[..., Result], local_answers: dict[str, tuple[str, str]]
) -> None:
    assert kg_push(store, "--data", str(ROOT / "data")).exit_code == 0
    dataset = ("--merge-graph", store.merge_graph) if store.merge_graph else ()
    differ = []
    for name, (how, local) in local_answers.items():
        assert local.count("\n") > 1, f"{name} has no rows on the real data: a weak comparison"
        args = ["query", name, "--endpoint", store.query_url, *dataset, "--format", "csv", "--reasoning", how]
        remote = CliRunner().invoke(cli, args)
        if remote.exit_code != 0:
            differ.append(f"{name}: {remote.output.strip()[:400]}")
        elif rows(remote.stdout) != rows(local):
            differ.append(f"{name}: other rows")
    assert differ == []


def test_unreachable_server(data: Path, kg_push: Callable[..., Result]) -> None:
    url = f"http://127.0.0.1:{triple_stores.free_port()}/store"
    result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--data", str(data)])
    assert (result.exit_code, result.output) == (1, f"Error: cannot reach {url}: connection refused\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--token", "t", "--auth", "digest"],
            "--token: --auth digest sends a user and password: give --user and "
            "--password, or --auth bearer with --token",
        ),
        (["--user", "u"], "--password: --user needs --password too"),
        (["--password", "p"], "--user: --password needs --user too"),
        (
            ["--user", "u", "--password", "p", "--token", "t"],
            "--token: give either --user and --password or --token, not both",
        ),
        (["--auth", "bearer"], "--auth: --auth bearer needs --token"),
        (
            ["--user", "u", "--password", "p", "--auth", "bearer"],
            "--auth: --auth bearer sends a token: give --token instead of --user and --password",
        ),
        (["--batch", "0"], "--batch 0: give a positive number of triples per request"),
    ],
)
def test_bad_options_are_usage_errors(
    args: list[str], message: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_PASSWORD", raising=False)
    monkeypatch.delenv("KG_TOKEN", raising=False)
    url = f"http://127.0.0.1:{triple_stores.free_port()}/store"
    result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--data", str(data), *args])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_replace_needs_a_query_endpoint(data: Path) -> None:
    url = f"http://127.0.0.1:{triple_stores.free_port()}/gsp"
    result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--data", str(data), "--replace"])
    assert (result.exit_code, result.output) == (
        1,
        "Error: --replace: cannot tell which graphs the server holds without its SPARQL query endpoint: "
        "give --query-endpoint URL\n",
    )


def test_graph_urls() -> None:
    assert graph_url("http://h/store", "https://w3id.org/x#y") == "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fx%23y"
    assert graph_url("http://h/store", None) == "http://h/store?default"
    assert graph_url("http://h/gsp?repo=1", None) == "http://h/gsp?repo=1&default"


@pytest.mark.parametrize(
    ("gsp", "query"),
    [
        ("http://127.0.0.1:7878/store", "http://127.0.0.1:7878/query"),
        ("http://127.0.0.1:8890/sparql-graph-crud-auth", "http://127.0.0.1:8890/sparql"),
        ("http://127.0.0.1:8890/sparql-graph-crud/", "http://127.0.0.1:8890/sparql"),
        ("http://localhost:3030/ds/data", "http://localhost:3030/ds/query"),
        ("http://localhost:7200/repositories/kg/rdf-graphs/service", "http://localhost:7200/repositories/kg"),
        ("http://localhost:9000/upload", None),
    ],
)
def test_the_query_endpoint_beside_a_graph_store(gsp: str, query: str | None) -> None:
    assert query_url_for(gsp) == query


def test_the_plan_puts_each_graph_first_then_posts_the_rest() -> None:
    local = load(FIXTURES / "minimal").store
    batches = plan(local, batch=1000)
    assert [(b.graph.rsplit("/", 1)[-1] if b.graph else None, b.method, len(b.triples)) for b in batches] == [
        ("catalogue", "PUT", 29),
        ("countries", "PUT", 1000),
        ("countries", "POST", 1000),
        ("countries", "POST", 1000),
        ("countries", "POST", 707),
        # the ontology's 2,071 triples (98 more with the machine-coded terms of kg import), then the merge's 5,888
        ("ontology", "PUT", 1000),
        ("ontology", "POST", 1000),
        ("ontology", "POST", 71),
        ("example-source", "PUT", 81),
        *[(None, "PUT" if i == 0 else "POST", n) for i, n in enumerate((1000,) * 5 + (888,))],
    ]
    assert all(b.merge == (b.graph is None) for b in batches)
    named = plan(local, batch=5000, merge=MERGE_GRAPH)
    assert [(b.graph, b.merge) for b in named[-2:]] == [(MERGE_GRAPH, True), (MERGE_GRAPH, True)]
    assert plan(local, merge="none")[-1].graph == OURS + "source/example-source"


def test_a_graph_with_blank_nodes_goes_in_one_request() -> None:
    local = Store()
    graph = ox.NamedNode(OURS + "graph/file/lists")
    p = ox.NamedNode("http://example.org/p")
    local.add_ox(ox.Quad(ox.BlankNode(f"b{i}"), p, ox.Literal(str(i)), graph) for i in range(7))
    assert [(b.method, len(b.triples)) for b in plan(local, batch=2, merge="none")] == [("PUT", 7)]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("relative/name", "--merge-graph relative/name: give default, none or the absolute IRI of a graph"),
        (
            OURS + "graph/countries",
            f"--merge-graph {OURS}graph/countries: the local data has a graph of that name: "
            "give another graph for the merge",
        ),
    ],
)
def test_a_merge_graph_that_cannot_be(given: str, message: str, data: Path) -> None:
    url = f"http://127.0.0.1:{triple_stores.free_port()}/store"
    result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--data", str(data), "--merge-graph", given])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
