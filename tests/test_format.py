"""The format reference is generated from the ontology: the JSON Schema's enums and data/README.md's tables
equal what scripts/generate_format.py makes of the vocabulary, and follow it when the ontology changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.errors import UsageError
from kg.format_reference import BEGIN, END, ENUMS, generated_schema, generated_tables, schema_text, update_readme
from kg.loader import check_schema
from kg.namespaces import DKG, ID
from kg.vocab import Vocabulary, ontology_graph, vocabulary

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "generate_format.py"
SCHEMA = ROOT / "data" / "schema" / "diplomatic-kg.schema.json"
README = ROOT / "data" / "README.md"
OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")
EVENT_KINDS = [  # every skos:notation under dkg:DiplomaticEvent in ontology/diplomatic-kg.ttl, alphabetically
    "business-forum",
    "ceremony",
    "conference",
    "construction-initiative",
    "decision",
    "donation",
    "event",
    "initiative",
    "interstate-body-meeting",
    "meeting",
    "official-visit",
    "opening",
    "session",
    "signing",
    "state-visit",
    "statement",
    "summit",
    "visit",
    "working-visit",
]


def committed() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def at(schema: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = schema
    for step in pointer.lstrip("/").split("/"):
        node = node[step]
    return node  # type: ignore[no-any-return]


def enum_pointers(node: Any, pointer: str = "") -> set[str]:
    """The JSON pointers of every object with an ``enum`` in the schema."""
    found = set()
    if isinstance(node, dict):
        if "enum" in node:
            found.add(pointer)
        for key, value in node.items():
            found |= enum_pointers(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found |= enum_pointers(value, f"{pointer}/{i}")
    return found


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


# --- the committed files are the generated ones


def test_committed_schema_is_the_generated_one() -> None:
    text = SCHEMA.read_text(encoding="utf-8")
    assert schema_text(generated_schema(json.loads(text))) == text, (
        "data/schema/diplomatic-kg.schema.json is out of date: run python scripts/generate_format.py"
    )


def test_committed_readme_tables_are_the_generated_ones() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert update_readme(text) == text, "data/README.md is out of date: run python scripts/generate_format.py"


def test_every_enum_of_the_schema_is_generated() -> None:
    """An enum written by hand would be a second home for a vocabulary."""
    assert enum_pointers(committed()) == set(ENUMS)


def test_generated_schema_is_a_valid_schema_and_leaves_its_input_alone() -> None:
    before = committed()
    schema = generated_schema(before)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert before == committed()
    assert schema_text(schema) == schema_text(generated_schema(schema))  # generating twice changes nothing


# --- hand-checked against ontology/diplomatic-kg.ttl and ontology/vocabularies.ttl


def test_schema_enums_and_their_meanings() -> None:
    schema = committed()
    kinds = at(schema, "/$defs/event_kind")
    assert kinds["enum"] == EVENT_KINDS
    lines = kinds["description"].split("\n")
    assert lines[0] == "Event kinds (from the ontology; see data/README.md):"
    assert "state-visit: dkg:StateVisit, CAMEO 042, PLOVER CONSULT" in lines
    assert "statement: dkg:Statement, CAMEO 010" in lines  # PLOVER has no statement category
    assert "event: diplomatic event, dkg:DiplomaticEvent, CAMEO 050, PLOVER SUPPORT" in lines
    role = at(schema, "/$defs/participant/properties/role")
    assert role["enum"] == [
        "accompanying",
        "chair",
        "delegation-head",
        "guest",
        "host",
        "organiser",
        "participant",
        "signatory",
        "speaker",
        "visitor",
    ]
    assert "host: Receives the other participants (dkg:host)" in role["description"].split("\n")
    assert at(schema, "/$defs/event/properties/mode")["enum"] == ["in-person", "phone", "video"]
    assert at(schema, "/$defs/event/properties/status")["enum"] == [
        "cancelled",
        "denied",
        "occurred",
        "ongoing",
        "planned",
        "postponed",
        "proposed",
    ]
    assert "business-forum: dkg:BusinessForum, CAMEO 040, PLOVER CONSULT" in lines
    assert "donation: dkg:Donation, CAMEO 070, PLOVER AID" in lines
    assert at(schema, "/$defs/source_link/properties/speaks")["enum"] == ["in-passing", "subject"]
    assert "amendment" in at(schema, "/$defs/document/properties/kind")["enum"]
    assert at(schema, "/$defs/source/properties/kind")["enum"] == ["news-article", "official-page"]
    assert at(schema, "/$defs/place/properties/kind")["enum"] == ["city", "place"]
    sectors = at(schema, "/$defs/sector")["enum"]
    assert len(sectors) == 24 and sectors[:3] == ["agriculture", "culture", "defence"] and sectors[-1] == "youth"


def test_readme_rows() -> None:
    # Each row's columns checked by hand against ontology/diplomatic-kg.ttl and ontology/vocabularies.ttl;
    # the meaning is the class's or concept's English skos:definition.
    rows = generated_tables().splitlines()

    def row(start: str) -> str:
        found = [r for r in rows if r.startswith(start)]
        assert len(found) == 1, start
        return found[0]

    assert row("| state-visit |") == (
        "| state-visit | dkg:StateVisit | state visit | 042 | CONSULT | visit | A visit of a head of state at the "
        "invitation of another head of state, with the highest protocol. |"
    )
    assert (
        row("| statement |")
        == "| statement | dkg:Statement | statement | 010 | — | event | A public statement by an official or body. |"
    )
    assert row("| summit |").startswith("| summit | dkg:Summit | summit | 044 | CONSULT | conference | ")
    assert row("| event |").startswith("| event | dkg:DiplomaticEvent | diplomatic event | 050 | SUPPORT | — | ")
    assert row("| host |") == "| host | dkg:host | participant | Receives the other participants. |"
    assert (
        row("| organiser |")
        == "| organiser | dkg:organiser | — | Organises or convenes the event; not thereby a participant. |"
    )
    # a phone call replaces the kind's CAMEO code
    assert row("| phone |") == "| phone | mode:phone | phone | The participants spoke by telephone. | 041 |"
    assert row("| in-person |").startswith("| in-person | mode:in-person | in person | ")
    assert row("| in-person |").endswith(" | — |")
    assert row("| ministry |").startswith("| ministry | dkg:Ministry | ministry | organisation | ")
    assert row("| city |") == "| city | dkg:City | city | place | A city or town. |"
    assert row("| ceremony |").startswith("| ceremony | dkg:Ceremony | ceremony | 050 | SUPPORT | event | ")
    assert row("| construction-initiative |").startswith(
        "| construction-initiative | dkg:ConstructionInitiative | construction initiative | 030 | AGREE | initiative | "
    )
    assert row("| delegation-head |") == (
        "| delegation-head | dkg:delegationHead | participant | Heads a delegation, without a post being named. |"
    )
    assert row("| postponed |") == (
        "| postponed | status:postponed | postponed | The event was put off to a later date, known or not. |"
    )
    assert row("| in-passing |") == (
        "| in-passing | dkg:mentions | A record the source speaks of only in passing, as background to its subject "
        "(`speaks: in-passing`). |"
    )
    assert row("| humanitarian |") == (
        "| humanitarian | sector:humanitarian | humanitarian affairs | Humanitarian aid and people-to-people ties. |"
    )


def test_unknown_kind_in_a_file_lists_the_kinds_as_kind_does() -> None:
    """The schema's enum and kg.vocab's UsageError (`--kind`) offer the same values in the same order."""
    doc = {"events": [{"id": "x", "kind": "tea-party", "title": {"en": "X"}, "sources": ["s"]}]}
    [problem] = check_schema(doc, "x.yaml")
    assert problem.message == f"field 'kind': unknown value 'tea-party'; use one of: {', '.join(EVENT_KINDS)}"
    with pytest.raises(UsageError) as caught:
        vocabulary().event_kind("tea-party")
    assert list(caught.value.allowed) == EVENT_KINDS


# --- the vocabulary drives them


@pytest.fixture(scope="module")
def changed() -> Vocabulary:
    """The ontology with one more event kind (a sub-kind of meeting) and one sector fewer."""
    g = Graph()
    for triple in ontology_graph():
        g.add(triple)
    negotiation = URIRef(str(DKG._NS) + "Negotiation")
    g.add((negotiation, RDF.type, OWL_CLASS))
    g.add((negotiation, RDFS.subClassOf, DKG.Meeting))
    g.add((negotiation, SKOS.notation, Literal("negotiation")))
    g.add((negotiation, RDFS.label, Literal("negotiation round", lang="en")))
    g.add((negotiation, DKG.defaultCameo, ID["cameo/046"]))
    g.add((negotiation, DKG.defaultPlover, ID["plover/CONSULT"]))
    g.remove((ID["sector/youth"], None, None))
    return Vocabulary(g)


def test_a_new_kind_in_the_ontology_reaches_the_schema(changed: Vocabulary) -> None:
    schema = generated_schema(committed(), changed)
    kinds = at(schema, "/$defs/event_kind")
    assert kinds["enum"] == [*EVENT_KINDS[:10], "negotiation", *EVENT_KINDS[10:]]
    assert "negotiation: negotiation round, dkg:Negotiation, CAMEO 046, PLOVER CONSULT" in kinds["description"]
    assert "youth" not in at(schema, "/$defs/sector")["enum"]
    assert at(schema, "/$defs/participant/properties/role") == at(committed(), "/$defs/participant/properties/role")
    assert schema_text(schema) != SCHEMA.read_text(encoding="utf-8")


def test_a_new_kind_in_the_ontology_reaches_the_tables(changed: Vocabulary) -> None:
    tables = generated_tables(changed)
    rows = tables.splitlines()
    assert "| negotiation | dkg:Negotiation | negotiation round | 046 | CONSULT | meeting | — |" in rows
    assert rows.index("| negotiation | dkg:Negotiation | negotiation round | 046 | CONSULT | meeting | — |") == (
        rows.index(
            "| meeting | dkg:Meeting | meeting | 040 | CONSULT | event | A meeting or talks between officials, in "
            "person, by video or by phone. |"
        )
        + 1
    )
    assert not [row for row in rows if row.startswith("| youth |")]
    assert "| youth | sector:youth | youth | Youth policy and youth exchange. |" in generated_tables().splitlines()
    assert update_readme(README.read_text(encoding="utf-8"), changed) != README.read_text(encoding="utf-8")


def test_update_readme_replaces_only_the_block() -> None:
    text = f"# Title\n\nbefore\n\n{BEGIN}\nold table\n{END}\n\nafter\n"
    assert update_readme(text) == f"# Title\n\nbefore\n\n{BEGIN}\n\n{generated_tables()}\n{END}\n\nafter\n"
    with pytest.raises(ValueError) as caught:
        update_readme("# no markers\n")
    assert str(caught.value) == f"the text has no '{BEGIN}' … '{END}' block"


# --- the script


def test_check_passes_on_the_committed_files() -> None:
    done = run_script("--check")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_check_names_each_stale_file_and_writing_repairs_them(tmp_path: Path) -> None:
    schema, readme = tmp_path / "schema.json", tmp_path / "README.md"
    schema.write_text(SCHEMA.read_text(encoding="utf-8").replace('"working-visit"\n', '"walk"\n'), encoding="utf-8")
    readme.write_text(README.read_text(encoding="utf-8").replace("| 042 | CONSULT | visit |", "| 043 |"), "utf-8")
    args = ("--schema", str(schema), "--readme", str(readme))
    stale = run_script("--check", *args)
    assert stale.returncode == 1
    assert stale.stderr == (
        f"{schema} is out of date (it differs from the ontology); run: python scripts/generate_format.py\n"
        f"{readme} is out of date (it differs from the ontology); run: python scripts/generate_format.py\n"
    )
    assert schema.read_text(encoding="utf-8") != SCHEMA.read_text(encoding="utf-8")  # --check writes nothing

    written = run_script(*args)
    assert (written.returncode, written.stdout) == (0, f"wrote {schema}\nwrote {readme}\n")
    assert schema.read_bytes() == SCHEMA.read_bytes() and readme.read_bytes() == README.read_bytes()
    assert schema.stat().st_mode & 0o777 == 0o644  # readable by everyone, as committed files are
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "schema.json"]  # no temporary file left
    again = run_script(*args)
    assert (again.returncode, again.stdout) == (0, "")  # nothing to rewrite


def test_a_readme_without_markers_is_an_error(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# the dataset\n", encoding="utf-8")
    done = run_script("--check", "--readme", str(readme))
    assert done.returncode == 2
    assert done.stderr == f"Error: {readme}: the text has no '{BEGIN}' … '{END}' block\n"
