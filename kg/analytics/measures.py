"""Measures of a network view: communities, degrees, betweenness, eigenvector centrality, brokers.

Every function takes a graph of :mod:`kg.network` (node keys are IRIs) and returns plain data, sorted.
The countries view is a MultiGraph (bilateral and multilateral edges kept apart); :func:`weighted_simple`
collapses it to one edge per pair whose ``weight`` is the sum (a multilateral event of n countries adds
1/(n-1) to each pair, so it weighs as much per country as one bilateral event), and every measure below
runs on that collapsed graph.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg import iris

if TYPE_CHECKING:  # imported where used: igraph (and numpy) add a second to every kg command's start
    import igraph as ig
    import numpy as np

SEED = 42  # every random choice (Louvain, sampled betweenness pivots) is made with this seed
# Betweenness (igraph's Brandes, in C) costs about nodes × edges steps exact and pivots × edges sampled; here
# (issue 11) 100 pivots on an actor graph of 20k nodes and 103k edges, 10M steps, take 0.9 s. Exact up to
# EXACT_LIMIT steps (about 2 s), else as many pivots as BUDGET steps allow (about 1 s), at least PIVOTS.
EXACT_LIMIT = 25_000_000
BUDGET = 12_000_000
PIVOTS = 100  # the fewest pivots of sampled betweenness


def weighted_simple(G: nx.Graph) -> nx.Graph:
    """G as a simple undirected Graph with sorted nodes and edges: parallel edges of a MultiGraph merged
    into one whose ``weight`` and ``count`` are summed and ``events`` merged (sorted, each once); the graph
    and node attributes are kept. A simple Graph comes back as a sorted copy with its ``weight`` (1 when
    missing)."""
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(G.nodes[n])) for n in sorted(G))
    if not G.is_multigraph():  # one edge per pair already: sort, with nothing to sum
        pairs = sorted(((a, b) if a <= b else (b, a), d) for a, b, d in G.edges(data=True))
        H.add_edges_from(
            (*pair, {"weight": round(float(d.get("weight", 1)), 6), "count": _count(d), "events": _events(d)})
            for pair, d in pairs
        )
        return H
    weight: dict[tuple[str, str], float] = {}
    count: dict[tuple[str, str], int] = {}
    events: dict[tuple[str, str], set[str]] = {}
    for a, b, d in G.edges(data=True):
        pair = (a, b) if a <= b else (b, a)
        weight[pair] = weight.get(pair, 0.0) + float(d.get("weight", 1))
        count[pair] = count.get(pair, 0) + _count(d)
        events.setdefault(pair, set()).update(d.get("events", []))
    H.add_edges_from(
        (*pair, {"weight": round(weight[pair], 6), "count": count[pair], "events": sorted(events[pair])})
        for pair in sorted(weight)
    )
    return H


def _count(d: dict[str, Any]) -> int:
    return int(d.get("count", len(d.get("events", [])) or 1))


def _events(d: dict[str, Any]) -> list[str]:
    return sorted(set(d.get("events", [])))


def simple(G: nx.Graph) -> nx.Graph:
    """A simple Graph with sorted nodes: G itself when it is one, G's nodes sorted with its edges as they
    are when it is simple (the actors view: one edge per pair already), else :func:`weighted_simple`."""
    if G.is_multigraph():
        return weighted_simple(G)
    if list(G) == sorted(G):
        return G
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in sorted(G))
    H.add_edges_from(G.edges(data=True))
    return H


def communities(G: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (igraph's multilevel modularity optimisation on edge ``weight``, its random
    choices drawn from ``seed``) of G (a MultiGraph is collapsed first): members sorted; communities by
    size, largest first, then by first member."""
    return _communities(*_to_igraph(simple(G)), seed)


def _communities(g: ig.Graph, nodes: list[str], seed: int) -> list[list[str]]:
    import igraph as ig

    if g.vcount() == 0:
        return []
    ig.set_random_number_generator(random.Random(seed))  # noqa: S311 (a seed for Louvain, global to igraph)
    try:
        found = g.community_multilevel(weights="weight" if g.ecount() else None)
    finally:
        ig.set_random_number_generator(random)
    return sorted((sorted(nodes[i] for i in c) for c in found), key=lambda c: (-len(c), c[0]))


def _to_igraph(H: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """H (simple, undirected) as an igraph Graph whose vertex i is ``nodes[i]``, edge ``weight`` kept."""
    import igraph as ig

    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in H.edges()])
    g.es["weight"] = [float(d.get("weight", 1)) for *_, d in H.edges(data=True)]
    return g, nodes


def community_index(groups: list[list[str]]) -> dict[str, int]:
    """Node → the index of its community in ``groups`` (as :func:`communities` orders them)."""
    return {n: i for i, group in enumerate(groups) for n in group}


@dataclass(frozen=True)
class Betweenness:
    """Betweenness of every node and how it was computed."""

    values: dict[str, float]
    exact: bool
    pivots: int | None = None
    seed: int | None = None

    @property
    def method(self) -> str:
        """``exact`` or ``sampled, 100 pivots, seed 42``."""
        return "exact" if self.exact else f"sampled, {self.pivots} pivots, seed {self.seed}"


