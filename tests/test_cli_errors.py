"""Every kind of bad input ends in a clear message and the documented exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest


def write(workdir: Path, name: str, text: str) -> None:
    (workdir / "data" / name).write_text(text, encoding="utf-8")


EVENT = """\
events:
  - id: {id}
    kind: {kind}
    title: {{en: An invented meeting}}
    date: {date}
    countries: [AZE]
    participants:
      - {{agent: {agent}, role: {role}}}
    sources: [example-source]
"""


def event(id="meeting-extra", kind="meeting", date="2023-06-01", agent="person-a", role="participant") -> str:
    return EVENT.format(id=id, kind=kind, date=date, agent=agent, role=role)


def test_yaml_syntax_error_names_file_line_and_column(workdir, run):
    write(workdir, "extra.yaml", "events:\n  - id: broken\n   kind: meeting\n")
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: data/extra.yaml:3:4: YAML syntax error: expected <block end>, but found '<block mapping start>'\n"
    )


def test_unknown_reference_lists_closest_ids(workdir, run):
    write(workdir, "extra.yaml", event(agent="person-c"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:2: meeting-extra: participants[0].agent: unknown person or organisation or country "
        "'person-c'; closest known ids: person-a, person-b\n"
        "Error: 1 problem found in the data\n"
    )


def test_unknown_place_reference_points_at_its_line(workdir, run):
    text = event().replace("    countries: [AZE]\n", "    place: bakuu\n    countries: [AZE]\n")
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert (
        "data/extra.yaml:6: meeting-extra: place: unknown place or country 'bakuu'; closest known ids: baku\n"
        in result.stderr
    )


def test_duplicate_id_names_both_places(workdir, run):
    write(workdir, "extra.yaml", event(id="meeting-a-b"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/records.yaml:43: meeting-a-b: duplicate id: already used by the event at data/extra.yaml:2; "
        "ids must be unique across all files\n"
        "Error: 1 problem found in the data\n"
    )


def test_impossible_date(workdir, run):
    write(workdir, "extra.yaml", event(date="2023-02-30"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:5: meeting-extra: date: '2023-02-30' is an impossible date: 2023-02 has no day 30\n"
        "Error: 1 problem found in the data\n"
    )


def test_end_before_start(workdir, run):
    # Date order is shape S07's rule (YAML and Turtle alike), reported at the record.
    text = event().replace("    date: 2023-06-01\n", "    start: 2023-06-03\n    end: 2023-06\n    latest: 2023-05\n")
    text = text.replace("    start:", "    earliest: 2023-06-01\n    start:")
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:2: meeting-extra: The end 2023-05 comes before the start: check `start`/`end` (or "
        "`earliest`/`latest`, `start_earliest`/`start_latest`, `end_earliest`/`end_latest`); they may be swapped. "
        "[S07-date-order]\n"
        "Error: 1 problem found in the data\n"
    )


def test_end_before_start_in_a_turtle_file_names_the_file(workdir, run):
    # The same rule covers Turtle in data/; a tenure of nobody in the YAML is located in its file.
    write(
        workdir,
        "extra.ttl",
        "@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<https://w3id.org/diplomatic-kg/id/tenure/person-z--minister-a--1> a dkg:Tenure ;\n"
        "    dcterms:source <https://w3id.org/diplomatic-kg/id/source/example-source> ;\n"
        '    dkg:startDate "2023"^^xsd:gYear ; dkg:endDate "2022-12"^^xsd:gYearMonth .\n',
    )
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.ttl: person-z--minister-a--1: The end 2022-12 comes before the start: check `start`/`end` (or "
        "`earliest`/`latest`, `start_earliest`/`start_latest`, `end_earliest`/`end_latest`); they may be swapped. "
        "[S07-date-order]\n"
        "Error: 1 problem found in the data\n"
    )


def test_violation_query_row_is_located_in_the_file_and_record(workdir, run):
    # queries/checks/visitor-is-host-violation.rq: no shape states it, kg validate runs the query.
    text = event(role="visitor").replace(
        "      - {agent: person-a, role: visitor}\n",
        "      - {agent: person-a, role: visitor}\n      - {agent: person-a, role: host}\n",
    )
    write(workdir, "extra.yaml", text)
    for command in ("validate", "build"):
        result = run(command)
        assert result.exit_code == 1, command
        assert result.stderr == (
            "data/extra.yaml:2: meeting-extra: Agents who visit themselves: event meeting-extra, agent person-a "
            "[checks/visitor-is-host-violation]\n"
            "Error: 1 problem found in the data\n"
        ), command


def test_reference_to_a_record_of_another_kind(workdir, run):
    write(workdir, "extra.yaml", event().replace("    countries:", "    part_of: baku\n    countries:"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-extra: part_of: 'baku' is a place, not an event\n"
        "Error: 1 problem found in the data\n"
    )


def test_unknown_kind_lists_the_kinds(workdir, run):
    write(workdir, "extra.yaml", event(kind="tea-party"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:3: meeting-extra: field 'kind': unknown value 'tea-party'; use one of: business-forum, "
        "ceremony, conference, construction-initiative, decision, donation, event, initiative, "
        "interstate-body-meeting, meeting, official-visit, opening, session, signing, state-visit, statement, "
        "summit, visit, working-visit\n"
        "Error: 1 problem found in the data\n"
    )


def test_unknown_role_lists_the_roles(workdir, run):
    write(workdir, "extra.yaml", event(role="mediator"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:8: meeting-extra: field 'participants.0.role': unknown value 'mediator'; use one of: "
        "accompanying, chair, delegation-head, guest, host, organiser, participant, signatory, speaker, visitor\n"
        "Error: 1 problem found in the data\n"
    )


def test_unknown_field_is_reported(workdir, run):
    write(workdir, "extra.yaml", event().replace("    date:", "    dait: 2023-06-02\n    date:"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:5: meeting-extra: unknown field 'dait'; did you mean date? "
        "(data/README.md lists the fields of every record)\n"
        "Error: 1 problem found in the data\n"
    )


# A second event of the same file refers to the first: when one bad field rejected the whole file, each
# such reference came back as a false "unknown event".
TALKS = """\
  - id: talks-extra
    kind: meeting
    title: {en: Invented talks during the meeting}
    date: 2023-06-01
    part_of: meeting-extra
    countries: [AZE]
    participants:
      - {agent: person-a, role: participant}
    sources: [example-source]
