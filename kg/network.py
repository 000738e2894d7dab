"""The RDF graph as networkx graphs: one conversion, shared by ``kg viz`` and the analytics.

Node keys are IRIs (strings). Three views of the events in the store:

- :func:`actors_graph` (``nx.Graph``): people, organisations and countries linked when they shared an
  event; edge ``events`` (event IRIs), ``roles`` (``{event: {agent: role}}``), ``weight`` (how many).
  A country an event involves takes part with the role ``involved`` unless it has a role of its own.
- :func:`events_graph` (``nx.Graph``): events between their participants, documents, places and
  countries, and other events; edge ``relations`` (``["host"]``, ``["signed"]``, ``["part of"]``…).
- :func:`countries_graph` (``nx.MultiGraph``, edge keys ``"bilateral"`` and ``"multilateral"``, kept
  apart): countries linked by the events they share; ``count`` events, ``weight`` where a multilateral
  event of n countries adds 1/(n-1) to each pair, so it weighs as much per country as one bilateral event.

:func:`query_graph` draws a CONSTRUCT result, or SELECT rows read as edges.

Every node has ``id`` (as written in ``data/``), ``label`` (in the chosen language, else English),
``labels`` (every name and variant), ``group`` (person, organisation, country, event, document, place,
post, source, other) and ``kinds`` (its most specific classes, labelled). Events also have ``dates``
(as written), ``lo``/``hi`` (the first and last day they may cover) and ``sources``; people ``posts``.
``G.graph`` holds ``view``, ``lang``, ``events`` (every event an edge refers to) and ``sources``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rapidfuzz import process
from rdflib import BNode, Literal, URIRef

from kg import dates
from kg.errors import UsageError
from kg.mapping import EVENT_CLASSES
from kg.namespaces import ID_BASE, PREFIXES
from kg.store import Store, from_ox

VIEWS = ("actors", "events", "countries")
LANGUAGES = ("en", "az", "ru", "uz")
GROUPS = {  # the class that puts a node in a group, most telling first
    "event": "DiplomaticEvent",
    "person": "Person",
    "country": "Country",
    "organisation": "Organisation",
    "document": "Document",
    "place": "Place",
    "post": "Post",
    "source": "Source",
}
_DKG = PREFIXES["dkg"]
_KIND_OF_CLASS = {str(cls): kind for kind, cls in EVENT_CLASSES.items()}
_DATE_PROPS = ("startDate", "endDate", "earliestDate", "latestDate")


@dataclass(frozen=True)
class Filters:
    """Which events a view draws: those involving any of ``countries`` (alpha-3), that may fall in
    [``date_from``, ``date_to``] (any precision, inclusive; uncertain dates count when their bounds
    overlap the window; undated events do not), of any of ``kinds`` (as in ``data/``, with sub-kinds)."""

    countries: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    kinds: tuple[str, ...] = ()

    def checked(self, store: Store) -> Filters:
        """The same filters, normalised; UsageError for an unknown kind or country or a bad date."""
        for kind in self.kinds:
            if kind not in EVENT_CLASSES:
                raise UsageError(f"unknown event kind '{kind}'{closest(kind, EVENT_CLASSES)}")
        known = {str(r["c"]) for r in store.select("SELECT ?c WHERE { ?x dkg:countryCode ?c }")}
        codes = tuple(c.upper() for c in self.countries)
        for code in codes:
            if code not in known:
                raise UsageError(f"unknown country code '{code}'{closest(code, known)}")
        bounds: list[str | None] = []
        for name, value in (("--from", self.date_from), ("--to", self.date_to)):
            try:
                bounds.append(dates.normalise(value) if value is not None else None)
            except dates.BadDate as exc:
                raise UsageError(f"{name}: {exc}") from None
        lo, hi = bounds
        if lo and hi and dates.first_day(lo) > dates.last_day(hi):
            raise UsageError(f"--from {lo} is after --to {hi}")
        return Filters(codes, lo, hi, self.kinds)

    def keeps(self, event: dict[str, Any]) -> bool:
        if self.kinds and not set(self.kinds) & event["kind_ids"]:
            return False
        if self.countries and not {ID_BASE + "country/" + c for c in self.countries} & event["countries"]:
            return False
        if self.date_from or self.date_to:
            return event["lo"] is not None and dates.overlaps(event["lo"], event["hi"], self.date_from, self.date_to)
        return True


def closest(word: str, choices: Iterable[str]) -> str:
    """'; did you mean a, b?' for the closest choices, or the list of choices when none is close."""
    options = sorted(choices)
    found = [m[0] for m in process.extract(word, options, limit=3, score_cutoff=60)]
    if found:
        return f"; did you mean {', '.join(found)}?"
    return f"; use one of: {', '.join(options)}" if len(options) <= 30 else ""


def short_id(node: str) -> str:
    """A node's id as written in ``data/``: a slug, an alpha-3 code; other IRIs stay whole."""
    return node.rsplit("/", 1)[1] if node.startswith(ID_BASE) else node


