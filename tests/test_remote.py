"""kg.remote.RemoteStore against a real Oxigraph server: the same pyoxigraph answers as a local store, our
prefixes, GRAPH ?g, parameters by VALUES, the default graph set up either way, and errors in our words.

Two servers for the module, both loaded from tests/fixtures/minimal before they start: ``merged`` holds the
named graphs and their merge in the default graph (what kg push leaves); ``named`` holds the named graphs
and the merge in the named graph MERGE_GRAPH, its default graph empty (for --merge-graph).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import UsageError
from kg.graph import KnowledgeGraph, load
from kg.http_client import RemoteError, Unreachable, client
from kg.queries import run
from kg.remote import RemoteStore, form, with_prefixes
from tests import triple_stores
from tests.conftest import FIXTURES
from tests.endpoints import MERGE_GRAPH, merge_in_named_graph, merged, oxigraph_holding

PERSON_A = "https://w3id.org/diplomatic-kg/id/person/person-a"
PERSON_B = "https://w3id.org/diplomatic-kg/id/person/person-b"
EVENT = "https://w3id.org/diplomatic-kg/id/event/meeting-a-b"
SOURCE_GRAPH = "https://w3id.org/diplomatic-kg/id/source/example-source"


@pytest.fixture(scope="module")
def local() -> KnowledgeGraph:
    return load(FIXTURES / "minimal")


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with client(timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def merged_server(local, tmp_path_factory) -> Iterator[triple_stores.Server]:
    with oxigraph_holding(tmp_path_factory.mktemp("merged"), merged(local.store)) as server:
        yield server


@pytest.fixture(scope="module")
def named_server(local, tmp_path_factory) -> Iterator[triple_stores.Server]:
    with oxigraph_holding(tmp_path_factory.mktemp("named"), merge_in_named_graph(local.store)) as server:
        yield server


@pytest.fixture
def remote(merged_server, http) -> RemoteStore:
    return RemoteStore(merged_server.query_url, http)


# --- answers of the same pyoxigraph types as a local store


def test_select_and_ask_answer_as_a_local_store(remote, local):
    text = "SELECT ?e ?h WHERE { ?e dkg:host ?h }"
    answer = remote.query(text)
    assert isinstance(answer, ox.QuerySolutions)
    assert [v.value for v in answer.variables] == ["e", "h"]
    assert [(r["e"], r["h"]) for r in answer] == [(ox.NamedNode(EVENT), ox.NamedNode(PERSON_A))]
    assert remote.select(text) == local.store.select(text) == [{"e": URIRef(EVENT), "h": URIRef(PERSON_A)}]
    assert isinstance(remote.query("ASK { ?e dkg:guest person:person-b }"), ox.QueryBoolean)
    assert bool(remote.query("ASK { ?e dkg:guest person:person-b }")) is True
    assert bool(remote.query("ASK { ?e dkg:guest person:person-a }")) is False


def test_construct_and_describe_give_triples(remote, local):
    construct = "CONSTRUCT { ?e dkg:host ?h } WHERE { ?e dkg:host ?h }"
    assert list(remote.query(construct)) == [
        ox.Triple(ox.NamedNode(EVENT), ox.NamedNode(str(_dkg("host"))), ox.NamedNode(PERSON_A))
    ]
    for text in (construct, "DESCRIBE person:person-a"):
        assert run(remote, text).triples == run(local.store, text).triples
    described = run(remote, "DESCRIBE person:person-a").triples
    assert (URIRef(PERSON_A), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Person A", lang="en")) in (
        described
    )


def _dkg(name: str) -> URIRef:
    return URIRef("https://w3id.org/diplomatic-kg/ontology#" + name)


def test_graph_queries_reach_each_source_graph(remote, local):
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    remote_rows = run(remote, text).table()
    assert remote_rows == run(local.store, text).table()
    assert f"<{SOURCE_GRAPH}>" in [g for g, _ in remote_rows]


def test_our_prefixes_are_declared_for_the_remote_engine():
    text = "# a comment\nPREFIX dkg: <https://example.org/other#>\nSELECT * WHERE { ?s dkg:x person:y }\n"
    sent = with_prefixes(text)
    assert sent.count("\n") == text.count("\n")  # on the first line: line numbers still hold
    assert sent.endswith(text)
    assert "PREFIX person: <https://w3id.org/diplomatic-kg/id/person/> " in sent
    assert "PREFIX dkg:" not in sent[: -len(text)]  # declared by the query itself: its own stays
    assert [form(t) for t in ("ASK {}", "PREFIX a: <x:select> CONSTRUCT WHERE {}", "describe <x:y>")] == [
        "ask",
        "construct",
        "describe",
    ]


def test_a_query_declaring_a_prefix_of_ours_keeps_its_own(remote):
    text = (
        "PREFIX person: <https://w3id.org/diplomatic-kg/id/event/> SELECT ?h WHERE { person:meeting-a-b dkg:host ?h }"
    )
    assert remote.select(text) == [{"h": URIRef(PERSON_A)}]


# --- the dataset: named graphs, their merge, its size


def test_quads_merge_and_size_are_the_local_ones(remote, local):
    assert remote.sorted_quads() == local.store.sorted_quads()
    assert remote.union_triples() == local.store.union_triples()
    assert len(remote) == len(local.store) == len(local.store.sorted_quads())
    assert remote.generation == 0


def test_a_fresh_store_counts_without_reading_every_quad(merged_server, http, local):
    assert len(RemoteStore(merged_server.query_url, http)) == len(local.store)


# --- parameters: every binding by the VALUES fallback


def test_every_binding_goes_through_values(remote, local):
    assert remote.substitutes is False
    # selected: Oxigraph substitutes it locally; the remote store binds it by VALUES, with the same answer
    shown = "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"
    bound = {"label": Literal("Bakı", lang="az")}
    assert run(remote, shown, bound).table() == run(local.store, shown, bound).table()
    assert run(remote, shown, bound).table() == [("<https://w3id.org/diplomatic-kg/id/place/baku>", '"Bakı"@az')]
    filtered = "SELECT ?e WHERE { ?e dkg:host ?h FILTER(?h = ?who) }"
    assert run(remote, filtered, {"who": URIRef(PERSON_A)}).table() == [(f"<{EVENT}>",)]
    assert run(remote, filtered, {"who": URIRef(PERSON_B)}).table() == []
    assert run(remote, "ASK { ?e dkg:guest ?g }", {"g": URIRef(PERSON_A)}).boolean is False
    injection = {"label": Literal('Baku" } ?x ?p ?o {')}
    assert run(remote, "SELECT ?x WHERE { ?x rdfs:label ?label }", injection).table() == []


def test_a_variable_the_query_assigns_is_the_same_error_as_locally(remote, local):
    text = "SELECT ?x ?y WHERE { ?x rdfs:label ?l BIND(STR(?l) AS ?y) }"
    with pytest.raises(UsageError) as there:
        run(remote, text, {"y": Literal("Baku")}, "q.rq")
    with pytest.raises(UsageError) as here:
        run(local.store, text.replace("?x ?y", "?x"), {"y": Literal("Baku")}, "q.rq")
    assert (
        there.value.message
        == here.value.message
        == "q.rq assigns ?y itself (BIND or AS), so it cannot be given a value"
    )


def test_substitutions_are_refused_by_the_store_itself(remote):
    with pytest.raises(ValueError, match="cannot substitute"):
        remote.query("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef(PERSON_A)})


# --- the merge in a named graph: --merge-graph


def test_an_empty_default_graph_is_an_error_naming_the_fix(named_server, http):
    store = RemoteStore(named_server.query_url, http)
    with pytest.raises(UsageError) as caught:
        store.select("SELECT ?s WHERE { ?s a dkg:Person }")
    assert str(caught.value) == (
        f"endpoint {named_server.query_url}: its default graph is empty while its named graphs hold data, so "
        "queries would find nothing: give --merge-graph IRI, the graph holding the merge of the sources' graphs "
        "(kg push writes it)"
    )


def test_the_merge_graph_given_is_the_default_graph_and_not_a_source(named_server, http, local):
    store = RemoteStore(named_server.query_url, http, MERGE_GRAPH)
    text = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
    assert run(store, text).table() == run(local.store, text).table()
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"  # the sources' graphs, not the merge's
    assert run(store, graphs).table() == run(local.store, graphs).table()
    assert f"<{SOURCE_GRAPH}>" in [g for (g,) in run(store, graphs).table()]
    assert store.sorted_quads() == local.store.sorted_quads()
    assert len(RemoteStore(named_server.query_url, http, MERGE_GRAPH)) == len(local.store)


# --- read-only, and errors in our words


def test_writes_are_refused(remote):
    with pytest.raises(UsageError) as caught:
        remote.add_quads([(URIRef(PERSON_A), _dkg("host"), URIRef(PERSON_B), URIRef(SOURCE_GRAPH))])
    assert str(caught.value) == (
        f"endpoint {remote.shown}: a remote endpoint is read here, never written: to change its data, edit the "
        "sources and kg push them again"
    )


def test_a_server_error_shows_its_status_and_the_start_of_its_body(remote):
    with pytest.raises(RemoteError) as caught:
        remote.query("SELECT * WHERE { ?s ?p ?o FILTER(<https://example.org/f>(?o)) }")
    assert str(caught.value) == (
        f"{remote.shown}: the server answered 500 Internal Server Error: "
        "The custom function <https://example.org/f> is not supported"
    )


def test_a_wrong_path_shows_the_server_s_answer(merged_server, http):
    url = merged_server.query_url.replace("/query", "/nothing")
    with pytest.raises(RemoteError) as caught:
        RemoteStore(url, http).select("SELECT * WHERE { ?s ?p ?o }")
    assert (
        str(caught.value) == f"{url}: the server answered 404 Not Found: POST /nothing is not supported by this server"
    )


def test_an_answer_broken_off_after_its_status_is_an_error(remote):
    # Oxigraph streams its answer: a failure once the 200 is sent ends the body early, with the reason
    with pytest.raises(RemoteError) as caught:
        remote.select("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert str(caught.value).startswith(
        f"{remote.shown} sent an answer that is cut short or not valid SPARQL Results in JSON ("
    )
    assert str(caught.value).endswith(
        'it ends: {"head":{"vars":["o","p","s"]},"results":{"bindings":[The port 1 is not allowed for HTTP(S) '
        "because it is dedicated to an other use"
    )


def test_an_unreachable_endpoint_is_named(http):
    port = triple_stores.free_port()
    with pytest.raises(Unreachable) as caught:
        RemoteStore(f"http://127.0.0.1:{port}/sparql", http).select("SELECT * WHERE { ?s ?p ?o }")
    assert str(caught.value) == f"cannot reach http://127.0.0.1:{port}/sparql: connection refused"


def test_a_syntax_error_fails_before_anything_is_sent(http):
    port = triple_stores.free_port()  # nothing listens there: the query is refused locally first
    with pytest.raises(SyntaxError):
        RemoteStore(f"http://127.0.0.1:{port}/sparql", http).query("SELECT * WHERE { ?s ?p }")


@pytest.mark.parametrize("given", ["relative/name", "a b"])
def test_the_merge_graph_is_an_absolute_iri(http, given):
    with pytest.raises(UsageError) as caught:
        RemoteStore("http://127.0.0.1:1/sparql", http, given)
    assert str(caught.value) == (
        f"merge_graph {given}: give the absolute IRI of the graph holding the merge (as given to "
        "kg push --merge-graph), or default"
    )
    assert RemoteStore("http://127.0.0.1:1/sparql", http, "Default").merge_graph is None
