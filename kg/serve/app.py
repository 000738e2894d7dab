"""The endpoint as a Starlette application: ``/sparql``, ``/queries``, the page at ``/``, and nothing that writes.

- ``/sparql``: the SPARQL 1.1 Protocol (:mod:`kg.serve.protocol`); without a query, the service
  description (:mod:`kg.serve.description`), or a redirect to the page for a browser asking for HTML.
- ``/queries`` and ``/queries/NAME``: the stored queries (:mod:`kg.serve.stored`).
- ``/`` and ``/assets/…``: the page (:mod:`kg.serve.page`).
- Any other path: 404 for reading, 405 for writing (PUT, DELETE, PATCH, POST): the endpoint is read-only.

Queries run in the worker pool (:mod:`kg.serve.workers`), each within ``timeout`` seconds of its
arrival. Errors at ``/sparql`` are text (SPARQL clients show the body as it is: the located syntax
error with its caret); elsewhere they are JSON, ``{"error": message, …}``. Every response allows any
origin (CORS, preflight included) and each request is logged in one line:
``METHOD PATH STATUS TIMEms ROWS`` (``-`` where no rows apply).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.catalogue import StoredQuery, stored_queries
from kg.errors import UsageError
from kg.serve import page, stored
from kg.serve.description import Dataset, description, render
from kg.serve.forms import gives_graph, query_form
from kg.serve.jobs import Answer, Job, SparqlJob, StoredJob, not_acceptable, usage_error
from kg.serve.negotiation import GRAPH_FORMATS, HTML, RESULT_FORMATS, Choice, choose, listing, named
from kg.serve.protocol import QUERY_METHODS, SEND_QUERY, HttpError, parse_params, read_only, read_operation
from kg.serve.workers import Busy, ClientGone, Pool, Stopping, TimedOut, WorkerDied

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
READ_METHODS = ("GET", "HEAD", "OPTIONS")
CLIENT_GONE = 499  # logged only: nobody is left to receive it


@dataclass(frozen=True)
class Settings:
    """The limits of ``kg serve``: seconds per request, rows per answer, bytes per request body."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_000_000
    allow_service: bool = False


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class AccessLog:
    """Outermost layer: one log line per request, and ``Access-Control-Allow-Origin: *`` on every response."""

    def __init__(self, app: ASGIApp, log: Callable[[str], None]) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        record: dict[str, Any] = {"rows": None}
        scope["kg.log"] = record

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
                headers = MutableHeaders(scope=message)
                if "access-control-allow-origin" not in headers:
                    headers["Access-Control-Allow-Origin"] = "*"
                    headers["Access-Control-Expose-Headers"] = "X-SPARQL-MaxRows"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            status = CLIENT_GONE if record.get("gone") else record.get("status", 500)
            ms = round((time.perf_counter() - start) * 1000)
            rows = "-" if record["rows"] is None else record["rows"]
            raw = scope.get("raw_path") or scope["path"].encode("utf-8")
            path = "".join(c if c.isprintable() and c != " " else "?" for c in raw.decode("latin-1"))
            self.log(f"{scope['method']} {path} {status} {ms}ms {rows}")


def endpoint_iri(request: Request) -> str | None:
    """The address the request came to, without its query: the endpoint's IRI (None if the Host header
    makes it no IRI)."""
    try:
        return ox.NamedNode(str(request.url.replace(query="", fragment=""))).value
    except ValueError:
        return None


def _note(request: Request, **values: Any) -> None:
    request.scope.setdefault("kg.log", {}).update(values)


