"""``kg analyze``: numbers about the shape of relations (a thin layer over :mod:`kg.analytics`).

:func:`analyze_options` is the option stack every subcommand shares (``kg analyze timeline`` too, in
:mod:`kg.cli.analyze_timeline`); the command receives one :class:`Selection`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import analytics
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
from kg.filters import Filters, why_empty
from kg.graph import load
from kg.results import table
from kg.store import Store

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "csv", "json")
DEFAULT_TOP = 20
WEIGHTING = "an event of n countries adds 1/(n-1) to each pair, so it weighs as much per country as one bilateral event"


@dataclass(frozen=True)
class Selection:
    """What the shared options chose: where the graph is, which view and events, how to print."""

    data_dir: Path
    endpoint: Source
    view: str
    filters: Filters
    fmt: str
    lang: str

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store of --data or --endpoint; the filters are checked against it by the analysis."""
        with opened(self.endpoint, lambda: load(self.data_dir)) as kg:
            yield kg.store

    def note_if_empty(self, store: Store) -> None:
        """Say on stderr why no event is selected, when none is."""
        why = why_empty(store, self.filters.checked(store))
        if why:
            click.echo(f"Note: {why}", err=True)


def analyze_options(func: F) -> F:
    """--data, --endpoint (with --merge-graph and auth), --view, --country/--from/--to/--kind, --format and
    --lang, defined once for every ``kg analyze`` subcommand; the command receives ``selection``."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        data_dir: Path,
        endpoint: Source,
        view: str,
        countries: tuple[str, ...],
        date_from: str | None,
        date_to: str | None,
        kinds: tuple[str, ...],
        fmt: str,
        lang: str,
        **kwargs: Any,
    ) -> Any:
        filters = Filters(countries, date_from, date_to, kinds)
        found = Selection(data_dir, endpoint, view.lower(), filters, fmt.lower(), lang.lower())
        return func(*args, selection=found, **kwargs)

    decorated: Any = reports_errors(wrapper)
    for option in reversed(_OPTIONS):
        decorated = option(decorated)
    decorated = event_filter_options(decorated)
    decorated = endpoint_options(decorated)
    return data_option(decorated)  # type: ignore[no-any-return]


_OPTIONS = [
    click.option(
        "--view",
        type=click.Choice(analytics.TIE_VIEWS, case_sensitive=False),
        default="countries",
        show_default=True,
        help=f"countries: countries linked by shared events, weighted so that {WEIGHTING}; actors: people, "
        "organisations and countries, one per shared event. E.g. --view actors.",
    ),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS, case_sensitive=False),
        default="table",
        show_default=True,
        help="table: aligned, numbers rounded; csv: one row per record, exact numbers; json: data (ids, labels, "
        "exact numbers). E.g. --format json.",
    ),
    lang_option("Language of the labels (English where a name is missing). E.g. --lang az."),
]

top_option = click.option(
    "--top",
    type=click.IntRange(min=0),
    default=DEFAULT_TOP,
    show_default=True,
    help="Show the first N rows; 0 for all. E.g. --top 5.",
)


@cli.group("analyze")
def analyze() -> None:
    """Numbers about the shape of relations: centrality, communities, ties, brokers.

    Every subcommand selects events with --country, --from, --to and --kind (as kg viz does), analyses
    the countries view (default) or the actors view, and prints a table, CSV or JSON, sorted and stable.

    \b
    Examples:
      kg analyze centrality --top 10
      kg analyze ties --country AZE --from 2022
      kg analyze brokers --view actors --format json
    """


def _number(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}f}"


def _amount(x: float) -> str:
    """A weight for reading: at most two decimals, no trailing zeros (121, 62.55, 12.1)."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _node(ident: str, label: str) -> str:
    return ident if label == ident else f"{label} ({ident})"


