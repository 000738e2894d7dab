"""``kg export``: the graph as RDF in any common format, or one CSV row per event."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from kg import formats, graph_export
from kg.cli.main import (
    Source,
    cli,
    data_option,
    endpoint_options,
    event_filter_options,
    lang_option,
    opened,
    reports_errors,
)
from kg.errors import UsageError, option
from kg.export import export
from kg.files import write_atomically
from kg.filters import Filters, why_empty
from kg.graph import load

NETWORK_VIEWS = ("actors", "countries", "events")
_GIVEN = ParameterSource.COMMANDLINE


@cli.command("export")
@data_option
@endpoint_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats.EXPORT_NAMES, case_sensitive=False),
    default=None,
    help="Output format [default: from the suffix of -o, else turtle].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (atomically); without it the export goes to standard output.",
)
@click.option(
    "--view",
    type=click.Choice(NETWORK_VIEWS, case_sensitive=False),
    default=None,
    help="With --format graphml or gexf: the network to write, as kg viz draws it [default: actors]. "
    "E.g. --view countries.",
)
@event_filter_options
@lang_option("With --format graphml or gexf: the language of the node labels. E.g. --lang az.")
@reports_errors
def export_command(
    data_dir: Path,
    endpoint: Source,
    fmt: str | None,
    output: Path | None,
    view: str | None,
    countries: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    kinds: tuple[str, ...],
    lang: str,
) -> None:
    """Export the knowledge graph for other tools.

    turtle, ntriples and xml (RDF/XML) hold the union of all graphs; trig, nquads and jsonld keep one
    named graph per source (JSON-LD with an inline context of our prefixes). csv is one row per event:
    id, title, kind, CAMEO code, dates or bounds, place, participants, countries, sources; --country,
    --from, --to and --kind choose its rows as they choose kg viz's events. graphml and gexf hold a
    network (--view actors, countries or events) for Gephi, Cytoscape, R and pandas, with labels in --lang,
    kinds, dates or bounds, weights, counts and Louvain communities; lists of values are joined by "; ",
    and the countries view has one edge per pair (bilateral and multilateral counted apart, weights
    summed); --country, --from, --to and --kind choose its events. The same data always gives
    byte-identical output.

    \b
    Examples:
      kg export -o build/diplomatic-kg.trig
      kg export --format csv -o build/events.csv
      kg export --format jsonld > graph.jsonld
      kg export --format csv --country AZE --from 2023 --to 2023-12 -o aze-2023.csv
      kg export --view countries -o countries.gexf
      kg export --format graphml --view actors --country AZE --lang az -o aze.graphml
      kg export --endpoint http://localhost:8000/sparql --format trig -o remote.trig
      kg export --store build/store --format nquads -o build/graph.nq
    """
    allowed = formats.EXPORT_NAMES
    found = (
        formats.named(fmt, allowed)
        if fmt
        else formats.for_path(output, allowed)
        if output
        else formats.FORMATS["turtle"]
    )
    given = [n for n in ("view", "lang") if click.get_current_context().get_parameter_source(n) == _GIVEN]
    if given and not found.network:
        raise UsageError(
            f"is for the network formats (--format graphml or gexf), not {found.name}",
            about=option(given[0]),
            value=view if given[0] == "view" else lang,
        )
    filters = Filters(countries, date_from, date_to, kinds)
    why = None
    with opened(endpoint, lambda: load(data_dir)) as kg:
        if found.network:
            H = graph_export.network(kg.store, (view or "actors").lower(), filters, lang.lower())
            data = graph_export.serialize(H, found)
            empty = H.number_of_nodes() == 0
            what = f"{found.name}, {H.graph['view']} view: {H.number_of_nodes()} nodes, {H.number_of_edges()} links"
        else:
            data = export(kg.store, found, filters)
            empty = found.rdf is None and data.count(b"\n") <= 1  # the header alone
            what = found.name
        if empty:  # say why when the cause is likely
            why = why_empty(kg.store, filters.checked(kg.store))
    if why:
        click.echo(f"Note: {why}", err=True)
    if output is None:
        click.echo(data, nl=False)
        return
    write_atomically(output, data)
    click.echo(f"Wrote {output} ({what})")
