"""kg import --format icews, polecat and csv (--mapping), actor names matched to our records (--data),
the report (--report), and the list of CAMEO codes.

The tables are of our own writing (tests/fixtures/import/, see its README); the people and organisations
they name are those of tests/fixtures/minimal/. Every expected value below is read off those files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import LoadError
from kg.graph import load
from kg.ingest import cameo, summary
from kg.ingest.csv_table import read_mapping
from kg.ingest.names import Names, country_names
from kg.ingest.run import import_tables
from kg.store import Store
from kg.validate import check_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLES = FIXTURES / "import"
MINIMAL = FIXTURES / "minimal"
ID = "https://w3id.org/diplomatic-kg/id/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def minimal() -> Store:
    return load(MINIMAL).store


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path))
    return store


def _objects(store: ox.Store, s: str, p: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(DKG + p), None)}


def _source_urls(store: ox.Store, event: str) -> set[str]:
    cited = store.quads_for_pattern(ox.NamedNode(event), ox.NamedNode("http://purl.org/dc/terms/source"), None)
    return {u for q in cited for u in _objects(store, q.object.value, "url")}


# --- CAMEO codes


def test_cameo_has_every_code_of_the_codebook() -> None:
    # Per cue category, counted by hand from the codebook: 01 has 010-019; 02 has 020, 021 and 0211-0214, …
    per_category = {
        "01": 10, "02": 27, "03": 28, "04": 7, "05": 8, "06": 5, "07": 6, "08": 25, "09": 5, "10": 27,
        "11": 12, "12": 26, "13": 22, "14": 26, "15": 5, "16": 13, "17": 12, "18": 13, "19": 7, "20": 7,
    }  # fmt: skip
    for category, n in per_category.items():
        assert len([c for c in cameo.CODES if c[:2] == category and c != category]) == n, category
    assert len(cameo.CODES) == 20 + 291
    assert {"040", "0841", "106", "1056", "2042", "20"} <= cameo.CODES
    assert not {"0", "21", "099", "0215", "1213", "1825", "2043", "ABC", "40"} & cameo.CODES


def test_leading_zero_is_restored_only_where_that_makes_a_cameo_code() -> None:
    assert [cameo.normalise(c) for c in ("42", "211", "040", "10", "999", "ABC")] == [
        "042",
        "0211",
        "040",
        "10",  # a cue category itself (DEMAND), not 010
        "999",
        "ABC",
    ]
    assert cameo.broader("0841") == ("0841", "084", "08")


# --- names


def test_country_names_in_any_language_resolve_to_alpha3() -> None:
    names = country_names()
    assert [names.get(n) for n in ("azerbaijan", "russian federation", "united kingdom")] == ["AZE", "RUS", "GBR"]
    found = Names()
    assert [found.country(c) for c in ("Azerbaijan", "AZE", " Uzbekistan ", "Atlantis", "")] == [
        "AZE",
        "AZE",
        "UZB",
        None,
        None,
    ]
    assert dict(found.unknown_countries) == {"Atlantis": 1}


def test_names_link_one_record_and_never_guess(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    # A second record bearing Person A's name: the name no longer names one record.
    (data / "more.yaml").write_text(
        "people:\n  - id: person-a2\n    name: {en: Person A}\n    country: UZB\n    sources: [example-source]\n",
        encoding="utf-8",
    )
    names = Names.of_store(load(data).store)
    assert names.match("PERSON B").iri == f"{ID}person/person-b"
    assert names.match("B Person").how == "label, words reordered"
    assert names.match("Персона А").iri == f"{ID}person/person-a"  # person-a's Russian name, folded to ASCII
    assert names.match("Persona A").iri == f"{ID}person/person-a"  # and its English variant: person-a2 has neither
    ambiguous = names.match("Person A")
    assert (ambiguous.iri, ambiguous.candidates) == (None, ("person:person-a", "person:person-a2"))
    assert names.match("Ministry A").iri == f"{ID}organisation/ministry-a"
    assert names.match("Egypt").iri == f"{ID}country/EGY"
    assert names.match("Nobody At All").iri is None
    assert dict(names.unmatched) == {"Nobody At All": 1}
    assert dict(names.ambiguous) == {("Person A", "person:person-a, person:person-a2"): 1}


# --- ICEWS


def test_icews_rows_become_machine_coded_events(tmp_path: Path, minimal: Store) -> None:
    out = tmp_path / "icews.trig"
    report = import_tables((TABLES / "icews.tab",), "icews", out, data=minimal)
    assert report.events == 4
    assert [(p.line, p.record) for p in report.bad] == [(5, "column 2"), (6, "column 7")]
    assert "'2023-02-30'" in report.bad[0].message and "'999' is not a CAMEO" in report.bad[1].message
    store = _store(out)
    assert {g.value for g in store.named_graphs()} == {f"{ID}graph/import/icews/icews-tab"}
    first, second = f"{ID}event/icews-1001-20230503", f"{ID}event/icews-1001-20230504"
    # One Event ID on two days: two events, each with the table's Event ID.
    assert _objects(store, first, "eventIdentifier") == _objects(store, second, "eventIdentifier") == {"1001"}
    assert _objects(store, first, "startDate") == {"2023-05-03"}
    # Countries take part as a curated record's `countries` do; the people named, as participants.
    assert _objects(store, first, "participant") == {f"{ID}person/person-a", f"{ID}person/person-b"}
    assert _objects(store, first, "involvesCountry") == {f"{ID}country/AZE", f"{ID}country/UZB"}
    assert _objects(store, first, "location") == {f"{ID}country/UZB"}
    assert _objects(store, first, "cameo") == {f"{ID}cameo/042"}
    assert {float(v) for v in _objects(store, first, "eventGoldsteinScale")} == {1.9}
    assert _source_urls(store, first) == {"https://doi.org/10.7910/DVN/28075"}
    # Row 2 writes 43 for 043.
    assert _objects(store, second, "eventCode") == {"043"}
    assert _objects(store, second, "cameo") == {f"{ID}cameo/043"}
    # Row 3: 051 has no concept of ours, its category 05 has; a source name of no record stays as written.
    third = f"{ID}event/icews-1002-20230505"
    assert (_objects(store, third, "eventCode"), _objects(store, third, "cameo")) == ({"051"}, {f"{ID}cameo/05"})
    assert _objects(store, third, "actorName") == {"Citizen (Azerbaijan)"}
    assert _objects(store, third, "involvesCountry") == {f"{ID}country/AZE", f"{ID}country/UZB"}
    assert _objects(store, third, "participant") == set()
    # Row 6: Atlantis is no country: no location, its navy kept by name.
    sixth = f"{ID}event/icews-1005-20230602"
    assert _objects(store, sixth, "location") == set()
    assert _objects(store, sixth, "actorName") == {"Atlantis Navy"}
    assert dict(report.names.unknown_countries) == {"Atlantis": 2}
    assert dict(report.tally.restored_cameo) == {"43 → 043": 1}


def test_icews_output_is_byte_identical(tmp_path: Path, minimal: Store) -> None:
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    import_tables((TABLES / "icews.tab",), "icews", a, data=minimal)
    import_tables((TABLES / "icews.tab",), "icews", b, data=minimal)
    assert a.read_bytes() == b.read_bytes()


def test_a_header_without_a_needed_column_names_it(tmp_path: Path) -> None:
    table = tmp_path / "cut.tab"
    lines = (TABLES / "icews.tab").read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join([lines[0].replace("CAMEO Code", "Cameo code"), lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"cut.tab: the table has no column 'CAMEO Code'; did you mean 'Cameo code'"):
        import_tables((table,), "icews", tmp_path / "out.trig")
    assert not (tmp_path / "out.trig").exists()


# --- POLECAT


def test_polecat_rows_keep_type_mode_and_contexts(tmp_path: Path, minimal: Store) -> None:
    out = tmp_path / "polecat.trig"
    report = import_tables((TABLES / "polecat.tsv",), "polecat", out, data=minimal)
    assert report.events == 2
    assert [(p.line, p.record) for p in report.bad] == [(4, "column 3"), (5, "column 2")]
    assert "'HUG' is not a PLOVER category" in report.bad[0].message
    store = _store(out)
    first = f"{ID}event/polecat-pc-0001"
    assert _objects(store, first, "plover") == {f"{ID}plover/CONSULT", f"{ID}plover/CONSULT-visit"}
    assert _objects(store, first, "eventCode") == {"CONSULT"}
    assert _objects(store, first, "eventMode") == {"visit"}
    assert _objects(store, first, "eventContext") == {"diplomatic", "economic"}
    assert {float(v) for v in _objects(store, first, "eventIntensity")} == {3.0}
    assert _objects(store, first, "participant") == {f"{ID}person/person-a", f"{ID}person/person-b"}
    assert _objects(store, first, "involvesCountry") == {f"{ID}country/AZE", f"{ID}country/UZB"}
    assert _objects(store, first, "location") == {f"{ID}country/UZB"}
    assert _source_urls(store, first) == {"https://doi.org/10.7910/DVN/AJGVIT"}
    second = f"{ID}event/polecat-pc-0002"  # PLOVER 1.0's REQUEST is our DEMAND
    assert (_objects(store, second, "eventCode"), _objects(store, second, "plover")) == (
        {"REQUEST"},
        {f"{ID}plover/DEMAND"},
    )
    assert _objects(store, second, "eventMode") == set()


def test_polecat_strict_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.trig"
    out.write_text("# old\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import", str(TABLES / "polecat.tsv"), "--format", "polecat", "--strict", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "polecat.tsv:4: column 3: Event Type 'HUG' is not a PLOVER category" in result.output
    assert out.read_text(encoding="utf-8") == "# old\n"


# --- CSV with a mapping


def test_mapped_csv_rows_become_events(tmp_path: Path, minimal: Store) -> None:
    out = tmp_path / "table.trig"
    report = import_tables((TABLES / "table.csv",), "csv", out, mapping=TABLES / "mapping.yaml", data=minimal)
    assert report.events == 2
    assert [(p.line, p.record) for p in report.bad] == [(3, "column 2")]
    assert "'31/02/2023' is not a date (%d/%m/%Y)" in report.bad[0].message
    store = _store(out)
    assert {g.value for g in store.named_graphs()} == {f"{ID}graph/import/csv/table-csv"}
    first = f"{ID}event/example-table-a-1"
    assert _objects(store, first, "eventIdentifier") == {"A-1"}
    assert _objects(store, first, "startDate") == {"2023-05-03"}
    assert _objects(store, first, "cameo") == {f"{ID}cameo/040"}
    assert _objects(store, first, "participant") == {f"{ID}person/person-a", f"{ID}organisation/ministry-b"}
    assert _objects(store, first, "involvesCountry") == {f"{ID}country/AZE", f"{ID}country/UZB"}
    assert _objects(store, first, "location") == {f"{ID}country/UZB"}
    assert _source_urls(store, first) == {"https://example.org/a1"}
    third = f"{ID}event/example-table-a-3"  # a variant of Person A's name; a quoted name with a comma
    assert _objects(store, third, "participant") == {f"{ID}person/person-a"}
    assert _objects(store, third, "involvesCountry") == {f"{ID}country/AZE"}
    assert _objects(store, third, "actorName") == {"Unknown Body, Inc."}
    assert (_objects(store, third, "eventCode"), _objects(store, third, "cameo")) == ({"1411"}, set())
    assert _objects(store, third, "location") == set()


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: t\ncolums: {id: a, date: b}\n", r"m.yaml:1: the mapping: 'columns' is a required property"),
        (
            "name: t\nsource: https://x.org\ncolumns:\n  id: a\n  date: b\n  sorce_url: c\n",
            r"m.yaml:6: columns: unknown field 'sorce_url'; did you mean source_url\?",
        ),
        ("name: T 1\nsource: https://x.org\ncolumns: {id: a, date: b}\n", r"m.yaml:1: name: 'T 1' must be lower-case"),
        ("name: t\ncolumns:\n  id: a\n  date: b\n", r"m.yaml:2: give the events a source"),
        (
            "name: t\nscheme: weis\nsource: https://x.org\ncolumns: {id: a, date: b}\n",
            r"m.yaml:2: scheme: 'weis' is not one of",
        ),
    ],
)
def test_bad_mappings_say_where_and_why(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        read_mapping(_mapping(tmp_path, text))


def test_a_mapped_column_missing_from_the_table_names_the_closest(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path, "name: t\nsource: https://x.org\ncolumns:\n  id: event_id\n  date: When\n")
    with pytest.raises(
        LoadError, match=r"m.yaml:5: columns.date: .*table.csv: the table has no column 'When'; did you mean 'when'"
    ):
        import_tables((TABLES / "table.csv",), "csv", tmp_path / "o.trig", mapping=mapping)


def test_cli_usage_errors(tmp_path: Path) -> None:
    out = str(tmp_path / "o.trig")
    runner = CliRunner()
    no_mapping = runner.invoke(cli, ["import", str(TABLES / "table.csv"), "--format", "csv", "-o", out])
    assert (no_mapping.exit_code, no_mapping.output) == (1, "Error: --mapping: --format csv needs --mapping FILE\n")
    mentions = runner.invoke(
        cli,
        ["import", str(TABLES / "icews.tab"), "--format", "icews", "--mentions", str(TABLES / "icews.tab"), "-o", out],
    )
    assert mentions.exit_code == 1 and "is for GDELT tables (--format gdelt)" in mentions.output


def test_cli_report_lists_every_link_and_how(tmp_path: Path) -> None:
    report = tmp_path / "report.tsv"
    args = ["import", str(TABLES / "icews.tab"), "--format", "icews", "--data", str(MINIMAL)]
    result = CliRunner().invoke(cli, [*args, "--report", str(report), "-o", str(tmp_path / "o.trig")])
    assert result.exit_code == 0, result.output
    assert "Actor names linked to our records: Uzbekistan → country:UZB (2, same label)" in result.output
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "what\tvalue\tevents\tlinked_to\thow"
    assert [line.split("\t")[0] for line in lines[1:3]] == ["bad-row", "bad-row"]
    assert "actor-name\tPerson A\t1\tperson:person-a\tsame label" in lines
    assert "actor-name\tCitizen (Azerbaijan)\t1\t\tnot linked" in lines
    assert "country-name\tAtlantis\t2\t\tno country of ours" in lines
    assert "cameo\t051\t1\tcameo:05\tbroader concept of ours" in lines
    assert "cameo-written\t43\t1\t043\tread with its leading zero" in lines
    assert "cameo\t190\t1\t\tno concept of ours: kept as dkg:eventCode" in lines


def test_the_summary_gives_unmatched_names_a_hint_not_a_link(tmp_path: Path, minimal: Store) -> None:
    table = tmp_path / "typo.tab"
    lines = (TABLES / "icews.tab").read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join([lines[0], lines[1].replace("Person B", "Persn B")]) + "\n", encoding="utf-8")
    report = import_tables((table,), "icews", tmp_path / "o.trig", data=minimal)
    assert ("actor-name", "Persn B", 1, "", "not linked; closest: person:person-b (93)") in summary.rows(report)
    assert f"{ID}person/person-b" not in _objects(
        _store(tmp_path / "o.trig"), f"{ID}event/icews-1001-20230503", "participant"
    )


# --- in a data folder


def test_imported_tables_load_and_validate_in_a_data_folder(tmp_path: Path, minimal: Store) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    import_tables((TABLES / "icews.tab",), "icews", data / "imported" / "icews.trig", data=minimal)
    import_tables((TABLES / "polecat.tsv",), "polecat", data / "imported" / "polecat.nq", data=minimal)
    import_tables(
        (TABLES / "table.csv",), "csv", data / "imported" / "table.ttl", mapping=TABLES / "mapping.yaml", data=minimal
    )
    kg = load(data)
    assert check_graph(kg) == []
    machine = kg.store.select_values("SELECT ?e WHERE { ?e a dkg:MachineCodedEvent }")
    assert len(machine) == 4 + 2 + 2
    curated = kg.store.select_values(
        "SELECT ?e WHERE { ?e a dkg:DiplomaticEvent FILTER NOT EXISTS { ?e a dkg:MachineCodedEvent } }"
    )
    assert [str(e).rsplit("/", 1)[1] for (e,) in curated] == ["meeting-a-b"]
    result = CliRunner().invoke(
        cli, ["query", "events-between-countries", "-p", "a=AZE", "-p", "b=UZB", "--data", str(data), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    found = sorted(set(re.findall(r"/event/([a-z0-9-]+)", result.output)))
    assert found == [
        "example-table-a-1",
        "icews-1001-20230503",
        "icews-1001-20230504",
        "icews-1002-20230505",
        "meeting-a-b",
        "polecat-pc-0001",
        "polecat-pc-0002",
    ]


def test_gdelt_actor_names_link_to_our_people(tmp_path: Path, minimal: Store) -> None:
    """Row 1 of the real sample, its actor (CVL NEIGHBORHOOD, no country) renamed PERSON A."""
    row = (FIXTURES / "gdelt" / "sample.export.CSV").read_text(encoding="utf-8").splitlines()[0]
    table = tmp_path / "named.export.CSV"
    table.write_text(row.replace("NEIGHBORHOOD", "PERSON A") + "\n", encoding="utf-8")
    report = import_tables((table,), "gdelt", tmp_path / "g.trig", data=minimal)
    store = _store(tmp_path / "g.trig")
    event = f"{ID}event/gdelt-669666350"
    assert _objects(store, event, "participant") == {f"{ID}person/person-a"}
    assert _objects(store, event, "actorName") == set()
    assert dict(report.names.matched) == {("PERSON A", f"{ID}person/person-a", "label"): 1}
    bad = tmp_path / "bad.export.CSV"
    fields = row.split("\t")
    bad.write_text("\t".join([*fields[:26], "0999", *fields[27:]]) + "\n", encoding="utf-8")
    report = import_tables((bad,), "gdelt", tmp_path / "b.trig")
    assert [(p.line, p.record, p.message) for p in report.bad] == [
        (1, "column 27", "EventCode '0999' is not a CAMEO event code")
    ]
