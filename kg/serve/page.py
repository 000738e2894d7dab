"""The page at ``/`` of ``kg serve``: the stored queries, each with a form, and the YASGUI SPARQL editor.

The HTML is rendered here from the catalogue (:mod:`kg.catalogue`), every text of a query file escaped;
a small script (``assets/page.js``) runs the forms against ``/queries/NAME`` and draws the answers as
tables with labels, and starts YASGUI (vendored in ``assets/yasgui``, see its README) on ``/sparql``.
What the script needs (prefixes, the editor's example tabs) travels in a ``<script type="application/json">``
element with ``<``, ``>`` and ``&`` escaped. The page and its assets come from ``kg serve`` itself and a
Content-Security-Policy lets them reach nothing else, so the page works offline and sends no request off
the machine.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from kg import sparql_syntax
from kg.catalogue import Param, StoredQuery, stored_queries
from kg.labels import LANGUAGES
from kg.namespaces import PREFIXES
from kg.terms import noun

ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATE = "page.html"
TABLE_DOWNLOADS = (("csv", "CSV"), ("tsv", "TSV"), ("json", "JSON"), ("xml", "XML"))
GRAPH_DOWNLOADS = (("turtle", "Turtle"), ("ntriples", "N-Triples"), ("jsonld", "JSON-LD"))
CONTENT_TYPES = {  # the types of our assets, whatever the system's mimetypes table says
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}
# Only the server's own origin: scripts and styles from /assets, requests to /sparql and /queries.
# YASGUI and CodeMirror add <style> elements, hence 'unsafe-inline' for styles (never for scripts).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
STARTER = """SELECT ?country ?name WHERE {
  ?country a dkg:Country ;
    rdfs:label ?name .
  FILTER(LANG(?name) = "en")
}
ORDER BY ?name
LIMIT 20
"""


def e(text: object) -> str:
    """Text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def query_form(query: StoredQuery) -> str:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT, DESCRIBE): which answers and downloads it has."""
    found = _FORM.search(sparql_syntax.strip(query.text))
    word = found[1].upper() if found else "SELECT"
    return {"SELECT": "select", "ASK": "ask"}.get(word, "graph")


def query_path(name: str) -> str:
    """The stored query's address, relative to the page (``checks/NAME`` keeps its slash)."""
    return "queries/" + quote(name, safe="/")


def download_href(query: StoredQuery, fmt: str, lang: str = "en") -> str:
    """The link to the answer in ``fmt`` with the parameters' defaults, as the page shows it before any input."""
    given = [(p.name, p.default) for p in query.params if p.default]
    labels = [] if query_form(query) == "graph" else [("labels", lang)]
    return query_path(query.name) + "?" + urlencode([*given, *labels, ("lang", lang), ("format", fmt)])


def prefix_block() -> str:
    """Our PREFIX lines, sorted by prefix."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items()))


def example_text(query: StoredQuery) -> str:
    """A stored query as an editor tab: its text, its parameters left unbound, named in a comment."""
    if not query.params:
        return query.text
    names = ", ".join("?" + p.name for p in query.params)
    first = query.params[0]
    note = (
        f"# In the editor the parameters {names} are unbound: bind them with VALUES, "
        f"e.g. VALUES ?{first.name} {{ ... }}, or run the stored query through its form on this page.\n"
        if len(query.params) > 1
        else f"# In the editor the parameter {names} is unbound: bind it with VALUES ?{first.name} {{ ... }}, "
        "or run the stored query through its form on this page.\n"
    )
    return note + query.text


def page_config(queries: list[StoredQuery]) -> dict[str, Any]:
    """What page.js needs: the endpoint, the prefixes, the editor's tabs and the label languages."""
    tabs = [{"name": "Query", "title": "Our prefixes and a first query", "query": prefix_block() + "\n" + STARTER}]
    tabs += [{"name": q.name, "title": q.title, "query": example_text(q)} for q in queries]
    digest = hashlib.sha256(json.dumps(tabs, sort_keys=True).encode()).hexdigest()[:12]
    return {
        "endpoint": "sparql",
        "prefixes": dict(sorted(PREFIXES.items())),
        "tabs": tabs,
        "languages": list(LANGUAGES),
        "version": digest,  # the editor keeps its tabs per version of the examples
    }


