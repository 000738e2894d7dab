"""The synthetic dataset of ``synthetic.write_yaml`` in two more formats: N-Triples and a GDELT 2.0 table.

- N-Triples: what our own build makes of the YAML folder (``kg build -o graph.nt``), written once into a
  folder of its own beside the YAML folder and reused while it exists.
- GDELT: one row per event of that graph, in the 61-column tab-separated layout of a GDELT 2.0
  ``export.CSV`` (no header), built so that ``kg import --format gdelt`` accepts every row: the event's
  CAMEO code (leading zeros kept), its first two countries as Actor1 and Actor2 (CAMEO country codes are
  ISO alpha-3), the country of its place as a FIPS 10-4 ActionGeo code, its first source's address.

    .venv/bin/python benchmarks/synthetic_formats.py YAML_FOLDER     # writes ../nt and ../gdelt beside it
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import DCTERMS, RDF, RDFS

from kg.namespaces import DKG as _DKG
from kg.namespaces import ID_BASE as ID

DKG = str(_DKG._NS)
RDF_TYPE, LABEL, DC_SOURCE = str(RDF.type), str(RDFS.label), str(DCTERMS.source)
CHECKOUT = Path(__file__).resolve().parent.parent
COLUMNS = 61
# Dates an event may carry, most telling first: the first one found is its SQLDATE.
DATE_PROPERTIES = [
    f"{DKG}{p}" for p in ("startDate", "date", "startEarliest", "earliestDate", "endDate", "startLatest", "latestDate")
]
WANTED = {
    f"{DKG}cameo": "cameo",
    f"{DKG}involvesCountry": "countries",
    f"{DKG}location": "place",
    DC_SOURCE: "sources",
    f"{DKG}url": "url",
    f"{DKG}country": "country",
    f"{DKG}published": "published",
    **dict.fromkeys(DATE_PROPERTIES, "date"),
}
FIRST_ID = 900_000_000  # GLOBALEVENTIDs: the events in IRI order, counted from here
FALLBACK_DAY = "20000101"  # an event with no date at all, nor a dated source (GDELT rows need one)


def kg_command(*args: str) -> list[str]:
    """``kg ARGS`` run by this interpreter (the checkout's kg, whatever is on PATH)."""
    return [sys.executable, "-c", "from kg.cli import cli; cli()", *args]


def ntriples(yaml_folder: Path) -> Path:
    """``graph.nt`` in a folder ``nt`` beside ``yaml_folder``: our build of it, made on first use."""
    out = yaml_folder.parent / "nt" / "graph.nt"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name("partial.nt")  # kg writes atomically too; this keeps a half-built file out of nt/
    argv = kg_command("build", "--data", str(yaml_folder), "-o", str(partial), "--no-viz")
    done = subprocess.run(argv, cwd=CHECKOUT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"kg build of {yaml_folder} failed:\n{done.stderr}")
    # The build's output is moved out of nt/ so that nt/ holds the graph alone once it is complete.
    partial.replace(out)
    return out


def _facts(nt: Path) -> dict[str, dict[str, list[str]]]:
    """The few statements the table needs, by subject: one pass over the file, no store."""
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    events: set[str] = set()
    labels: dict[str, str] = {}
    for t in ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES):
        p = t.predicate.value
        s = t.subject.value
        if p == RDF_TYPE and t.object.value == f"{DKG}DiplomaticEvent":
            events.add(s)
        elif p == LABEL and s.startswith(f"{ID}country/") and getattr(t.object, "language", None) == "en":
            labels.setdefault(s, t.object.value)
        elif p in WANTED:
            facts[s][WANTED[p]].append(t.object.value)
    facts["#events"] = {"iris": sorted(events)}
    facts["#labels"] = {k: [v] for k, v in labels.items()}
    return facts


def _alpha3_to_fips() -> dict[str, str]:
    from kg.ingest.fips import fips_to_alpha3  # the import's own table, read backwards

    out: dict[str, str] = {}
    for fips, alpha3 in sorted(fips_to_alpha3().items()):
        out.setdefault(alpha3, fips)
    return out


