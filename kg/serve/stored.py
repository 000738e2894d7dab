"""The stored queries over HTTP: ``GET /queries`` lists them, ``GET /queries/NAME?param=…`` answers one.

Only the queries of the catalogue (``queries/*.rq`` and ``queries/checks/``) are reachable, by their
names: a request never names a file. Parameters are bound as ``kg query --param`` binds them (checked
against the graph, in the worker); the reserved keys are ``format`` (a format name, instead of
``Accept``), ``lang`` (the language names given as parameters are read in, default ``en``) and
``labels=LANG`` (a ``NAME_label`` column beside each column of IRIs, in JSON, XML, CSV and TSV).
Errors are JSON: ``{"error": message, "message", "input", "value", "allowed", "closest"}``.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg import fuzzy
from kg.catalogue import StoredQuery
from kg.errors import UsageError, option, parameter
from kg.labels import LANGUAGES
from kg.serve.protocol import HttpError

RESERVED = ("format", "lang", "labels")


def catalogue(queries: Iterable[StoredQuery]) -> dict[str, StoredQuery]:
    return {q.name: q for q in queries}


def listing(queries: dict[str, StoredQuery]) -> list[dict[str, object]]:
    """The stored queries as JSON data: name, title, description and parameters."""
    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "params": [
                {"name": p.name, "type": p.type, "default": p.default, "description": p.description} for p in q.params
            ],
        }
        for q in queries.values()
    ]


def find(queries: dict[str, StoredQuery], name: str) -> StoredQuery:
    """The stored query called ``name``; a 404 naming the closest names if there is none."""
    if name in queries:
        return queries[name]
    near = fuzzy.closest(name, queries, cutoff=50)
    exc = UsageError(f"unknown stored query '{name}'", value=name, allowed=sorted(queries), closest=near)
    raise HttpError(404, exc.render(), data=exc.to_dict())


def _language(value: str, key: str) -> str:
    lang = value.strip().lower()
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language '{value}'", about=option(key), value=value, allowed=LANGUAGES)
    return lang


def split(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """The reserved keys (checked) and the query's parameters, each given at most once."""
    reserved: dict[str, str] = {}
    given: dict[str, str] = {}
    for key, value in pairs:
        name = key.strip().lstrip("?$")
        target = reserved if name in RESERVED else given
        if name in target:
            about = option(name) if name in RESERVED else parameter(name)
            raise UsageError("given twice; give each parameter once", about=about, value=value)
        target[name] = value
    if "lang" in reserved:
        reserved["lang"] = _language(reserved["lang"], "lang")
    if "labels" in reserved:
        reserved["labels"] = _language(reserved["labels"], "labels")
    return reserved, given
