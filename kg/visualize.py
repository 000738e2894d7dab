"""A networkx graph (from :mod:`kg.network`) as one self-contained, offline HTML page.

The page inlines vis-network (the standalone build shipped inside the installed pyvis package) and our
own script and stylesheet from ``kg/viz_assets``; it links nothing, and a strict Content-Security-Policy
forbids any request. Data goes in a ``<script type="application/json">`` element with ``<``, ``>`` and
``&`` escaped, and the page script puts data text in the DOM only as text, never as markup.
Node positions are computed once in the page with a seeded force layout, then physics stays off,
so the drawing is still as soon as it appears and the same on every opening.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg import catalogue, dates, queries, viz_measures
from kg import network as net
from kg.errors import UsageError, option
from kg.files import write_atomically
from kg.filters import Filters, why_empty
from kg.graph import KnowledgeGraph

DEFAULT_MAX_NODES = 5000
DEFAULT_SEED = 1
GROUP_STYLE = {  # name: (shape, colour); Okabe–Ito colours, distinguishable with colour blindness
    "person": ("dot", "#0072B2"),
    "organisation": ("square", "#E69F00"),
    "country": ("diamond", "#009E73"),
    "event": ("triangle", "#D55E00"),
    "document": ("star", "#CC79A7"),
    "place": ("hexagon", "#56B4E9"),
    "post": ("triangleDown", "#F0E442"),
    "source": ("dot", "#999999"),
    "other": ("dot", "#7F7F7F"),
}
_VIS = "vis-9.1.2/vis-network.min.js"


class TooManyNodes(UsageError):
    """The graph is larger than the page can draw without freezing the browser."""

    def __init__(self, view: str, nodes: int, limit: int) -> None:
        self.view, self.nodes, self.limit = view, nodes, limit
        super().__init__(
            f"the {view} graph has {nodes:,} nodes, more than the limit of {limit:,}: a page that large would "
            "freeze the browser. Draw less (the countries view, a time window, one country or kind, an ego "
            "network) or raise the limit",
            about=option("max_nodes"),
            value=str(limit),
        )


@dataclass(frozen=True)
class VizOptions:
    """What ``kg viz`` draws; see :func:`graph_for`."""

    view: str = "actors"
    filters: Filters = field(default_factory=Filters)
    ego: str | None = None
    hops: int = 1
    query: str | None = None  # a .rq file or a stored query's name
    params: tuple[str, ...] = ()  # NAME=VALUE bindings for the query's parameters
    lang: str = "en"
    max_nodes: int = DEFAULT_MAX_NODES
    seed: int = DEFAULT_SEED
    color: str = "kind"  # kg.viz_measures.COLOR_BY: by class, or by community
    size: str = "degree"  # kg.viz_measures.SIZE_BY: by number of neighbours, or by betweenness


def graph_for(kg: KnowledgeGraph, options: VizOptions) -> nx.Graph:
    """The graph the options ask for: a view (filtered) or a query result, then the ego network."""
    if options.query is not None:
        if not options.filters.empty:
            raise UsageError(
                "a query is drawn as it is: leave out the country, time and kind filters", about=option("query")
            )
        query = catalogue.find_query(options.query)
        result = queries.answer(kg.store, query, queries.parse_assignments(options.params))
        G = net.query_graph(kg.store, result, options.lang)
    else:
        if options.params:
            raise UsageError("parameters are for a query: give the query too", about=option("params"))
        G = net.view_graph(kg.store, options.view, options.filters, options.lang)
    if options.ego is not None:
        from kg.identify import resolve  # the one resolver of ids, codes, labels and variants

        G = net.ego(G, resolve(kg.store, options.ego, about=option("ego"), lang=options.lang), options.hops)
    return G


def check_size(G: nx.Graph, options: VizOptions) -> None:
    if G.number_of_nodes() > options.max_nodes:
        raise TooManyNodes(G.graph.get("view", "query"), G.number_of_nodes(), options.max_nodes)


def _days(lo: str | None, hi: str | None) -> dict[str, str]:
    """The first and last day an event may cover; a side left out is open (an undated event has neither)."""
    days = {"lo": dates.first_day(lo).isoformat()} if lo else {}
    return days | ({"hi": dates.last_day(hi).isoformat()} if hi else {})


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def page_data(
    G: nx.Graph, title: str, seed: int = DEFAULT_SEED, color: str = "kind", size: str = "degree"
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data (nodes and edges indexed from 0, sorted).
    ``color`` and ``size`` other than the defaults add what :mod:`kg.viz_measures` computes."""
    nodes = sorted(G)
    index = {n: i for i, n in enumerate(nodes)}
    events = list(G.graph.get("events", {}))
    sources = list(G.graph.get("sources", {}))
    ev_index = {e: i for i, e in enumerate(events)}
    src_index = {s: i for i, s in enumerate(sources)}
    neighbours = {n: set(nx.all_neighbors(G, n)) - {n} for n in nodes}
    roles = G.graph.get("role_labels", {})
    out_nodes = []
    for n in nodes:
        d = G.nodes[n]
        out_nodes.append(
            _compact(
                {
                    "key": n,
                    "id": d.get("id"),
                    "label": d.get("label", n),
                    "group": d.get("group", "other"),
                    "kinds": d.get("kinds"),
                    "labels": [x for x in d.get("labels", []) if x not in (d.get("label"), d.get("id"))],
                    "size": round(min(60.0, 10 + 4 * math.sqrt(len(neighbours[n]))), 1),
                    "degree": len(neighbours[n]),
                    "dates": d.get("dates"),
                    **_days(d.get("lo"), d.get("hi")),
                    "place": d.get("place"),
                    "posts": d.get("posts"),
                    "sources": [src_index[s] for s in d.get("sources", []) if s in src_index],
                    "facts": d.get("facts"),
                }
            )
        )
    edges = []
    plain = ((u, v, None, d) for u, v, d in G.edges(data=True))
    edge_iter = G.edges(keys=True, data=True) if G.is_multigraph() else plain
    for u, v, key, d in sorted(edge_iter, key=lambda e: (index[e[0]], index[e[1]], str(e[2]))):
        a, b = sorted((u, v), key=index.__getitem__) if not G.is_directed() else (u, v)
        weight = d.get("weight", 1)
        ev = [
            [ev_index[e], *([_role_text(d["roles"][e][x], roles) for x in (a, b)] if "roles" in d else [])]
            for e in d.get("events", [])
            if e in ev_index
        ]
        edges.append(
            _compact(
                {
                    "from": index[a],
                    "to": index[b],
                    "style": key if isinstance(key, str) else None,
                    "width": round(min(8.0, 1 + math.log2(max(1.0, float(weight)))), 2),
                    "weight": weight if weight != 1 else None,
                    "count": d.get("count"),
                    "rel": d.get("relations"),
                    "ev": ev,
                }
            )
        )
    measured = viz_measures.measured(G, nodes, out_nodes, color, size)
    infos = G.graph.get("events", {})
    groups = sorted({d["group"] for d in out_nodes}, key=list(GROUP_STYLE).index)
    spans = [*out_nodes, *(_days(i["lo"], i["hi"]) for i in infos.values())]
    all_days = [x for d in spans for x in (d.get("lo"), d.get("hi")) if x]
    return _compact(
        {
            "title": title,
            "view": G.graph.get("view", "query"),
            "lang": G.graph.get("lang", "en"),
            "seed": seed,
            "directed": G.is_directed(),
            "groups": [
                {
                    "name": g,
                    "label": G.graph.get("group_labels", {}).get(g, g),
                    "shape": GROUP_STYLE[g][0],
                    "color": GROUP_STYLE[g][1],
                }
                for g in groups
            ],
            "edgeStyles": [
                {"name": s, "dashes": s == "multilateral"}
                for s in ("bilateral", "multilateral")
                if any(e.get("style") == s for e in edges)
            ],
            "nodes": out_nodes,
            "edges": edges,
            "events": [
                _compact(
                    {
                        "label": i["label"],
                        "dates": i["dates"],
                        **_days(i["lo"], i["hi"]),
                        "sources": [src_index[s] for s in i["sources"] if s in src_index],
                    }
                )
                for i in (infos[e] for e in events)
            ],
            "sources": [
                _compact({k: v for k, v in G.graph["sources"][s].items() if k != "url" or _web(v)}) for s in sources
            ],
            "range": {"lo": min(all_days), "hi": max(all_days)} if all_days else None,
            **measured,
        }
    )


