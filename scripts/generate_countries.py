#!/usr/bin/env python3
"""Generate ``data/reference/countries.ttl``: the 249 ISO 3166-1 countries as ``dkg:Country``.

Sources of the data, both packaged with the project's dependencies (no network access):

* ``pycountry`` (ISO 3166-1): alpha-3 code (the IRI and ``dkg:countryCode``), alpha-2 and numeric
  codes (``skos:notation``), the ISO English short name (English ``rdfs:label``/``skos:prefLabel``),
  the official and common names (``skos:altLabel``);
* ``babel`` (Unicode CLDR): the country names in Azerbaijani, Russian, Uzbek (Latin) and Uzbek
  (Cyrillic, tag ``uz-Cyrl``); the CLDR English name becomes an English ``skos:altLabel`` where it
  differs from the ISO name.

A few former English short names (Turkey for Türkiye, ...) are added as ``skos:altLabel`` from the
small table ``FORMER_NAMES`` below, and ``dkg:wikidata`` only for the identifiers confirmed in the
project's research notes (``WIKIDATA`` below).

The output is deterministic: countries sorted by alpha-3 code, labels in a fixed language order,
alternative labels sorted; running the script twice gives byte-identical files.

Usage::

    python scripts/generate_countries.py            # write data/reference/countries.ttl
    python scripts/generate_countries.py --check    # exit 1 if the committed file is out of date
    python scripts/generate_countries.py -o FILE    # write elsewhere
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from collections.abc import Iterable
from pathlib import Path

import pycountry
from babel import Locale

from kg import files

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "data" / "reference" / "countries.ttl"
COMMAND = "python scripts/generate_countries.py"

COUNTRY_BASE = "https://w3id.org/diplomatic-kg/id/country/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
WIKIDATA_BASE = "http://www.wikidata.org/entity/"

# Language tag of the label -> Babel/CLDR locale. English comes from ISO (pycountry) instead.
CLDR_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("az", "az"),
    ("ru", "ru"),
    ("uz", "uz"),
    ("uz-Cyrl", "uz_Cyrl"),
)
LANGUAGE_ORDER = ("en", *(tag for tag, _ in CLDR_LANGUAGES))

# Wikidata items confirmed in the project's research notes (shared/research/facts.md). Nothing else:
# an identifier is added here only once it has been checked.
WIKIDATA: dict[str, str] = {
    "AZE": "Q227",
    "UZB": "Q265",
    "KAZ": "Q232",
    "KGZ": "Q813",
    "TJK": "Q863",
    "TKM": "Q874",
    "TUR": "Q43",
    "SAU": "Q851",
}

# Former English short names still met in the sources (English skos:altLabel).
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "TUR": ("Turkey",),  # ISO/UN short name until 2022
    "SWZ": ("Swaziland",),  # until 2018
    "MKD": ("Macedonia, the former Yugoslav Republic of",),  # until 2019
    "CPV": ("Cape Verde",),  # until 2013
    "CZE": ("Czech Republic",),  # short name until 2016 (now also the official name)
}


def turtle_string(text: str) -> str:
    """A Turtle string literal (double quotes, escapes per the Turtle grammar)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def lang_literal(text: str, tag: str) -> str:
    return f"{turtle_string(text)}@{tag}"


def _language_rank(tag: str) -> int:
    return LANGUAGE_ORDER.index(tag) if tag in LANGUAGE_ORDER else len(LANGUAGE_ORDER)


