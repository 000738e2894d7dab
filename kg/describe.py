"""Dressing a network for people: labels, groups, kinds, dates, posts and sources of its nodes.

:mod:`kg.network` builds graphs whose nodes are IRIs; :func:`describe` adds what a reader (or the page
of :mod:`kg.visualize`) shows. Every node gets ``id`` (as written in ``data/``), ``label`` (in the chosen
language, by :mod:`kg.labels`), ``labels`` (every name and variant), ``group`` (person, organisation,
country, event, document, place, post, source, other) and ``kinds`` (its most specific classes, labelled).
Events also get ``dates`` (for reading: ``undated``, ``2024-06..``), ``lo``/``hi`` (the first and last date
they may cover; None on an open side), ``place`` (a place known only as a country says "(country)") and
``sources``; people ``posts``. ``G.graph`` gets ``lang``, ``events`` (every event an edge or node refers
to), ``sources``, ``role_labels`` and ``group_labels``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg import iris
from kg.events import Event, events_of
from kg.labels import labels_of, pick_value
from kg.namespaces import DKG
from kg.store import Store
from kg.vocab import vocabulary

GROUPS = {  # the class that puts a node in a group, most telling first
    "event": DKG.DiplomaticEvent,
    "person": DKG.Person,
    "country": DKG.Country,
    "organisation": DKG.Organisation,
    "document": DKG.Document,
    "place": DKG.Place,
    "post": DKG.Post,
    "source": DKG.Source,
}


def _values(nodes: Iterable[str]) -> str:
    return " ".join(f"<{n}>" for n in sorted(nodes) if not n.startswith(('"', "_:")))


def place_name(iri: str, names: dict[str, str]) -> str:
    """A place as a reader sees it: its name; a place known only as a country says so."""
    parsed = iris.parse(iri)
    name = names.get(iri) or iris.local_id(iri)
    return f"{name} (country)" if parsed is not None and parsed.kind == "country" else name


def _public(ev: Event, lang: str, names: dict[str, str]) -> dict[str, Any]:
    return {
        "label": ev.label(lang),
        "dates": ev.dates,
        "lo": ev.lo,
        "hi": ev.hi,
        "place": "; ".join(place_name(p, names) for p in ev.places),
        "sources": list(ev.sources),
    }


def describe(G: nx.Graph, store: Store, lang: str) -> nx.Graph:
    """Describe G's nodes and the events and sources it refers to (in place; returns G)."""
    events = events_of(store)
    used = {e for *_, d in G.edges(data=True) for e in d.get("events", [])} | (set(events) & set(G))
    place_names = labels_of(store, lang, {p for e in used for p in events[e].places})
    name_nodes(G, store, lang)
    for n in G:
        if n in events:
            G.nodes[n].update(_public(events[n], lang, place_names))
    _posts(G, store, lang, [n for n in sorted(G) if G.nodes[n]["group"] == "person"])
    G.graph.update(lang=lang, events={e: _public(events[e], lang, place_names) for e in sorted(used)})
    G.graph["sources"] = _sources(store, {s for e in used for s in events[e].sources})
    G.graph["role_labels"] = _role_labels(store, lang)
    G.graph["group_labels"] = group_labels(store, lang)
    return G


def name_nodes(G: nx.Graph, store: Store, lang: str) -> nx.Graph:
    """Give G's nodes ``id``, ``label``, ``labels``, ``group`` and ``kinds`` only (in place; returns G): what
    the analyses print, without the events, sources and posts a page shows."""
    nodes = sorted(G)
    listed = _values(nodes)
    supers: dict[str, set[str]] = defaultdict(set)
    for c, sup in store.select_values("SELECT ?c ?s WHERE { ?c rdfs:subClassOf+ ?s }"):
        supers[str(c)].add(str(sup))
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    variants: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    if listed:
        # values, not rdflib terms (a tenth of the time at 10⁵ rows); the language comes as a column
        for x, prop, text, language in store.select_values(
            f"SELECT DISTINCT ?x ?p ?l (LANG(?l) AS ?lang) WHERE {{ VALUES ?x {{ {listed} }} ?x ?p ?l "
            "FILTER(?p IN (rdfs:label, skos:altLabel, skos:hiddenLabel)) }"
        ):
            variants[str(x)].add(str(text))
            if str(prop).endswith("#label") and language is not None:  # LANG is unbound on an IRI
                names[str(x)].append((str(text), language))
        for x, t in store.select_values(f"SELECT DISTINCT ?x ?t WHERE {{ VALUES ?x {{ {listed} }} ?x a ?t }}"):
            types[str(x)].add(str(t))
    class_labels = labels_of(store, lang, {t for ts in types.values() for t in ts})
    kinds: dict[frozenset[str], list[str]] = {}  # few sets of classes, many nodes
    for n in nodes:
        data, own = G.nodes[n], frozenset(types[n])
        data.setdefault("id", iris.local_id(n) if not n.startswith(('"', "_:")) else n)
        data["label"] = pick_value(names[n], lang) or data.get("label") or data["id"]
        data["labels"] = sorted(variants[n] | {data["id"], data["label"]})
        data["group"] = next((g for g, c in GROUPS.items() if str(c) in own), "other")
        if own not in kinds:
            specific = [t for t in own if not any(t in supers[u] for u in own if u != t)]
            kinds[own] = sorted({class_labels.get(t) or iris.compact(t) for t in specific})
        data["kinds"] = list(kinds[own])
    return G


def _role_labels(store: Store, lang: str) -> dict[str, str]:
    """Role id → its label in ``lang``; countries an event involves are "involved"."""
    roles = vocabulary().roles
    found = labels_of(store, lang, [str(r.concept) for r in roles.values()])
    return {r.id: found.get(str(r.concept)) or r.id for r in roles.values()} | {"involved": "involved"}


def group_labels(store: Store, lang: str) -> dict[str, str]:
    """The legend's names of the groups: the ontology's labels of their classes, in ``lang``."""
    found = labels_of(store, lang, [str(c) for c in GROUPS.values()])
    return {g: found.get(str(c), g) for g, c in GROUPS.items()} | {"other": "other"}


def _posts(G: nx.Graph, store: Store, lang: str, people: list[str]) -> None:
    if not people:
        return
    posts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    rows = store.select(
        f"SELECT DISTINCT ?p ?post ?s ?e WHERE {{ VALUES ?p {{ {_values(people)} }} ?p dkg:tenure ?t . "
        "?t dkg:post ?post OPTIONAL { ?t dkg:startDate ?s } OPTIONAL { ?t dkg:endDate ?e } }"
    )
    post_labels = labels_of(store, lang, {str(r["post"]) for r in rows})
    for r in rows:
        start, end = str(r.get("s", "")), str(r.get("e", ""))
        span = f" ({start or '?'} – {end})".replace(" – )", " –)") if start or end else ""
        name = post_labels.get(str(r["post"])) or iris.local_id(str(r["post"]))
        posts[str(r["p"])].add((start, name + span))
    for p in people:
        G.nodes[p]["posts"] = [text for _, text in sorted(posts[p])]


def _sources(store: Store, sources: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {s: {"title": iris.local_id(s)} for s in sources}
    if not sources:
        return out
    rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(sources)} }} ?s ?p ?o "
        "FILTER(?p IN (dkg:url, dkg:publisher, dkg:summary, dcterms:title)) }"
    )
    for r in sorted(rows, key=lambda r: (str(r["p"]), str(r["o"]))):  # the same fields in the same order on any engine
        field = iris.compact(str(r["p"])).split(":", 1)[1]
        out[str(r["s"])][field] = str(r["o"])
    return dict(sorted(out.items()))