def values(nodes: Iterable[str]) -> str:
    return " ".join(f"<{n}>" for n in nodes if not n.startswith(('"', "_:")))


def _pick(labels: dict[str, str], lang: str, fallback: str) -> str:
    return labels.get(lang) or labels.get("en") or min(labels.items(), default=("", fallback))[1]


def _add_label(found: dict[str, str], label: Any) -> None:
    lang, text = getattr(label, "language", None) or "", str(label)
    found[lang] = min(found.get(lang, text), text)  # the same label whatever order the store answers in


def labels_of(store: Store, nodes: Iterable[Any], lang: str) -> dict[str, str]:
    """One label per node, in ``lang`` if it has one, else English, else any."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    v = values(str(n) for n in nodes)
    for r in store.select(f"SELECT DISTINCT ?x ?l WHERE {{ VALUES ?x {{ {v} }} ?x rdfs:label ?l }}"):
        _add_label(found[str(r["x"])], r["l"])
    return {x: _pick(ls, lang, short_id(x)) for x, ls in found.items()}


def describe(G: nx.Graph, store: Store, lang: str) -> None:
    """Set each node's id, label, labels (all names and variants), group and kinds (most specific classes)."""
    supers: dict[str, set[str]] = defaultdict(set)
    for r in store.select("SELECT ?c ?s WHERE { ?c rdfs:subClassOf+ ?s }"):
        supers[str(r["c"])].add(str(r["s"]))
    class_labels = labels_of(store, (r["c"] for r in store.select("SELECT DISTINCT ?c WHERE { ?x a ?c }")), lang)
    nodes = sorted(G)
    names: dict[str, dict[str, str]] = defaultdict(dict)
    variants: dict[str, set[str]] = defaultdict(set)
    for r in store.select(
        f"SELECT DISTINCT ?x ?p ?l WHERE {{ VALUES ?x {{ {values(nodes)} }} ?x ?p ?l "
        "FILTER(?p IN (rdfs:label, skos:altLabel, skos:hiddenLabel)) }"
    ):
        variants[str(r["x"])].add(str(r["l"]))
        if str(r["p"]).endswith("#label"):
            _add_label(names[str(r["x"])], r["l"])
    types: dict[str, set[str]] = defaultdict(set)
    for r in store.select(f"SELECT DISTINCT ?x ?t WHERE {{ VALUES ?x {{ {values(nodes)} }} ?x a ?t }}"):
        types[str(r["x"])].add(str(r["t"]))
    for n in nodes:
        data, own = G.nodes[n], types[n]
        data.setdefault("id", short_id(n))
        data["label"] = _pick(names[n], lang, data.get("label") or data["id"])
        data["labels"] = sorted(variants[n] | {data["id"], data["label"]})
        data["group"] = next((g for g, c in GROUPS.items() if _DKG + c in own), "other")
        specific = [t for t in own if not any(t in supers[u] for u in own if u != t)]
        data["kinds"] = sorted({class_labels.get(t, t.rsplit("#", 1)[-1]) for t in specific})


