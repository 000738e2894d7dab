"""Reading a SPARQL 1.1 Protocol request: the query, the dataset, and everything a read-only endpoint refuses.

A query comes by GET (``?query=``), by POST of a form (``application/x-www-form-urlencoded``, ``query=``)
or by POST of the query itself (``application/sparql-query``), UTF-8 always; ``default-graph-uri`` and
``named-graph-uri`` (repeatable) may come in the URL, or in the form. What does not fit is an
:class:`HttpError` with the status the W3C protocol tests expect and a message saying what to send
instead: two queries (400), a body that is not UTF-8 (400) or not in a query media type (415), a body
over the limit (413), SPARQL Update in any form and Graph Store writes (403, read-only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request

from kg.serve.forms import is_update

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
RDF_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
    "application/rdf+xml",
)
READ_ONLY = (
    "this endpoint is read-only: it answers SPARQL queries and accepts no SPARQL Update "
    "(to change the graph, edit the data and restart kg serve, or load it into a triple store with kg push)"
)
SEND_QUERY = (
    f"send a query as GET /sparql?query=…, as a POST of a form ({FORM}, query=…), "
    f"or as a POST of the query itself ({QUERY})"
)
QUERY_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


class HttpError(Exception):
    """A request the endpoint refuses: the status, the message for the client, extra headers."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.data = dict(data or {})


def read_only(method: str, path: str, allowed: tuple[str, ...] = QUERY_METHODS) -> HttpError:
    """The answer to a method that would write (PUT, DELETE, PATCH…): 405, naming what is allowed."""
    return HttpError(
        405,
        f"{method} is not accepted at {path}: kg serve is read-only and takes no SPARQL Graph Store writes "
        f"or updates; it answers {', '.join(allowed)}",
        {"Allow": ", ".join(allowed)},
    )


@dataclass(frozen=True)
class Operation:
    """What the request asks: the query (None: none given, so the service description), the protocol's
    dataset (None where not given) and ``format=`` when given."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    format: str | None = None


def parse_params(raw: bytes | str, where: str) -> list[tuple[str, str]]:
    """``name=value`` pairs, percent-decoded as UTF-8 (anything else is a 400)."""
    text = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, f"the {where} is not UTF-8: percent-encode the query's UTF-8 bytes") from None


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    kind, *params = header.split(";")
    values = {}
    for p in params:
        key, _, value = p.partition("=")
        values[key.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), values


def _utf8(params: Mapping[str, str], media_type: str) -> None:
    charset = params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise HttpError(415, f"{media_type} with charset={charset} is not accepted: send the text in UTF-8")


async def read_body(request: Request, max_body: int) -> bytes:
    """The request body, refused (413) beyond ``max_body`` bytes before it is read whole."""
    length = request.headers.get("content-length")
    too_big = HttpError(413, f"the request body is over the limit of {max_body} bytes (kg serve --max-body)")
    if length is not None and length.strip().isdigit() and int(length) > max_body:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def read_operation(request: Request, max_body: int) -> Operation:
    """The operation a GET or POST to the endpoint asks for (see the module's description)."""
    params = parse_params(request.scope.get("query_string", b""), "URL")
    if request.method == "POST":
        params += await _post_params(request, max_body)
    names = [k for k, _ in params]
    if "update" in names or "using-graph-uri" in names or "using-named-graph-uri" in names:
        raise HttpError(403, READ_ONLY)
    queries = [v for k, v in params if k == "query"]
    if len(queries) > 1:
        raise HttpError(400, f"the request gives {len(queries)} queries (query=…): give exactly one")
    formats = [v for k, v in params if k == "format"]
    if len(formats) > 1:
        raise HttpError(400, "the request gives format=… more than once: give it once")
    query = queries[0] if queries else None
    if query is not None and is_update(query):
        raise HttpError(403, READ_ONLY)
    return Operation(query, _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri"), *formats[:1])


async def _post_params(request: Request, max_body: int) -> list[tuple[str, str]]:
    """The parameters a POST adds: a form's fields, or the query itself."""
    header = request.headers.get("content-type")
    body = await read_body(request, max_body)
    if header is None:
        if not body:
            return []  # everything is in the URL, as for GET
        raise HttpError(415, f"the POST has no Content-Type: {SEND_QUERY}")
    media_type, options = _media_type(header)
    if media_type == UPDATE:
        raise HttpError(403, READ_ONLY)
    if media_type in RDF_TYPES:
        raise HttpError(403, f"{media_type} data is not accepted: {READ_ONLY}")
    if media_type not in (FORM, QUERY):
        raise HttpError(415, f"{media_type} is not a media type for a query: {SEND_QUERY}")
    _utf8(options, media_type)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(
            400, f"the body is not UTF-8: send the {'form' if media_type == FORM else 'query'} in UTF-8"
        ) from None
    if media_type == FORM:
        return parse_params(text, "form")
    return [("query", text)]


def _graphs(params: list[tuple[str, str]], name: str) -> tuple[str, ...] | None:
    values = [v.strip() for k, v in params if k == name]
    for v in values:
        try:
            ox.NamedNode(v)
        except ValueError:
            raise HttpError(400, f"{name} '{v}' is not an absolute IRI") from None
    return tuple(dict.fromkeys(values)) if values else None
