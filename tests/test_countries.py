"""The generated country file: reproducible byte for byte, and right on hand-checked names."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "generate_countries.py"
COMMITTED = ROOT / "data" / "reference" / "countries.ttl"
DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")
COUNTRY = Namespace("https://w3id.org/diplomatic-kg/id/country/")
WD = Namespace("http://www.wikidata.org/entity/")


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_countries", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(COMMITTED, format="turtle")
    return g


def labels(g: Graph, subject: URIRef, predicate: URIRef) -> set[tuple[str, str]]:
    """(text, lower-case language tag) pairs; rdflib may normalise the case of language tags."""
    return {(str(o), (o.language or "").lower()) for o in g.objects(subject, predicate) if isinstance(o, Literal)}


def test_regenerated_file_matches_committed_byte_for_byte(generator: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "countries.ttl"
    assert generator.main(["-o", str(out)]) == 0
    assert out.read_bytes() == COMMITTED.read_bytes(), (
        "data/reference/countries.ttl is out of date: run python scripts/generate_countries.py"
    )


def test_generation_is_deterministic(generator: ModuleType) -> None:
    assert generator.generate() == generator.generate()


def test_check_option_passes_on_committed_file_and_fails_on_a_changed_one(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    changed = tmp_path / "countries.ttl"
    changed.write_bytes(COMMITTED.read_bytes().replace(b'"Azerbaijan"@en', b'"Azerbajan"@en', 1))
    bad = subprocess.run([sys.executable, str(SCRIPT), "--check", "-o", str(changed)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "out of date" in bad.stderr and "generate_countries.py" in bad.stderr
    missing = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "-o", str(tmp_path / "none.ttl")], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "missing" in missing.stderr


def test_atomic_write_leaves_no_temporary_file(generator: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "countries.ttl"
    assert generator.main(["-o", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == ["countries.ttl"]


def test_the_written_file_is_readable_by_everyone(tmp_path: Path) -> None:
    # A private file (mkstemp's 0600) breaks `pip install` by another user; a strict umask must not matter.
    out = tmp_path / "countries.ttl"
    done = subprocess.run(
        ["sh", "-c", f'umask 077 && "{sys.executable}" "{SCRIPT}" -o "{out}"'], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o644


def test_header_says_generated_and_how() -> None:
    head = COMMITTED.read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("# GENERATED FILE")
    assert any("python scripts/generate_countries.py" in line for line in head)


def test_249_countries(graph: Graph) -> None:
    countries = set(graph.subjects(RDF.type, DKG.Country))
    assert len(countries) == 249
    for country in countries:
        code = str(country).rsplit("/", 1)[1]
        assert graph.value(country, DKG.countryCode) == Literal(code)


def test_azerbaijan_labels(graph: Graph) -> None:
    aze = COUNTRY.AZE
    expected = {
        ("Azerbaijan", "en"),
        ("Azərbaycan", "az"),
        ("Азербайджан", "ru"),
        ("Ozarbayjon", "uz"),
        ("Озарбайжон", "uz-cyrl"),
    }
    assert labels(graph, aze, RDFS.label) == expected
    assert labels(graph, aze, SKOS.prefLabel) == expected
    assert ("Republic of Azerbaijan", "en") in labels(graph, aze, SKOS.altLabel)
    assert {str(n) for n in graph.objects(aze, SKOS.notation)} == {"AZ", "031"}
    assert graph.value(aze, DKG.wikidata) == WD.Q227


def test_uzbekistan_labels(graph: Graph) -> None:
    uzb = COUNTRY.UZB
    found = labels(graph, uzb, RDFS.label)
    assert ("Uzbekistan", "en") in found
    assert ("Özbəkistan", "az") in found
    assert ("Узбекистан", "ru") in found
    assert ("Oʻzbekiston", "uz") in found  # U+02BB MODIFIER LETTER TURNED COMMA, as in Uzbek Latin
    assert graph.value(uzb, DKG.wikidata) == WD.Q265


def test_turkiye_keeps_turkey_as_alt_label(graph: Graph) -> None:
    tur = COUNTRY.TUR
    assert ("Türkiye", "en") in labels(graph, tur, SKOS.prefLabel)
    assert ("Turkey", "en") in labels(graph, tur, SKOS.altLabel)
    assert graph.value(tur, DKG.wikidata) == WD.Q43


def test_cldr_english_name_is_alt_label_when_it_differs(graph: Graph) -> None:
    rus = COUNTRY.RUS
    assert ("Russian Federation", "en") in labels(graph, rus, SKOS.prefLabel)
    assert ("Russia", "en") in labels(graph, rus, SKOS.altLabel)


def test_wikidata_only_for_confirmed_ids(graph: Graph) -> None:
    found = {str(s).rsplit("/", 1)[1]: str(o).rsplit("/", 1)[1] for s, o in graph.subject_objects(DKG.wikidata)}
    assert found == {
        "AZE": "Q227",
        "UZB": "Q265",
        "KAZ": "Q232",
        "KGZ": "Q813",
        "TJK": "Q863",
        "TKM": "Q874",
        "TUR": "Q43",
        "SAU": "Q851",
    }


def test_one_pref_label_per_language(graph: Graph) -> None:
    for country in graph.subjects(RDF.type, DKG.Country):
        languages = [lang for _, lang in labels(graph, country, SKOS.prefLabel)]
        assert len(languages) == len(set(languages)), country
        assert "en" in languages
        pref = labels(graph, country, SKOS.prefLabel)
        assert not pref & labels(graph, country, SKOS.altLabel), country
