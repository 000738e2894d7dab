"""``kg viz --color community`` and ``--size betweenness``: what the page draws from the network's measures.

:func:`measured` computes them on the graph drawn (after the filters and the ego network), with
:mod:`kg.analytics.measures` (the countries MultiGraph collapsed as ``kg analyze`` collapses it), and
returns the keys :func:`kg.visualize.page_data` adds to the page's data; the defaults (colour by kind, size
by number of neighbours) add nothing, so their pages stay as they were. ``kg/viz_assets/measures.js``
applies the colours and writes the legend.

- ``colorBy``: ``{"by": "community", "note", "communities": [{"color", "count", "members"}…],
  "rest": {"color", "communities", "count"}}``; each node gets ``color`` and ``community`` (0 the largest).
  The first :data:`PALETTE` communities get a colour of their own, smaller ones beyond share :data:`REST`.
- ``sizeBy``: ``{"by": "betweenness", "note"}``; each node's ``size`` grows with the square root of its
  betweenness (so the area follows the measure), from 10 (none) to 50 (the largest), and it gets
  ``betweenness`` (normalised, 4 decimals).
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from kg.analytics.measures import SEED, betweenness, communities
from kg.errors import UsageError, option

COLOR_BY = ("kind", "community")  # kind: by class (the default)
SIZE_BY = ("degree", "betweenness")  # degree: by number of neighbours (the default)
KEYS = frozenset({"colorBy", "sizeBy"})
# Okabe–Ito (without black and the greys), then Paul Tol's muted scheme: distinguishable with colour blindness
PALETTE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#332288",
    "#44AA99",
    "#999933",
    "#882255",
    "#88CCEE",
)
REST = "#DDDDDD"  # the communities beyond the palette
MEMBERS_SHOWN = 3  # the best-connected members the legend names per community
MIN_SIZE, MAX_SIZE = 10.0, 50.0


def check(color: str, size: str) -> tuple[str, str]:
    """The choices, checked (any case)."""
    c, s = color.strip().lower(), size.strip().lower()
    if c not in COLOR_BY:
        raise UsageError(f"unknown colouring '{color}'", about=option("color"), value=color, allowed=COLOR_BY)
    if s not in SIZE_BY:
        raise UsageError(f"unknown size '{size}'", about=option("size"), value=size, allowed=SIZE_BY)
    return c, s


def measured(G: nx.Graph, nodes: list[str], out: list[dict[str, Any]], color: str, size: str) -> dict[str, Any]:
    """Colour and size ``out`` (the page's nodes, in the order of ``nodes``) by the measures asked for, in
    place; the keys the page's data gets."""
    color, size = check(color, size)
    found: dict[str, Any] = {}
    if color == "community":
        found["colorBy"] = _communities(G, nodes, out)
    if size == "betweenness":
        found["sizeBy"] = _betweenness(G, nodes, out)
    return found


def _communities(G: nx.Graph, nodes: list[str], out: list[dict[str, Any]]) -> dict[str, Any]:
    groups = communities(G)
    index = {n: i for i, n in enumerate(nodes)}
    legend = []
    for i, members in enumerate(groups):
        shade = PALETTE[i] if i < len(PALETTE) else REST
        for n in members:
            out[index[n]]["community"] = i
            out[index[n]]["color"] = shade
        if i < len(PALETTE):
            best = sorted(members, key=lambda n: (-out[index[n]]["degree"], str(out[index[n]]["label"]), n))
            named = [str(out[index[n]]["label"]) for n in best[:MEMBERS_SHOWN]]
            legend.append({"color": shade, "count": len(members), "members": named})
    rest = groups[len(PALETTE) :]
    data: dict[str, Any] = {
        "by": "community",
        "note": f"Colour: community (Louvain, seed {SEED}, on weights); shape: kind.",
        "communities": legend,
    }
    if rest:
        data["rest"] = {"color": REST, "communities": len(rest), "count": sum(len(c) for c in rest)}
    return data


def _betweenness(G: nx.Graph, nodes: list[str], out: list[dict[str, Any]]) -> dict[str, Any]:
    found = betweenness(G)
    top = max(found.values.values(), default=0.0)
    for n, node in zip(nodes, out, strict=True):
        value = found.values.get(n, 0.0)
        node["betweenness"] = round(value, 4)
        share = math.sqrt(value / top) if top > 0 else 0.0
        node["size"] = round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * share, 1)
    return {"by": "betweenness", "note": f"Size: betweenness ({found.method}), largest {round(top, 4)}."}
