"""Which events a view, a table or an analysis takes: countries, a time window, kinds — one rule for all.

The time rule (data/README.md): an event counts in a window when the span its dates allow may overlap it;
a missing bound leaves the span open; an undated event is left out of any time-filtered answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg import dates, iris
from kg.errors import UsageError, option
from kg.events import Event, empty_window, events_of
from kg.fuzzy import closest
from kg.store import Store
from kg.vocab import vocabulary


@dataclass(frozen=True)
class Filters:
    """Which events a view draws: those involving any of ``countries`` (alpha-3), that may fall in
    [``date_from``, ``date_to``] (any precision, inclusive; the rule of :meth:`kg.events.Event.may_fall_in`:
    uncertain dates count when their bounds overlap the window, a missing bound leaves the span open on
    that side, undated events are left out), of any of ``kinds`` (as in ``data/``, with sub-kinds)."""

    countries: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    kinds: tuple[str, ...] = ()

    def checked(self, store: Store) -> Filters:
        """The same filters, normalised; UsageError for an unknown kind or country or a bad date."""
        kinds = tuple(vocabulary().event_kind(kind).id for kind in self.kinds)
        known = {str(r["c"]) for r in store.select("SELECT ?c WHERE { ?x dkg:countryCode ?c }")}
        codes = tuple(c.strip().upper() for c in self.countries)
        for code in codes:
            if code not in known:
                raise UsageError(
                    f"unknown country code '{code}'", about=option("country"), value=code, closest=closest(code, known)
                )
        bounds: list[str | None] = []
        for name, value in (("date_from", self.date_from), ("date_to", self.date_to)):
            try:
                bounds.append(dates.normalise(value) if value is not None else None)
            except dates.BadDate as exc:
                raise UsageError(str(exc), about=option(name), value=value) from None
        lo, hi = bounds
        if lo and hi and dates.first_day(lo) > dates.last_day(hi):
            raise UsageError(f"the window starts ({lo}) after it ends ({hi})", about=option("date_from"), value=lo)
        return Filters(codes, lo, hi, kinds)

    def keeps(self, event: Event) -> bool:
        if self.kinds and not set(self.kinds) & event.kind_ids:
            return False
        if self.countries and not {str(iris.country(c)) for c in self.countries} & event.countries:
            return False
        if self.date_from or self.date_to:
            return event.may_fall_in(self.date_from, self.date_to)
        return True

    @property
    def empty(self) -> bool:
        return self == Filters()


def why_empty(store: Store, filters: Filters) -> str | None:
    """Why the filters keep no event, when a likely cause is known (None when some event is kept)."""
    events = events_of(store)
    if not events:
        return "the data holds no events"
    if any(filters.keeps(ev) for ev in events.values()):
        return None
    reasons = []
    if filters.date_from or filters.date_to:
        reason = empty_window(store, filters.date_from, filters.date_to)
        if reason:
            reasons.append(reason)
    for name, alone in (("countries", Filters(countries=filters.countries)), ("kinds", Filters(kinds=filters.kinds))):
        if getattr(filters, name) and not any(alone.keeps(ev) for ev in events.values()):
            reasons.append(f"no event has any of the {name} {', '.join(getattr(filters, name))}")
    return "; ".join(reasons) or "no event meets all the filters together"


def kept_events(store: Store, filters: Filters) -> dict[str, Event]:
    return {e: ev for e, ev in events_of(store).items() if filters.keeps(ev)}


NO_FILTERS = Filters()  # every event: the default of every view
