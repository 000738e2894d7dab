"""How a relationship evolves: the interactions of two countries (or actors) per period and kind.

:func:`timeline` counts the events two parties share in each year, quarter or month, by kind, with the
mean and sum of the Goldstein values of their CAMEO codes (:mod:`kg.analytics.goldstein`). The periods run
without a gap from the first to the last (a window given with ``--from``/``--to`` sets them), empty ones
counted as 0.

The period rule (:data:`PERIOD_RULE`) follows the one time rule of :mod:`kg.filters`: an event may fall in
every period its span overlaps. Each event is counted once, in the FIRST period its dates allow within the
window: a dated event in its period; an uncertain one (bounds) in the period holding its earliest bound, so
in that period alone when both bounds lie in it; one known only by a latest bound, in the first period of the
timeline. Undated events fall in no period: they are left out and named in a note.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from rdflib import RDFS, Literal

from kg import dates, iris
from kg.analytics import goldstein
from kg.errors import UsageError, option
from kg.events import Event
from kg.filters import Filters, kept_events, why_empty
from kg.identify import resolve
from kg.labels import labels_of, pick_text
from kg.store import Store
from kg.vocab import ontology_graph, vocabulary

BY = ("year", "quarter", "month")
VIEWS = ("countries", "actors")
PERIOD_RULE = (
    "each event is counted once, in the first period its dates allow within the window: an uncertain date "
    "(earliest..latest) in the period of its earliest bound (so in that period alone when both bounds lie in "
    "it), one known only by a latest bound in the first period shown; undated events are left out and counted "
    "in a note"
)


@dataclass(frozen=True)
class Cell:
    """The events of one kind in one period: how many, which (ids), and their Goldstein values."""

    period: str
    kind: str
    count: int
    events: tuple[str, ...]
    goldstein_mean: float | None  # over the events whose CAMEO code has a value (None when none has)
    goldstein_sum: float
    scored: int  # how many of them have a value

    def record(self) -> dict[str, object]:
        return {
            "period": self.period,
            "kind": self.kind,
            "count": self.count,
            "events": list(self.events),
            "goldstein_mean": self.goldstein_mean,
            "goldstein_sum": self.goldstein_sum,
            "scored": self.scored,
        }


@dataclass(frozen=True)
class Timeline:
    """Interactions of ``a`` and ``b`` (IRIs) per period (``periods``, in order) and kind (``kinds``, most
    frequent first); ``cells`` holds every period × kind in that order, ``totals`` one cell per period with
    kind ``""``. ``undated``, ``unscored`` and ``spanning`` name (by id) the events left out, those without
    a Goldstein value (left out of the mean) and those whose dates allow several periods."""

    a: str
    b: str
    labels: dict[str, str]  # a, b and every kind id → its label in the language asked for
    by: str
    date_from: str | None
    date_to: str | None
    periods: tuple[str, ...]
    kinds: tuple[str, ...]
    cells: tuple[Cell, ...]
    totals: tuple[Cell, ...]
    undated: tuple[str, ...] = ()
    unscored: tuple[str, ...] = ()
    spanning: tuple[str, ...] = ()
    empty_because: str | None = None
    lang: str = "en"

    def count(self, period: str, kind: str) -> int:
        return self._counts[period, kind]

    @cached_property
    def _counts(self) -> dict[tuple[str, str], int]:
        return {(c.period, c.kind): c.count for c in self.cells}

    @property
    def window(self) -> str:
        """The window the timeline covers, for reading: ``2023 – 2024`` (the first and last period where
        --from/--to leave it open)."""
        if not self.periods:
            return "no period"
        return f"{self.date_from or self.periods[0]} – {self.date_to or self.periods[-1]}"

    @property
    def title(self) -> str:
        """``Azerbaijan – Uzbekistan: interactions per year, 2023 – 2024``: the pair and the window."""
        return f"{self.labels[self.a]} – {self.labels[self.b]}: interactions per {self.by}, {self.window}"

    def notes(self) -> list[str]:
        """What the counts leave out or place by rule, said once for the table and the chart."""
        found = []
        if self.empty_because:
            found.append(self.empty_because)
        if self.undated:
            found.append(
                f"{_n(len(self.undated), 'undated event')} left out (no period holds them): {', '.join(self.undated)}"
            )
        if self.spanning:
            found.append(
                f"{_n(len(self.spanning), 'event')} whose dates allow several periods counted in the "
                f"first of them: {', '.join(self.spanning)}"
            )
        if self.unscored:
            found.append(
                f"{_n(len(self.unscored), 'event')} without a Goldstein value left out of the mean: "
                f"{', '.join(self.unscored)}"
            )
        return found

    def to_dict(self) -> dict[str, object]:
        """The timeline as data (ids, labels, numbers) for JSON."""

        def party(iri: str) -> dict[str, str]:
            return {"id": iris.local_id(iri), "iri": iri, "label": self.labels[iri]}

        return {
            "a": party(self.a),
            "b": party(self.b),
            "by": self.by,
            "from": self.date_from,
            "to": self.date_to,
            "periods": list(self.periods),
            "kinds": [{"id": k, "label": self.labels[k]} for k in self.kinds],
            "rows": [c.record() for c in self.cells],
            "totals": [{k: v for k, v in c.record().items() if k != "kind"} for c in self.totals],
            "undated": list(self.undated),
            "unscored": list(self.unscored),
            "spanning": list(self.spanning),
            "rule": PERIOD_RULE,
        }


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --- periods -----------------------------------------------------------------------------------------------


def period_of(day: dt.date, by: str) -> str:
    """The label of the period holding ``day``: ``2023``, ``2023-Q3`` or ``2023-08``."""
    if by == "year":
        return f"{day.year:04d}"
    if by == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"


def _index(day: dt.date, by: str) -> int:
    """Periods as consecutive integers, so a run of them has no gap."""
    months = {"year": 12, "quarter": 3, "month": 1}[by]
    return (day.year * 12 + day.month - 1) // months


def _label(index: int, by: str) -> str:
    months = {"year": 12, "quarter": 3, "month": 1}[by]
    first = index * months
    return period_of(dt.date(first // 12, first % 12 + 1, 1), by)


def periods_between(first: dt.date, last: dt.date, by: str) -> tuple[str, ...]:
    """Every period from the one holding ``first`` to the one holding ``last``, in order, none left out."""
    return tuple(_label(i, by) for i in range(_index(first, by), _index(last, by) + 1))


# --- the timeline --------------------------------------------------------------------------------------------


def involves(event: Event, iri: str) -> bool:
    """Whether ``iri`` takes part in the event: as a participant, or as a country the event involves (as in
    the actors view of :mod:`kg.network`, where such a country takes part with the role *involved*)."""
    return iri in event.countries or any(p.agent == iri for p in event.participants)


def kind_of(event: Event) -> str:
    """The kind an event is counted under: its most specific kind, or the kinds its sources give, joined
    with ``|`` (``official-visit|working-visit``), so that every event is counted once."""
    return "|".join(sorted(event.kinds)) or "event"


def kind_label(kind: str, lang: str) -> str:
    """A kind's label in ``lang`` (English where it has none); kinds joined by ``|`` are joined by `` / ``."""
    labels = _kind_labels()
    return " / ".join(pick_text(labels.get(k, ()), lang) or k for k in kind.split("|"))


