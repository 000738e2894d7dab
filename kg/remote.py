"""A remote SPARQL endpoint as a :class:`kg.store.Store`, so every module works unchanged on it.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol itself (queries POSTed form-encoded), not through
rdflib's ``SPARQLUpdateStore``, which silently answers nothing to ``GRAPH ?g`` queries against Oxigraph
server and Fuseki. Answers are parsed by pyoxigraph into the types a local store returns
(``QuerySolutions``, ``QueryBoolean``, triples), so :mod:`kg.queries`, :mod:`kg.labels`, :mod:`kg.show`,
:mod:`kg.network` and :mod:`kg.export` read them as they read a local answer.

- **Prefixes.** Locally our prefixes (:data:`kg.namespaces.PREFIXES`) are predeclared; a remote engine
  does not know them, so the ones a query does not declare itself are declared on its first line (line
  numbers still hold).
- **Parameters.** A remote endpoint has no SEP-0007 substitution (:attr:`substitutes` is False):
  :mod:`kg.queries` binds every parameter by its ``VALUES`` fallback. The text sent is parsed locally
  first, so a malformed query fails as it does on a local store, before anything is sent.
- **The default graph.** Locally it is the merge of the sources' graphs, each triple once. A remote
  server must be set up to give the same: the merge in its default graph (``kg serve``; ``kg push``
  writes it there on Oxigraph server), or in a named graph, ``merge_graph`` (``--merge-graph IRI``, as
  ``kg push --merge-graph`` writes it on Virtuoso): queries then name their dataset, that graph as the
  default graph (``default-graph-uri``) and the sources' graphs as the named ones (``named-graph-uri``).
  A server's "union default graph" yields a triple once per graph holding it (duplicate rows, inflated
  counts): not the same answers. A default graph found empty while the named graphs hold data is an
  error naming the fix. :meth:`quads`, :meth:`union_triples` and ``len()`` read the sources' graphs
  (``GRAPH ?g``, leaving out ``merge_graph`` and the graphs a server keeps for itself) whatever the
  default graph holds.
- **Limits.** An answer the server cut at its row limit (header ``X-SPARQL-MaxRows``, as Virtuoso and
  ``kg serve --max-rows`` send) is an error for a query; :meth:`quads` reads such a store in pages.
- **Read-only.** Writing (:meth:`add_ox`, :meth:`save`) raises :class:`kg.errors.UsageError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import Node

from kg.errors import UsageError, option
from kg.http_client import BODY_SHOWN, DEFAULT_TIMEOUT, RemoteError, ServerError, client, request, shown_url
from kg.namespaces import PREFIXES
from kg.sparql_syntax import strip
from kg.store import Store

SELECT_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5"
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
# Graphs a server keeps for itself (a fresh Virtuoso's: its RDF views, LDP, its SPARQL service), never a source's.
SERVER_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
_PARSER = ox.Store()  # parses only: substituting a variable no query has fails after parsing, before evaluation
_PROBE: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
    ox.Variable("kg_parse_only"): ox.Literal("")
}
_QUADS = "SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {} }}"


def with_prefixes(text: str) -> str:
    """``text`` with our prefixes it does not declare itself declared on its first line."""
    declared = {m[1] or "" for m in _DECLARED.finditer(strip(text))}
    missing = "".join(f"PREFIX {p}: <{iri}> " for p, iri in PREFIXES.items() if p not in declared)
    return missing + text


def form(text: str) -> str:
    """The query form in lower case: select, ask, construct or describe (select when none is found)."""
    found = _FORM.search(strip(text))
    return found[1].lower() if found else "select"


def _parse_locally(text: str) -> None:
    """Raise SyntaxError as a local store would for a query that does not parse (the text as sent)."""
    try:
        _PARSER.query(text, prefixes=PREFIXES, substitutions=_PROBE)
    except RuntimeError:  # parsed: only the probe's substitution failed
        return


def _merge_graph(given: str | None) -> str | None:
    """The merge graph as given (``default``: the server's default graph, as not giving one) → an IRI or None."""
    if given is None or given.lower() == "default":
        return None
    try:
        absolute = bool(ox.NamedNode(given)) and ":" in given
    except ValueError:
        absolute = False
    if not absolute:
        raise UsageError(
            "give the absolute IRI of the graph holding the merge (as given to kg push --merge-graph), or default",
            about=option("merge_graph"),
            value=given,
        )
    return given


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).split(";")[0].strip().lower()


