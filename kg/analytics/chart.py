"""The timeline drawn for a person to read at a glance: stacked bars of events by kind per period, and a
line (right axis) for cooperation intensity, the mean Goldstein value of each period's events.

:func:`figure` returns the matplotlib Figure (so tests read what is drawn: the bars' heights, the line's
values); :func:`write_chart` saves it as PNG or SVG, atomically, the same bytes for the same timeline
(the SVG's ids are seeded and it carries no date). matplotlib is used without pyplot or a display.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kg.analytics.timeline import Timeline
from kg.errors import UsageError, option
from kg.files import write_atomically

FORMATS = {".png": "png", ".svg": "svg"}
LINE_LABEL = "cooperation intensity (mean Goldstein, right axis)"
# Colours by kind, in the order of Timeline.kinds (most frequent first); matplotlib's tab20, reordered so
# that neighbouring bars differ in hue before they differ in shade.
COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)  # fmt: skip
MAX_TICK_LABELS = 24  # more periods than this: label every n-th one only


def chart_format(path: Path) -> str:
    """``png`` or ``svg``, told by the suffix of ``path``; UsageError for any other."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            "the chart is written as PNG or SVG: end the file name in .png or .svg",
            about=option("output"),
            value=str(path),
        )
    return fmt


def figure(tl: Timeline) -> Figure:
    """The chart of ``tl``: one bar container per kind (label = the kind's label, in ``tl.kinds`` order,
    stacked bottom to top), and the line labelled :data:`LINE_LABEL` on the right axis (NaN where a period
    has no event with a Goldstein value)."""
    n = len(tl.periods)
    fig = Figure(figsize=(min(max(9.0, 6.0 + 0.4 * n), 18.0), 5.0), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(n))
    bottom = [0] * n
    for i, kind in enumerate(tl.kinds):
        heights = [tl.count(p, kind) for p in tl.periods]
        ax.bar(xs, heights, 0.8, bottom=bottom, label=tl.labels[kind], color=COLOURS[i % len(COLOURS)], zorder=2)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xlabel(tl.by)
    ax.set_ylabel("events (stacked by kind)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max([*bottom, 1]) * 1.15)
    step = max(1, math.ceil(n / MAX_TICK_LABELS))
    upright = tl.by == "year" and n <= 12
    ax.set_xticks(xs[::step], tl.periods[::step], rotation=0 if upright else 45, ha="center" if upright else "right")
    ax.set_xlim(-0.6, max(n, 1) - 0.4)
    ax.grid(axis="y", color="#dddddd", zorder=0)

    right = ax.twinx()
    means = [math.nan if c.goldstein_mean is None else c.goldstein_mean for c in tl.totals]
    right.plot(xs, means, color="black", marker="o", linewidth=1.5, label=LINE_LABEL, zorder=3)
    right.axhline(0, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
    right.set_ylim(-10, 10)
    right.set_ylabel("mean Goldstein value (−10 conflict, +10 cooperation)")

    handles, labels = ax.get_legend_handles_labels()
    more, more_labels = right.get_legend_handles_labels()
    fig.legend(handles[::-1] + more, labels[::-1] + more_labels, loc="outside right center", fontsize="small")
    fig.suptitle(tl.title)
    if not n:
        ax.text(0.5, 0.5, "no interactions to draw", ha="center", va="center", transform=ax.transAxes)
    footnote = _footnote(tl)
    if footnote:
        fig.supxlabel(footnote, fontsize="x-small", color="#555555")
    return fig


def _footnote(tl: Timeline) -> str:
    said = []
    if tl.unscored:
        n = len(tl.unscored)
        said.append(f"{n} event{'s' if n != 1 else ''} without a Goldstein value left out of the line")
    if tl.undated:
        n = len(tl.undated)
        said.append(f"{n} undated event{'s' if n != 1 else ''} left out")
    if tl.spanning:
        n = len(tl.spanning)
        said.append(f"{n} event{'s' if n != 1 else ''} with uncertain dates counted in the first period they allow")
    return "; ".join(said)


def render(tl: Timeline, fmt: str) -> bytes:
    """The chart's bytes as PNG or SVG; the same timeline gives the same bytes."""
    fig = figure(tl)
    buf = io.BytesIO()
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {}
    with rc_context({"svg.hashsalt": "diplomatic-kg", "svg.fonttype": "path"}):  # seeded ids, text as paths
        fig.savefig(buf, format=fmt, dpi=120, metadata=metadata)
    return buf.getvalue()


def write_chart(tl: Timeline, path: Path) -> Path:
    """Write the chart to ``path`` (.png or .svg), atomically; OutputError when it cannot be written."""
    write_atomically(path, render(tl, chart_format(path)))
    return path
