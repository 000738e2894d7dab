"""``--endpoint URL`` on kg query, kg export, kg show and kg viz: the same output from a remote SPARQL
endpoint as from the local data, against real servers started by the tests.

tests/fixtures/minimal is served by Oxigraph server (loaded by ``oxigraph load`` before it starts: the named
graphs and their merge in the default graph, as kg push leaves them) and by ``kg serve``; every command runs
once on the local data and once on each server, and the outputs must be equal. The real data (``real_kg``)
is served by Oxigraph server for the stored queries, the export, kg show and a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from kg import show, show_text, visualize
from kg.catalogue import stored_queries
from kg.cli import cli
from kg.cli.query import respond
from kg.export import export
from kg.formats import FORMATS
from kg.graph import KnowledgeGraph
from kg.http_client import client
from kg.remote import RemoteStore
from tests import triple_stores
from tests.conftest import FIXTURES
from tests.endpoints import kg_serve_missing, merged, oxigraph_holding
from tests.serve_process import serving

MINIMAL = FIXTURES / "minimal"
# Parameters giving the stored queries something to find in tests/fixtures/minimal (defaults elsewhere).
MINIMAL_PARAMS = {
    "events-a-source-reports": ["-p", "source=example-source"],
    "person-statements": ["-p", "person=person-a"],
    "schema-person-events": ["-p", "person=person-a", "--reasoning", "rdfs"],
    "events-in-window": ["-p", "from=2023", "-p", "to=2023-12"],
}
CONSTRUCT = "CONSTRUCT { ?e dkg:host ?h ; rdfs:label ?l } WHERE { ?e dkg:host ?h ; rdfs:label ?l }\n"
MAX_ROWS = 5000  # kg serve's limit here: below the 5,790 quads of the fixture, above its other answers
SCHEMA_QUERY = "SELECT ?e ?p WHERE { ?e a schema:Event ; schema:attendee ?p . ?p a schema:Person }\n"


@pytest.fixture(autouse=True)
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def minimal_kg() -> KnowledgeGraph:
    from kg.graph import load

    return load(MINIMAL)


@pytest.fixture(scope="module")
def oxigraph_url(minimal_kg, tmp_path_factory) -> Iterator[str]:
    with oxigraph_holding(tmp_path_factory.mktemp("oxigraph"), merged(minimal_kg.store)) as server:
        yield server.query_url


@pytest.fixture(scope="module")
def kg_serve_url(tmp_path_factory) -> Iterator[str]:
    missing = kg_serve_missing()
    if missing:
        triple_stores.unavailable(missing)
    folder = tmp_path_factory.mktemp("serve")
    with serving("--data", str(MINIMAL), "--workers", "1", "--max-rows", str(MAX_ROWS), cwd=folder) as server:
        yield server.endpoint


@pytest.fixture(scope="module", params=["oxigraph", "kg serve"])
def url(request: pytest.FixtureRequest) -> str:
    """Each server holding tests/fixtures/minimal, in turn."""
    return str(request.getfixturevalue("oxigraph_url" if request.param == "oxigraph" else "kg_serve_url"))


@pytest.fixture(scope="module")
def here() -> Callable[..., Result]:
    """A command on the local data (the answer kept: each is asked once per module, then per server)."""
    seen: dict[tuple[str, ...], Result] = {}

    def local(*args: str) -> Result:
        if args not in seen:
            seen[args] = invoke(*args, "--data", str(MINIMAL))
        return seen[args]

    return local


def same(url: str, here: Callable[..., Result], *args: str) -> Result:
    """Run the command on the endpoint and on the local data; both succeed with the same output."""
    local, remote = here(*args), invoke(*args, "--endpoint", url)
    assert local.exit_code == 0, local.output
    assert (remote.exit_code, remote.stdout, remote.stderr) == (0, local.stdout, local.stderr)
    return remote


# --- kg query: every stored query, every format, labels, notes


@pytest.mark.parametrize("name", [q.name for q in stored_queries()])
def test_every_stored_query_gives_the_local_rows(url, here, name):
    same(url, here, "query", name, *MINIMAL_PARAMS.get(name, []), "--format", "csv")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_every_table_format_with_labels(url, here, fmt):
    result = same(url, here, "query", "events-between-countries", "-p", "a=AZE", "-p", "b=UZB", "--format", fmt)
    assert "Meeting of Person A and Person B" in result.stdout or fmt == "json"


def test_labels_in_another_language(url, here):
    assert "Персона А" in same(url, here, "query", "who-met-whom", "--lang", "ru", "--format", "csv").stdout


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "xml"])
def test_construct_in_every_rdf_format(url, here, tmp_path_factory, fmt):
    query = tmp_path_factory.getbasetemp() / "construct.rq"
    query.write_text(CONSTRUCT, encoding="utf-8")
    assert "person-a" in same(url, here, "query", str(query), "--format", fmt).stdout


def test_ask_and_describe(url, here, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp()
    (folder / "ask.rq").write_text("ASK { ?e dkg:guest person:person-b }\n", encoding="utf-8")
    (folder / "describe.rq").write_text("DESCRIBE place:baku\n", encoding="utf-8")
    assert same(url, here, "query", str(folder / "ask.rq"), "--format", "json").stdout.strip().endswith("true}")
    assert "Bakı" in same(url, here, "query", str(folder / "describe.rq"), "--format", "turtle").stdout


def test_empty_answers_say_why_as_locally(url, here, tmp_path_factory):
    window = same(url, here, "query", "events-in-window", "-p", "from=1990", "-p", "to=1991-06")
    assert window.stderr.startswith("Note: the answer is empty: no event falls between 1990 and 1991-06")
    query = tmp_path_factory.getbasetemp() / "schema.rq"
    query.write_text(SCHEMA_QUERY, encoding="utf-8")
    assert "(--reasoning rdfs)" in same(url, here, "query", str(query), "--format", "tsv").stderr
    assert "Person B" in same(url, here, "query", str(query), "--format", "tsv", "--reasoning", "rdfs").stdout


def test_an_empty_endpoint_says_it_holds_no_records(tmp_path):
    with triple_stores.oxigraph(tmp_path) as server:
        result = invoke("query", "remote-meetings", "--endpoint", server.query_url, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == "\ufeffwhen,event,mode,countries,participants\r\n"
    assert result.stderr == f"Note: the answer is empty: the data holds no records (--endpoint {server.query_url})\n"


def test_parameter_mistakes_are_the_local_errors(url, here):
    for args in (["-p", "a=AZX"], ["-p", "a=person-a"], ["-p", "zz=1"]):
        local = here("query", "events-between-countries", *args)
        remote = invoke("query", "events-between-countries", *args, "--endpoint", url)
        assert (remote.exit_code, remote.stderr) == (1, local.stderr)
    assert here("query", "events-between-countries", "-p", "a=AZX").stderr == (
        "Error: --param a: no country is named 'AZX'; did you mean AZE, KAZ?\n"
    )


# --- kg export, kg show, kg viz


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld", "csv"])
def test_export_is_the_local_export(url, here, fmt):
    result = same(url, here, "export", "--format", fmt)
    if fmt == "trig":  # the same named graphs, each holding the same triples: isomorphic, indeed identical
        local = ox.Dataset(ox.parse(here("export", "--format", fmt).stdout_bytes, format=ox.RdfFormat.TRIG))
        remote = ox.Dataset(ox.parse(result.stdout_bytes, format=ox.RdfFormat.TRIG))
        assert {q.graph_name for q in remote} == {q.graph_name for q in local}
        assert len(remote) == len(local) > 5000


def test_export_to_a_file(url, tmp_path):
    assert invoke("export", "--data", str(MINIMAL), "-o", str(tmp_path / "here.trig")).exit_code == 0
    result = invoke("export", "--endpoint", url, "--format", "trig", "-o", str(tmp_path / "there.trig"))
    assert result.stdout == f"Wrote {tmp_path / 'there.trig'} (trig)\n"
    assert (tmp_path / "there.trig").read_bytes() == (tmp_path / "here.trig").read_bytes()


@pytest.mark.parametrize("fmt", ["text", "json", "turtle"])
def test_show_is_the_local_show(url, here, fmt):
    assert "person-a" in same(url, here, "show", "Persona", "A", "--format", fmt).stdout


def test_show_lists_the_same_candidates(url, here):
    local = here("show", "Person")
    remote = invoke("show", "Person", "--endpoint", url)
    assert (remote.exit_code, remote.stderr) == (1, local.stderr)
    assert "person-a" in remote.stderr and "person-b" in remote.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--view", "countries"],
        ["--view", "events", "--ego", "person-a", "--lang", "az"],
        ["--query", "who-met-whom"],
        ["--query", "events-between-countries", "-p", "a=AZE", "-p", "b=UZB"],
    ],
)
def test_viz_draws_the_local_page(url, tmp_path, args):
    local = invoke("viz", *args, "--data", str(MINIMAL), "-o", str(tmp_path / "here.html"))
    remote = invoke("viz", *args, "--endpoint", url, "-o", str(tmp_path / "there.html"))
    assert local.exit_code == remote.exit_code == 0
    assert remote.stdout.splitlines()[0] == local.stdout.splitlines()[0]  # Drew N nodes and M links
    assert (tmp_path / "there.html").read_bytes() == (tmp_path / "here.html").read_bytes()


# --- options and mistakes


@pytest.mark.parametrize("command", [["query", "who-met-whom"], ["export"], ["show", "person-a"], ["viz"]])
def test_endpoint_and_data_together_is_an_error(oxigraph_url, command):
    result = invoke(*command, "--endpoint", oxigraph_url, "--data", str(MINIMAL))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: --endpoint {oxigraph_url}: give either --data (a local graph) or --endpoint (a remote one), not both\n"
    )


@pytest.mark.parametrize("option", [["--merge-graph", "urn:x:merge"], ["--user", "dba"], ["--auth", "digest"]])
def test_endpoint_options_need_an_endpoint(option):
    result = invoke("export", "--data", str(MINIMAL), *option)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {option[0]}: is for a remote endpoint: give --endpoint URL too\n"


def test_an_unreachable_endpoint_is_a_clear_error():
    port = triple_stores.free_port()
    result = invoke("show", "person-a", "--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: cannot reach http://127.0.0.1:{port}/sparql: connection refused\n"


def test_not_an_http_url():
    result = invoke("query", "who-met-whom", "--endpoint", "ftp://example.org/sparql")
    assert result.stderr == "Error: --endpoint ftp://example.org/sparql: give an http:// or https:// URL\n"


def test_a_bad_combination_of_credentials_is_named(oxigraph_url):
    result = invoke("query", "who-met-whom", "--endpoint", oxigraph_url, "--user", "dba")
    assert (result.exit_code, result.stderr) == (1, "Error: --password: --user needs --password too\n")


@pytest.mark.parametrize("command", ["query", "export", "show", "viz"])
def test_help_shows_an_example_with_an_endpoint(command):
    text = invoke(command, "--help").stdout
    assert f"kg {command} " in text and "--endpoint http://localhost:8000/sparql" in text.split("Options:")[0]


# --- kg serve's row limit (X-SPARQL-MaxRows) cuts answers: the dataset is read in pages, a query stops


def test_a_server_s_row_limit_pages_the_dataset(kg_serve_url, minimal_kg):
    with client() as http:
        store = RemoteStore(kg_serve_url, http)
        assert len(store) > MAX_ROWS  # so the export tests above read it in pages
        assert store.sorted_quads() == minimal_kg.store.sorted_quads()


def test_a_server_s_row_limit_stops_a_query(kg_serve_url, tmp_path):
    (tmp_path / "all.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = invoke("query", str(tmp_path / "all.rq"), "--endpoint", kg_serve_url)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {kg_serve_url} cut the answer at its limit of {MAX_ROWS:,} rows (X-SPARQL-MaxRows): ask for less "
        "(LIMIT, narrower parameters) or raise the server's limit (kg serve --max-rows, Virtuoso's ResultSetMaxRows)\n"
    )


# --- the real data on Oxigraph server


@pytest.fixture(scope="module")
def real_remote(real_kg, tmp_path_factory) -> Iterator[RemoteStore]:
    with oxigraph_holding(tmp_path_factory.mktemp("real"), merged(real_kg.store)) as server, client() as http:
        yield RemoteStore(server.query_url, http)


@pytest.mark.parametrize("query", list(stored_queries()), ids=lambda q: q.name)
def test_every_stored_query_on_the_real_data(real_kg, real_remote, query):
    reasoning = "rdfs" if query.name == "schema-person-events" else "none"
    local = respond(real_kg.store, query, {}, "csv", reasoning, "en", 120)
    remote = respond(real_remote, query, {}, "csv", reasoning, "en", 120)
    assert remote == local
    assert local[0].count("\n") > 1 or query.is_check  # something to compare


def test_real_export_and_show(real_kg, real_remote):
    for name in ("trig", "turtle", "csv"):
        assert export(real_remote, FORMATS[name]) == export(real_kg.store, FORMATS[name])
    iri = "https://w3id.org/diplomatic-kg/id/person/sahil-babayev"
    for lang in ("en", "az"):
        local, remote = show.describe(real_kg.store, iri, lang), show.describe(real_remote, iri, lang)
        assert show_text.text(remote, 100) == show_text.text(local, 100)
    assert show.turtle(real_remote, iri) == show.turtle(real_kg.store, iri)


def test_real_page(real_kg, real_remote, tmp_path):
    options = visualize.VizOptions(view="countries")
    visualize.write_page(real_kg, tmp_path / "here.html", options)
    visualize.write_page(KnowledgeGraph(real_remote, []), tmp_path / "there.html", options)
    assert (tmp_path / "there.html").read_bytes() == (tmp_path / "here.html").read_bytes()
