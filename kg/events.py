"""The events of a graph as typed records, read from the store once and shared by every view.

Network views, the CSV export and (later) the analytics all start from :func:`events_of`, so an event's
kinds, countries, participants, dates and sources are read in one place. Records are cached per store
(and per state of the store), so drawing several views of one graph reads the events once.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg import dates, iris
from kg.labels import pick_text
from kg.namespaces import DKG
from kg.store import Store
from kg.vocab import vocabulary

_DATE_PROPS = {
    str(DKG.startDate): "starts",
    str(DKG.endDate): "ends",
    str(DKG.earliestDate): "earliest",
    str(DKG.latestDate): "latest",
}


@dataclass(frozen=True)
class Participant:
    agent: str  # IRI
    role: str  # role id: "host"
    post: str | None = None  # IRI of the post the agent acted in


@dataclass(frozen=True)
class Event:
    """One event as the graph states it; several values where sources disagree (kinds, dates). Its span
    (``lo``, ``hi``) and reading of its dates are worked out once, on first use: filters ask for them often."""

    iri: str
    kinds: tuple[str, ...]  # its most specific kind ids: ("state-visit",)
    kind_ids: frozenset[str]  # those and every broader kind: {"state-visit", "visit", "event"}
    labels: tuple[Literal, ...]
    countries: frozenset[str]  # IRIs of the countries it involves
    participants: tuple[Participant, ...]  # sorted by agent, role
    sources: tuple[str, ...]  # IRIs, sorted
    starts: tuple[str, ...] = ()  # dates as written (lexical forms), sorted
    ends: tuple[str, ...] = ()
    earliest: tuple[str, ...] = ()
    latest: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # IRIs
    cameo: tuple[str, ...] = ()  # codes: ("042",)

    @property
    def id(self) -> str:
        return iris.local_id(self.iri)

    def label(self, lang: str = "en") -> str:
        return pick_text(self.labels, lang) or self.id

    @cached_property
    def lo(self) -> str | None:
        """The first date the event may start on, over every source's claim (the widest span); None when
        no start or earliest bound is given: the span is open towards the past."""
        starts = sorted({*self.starts, *self.earliest}, key=dates.first_day)
        return starts[0] if starts else None

    @cached_property
    def hi(self) -> str | None:
        """The last date the event may end on; None when the span is open towards the future: no end or
        latest bound is given and some source gives only an earliest bound (a start alone is the event's
        date, at the precision written)."""
        ends = sorted({*self.ends, *self.latest}, key=dates.last_day)
        if ends:
            return ends[-1]
        if self.earliest:
            return None
        return max(self.starts, key=dates.last_day) if self.starts else None

    @cached_property
    def dated(self) -> bool:
        """False only for an event with none of the four dates: it has no span, so no time window holds it."""
        return bool(self.starts or self.ends or self.earliest or self.latest)

    def may_fall_in(self, start: str | None, end: str | None) -> bool:
        """The one rule of every time filter: the span the dates allow may overlap the window [start, end]
        (either side of the window may be open, as may either side of the span); undated events never do."""
        if not self.dated:
            return False
        if start and self.hi is not None and dates.last_day(self.hi) < dates.first_day(start):
            return False
        return not (end and self.lo is not None and dates.first_day(self.lo) > dates.last_day(end))

    @cached_property
    def dates(self) -> str:
        """The dates for reading: ``2023-08-22``; ``start – end``; bounds as ``earliest..latest`` with an open
        side left empty (``2024-06..``, ``..2024-06``); ``/`` between conflicting claims; ``undated``."""
        if not self.dated:
            return "undated"
        said = []
        starts, ends = sorted(self.starts, key=dates.first_day), sorted(self.ends, key=dates.last_day)
        if starts or ends:
            same = starts == ends and len(starts) == 1
            said.append(starts[0] if same else f"{' / '.join(starts) or '?'} – {' / '.join(ends) or '?'}")
        if self.earliest or self.latest:
            lo = " / ".join(sorted(self.earliest, key=dates.first_day))
            said.append(f"{lo}..{' / '.join(sorted(self.latest, key=dates.last_day))}")
        return " or ".join(said)

    def roles(self) -> dict[str, str]:
        """Agent IRI → its roles at the event, joined: ``{"…/person/a": "host"}``."""
        found: dict[str, set[str]] = defaultdict(set)
        for p in self.participants:
            found[p.agent].add(p.role)
        return {a: ", ".join(sorted(rs)) for a, rs in sorted(found.items())}


_LABELS = "SELECT DISTINCT ?e ?l WHERE { ?e a dkg:DiplomaticEvent ; rdfs:label ?l }"
_FIELDS = {"countries": DKG.involvesCountry, "sources": DCTERMS.source, "places": DKG.location, "cameo": DKG.cameo}


_CACHE: weakref.WeakKeyDictionary[Store, tuple[int, dict[str, Event]]] = weakref.WeakKeyDictionary()


def events_of(store: Store) -> dict[str, Event]:
    """Every event of the store by IRI, sorted by IRI; read once per state of the store."""
    cached = _CACHE.get(store)
    if cached is not None and cached[0] == store.generation:
        return cached[1]
    fields: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(set))
    vocab = vocabulary()
    # index scans of the default graph (see Store.pairs), each statement kept when its subject is an event
    types = store.pairs(str(RDF.type))
    kept = {e for e, t in types if t == str(DKG.DiplomaticEvent)}
    for e, t in types:
        if e in kept:
            fields[e]["classes"].add(t)
    for r in store.select(_LABELS):
        if isinstance(r["l"], Literal):
            fields[str(r["e"])]["labels"].add(r["l"])
    for name, prop in _FIELDS.items():
        for e, value in store.pairs(str(prop)):
            if e in kept:
                fields[e][name].add(iris.local_id(value) if name == "cameo" else value)
    agents, roles, posts = (_by_subject(store, prop) for prop in (DKG.agent, DKG.role, DKG.inPost))
    role_ids = {r: iris.local_id(r) for rs in roles.values() for r in rs}  # a few roles, many participations
    for e, q in store.pairs(str(DKG.qualifiedParticipation)):
        if e in kept:
            fields[e]["participants"].update(
                Participant(a, role_ids[r], post)
                for a in agents.get(q, ())
                for r in roles.get(q, ())
                for post in posts.get(q) or (None,)
            )
    for date_prop, field in _DATE_PROPS.items():
        for e, d in store.pairs(date_prop):
            if e in kept:
                fields[e][field].add(d)
    events = {}
    typed: dict[frozenset[str], tuple[tuple[str, ...], frozenset[str]]] = {}  # few sets of classes, many events
    for e in sorted(fields):
        f = fields[e]
        classes = frozenset(f["classes"])
        if classes not in typed:
            kinds = vocab.most_specific(set(classes))
            all_kinds = {k.id for c in classes if (k := vocab.kind_of_class(c)) and k.section == "event"}
            typed[classes] = (tuple(k.id for k in kinds if k.section == "event"), frozenset(all_kinds))
        events[e] = Event(
            iri=e,
            kinds=typed[classes][0],
            kind_ids=typed[classes][1],
            labels=tuple(sorted(f["labels"], key=lambda lit: (lit.language or "", str(lit)))),
            countries=frozenset(f["countries"]),
            participants=tuple(sorted(f["participants"], key=lambda p: (p.agent, p.role, p.post or ""))),
            sources=tuple(sorted(f["sources"])),
            starts=tuple(sorted(f["starts"])),
            ends=tuple(sorted(f["ends"])),
            earliest=tuple(sorted(f["earliest"])),
            latest=tuple(sorted(f["latest"])),
            places=tuple(sorted(f["places"])),
            cameo=tuple(sorted(f["cameo"])),
        )
    _CACHE[store] = (store.generation, events)
    return events


def _by_subject(store: Store, predicate: URIRef) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for a, b in store.pairs(str(predicate)):
        found[a].append(b)
    return found


def span(events: dict[str, Event]) -> tuple[str | None, str | None] | None:
    """The first and last date any dated event may fall on, as written; a side is None when some event's
    span is open on it (None when no event is dated)."""
    dated = [ev for ev in events.values() if ev.dated]
    if not dated:
        return None
    los, his = [ev.lo for ev in dated], [ev.hi for ev in dated]
    lo = None if None in los else min((x for x in los if x), key=dates.first_day)
    hi = None if None in his else max((x for x in his if x), key=dates.last_day)
    return lo, hi


def empty_window(store: Store, start: str | None, end: str | None) -> str | None:
    """Why a time window holds no event, said one way for every command: None when some event may fall
    in it (:meth:`Event.may_fall_in`: open bounds extend the span; undated events fall in no window)."""
    events = events_of(store)
    if any(ev.may_fall_in(start, end) for ev in events.values()):
        return None
    window = (
        f"between {start} and {end}" if start and end else f"on or after {start}" if start else f"on or before {end}"
    )
    found = span(events)
    if found is None:
        return f"no event falls {window}: no event of the data has a date"
    lo, hi = found
    run = (
        f"from {lo} to {hi}"
        if lo and hi
        else f"up to {hi}"
        if hi
        else f"from {lo} on"
        if lo
        else "with open bounds on both sides"
    )
    undated = sum(not ev.dated for ev in events.values())
    note = f" ({undated} undated {'event falls' if undated == 1 else 'events fall'} in no window)" if undated else ""
    return f"no event falls {window}: the events of the data run {run}{note}"
