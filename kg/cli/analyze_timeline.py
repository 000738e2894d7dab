"""``kg analyze timeline``: two parties' interactions per period and kind, as a table and a chart (a thin
layer over :mod:`kg.analytics.timeline` and :mod:`kg.analytics.chart`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.analytics.timeline import BY, Timeline, timeline
from kg.cli.analyze import Selection, _csv, _json, _width, analyze, analyze_options
from kg.files import display_path
from kg.results import table

CSV_HEADER = ["period", "kind", "kind_label", "count", "events", "goldstein_mean", "goldstein_sum", "scored"]


@analyze.command("timeline")
@click.argument("a")
@click.argument("b")
@click.option(
    "--by",
    type=click.Choice(BY, case_sensitive=False),
    default="year",
    show_default=True,
    help="The length of a period. E.g. --by quarter.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also draw the chart into this file, .png or .svg: stacked bars of events by kind per period, and "
    "a line (right axis) for cooperation intensity, the mean Goldstein value of the period's events. "
    "E.g. -o aze-uzb.png.",
)
@analyze_options
def timeline_command(selection: Selection, a: str, b: str, by: str, output: Path | None) -> None:
    """Interactions between A and B per year, quarter or month, by kind, and how cooperative they were.

    A and B are countries (a code, id or name in any language; --view actors: any person, organisation or
    country). Counted are the events both take part in (a country takes part in the events that involve
    it), kept by --country, --from, --to and --kind; each counts once, multilateral ones too (the weighting
    --view describes is for the networks). The periods run without a gap from the first to the last (--from
    and --to set them when given); a period without events shows 0.

    Periods: each event is counted once, in the first period its dates allow within the window (the rule
    of --from/--to: an event may fall in every period its span overlaps). An uncertain date (earliest..latest)
    goes to the period of its earliest bound, and so to that period alone when both bounds lie in it; a date
    known only by a latest bound goes to the first period shown. Undated events are left out and named in a
    note, as are events whose dates allow several periods.

    Goldstein: the Goldstein (1992) conflict-cooperation value (-10 to +10) of each event's CAMEO code, as
    the GDELT Project's CAMEO.goldsteinscale.txt gives it (stored in the ontology, dkg:goldsteinScale); the
    mean and sum are over the events whose code has a value, and a note names the events without one.

    \b
    Examples:
      kg analyze timeline AZE UZB
      kg analyze timeline Azerbaijan Uzbekistan --by quarter -o aze-uzb.png
      kg analyze timeline AZE UZB --from 2023 --to 2024 --by month -o aze-uzb-2023.svg --lang az
      kg analyze timeline ilham-aliyev shavkat-mirziyoyev --view actors --kind visit
      kg analyze timeline AZE KAZ --format csv > aze-kaz.csv
    """
    if output is not None:
        from kg.analytics import chart  # matplotlib is imported only when a chart is drawn

        chart.chart_format(output)
    with selection.store() as store:
        found = timeline(store, a, b, by, selection.filters, selection.view, selection.lang)
    if selection.fmt == "json":
        click.echo(_json(found.to_dict()), nl=False)
    elif selection.fmt == "csv":
        rows = [{**c.record(), "kind_label": found.labels[c.kind], "events": " ".join(c.events)} for c in found.cells]
        click.echo(_csv(rows, CSV_HEADER), nl=False)
    else:
        click.echo(_table(found))
    for note in found.notes():
        click.echo(f"Note: {note}", err=True)
    if output is not None:
        from kg.analytics import chart

        chart.write_chart(found, output)
        click.echo(f"Wrote {display_path(output)}", err=True)


def _mean(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _table(found: Timeline) -> str:
    """One row per period: its events by kind, in all, and their mean Goldstein value."""
    header = ["period", *(found.labels[k] for k in found.kinds), "events", "Goldstein mean"]
    rows = []
    for total in found.totals:
        counts = [str(found.count(total.period, k)) for k in found.kinds]
        rows.append([total.period, *counts, str(total.count), _mean(total.goldstein_mean)])
    return found.title + "\n" + table(header, rows, _width()).rstrip("\n")
