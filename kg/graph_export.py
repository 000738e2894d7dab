"""``kg export --format graphml|gexf``: a network view as a file for Gephi, Cytoscape, R (igraph) and pandas.

:func:`network` builds a view of :mod:`kg.network` (the events :mod:`kg.filters` keep, labels in ``lang``)
and flattens it to attributes every tool reads: GraphML and GEXF hold scalars only, so a list of values is
one text with the values sorted and joined by ``"; "`` (as in the CSV event table), and an attribute with
no value is left out (an open bound, an undated event's dates). :func:`serialize` writes it; networkx
reads the file back to the same graph (``nx.read_graphml``, ``nx.read_gexf``).

- Nodes are keyed by IRI (unique across kinds of record); ``label`` (in ``lang``), ``local_id`` (the id as
  in ``data/``, a country code), ``group`` (person, organisation, country, event…), ``kinds`` (their most
  specific classes, labelled), ``names`` (every name and variant), ``community`` (Louvain, seed 42, 0 the
  largest: :func:`kg.analytics.measures.communities`), ``degree`` (distinct neighbours) and, but for the
  events view, ``weighted_degree``. Events also have ``dates`` (for reading), ``lo``/``hi`` (the first and
  last date they may cover, as precise as the sources), ``place``, ``cameo`` and ``sources``; people
  ``posts``.
- The countries view is collapsed to one edge per pair (Gephi merges parallel edges on import, and
  Cytoscape, igraph and pandas tables read one row per pair more easily): ``weight`` the sum (a multilateral
  event of n countries adds 1/(n-1)), ``count`` the events, ``bilateral`` and ``multilateral`` how many of
  each, ``kind`` which of the two the pair has.
- Actor edges: ``weight`` and ``count`` (the events shared), ``roles`` (``event: agent (role), agent
  (role)``); events-view edges: ``relations``. Edges of the actors and countries views also have
  ``events`` (ids) and ``first``/``last`` (the earliest and latest date of those events).

Every edge has an ``id`` (``e0``, ``e1``… in sorted order). Nodes, edges and attributes are sorted and
GEXF's modification date is left out, so the same data gives byte-identical files.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from kg import dates, formats
from kg.analytics.measures import communities, community_index, degrees
from kg.errors import UsageError, option
from kg.events import events_of
from kg.filters import NO_FILTERS, Filters
from kg.formats import Format
from kg.iris import local_id
from kg.network import check_view, view_graph
from kg.store import Store

SEPARATOR = "; "  # between the values of a list attribute, as in the CSV event table
CREATOR = "diplomatic-kg"


def _joined(values: Any) -> str:
    return SEPARATOR.join(sorted({str(v) for v in values}))


def _scalars(d: dict[str, Any]) -> dict[str, Any]:
    """Sorted keys, no empty values."""
    return {k: d[k] for k in sorted(d) if d[k] not in (None, "", [], ())}


def network(store: Store, view: str = "actors", filters: Filters = NO_FILTERS, lang: str = "en") -> nx.Graph:
    """The ``view`` of the events ``filters`` keep, with scalar attributes only, ready to write."""
    view = check_view(view)
    return flatten(view_graph(store, view, filters, lang), store)


def flatten(G: nx.Graph, store: Store) -> nx.Graph:
    """A described view graph of :mod:`kg.network` as a simple Graph with scalar attributes, sorted."""
    table = events_of(store)
    view = G.graph.get("view", "")
    groups = community_index(communities(G))
    degree, weighted = degrees(G)
    H = nx.Graph()
    H.graph.update(_scalars({"view": view, "lang": G.graph.get("lang")}))
    for n in sorted(G):
        d = G.nodes[n]
        attrs: dict[str, Any] = {
            "label": d.get("label", n),
            "local_id": d.get("id", local_id(n)),
            "group": d.get("group"),
            "kinds": _joined(d.get("kinds", [])),
            "names": _joined(d.get("labels", [])),
            "community": groups.get(n),
            "degree": degree.get(n, 0),
        }
        if view != "events":
            attrs["weighted_degree"] = float(weighted.get(n, 0.0))
        if n in table:
            ev = table[n]
            attrs |= {
                "dates": ev.dates,
                "lo": ev.lo,
                "hi": ev.hi,
                "place": d.get("place"),
                "cameo": _joined(ev.cameo),
                "sources": _joined(local_id(s) for s in ev.sources),
            }
        if d.get("posts"):
            attrs["posts"] = SEPARATOR.join(d["posts"])  # in time order, as kg.describe gives them
        H.add_node(n, **_scalars(attrs))
    edges = _countries_edges(G) if view == "countries" else _plain_edges(G)
    for i, ((a, b), attrs) in enumerate(sorted(edges.items())):
        if "events" in attrs:
            attrs |= _span([table[e] for e in attrs["events"] if e in table])
            attrs["events"] = _joined(local_id(e) for e in attrs["events"])
        H.add_edge(a, b, id=f"e{i}", **_scalars(attrs))
    return H


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _countries_edges(G: nx.Graph) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b, key, d in G.edges(keys=True, data=True):
        found = out.setdefault(
            _pair(a, b), {"weight": 0.0, "count": 0, "bilateral": 0, "multilateral": 0, "events": set()}
        )
        found["weight"] = round(found["weight"] + float(d["weight"]), 6)
        found["count"] += int(d["count"])
        found[key] += int(d["count"])
        found["events"] |= set(d["events"])
    for found in out.values():
        found["kind"] = SEPARATOR.join(k for k in ("bilateral", "multilateral") if found[k])
    return out


def _plain_edges(G: nx.Graph) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, d in G.edges(data=True):
        a, b = _pair(u, v)
        if "relations" in d:  # the events view
            out[a, b] = {"relations": _joined(d["relations"])}
            continue
        roles = [
            f"{local_id(e)}: {local_id(a)} ({d['roles'][e][a]}), {local_id(b)} ({d['roles'][e][b]})"
            for e in d.get("events", [])
        ]
        out[a, b] = {
            "weight": float(d.get("weight", 1)),
            "count": len(d.get("events", [])),
            "events": set(d.get("events", [])),
            "roles": _joined(roles),
        }
    return out


def _span(events: list[Any]) -> dict[str, str | None]:
    """The earliest and latest date of some events, as written; open bounds are passed over."""
    los = [ev.lo for ev in events if ev.lo is not None]
    his = [ev.hi for ev in events if ev.hi is not None]
    return {
        "first": min(los, key=dates.first_day) if los else None,
        "last": max(his, key=dates.last_day) if his else None,
    }


def serialize(H: nx.Graph, fmt: str | Format) -> bytes:
    """A graph of :func:`network` as GraphML or GEXF 1.2 (UTF-8, indented, the same bytes for the same graph)."""
    found = fmt if isinstance(fmt, Format) else formats.named(fmt, formats.NETWORK_NAMES, "a network export")
    out = io.BytesIO()
    if found.name == "graphml":
        writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")
        writer.add_graph_element(H)
        writer.dump(out)
    elif found.name == "gexf":
        gexf = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        meta = gexf.xml.find("meta")
        assert meta is not None  # GEXFWriter always writes one
        meta.attrib.pop("lastmodifieddate", None)  # the day of writing: the same data would give other bytes
        creator = meta.find("creator")
        if creator is not None:
            creator.text = CREATOR
        gexf.add_graph(H)
        gexf.write(out)
    else:
        raise UsageError(f"{found.name} is not a network format", about=option("format"), value=found.name)
    data = out.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"


def export_network(
    store: Store, fmt: str | Format, view: str = "actors", filters: Filters = NO_FILTERS, lang: str = "en"
) -> bytes:
    """The ``view`` of the events ``filters`` keep as GraphML or GEXF."""
    return serialize(network(store, view, filters, lang), fmt)
