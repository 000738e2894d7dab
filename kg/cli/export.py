"""``kg export``: the graph as RDF in any common format, or one CSV row per event."""

from __future__ import annotations

from pathlib import Path

import click

from kg import formats
from kg.cli.main import Endpoint, cli, data_option, endpoint_options, event_filter_options, opened, reports_errors
from kg.export import export
from kg.files import write_atomically
from kg.filters import Filters, why_empty
from kg.graph import load


@cli.command("export")
@data_option
@endpoint_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats.NAMES, case_sensitive=False),
    default=None,
    help="Output format [default: from the suffix of -o, else turtle].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (atomically); without it the export goes to standard output.",
)
@event_filter_options
@reports_errors
def export_command(
    data_dir: Path,
    endpoint: Endpoint | None,
    fmt: str | None,
    output: Path | None,
    countries: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    kinds: tuple[str, ...],
) -> None:
    """Export the knowledge graph for other tools.

    turtle, ntriples and xml (RDF/XML) hold the union of all graphs; trig, nquads and jsonld keep one
    named graph per source (JSON-LD with an inline context of our prefixes). csv is one row per event:
    id, title, kind, CAMEO code, dates or bounds, place, participants, countries, sources; --country,
    --from, --to and --kind choose its rows as they choose kg viz's events. The same data always gives
    byte-identical output.

    \b
    Examples:
      kg export -o build/diplomatic-kg.trig
      kg export --format csv -o build/events.csv
      kg export --format jsonld > graph.jsonld
      kg export --format csv --country AZE --from 2023 --to 2023-12 -o aze-2023.csv
      kg export --endpoint http://localhost:8000/sparql --format trig -o remote.trig
    """
    found = formats.named(fmt) if fmt else formats.for_path(output) if output else formats.FORMATS["turtle"]
    filters = Filters(countries, date_from, date_to, kinds)
    with opened(endpoint, lambda: load(data_dir)) as kg:
        data = export(kg.store, found, filters)
        why = None
        if found.rdf is None and data.count(b"\n") <= 1:  # the header alone: say why when the cause is likely
            why = why_empty(kg.store, filters.checked(kg.store))
    if why:
        click.echo(f"Note: {why}", err=True)
    if output is None:
        click.echo(data, nl=False)
        return
    write_atomically(output, data)
    click.echo(f"Wrote {output} ({found.name})")