def _role_text(ids: str, labels: dict[str, str]) -> str:
    """Role ids as the page shows them: 'host, participant' → their labels in the page's language."""
    return ", ".join(labels.get(r, r) for r in ids.split(", "))


def _web(url: str) -> bool:
    return bool(re.match(r"https?://", url, re.IGNORECASE))


def _asset(name: str) -> str:
    return (resources.files("kg") / "viz_assets" / name).read_text(encoding="utf-8")


def _vis_js() -> str:
    text = (resources.files("pyvis") / "templates" / "lib" / _VIS).read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _json_for_html(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render(G: nx.Graph, title: str, seed: int = DEFAULT_SEED, color: str = "kind", size: str = "degree") -> str:
    """The page as text: template, stylesheet, vis-network, our layout and script, and the data, all inline
    (with ``color`` or ``size`` other than the defaults, the script that applies them, after the page's)."""
    data = page_data(G, title, seed, color, size)
    app = _asset("page.js") + (_asset("measures.js") if viz_measures.KEYS & set(data) else "")
    parts = {
        "TITLE": html.escape(title),
        "LANG": html.escape(G.graph.get("lang", "en")),
        "CSS": _asset("page.css"),
        "VIS_JS": _vis_js(),
        "LAYOUT_JS": _asset("layout.js"),
        "APP_JS": app,
        "DATA": _json_for_html(data),
    }
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], _asset("page.html"))


