"""The RDF graph as networkx graphs: building the views (what links to what), shared by ``kg viz`` and analysis.

Node keys are IRIs (strings). Three views of the events (:mod:`kg.events`) in the store:

- :func:`build_actors` (``nx.Graph``): people, organisations and countries linked when they shared an
  event; edge ``events`` (event IRIs), ``roles`` (``{event: {agent: role id}}``), ``weight`` (how many).
  A country an event involves takes part with the role ``involved`` unless it has a role of its own.
- :func:`build_events` (``nx.Graph``): events between their participants, documents, places and
  countries, and other events; edge ``relations`` (``["host"]``, ``["signed"]``, ``["part of"]``…).
- :func:`build_countries` (``nx.MultiGraph``, edge keys ``"bilateral"`` and ``"multilateral"``, kept
  apart): countries linked by the events they share; ``count`` events, ``weight`` where a multilateral
  event of n countries adds 1/(n-1) to each pair, so it weighs as much per country as one bilateral event.

:func:`query_graph` draws a query result (CONSTRUCT triples, or SELECT rows read as edges).
:func:`view_graph` (or :func:`actors_graph`, :func:`events_graph`, :func:`countries_graph`) checks the
options, builds a view and describes its nodes for people (:func:`kg.describe.describe`: labels, groups,
kinds, dates, posts, sources).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import BNode, Literal, URIRef

from kg import iris
from kg.describe import describe, name_nodes
from kg.errors import UsageError, option
from kg.events import events_of
from kg.filters import NO_FILTERS, Filters, kept_events
from kg.labels import check_language
from kg.queries import Result
from kg.store import Store

VIEWS = ("actors", "events", "countries")
INVOLVED = "involved"  # the role of a country an event involves without naming it a participant


def build_actors(store: Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """People, organisations and countries, linked through the events they shared."""
    events = kept_events(store, filters)
    G = nx.Graph(view="actors", event_nodes=sorted(events))
    for e, ev in events.items():  # events by IRI, so each edge's events come sorted
        roles = dict.fromkeys(sorted(ev.countries), INVOLVED) | ev.roles()
        agents = sorted(roles)
        G.add_nodes_from(agents)  # in the order of the events: the pages' layouts start from it
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                data = G.get_edge_data(a, b)
                if data is None:
                    G.add_edge(a, b, events=[], roles={}, weight=0, count=0)
                    data = G[a][b]
                data["events"].append(e)
                data["roles"][e] = {a: roles[a], b: roles[b]}
                data["weight"] += 1
                data["count"] += 1
    return G


_EVENT_LINKS = {
    "signedDocument": "signed",
    "location": "place",
    "involvesCountry": "involves",
    "subEventOf": "part of",
    "onMarginsOf": "on the margins of",
    "concerns": "concerns",
}


def build_events(store: Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Events as nodes between their participants, documents, places, countries and other events."""
    table = events_of(store)
    events = kept_events(store, filters)
    G = nx.Graph(view="events", event_nodes=sorted(events))
    G.add_nodes_from(sorted(events))

    def link(e: str, other: str, relation: str) -> None:
        if not G.has_edge(e, other):
            G.add_edge(e, other, relations=[])
        if relation not in G.edges[e, other]["relations"]:
            G.edges[e, other]["relations"].append(relation)

    for e, ev in events.items():
        for p in ev.participants:
            link(e, p.agent, p.role)
    props = ", ".join(f"dkg:{p}" for p in _EVENT_LINKS)
    for r in store.select(
        f"SELECT DISTINCT ?e ?p ?x WHERE {{ ?e a dkg:DiplomaticEvent ; ?p ?x FILTER(?p IN ({props})) }}"
    ):
        e, x = str(r["e"]), str(r["x"])
        if e in events and (x in events or x not in table):  # an event the filters leave out stays out
            link(e, x, _EVENT_LINKS[iris.shorten(str(r["p"])).removeprefix("dkg:")])
    for *_, d in G.edges(data=True):
        if "on the margins of" in d["relations"]:  # the mapping states part of too; the narrower one says it
            d["relations"] = [r for r in d["relations"] if r != "part of"]
        d["relations"].sort()
    return G


def build_countries(store: Store, filters: Filters = NO_FILTERS) -> nx.MultiGraph:
    """Countries linked by the events they share; bilateral and multilateral edges kept apart."""
    events = kept_events(store, filters)
    G = nx.MultiGraph(view="countries", event_nodes=sorted(events))
    for e, ev in events.items():
        agents = {p.agent for p in ev.participants if (iris.parse(p.agent) or iris.Parsed("", "")).kind == "country"}
        countries = sorted(ev.countries | agents)
        G.add_nodes_from(countries)
        key = "bilateral" if len(countries) == 2 else "multilateral"
        for i, a in enumerate(countries):
            for b in countries[i + 1 :]:
                if not G.has_edge(a, b, key):
                    G.add_edge(a, b, key, events=[], count=0, weight=0.0)
                data = G.edges[a, b, key]
                data["events"].append(e)
                data["count"] += 1
                data["weight"] = round(data["weight"] + 1 / (len(countries) - 1), 6)
    return G