"""


def test_misspelt_field_rejects_that_record_only(workdir, run):
    text = event().replace("    countries:", "    palce: baku\n    countries:") + TALKS
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-extra: unknown field 'palce'; did you mean place? "
        "(data/README.md lists the fields of every record)\n"
        "Error: 1 problem found in the data\n"
    )


def test_list_written_as_text_rejects_that_record_only(workdir, run):
    text = event().replace("    countries: [AZE]\n", "    countries: AZE, UZB\n") + TALKS
    write(workdir, "extra.yaml", text.replace("part_of: meeting-extra", "margins_of: meeting-extra"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-extra: field 'countries': 'AZE, UZB' is text, not a list; write [AZE, UZB]\n"
        "Error: 1 problem found in the data\n"
    )


def test_other_records_of_the_file_are_still_checked(workdir, run):
    text = event().replace("    countries:", "    palce: baku\n    countries:")
    write(workdir, "extra.yaml", text + TALKS.replace("    countries:", "    place: bakuu\n    countries:"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-extra: unknown field 'palce'; did you mean place? "
        "(data/README.md lists the fields of every record)\n"
        "data/extra.yaml:16: talks-extra: place: unknown place or country 'bakuu'; closest known ids: baku\n"
        "Error: 2 problems found in the data\n"
    )


def without_places(workdir: Path) -> None:
    """Move the fixture's places into data/places.yaml, as the real data keeps them."""
    records = workdir / "data" / "records.yaml"
    text = records.read_text(encoding="utf-8")
    start = text.index("places:\n")
    end = text.index("organisations:\n")
    records.write_text(text[:start] + text[end:], encoding="utf-8")
    write(workdir, "places.yaml", text[start:end])
    assert run_ok(workdir)


def run_ok(workdir: Path) -> bool:
    from kg.build import load_valid

    return bool(load_valid(workdir / "data").records)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("", "it is empty"),
        ("\n  \n", "it is empty"),
        ("# yaml-language-server: $schema=../schema/diplomatic-kg.schema.json\n# Places.\n", "it holds only comments"),
        ("places: []\n", "its sections are empty"),
        ("places:\nevents:\n", "its sections are empty"),
    ],
)
def test_emptied_file_is_named(workdir, run, content, why):
    without_places(workdir)
    write(workdir, "places.yaml", content)
    for command in ("validate", "build"):
        result = run(command)
        assert result.exit_code == 2, command
        assert result.stderr == (
            f"Error: data/places.yaml: the file holds no records ({why}); "
            "restore its records, or delete the file if it is no longer needed\n"
        ), command