@cache
def _kind_labels() -> dict[str, tuple[Literal, ...]]:
    g = ontology_graph()
    return {
        k.id: tuple(o for o in g.objects(k.cls, RDFS.label) if isinstance(o, Literal))
        for k in vocabulary().kinds["event"].values()
    }


def _resolved(store: Store, text: str, view: str, lang: str) -> str:
    return resolve(store, text, expect="country" if view == "countries" else "agent", lang=lang)


def timeline(
    store: Store,
    a: str,
    b: str,
    by: str = "year",
    filters: Filters | None = None,
    view: str = "countries",
    lang: str = "en",
) -> Timeline:
    """The interactions of ``a`` and ``b`` (an id, code, IRI or name each, as :func:`kg.identify.resolve`
    reads it: countries in the countries view, any agent in the actors view) per ``by`` period and kind,
    among the events ``filters`` keep (:mod:`kg.filters`), counted by :data:`PERIOD_RULE`."""
    by, view = by.lower(), view.lower()
    if by not in BY:
        raise UsageError(f"cannot count per {by}", about=option("by"), value=by, allowed=BY)
    if view not in VIEWS:
        raise UsageError(f"timeline has no {view} view", about=option("view"), value=view, allowed=VIEWS)
    checked = (filters or Filters()).checked(store)
    first, second = _resolved(store, a, view, lang), _resolved(store, b, view, lang)
    if first == second:
        raise UsageError(
            f"A and B name the same {'country' if view == 'countries' else 'actor'} ({iris.local_id(first)}): "
            "give two different ones"
        )
    untimed = Filters(countries=checked.countries, kinds=checked.kinds)
    pair = {e: ev for e, ev in kept_events(store, untimed).items() if involves(ev, first) and involves(ev, second)}
    undated = tuple(sorted(ev.id for ev in pair.values() if not ev.dated))
    kept = [ev for ev in pair.values() if ev.dated and checked.keeps(ev)]

    start = dates.first_day(checked.date_from) if checked.date_from else None
    if start is None and kept:
        start = min(dates.first_day(ev.lo) if ev.lo else dates.first_day(ev.hi or "") for ev in kept)
    placed: dict[str, list[Event]] = {}
    spanning = []
    for ev in sorted(kept, key=lambda e: e.id):
        assert start is not None
        anchor = max(dates.first_day(ev.lo), start) if ev.lo else start
        placed.setdefault(period_of(anchor, by), []).append(ev)
        if (
            ev.lo is None
            or ev.hi is None
            or period_of(dates.first_day(ev.lo), by) != period_of(dates.last_day(ev.hi), by)
        ):
            spanning.append(ev.id)
    end = dates.last_day(checked.date_to) if checked.date_to else None
    if end is None and placed:
        end = max(_first_of(p, by) for p in placed)
    periods = periods_between(start, end, by) if start is not None and end is not None else ()

    counts = Counter(kind_of(ev) for evs in placed.values() for ev in evs)
    kinds = tuple(sorted(counts, key=lambda k: (-counts[k], k)))
    cells = tuple(_cell(p, k, [ev for ev in placed.get(p, []) if kind_of(ev) == k]) for p in periods for k in kinds)
    totals = tuple(_cell(p, "", placed.get(p, [])) for p in periods)
    unscored = tuple(sorted(ev.id for ev in kept if goldstein.of_codes(ev.cameo) is None))
    labels = labels_of(store, lang, [first, second])
    names = {first: labels.get(first) or iris.local_id(first), second: labels.get(second) or iris.local_id(second)}
    names.update({k: kind_label(k, lang) for k in kinds})
    empty = None
    if not kept:
        empty = why_empty(store, checked) or (
            f"{names[first]} and {names[second]} share no dated event"
            + (" in the window" if checked.date_from or checked.date_to else "")
        )
    return Timeline(
        first,
        second,
        names,
        by,
        checked.date_from,
        checked.date_to,
        periods,
        kinds,
        cells,
        totals,
        undated=undated,
        unscored=unscored,
        spanning=tuple(spanning),
        empty_because=empty,
        lang=lang,
    )


def _first_of(period: str, by: str) -> dt.date:
    year = int(period[:4])
    if by == "year":
        return dt.date(year, 1, 1)
    if by == "quarter":
        return dt.date(year, (int(period[-1]) - 1) * 3 + 1, 1)
    return dt.date(year, int(period[5:7]), 1)


def _cell(period: str, kind: str, events: Iterable[Event]) -> Cell:
    evs = sorted(events, key=lambda e: e.id)
    values = [v for ev in evs if (v := goldstein.of_codes(ev.cameo)) is not None]
    total = round(float(sum(values)), 6)
    mean = round(total / len(values), 6) if values else None
    return Cell(period, kind, len(evs), tuple(ev.id for ev in evs), mean, total, len(values))
