"""The strongest relationships of a view: pairs of countries or actors, by the events they share.

A tie is an unordered pair with every event both take part in (the edges of :mod:`kg.network`'s
countries or actors view), its ``weight`` as the view counts it (countries: an event of n countries adds
1/(n-1) to each pair; actors: one per event), the events by kind, the first and last date they may fall
on, their sources, and a direction where the roles give one: a visitor or a guest goes to the host
(:data:`DIRECTED`). Other roles (signatory and signatory, participants of a summit) link the pair both
ways and add to no direction. In the countries view a participant stands for the country of the post it
acted in (``post: president-aze``), else its own: a country itself, a person's nationality, an
organisation's country.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from kg import dates, iris
from kg.analytics.measures import node_id, simple
from kg.errors import UsageError, option
from kg.events import Event, events_of
from kg.filters import NO_FILTERS, Filters
from kg.network import named_view
from kg.store import Store

DIRECTED = {"visitor": "host", "guest": "host"}  # a role → the role it goes to
TIE_VIEWS = ("countries", "actors")


@dataclass(frozen=True)
class Tie:
    """Two nodes (``a`` before ``b`` by id) and what links them; ``a_to_b``: events where a's side visited
    or was the guest of b's side."""

    a: str  # IRI
    a_id: str
    a_label: str
    b: str
    b_id: str
    b_label: str
    events: int
    weight: float
    kinds: tuple[tuple[str, int], ...]  # (kind id, events), most events first, then by id
    a_to_b: int
    b_to_a: int
    first: str | None  # the first date an event of the pair may fall on, as written; None when none is dated
    last: str | None
    event_iris: tuple[str, ...]  # sorted
    sources: tuple[str, ...]  # IRIs, sorted

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(iris.local_id(e) for e in self.event_iris)

    @property
    def directed(self) -> bool:
        return bool(self.a_to_b or self.b_to_a)


def _countries_of(store: Store) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Agent → its countries (a country itself, a person's nationality, an organisation's country), and
    post → the country of its organisation."""
    agents: dict[str, set[str]] = defaultdict(set)
    posts: dict[str, set[str]] = defaultdict(set)
    for a, c in store.select_values(
        "SELECT DISTINCT ?a ?c WHERE { { ?a dkg:nationality ?c } UNION { ?a a dkg:Organisation ; dkg:country ?c } "
        "?c dkg:countryCode ?code }"
    ):
        agents[str(a)].add(str(c))
    for post, c in store.select_values(
        "SELECT DISTINCT ?p ?c WHERE { ?p dkg:postIn ?o . ?o dkg:country ?c . ?c dkg:countryCode ?code }"
    ):
        posts[str(post)].add(str(c))
    return agents, posts


def _directions(ev: Event, side: dict[tuple[str, str | None], set[str]]) -> set[tuple[str, str]]:
    """(from, to) pairs of the event: each visitor or guest (or its country) towards each host."""
    found = set()
    for p in ev.participants:
        goal = DIRECTED.get(p.role)
        if goal is None:
            continue
        for q in ev.participants:
            if q.role == goal:
                found |= {(x, y) for x in side[p.agent, p.post] for y in side[q.agent, q.post] if x != y}
    return found


def _span(events: list[Event]) -> tuple[str | None, str | None]:
    los = [ev.lo for ev in events if ev.dated and ev.lo is not None]
    his = [ev.hi for ev in events if ev.dated and ev.hi is not None]
    return (min(los, key=dates.first_day) if los else None, max(his, key=dates.last_day) if his else None)


def ties_of(G: nx.Graph, store: Store, top: int | None = None) -> list[Tie]:
    """The ties of a countries or actors view G (of :func:`kg.network.named_view`), strongest first: by
    weight, then events, then the ids of the pair."""
    H = simple(G)
    table = events_of(store)
    countries_view = G.graph.get("view") == "countries"
    agents, posts = _countries_of(store) if countries_view else ({}, {})

    def side_of(agent: str, post: str | None) -> set[str]:
        if not countries_view:
            return {agent}
        if (iris.parse(agent) or iris.Parsed("", "")).kind == "country":
            return {agent}
        return (posts.get(post, set()) if post else set()) or agents.get(agent, set())

    directions: dict[str, set[tuple[str, str]]] = {}  # per event, worked out once
    names = {n: (str(d.get("id") or node_id(n)), n, str(d.get("label") or "")) for n, d in H.nodes(data=True)}
    out = []
    for u, v, d in H.edges(data=True):
        (a_id, a, a_label), (b_id, b, b_label) = sorted((names[u], names[v]))
        events = [table[e] for e in d["events"]]
        kinds = Counter(k for ev in events for k in ev.kinds)
        a_to_b = b_to_a = 0
        for ev in events:
            if ev.iri not in directions:
                side = {(p.agent, p.post): side_of(p.agent, p.post) for p in ev.participants}
                directions[ev.iri] = _directions(ev, side)
            a_to_b += (a, b) in directions[ev.iri]
            b_to_a += (b, a) in directions[ev.iri]
        first, last = _span(events)
        out.append(
            Tie(
                a,
                a_id,
                a_label or a_id,
                b,
                b_id,
                b_label or b_id,
                len(events),
                float(d["weight"]),
                tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
                a_to_b,
                b_to_a,
                first,
                last,
                tuple(sorted(d["events"])),
                tuple(sorted({s for ev in events for s in ev.sources})),
            )
        )
    out.sort(key=lambda t: (-t.weight, -t.events, t.a_id, t.b_id))
    return out[:top] if top is not None else out


def ties(
    store: Store, filters: Filters = NO_FILTERS, view: str = "countries", top: int | None = None, lang: str = "en"
) -> list[Tie]:
    """The strongest ties of the countries or actors ``view`` of the events ``filters`` keep (see
    :func:`ties_of`), labelled in ``lang``."""
    return ties_of(named_view(store, check_tie_view(view), filters, lang), store, top)


def check_tie_view(view: str) -> str:
    key = view.strip().lower()
    if key not in TIE_VIEWS:
        raise UsageError(f"unknown view '{view}'", about=option("view"), value=view, allowed=TIE_VIEWS)
    return key