def test_several_emptied_files_are_named_together(workdir, run):
    without_places(workdir)
    write(workdir, "places.yaml", "")
    write(workdir, "people.yaml", "# Nobody yet.\n")
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 2 data files hold no records: data/people.yaml (it holds only comments), "
        "data/places.yaml (it is empty); restore their records, or delete the files that are no longer needed\n"
    )


def test_malformed_turtle_names_file_and_line(workdir, run):
    write(workdir, "extra.ttl", "@prefix ex: <https://example.org/> .\n\nex:a ex:b ex:c ;\n  ex:d .\n")
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == "Error: data/extra.ttl: Parser error at line 4 column 8: . is not a valid RDF object\n"


def test_blank_nodes_in_turtle_are_refused(workdir, run):
    write(workdir, "extra.ttl", "@prefix ex: <https://example.org/> .\nex:a ex:b [ ex:c ex:d ] .\n")
    result = run("validate")
    assert result.exit_code == 1
    assert "data/extra.ttl: blank node in " in result.stderr
    assert "mint an IRI under https://w3id.org/diplomatic-kg/id/ instead" in result.stderr


def test_missing_data_directory(workdir, run):
    result = run("validate", "--data", "nowhere")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --data: data folder 'nowhere' not found; "
        "run kg from the repository root or name the folder that holds the data\n"
    )


def test_failed_build_leaves_previous_output_intact(workdir, run):
    out = workdir / "build" / "graph.ttl"
    out.parent.mkdir()
    out.write_text("previous content\n", encoding="utf-8")
    write(workdir, "extra.yaml", event(agent="nobody"))
    result = run("build", "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.ttl"]


def test_unknown_output_format(workdir, run):
    result = run("build", "-o", "build/graph.docx")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: -o build/graph.docx: cannot tell the format from the suffix '.docx'; "
        "use one of: .ttl, .nt, .nq, .trig, .jsonld, .json, .rdf, .xml, .owl, .csv\n"
    )
    assert not (workdir / "build").exists()


@pytest.mark.parametrize("command", ["build", "validate"])
def test_no_traceback_on_bad_input(workdir, run, command):
    write(workdir, "extra.yaml", "people: {not: a list}\n")
    result = run(command)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "data/extra.yaml:1: field 'people': {'not': 'a list'} is not of type 'array'" in result.stderr


def test_shape_violation_is_located_in_the_file_and_record(workdir, run):
    # An event nobody took part in breaks S03; the message comes from ontology/shapes.ttl.
    text = event().replace("    participants:\n      - {agent: person-a, role: participant}\n", "")
    text = text.replace("    countries: [AZE]\n", "")
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:2: meeting-extra: The event names nobody who took part: add an entry to `participants` "
        "(a person, organisation or country, with a role), or list the countries taking part in `countries`. "
        "[S03-event-agent]\n"
        "Error: 1 problem found in the data\n"
    )


# --- the fields of issue 9: source links, spouses, document links, event codes

QUOTED_SOURCE = """\
sources:
  - id: quoted
    kind: news-article
    publisher: Example Agency
    language: en
    published: 2024-03
    summary: Invented for the tests.
    quote: The ministers met in Baku. They signed two documents.
"""


def test_quotes_must_come_exactly_from_a_source_ours_to_quote(workdir, run):
    text = QUOTED_SOURCE + event().replace(
        "    sources: [example-source]\n",
        "    sources:\n"
        "      - {id: example-source, quote: The ministers met}\n"
        "      - {id: quoted, quote: The ministers met in Tashkent.}\n",
    )
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:17: meeting-extra: sources[0].quote: source 'example-source' is not ours to quote (it has "
        "no quote of its own); say what it states in the record's fields or its summary instead\n"
        "data/extra.yaml:17: meeting-extra: sources[1].quote: the text is not in the quote of source 'quoted'; "
        "copy the sentence exactly as it stands there\n"
        "Error: 2 problems found in the data\n"
    )


def test_an_exact_quote_and_a_mention_in_passing_validate(workdir, run):
    text = QUOTED_SOURCE + event().replace(
        "    sources: [example-source]\n",
        "    sources:\n"
        "      - {id: quoted, quote: They signed two documents.}\n"
        "      - {id: example-source, speaks: in-passing}\n",
    )
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 0, result.stderr