class Endpoint:
    """The request handlers, sharing the pool, the dataset's description data and the limits."""

    def __init__(self, pool: Pool, dataset: Dataset, settings: Settings, queries: list[StoredQuery]) -> None:
        self.pool = pool
        self.dataset = dataset
        self.settings = settings
        self.queries = stored.catalogue(queries)

    # --- /sparql
    async def sparql(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(QUERY_METHODS)})
        if request.method not in QUERY_METHODS:
            raise read_only(request.method, request.url.path)
        deadline = asyncio.get_running_loop().time() + self.settings.timeout
        op = await read_operation(request, self.settings.max_body)
        if op.query is None:
            if request.method == "POST":
                raise HttpError(400, f"the POST holds no query: {SEND_QUERY}")
            return self.describe(request, op.format)
        results, graphs = self.formats(request, op.format, query_form(op.query))
        if results is None and graphs is None:
            return respond(request, not_acceptable("results"), json=False)
        job = SparqlJob(
            op.query,
            results,
            graphs,
            op.default_graphs,
            op.named_graphs,
            self.settings.max_rows,
            self.settings.allow_service,
            base=endpoint_iri(request),
        )
        return await self.run(request, job, deadline, json=False)

    def describe(self, request: Request, fmt: str | None) -> Response:
        if fmt:
            choice: Choice | None = named(fmt, GRAPH_FORMATS, "the service description (a graph)")
        else:
            choice = choose(request.headers.get("accept"), [*GRAPH_FORMATS, HTML])
        if choice is None:
            raise HttpError(406, f"the service description is a graph: ask for one of {listing(GRAPH_FORMATS)}")
        if choice.format is HTML:
            return RedirectResponse("/", status_code=303, headers={"Vary": "Accept"})
        endpoint = endpoint_iri(request) or "http://localhost/sparql"
        body = render(description(endpoint, self.dataset, self.settings.allow_service), choice.format.name)
        return Response(body, headers={"Content-Type": choice.content_type, "Vary": "Accept"})

    def formats(self, request: Request, fmt: str | None, form: str | None) -> tuple[Choice | None, Choice | None]:
        """The format for results and the one for graphs; only the one the form needs when it is known."""
        if fmt:
            if form is None:  # not a query, most likely: the worker will say why
                results, graphs = _try(fmt, RESULT_FORMATS), _try(fmt, GRAPH_FORMATS)
                if results is None and graphs is None:
                    named(fmt, (*RESULT_FORMATS, *GRAPH_FORMATS), "an answer")  # raises: an unknown format
                return results, graphs
            if gives_graph(form):
                return None, named(fmt, GRAPH_FORMATS, "a graph (the answer of CONSTRUCT and DESCRIBE)")
            return named(fmt, RESULT_FORMATS, "results (the answer of SELECT and ASK)"), None
        accept = request.headers.get("accept")
        results, graphs = choose(accept, RESULT_FORMATS), choose(accept, GRAPH_FORMATS)
        if form is not None and (graphs if gives_graph(form) else results) is None:
            raise _NotAcceptable("graph" if gives_graph(form) else "results")
        return results, graphs

    # --- /queries
    async def list_queries(self, request: Request) -> Response:
        if request.method not in READ_METHODS:
            raise read_only(request.method, request.url.path, READ_METHODS)
        return JSONResponse(stored.listing(self.queries))

    async def stored_query(self, request: Request) -> Response:
        if request.method not in READ_METHODS:
            raise read_only(request.method, request.url.path, READ_METHODS)
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(READ_METHODS)})
        deadline = asyncio.get_running_loop().time() + self.settings.timeout
        query = stored.find(self.queries, request.path_params["name"])
        reserved, given = stored.split(parse_params(request.scope.get("query_string", b""), "URL"))
        results, graphs = self.formats(request, reserved.get("format"), query_form(query.text))
        job = StoredJob(
            query,
            tuple(given.items()),
            results,
            graphs,
            reserved.get("lang", "en"),
            reserved.get("labels"),
            self.settings.max_rows,
        )
        return await self.run(request, job, deadline, json=True)

    # --- everything else
    async def elsewhere(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(READ_METHODS)})
        if request.method not in READ_METHODS:
            raise read_only(request.method, request.url.path, READ_METHODS)
        raise HttpError(
            404, f"nothing at {request.url.path}: the SPARQL endpoint is /sparql, the stored queries /queries"
        )

    # --- running a job and answering
    async def run(self, request: Request, job: Job, deadline: float, json: bool) -> Response:
        gone = asyncio.Event()
        watcher = asyncio.ensure_future(_watch(request.receive, gone))
        t = self.settings.timeout
        try:
            answer = await self.pool.run(job, deadline, gone)
        except Busy:
            raise HttpError(
                503,
                f"all {self.pool.size} workers stayed busy for the time limit of {t:g} s (kg serve --timeout): "
                "try again later, or start kg serve with more --workers",
                {"Retry-After": "1"},
            ) from None
        except TimedOut:
            raise HttpError(
                503,
                f"the query ran past the time limit of {t:g} s (kg serve --timeout) and was stopped: make it "
                "more selective (a LIMIT, a FILTER, fewer unbound patterns), or start kg serve with a longer --timeout",
            ) from None
        except WorkerDied as exc:
            raise HttpError(500, f"{exc}; it was replaced: try again") from None
        except Stopping:
            raise HttpError(
                503, "the server is shutting down: try again once it is back", {"Connection": "close"}
            ) from None
        except ClientGone:
            _note(request, gone=True)
            return Response(status_code=CLIENT_GONE)
        finally:
            watcher.cancel()
        return respond(request, answer, json)