def country_labels(country: object, cldr: dict[str, dict[str, str]]) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Preferred label per language, and the set of (language, alternative label)."""
    alpha_2 = country.alpha_2  # type: ignore[attr-defined]
    alpha_3 = country.alpha_3  # type: ignore[attr-defined]
    preferred: dict[str, str] = {"en": country.name}  # type: ignore[attr-defined]
    for tag, _ in CLDR_LANGUAGES:
        name = cldr[tag].get(alpha_2)
        if name:
            preferred[tag] = name
    alternatives: set[tuple[str, str]] = set()
    for attribute in ("official_name", "common_name"):
        value = getattr(country, attribute, None)
        if value:
            alternatives.add(("en", value))
    english_cldr = cldr["en"].get(alpha_2)
    if english_cldr:
        alternatives.add(("en", english_cldr))
    for former in FORMER_NAMES.get(alpha_3, ()):
        alternatives.add(("en", former))
    alternatives = {(tag, text) for tag, text in alternatives if preferred.get(tag) != text}
    return preferred, alternatives


def country_block(country: object, cldr: dict[str, dict[str, str]]) -> str:
    alpha_3 = country.alpha_3  # type: ignore[attr-defined]
    preferred, alternatives = country_labels(country, cldr)
    labels = [lang_literal(preferred[tag], tag) for tag in sorted(preferred, key=_language_rank)]
    alt = [
        lang_literal(text, tag)
        for tag, text in sorted(alternatives, key=lambda item: (_language_rank(item[0]), item[0], item[1]))
    ]
    notations = [turtle_string(country.alpha_2), turtle_string(country.numeric)]  # type: ignore[attr-defined]
    indent = "    "
    cont = ",\n" + indent * 2
    lines = [
        f"<{COUNTRY_BASE}{alpha_3}> a dkg:Country",
        f"dkg:countryCode {turtle_string(alpha_3)}",
        "rdfs:label " + cont.join(labels),
        "skos:prefLabel " + cont.join(labels),
    ]
    if alt:
        lines.append("skos:altLabel " + cont.join(alt))
    lines.append("skos:notation " + ", ".join(notations))
    if alpha_3 in WIKIDATA:
        lines.append(f"dkg:wikidata <{WIKIDATA_BASE}{WIKIDATA[alpha_3]}>")
    return (" ;\n" + indent).join(lines) + " .\n"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - installed in the venv
        return "unknown"


def generate(countries: Iterable[object] | None = None) -> str:
    """The full Turtle text of the countries file."""
    cldr = {"en": dict(Locale.parse("en").territories)}
    for tag, locale in CLDR_LANGUAGES:
        cldr[tag] = dict(Locale.parse(locale).territories)
    rows = sorted(countries if countries is not None else pycountry.countries, key=lambda c: c.alpha_3)  # type: ignore[attr-defined]
    header = [
        "# GENERATED FILE - do not edit by hand.",
        f"# Generated by: {COMMAND}",
        f"# Check it is up to date: {COMMAND} --check",
        f"# ISO 3166-1 countries from pycountry {_version('pycountry')};"
        f" names in az, ru, uz, uz-Cyrl from Unicode CLDR via Babel {_version('babel')}.",
        "# English rdfs:label/skos:prefLabel = ISO 3166-1 English short name; CLDR English, official,",
        "# common and former names are skos:altLabel. dkg:wikidata only where confirmed by the project.",
        f"# {len(rows)} countries.",
        "",
        f"@prefix dkg: <{DKG}> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
    ]
    blocks = [country_block(country, cldr) for country in rows]
    return "\n".join(header) + "\n" + "\n".join(blocks)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` through :func:`kg.files.write_atomically`: atomic, and readable by everyone (0644),
    so that ``pip install`` by another user can read the file."""
    files.write_atomically(path, text.encode("utf-8"))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the ISO 3166-1 country file of diplomatic-kg from pycountry and CLDR (Babel).",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"output file (default: {_shown(DEFAULT_OUTPUT)})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the output file is missing or differs from what would be generated",
    )
    args = parser.parse_args(argv)
    text = generate()
    output: Path = args.output
    if args.check:
        try:
            current = output.read_bytes()
        except FileNotFoundError:
            print(f"{_shown(output)} is missing; run: {COMMAND}", file=sys.stderr)
            return 1
        if current != text.encode("utf-8"):
            print(
                f"{_shown(output)} is out of date (it differs from what pycountry/Babel generate now); run: {COMMAND}",
                file=sys.stderr,
            )
            return 1
        print(f"{_shown(output)} is up to date.")
        return 0
    write_atomically(output, text)
    print(f"wrote {_shown(output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
