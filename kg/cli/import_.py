"""``kg import``: event tables streamed into machine-coded events of our ontology (kg.ingest)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.main import cli, reports_errors
from kg.files import write_atomically
from kg.ingest import summary
from kg.ingest.names import data_store
from kg.ingest.run import FORMATS, ImportReport, import_tables

_SHOWN = 10  # rows of each match table shown on stderr


def _summary(report: ImportReport) -> None:
    t = report.tally
    click.echo(
        f"Imported {report.events} events, {report.mentions} mention sources; {len(report.bad)} rows skipped.", err=True
    )
    for title, counts in (
        ("Actor country codes matched to our countries", t.actor_countries),
        ("Actors matched to nothing (kept as dkg:actorCode/actorName)", t.unmatched_actors),
        ("ActionGeo FIPS codes with no country of ours", t.unmatched_places),
        ("CAMEO codes linked to a broader concept of ours", t.broader_cameo),
        ("CAMEO codes with no concept of ours (kept as dkg:eventCode)", t.unlinked_cameo),
    ):
        if counts:
            rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = ", ".join(f"{k} ({n})" for k, n in rows[:_SHOWN])
            more = f", … {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
            click.echo(f"{title}: {shown}{more}", err=True)
    for line in summary.name_lines(report, _SHOWN):
        click.echo(line, err=True)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    required=True,
    help="Layout of the table: gdelt (GDELT 2.0 export.CSV, 61 tab-separated columns), icews (ICEWS Coded "
    "Event Data, tab-separated with its 20 named columns), polecat (POLECAT, tab-separated, named columns) or "
    "csv (any table, with --mapping). E.g. --format icews.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="With --format csv: a YAML file naming the table's columns (id, date, code, source_url, actors…; see "
    "the README). E.g. --mapping acled.yaml.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The curated data whose people, organisations and countries actor names are matched to [default: "
    "data/ when it exists]. E.g. --data data.",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the full report as TSV: every bad row, every actor name and what it was linked to (and how), "
    "every value left unlinked. E.g. --report import-report.tsv.",
)
@click.option(
    "--mentions",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A GDELT 2.0 mentions.CSV: each web mention becomes a further source of its event; repeatable. "
    "E.g. --mentions 20170701.mentions.CSV.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="RDF file to write (atomically): .trig or .nq keep one named graph per table, .ttl its triples. "
    "E.g. -o data/imported/gdelt.trig.",
)
@click.option(
    "--strict", is_flag=True, help="Stop at the first bad row (exit 1), leaving an existing -o file as it was."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes for GDELT tables; the output is the same for any number [default: the CPUs this "
    "process may use, at most 8]. E.g. --jobs 1.",
)
@click.option("--quiet", is_flag=True, help="No progress bar and no match summary on standard error.")
@reports_errors
def import_command(
    files: tuple[Path, ...],
    fmt: str,
    mapping: Path | None,
    data_dir: Path | None,
    report_file: Path | None,
    mentions: tuple[Path, ...],
    output: Path,
    strict: bool,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Import event tables as machine-coded events, one event per row.

    Each table goes to a named graph of its own (id/graph/import/FORMAT/FILE); its events are typed
    dkg:MachineCodedEvent besides dkg:DiplomaticEvent and are prov:wasGeneratedBy a dkg:ImportActivity, so
    queries can tell them from curated events; they are held to relaxed shapes (an address for each source,
    no publisher or summary). The -o file can be put in a --data folder and loads like any RDF file there.
    Actors link to our countries by code or name, and to the people and organisations of --data whose
    label or variant they bear; each link, and each name left unlinked, is in the summary and --report.
    Bad rows (too few columns, an impossible date, a code that is not CAMEO or PLOVER) are reported by
    file, line and column and skipped. Exit codes: 0 done (bad rows skipped are listed), 1 a bad row with --strict or
    a bad option, 2 a file that cannot be read or written.

    \b
    Examples:
      kg import 20170701.export.CSV --format gdelt -o data/imported/gdelt.trig
      kg import 20170701.export.CSV --format gdelt --mentions 20170701.mentions.CSV -o gdelt.nq
      kg import a.export.CSV b.export.CSV --format gdelt --strict --quiet -o gdelt.trig
      kg import 20170701.export.CSV --format gdelt --jobs 4 -o gdelt.nq
      kg import events.2023.tab --format icews --data data --report icews-report.tsv -o icews.trig
      kg import ngec_2023.txt --format polecat -o polecat.nq
      kg import acled.csv --format csv --mapping acled.yaml -o acled.trig
    """
    if data_dir is None and Path("data").is_dir():
        data_dir = Path("data")
    report = import_tables(
        files,
        fmt.lower(),
        output,
        mentions=mentions,
        mapping=mapping,
        data=data_store(data_dir),
        strict=strict,
        progress=not quiet and sys.stderr.isatty(),
        jobs=jobs,
    )
    if report_file is not None:
        write_atomically(report_file, summary.tsv(report))
    for problem in report.bad:
        click.echo(f"Skipped: {problem}", err=True)
    if not quiet:
        _summary(report)
    click.echo(f"Wrote {output} ({report.events} events)")
    if report_file is not None:
        click.echo(f"Wrote {report_file} (the report)")