def test_a_source_listed_twice_and_an_unknown_way_of_speaking(workdir, run):
    write(workdir, "twice.yaml", event().replace("[example-source]", "[example-source, example-source]"))
    write(
        workdir,
        "aside.yaml",
        event(id="meeting-aside").replace("[example-source]", "[{id: example-source, speaks: aside}]"),
    )
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/aside.yaml:9: meeting-aside: field 'sources.0.speaks': unknown value 'aside'; "
        "use one of: in-passing, subject\n"
        "data/twice.yaml:9: meeting-extra: sources: 'example-source' is listed twice; list each source once\n"
        "Error: 2 problems found in the data\n"
    )


def test_spouse_and_document_links_name_records_of_the_right_kind(workdir, run):
    write(
        workdir,
        "extra.yaml",
        "people:\n"
        "  - {id: person-x, name: {en: X}, spouse: meeting-a-b, sources: [example-source]}\n"
        "  - {id: person-y, name: {en: Y}, spouse: person-y, sources: [example-source]}\n"
        "documents:\n"
        "  - {id: doc-x, kind: amendment, title: {en: X}, parties: [AZE], amends: [doc-z], based_on: [meeting-a-b],\n"
        "     sources: [example-source]}\n",
    )
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:2: person-x: spouse: 'meeting-a-b' is an event, not a person\n"
        "data/extra.yaml:3: person-y: spouse: a person cannot be their own spouse\n"
        "data/extra.yaml:5: doc-x: amends: unknown document 'doc-z'; closest known ids: doc-x\n"
        "data/extra.yaml:5: doc-x: based_on: 'meeting-a-b' is an event, not a document\n"
        "Error: 4 problems found in the data\n"
    )


def test_event_codes_must_be_in_the_vocabularies(workdir, run):
    text = event().replace("    countries: [AZE]\n", '    cameo: "045"\n    plover: consult\n    countries: [AZE]\n')
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-extra: cameo: '045' is not a CAMEO code of ontology/vocabularies.ttl; "
        "closest: 04, 05, 040\n"
        "data/extra.yaml:7: meeting-extra: plover: 'consult' is not a PLOVER code of ontology/vocabularies.ttl; "
        "closest: CONSULT, CONSULT-host, CONSULT-phone\n"
        "Error: 2 problems found in the data\n"
    )


def test_a_negative_document_count_is_refused(workdir, run):
    write(
        workdir,
        "extra.yaml",
        event().replace("    countries: [AZE]\n", "    documents_count: -1\n    countries: [AZE]\n"),
    )
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-extra: field 'documents_count': -1 is less than the minimum of 0\n"
        "Error: 1 problem found in the data\n"
    )


def test_a_country_as_place_and_an_undated_event_without_participants_validate(workdir, run):
    text = (
        "events:\n"
        "  - {id: talks-somewhere, kind: meeting, title: {en: Talks in Uzbekistan}, place: UZB,\n"
        "     countries: [AZE, UZB], sources: [example-source]}\n"
    )
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 0, result.stderr


def test_cycles_of_part_of_are_named(workdir, run):
    x = event(id="meeting-x").replace("    countries:", "    part_of: meeting-y\n    countries:")
    y = event(id="meeting-y").replace(
        "    countries:", "    margins_of: meeting-z\n    part_of: meeting-x\n    countries:"
    )
    z = event(id="meeting-z").replace("    countries:", "    margins_of: meeting-y\n    countries:")
    write(workdir, "extra.yaml", x + y.removeprefix("events:\n") + z.removeprefix("events:\n"))
    org = (
        "organisations:\n"
        "  - {id: ministry-c, kind: ministry, name: {en: C}, country: UZB, part_of: ministry-c,\n"
        "     sources: [example-source]}\n"
    )
    write(workdir, "orgs.yaml", org)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:6: meeting-x: part_of: a cycle: meeting-x → meeting-y → meeting-x; one of them must not be"
        " part of the next\n"
        "data/extra.yaml:15: meeting-y: margins_of: a cycle: meeting-y → meeting-z → meeting-y; one of them must"
        " not be part of the next\n"
        "data/orgs.yaml:2: ministry-c: part_of: an organisation cannot be part of itself\n"
        "Error: 3 problems found in the data\n"
    )


def test_a_character_yaml_forbids_is_named_by_line_and_column(workdir, run):
    (workdir / "data" / "extra.yaml").write_bytes(b"events:\n  - id: x\x00\n")
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: data/extra.yaml:2:10: the character U+0000 is not allowed in YAML (is it a binary file?)\n"
    )