def event_table(store: Store, lang: str) -> dict[str, dict[str, Any]]:
    """Every event: kinds (data ids), countries, participants with their roles, dates, sources."""
    events: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "kind_ids": set(),
            "countries": set(),
            "participants": defaultdict(list),
            **{p: [] for p in _DATE_PROPS},
            "sources": [],
        }
    )
    for r in store.select("SELECT DISTINCT ?e ?t WHERE { ?e a dkg:DiplomaticEvent, ?t }"):
        if str(r["t"]) in _KIND_OF_CLASS:
            events[str(r["e"])]["kind_ids"].add(_KIND_OF_CLASS[str(r["t"])])
    for r in store.select("SELECT DISTINCT ?e ?c WHERE { ?e a dkg:DiplomaticEvent ; dkg:involvesCountry ?c }"):
        events[str(r["e"])]["countries"].add(str(r["c"]))
    role_labels = labels_of(store, (r["r"] for r in store.select("SELECT DISTINCT ?r WHERE { ?q dkg:role ?r }")), lang)
    for r in store.select(
        "SELECT DISTINCT ?e ?a ?r WHERE { ?e dkg:qualifiedParticipation ?q . "
        "?q dkg:agent ?a ; dkg:role ?r } ORDER BY ?e ?a ?r"
    ):
        events[str(r["e"])]["participants"][str(r["a"])].append(role_labels.get(str(r["r"]), short_id(str(r["r"]))))
    props = " ".join(f"dkg:{p}" for p in _DATE_PROPS)
    for r in store.select(
        f"SELECT DISTINCT ?e ?p ?d WHERE {{ VALUES ?p {{ {props} }} ?e a dkg:DiplomaticEvent ; ?p ?d }}"
    ):
        events[str(r["e"])][str(r["p"]).removeprefix(_DKG)].append(str(r["d"]))
    for r in store.select("SELECT DISTINCT ?e ?s WHERE { ?e a dkg:DiplomaticEvent ; dcterms:source ?s } ORDER BY ?s"):
        events[str(r["e"])]["sources"].append(str(r["s"]))
    labels = labels_of(store, events, lang)
    for e, info in events.items():
        info["participants"] = {a: ", ".join(sorted(set(rs))) for a, rs in sorted(info["participants"].items())}
        info["label"] = labels.get(e, short_id(e))
        _dates(info)
    return dict(events)


def _dates(info: dict[str, Any]) -> None:
    """``dates`` as written, and ``lo``/``hi``: the widest period the (possibly conflicting) dates allow."""
    starts = sorted(set(info.pop("startDate")) | set(info.pop("earliestDate")), key=dates.first_day)
    ends = sorted(set(info.pop("endDate")) | set(info.pop("latestDate")), key=dates.last_day)
    info["lo"] = starts[0] if starts else (ends[0] if ends else None)
    info["hi"] = ends[-1] if ends else (starts[-1] if starts else None)
    if not starts and not ends:
        info["dates"] = ""
    elif starts == ends and len(starts) == 1:
        info["dates"] = starts[0]
    else:
        info["dates"] = f"{' / '.join(starts) or '?'} – {' / '.join(ends) or '?'}"


def _finish(G: nx.Graph, store: Store, lang: str, events: dict[str, dict[str, Any]]) -> nx.Graph:
    """Describe the nodes; attach events, sources and people's posts."""
    describe(G, store, lang)
    for e in G:
        if e in events:
            G.nodes[e].update(_public(events[e]))
    people = [n for n in G if G.nodes[n]["group"] == "person"]
    posts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    rows = store.select(
        f"SELECT DISTINCT ?p ?post ?s ?e WHERE {{ VALUES ?p {{ {values(people)} }} ?p dkg:tenure ?t . "
        "?t dkg:post ?post OPTIONAL { ?t dkg:startDate ?s } OPTIONAL { ?t dkg:endDate ?e } }"
    )
    post_labels = labels_of(store, {r["post"] for r in rows}, lang)
    for r in rows:
        start, end = str(r.get("s", "")), str(r.get("e", ""))
        span = f" ({start or '?'} – {end})".replace(" – )", " –)") if start or end else ""
        posts[str(r["p"])].append((start, post_labels.get(str(r["post"]), short_id(str(r["post"]))) + span))
    for p in people:
        G.nodes[p]["posts"] = [text for _, text in sorted(set(posts[p]))]
    used = {e for *_, d in G.edges(data=True) for e in d.get("events", [])} | (set(events) & set(G))
    G.graph.update(lang=lang, events={e: _public(events[e]) for e in sorted(used)})
    G.graph["sources"] = _sources(store, {s for e in used for s in events[e]["sources"]})
    return G


