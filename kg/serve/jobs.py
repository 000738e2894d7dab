"""The work a worker process does for one request: run a query on the store and write the whole answer.

The endpoint's parent process reads the request, checks what it can without the store (the form, the
formats asked for) and sends a job; :func:`execute` runs it in a worker (:mod:`kg.serve.workers`) and
returns an :class:`Answer`: the complete document and its media type, or an error with its status. It
never raises, so a worker survives any query. Answers longer than ``max_rows`` rows (triples for a
graph) are cut there and say so (``cut_at``); the document stays complete and well formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg import sparql_syntax
from kg.catalogue import StoredQuery
from kg.errors import Input, UsageError
from kg.labels import labels_of
from kg.namespaces import PREFIXES
from kg.queries import Result, bind, run
from kg.results import label_columns
from kg.serve import render
from kg.serve.forms import uses_service
from kg.serve.negotiation import GRAPH_FORMATS, RESULT_FORMATS, Choice, listing
from kg.store import Store, to_ox
from kg.terms import Resolver

SHOWN = "the query"
_PARSER = ox.Store()
_PROBE = ox.Variable("kg_parse_only")
_RELATIVE_IRI = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]*:)[^<>\s\"{}|^`\\]*>")
SERVICE_REFUSED = (
    "the query calls another endpoint (SERVICE), which this server refuses so that it sends no request "
    "out; start kg serve with --allow-service to allow federated queries"
)


@dataclass(frozen=True)
class Answer:
    """A whole response: ``status``, the document and its media type, the rows it holds (None when rows do
    not apply), ``cut_at`` (the row limit, when the answer was cut there) and, for an error, ``error``: the
    message and the data of the :class:`~kg.errors.UsageError` behind it, for a JSON response."""

    status: int
    body: bytes
    content_type: str
    rows: int | None = None
    cut_at: int | None = None
    error: dict[str, Any] | None = None


@dataclass(frozen=True)
class SparqlJob:
    """A query sent through the SPARQL protocol; ``default_graphs``/``named_graphs`` the protocol's dataset
    (None: the store's own, whose default graph is the merge of all sources); ``results`` and ``graphs``
    the formats chosen for each kind of answer (None: the client accepts none); ``base`` the IRI relative
    IRIs in the query resolve against (the endpoint's address)."""

    query: str
    results: Choice | None
    graphs: Choice | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    max_rows: int = 10_000
    allow_service: bool = False
    base: str | None = None


@dataclass(frozen=True)
class StoredJob:
    """A stored query with its parameters as given (``given``), bound as ``kg query`` binds them, names read
    in ``lang``; ``labels`` (a language) adds a ``NAME_label`` column beside each column of IRIs."""

    query: StoredQuery
    given: tuple[tuple[str, str], ...]
    results: Choice | None
    graphs: Choice | None
    lang: str = "en"
    labels: str | None = None
    max_rows: int = 10_000


Job = SparqlJob | StoredJob


def error(status: int, message: str, data: dict[str, Any] | None = None) -> Answer:
    """An error answer; the message is the text body, and ``error`` holds it with ``data`` for JSON."""
    return Answer(
        status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", error={"error": message, **(data or {})}
    )


def _spelled(about: Input) -> str:
    """How an error names its input at the endpoint: 'parameter a', 'format'; the query text is unnamed."""
    if about.kind == "query":
        return ""
    return f"parameter {about.name}" if about.kind == "parameter" else about.name


def usage_error(exc: UsageError, status: int = 400) -> Answer:
    return error(status, exc.render(_spelled), exc.to_dict())


def not_acceptable(kind: str) -> Answer:
    offered = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    what = "a graph (CONSTRUCT, DESCRIBE)" if kind == "graph" else "results (SELECT, ASK)"
    return error(
        406,
        f"the answer is {what}, and Accept names none of its formats: ask for one of {listing(offered)} "
        f"(or add format=NAME: {', '.join(f.name for f in offered)})",
    )


def execute(store: Store, job: Job) -> Answer:
    """Run ``job`` on ``store``; every failure becomes an error answer."""
    try:
        if isinstance(job, StoredJob):
            return _stored(store, job)
        return _sparql(store, job)
    except UsageError as exc:
        return usage_error(exc)
    except Exception as exc:  # a worker must answer whatever happens: the parent turns this into a 500
        return error(500, f"the query failed while running: {type(exc).__name__}: {exc}")


# --- the protocol: Oxigraph's terms straight into the documents
def _dataset(engine: ox.Store, job: SparqlJob) -> tuple[ox.Store, Any, Any]:
    """The store to query and its ``default_graph``/``named_graphs`` arguments for the protocol's dataset.

    A protocol dataset replaces the query's FROM and FROM NAMED: given only named graphs, the default graph
    is empty; given only default graphs, there are no named graphs. Oxigraph yields a triple once per
    default graph holding it, so several default graphs are merged into a scratch store (each triple once).
    """
    if job.default_graphs is None and job.named_graphs is None:
        return engine, None, None
    default = [ox.NamedNode(g) for g in job.default_graphs or ()]
    named = [ox.NamedNode(g) for g in job.named_graphs or ()]
    if len(default) <= 1:
        return engine, default, named
    merged = ox.Store()
    merged.extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
        for g in default
        for q in engine.quads_for_pattern(None, None, None, g)
    )
    merged.extend(q for g in named for q in engine.quads_for_pattern(None, None, None, g))
    return merged, None, None


def syntax_error(text: str, exc: SyntaxError) -> Answer:
    """A 400 with the located, worded message of :mod:`kg.sparql_syntax` (Oxigraph's when it finds none,
    or when the query holds relative IRIs, which that module, knowing no base IRI, takes for errors)."""
    if not _RELATIVE_IRI.search(text):
        try:
            sparql_syntax.check(text, SHOWN)
        except UsageError as located:
            return usage_error(located)
    return error(400, f"SPARQL syntax error in {SHOWN}: {exc.msg}")


def _parse_problem(text: str, base: str | None) -> SyntaxError | None:
    """Parse without running (substituting a variable the query lacks fails after parsing, before any
    evaluation, so no SERVICE call goes out): the syntax error, or None when the query parses."""
    try:
        _PARSER.query(text, prefixes=PREFIXES, base_iri=base, substitutions={_PROBE: ox.Literal("")})
    except SyntaxError as exc:
        return exc
    except (RuntimeError, ValueError, OSError):
        return None
    return None


def _sparql(store: Store, job: SparqlJob) -> Answer:
    text = job.query
    service = uses_service(text)
    if service and not job.allow_service:
        problem = _parse_problem(text, job.base)
        return error(400, SERVICE_REFUSED) if problem is None else syntax_error(text, problem)
    engine, default, named = _dataset(store.engine, job)
    if engine is store.engine and default is None and named is None:
        default = store.default_for(text)  # the store's default graph, when it keeps a graph separate
    try:
        raw = engine.query(text, prefixes=PREFIXES, base_iri=job.base, default_graph=default, named_graphs=named)
    except SyntaxError as exc:
        return syntax_error(text, exc)
    try:
        return _answer(raw, job)
    except (OSError, RuntimeError, ValueError) as exc:
        if service:
            return error(502, f"a SERVICE call of the query failed: {exc}")
        raise


def _answer(raw: Any, job: SparqlJob) -> Answer:
    if isinstance(raw, ox.QueryBoolean):
        if job.results is None:
            return not_acceptable("results")
        return Answer(200, render.boolean(job.results.format.name, bool(raw)), job.results.content_type)
    if isinstance(raw, ox.QuerySolutions):
        if job.results is None:
            return not_acceptable("results")
        names = [v.value for v in raw.variables]
        rows = [tuple(solution) for solution in islice(raw, job.max_rows + 1)]
        return _solutions(job.results, names, rows, job.max_rows)
    if job.graphs is None:
        return not_acceptable("graph")
    return _graph(job.graphs, raw, job.max_rows)


def _solutions(fmt: Choice, names: Sequence[str], rows: Sequence[render.Row], max_rows: int) -> Answer:
    cut = max_rows if len(rows) > max_rows else None
    kept = rows[:max_rows]
    return Answer(200, render.solutions(fmt.format.name, names, kept), fmt.content_type, len(kept), cut)


def _graph(fmt: Choice, triples: Iterable[ox.Triple], max_rows: int) -> Answer:
    distinct: dict[ox.Triple, None] = {}
    cut = None
    for t in triples:
        if t in distinct:
            continue
        if len(distinct) == max_rows:
            cut = max_rows
            break
        distinct[t] = None
    body = render.graph(fmt.format.name, list(distinct))
    return Answer(200, body, fmt.content_type, len(distinct), cut)


# --- stored queries: bound and run as kg query runs them
def _stored(store: Store, job: StoredJob) -> Answer:
    query = job.query
    result = run(store, query.text, bind(query, dict(job.given), Resolver(store, job.lang)), query.shown)
    if result.form == "graph":
        if job.graphs is None:
            return not_acceptable("graph")
        triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.triples]
        return _graph(job.graphs, triples, job.max_rows)
    if job.results is None:
        return not_acceptable("results")
    if result.form == "ask":
        return Answer(200, render.boolean(job.results.format.name, bool(result.boolean)), job.results.content_type)
    result.rows = result.rows[: job.max_rows + 1]
    names, rows = _labelled(store, result, job.labels)
    return _solutions(job.results, names, rows, job.max_rows)


def _labelled(store: Store, result: Result, lang: str | None) -> tuple[list[str], list[render.Row]]:
    """The result's columns and rows as Oxigraph terms, with a ``NAME_label`` column beside each column of
    IRIs when ``lang`` asks for labels (as ``kg query --format csv`` writes them)."""
    labelled = set(label_columns(result)) if lang else set()
    iris = {str(r[v]) for r in result.rows for v in labelled if isinstance(r.get(v), URIRef)}
    labels = labels_of(store, lang, iris) if lang and iris else {}
    names = [n for v in result.variables for n in ((v, f"{v}_label") if v in labelled else (v,))]
    rows: list[render.Row] = []
    for r in result.rows:
        row: list[render.Term | None] = []
        for v in result.variables:
            term = r.get(v)
            row.append(None if term is None else to_ox(term))
            if v in labelled:
                label = labels.get(str(term), "") if isinstance(term, URIRef) else ""
                row.append(ox.Literal(label) if label else None)
        rows.append(row)
    return names, rows
