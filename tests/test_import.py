"""kg import --format gdelt: real GDELT 2.0 rows (tests/fixtures/gdelt/) into machine-coded events."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import load
from kg.ingest.fips import fips_to_alpha2, fips_to_alpha3
from kg.ingest.run import import_tables
from kg.validate import check_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT = FIXTURES / "gdelt" / "sample.export.CSV"
MENTIONS = FIXTURES / "gdelt" / "sample.mentions.CSV"
ID = "https://w3id.org/diplomatic-kg/id/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
GRAPH = f"{ID}graph/import/gdelt/sample-export-csv"

# Every FIPS 10-4 code that differs from the ISO 3166-1 alpha-2 code of its country, as GeoNames'
# country table gives them (FIPS → ISO alpha-2), and GZ (Gaza Strip) from FIPS 10-4 itself.
DIFFERING = {
    "AA": "AW",
    "AC": "AG",
    "AG": "DZ",
    "AJ": "AZ",
    "AN": "AD",
    "AQ": "AS",
    "AS": "AU",
    "AU": "AT",
    "AV": "AI",
    "AY": "AQ",
    "BA": "BH",
    "BC": "BW",
    "BD": "BM",
    "BF": "BS",
    "BG": "BD",
    "BH": "BZ",
    "BK": "BA",
    "BL": "BO",
    "BM": "MM",
    "BN": "BJ",
    "BO": "BY",
    "BP": "SB",
    "BU": "BG",
    "BX": "BN",
    "BY": "BI",
    "CB": "KH",
    "CD": "TD",
    "CE": "LK",
    "CF": "CG",
    "CG": "CD",
    "CH": "CN",
    "CI": "CL",
    "CJ": "KY",
    "CK": "CC",
    "CN": "KM",
    "CQ": "MP",
    "CS": "CR",
    "CT": "CF",
    "CW": "CK",
    "DA": "DK",
    "DO": "DM",
    "DR": "DO",
    "EI": "IE",
    "EK": "GQ",
    "EN": "EE",
    "ES": "SV",
    "EZ": "CZ",
    "FG": "GF",
    "FP": "PF",
    "FS": "TF",
    "GA": "GM",
    "GB": "GA",
    "GG": "GE",
    "GJ": "GD",
    "GK": "GG",
    "GM": "DE",
    "GQ": "GU",
    "GV": "GN",
    "GZ": "PS",
    "HA": "HT",
    "HO": "HN",
    "IC": "IS",
    "IS": "IL",
    "IV": "CI",
    "IZ": "IQ",
    "JA": "JP",
    "KN": "KP",
    "KR": "KI",
    "KS": "KR",
    "KT": "CX",
    "KU": "KW",
    "KV": "XK",
    "LE": "LB",
    "LG": "LV",
    "LH": "LT",
    "LI": "LR",
    "LO": "SK",
    "LS": "LI",
    "LT": "LS",
    "MA": "MG",
    "MB": "MQ",
    "MC": "MO",
    "MF": "YT",
    "MG": "MN",
    "MH": "MS",
    "MI": "MW",
    "MJ": "ME",
    "MN": "MC",
    "MO": "MA",
    "MP": "MU",
    "MU": "OM",
    "NE": "NU",
    "NG": "NE",
    "NH": "VU",
    "NI": "NG",
    "NN": "SX",
    "NS": "SR",
    "NT": "AN",
    "NU": "NI",
    "OD": "SS",
    "PA": "PY",
    "PC": "PN",
    "PM": "PA",
    "PO": "PT",
    "PP": "PG",
    "PS": "PW",
    "PU": "GW",
    "RI": "RS",
    "RM": "MH",
    "RN": "MF",
    "RP": "PH",
    "RQ": "PR",
    "RS": "RU",
    "SB": "PM",
    "SC": "KN",
    "SE": "SC",
    "SF": "ZA",
    "SG": "SN",
    "SN": "SG",
    "SP": "ES",
    "ST": "LC",
    "SU": "SD",
    "SV": "SJ",
    "SW": "SE",
    "SX": "GS",
    "SZ": "CH",
    "TB": "BL",
    "TD": "TT",
    "TI": "TJ",
    "TK": "TC",
    "TL": "TK",
    "TN": "TO",
    "TO": "TG",
    "TP": "ST",
    "TS": "TN",
    "TT": "TL",
    "TU": "TR",
    "TX": "TM",
    "UC": "CW",
    "UK": "GB",
    "UP": "UA",
    "UV": "BF",
    "VI": "VG",
    "VM": "VN",
    "VQ": "VI",
    "VT": "VA",
    "WA": "NA",
    "WE": "PS",
    "WI": "EH",
    "WZ": "SZ",
    "YI": "CS",
    "YM": "YE",
    "ZA": "ZM",
    "ZI": "ZW",
}


@pytest.mark.parametrize(("fips", "iso"), sorted(DIFFERING.items()))
def test_every_differing_fips_code(fips: str, iso: str) -> None:
    assert fips_to_alpha2()[fips] == iso


def test_fips_to_alpha3_for_the_traps() -> None:
    table = fips_to_alpha3()
    assert (table["UK"], table["RP"], table["CH"], table["CD"], table["SZ"], table["GM"]) == (
        "GBR",
        "PHL",
        "CHN",
        "TCD",
        "CHE",
        "DEU",
    )
    assert "NT" not in table and "YI" not in table  # Netherlands Antilles, Serbia and Montenegro: gone


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path))
    return store


def _objects(store: ox.Store, s: str, p: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), None)}


def test_gdelt_rows_become_machine_coded_events(tmp_path: Path) -> None:
    out = tmp_path / "gdelt.trig"
    report = import_tables((EXPORT,), "gdelt", out, mentions=(MENTIONS,))
    assert (report.events, report.bad) == (30, [])
    store = _store(out)
    assert {g.value for g in store.named_graphs()} == {GRAPH}
    e = f"{ID}event/gdelt-669666350"  # row 1: only Actor2 (CVL NEIGHBORHOOD, no country), code 040, 2007-07-04
    assert _objects(store, e, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == {
        DKG + "DiplomaticEvent",
        DKG + "MachineCodedEvent",
    }
    assert _objects(store, e, DKG + "startDate") == {"2007-07-04"}
    assert _objects(store, e, DKG + "eventCode") == {"040"}
    assert _objects(store, e, DKG + "cameo") == {f"{ID}cameo/040"}
    assert _objects(store, e, DKG + "actorCode") == {"CVL"}
    assert _objects(store, e, DKG + "actorName") == {"NEIGHBORHOOD"}
    assert _objects(store, e, DKG + "participant") == set()
    assert {float(v) for v in _objects(store, e, DKG + "eventGoldsteinScale")} == {1.0}
    assert {float(v) for v in _objects(store, e, DKG + "averageTone")} == {-0.11641443538999001}
    assert _objects(store, e, DKG + "mentionCount") == {"5"}
    assert _objects(store, e, "http://www.w3.org/ns/prov#wasGeneratedBy") == {f"{ID}import/gdelt--sample-export-csv"}
    date = next(iter(store.quads_for_pattern(ox.NamedNode(e), ox.NamedNode(DKG + "startDate"), None))).object
    assert date.datatype.value == "http://www.w3.org/2001/XMLSchema#date"
    # Rows 1 and 2 share one URL: one source node, cited by both.
    url = "http://www.cvilletomorrow.org/news/article/27698-riverbend-planning-major-belmont-development/"
    sources = [
        q.subject
        for q in store.quads_for_pattern(
            None,
            ox.NamedNode(DKG + "url"),
            ox.Literal(url, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")),
        )
    ]
    assert len(sources) == 1
    cited = {
        q.subject.value
        for q in store.quads_for_pattern(None, ox.NamedNode("http://purl.org/dc/terms/source"), sources[0])
    }
    assert {e, f"{ID}event/gdelt-669666351"} <= cited


def test_output_is_byte_identical(tmp_path: Path) -> None:
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    import_tables((EXPORT,), "gdelt", a)
    import_tables((EXPORT,), "gdelt", b)
    assert a.read_bytes() == b.read_bytes()


def _bad_table(tmp_path: Path) -> Path:
    good = EXPORT.read_text(encoding="utf-8").splitlines()[:2]
    fields = good[0].split("\t")
    bad_date = "\t".join([fields[0], "20170231", *fields[2:]])
    bad_code = "\t".join([*fields[:26], "ABC", *fields[27:]])
    short = "\t".join(fields[:20])
    path = tmp_path / "bad.export.CSV"
    path.write_text("\n".join([good[0], short, bad_date, bad_code, good[1]]) + "\n", encoding="utf-8")
    return path


def test_bad_rows_are_reported_by_line_and_column_and_good_rows_kept(tmp_path: Path) -> None:
    report = import_tables((_bad_table(tmp_path),), "gdelt", tmp_path / "out.trig")
    assert report.events == 2
    assert [(p.line, p.record) for p in report.bad] == [(2, "column 20"), (3, "column 2"), (4, "column 27")]
    assert "20170231" in report.bad[1].message and "ABC" in report.bad[2].message


def test_strict_stops_and_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.trig"
    out.write_text("# old\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import", str(_bad_table(tmp_path)), "--format", "gdelt", "--strict", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "bad.export.CSV:2: column 20: has 20 columns" in result.output
    assert out.read_text(encoding="utf-8") == "# old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_cli_reports_matches(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(EXPORT), "--format", "gdelt", "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == 0, result.output
    assert "Actor country codes matched to our countries: USA (10), EGY (6), SAU (6)" in result.output
    assert "CAMEO codes with no concept of ours (kept as dkg:eventCode): 080 (3), 100 (3)" in result.output


def test_imported_file_loads_and_validates_in_a_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    import_tables((EXPORT,), "gdelt", data / "imported" / "gdelt.trig", mentions=(MENTIONS,))
    kg = load(data)
    assert check_graph(kg) == []
    machine = kg.store.select_values(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?e WHERE { ?e a dkg:DiplomaticEvent . FILTER EXISTS { ?e a dkg:MachineCodedEvent } }"
    )
    curated = kg.store.select_values(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?e WHERE { ?e a dkg:DiplomaticEvent . FILTER NOT EXISTS { ?e a dkg:MachineCodedEvent } }"
    )
    assert len(machine) == 30
    assert curated and not any("/event/gdelt-" in str(e) for (e,) in curated)
    # A stored query sees them: rows 10, 16-20 of the table have Actor1/Actor2 EGY and SAU.
    result = CliRunner().invoke(
        cli, ["query", "events-between-countries", "-p", "a=EGY", "-p", "b=SAU", "--data", str(data), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    found = sorted(set(re.findall(r"gdelt-(\d+)", result.output)))
    assert found == ["669666359", "669666365", "669666366", "669666367", "669666368", "669666369"]


def test_awkward_text_is_escaped_in_the_nquads_text(tmp_path: Path) -> None:
    """Rows are written as N-Quads text: a name with a quote, a backslash and a tab, an identifier with a
    space, must read back as written."""
    from kg.ingest.terms import Event, Terms

    terms = Terms("csv", "t.csv")
    ev = Event(
        "a-1", 'say "hi"\\\tnow', "2020-01-02", "042", "042", ["USA"], [("", 'Q"\\\t')], None, None, identifier="a 1"
    )
    text = terms.header() + terms.quads(ev)
    quads = list(ox.parse(text.encode(), ox.RdfFormat.N_QUADS))
    values = {q.predicate.value.rsplit("#", 1)[-1]: q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert values["label"] == 'say "hi"\\\tnow'
    assert values["actorName"] == 'Q"\\\t'
    assert values["eventIdentifier"] == "a 1"
    assert "https://w3id.org/diplomatic-kg/id/event/csv-a-1" in {q.subject.value for q in quads}