def _public(info: dict[str, Any]) -> dict[str, Any]:
    return {k: info[k] for k in ("label", "dates", "lo", "hi", "sources")}


def _sources(store: Store, sources: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {s: {"title": short_id(s)} for s in sources}
    rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values(sources)} }} ?s ?p ?o "
        "FILTER(?p IN (dkg:url, dkg:publisher, dkg:summary, dcterms:title)) }"
    )
    for r in rows:
        field = str(r["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out[str(r["s"])][field] = str(r["o"])
    return dict(sorted(out.items()))


def actors_graph(store: Store, filters: Filters = Filters(), lang: str = "en") -> nx.Graph:
    """People, organisations and countries, linked through the events they shared."""
    events = {e: i for e, i in event_table(store, lang).items() if filters.keeps(i)}
    G = nx.Graph(view="actors")
    for e, info in sorted(events.items()):
        roles = dict.fromkeys(info["countries"], "involved") | info["participants"]
        agents = sorted(roles)
        G.add_nodes_from(agents)
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                if not G.has_edge(a, b):
                    G.add_edge(a, b, events=[], roles={}, weight=0)
                data = G.edges[a, b]
                data["events"].append(e)
                data["roles"][e] = {a: roles[a], b: roles[b]}
                data["weight"] += 1
    return _finish(G, store, lang, events)


_EVENT_LINKS = {
    "signedDocument": "signed",
    "location": "place",
    "involvesCountry": "involves",
    "subEventOf": "part of",
    "onMarginsOf": "on the margins of",
    "concerns": "concerns",
}


def events_graph(store: Store, filters: Filters = Filters(), lang: str = "en") -> nx.Graph:
    """Events as nodes between their participants, documents, places, countries and other events."""
    table = event_table(store, lang)
    events = {e: i for e, i in table.items() if filters.keeps(i)}
    G = nx.Graph(view="events")
    G.add_nodes_from(sorted(events))

    def link(e: str, other: str, relation: str) -> None:
        if not G.has_edge(e, other):
            G.add_edge(e, other, relations=[])
        if relation not in G.edges[e, other]["relations"]:
            G.edges[e, other]["relations"].append(relation)

    for e, info in sorted(events.items()):
        for agent, roles in info["participants"].items():
            for role in roles.split(", "):
                link(e, agent, role)
    props = " ".join(f"dkg:{p}" for p in _EVENT_LINKS)
    for r in store.select(
        f"SELECT DISTINCT ?e ?p ?x WHERE {{ VALUES ?p {{ {props} }} ?e a dkg:DiplomaticEvent ; ?p ?x }}"
    ):
        e, x = str(r["e"]), str(r["x"])
        if e in events and (x in events or x not in table):  # an event the filters leave out stays out
            link(e, x, _EVENT_LINKS[str(r["p"]).removeprefix(_DKG)])
    for *_, d in G.edges(data=True):
        if "on the margins of" in d["relations"]:  # the mapping states part of too; the narrower one says it
            d["relations"] = [r for r in d["relations"] if r != "part of"]
        d["relations"].sort()
    return _finish(G, store, lang, events)


def countries_graph(store: Store, filters: Filters = Filters(), lang: str = "en") -> nx.MultiGraph:
    """Countries linked by the events they share; bilateral and multilateral edges kept apart."""
    events = {e: i for e, i in event_table(store, lang).items() if filters.keeps(i)}
    G = nx.MultiGraph(view="countries")
    for e, info in sorted(events.items()):
        countries = sorted(info["countries"] | {a for a in info["participants"] if a.startswith(ID_BASE + "country/")})
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
    return _finish(G, store, lang, events)


def view_graph(store: Store, view: str, filters: Filters = Filters(), lang: str = "en") -> nx.Graph:
    """The graph of a view, after checking its options."""
    builders = {"actors": actors_graph, "events": events_graph, "countries": countries_graph}
    if view not in builders:
        raise UsageError(f"unknown view '{view}'; use one of {', '.join(VIEWS)}")
    check_language(lang)
    return builders[view](store, filters.checked(store), lang)


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}'; use one of {', '.join(LANGUAGES)}")


def query_graph(store: Store, sparql: str, lang: str = "en", name: str = "query") -> nx.DiGraph:
    """A CONSTRUCT result (IRI objects become edges named by their property; rdf:type and literal
    objects describe the subject), or SELECT rows as edges: ``?source ?target`` or ``?from ?to`` (else the
    first two variables), optional ``?label``. Literal ends become nodes keyed by their quoted text."""
    check_language(lang)
    try:
        result = store.query(sparql)
    except SyntaxError as exc:
        raise UsageError(f"{name}: {exc.msg}") from None
    G = nx.DiGraph(view="query")
    facts: dict[str, set[str]] = defaultdict(set)

    def link(a: str, b: str, relation: str) -> None:
        if not G.has_edge(a, b):
            G.add_edge(a, b, relations=[])
        if relation and relation not in G.edges[a, b]["relations"]:
            G.edges[a, b]["relations"].append(relation)

    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        ends = next((list(p) for p in (("source", "target"), ("from", "to")) if set(p) <= set(names)), names[:2])
        if len(ends) < 2:
            raise UsageError(f"{name}: a SELECT query needs two columns (?source ?target) to draw edges")
        for row in result:
            if row[ends[0]] is not None and row[ends[1]] is not None:
                label = row["label"] if "label" in names else None
                link(_node_key(from_ox(row[ends[0]])), _node_key(from_ox(row[ends[1]])), label.value if label else "")
    elif isinstance(result, ox.QueryTriples):
        for t in result:
            s, p, o = (from_ox(x) for x in (t.subject, t.predicate, t.object))
            prop = _prefixed(str(p))
            if isinstance(o, Literal) or prop == "rdf:type":
                G.add_node(_node_key(s))
                facts[_node_key(s)].add(f"{prop}: {_prefixed(str(o))}")
            else:
                link(_node_key(s), _node_key(o), prop)
    else:
        raise UsageError(f"{name}: an ASK query has no graph to draw; use CONSTRUCT, or SELECT ?source ?target")
    for n in G:
        if n.startswith('"'):
            G.nodes[n]["label"] = G.nodes[n]["id"] = n[1:-1]
    _finish(G, store, lang, event_table(store, lang))
    for n, found in facts.items():
        G.nodes[n]["facts"] = sorted(found)
    for *_, d in G.edges(data=True):
        d["relations"].sort()
    return G


def _node_key(term: Any) -> str:
    if isinstance(term, Literal):
        return f'"{term}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(URIRef(term))


def _prefixed(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and prefix not in ("id",):
            return f"{prefix}:{iri.removeprefix(ns)}"
    return iri


def resolve(G: nx.Graph, ident: str) -> str:
    """The node of G for an id as written in ``data/`` (a slug, an alpha-3 code) or a full IRI."""
    if ident in G:
        return ident
    found = [n for n in G if short_id(n) in (ident, ident.upper())]
    if len(found) == 1:
        return found[0]
    raise UsageError(
        f"'{ident}' is not in the {G.graph.get('view', 'drawn')} graph{closest(ident, {short_id(n) for n in G})}"
    )


def ego(G: nx.Graph, ident: str, hops: int) -> nx.Graph:
    """The nodes within ``hops`` links of ``ident`` (either direction), with the edges between them."""
    if hops < 0:
        raise UsageError("--hops must be 0 or more")
    centre = resolve(G, ident)
    sub = nx.ego_graph(G, centre, radius=hops, undirected=True).copy()
    sub.graph.update(G.graph, ego=centre, hops=hops)
    return sub