def json_script(data: object) -> str:
    """JSON safe inside a ``<script type="application/json">`` element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)


def _param_field(query: StoredQuery, p: Param) -> str:
    ident = f"kg-{query.name.replace('/', '-')}-{p.name}"
    need = (
        f'<span class="kg-default">default <code>{e(p.default)}</code></span>'
        if p.default
        else '<span class="kg-required">required</span>'
    )
    about = f'<span class="kg-param-description">{e(p.description)}</span>' if p.description else ""
    value = f' value="{e(p.default)}"' if p.default else " required"
    return (
        f'<div class="kg-param"><label for="{e(ident)}"><code>?{e(p.name)}</code> '
        f'<span class="kg-type">{e(p.type)}</span> {need}</label>'
        f'<input id="{e(ident)}" name="{e(p.name)}" type="text" data-type="{e(p.type)}"{value} '
        f'placeholder="{e(noun(p.type))}" autocomplete="off" spellcheck="false">{about}</div>'
    )


def _query_section(query: StoredQuery) -> str:
    form = query_form(query)
    downloads = GRAPH_DOWNLOADS if form == "graph" else TABLE_DOWNLOADS
    stem = query.name.replace("/", "-")
    links = " ".join(
        f'<a data-format="{fmt}" download="{e(stem)}.{fmt}" href="{e(download_href(query, fmt))}">{label}</a>'
        for fmt, label in downloads
    )
    params = "".join(_param_field(query, p) for p in query.params)
    if not params:
        params = '<p class="kg-no-params">No parameters.</p>'
    check = ' <span class="kg-check">data check: lists what breaks a rule</span>' if query.is_check else ""
    return (
        f'<details class="kg-query" id="query-{e(stem)}" data-name="{e(query.name)}" data-form="{form}">'
        f'<summary><span class="kg-title">{e(query.title or query.name)}</span> '
        f'<code class="kg-name">{e(query.name)}</code>{check}</summary>'
        f'<p class="kg-description">{e(query.description)}</p>'
        f'<form class="kg-form" method="get" action="{e(query_path(query.name))}">'
        f"<fieldset><legend>Parameters</legend>{params}</fieldset>"
        '<p class="kg-actions"><button type="submit">Run</button> '
        f'<button type="button" class="kg-open-editor" data-tab="{e(query.name)}">Open in the editor</button> '
        f'<span class="kg-downloads">Download: {links}</span></p>'
        "</form>"
        '<div class="kg-answer" aria-live="polite"></div>'
        "</details>"
    )


def render_page(queries: list[StoredQuery] | None = None) -> str:
    """The page, from the stored queries (all of them, as ``kg query --list`` shows them, by default)."""
    found = stored_queries() if queries is None else queries
    template = Template((ASSETS / TEMPLATE).read_text(encoding="utf-8"))
    languages = "".join(f'<option value="{lang}">{lang}</option>' for lang in LANGUAGES)
    return template.substitute(
        count=len(found),
        plural="y" if len(found) == 1 else "ies",
        languages=languages,
        queries="\n".join(_query_section(q) for q in found),
        config=json_script(page_config(found)),
    )


async def page(request: Request) -> Response:
    return HTMLResponse(
        render_page(),
        headers={
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-cache",
            "Referrer-Policy": "no-referrer",
        },
    )


class Assets(StaticFiles):
    """The page's scripts, styles and the vendored YASGUI, with their content types set by us."""

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        known = CONTENT_TYPES.get(Path(full_path).suffix.lower())
        if known and status_code == 200 and response.status_code == 200:
            response.headers["content-type"] = known
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def routes() -> list[BaseRoute]:
    """``/`` (the page) and ``/assets/…`` (its files), for the ``kg serve`` app to mount."""
    return [
        Route("/", page, methods=["GET", "HEAD"], name="page"),
        Mount("/assets", app=Assets(directory=ASSETS), name="assets"),
    ]
