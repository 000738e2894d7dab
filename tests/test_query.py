"""``kg query``: formats, parameters bound as RDF terms, reasoning, and every error without a traceback.

Runs on the hand-written dataset of tests/fixtures/minimal: one meeting of Person A (host, Minister A,
AZE) and Person B (guest, Minister B, UZB) in Baku on 3 May 2023, stated by example-source.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.errors import UsageError
from kg.queries import parse_header, with_values
from kg.terms import Resolver
from tests.conftest import ROOT

EVENT = "https://w3id.org/diplomatic-kg/id/event/meeting-a-b"
BAKU = "https://w3id.org/diplomatic-kg/id/place/baku"


@pytest.fixture(autouse=True)
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


def write(workdir: Path, name: str, text: str) -> str:
    (workdir / name).write_text(text, encoding="utf-8")
    return name


def test_table_shows_labels_beside_iris(workdir, run):
    result = run("query", "events-between-countries", "--param", "a=AZE", "--param", "b=UZB")
    assert result.exit_code == 0
    assert result.stdout == (
        "when        event                                                 kind     place              sources\n"
        "----------  ----------------------------------------------------  -------  -----------------  --------------\n"
        "2023-05-03  Meeting of Person A and Person B (event:meeting-a-b)  Meeting  Baku (place:baku)  example-source\n"
        "(1 row)\n"
    )


def test_table_wraps_long_values_to_the_terminal(workdir, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("query", "events-between-countries")
    assert result.stdout == (
        "when        event                        kind     place          sources\n"
        "----------  ---------------------------  -------  -------------  --------------\n"
        "2023-05-03  Meeting of Person A and      Meeting  Baku           example-source\n"
        "            Person B                              (place:baku)\n"
        "            (event:meeting-a-b)\n"
        "(1 row)\n"
    )


def test_csv_opens_in_spreadsheets(workdir, run):
    result = run("query", "events-between-countries", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == (
        f"\ufeffwhen,event,kind,place,sources\r\n2023-05-03,{EVENT},Meeting,{BAKU},example-source\r\n"
    )


def test_tsv_writes_rdf_terms(workdir, run):
    result = run("query", "events-between-countries", "--format", "tsv")
    assert result.stdout == (
        f'?when\t?event\t?kind\t?place\t?sources\n"2023-05-03"\t<{EVENT}>\t"Meeting"\t<{BAKU}>\t"example-source"\n'
    )


def test_json_is_sparql_results(workdir, run):
    result = run("query", "posts-at-events", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["head"] == {"vars": ["when", "event", "person", "role", "post", "tenure"]}
    person_b = doc["results"]["bindings"][1]
    assert person_b == {
        "when": {"type": "literal", "value": "2023-05-03"},
        "event": {"type": "uri", "value": EVENT},
        "person": {"type": "uri", "value": "https://w3id.org/diplomatic-kg/id/person/person-b"},
        "role": {"type": "uri", "value": "https://w3id.org/diplomatic-kg/id/role/guest"},
        "post": {"type": "uri", "value": "https://w3id.org/diplomatic-kg/id/post/minister-b"},
        "tenure": {"type": "literal", "value": "2021/2024-09"},
    }


def test_ask(workdir, run):
    name = write(workdir, "ask.rq", "ASK { ?e a dkg:Meeting ; dkg:guest person:person-b }\n")
    assert run("query", name).stdout == "yes\n"
    assert json.loads(run("query", name, "--format", "json").stdout) == {"head": {}, "boolean": True}
    other = write(workdir, "ask2.rq", "ASK { ?e dkg:guest person:person-a }\n")
    assert run("query", other).stdout == "no\n"


def test_construct_prints_rdf(workdir, run):
    name = write(workdir, "hosts.rq", "CONSTRUCT { ?e dkg:host ?h } WHERE { ?e dkg:host ?h }\n")
    nt = run("query", name, "--format", "ntriples")
    assert nt.stdout == (
        f"<{EVENT}> <https://w3id.org/diplomatic-kg/ontology#host> "
        "<https://w3id.org/diplomatic-kg/id/person/person-a> .\n"
    )
    turtle = run("query", name).stdout
    assert "event:meeting-a-b dkg:host person:person-a ." in turtle
    jsonld = run("query", name, "--format", "jsonld").stdout
    parsed = {str(t) for t in ox.parse(jsonld.encode(), format=ox.RdfFormat.JSON_LD)}
    assert parsed == {
        f"<{EVENT}> <https://w3id.org/diplomatic-kg/ontology#host> <https://w3id.org/diplomatic-kg/id/person/person-a>"
    }


def test_describe(workdir, run):
    name = write(workdir, "d.rq", "DESCRIBE person:person-b\n")
    quads = list(ox.parse(run("query", name, "--format", "ntriples").stdout.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert ox.Literal("Person B", language="en") in {q.object for q in quads}


def test_parameters_are_rdf_terms_in_any_spelling(workdir, run):
    expected = run("query", "events-between-countries", "-p", "a=AZE", "-p", "b=UZB").stdout
    for a, b in [("country:AZE", "UZB"), ("<https://w3id.org/diplomatic-kg/id/country/AZE>", "uzb"), ("UZB", "AZE")]:
        assert run("query", "events-between-countries", "-p", f"a={a}", "-p", f"b={b}").stdout == expected
    window = run("query", "events-in-window", "-p", "from=2023-05", "-p", 'to="2023-05-03"^^xsd:date')
    assert "(event:meeting-a-b)" in window.stdout
    none = run("query", "events-in-window", "-p", "from=2023-05-04", "-p", "to=2023")
    assert none.stdout.endswith("(0 rows)\n")


def test_parameters_of_an_ad_hoc_query(workdir, run):
    name = write(workdir, "labels.rq", "SELECT ?x WHERE { ?x rdfs:label ?label }\n")
    result = run("query", name, "-p", 'label="Bakı"@az', "--format", "csv")
    assert result.stdout_bytes.decode("utf-8") == f"\ufeffx\r\n{BAKU}\r\n"
    injection = run("query", name, "-p", 'label=Baku" } ?x ?p ?o {', "--format", "csv")
    assert injection.stdout_bytes.decode("utf-8") == "\ufeffx\r\n"  # a string, never query text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "a=person-a"], "Error: parameter a='person-a': person:person-a is not a country in the graph\n"),
        (
            ["-p", "a=<not an iri>"],
            "Error: parameter a='<not an iri>' is not a valid IRI: write an absolute IRI such as <https://example.org/x>\n",
        ),
        (["-p", "a=foo:AZE"], None),
        (
            ["-p", "zz=1"],
            "Error: stored query events-between-countries: unknown parameter 'zz'; parameters of this query: a, b\n",
        ),
        (["-p", "novalue"], "Error: --param 'novalue': write NAME=VALUE, e.g. --param a=AZE\n"),
        (["-p", "a=AZE", "-p", "a=UZB"], "Error: --param a is given twice\n"),
    ],
)
def test_bad_parameters(workdir, run, args, message):
    result = run("query", "events-between-countries", *args)
    assert result.exit_code == 1
    if message:
        assert result.stderr == message
    else:
        assert result.stderr.startswith("Error: parameter a='foo:AZE': unknown prefix 'foo'; known prefixes: cameo,")


def test_unknown_id_lists_the_closest(workdir, run):
    result = run("query", "events-between-countries", "-p", "a=AZX")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: parameter a='AZX': unknown id 'AZX'; closest known ids: ")
    assert "AZE" in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-02-30", "'2023-02-30' is an impossible date: 2023-02 has no day 30"),
        ('"2023-13-01"^^xsd:date', "'2023-13-01' is an impossible date: there is no month 13"),
        ('"2023-08"^^xsd:date', "'2023-08' is not a valid xsd:date"),
        ("sahil", "not a valid date"),
    ],
)
def test_bad_dates(workdir, run, value, message):
    result = run("query", "events-in-window", "-p", f"from={value}")
    assert result.exit_code == 1
    assert result.stderr == f"Error: parameter from={value!r}: {message}\n"


def test_missing_parameter_is_named(workdir, run):
    name = write(
        workdir,
        "who.rq",
        "# title: Events of someone\n# param: who person -- the person\nSELECT ?e WHERE { ?e dkg:participant ?who }\n",
    )
    result = run("query", name)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: who.rq: missing parameter 'who' (person: the person); give it with --param who=VALUE\n"
    )
    assert "(event:meeting-a-b)" in run("query", name, "-p", "who=person-a").stdout


def test_unknown_stored_query_lists_the_closest_names(workdir, run):
    result = run("query", "events-between-country")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: unknown stored query 'events-between-country'; closest: events-between-countries"
    )
    assert result.stderr.endswith("(kg query --list shows them all)\n")


def test_syntax_error_shows_line_column_and_text(workdir, run):
    name = write(workdir, "bad.rq", "SELECT ?x WHERE {\n  ?x foo:bar ?y .\n}\n")
    result = run("query", name)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: SPARQL syntax error in bad.rq at line 2, column 6: unknown prefix 'foo:'; declare it with "
        "PREFIX foo: <…> (kg predeclares cameo, country, dcterms, dkg, document, event, …)\n"
        "    2 |   ?x foo:bar ?y .\n"
        "      |      ^\n"
    )
    other = write(workdir, "bad2.rq", "SELECT ?x WHERE {\n  ?x dkg:host ?y .\n  FILTR(?y)\n}\n")
    result = run("query", other)
    assert result.exit_code == 1
    first, text, caret = result.stderr.splitlines()
    assert first.startswith("Error: SPARQL syntax error in bad2.rq at line 3, column ")
    assert text == "    3 |   FILTR(?y)"
    assert caret.startswith("      | ") and caret.endswith("^")


def test_format_must_suit_the_query_form(workdir, run):
    result = run("query", "events-between-countries", "--format", "turtle")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --format turtle is for CONSTRUCT and DESCRIBE queries; use one of table, csv, tsv, json\n"
    )
    name = write(workdir, "c.rq", "CONSTRUCT WHERE { ?e dkg:host ?h }\n")
    result = run("query", name, "--format", "csv")
    assert result.stderr == (
        "Error: --format csv is not for CONSTRUCT and DESCRIBE queries; use one of turtle, ntriples, jsonld\n"
    )


def test_no_query_given(workdir, run):
    result = run("query")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: give a QUERY: a .rq file or the name of a stored query (kg query --list shows them)\n"
    )


def test_list_shows_titles_and_parameters(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "110")
    lines = run("query", "--list").stdout.splitlines()
    at = lines.index("events-between-countries                Events between two countries")
    assert lines[at + 1] == " " * 40 + "parameters: a (country, default AZE), b (country, default UZB)"
    assert "remote-meetings                         Meetings held by video or phone" in lines
    assert "checks/visitor-is-host-violation        Agents who visit themselves" in lines


EXTRA_TTL = """\
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix country: <https://w3id.org/diplomatic-kg/id/country/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/event/talks> a dkg:Meeting, dkg:DiplomaticEvent ;
    dkg:involvesCountry country:AZE, country:UZB ; dkg:startDate "2024"^^xsd:gYear ; dkg:endDate "2024"^^xsd:gYear .
