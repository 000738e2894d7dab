"""``kg viz``: draw the network as one offline HTML page (a thin layer over :mod:`kg.visualize`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg import network, visualize, viz_measures
from kg.cli.main import (
    Source,
    cli,
    data_option,
    endpoint_options,
    event_filter_options,
    lang_option,
    opened,
    param_option,
    reports_errors,
)
from kg.errors import UsageError, option
from kg.filters import Filters
from kg.graph import load

DEFAULT_OUTPUT = Path("build/diplomatic-kg.html")


@cli.command()
@data_option
@endpoint_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="The page to write. E.g. -o azerbaijan-2023.html.",
)
@click.option(
    "--view",
    type=click.Choice(network.VIEWS, case_sensitive=False),
    default="actors",
    show_default=True,
    help="actors: people, organisations and countries linked by shared events; events: events between "
    "participants, documents and places; countries: weighted links, bilateral apart from "
    "multilateral. E.g. --view countries.",
)
@event_filter_options
@click.option(
    "--ego",
    metavar="ID",
    help="Only what lies within --hops links of this node (an id as in data/, or a country code). "
    "E.g. --ego sahil-babayev.",
)
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How far from --ego to draw. E.g. --ego AZE --hops 2.",
)
@click.option(
    "--query",
    metavar="QUERY",
    help="Draw a query's result instead of a view: a .rq file or a stored query's name (kg query --list); "
    "a CONSTRUCT result, or SELECT rows as edges (?source ?target or ?from ?to, optional ?label). "
    "E.g. --query who-met-whom.",
)
@param_option("Bind a parameter of --query, as in kg query. E.g. --query events-between-countries -p a=AZE -p b=KAZ.")
@lang_option("Language of the labels (English where a name is missing). E.g. --lang az.")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=visualize.DEFAULT_MAX_NODES,
    show_default=True,
    help="Refuse to draw more nodes than this (larger pages freeze the browser). E.g. --max-nodes 8000.",
)
@click.option(
    "--color",
    type=click.Choice(viz_measures.COLOR_BY, case_sensitive=False),
    default="kind",
    show_default=True,
    help="Colour the nodes by kind (person, organisation, country, event…) or by community (Louvain on "
    "the weights, seed 42; the legend names each community's best-connected members). Shapes stay by kind. "
    "E.g. --color community.",
)
@click.option(
    "--size",
    type=click.Choice(viz_measures.SIZE_BY, case_sensitive=False),
    default="degree",
    show_default=True,
    help="Size the nodes by degree (number of neighbours) or betweenness (how often a node lies on the "
    "shortest paths between others: the brokers; exact or sampled by size, as the legend says). "
    "E.g. --size betweenness.",
)
@reports_errors
def viz(
    data_dir: Path,
    endpoint: Source,
    output: Path,
    view: str,
    countries: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    kinds: tuple[str, ...],
    ego: str | None,
    hops: int,
    query: str | None,
    params: tuple[str, ...],
    lang: str,
    max_nodes: int,
    color: str,
    size: str,
) -> None:
    """Draw the network as one self-contained HTML page that works offline.

    The page shows shapes and colours by class (or colours by community, --color community), sizes by
    number of neighbours (or betweenness, --size betweenness), a legend, a search box
    (any name or variant), filters by kind and time, and details with sources on hover and click.
    It inlines everything it needs and makes no network request.

    \b
    Examples:
      kg viz                                     # actors view of all events
      kg viz --view countries -o countries.html
      kg viz --country AZE --from 2023 --to 2023-12 --kind visit
      kg viz --view events --ego sahil-babayev --hops 2 --lang az
      kg viz --view countries --color community --size betweenness -o brokers.html
      kg viz --query who-met-whom -o who-met-whom.html
      kg viz --query events-between-countries -p a=AZE -p b=KAZ -o aze-kaz.html
      kg viz --endpoint http://localhost:8000/sparql --view countries -o countries.html
      kg viz --store build/store --view countries -o countries.html
    """
    if hops != 1 and ego is None:
        raise UsageError("the number of hops counts from an ego: give --ego too", about=option("hops"))
    options = visualize.VizOptions(
        view=view.lower(),
        filters=Filters(countries, date_from, date_to, kinds),
        ego=ego,
        hops=hops,
        query=query,
        params=params,
        lang=lang.lower(),
        max_nodes=max_nodes,
        color=color.lower(),
        size=size.lower(),
    )
    try:
        with opened(endpoint, lambda: load(data_dir)) as kg:
            written = visualize.write_page(kg, output, options)
    except visualize.TooManyNodes as exc:
        raise UsageError(
            f"the {exc.view} graph has {exc.nodes:,} nodes, more than --max-nodes {exc.limit:,}: a page that large "
            "would freeze the browser. Draw less: --view countries; a time window (--from 2023 --to 2024); "
            "--country AZE; --kind meeting; an ego network (--ego ID --hops 1); or raise --max-nodes"
        ) from None
    if written.empty_because:
        click.echo(f"Note: {written.empty_because}", err=True)
    click.echo(f"Drew {written.nodes} nodes and {written.edges} links")
    click.echo(f"Wrote {written.path}")