_BUILDERS = {"actors": build_actors, "events": build_events, "countries": build_countries}


def check_view(view: str) -> str:
    key = view.strip().lower()
    if key not in _BUILDERS:
        raise UsageError(f"unknown view '{view}'", about=option("view"), value=view, allowed=VIEWS)
    return key


def view_graph(store: Store, view: str, filters: Filters = NO_FILTERS, lang: str = "en") -> nx.Graph:
    """The graph of a view, after checking its options, with its nodes described in ``lang``."""
    G = _BUILDERS[check_view(view)](store, filters.checked(store))
    return describe(G, store, check_language(lang))


def named_view(store: Store, view: str, filters: Filters = NO_FILTERS, lang: str = "en") -> nx.Graph:
    """The graph of a view with its nodes named only (:func:`kg.describe.name_nodes`: ids, labels, groups,
    kinds), for the analyses, which print no events, sources or posts (a third of the time at 10k events)."""
    G = _BUILDERS[check_view(view)](store, filters.checked(store))
    return name_nodes(G, store, check_language(lang))


def actors_graph(store: Store, filters: Filters = NO_FILTERS, lang: str = "en") -> nx.Graph:
    """The actors view, described (see :func:`build_actors`)."""
    return view_graph(store, "actors", filters, lang)


def events_graph(store: Store, filters: Filters = NO_FILTERS, lang: str = "en") -> nx.Graph:
    """The events view, described (see :func:`build_events`)."""
    return view_graph(store, "events", filters, lang)


def countries_graph(store: Store, filters: Filters = NO_FILTERS, lang: str = "en") -> nx.MultiGraph:
    """The countries view, described (see :func:`build_countries`)."""
    return view_graph(store, "countries", filters, lang)


def query_graph(store: Store, result: Result, lang: str = "en") -> nx.DiGraph:
    """A query's result as a graph: CONSTRUCT/DESCRIBE triples (IRI objects become edges named by their
    property; rdf:type and literal objects describe the subject), or SELECT rows as edges: ``?source
    ?target`` or ``?from ?to`` (else the first two variables), optional ``?label``. Literal ends become
    nodes keyed by their quoted text."""
    lang = check_language(lang)
    G = nx.DiGraph(view="query")
    facts: dict[str, set[str]] = defaultdict(set)

    def link(a: str, b: str, relation: str) -> None:
        if not G.has_edge(a, b):
            G.add_edge(a, b, relations=[])
        if relation and relation not in G.edges[a, b]["relations"]:
            G.edges[a, b]["relations"].append(relation)

    if result.form == "select":
        names = result.variables
        ends = next((list(p) for p in (("source", "target"), ("from", "to")) if set(p) <= set(names)), names[:2])
        if len(ends) < 2:
            raise UsageError("a SELECT query needs two columns (?source ?target) to draw edges", about=option("query"))
        for row in result.rows:
            if ends[0] in row and ends[1] in row:
                label = row.get("label")
                link(_node_key(row[ends[0]]), _node_key(row[ends[1]]), str(label) if label is not None else "")
    elif result.form == "graph":
        for s, p, o in result.triples:
            prop = iris.compact(str(p))
            if isinstance(o, Literal) or prop == "rdf:type":
                G.add_node(_node_key(s))
                facts[_node_key(s)].add(f"{prop}: {iris.compact(str(o))}")
            else:
                link(_node_key(s), _node_key(o), prop)
    else:
        raise UsageError(
            "an ASK query has no graph to draw; use CONSTRUCT, or SELECT ?source ?target", about=option("query")
        )
    G.graph["event_nodes"] = sorted(n for n in G if n in events_of(store))
    for n in G:
        if n.startswith('"'):
            G.nodes[n]["label"] = G.nodes[n]["id"] = n[1:-1]
    describe(G, store, lang)
    for n, found in facts.items():
        G.nodes[n]["facts"] = sorted(found)
    for *_, d in G.edges(data=True):
        d["relations"].sort()
    return G


def _node_key(term: object) -> str:
    if isinstance(term, Literal):
        return f'"{term}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(URIRef(str(term)))


def ego(G: nx.Graph, centre: str, hops: int) -> nx.Graph:
    """The nodes within ``hops`` links of ``centre`` (a node of G; either direction), with the edges between them."""
    if hops < 0:
        raise UsageError("the number of hops must be 0 or more", about=option("hops"), value=str(hops))
    if centre not in G:
        raise UsageError(
            f"{iris.local_id(centre)} is not in the {G.graph.get('view', 'drawn')} graph",
            about=option("ego"),
            value=iris.local_id(centre),
        )
    sub = nx.ego_graph(G, centre, radius=hops, undirected=True).copy()
    sub.graph.update(G.graph, ego=centre, hops=hops)
    return sub