def title_for(G: nx.Graph, options: VizOptions) -> str:
    what = f"query {Path(options.query).stem}" if options.query else f"{G.graph.get('view')} view"
    f = options.filters
    bits = [
        f"countries {', '.join(c.upper() for c in f.countries)}" if f.countries else "",
        f"from {f.date_from}" if f.date_from else "",
        f"to {f.date_to}" if f.date_to else "",
        f"kinds {', '.join(f.kinds)}" if f.kinds else "",
        f"within {options.hops} of {options.ego}" if options.ego else "",
    ]
    detail = "; ".join(b for b in bits if b)
    return f"diplomatic-kg: {what}" + (f" ({detail})" if detail else "")


@dataclass(frozen=True)
class Written:
    path: Path
    nodes: int
    edges: int
    empty_because: str | None = None  # why a view drew no event, when the cause is likely


def write_page(kg: KnowledgeGraph, output: Path, options: VizOptions = VizOptions()) -> Written:
    """Draw what the options ask for into ``output`` (written atomically). TooManyNodes above max_nodes."""
    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError("the page is HTML; name the output file *.html", about=option("output"), value=str(output))
    G = graph_for(kg, options)
    check_size(G, options)
    page = render(G, title_for(G, options), options.seed, options.color, options.size)
    write_atomically(output, page.encode("utf-8"))
    why = None
    if options.query is None and not G.graph.get("event_nodes"):
        why = why_empty(kg.store, options.filters.checked(kg.store))
    return Written(output, G.number_of_nodes(), G.number_of_edges(), why)


def write_default_page(kg: KnowledgeGraph, output: Path, max_nodes: int = DEFAULT_MAX_NODES) -> Written:
    """The page ``kg build`` writes: the actors view, or the countries view when that is too large."""
    try:
        return write_page(kg, output, VizOptions(max_nodes=max_nodes))
    except TooManyNodes:
        return write_page(kg, output, VizOptions(view="countries", max_nodes=max_nodes))