def respond(request: Request, answer: Answer, json: bool) -> Response:
    """The response carrying a worker's answer: its document, or its error as text or JSON."""
    _note(request, rows=answer.rows)
    headers = {"Vary": "Accept"}
    if answer.cut_at is not None:
        headers["X-SPARQL-MaxRows"] = str(answer.cut_at)
    if answer.error is not None and json:
        return JSONResponse(answer.error, status_code=answer.status, headers=headers)
    headers["Content-Type"] = answer.content_type
    return Response(answer.body, status_code=answer.status, headers=headers)


class _NotAcceptable(Exception):
    def __init__(self, kind: str) -> None:
        self.kind = kind


def _try(fmt: str, offered: tuple[Any, ...]) -> Choice | None:
    try:
        return named(fmt, offered, "")
    except UsageError:
        return None


async def _watch(receive: Receive, gone: asyncio.Event) -> None:
    """Set ``gone`` when the client disconnects (the request's body has been read by then)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return


def _json_errors(request: Request) -> bool:
    return request.url.path not in ("/sparql", "/sparql/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HttpError)
    if _json_errors(request):
        return JSONResponse({"error": exc.message, **exc.data}, status_code=exc.status, headers=exc.headers)
    return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=exc.headers)


async def _usage_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UsageError)
    return respond(request, usage_error(exc), _json_errors(request))


async def _not_acceptable(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, _NotAcceptable)
    return respond(request, not_acceptable(exc.kind), _json_errors(request))


async def _starlette_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return await _http_error(request, HttpError(exc.status_code, exc.detail, exc.headers))


def create_app(
    pool: Pool,
    dataset: Dataset,
    settings: Settings | None = None,
    queries: list[StoredQuery] | None = None,
    log: Callable[[str], None] = _stderr,
) -> ASGIApp:
    """The ASGI application of ``kg serve`` over a started ``pool``; ``log`` receives one line per request."""
    endpoint = Endpoint(pool, dataset, settings or Settings(), stored_queries() if queries is None else queries)
    routes: list[BaseRoute] = [
        Route("/sparql", endpoint.sparql, methods=ALL_METHODS),
        Route("/sparql/", endpoint.sparql, methods=ALL_METHODS),
        Route("/queries", endpoint.list_queries, methods=ALL_METHODS),
        Route("/queries/{name:path}", endpoint.stored_query, methods=ALL_METHODS),
        *page.routes(),
        Route("/{path:path}", endpoint.elsewhere, methods=ALL_METHODS),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                allow_headers=["*"],
                expose_headers=["X-SPARQL-MaxRows"],
                max_age=86400,
            )
        ],
        exception_handlers={
            HttpError: _http_error,
            UsageError: _usage_error,
            _NotAcceptable: _not_acceptable,
            HTTPException: _starlette_error,
        },
    )
    return AccessLog(app, log)