def _csv(rows: Sequence[dict[str, Any]], header: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(header), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()


def _json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def _shown(n: int, total: int, what: str) -> str:
    return f"{n} {what}" if n == total else f"top {n} of {total} {what}"


def _betweenness_data(b: analytics.Betweenness) -> dict[str, Any]:
    return {"method": "exact" if b.exact else "sampled", "pivots": b.pivots, "seed": b.seed}


@analyze.command("centrality")
@top_option
@analyze_options
def centrality_command(selection: Selection, top: int) -> None:
    """Degree, weighted degree, betweenness, eigenvector centrality and communities of every node.

    Weighted degree sums the weight of a node's links: in the countries view an event of n countries adds
    1/(n-1) to each pair, so one conference of 50 delegations counts as much for each country as one
    bilateral visit, and a country's weighted degree is the number of its events; in the actors view one
    per shared event. Betweenness (shortest paths counted in links) is exact while nodes × edges is at most
    25 million, else estimated from max(100, 12 million ÷ edges) pivots drawn with seed 42; the output says
    which and how many. Eigenvector centrality is weighted, per connected piece, scaled by the piece's share
    of the nodes. Communities: Louvain (igraph's multilevel, weighted, seed 42), largest first. Rows by
    weighted degree, then degree.

    \b
    Examples:
      kg analyze centrality
      kg analyze centrality --view actors --top 10 --lang az
      kg analyze centrality --from 2023 --to 2024 --kind visit --format csv > centrality.csv
      kg analyze centrality --country UZB --format json
      kg analyze centrality --endpoint http://localhost:8000/sparql
      kg analyze centrality --store build/store
    """
    with selection.store() as store:
        G = analytics.graph(store, selection.view, selection.filters, selection.lang)
        selection.note_if_empty(store)
    measured = analytics.centrality(G, top=top or None)
    actors = selection.view == "actors"
    if selection.fmt == "json":
        click.echo(
            _json(
                {
                    "view": selection.view,
                    "betweenness": _betweenness_data(measured.betweenness),
                    "nodes_total": measured.total,
                    "nodes": [analytics.data(r) for r in measured],
                    "communities": [analytics.frames.community_data(c) for c in measured.communities],
                }
            ),
            nl=False,
        )
        return
    if selection.fmt == "csv":
        rows = [analytics.flat(r) for r in measured]
        header = [k for k in analytics.flat(_EMPTY_NODE) if actors or k != "group"]
        click.echo(_csv([{k: r[k] for k in header} for r in rows], header), nl=False)
        click.echo(f"Note: betweenness: {measured.betweenness.method}", err=True)
        return
    header = ["id", "label", *(["group"] if actors else []), "degree", "weighted degree", "betweenness"]
    header += ["eigenvector", "community"]
    cells = [
        [
            r.id,
            r.label,
            *([r.group] if actors else []),
            str(r.degree),
            _amount(r.weighted_degree),
            _number(r.betweenness),
            _number(r.eigenvector),
            str(r.community),
        ]
        for r in measured
    ]
    width = _width()
    click.echo(
        f"Centrality, {selection.view} view ({_shown(len(measured), measured.total, 'nodes')}); "
        f"betweenness: {measured.betweenness.method}"
    )
    click.echo(table(header, cells, width), nl=False)
    click.echo(f"\nCommunities (Louvain, seed {analytics.SEED}): {len(measured.communities)}")
    rows_c = [
        [str(c.index), str(c.size), ", ".join(_node(i, lab) for _, i, lab in c.members)] for c in measured.communities
    ]
    click.echo(table(["community", "size", "members"], rows_c, width), nl=False)


_EMPTY_NODE = analytics.NodeMeasures("", "", "", "", 0, 0.0, 0.0, 0.0, 0)


@analyze.command("ties")
@top_option
@analyze_options
def ties_command(selection: Selection, top: int) -> None:
    """The strongest relationships: pairs of countries (or actors) by the events they share.

    A tie's weight is the view's: in the countries view an event of n countries adds 1/(n-1) to the pair,
    in the actors view one per event. For each pair: events, weight, events by kind (the most specific
    kinds the sources give; an event whose sources disagree counts under each), a→b and b→a (events where
    a visitor or guest of one side came to a host of the other; in the countries view a participant stands
    for the country of its post, else its nationality), the first and last date an event may fall on, and
    the events and sources. Signatories, summit participants and other roles link both ways. Rows by
    weight, then events, then ids; a is the pair's first id.

    \b
    Examples:
      kg analyze ties
      kg analyze ties --country AZE --top 5
      kg analyze ties --view actors --from 2023 --to 2023-12 --kind visit
      kg analyze ties --format csv > ties.csv
      kg analyze ties --format json --lang ru
    """
    with selection.store() as store:
        found = analytics.ties(store, selection.filters, selection.view, None, selection.lang)
        selection.note_if_empty(store)
    shown = found[:top] if top else found
    if selection.fmt == "json":
        doc = {"view": selection.view, "ties_total": len(found), "ties": [analytics.data(t) for t in shown]}
        click.echo(_json(doc), nl=False)
        return
    if selection.fmt == "csv":
        rows = [analytics.flat(t) for t in shown]
        header = _TIE_COLUMNS
        click.echo(_csv(rows, header), nl=False)
        return
    header = ["a", "b", "events", "weight", "a→b", "b→a", "kinds", "first", "last", "sources"]
    cells = []
    for t in shown:
        kinds = ", ".join(f"{k} {n}" for k, n in t.kinds[:3]) + (
            f", +{len(t.kinds) - 3} more" if len(t.kinds) > 3 else ""
        )
        cells.append(
            [
                _node(t.a_id, t.a_label),
                _node(t.b_id, t.b_label),
                str(t.events),
                _amount(t.weight),
                str(t.a_to_b),
                str(t.b_to_a),
                kinds,
                t.first or "",
                t.last or "",
                str(len(t.sources)),
            ]
        )
    click.echo(f"Ties, {selection.view} view ({_shown(len(shown), len(found), 'pairs')})")
    click.echo(table(header, cells, _width()), nl=False)


_TIE_COLUMNS = [*analytics.flat(analytics.Tie("", "", "", "", "", "", 0, 0.0, (), 0, 0, None, None, (), ()))]


@analyze.command("brokers")
@top_option
@analyze_options
def brokers_command(selection: Selection, top: int) -> None:
    """Actors or countries that connect otherwise separate groups.

    score = betweenness ÷ degree centrality (degree ÷ (nodes − 1)), both normalised: how many more shortest
    paths run through a node than its number of links would explain. The centre of a star scores 1; a node
    joining two groups through few links scores above 1. Listed: nodes with some betweenness whose
    neighbours lie in a community other than their own (Louvain, seed 42, as kg analyze centrality);
    links names those communities. Rows by score, then betweenness, then id.

    \b
    Examples:
      kg analyze brokers
      kg analyze brokers --view actors --top 10
      kg analyze brokers --from 2022 --kind summit --format json
      kg analyze brokers --country TUR --format csv --lang az
    """
    with selection.store() as store:
        G = analytics.graph(store, selection.view, selection.filters, selection.lang)
        selection.note_if_empty(store)
    measured = analytics.centrality(G)
    found = analytics.brokers(G, measured=measured)
    shown = found[:top] if top else found
    if selection.fmt == "json":
        doc = {
            "view": selection.view,
            "betweenness": _betweenness_data(measured.betweenness),
            "brokers_total": len(found),
            "brokers": [analytics.data(b) for b in shown],
        }
        click.echo(_json(doc), nl=False)
        return
    if selection.fmt == "csv":
        header = ["id", "label", "group", "score", "betweenness", "degree", "community", "links"]
        click.echo(_csv([analytics.flat(b) for b in shown], header), nl=False)
        click.echo(f"Note: betweenness: {measured.betweenness.method}", err=True)
        return
    header = ["id", "label", "group", "score", "betweenness", "degree", "community", "links"]
    cells = [
        [
            b.id,
            b.label,
            b.group,
            _number(b.score),
            _number(b.betweenness),
            str(b.degree),
            str(b.community),
            ", ".join(str(c) for c in b.links),
        ]
        for b in shown
    ]
    click.echo(
        f"Brokers, {selection.view} view ({_shown(len(shown), len(found), 'nodes')}); "
        f"score: betweenness ÷ degree centrality; betweenness: {measured.betweenness.method}"
    )
    click.echo(table(header, cells, _width()), nl=False)
