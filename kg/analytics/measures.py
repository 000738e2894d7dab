"""Measures of a network view: communities, degrees, betweenness, eigenvector centrality, brokers.

Every function takes a graph of :mod:`kg.network` (node keys are IRIs) and returns plain data, sorted.
The countries view is a MultiGraph (bilateral and multilateral edges kept apart); :func:`weighted_simple`
collapses it to one edge per pair whose ``weight`` is the sum (a multilateral event of n countries adds
1/(n-1) to each pair, so it weighs as much per country as one bilateral event), and every measure below
runs on that collapsed graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from kg import iris

SEED = 42  # every random choice (Louvain, sampled betweenness pivots) is made with this seed
PIVOTS = 100  # pivots of sampled betweenness
# Exact betweenness costs about nodes × edges steps, sampled about pivots × edges. Measured (issue 11): exact
# on an actor graph of 2.5k nodes and 24k edges (60M steps) takes 26 s, 91 s weighted; 100 pivots take 1 s.
# So exact up to 2.5M steps (about a second, the cost of sampling), sampled above.
EXACT_LIMIT = 2_500_000


def weighted_simple(G: nx.Graph) -> nx.Graph:
    """G as a simple undirected Graph with sorted nodes and edges: parallel edges of a MultiGraph merged
    into one whose ``weight`` and ``count`` are summed and ``events`` merged (sorted, each once); the graph
    and node attributes are kept. A simple Graph comes back as a sorted copy with its ``weight`` (1 when
    missing)."""
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(G.nodes[n])) for n in sorted(G))
    weight: dict[tuple[str, str], float] = {}
    count: dict[tuple[str, str], int] = {}
    events: dict[tuple[str, str], set[str]] = {}
    for a, b, d in G.edges(data=True):
        pair = (a, b) if a <= b else (b, a)
        weight[pair] = weight.get(pair, 0.0) + float(d.get("weight", 1))
        count[pair] = count.get(pair, 0) + int(d.get("count", len(d.get("events", [])) or 1))
        events.setdefault(pair, set()).update(d.get("events", []))
    for pair in sorted(weight):
        H.add_edge(*pair, weight=round(weight[pair], 6), count=count[pair], events=sorted(events[pair]))
    return H


def _simple(G: nx.Graph) -> nx.Graph:
    return weighted_simple(G) if G.is_multigraph() or list(G) != sorted(G) else G


def communities(G: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (networkx, edge ``weight``, fixed ``seed``) of G (a MultiGraph is collapsed
    first): members sorted; communities by size, largest first, then by first member."""
    H = _simple(G)
    if H.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


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


def betweenness(G: nx.Graph, exact_limit: int = EXACT_LIMIT, pivots: int = PIVOTS, seed: int = SEED) -> Betweenness:
    """Normalised betweenness over shortest paths counted in links (not weights: a weight is a strength,
    not a distance): exact when nodes × edges is at most ``exact_limit``, else estimated from ``pivots``
    source nodes drawn with ``seed``."""
    H = _simple(G)
    if H.number_of_nodes() * H.number_of_edges() <= exact_limit or pivots >= H.number_of_nodes():
        return Betweenness(dict(nx.betweenness_centrality(H, normalized=True)), exact=True)
    values = nx.betweenness_centrality(H, k=pivots, normalized=True, seed=seed)
    return Betweenness(dict(values), exact=False, pivots=pivots, seed=seed)


def eigenvector(G: nx.Graph, max_iter: int = 1000, tol: float = 1e-9) -> dict[str, float]:
    """Weighted eigenvector centrality, computed per connected component (power iteration does not settle
    on a graph in pieces) and scaled by the component's share of the nodes, so a pair alone on its own does
    not rank with the core; isolated nodes score 0. A component where iteration does not converge scores
    0.0 rather than failing the whole analysis (:func:`eigenvector_failures` names its nodes)."""
    values, _ = _eigenvector(G, max_iter, tol)
    return values


def eigenvector_failures(G: nx.Graph, max_iter: int = 1000, tol: float = 1e-9) -> list[str]:
    """The nodes of components whose eigenvector iteration did not converge (scored 0)."""
    return _eigenvector(G, max_iter, tol)[1]


def _eigenvector(G: nx.Graph, max_iter: int, tol: float) -> tuple[dict[str, float], list[str]]:
    H = _simple(G)
    n = H.number_of_nodes()
    values: dict[str, float] = dict.fromkeys(H, 0.0)
    failed: list[str] = []
    for nodes in nx.connected_components(H):
        if len(nodes) < 2:
            continue
        sub = H.subgraph(sorted(nodes)).copy()  # a copy: power iteration on a view is twice as slow
        try:
            found = nx.eigenvector_centrality(sub, max_iter=max_iter, tol=tol, weight="weight")
        except nx.PowerIterationFailedConvergence:
            failed.extend(sorted(nodes))
            continue
        share = len(nodes) / n
        values.update({k: v * share for k, v in found.items()})
    return values, sorted(failed)


def degrees(G: nx.Graph) -> tuple[dict[str, int], dict[str, float]]:
    """Degree (distinct neighbours) and weighted degree (sum of edge ``weight``) of every node."""
    H = _simple(G)
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
    H = weighted_simple(G)
    groups = communities(H)
    index = community_index(groups)
    degree, weighted = degrees(H)
    between = betweenness(H)
    eigen = eigenvector(H) if with_eigenvector else dict.fromkeys(H, 0.0)
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
    H = weighted_simple(G)
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