"""
EXTRA_JSONLD = """{"@context": {"dkg": "https://w3id.org/diplomatic-kg/ontology#"},
 "@id": "https://example.org/event/talks", "dkg:location": {"@id": "https://example.org/place/samarkand"}}
"""


def test_data_adds_rdf_files(workdir, run):
    write(workdir, "extra.ttl", EXTRA_TTL)
    write(workdir, "extra.jsonld", EXTRA_JSONLD)
    result = run(
        "query",
        "events-between-countries",
        "--data",
        "data",
        "--data",
        "extra.ttl",
        "--data",
        "extra.jsonld",
        "--format",
        "tsv",
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        f'"2023-05-03"\t<{EVENT}>\t"Meeting"\t<{BAKU}>\t"example-source"',
        '"2024"\t<https://example.org/event/talks>\t"Meeting"\t<https://example.org/place/samarkand>\t',
    ]


def test_data_takes_one_folder(workdir, run):
    (workdir / "other").mkdir()
    result = run("query", "remote-meetings", "--data", "data", "--data", "other")
    assert result.exit_code == 1
    assert result.stderr == "Error: --data names 2 folders; give one folder and any number of RDF files\n"


def test_reasoning_answers_in_aligned_vocabularies(workdir, run):
    name = write(
        workdir, "s.rq", "SELECT ?e ?p WHERE { ?e a schema:Event ; schema:attendee ?p . ?p a schema:Person }\n"
    )
    assert run("query", name, "--format", "tsv").stdout == "?e\t?p\n"
    result = run("query", name, "--format", "tsv", "--reasoning", "rdfs")
    assert result.stdout == (
        "?e\t?p\n"
        f"<{EVENT}>\t<https://w3id.org/diplomatic-kg/id/person/person-a>\n"
        f"<{EVENT}>\t<https://w3id.org/diplomatic-kg/id/person/person-b>\n"
    )
    org = write(workdir, "o.rq", "SELECT ?p ?post WHERE { ?p org:holds ?post }\n")
    assert run("query", org, "--format", "tsv", "--reasoning", "rdfs").stdout == (
        "?p\t?post\n"
        "<https://w3id.org/diplomatic-kg/id/person/person-a>\t<https://w3id.org/diplomatic-kg/id/post/minister-a>\n"
        "<https://w3id.org/diplomatic-kg/id/person/person-b>\t<https://w3id.org/diplomatic-kg/id/post/minister-b>\n"
    )


# --- the library underneath
def test_terms_parse_every_form():
    r = Resolver.from_pairs(
        [("https://w3id.org/diplomatic-kg/id/country/AZE", "https://w3id.org/diplomatic-kg/ontology#Country")]
    )
    assert r.parse("AZE", "country") == URIRef("https://w3id.org/diplomatic-kg/id/country/AZE")
    assert r.parse("2023-08") == Literal("2023-08", datatype=rdflib.XSD.gYearMonth)
    assert r.parse("2023", "date") == Literal("2023", datatype=rdflib.XSD.gYear)
    assert r.parse('"Bakı"@az') == Literal("Bakı", lang="az")
    assert r.parse('"say \\"hi\\""') == Literal('say "hi"')
    assert r.parse('"7"^^xsd:integer') == Literal(7)
    assert r.parse("Baku is a city", "string") == Literal("Baku is a city")
    assert r.parse("https://example.org/x") == URIRef("https://example.org/x")
    with pytest.raises(UsageError, match="is not a language tag"):
        r.parse('"x"@not_a_tag')
    with pytest.raises(UsageError, match="'seven' is not a valid xsd:integer"):
        r.parse('"seven"^^xsd:integer')
    with pytest.raises(UsageError, match="unbalanced quotes"):
        r.parse('"open')


def test_values_block_opens_the_where_clause_on_the_same_line():
    text = "CONSTRUCT { ?s ?p ?o }\nWHERE {\n  ?s ?p ?o\n}"
    bound = with_values(text, {"s": URIRef("https://x.org/a"), "o": Literal('it\'s "q"')})
    assert bound == (
        'CONSTRUCT { ?s ?p ?o }\nWHERE { VALUES (?o ?s) { ("it\'s \\"q\\"" <https://x.org/a>) }\n  ?s ?p ?o\n}'
    )


def test_header_parsing():
    title, description, params = parse_header(
        "# title: T\n# description: one\n#   two\n# param: a country AZE -- first\n# param: b date\nSELECT", "q"
    )
    assert (title, description) == ("T", "one two")
    assert [(p.name, p.type, p.default, p.description) for p in params] == [
        ("a", "country", "AZE", "first"),
        ("b", "date", None, ""),
    ]
    with pytest.raises(UsageError, match="bad '# param:' line 'a nonsense'"):
        parse_header("# param: a nonsense\n", "q")


def test_stored_queries_live_in_queries():
    assert (ROOT / "queries" / "events-between-countries.rq").is_file()