def _day(event: dict[str, list[str]], facts: dict[str, dict[str, list[str]]]) -> str:
    if event.get("date"):
        return _yyyymmdd(min(event["date"]))
    for source in sorted(event.get("sources", [])):
        published = facts.get(source, {}).get("published")
        if published:
            return _yyyymmdd(min(published))
    return FALLBACK_DAY


def _yyyymmdd(value: str) -> str:
    """An xsd:date (or a year or year-month) as GDELT's YYYYMMDD, a missing month or day as 01."""
    parts = value[:10].split("-")
    return parts[0] + "".join(p.zfill(2) for p in ([*parts[1:], "01", "01"])[:2])


def _quad_class(root: int) -> int:
    """CAMEO's four classes: verbal and material cooperation, verbal and material conflict."""
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 14 else 4


def gdelt_rows(nt: Path) -> list[list[str]]:
    """One GDELT 2.0 event row (61 fields) per event of ``nt``, in IRI order."""
    facts = _facts(nt)
    labels = facts["#labels"]
    fips = _alpha3_to_fips()
    rows = []
    for n, iri in enumerate(facts["#events"]["iris"]):
        event = facts.get(iri, {})
        f = [""] * COLUMNS
        day = _day(event, facts)
        f[0] = str(FIRST_ID + n)
        f[1] = day
        f[2], f[3] = day[:6], day[:4]
        start = date(int(day[:4]), int(day[4:6]), int(day[6:8]))
        f[4] = f"{start.year + (start.timetuple().tm_yday - 1) / 365:.4f}"
        codes = sorted(c.removeprefix(f"{ID}country/") for c in event.get("countries", []))
        for (code_col, name_col, country_col), code in zip(((5, 6, 7), (15, 16, 17)), codes, strict=False):
            name = labels.get(f"{ID}country/{code}", [code])[0]
            f[code_col], f[name_col], f[country_col] = code, name.upper(), code
        cameo = min(event.get("cameo", [f"{ID}cameo/040"])).removeprefix(f"{ID}cameo/")
        f[25] = "1"
        f[26], f[27], f[28] = cameo, cameo[:3], cameo[:2]
        f[29] = str(_quad_class(int(cameo[:2])))
        sources = sorted(event.get("sources", []))
        f[30] = "1.0"
        f[31] = f[33] = str(max(1, len(sources)))
        f[32] = str(max(1, len(sources)))
        f[34] = f"{(n % 21 - 10) / 4:.2f}"  # a spread of tones, not all the same literal
        places = [c for p in event.get("place", []) for c in facts.get(p, {}).get("country", [])]
        where = min(places) if places else (f"{ID}country/{codes[0]}" if codes else "")
        where_code = fips.get(where.removeprefix(f"{ID}country/"), "") if where else ""
        if where_code:
            f[51], f[52], f[53] = "1", labels.get(where, [where_code])[0], where_code
        f[59] = day + "000000"
        urls = [u for s in sources for u in facts.get(s, {}).get("url", []) if u.startswith(("http://", "https://"))]
        f[60] = min(urls) if urls else f"https://example.org/synthetic/{f[0]}"
        rows.append(f)
    return rows


def gdelt_table(yaml_folder: Path) -> Path:
    """``events.export.CSV`` in a folder ``gdelt`` beside ``yaml_folder``, made on first use."""
    out = yaml_folder.parent / "gdelt" / "events.export.CSV"
    if out.exists():
        return out
    rows = gdelt_rows(ntriples(yaml_folder))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as f:
        f.writelines("\t".join(row) + "\n" for row in rows)
    partial.replace(out)
    return out


def main() -> None:
    yaml_folder = Path(sys.argv[1])
    print(ntriples(yaml_folder))
    print(gdelt_table(yaml_folder))


if __name__ == "__main__":
    main()