def betweenness(
    G: nx.Graph, exact_limit: int = EXACT_LIMIT, budget: int = BUDGET, pivots: int = PIVOTS, seed: int = SEED
) -> Betweenness:
    """Normalised betweenness over shortest paths counted in links (not weights: a weight is a strength,
    not a distance), as networkx's ``betweenness_centrality`` gives it: exact when nodes × edges is at most
    ``exact_limit``, else estimated from ``max(pivots, budget // edges)`` source nodes drawn with ``seed``
    (the ones networkx's ``k``/``seed`` sampling draws, so the estimate equals networkx's)."""
    return _betweenness(*_to_igraph(simple(G)), exact_limit, budget, pivots, seed)


def _betweenness(g: ig.Graph, nodes: list[str], exact_limit: int, budget: int, pivots: int, seed: int) -> Betweenness:
    n, m = g.vcount(), g.ecount()
    k = max(pivots, budget // m) if m else n
    if n * m <= exact_limit or k >= n:
        raw = g.betweenness(directed=False) if n > 2 else [0.0] * n
        scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        return Betweenness({v: raw[i] * scale for i, v in enumerate(nodes)}, exact=True)
    drawn = random.Random(seed).sample(range(n), k)  # noqa: S311 (as networkx draws its pivots)
    raw = g.betweenness(directed=False, sources=drawn)
    # igraph counts each source–target pair once; networkx's estimate counts it from the source's side and
    # scales a pivot's own value by k - 1 pivots, the others' by k
    pivot = set(drawn)
    values = {v: raw[i] * 2 / ((k - 1 if i in pivot else k) * (n - 2)) for i, v in enumerate(nodes)}
    return Betweenness(values, exact=False, pivots=k, seed=seed)


def eigenvector(G: nx.Graph, max_iter: int = 1000, tol: float = 1e-9) -> dict[str, float]:
    """Weighted eigenvector centrality (unit length, as networkx gives it), computed per connected
    component (the leading eigenvector of a graph in pieces lives on one piece) and scaled by the
    component's share of the nodes, so a pair alone on its own does not rank with the core; isolated nodes
    score 0. igraph (ARPACK) computes it; where ARPACK gives up, or its vector does not satisfy the
    eigenvalue equation, networkx's power iteration (``max_iter``, ``tol``) tries; a component where that
    fails too scores 0.0 rather than failing the whole analysis (:func:`eigenvector_failures` names its
    nodes)."""
    return _eigenvector(*_to_igraph(simple(G)), max_iter, tol)[0]


def eigenvector_failures(G: nx.Graph, max_iter: int = 1000, tol: float = 1e-9) -> list[str]:
    """The nodes of components whose eigenvector did not converge (scored 0)."""
    return _eigenvector(*_to_igraph(simple(G)), max_iter, tol)[1]


def _eigenvector(g: ig.Graph, nodes: list[str], max_iter: int, tol: float) -> tuple[dict[str, float], list[str]]:
    n = g.vcount()
    values: dict[str, float] = dict.fromkeys(nodes, 0.0)
    failed: list[str] = []
    for members in g.connected_components():
        if len(members) < 2:
            continue
        found = _leading(g.induced_subgraph(members), max_iter, tol)
        if found is None:
            failed.extend(nodes[i] for i in members)
            continue
        share = len(members) / n
        values.update({nodes[i]: float(v) * share for i, v in zip(members, found, strict=True)})
    return values, sorted(failed)


def _leading(g: ig.Graph, max_iter: int, tol: float) -> np.ndarray | None:
    """The unit-length leading eigenvector of a connected g, or None when neither ARPACK nor power
    iteration finds it."""
    import igraph as ig
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # ARPACK warns before it raises
        try:
            x = np.array(g.eigenvector_centrality(weights="weight"))
        except ig.InternalError:  # ARPACK gave up: a spectral gap too small for it (a long path)
            x = None
    if x is not None:
        x /= np.linalg.norm(x)
        if _is_eigenvector(g, x):
            return x
    H = nx.Graph()
    H.add_nodes_from(range(g.vcount()))
    H.add_weighted_edges_from((a, b, w) for (a, b), w in zip(g.get_edgelist(), g.es["weight"], strict=True))
    try:
        found = nx.eigenvector_centrality(H, max_iter=max_iter, tol=tol, weight="weight")
    except nx.PowerIterationFailedConvergence:
        return None
    return np.array([found[i] for i in range(g.vcount())])


def _is_eigenvector(g: ig.Graph, x: np.ndarray) -> bool:
    """Whether x satisfies A x = λ x to a millionth (ARPACK can stop short of it without saying so)."""
    import numpy as np

    ends = np.array(g.get_edgelist()).reshape(-1, 2)
    w = np.array(g.es["weight"], dtype=float)
    ax = np.zeros_like(x)
    np.add.at(ax, ends[:, 0], w * x[ends[:, 1]])
    np.add.at(ax, ends[:, 1], w * x[ends[:, 0]])
    lam = float(x @ ax)
    return bool(np.linalg.norm(ax - lam * x) <= 1e-6 * max(abs(lam), 1e-12))


def degrees(G: nx.Graph) -> tuple[dict[str, int], dict[str, float]]:
    """Degree (distinct neighbours) and weighted degree (sum of edge ``weight``) of every node."""
    H = simple(G)
    return dict(H.degree()), {k: round(float(v), 6) for k, v in H.degree(weight="weight")}


def node_id(n: str) -> str:
    """A node key as the CLI shows it: our IRIs by their id, other IRIs as prefixed names, plain keys as
    they are (hand-made graphs)."""
    return iris.local_id(n) if ":" in n else n


def _name(G: nx.Graph, n: str) -> tuple[str, str]:
    """A node's id as the CLI shows it and its label (as :func:`kg.describe.describe` gave them)."""
    data = G.nodes[n]
    ident = str(data.get("id") or node_id(n))
    return ident, str(data.get("label") or ident)


@dataclass(frozen=True)
class NodeMeasures:
    """The measures of one node. ``degree``: distinct neighbours; ``weighted_degree``: the sum of its edges'
    ``weight`` (countries view: an event of n countries adds 1/(n-1) per pair; actors view: shared events);
    ``betweenness`` and ``eigenvector`` normalised as networkx does (see :func:`betweenness`,
    :func:`eigenvector`); ``community``: its index in :attr:`Centrality.communities`."""

    iri: str
    id: str
    label: str
    group: str
    degree: int
    weighted_degree: float
    betweenness: float
    eigenvector: float
    community: int


@dataclass(frozen=True)
class Community:
    index: int
    members: tuple[tuple[str, str, str], ...]  # (iri, id, label), sorted by iri

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Centrality:
    """The measures of every node (sorted by weighted degree, then degree, betweenness, id; ``top`` first
    when asked), the communities, and how betweenness was computed. Iterating gives the node records."""

    nodes: list[NodeMeasures]
    communities: list[Community]
    betweenness: Betweenness
    view: str = ""
    total: int = 0  # nodes of the graph, before ``top``

    def __iter__(self) -> Iterator[NodeMeasures]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __getitem__(self, i: int) -> NodeMeasures:
        return self.nodes[i]


def centrality(G: nx.Graph, top: int | None = None, *, with_eigenvector: bool = True) -> Centrality:
    """Degree, weighted degree, betweenness, eigenvector centrality and Louvain community of G's nodes
    (``with_eigenvector=False``: eigenvector left at 0, for callers that do not use it)."""
    H = simple(G)
    g, nodes = _to_igraph(H)  # once, for the three measures igraph computes
    groups = _communities(g, nodes, SEED)
    index = community_index(groups)
    degree, weighted = degrees(H)
    between = _betweenness(g, nodes, EXACT_LIMIT, BUDGET, PIVOTS, SEED)
    eigen = _eigenvector(g, nodes, 1000, 1e-9)[0] if with_eigenvector else dict.fromkeys(H, 0.0)
    records = []
    for n in H:
        ident, label = _name(H, n)
        records.append(
            NodeMeasures(
                n,
                ident,
                label,
                str(H.nodes[n].get("group", "")),
                degree[n],
                weighted[n],
                between.values[n],
                eigen[n],
                index[n],
            )
        )
    records.sort(key=lambda r: (-r.weighted_degree, -r.degree, -r.betweenness, r.id, r.iri))
    found = [Community(i, tuple((n, *_name(H, n)) for n in group)) for i, group in enumerate(groups)]
    return Centrality(
        records[:top] if top is not None else records, found, between, str(G.graph.get("view", "")), len(records)
    )


@dataclass(frozen=True)
class Broker:
    """A node on more shortest paths than its links explain. ``score``: betweenness ÷ degree centrality
    (degree ÷ (nodes - 1)), both normalised: the centre of a star scores 1, a node joining two groups
    through few links scores above 1. ``links``: the communities of the node and its neighbours (two or
    more: it joins them)."""

    iri: str
    id: str
    label: str
    group: str
    score: float
    betweenness: float
    degree: int
    community: int
    links: tuple[int, ...]


def brokers(G: nx.Graph, top: int | None = None, measured: Centrality | None = None) -> list[Broker]:
    """The nodes that join communities, by broker score (then betweenness, id): those with some betweenness
    whose neighbours lie in a community other than their own. ``measured``: G's :func:`centrality`, all
    nodes, when already computed."""
    H = simple(G)
    if measured is None or measured.total != len(measured.nodes):
        measured = centrality(H, with_eigenvector=False)  # brokers need no eigenvector: the costliest part
    by_node = {r.iri: r for r in measured.nodes}
    n = H.number_of_nodes()
    out = []
    for node, r in by_node.items():
        linked = tuple(sorted({r.community, *(by_node[m].community for m in H[node])}))
        if r.betweenness <= 0 or len(linked) < 2:
            continue
        score = r.betweenness / (r.degree / (n - 1))
        out.append(Broker(node, r.id, r.label, r.group, score, r.betweenness, r.degree, r.community, linked))
    out.sort(key=lambda b: (-b.score, -b.betweenness, b.id, b.iri))
    return out[:top] if top is not None else out
