"""RDFS entailment, so queries written against the aligned vocabularies (schema.org, ORG, PROV, SEM,
FOAF, Dublin Core) find our statements.

The ontology aligns every class and property with the standard terms (``rdfs:subClassOf``,
``rdfs:subPropertyOf``) and gives domains and ranges. :func:`entail` applies the RDFS rules that carry
those alignments to the data — rdfs2 and rdfs3 (domain, range), rdfs5 and rdfs7 (sub-properties), rdfs9
and rdfs11 (sub-classes) — to a fixpoint, without the axiomatic triples that only say every term is an
``rdfs:Resource``. (owlrl's full RDFS closure gives the same answers for such queries but takes about
fifteen seconds on our data; this takes well under one.) Entailed triples go to their own graph,
``id/graph/entailed``, so ``GRAPH ?source`` patterns still see only what sources state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS

from kg.errors import UsageError, option
from kg.namespaces import ID
from kg.store import Store

REASONING = ("none", "rdfs")
GRAPH_ENTAILED = ox.NamedNode(str(ID["graph/entailed"]))
_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_SUBPROPERTY = ox.NamedNode(str(RDFS.subPropertyOf))
_DOMAIN = ox.NamedNode(str(RDFS.domain))
_RANGE = ox.NamedNode(str(RDFS.range))
Term = Any  # an Oxigraph NamedNode or BlankNode (typed loosely: pyoxigraph's stubs are strict)


def _closure(edges: Iterable[tuple[Term, Term]]) -> dict[Term, set[Term]]:
    """Reflexive-transitive closure of a relation given as (narrower, broader) pairs."""
    direct: dict[Term, set[Term]] = defaultdict(set)
    for a, b in edges:
        direct[a].add(b)
    closed: dict[Term, set[Term]] = {}
    for start in list(direct):
        seen, todo = {start}, [start]
        while todo:
            for nxt in direct.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        closed[start] = seen
    return closed


def entailed_triples(triples: Iterable[ox.Triple]) -> set[ox.Triple]:
    """Every triple the RDFS rules above add to ``triples`` (those already there included)."""
    triples = list(triples)
    nodes = (ox.NamedNode, ox.BlankNode)
    schema = [t for t in triples if isinstance(t.object, nodes)]
    classes = _closure((t.subject, t.object) for t in schema if t.predicate == _SUBCLASS)
    props = _closure((t.subject, t.object) for t in schema if t.predicate == _SUBPROPERTY)
    domains: dict[Term, set[Term]] = defaultdict(set)
    ranges: dict[Term, set[Term]] = defaultdict(set)
    for t in schema:
        if t.predicate == _DOMAIN:
            domains[t.subject].add(t.object)
        elif t.predicate == _RANGE:
            ranges[t.subject].add(t.object)
    out: set[ox.Triple] = set()
    typed: set[tuple[Term, Term]] = set()
    for t in triples:
        for p in props.get(t.predicate, {t.predicate}):
            out.add(ox.Triple(t.subject, p, t.object))
            if p == _TYPE and isinstance(t.object, nodes):
                typed.add((t.subject, t.object))
            typed.update((t.subject, c) for c in domains.get(p, ()))
            if isinstance(t.object, nodes):
                typed.update((t.object, c) for c in ranges.get(p, ()))
    for s, c in typed:
        out.update(ox.Triple(s, _TYPE, sup) for sup in classes.get(c, {c}))
    for closure, prop in ((classes, _SUBCLASS), (props, _SUBPROPERTY)):
        out.update(ox.Triple(a, prop, b) for a, bs in closure.items() for b in bs if a != b)
    return out


def entail(store: Store) -> Store:
    """A new store: the original quads, plus what RDFS entails in the graph ``id/graph/entailed``."""
    union = set(store.union_triples())
    new = Store()
    new.add_ox(store.quads())
    extra = sorted(entailed_triples(union) - union, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    new.add_ox(ox.Quad(t.subject, t.predicate, t.object, GRAPH_ENTAILED) for t in extra)
    return new


def with_reasoning(store: Store, reasoning: str) -> Store:
    if reasoning == "none":
        return store
    if reasoning == "rdfs":
        return entail(store)
    raise UsageError(f"unknown reasoning '{reasoning}'", about=option("reasoning"), value=reasoning, allowed=REASONING)
