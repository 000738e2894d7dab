"""rdflib's SPARQL engine, kept for the tests only: a second engine to check Oxigraph's answers against.

:func:`answer_rdflib` answers a stored query as :func:`kg.queries.answer` does — same parameter checks,
same reasoning, same row order — but evaluates it with rdflib over a Dataset whose default graph is the
union of all graphs. Parameters are bound by the VALUES block of :func:`kg.queries.with_values`, the
text-level fallback of kg.queries, so both engines see the same bindings.
"""

from __future__ import annotations

import weakref

import pyoxigraph as ox
from rdflib import Dataset, Node, URIRef

from kg.catalogue import StoredQuery
from kg.namespaces import PREFIXES
from kg.queries import Result, bind, in_order, plain, prepare, with_values
from kg.reasoning import with_reasoning
from kg.store import Store, from_ox
from kg.terms import Resolver

_DATASETS: weakref.WeakKeyDictionary[Store, Dataset] = weakref.WeakKeyDictionary()


def rdflib_dataset(store: Store) -> Dataset:
    """The store's quads in an rdflib Dataset whose default graph is the union (built once per store)."""
    if store not in _DATASETS:
        ds = Dataset(default_union=True)
        for q in store.quads():
            g = q.graph_name
            target = ds.graph(URIRef(g.value)) if isinstance(g, ox.NamedNode) else ds.default_context
            target.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        _DATASETS[store] = ds
    return _DATASETS[store]


def run_rdflib(store: Store, text: str, bindings: dict[str, Node] | None = None, shown: str = "the query") -> Result:
    prepare(text, shown)
    raw = rdflib_dataset(store).query(with_values(text, bindings or {}, shown), initNs=PREFIXES)
    if raw.type == "ASK":
        result = Result("ask", boolean=bool(raw.askAnswer))
    elif raw.type == "SELECT":
        names = [str(v) for v in raw.vars or []]
        rows = [{n: plain(row[n]) for n in names if row[n] is not None} for row in raw]  # type: ignore[index, call-overload]
        result = Result("select", names, rows)
    else:
        result = Result("graph", triples=[(plain(s), plain(p), plain(o)) for s, p, o in raw.graph or []])
    return in_order(result, text)


def answer_rdflib(store: Store, query: StoredQuery, given: dict[str, str], reasoning: str = "none") -> Result:
    bindings = bind(query, given, Resolver(store))
    return run_rdflib(with_reasoning(store, reasoning), query.text, bindings, query.shown)
