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
    assert "data/extra.yaml:6: meeting-extra: place: unknown place 'bakuu'; closest known ids: baku\n" in result.stderr


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
    text = event().replace("    date: 2023-06-01\n", "    start: 2023-06-03\n    end: 2023-06\n    latest: 2023-05\n")
    text = text.replace("    start:", "    earliest: 2023-06-01\n    start:")
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:8: meeting-extra: latest 2023-05 is before earliest 2023-06-01\n"
        "Error: 1 problem found in the data\n"
    )


def test_unknown_kind_lists_the_kinds(workdir, run):
    write(workdir, "extra.yaml", event(kind="tea-party"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "data/extra.yaml:3: meeting-extra: field 'kind': unknown value 'tea-party'; use one of: event, meeting, visit,"
    )
    assert result.stderr.endswith("Error: 1 problem found in the data\n")


def test_unknown_role_lists_the_roles(workdir, run):
    write(workdir, "extra.yaml", event(role="mediator"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:8: meeting-extra: field 'participants.0.role': unknown value 'mediator'; use one of: host, "
        "guest, visitor, signatory, chair, organiser, speaker, participant\n"
        "Error: 1 problem found in the data\n"
    )


def test_unknown_field_is_reported(workdir, run):
    write(workdir, "extra.yaml", event().replace("    date:", "    dait: 2023-06-02\n    date:"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:2: meeting-extra: Additional properties are not allowed ('dait' was unexpected); "
        "see data/README.md for the fields of this record\n"
        "Error: 1 problem found in the data\n"
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
        "Error: nowhere: data directory not found; pass --data DIR or run from the repository root\n"
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
    assert result.stderr.startswith("Error: build/graph.docx: unknown RDF file type '.docx'; use one of ")
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
    write(workdir, "extra.yaml", text)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/extra.yaml:2: meeting-extra: The event names nobody who took part: add at least one entry to "
        "`participants` (a person, organisation or country, with a role). [S03-event-agent]\n"
        "Error: 1 problem found in the data\n"
    )
