"""Network analytics of the countries and actors views: centrality, communities, ties and brokers.

The functions return networkx graphs and lists of records (frozen dataclasses: ids as in ``data/``,
labels in the chosen language, exact numbers), and pandas DataFrames when pandas is installed
(:func:`to_frame`). ``kg analyze`` prints the same records.

- :func:`graph`: the countries view (countries linked by shared events; an event of n countries adds
  1/(n-1) to each pair, so one conference of 50 delegations weighs as much per country as one bilateral
  visit) or the actors view (people, organisations and countries; one per shared event), collapsed to a
  simple Graph with summed ``weight``, ``count`` and merged ``events``.
- :func:`centrality`: degree, weighted degree, betweenness (exact on small graphs, sampled with a fixed
  seed on large ones; the result says which), eigenvector centrality and Louvain communities (seed 42).
- :func:`brokers`: nodes on more shortest paths than their links explain, joining communities.
- :func:`ties`: the strongest pairs, with their events by kind, visitor → host directions, first and last
  dates and sources.

A notebook session (the README shows the same; the tests run it)::

```python
from pathlib import Path

from kg import analytics
from kg.filters import Filters
from kg.graph import load

kg = load(Path("data"))
G = analytics.graph(kg.store, "countries", Filters(date_from="2022"))
measured = analytics.centrality(G, top=3)
print(measured.betweenness.method)  # exact
for node in measured:
    print(node.id, node.label, node.weighted_degree, round(node.eigenvector, 3), node.community)
for community in measured.communities:
    print(community.index, [ident for _, ident, _ in community.members])
for tie in analytics.ties(kg.store, Filters(countries=("AZE",)), view="countries", top=3):
    print(f"{tie.a_id}–{tie.b_id}: {tie.events} events, {tie.a_to_b} visits {tie.a_id}→{tie.b_id}, "
          f"{tie.b_to_a} back, {tie.first} to {tie.last}")
for broker in analytics.brokers(analytics.graph(kg.store, "actors"), top=3):
    print(broker.id, round(broker.score, 2), broker.links)
frame = analytics.to_frame(measured)  # needs pandas
print(frame[["id", "degree", "betweenness"]].to_string(index=False))
```
"""

from __future__ import annotations

import networkx as nx

from kg.analytics.frames import data, flat, to_frame
from kg.analytics.measures import (
    EXACT_LIMIT,
    PIVOTS,
    SEED,
    Betweenness,
    Broker,
    Centrality,
    Community,
    NodeMeasures,
    betweenness,
    brokers,
    centrality,
    communities,
    degrees,
    eigenvector,
    simple,
    weighted_simple,
)
from kg.analytics.ties import DIRECTED, TIE_VIEWS, Tie, check_tie_view, ties, ties_of
from kg.filters import NO_FILTERS, Filters
from kg.network import named_view
from kg.store import Store

__all__ = [
    "DIRECTED",
    "EXACT_LIMIT",
    "PIVOTS",
    "SEED",
    "TIE_VIEWS",
    "Betweenness",
    "Broker",
    "Centrality",
    "Community",
    "NodeMeasures",
    "Tie",
    "betweenness",
    "brokers",
    "centrality",
    "communities",
    "data",
    "degrees",
    "eigenvector",
    "flat",
    "graph",
    "simple",
    "ties",
    "ties_of",
    "to_frame",
    "weighted_simple",
]


def graph(store: Store, view: str = "countries", filters: Filters = NO_FILTERS, lang: str = "en") -> nx.Graph:
    """The countries or actors view of the events ``filters`` keep, its nodes described in ``lang``
    (:func:`kg.network.named_view`), collapsed to a simple Graph with sorted nodes (:func:`weighted_simple`;
    the actors view is one already)."""
    return simple(named_view(store, check_tie_view(view), filters, lang))
