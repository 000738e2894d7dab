"""``kg query``: formats with label columns, parameters bound as RDF terms, located syntax errors, notes on
empty answers, and every error without a traceback.

Runs on the hand-written dataset of tests/fixtures/minimal: one meeting of Person A (host, Minister A,
AZE) and Person B (guest, Minister B, UZB) in Baku (Bakı in Azerbaijani) on 3 May 2023, stated by
example-source; the countries come from data/reference/countries.ttl.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.catalogue import parse_header
from kg.cli.main import flag
from kg.errors import UsageError
from kg.graph import load
from kg.iris import mint
from kg.queries import run, visible_variables, with_values
from kg.store import Store
from kg.terms import Resolver
from tests.conftest import ROOT

EVENT = "https://w3id.org/diplomatic-kg/id/event/meeting-a-b"
BAKU = "https://w3id.org/diplomatic-kg/id/place/baku"
PERSON_A = "https://w3id.org/diplomatic-kg/id/person/person-a"
PERSON_B = "https://w3id.org/diplomatic-kg/id/person/person-b"
LABEL = "Meeting of Person A and Person B"


@pytest.fixture(autouse=True)
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


def write(workdir: Path, name: str, text: str) -> str:
    (workdir / name).write_text(text, encoding="utf-8")
    return name


# --- formats: a label column beside each column of IRIs


def test_table_has_a_label_column_beside_each_iri_column(workdir, run):
    result = run("query", "events-between-countries", "--param", "a=AZE", "--param", "b=UZB")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{'when':<10}  {'event':<17}  {'event_label':<32}  {'kind':<7}  {'place':<10}  place_label  sources\n"
        f"{'-' * 10}  {'-' * 17}  {'-' * 32}  {'-' * 7}  {'-' * 10}  {'-' * 11}  {'-' * 14}\n"
        f"2023-05-03  event:meeting-a-b  {LABEL}  Meeting  place:baku  Baku         example-source\n"
        "(1 row)\n"
    )


def test_table_wraps_long_values_to_the_terminal(workdir, run, monkeypatch):
    # 100 columns: every column keeps its longest word; the 8 spare characters go to event_label (19)
    monkeypatch.setenv("COLUMNS", "100")
    result = run("query", "events-between-countries")
    assert result.stdout == (
        "when        event              event_label          kind     place       place_label  sources\n"
        f"{'-' * 10}  {'-' * 17}  {'-' * 19}  {'-' * 7}  {'-' * 10}  {'-' * 11}  {'-' * 14}\n"
        "2023-05-03  event:meeting-a-b  Meeting of Person A  Meeting  place:baku  Baku         example-source\n"
        f"{' ' * 31}and Person B\n"
        "(1 row)\n"
    )


def test_csv_opens_in_spreadsheets_with_names_beside_iris(workdir, run):
    result = run("query", "events-between-countries", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == (
        "\ufeffwhen,event,event_label,kind,place,place_label,sources\r\n"
        f"2023-05-03,{EVENT},{LABEL},Meeting,{BAKU},Baku,example-source\r\n"
    )


def test_labels_in_the_chosen_language_and_formats_in_any_case(workdir, run):
    # Baku is Bakı in Azerbaijani; the meeting has no Azerbaijani title, so its English one is shown
    result = run("query", "events-between-countries", "--format", "CSV", "--lang", "AZ")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == (
        "\ufeffwhen,event,event_label,kind,place,place_label,sources\r\n"
        f"2023-05-03,{EVENT},{LABEL},Meeting,{BAKU},Bakı,example-source\r\n"
    )
    bad = run("query", "events-between-countries", "--lang", "fr")
    assert bad.exit_code == 2
    assert "Invalid value for '--lang': 'fr' is not one of 'en', 'az', 'ru', 'uz'." in bad.stderr


def test_tsv_writes_rdf_terms(workdir, run):
    result = run("query", "events-between-countries", "--format", "tsv")
    assert result.stdout == (
        "?when\t?event\t?event_label\t?kind\t?place\t?place_label\t?sources\n"
        f'"2023-05-03"\t<{EVENT}>\t"{LABEL}"\t"Meeting"\t<{BAKU}>\t"Baku"\t"example-source"\n'
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


# --- parameters


def test_parameters_are_rdf_terms_in_any_spelling(workdir, run):
    expected = run("query", "events-between-countries", "-p", "a=AZE", "-p", "b=UZB").stdout
    spellings = [
        ("country:AZE", "UZB"),
        ("<https://w3id.org/diplomatic-kg/id/country/AZE>", "uzb"),
        ("UZB", "AZE"),
        ("Azerbaijan", "Oʻzbekiston"),  # names, in English and in Uzbek
        ("Country:aze", "Узбекистан"),
    ]
    for a, b in spellings:
        assert run("query", "events-between-countries", "-p", f"a={a}", "-p", f"b={b}").stdout == expected, (a, b)
    window = run("query", "events-in-window", "-p", "from=2023-05", "-p", 'to="2023-05-03"^^xsd:date')
    assert "event:meeting-a-b" in window.stdout
    none = run("query", "events-in-window", "-p", "from=2023-05-04", "-p", "to=2023")
    assert none.stdout.endswith("(0 rows)\n")
    assert none.stderr == ""  # the window 2023 as a whole holds the meeting: no likely cause to name


def test_a_person_by_name(workdir, run):
    by_id = run("query", "person-statements", "-p", "person=person-a", "--format", "tsv").stdout
    assert run("query", "person-statements", "-p", "person=Persona A", "--format", "tsv").stdout == by_id  # variant
    assert run("query", "person-statements", "-p", "person=Персона А", "--format", "tsv").stdout == by_id


def test_parameters_of_an_ad_hoc_query(workdir, run):
    # ?label is not selected: Oxigraph refuses to substitute it, the VALUES fallback binds it
    name = write(workdir, "labels.rq", "SELECT ?x WHERE { ?x rdfs:label ?label }\n")
    result = run("query", name, "-p", 'label="Bakı"@az', "--format", "csv")
    assert result.stdout_bytes.decode("utf-8") == f"\ufeffx,x_label\r\n{BAKU},Baku\r\n"
    injection = run("query", name, "-p", 'label=Baku" } ?x ?p ?o {', "--format", "csv")
    assert injection.stdout_bytes.decode("utf-8") == "\ufeffx\r\n"  # a string, never query text
    # selected: substituted by Oxigraph, and shown
    shown = write(workdir, "shown.rq", "SELECT ?x ?label WHERE { ?x rdfs:label ?label }\n")
    result = run("query", shown, "-p", 'label="Bakı"@az', "--format", "tsv")
    assert result.stdout == f'?x\t?x_label\t?label\n<{BAKU}>\t"Baku"\t"Bakı"@az\n'


def test_substitution_reaches_nested_groups(workdir, run):
    # ?who is tested in a FILTER of a nested group: a VALUES block at the top would not reach it
    name = write(workdir, "guest.rq", "SELECT ?e ?who WHERE { ?e dkg:host ?h { ?e dkg:guest ?g FILTER(?g = ?who) } }\n")
    found = run("query", name, "-p", "who=person-b", "--format", "csv").stdout_bytes.decode("utf-8")
    assert found == f"\ufeffe,e_label,who,who_label\r\n{EVENT},{LABEL},{PERSON_B},Person B\r\n"
    assert run("query", name, "-p", "who=person-a", "--format", "csv").stdout_bytes.decode("utf-8") == "\ufeffe,who\r\n"


HIDDEN = """\
# param: e event -- the event
SELECT ?place WHERE {
  ?place a dkg:Place .
  { SELECT ?place WHERE { ?e dkg:location ?place } }
}
"""


def test_a_parameter_the_query_cannot_see_is_an_error(workdir, run):
    name = write(workdir, "hidden.rq", HIDDEN)
    result = run("query", name, "-p", "e=meeting-a-b")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: --param e: ?e is used only inside a subquery that does not select it, so a value for it "
        "would change nothing; select ?e in that subquery to make it a parameter\n"
    )
    seen = write(workdir, "seen.rq", HIDDEN.replace("{ SELECT ?place WHERE", "{ SELECT ?place ?e WHERE"))
    assert run("query", seen, "-p", "e=meeting-a-b", "--format", "csv").stdout_bytes.decode("utf-8") == (
        f"\ufeffplace,place_label\r\n{BAKU},Baku\r\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "a=person-a"], "--param a: person-a is a person, not a country"),
        (["-p", "a=meeting-a-b"], "--param a: meeting-a-b is an event, not a country"),
        (
            ["-p", "a=<not an iri>"],
            "--param a: '<not an iri>' is not a valid IRI: write an absolute IRI such as <https://example.org/x>",
        ),
        (["-p", "a=foo:AZE"], "--param a: unknown prefix 'foo:' in 'foo:AZE'"),
        (["-p", "a=dgk:AZE"], "--param a: unknown prefix 'dgk:' in 'dgk:AZE'; did you mean dkg?"),
        # country codes are suggested for a country: AZE and KAZ share two letters with AZX
        (["-p", "a=AZX"], "--param a: no country is named 'AZX'; did you mean AZE, KAZ?"),
        (["-p", "a=Azerbaijn"], "--param a: no country is named 'Azerbaijn'; did you mean AZE?"),
        (["-p", "zz=1"], "--param zz: stored query events-between-countries has no such parameter; use one of: a, b"),
        (["-p", "aa=1"], "--param aa: stored query events-between-countries has no such parameter; did you mean a?"),
        (["-p", "novalue"], "--param: 'novalue' is not NAME=VALUE (e.g. a=AZE)"),
        (["-p", "a=AZE", "-p", "a=UZB"], "--param a: given twice; give each parameter once"),
    ],
)
def test_bad_parameters(workdir, run, args, message):
    result = run("query", "events-between-countries", *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"


def test_a_person_parameter_suggests_people(workdir, run):
    # never the participations (meeting-a-b--person-a--host) whose ids also contain "person"
    result = run("query", "person-statements", "-p", "person=person-c")
    assert result.exit_code == 1
    assert result.stderr == "Error: --param person: no person is named 'person-c'; did you mean person-a, person-b?\n"


def test_parameters_on_the_real_data_suggest_values_of_their_kind(real_kg):
    resolver = Resolver(real_kg.store)

    def error(value: str, typ: str) -> str:
        with pytest.raises(UsageError) as caught:
            resolver.parse(value, typ, "x")
        return caught.value.render(flag)

    # data/core/people.yaml: Sahil Babayev; his participations are never offered
    assert error("babayev", "person") == "--param x: 'babayev' matches 1 person; did you mean sahil-babayev?"
    assert error("uzbekstan", "country") == "--param x: no country is named 'uzbekstan'; did you mean UZB?"
    assert error("visit-babayev-tashkent-2023-10", "person") == (
        "--param x: visit-babayev-tashkent-2023-10 is an event, not a person"
    )
    assert resolver.parse("Сахиль Бабаев", "person") == mint("person", "sahil-babayev")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-02-30", "'2023-02-30' is an impossible date: 2023-02 has no day 30"),
        ('"2023-13-01"^^xsd:date', "'2023-13-01' is an impossible date: there is no month 13"),
        ('"2023-08"^^xsd:date', "'2023-08' is not a valid xsd:date"),
        ("sahil", "'sahil' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_dates(workdir, run, value, message):
    result = run("query", "events-in-window", "-p", f"from={value}")
    assert result.exit_code == 1
    assert result.stderr == f"Error: --param from: {message}\n"


def test_missing_parameter_is_named(workdir, run):
    name = write(
        workdir,
        "who.rq",
        "# title: Events of someone\n# param: who person -- the person\nSELECT ?e WHERE { ?e dkg:participant ?who }\n",
    )
    result = run("query", name)
    assert result.exit_code == 1
    assert result.stderr == "Error: --param who: who.rq needs a person (the person)\n"
    assert "event:meeting-a-b" in run("query", name, "-p", "who=person-a").stdout
    event = write(workdir, "ev.rq", "# param: e event\nSELECT ?d WHERE { ?e dkg:participant ?d }\n")
    assert run("query", event).stderr == "Error: --param e: ev.rq needs an event\n"


def test_unknown_stored_query_lists_the_closest_names(workdir, run):
    result = run("query", "events-between-country")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown stored query 'events-between-country'; did you mean events-between-countries, "
        "documents-between-countries, sectors-between-countries?\n"
    )


# --- syntax errors: the right line and column, and what was expected in words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            # Oxigraph says line 5, "expected ENCODE_FOR_URI" (a keyword tried at ')' reads 14 characters on)
            "SELECT ?e WHERE {\n  ?e a dkg:Meeting ;\n     dkg:startDate ?d .\n  FILTER(YEAR(?d) = )\n}\n",
            "at line 4, column 21: expected an expression, found ')'\n"
            "    4 |   FILTER(YEAR(?d) = )\n"
            f"      | {' ' * 20}^\n",
        ),
        (
            "SELEC ?x WHERE { ?x ?p ?o }\n",  # Oxigraph: column 10, "expected CONSTRUCT"
            "at line 1, column 1: expected a query form: SELECT, CONSTRUCT, ASK or DESCRIBE, found 'SELEC'\n"
            "    1 | SELEC ?x WHERE { ?x ?p ?o }\n"
            "      | ^\n",
        ),
        ("", "at line 1, column 1: the query is empty\n    1 | \n      | ^\n"),  # Oxigraph: "expected [_]"
        (
            "SELECT ?x WHERE {\n  ?x dkg:host ?y .\n  FILTR(?y)\n}\n",  # Oxigraph: column 11, "expected OPTIONAL"
            "at line 3, column 3: expected a triple pattern, a keyword such as FILTER, OPTIONAL, BIND or VALUES, "
            "or '}', found 'FILTR'\n"
            "    3 |   FILTR(?y)\n"
            "      |   ^\n",
        ),
        (
            "SELECT ?x WHERE {\n  ?x dkg:host ?y .\n",
            "at line 2, column 19: the query ends before it is complete: expected a triple pattern, a keyword "
            "such as FILTER, OPTIONAL, BIND or VALUES, or '}'\n"
            "    2 |   ?x dkg:host ?y .\n"
            f"      | {' ' * 18}^\n",
        ),
        (
            "SELECT ?x WHERE {\n  ?x dgk:host ?y .\n}\n",
            "at line 2, column 6: unknown prefix 'dgk:' (did you mean dkg:?); declare it with PREFIX dgk: <…>, "
            "or use one of those kg declares: cameo, citation, country, dcterms, dkg, document, event, foaf, id, mode, "
            "org, organisation, owl, participation, person, place, plover, post, prov, rdf, rdfs, role, schema, "
            "sector, sem, sh, skos, source, status, tenure, time, wd, xsd\n"
            "    2 |   ?x dgk:host ?y .\n"
            "      |      ^\n",
        ),
    ],
    ids=["expression", "query-form", "empty", "misspelt-keyword", "unclosed", "unknown-prefix"],
)
def test_syntax_errors_name_the_place_and_what_was_expected(workdir, run, text, message):
    name = write(workdir, "bad.rq", text)
    result = run("query", name)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: SPARQL syntax error in bad.rq {message}"


def test_format_must_suit_the_query_form(workdir, run):
    result = run("query", "events-between-countries", "--format", "turtle")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --format: turtle is for CONSTRUCT and DESCRIBE results; use one of: table, csv, tsv, json\n"
    )
    name = write(workdir, "c.rq", "CONSTRUCT WHERE { ?e dkg:host ?h }\n")
    result = run("query", name, "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --format: csv is not for CONSTRUCT and DESCRIBE results; use one of: turtle, ntriples, jsonld, xml\n"
    )


def test_no_query_given(workdir, run):
    result = run("query")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: give a QUERY: a .rq file or the name of a stored query (kg query --list shows them)\n"
    )


def test_list_shows_descriptions_and_parameters(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    blocks = run("query", "--list").stdout.split("\n\n")
    assert (
        "events-between-countries  Events between two countries\n"
        "    Every event in which both countries take part (dkg:involvesCountry), in time order, with its\n"
        "    kind (the most specific; kinds on which sources disagree are all listed), its date (a day,\n"
        "    start/end for several days, earliest..latest when only bounds are known, 2024-06.. or ..2024-06\n"
        "    when one bound is open, undated when no date is given (listed last); dates on which sources\n"
        "    disagree are separated by |), its place (a place, or the country itself when only the country is\n"
        "    known) and the sources that state it.\n"
        "    parameter a: country, default AZE — one country (ISO alpha-3 code, id or IRI)\n"
        "    parameter b: country, default UZB — the other country"
    ) in blocks
    who = next(b for b in blocks if b.startswith("who-met-whom  Who met whom, visitor to host\n"))
    assert "2024-01..2024-09 known only to fall between these bounds (earliest..latest)" in " ".join(who.split())
    assert any(b.startswith("checks/visitor-is-host-violation  Agents who visit themselves\n") for b in blocks)


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
    assert result.stdout.splitlines()[1:] == [  # the added talks have no labels
        f'"2023-05-03"\t<{EVENT}>\t"{LABEL}"\t"Meeting"\t<{BAKU}>\t"Baku"\t"example-source"',
        '"2024"\t<https://example.org/event/talks>\t\t"Meeting"\t<https://example.org/place/samarkand>\t\t',
    ]


def test_data_takes_one_folder(workdir, run):
    (workdir / "other").mkdir()
    result = run("query", "remote-meetings", "--data", "data", "--data", "other")
    assert result.exit_code == 1
    assert result.stderr == "Error: --data names 2 folders; give one folder and any number of RDF files\n"


SCHEMA_QUERY = "SELECT ?e ?p WHERE { ?e a schema:Event ; schema:attendee ?p . ?p a schema:Person }\n"


def test_reasoning_answers_in_aligned_vocabularies(workdir, run):
    name = write(workdir, "s.rq", SCHEMA_QUERY)
    result = run("query", name, "--format", "tsv", "--reasoning", "RDFS")
    assert result.stdout == (
        "?e\t?e_label\t?p\t?p_label\n"
        f'<{EVENT}>\t"{LABEL}"\t<{PERSON_A}>\t"Person A"\n'
        f'<{EVENT}>\t"{LABEL}"\t<{PERSON_B}>\t"Person B"\n'
    )
    assert result.stderr == ""
    org = write(workdir, "o.rq", "SELECT ?p ?post WHERE { ?p org:holds ?post }\n")
    assert run("query", org, "--format", "csv", "--reasoning", "rdfs").stdout_bytes.decode("utf-8") == (
        "\ufeffp,p_label,post,post_label\r\n"
        f"{PERSON_A},Person A,https://w3id.org/diplomatic-kg/id/post/minister-a,Minister A\r\n"
        f"{PERSON_B},Person B,https://w3id.org/diplomatic-kg/id/post/minister-b,Minister B\r\n"
    )


# --- an empty answer says why, on standard error, when the cause is likely


def test_empty_answer_without_reasoning_says_so(workdir, run):
    result = run("query", write(workdir, "s.rq", SCHEMA_QUERY), "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout == "?e\t?p\n"
    assert result.stderr == (
        "Note: the answer is empty: the query asks in terms the data never states itself (schema:Event, "
        "schema:Person, schema:attendee); RDFS entailment derives them from the ontology's alignments "
        "(--reasoning rdfs)\n"
    )


def test_empty_answer_outside_the_data_s_time_says_so(workdir, run):
    result = run("query", "events-in-window", "-p", "from=1990", "-p", "to=1991-06")
    assert result.exit_code == 0
    assert result.stdout == "when  event  place\n----  -----  -----\n(0 rows)\n"
    assert result.stderr == (
        "Note: the answer is empty: no event falls between 1990 and 1991-06: the events of the data run "
        "from 2023-05-03 to 2023-05-03\n"
    )


def test_empty_answer_from_an_empty_folder_says_so(workdir, run):
    (workdir / "empty").mkdir()
    result = run("query", "remote-meetings", "--data", "empty", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == "\ufeffwhen,event,mode,countries,participants\r\n"
    assert result.stderr == "Note: the answer is empty: the data holds no records (--data empty)\n"


def test_an_empty_answer_with_no_likely_cause_is_left_alone(workdir, run):
    result = run("query", "remote-meetings")  # the one meeting was held in person
    assert (result.exit_code, result.stdout.splitlines()[-1], result.stderr) == (0, "(0 rows)", "")


# --- the library underneath


def test_terms_parse_every_form():
    r = Resolver(Store())
    assert r.parse("2023-08") == Literal("2023-08", datatype=rdflib.XSD.gYearMonth)
    assert r.parse("2023", "date") == Literal("2023", datatype=rdflib.XSD.gYear)
    assert r.parse('"Bakı"@az') == Literal("Bakı", lang="az")
    assert r.parse('"say \\"hi\\""') == Literal('say "hi"')
    assert r.parse('"7"^^xsd:integer') == Literal(7)
    assert r.parse("7", "integer") == Literal(7)
    assert r.parse("Baku is a city", "string") == Literal("Baku is a city")
    assert r.parse("https://example.org/x") == URIRef("https://example.org/x")
    assert r.parse("dkg:Place", "iri") == URIRef("https://w3id.org/diplomatic-kg/ontology#Place")
    with pytest.raises(UsageError, match="is not a language tag"):
        r.parse('"x"@not_a_tag')
    with pytest.raises(UsageError, match="'seven' is not a valid xsd:integer"):
        r.parse('"seven"^^xsd:integer')
    with pytest.raises(UsageError, match="unbalanced quotes"):
        r.parse('"open')


def test_fallback_values_block_opens_the_where_clause_on_the_same_line():
    text = "CONSTRUCT { ?s ?p ?o }\nWHERE {\n  ?s ?p ?o\n}"
    bound = with_values(text, {"s": URIRef("https://x.org/a"), "o": Literal('it\'s "q"')})
    assert bound == (
        'CONSTRUCT { ?s ?p ?o }\nWHERE { VALUES (?o ?s) { ("it\'s \\"q\\"" <https://x.org/a>) }\n  ?s ?p ?o\n}'
    )


def test_visible_variables_leave_out_what_subqueries_keep_to_themselves():
    text = """SELECT ?a (COUNT(?b) AS ?n) WHERE {
      ?a ?p ?x FILTER(?x != ?f)
      { SELECT ?a ?c WHERE { ?a ?q ?c . ?c ?r ?hidden { SELECT ?c WHERE { ?c ?s ?deep } } } }
      { SELECT * WHERE { ?a ?t ?star } }
      { SELECT ?a (MAX(?m) AS ?top) WHERE { ?a ?u ?m } GROUP BY ?a }
      OPTIONAL { ?a ?v ?b }  # ?comment is no variable
    } GROUP BY ?a"""
    assert visible_variables(text) == {"a", "p", "x", "f", "n", "b", "v", "c", "star", "t", "top"}


def test_oxigraph_substitutes_where_it_can_and_the_fallback_binds_the_rest(workdir):
    store = load(Path("data")).store
    # substituted: ?h is selected
    assert run(store, "SELECT ?e ?h WHERE { ?e dkg:host ?h }", {"h": URIRef(PERSON_A)}).table() == [
        (f"<{EVENT}>", f"<{PERSON_A}>")
    ]
    # refused by Oxigraph (?who is used in a FILTER only), bound by the VALUES block
    filtered = "SELECT ?e WHERE { ?e dkg:host ?h FILTER(?h = ?who) }"
    assert run(store, filtered, {"who": URIRef(PERSON_A)}).table() == [(f"<{EVENT}>",)]
    assert run(store, filtered, {"who": URIRef(PERSON_B)}).table() == []
    # ASK and CONSTRUCT substitute what their pattern binds
    assert run(store, "ASK { ?e dkg:guest ?g }", {"g": URIRef(PERSON_A)}).boolean is False
    described = run(store, "DESCRIBE ?x", {"x": URIRef(BAKU)})
    assert (URIRef(BAKU), rdflib.RDFS.label, Literal("Bakı", lang="az")) in described.triples


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
