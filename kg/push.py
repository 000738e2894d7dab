"""Upload the dataset to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol (``kg push``).

Each named graph (one per source) goes to ``GSP_URL?graph=IRI`` in batches: the first batch is a PUT,
which replaces whatever the graph held, the others POSTs, which add to it. Every push thus rewrites
every graph whole, so a push run again — after a success, or after one cut off by a network error or a
server restart — leaves each remote graph equal to the local one, with nothing duplicated. Graphs
holding blank nodes (the data has none; an RDF file could) go in one request, since a blank node names
the same node only within one document.

The local default graph is the merge of the named graphs, each triple once. The push writes it too
(``merge``), so that a query without ``GRAPH`` gets the same answer from the server as from ``kg query``:

- ``"default"`` (:data:`DEFAULT`): into the server's default graph (``?default``), for servers with a
  real default graph (Oxigraph server without ``--union-default-graph``, Fuseki, GraphDB). The server
  must not add its own union of the graphs, which holds a triple once per graph stating it.
- an IRI, e.g. :data:`MERGE_GRAPH`: into that named graph, for Virtuoso, whose default graph is every
  quad of every graph (its system graphs included). Queries then name their dataset: the merge graph as
  ``default-graph-uri`` and every other graph as a ``named-graph-uri``.
- ``None``: not at all.

Listing the server's graphs needs its SPARQL query endpoint (the Graph Store Protocol has no such
request); :func:`query_url_for` guesses it for the usual servers, or it is given. Graphs of ours
(under :data:`kg.namespaces.ID_BASE`) that the local dataset no longer has are counted, and deleted
with ``replace``.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pyoxigraph as ox

from kg.errors import UsageError, option
from kg.http_client import RemoteError, ServerError, request
from kg.namespaces import ID_BASE
from kg.store import Store

DEFAULT_BATCH = 5000
DEFAULT = "default"  # ``merge``: the server's default graph
MERGE_GRAPH = ID_BASE + "graph/merge"  # the named graph to hold the merge on stores like Virtuoso
NTRIPLES = "application/n-triples"
OURS = ID_BASE  # graphs under this base are ours: --replace may delete them

# Graph Store URL endings of the usual servers, and the query endpoint beside each.
_QUERY_BESIDE = (
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso, without authentication
    ("/rdf-graphs/service", ""),  # GraphDB, RDF4J: /repositories/NAME
    ("/store", "/query"),  # Oxigraph server
    ("/data", "/query"),  # Fuseki: /DATASET/data
)


@dataclass(frozen=True)
class Batch:
    """Triples for one graph (None: the default graph), sent by PUT when ``first`` (replacing the graph),
    else by POST (adding to it). ``merge``: they are triples of the merge of the graphs."""

    graph: str | None
    triples: tuple[ox.Triple, ...]
    first: bool
    merge: bool = False

    @property
    def method(self) -> str:
        return "PUT" if self.first else "POST"


@dataclass
class Summary:
    """What a push did: graphs and triples written, requests, time, and the stale graphs of ours."""

    merge: str | None  # where the merge went: DEFAULT, a graph IRI, or None (nowhere)
    graphs: int = 0
    triples: int = 0
    merge_triples: int = 0
    batches: int = 0
    seconds: float = 0.0
    stale: tuple[str, ...] | None = None  # None: unknown (no query endpoint)
    deleted: bool = False
    names: list[str] = field(default_factory=list)


class PushCutOff(RemoteError):
    """The push stopped part way; running it again finishes it."""


def graph_url(gsp_url: str, graph: str | None) -> str:
    """The Graph Store URL of one graph, by indirect identification: ``?graph=IRI`` or ``?default``."""
    sep = "&" if "?" in gsp_url else "?"
    return f"{gsp_url}{sep}default" if graph is None else f"{gsp_url}{sep}graph={quote(graph, safe='')}"


def query_url_for(gsp_url: str) -> str | None:
    """The SPARQL query endpoint beside a Graph Store URL, for the servers whose layout is known."""
    base = httpx.URL(gsp_url).copy_with(query=None, fragment=None)
    path = base.path.rstrip("/")
    for ending, beside in _QUERY_BESIDE:
        if path.endswith(ending):
            return str(base.copy_with(path=path[: -len(ending)] + beside))
    return None


def _groups(store: Store) -> list[tuple[str, list[ox.Triple]]]:
    return [
        (name.value, [q.triple for q in quads])
        for name, quads in itertools.groupby(store.sorted_quads(), key=lambda q: q.graph_name)
        if isinstance(name, ox.NamedNode)
    ]


def _has_blank_nodes(triples: Iterable[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def _split(graph: str | None, triples: list[ox.Triple], size: int, merge: bool = False) -> list[Batch]:
    if _has_blank_nodes(triples):
        size = max(len(triples), 1)
    return [
        Batch(graph, tuple(triples[i : i + size]), first=i == 0, merge=merge)
        for i in range(0, max(len(triples), 1), size)
    ]


def check_merge(merge: str | None) -> str | None:
    """Where the merge goes, as given (``default``, ``none``, an IRI) → DEFAULT, None or the IRI."""
    if merge is None or merge.lower() == "none":
        return None
    if merge.lower() == DEFAULT:
        return DEFAULT
    try:
        ox.NamedNode(merge)
        absolute = ":" in merge
    except ValueError:
        absolute = False
    if not absolute:
        raise UsageError("give default, none or the absolute IRI of a graph", about=option("merge_graph"), value=merge)
    return merge


def plan(store: Store, batch: int = DEFAULT_BATCH, merge: str | None = DEFAULT) -> list[Batch]:
    """Every request of a push, in order: the named graphs by name, then their merge (``merge``: DEFAULT for
    the default graph, a graph IRI, or None for none)."""
    if batch < 1:
        raise UsageError("give a positive number of triples per request", about=option("batch"), value=str(batch))
    merge = check_merge(merge)
    groups = _groups(store)
    if merge not in (None, DEFAULT) and any(name == merge for name, _ in groups):
        raise UsageError(
            "the local data has a graph of that name: give another graph for the merge",
            about=option("merge_graph"),
            value=merge,
        )
    batches = [b for name, triples in groups for b in _split(name, triples, batch)]
    if merge is not None:
        batches += _split(None if merge == DEFAULT else merge, store.union_triples(), batch, merge=True)
    return batches


def remote_graphs(http: httpx.Client, query_url: str) -> set[str]:
    """The names of the server's graphs of ours (under :data:`OURS`) that hold at least one triple."""
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OURS}")) }}'
    # Form-encoded: Virtuoso 7.2 never answers a POST of application/sparql-query.
    response = request(
        http, "POST", query_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    try:
        rows = json.loads(response.content)["results"]["bindings"]
        return {row["g"]["value"] for row in rows if "g" in row}
    except (ValueError, KeyError, TypeError) as exc:
        raise RemoteError(f"{query_url} did not answer with SPARQL JSON results to a query listing graphs") from exc


def send(http: httpx.Client, gsp_url: str, batch: Batch) -> None:
    body = ox.serialize(batch.triples, format=ox.RdfFormat.N_TRIPLES)
    request(http, batch.method, graph_url(gsp_url, batch.graph), content=body, headers={"Content-Type": NTRIPLES})


def push(
    store: Store,
    gsp_url: str,
    http: httpx.Client,
    *,
    batch: int = DEFAULT_BATCH,
    replace: bool = False,
    merge: str | None = DEFAULT,
    query_url: str | None = None,
    on_batch: Callable[[Batch], None] | None = None,
) -> Summary:
    """Upload ``store`` to the Graph Store at ``gsp_url`` with ``http`` (from :func:`kg.http_client.client`).

    ``merge`` says where the merge of the graphs goes (module docstring). ``on_batch`` is called after each
    request that succeeded (a progress bar). ``query_url`` (default: by :func:`query_url_for`) lists the
    remote graphs, to count the stale ones, or delete them with ``replace``. Raises ServerError or
    Unreachable, or PushCutOff, naming how far it got, once a request has succeeded.
    """
    started = time.monotonic()
    query_url = query_url or query_url_for(gsp_url)
    if replace and query_url is None:
        raise UsageError(
            "cannot tell which graphs the server holds without its SPARQL query endpoint: give --query-endpoint URL",
            about=option("replace"),
        )
    merge = check_merge(merge)
    batches = plan(store, batch, merge)
    for done, b in enumerate(batches):
        try:
            send(http, gsp_url, b)
        except ServerError as exc:
            if b.graph is None and b.first:
                raise RemoteError(
                    f"{exc} (while writing the merge of the graphs into the server's default graph; for a "
                    f"server without one, such as Virtuoso, give --merge-graph {MERGE_GRAPH})"
                ) from exc
            raise _cut_off(exc, done, len(batches)) from exc
        except RemoteError as exc:
            raise _cut_off(exc, done, len(batches)) from exc
        if on_batch is not None:
            on_batch(b)
    sources = [b for b in batches if not b.merge]
    summary = Summary(merge, batches=len(batches))
    summary.names = sorted({b.graph for b in sources if b.graph is not None})
    summary.graphs = len(summary.names)
    summary.triples = sum(len(b.triples) for b in sources)
    summary.merge_triples = sum(len(b.triples) for b in batches if b.merge)
    if query_url is not None:
        stale = tuple(sorted(remote_graphs(http, query_url) - {*summary.names, merge}))
        if replace:
            for name in stale:
                request(http, "DELETE", graph_url(gsp_url, name), allow=(404,))
            summary.deleted = True
        summary.stale = stale
    summary.seconds = time.monotonic() - started
    return summary


def _cut_off(exc: RemoteError, done: int, total: int) -> RemoteError:
    if done == 0:
        return exc
    return PushCutOff(
        f"{exc} (the push stopped after {done} of {total} requests: run it again to finish; "
        "every graph is written whole again, so nothing is duplicated)"
    )
