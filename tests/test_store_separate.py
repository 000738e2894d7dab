"""A big file of triples is parsed once: its graph is read as part of the default graph instead of being
copied into it (``kg.store.Store.merge_file(separate=True)``). Everything a command reads must be the same
as with the copy: every stored query, every export, counts, index scans, FROM clauses, a saved store.

The threshold (4 MB) is lowered in these tests, so that a small file of our own writing is kept separate;
the file repeats triples the YAML, the ontology and the reference countries also give (each must still be
counted once) and adds an event of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import graph
from kg.catalogue import stored_queries
from kg.cli import cli
from kg.graph import load
from kg.store import Store, names_dataset
from tests.conftest import FIXTURES
from tests.test_endpoint_option import MINIMAL_PARAMS

ID = "https://w3id.org/diplomatic-kg/id/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
NOTE = "<http://www.w3.org/2004/02/skos/core#note>"

# Three triples the YAML gives too, one the ontology gives, one the countries give, and a new event.
EXTRA = f"""\
<{ID}event/meeting-a-b> {RDFS_LABEL} "Meeting of Person A and Person B"@en .
<{ID}event/meeting-a-b> {RDF_TYPE} <{DKG}Meeting> .
<{ID}event/meeting-a-b> <{DKG}guest> <{ID}person/person-b> .
<{DKG}Meeting> {RDF_TYPE} <http://www.w3.org/2002/07/owl#Class> .
<{ID}country/AZE> {RDF_TYPE} <{DKG}Country> .
<{ID}event/extra-meeting> {RDF_TYPE} <{DKG}Meeting> .
<{ID}event/extra-meeting> {RDFS_LABEL} "A meeting only the extra file knows"@en .
<{ID}event/extra-meeting> <{DKG}participant> <{ID}person/person-a> .
<{ID}event/extra-meeting> <{DKG}participant> <{ID}person/person-b> .
<{ID}event/extra-meeting> {NOTE} "a" .
<{ID}event/extra-meeting> {NOTE} "a"@en .
<{ID}event/extra-meeting> {NOTE} "a b" .
<{ID}event/extra-meeting> {NOTE} "a\\"b\\nc" .
<{ID}event/extra-meeting> {NOTE} "Ünïcode — Оллоёров"@uz-Cyrl .
<{ID}event/extra-meeting> {NOTE} "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
<{ID}event/extra-meeting-2> {NOTE} "a" .
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("separate") / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "extra.nt").write_text(EXTRA, encoding="utf-8")
    return folder


def loaded(data: Path, separate: bool) -> Store:
    threshold = graph.SEPARATE_FROM_BYTES
    graph.SEPARATE_FROM_BYTES = 0 if separate else 10**15
    try:
        store = load(data).store
    finally:
        graph.SEPARATE_FROM_BYTES = threshold
    assert bool(store.separate) == separate
    return store


@pytest.fixture(scope="module")
def both(data: Path) -> tuple[Store, Store]:
    """(copied, separate): the same data loaded with the file copied into the default graph and kept apart."""
    return loaded(data, separate=False), loaded(data, separate=True)


def test_the_extra_file_is_the_graph_kept_separate(both: tuple[Store, Store]) -> None:
    _, separate = both
    assert separate.separate == [f"{ID}graph/file/extra"]


def test_the_default_graph_holds_each_triple_once(both: tuple[Store, Store]) -> None:
    copied, separate = both
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n_copied = int(copied.select(count)[0]["n"])
    assert int(separate.select(count)[0]["n"]) == n_copied == len(copied.union_triples())
    assert separate.union_triples() == copied.union_triples()
    assert separate.sorted_quads() == copied.sorted_quads()
    assert len(separate) == len(copied)


def test_the_new_event_and_the_repeated_triples_are_read(both: tuple[Store, Store]) -> None:
    _, separate = both
    rows = separate.select_values(
        f"SELECT ?who WHERE {{ <{ID}event/extra-meeting> dkg:participant ?who }} ORDER BY ?who"
    )
    assert rows == [(f"{ID}person/person-a",), (f"{ID}person/person-b",)]
    labels = separate.select_values(f"SELECT ?l WHERE {{ <{ID}event/meeting-a-b> rdfs:label ?l }}")
    assert labels == [("Meeting of Person A and Person B",)]  # in the YAML and in the file: once


def test_index_scans_read_both_graphs_once(both: tuple[Store, Store]) -> None:
    copied, separate = both
    for predicate in (f"{DKG}participant", RDF_TYPE[1:-1], RDFS_LABEL[1:-1]):
        assert sorted(separate.pairs(predicate)) == sorted(copied.pairs(predicate))
    assert (f"{ID}event/extra-meeting", f"{ID}person/person-b") in separate.pairs(f"{DKG}participant")


def test_a_from_clause_still_chooses_the_default_graph(both: tuple[Store, Store]) -> None:
    copied, separate = both
    query = f"SELECT ?s ?o FROM <{ID}graph/file/extra> WHERE {{ ?s {RDFS_LABEL} ?o }} ORDER BY ?s"
    assert separate.select_values(query) == copied.select_values(query)
    assert [s for s, _ in separate.select_values(query)] == [f"{ID}event/extra-meeting", f"{ID}event/meeting-a-b"]
    named = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert separate.select_values(named) == copied.select_values(named)


def test_n_triples_sorted_as_lines_equal_the_sorted_triples(both: tuple[Store, Store]) -> None:
    for store in both:
        expected = ox.serialize(store.union_triples(), format=ox.RdfFormat.N_TRIPLES)
        assert store.union_ntriples() == expected
    assert both[0].union_ntriples() == both[1].union_ntriples()
    assert '"a b" .\n' in both[1].union_ntriples().decode()


def test_a_saved_store_holds_the_whole_merge(both: tuple[Store, Store], tmp_path: Path) -> None:
    copied, separate = both
    separate.save(tmp_path / "db")
    reopened = Store.open_read_only(tmp_path / "db")
    assert reopened.separate == []
    assert reopened.union_triples() == copied.union_triples()
    assert reopened.sorted_quads() == copied.sorted_quads()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("SELECT * FROM <http://x> { ?s ?p ?o }", True),
        ("select * from named <http://x> { graph ?g { ?s ?p ?o } }", True),
        ('SELECT ?from { ?from ?p "FROM" } # FROM', False),
        ("SELECT * { ex:from ?p ?o . from:x ?p ?o }", False),
        ("SELECT * { ?s ?p '''it's\nFROM <x>''' }", False),
        ("SELECT * { <http://example.org/FROM> ?p ?o }", False),
    ],
)
def test_names_dataset(text: str, named: bool) -> None:
    assert names_dataset(text) is named


def _cli(data: Path, separate: bool, *args: str) -> str:
    threshold = graph.SEPARATE_FROM_BYTES
    graph.SEPARATE_FROM_BYTES = 0 if separate else 10**15
    try:
        result = CliRunner().invoke(cli, [*args, "--data", str(data)], catch_exceptions=False)
    finally:
        graph.SEPARATE_FROM_BYTES = threshold
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", [q.name for q in stored_queries()])
def test_every_stored_query_answers_the_same(data: Path, name: str) -> None:
    args = ("query", name, *MINIMAL_PARAMS.get(name, []), "--format", "csv")
    assert _cli(data, True, *args) == _cli(data, False, *args)


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples", "jsonld", "csv"])
def test_every_export_is_byte_identical(data: Path, fmt: str) -> None:
    assert _cli(data, True, "export", "--format", fmt) == _cli(data, False, "export", "--format", fmt)