class RemoteStore(Store):
    """The dataset of a remote SPARQL endpoint, read-only. ``client`` is an :func:`kg.http_client.client`
    (auth, timeouts); ``merge_graph`` the named graph holding the merge of the sources' graphs, when the
    server's own default graph does not."""

    substitutes = False

    def __init__(self, url: str, client: httpx.Client, merge_graph: str | None = None) -> None:
        super().__init__()
        self.url = url
        self.shown = shown_url(url)
        self.merge_graph = _merge_graph(merge_graph)
        self._client = client
        self._checked = False
        self._quads: list[ox.Quad] | None = None
        self._named_graphs: list[str] | None = None

    def __repr__(self) -> str:
        return f"RemoteStore({self.shown!r})"

    # --- the protocol

    def _post(self, text: str, accept: str, dataset: bool = True) -> httpx.Response:
        """POST the query, form-encoded (every server takes it; Virtuoso never answers a POST of
        ``application/sparql-query``). With ``merge_graph`` and ``dataset``, the dataset too: that graph as the
        default graph and the sources' graphs as the named graphs."""
        fields: dict[str, str | list[str]] = {"query": with_prefixes(text)}
        if dataset and self.merge_graph:
            fields["default-graph-uri"] = self.merge_graph
            fields["named-graph-uri"] = self._named()
        try:
            return request(self._client, "POST", self.url, data=fields, headers={"Accept": accept})
        except ServerError as exc:
            raise RemoteError(f"{self.shown}: {exc}") from exc

    def _named(self) -> list[str]:
        """The sources' graphs on the endpoint (read once): all but ``merge_graph`` and the server's own.
        A request naming a default graph has only the named graphs it names, so these are named."""
        if self._named_graphs is None:
            text = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"
            self._named_graphs = sorted(r["g"].value for r in self._rows(self._post(text, SELECT_ACCEPT, False)))
        return self._named_graphs

    def _cut(self, response: httpx.Response) -> int | None:
        """The row limit the server cut this answer at, or None for a whole answer."""
        value = response.headers.get(MAX_ROWS_HEADER)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            return 0

    def _unexpected(self, response: httpx.Response, asked: str, wanted: str) -> RemoteError:
        got = _media_type(response) or "no content type"
        return RemoteError(f"{self.shown} answered {asked} with {got}, not {wanted}: is it a SPARQL endpoint?")

    def _broken(self, response: httpx.Response, fmt: str, exc: SyntaxError) -> RemoteError:
        """A body that does not parse: often an answer the server broke off (an error after a 200 status)."""
        text = response.text
        end = " ".join(text[-BODY_SHOWN:].split())
        return RemoteError(
            f"{self.shown} sent an answer that is cut short or not valid {fmt} ({exc.msg}); it ends: "
            f"{'…' if len(text) > BODY_SHOWN else ''}{end}"
        )

    def _read(self, response: httpx.Response) -> tuple[ox.QueryResultsFormat, Any]:
        """The answer read whole (a broken body is an error here, not halfway through its rows): its format,
        and the QueryBoolean or the list of solutions."""
        try:
            fmt = ox.QueryResultsFormat.from_media_type(_media_type(response))
        except ValueError:
            fmt = None
        if fmt is None:
            raise self._unexpected(response, "a SELECT or ASK query", "SPARQL results (JSON or XML)")
        try:
            parsed = ox.parse_query_results(response.content, format=fmt)
            return fmt, parsed if isinstance(parsed, ox.QueryBoolean) else list(parsed)
        except SyntaxError as exc:
            raise self._broken(response, fmt.name, exc) from exc

    def _solutions(self, response: httpx.Response) -> Any:
        """QuerySolutions (as a local store returns them) or a QueryBoolean, once the whole body has parsed."""
        fmt, read = self._read(response)
        return read if isinstance(read, ox.QueryBoolean) else ox.parse_query_results(response.content, format=fmt)

    def _rows(self, response: httpx.Response) -> list[ox.QuerySolution]:
        rows = self._read(response)[1]
        return [] if isinstance(rows, ox.QueryBoolean) else list(rows)

    def _triples(self, response: httpx.Response) -> list[ox.Triple]:
        try:
            fmt = ox.RdfFormat.from_media_type(_media_type(response))
        except ValueError:
            fmt = None
        if fmt is None:
            raise self._unexpected(response, "a CONSTRUCT or DESCRIBE query", "RDF")
        try:
            return [q.triple for q in ox.parse(response.content, format=fmt)]
        except SyntaxError as exc:
            raise self._broken(response, fmt.name, exc) from exc

    def _check_default_graph(self) -> None:
        """Once: an empty default graph beside named graphs holding data is a server set up wrong for us."""
        if self._checked:
            return
        self._checked = True
        if bool(self._read(self._post("ASK { ?s ?p ?o }", SELECT_ACCEPT))[1]):
            return
        if not bool(self._read(self._post("ASK { GRAPH ?g { ?s ?p ?o } }", SELECT_ACCEPT, dataset=False))[1]):
            return  # an empty store: answers are empty, as they are locally without data
        if self.merge_graph:
            which = f"the merge graph <{self.merge_graph}> is empty"
            fix = "give the graph that kg push --merge-graph wrote"
        else:
            which = "its default graph is empty"
            fix = "give --merge-graph IRI, the graph holding the merge of the sources' graphs (kg push writes it)"
        raise UsageError(
            f"{which} while its named graphs hold data, so queries would find nothing: {fix}",
            about=option("endpoint"),
            value=self.shown,
        )

    # --- the Store interface

    def query(self, sparql: str, substitutions: Mapping[str, Node] | None = None) -> Any:
        """Run a query on the endpoint: QuerySolutions or QueryBoolean for SELECT and ASK, a list of triples
        for CONSTRUCT and DESCRIBE. Raises SyntaxError for a query that does not parse, as a local store."""
        if substitutions:
            raise ValueError("a remote endpoint cannot substitute variables: bind them with kg.queries.with_values")
        _parse_locally(sparql)
        self._check_default_graph()
        graph = form(sparql) in ("construct", "describe")
        response = self._post(sparql, GRAPH_ACCEPT if graph else SELECT_ACCEPT)
        limit = self._cut(response)
        if limit is not None:
            raise RemoteError(
                f"{self.shown} cut the answer at its limit of {limit:,} rows ({MAX_ROWS_HEADER}): ask for less "
                "(LIMIT, narrower parameters) or raise the server's limit (kg serve --max-rows, Virtuoso's "
                "ResultSetMaxRows)"
            )
        return self._triples(response) if graph else self._solutions(response)

    def add_ox(self, quads: Iterable[ox.Quad], merged: bool = False) -> None:
        raise UsageError(
            "a remote endpoint is read here, never written: to change its data, edit the sources and "
            "kg push them again",
            about=option("endpoint"),
            value=self.shown,
        )

    def save(self, path: Any) -> None:
        raise UsageError(
            "a remote endpoint cannot be saved as a store folder: kg export --endpoint URL -o FILE.nq writes its quads",
            about=option("endpoint"),
            value=self.shown,
        )

    def pairs(self, predicate: str) -> list[tuple[str, str]]:
        return [(str(a), str(b)) for a, b in self.select_values(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")]

    @property
    def engine(self) -> ox.Store:
        raise UsageError("a remote endpoint has no local engine", about=option("endpoint"), value=self.shown)

    def _ours(self) -> str:
        """A FILTER keeping ?g to the sources' graphs: not ``merge_graph``, not the server's own."""
        tests = [f'!STRSTARTS(STR(?g), "{prefix}")' for prefix in SERVER_GRAPHS]
        if self.merge_graph:
            tests.insert(0, f"?g != <{self.merge_graph}>")
        return f"FILTER({' && '.join(tests)})"

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the sources' graphs (the named graphs but ``merge_graph`` and the server's own), read
        once; in pages when the server cuts answers at a row limit."""
        if self._quads is None:
            text = _QUADS.format(self._ours())
            response = self._post(text, SELECT_ACCEPT, dataset=False)
            limit = self._cut(response)
            rows = self._rows(response) if limit is None else list(self._pages(text, limit))
            self._quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        return iter(self._quads)

    def _pages(self, text: str, size: int) -> Iterator[Any]:
        if size <= 0:
            raise RemoteError(f"{self.shown} cuts answers at {size} rows: no page of quads can be read")
        offset = 0
        while True:
            page = f"{text} ORDER BY ?g ?s ?p ?o LIMIT {size} OFFSET {offset}"
            rows = self._rows(self._post(page, SELECT_ACCEPT, dataset=False))
            yield from rows
            if len(rows) < size:
                return
            offset += size

    def __len__(self) -> int:
        """The number of quads in the sources' graphs."""
        if self._quads is not None:
            return len(self._quads)
        text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"
        for row in self._rows(self._post(text, SELECT_ACCEPT, dataset=False)):
            return int(row["n"].value)
        return 0

    def union_triples(self) -> list[ox.Triple]:
        """Every triple of every named graph once, sorted: the merge, whatever the server's default graph holds."""
        return sorted({q.triple for q in self.quads()}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def union_ntriples(self) -> bytes:
        return ox.serialize(self.union_triples(), format=ox.RdfFormat.N_TRIPLES) or b""

    def sorted_nquads(self) -> bytes:
        return ox.serialize(self.sorted_quads(), format=ox.RdfFormat.N_QUADS) or b""


@contextmanager
def connect(
    url: str, auth: httpx.Auth | None = None, merge_graph: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[RemoteStore]:
    """A :class:`RemoteStore` on ``url`` with its own HTTP client (``auth`` from :func:`kg.http_client.auth_for`),
    closed when the block ends."""
    with client(auth, timeout) as http:
        yield RemoteStore(url, http, merge_graph)
