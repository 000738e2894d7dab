"""The catalogue of stored SPARQL queries (``queries/*.rq`` and ``queries/checks/*-violation.rq``).

A stored query opens with a metadata header, in the manner of datasette's canned queries::

    # title: Events between two countries
    # description: Every event both countries take part in,
    #   in time order.
    # param: a country AZE -- the first country
    # param: b country UZB

``param`` lines give a name (the query variable ``?name``), a type (see :data:`kg.terms.TYPES`), an optional
default (written as a value is given) and, after ``--``, a description. Running and binding are in
:mod:`kg.queries`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg import fuzzy
from kg.errors import UsageError
from kg.files import display_path
from kg.resources import queries_dir
from kg.terms import TYPES

CHECKS = "checks"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.type}{', default ' + self.default if self.default else ', required'})"


@dataclass(frozen=True)
class StoredQuery:
    name: str
    text: str
    shown: str  # the path as the user should see it
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()

    @property
    def is_check(self) -> bool:
        return self.name.startswith(CHECKS + "/")


_HEADER = re.compile(r"^#\s*(?P<key>title|description|param)\s*:\s*(?P<value>.*)$")


def parse_header(text: str, shown: str) -> tuple[str, str, tuple[Param, ...]]:
    """Title, description and parameters from the leading comment lines of a query."""
    title, description, params = "", [], []
    last = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            last = m["key"]
            value = m["value"].strip()
            if last == "title":
                title = value
            elif last == "description":
                description.append(value)
            else:
                params.append(_param(value, shown))
        elif last == "description" and line.startswith("#  "):
            description.append(line[1:].strip())
        else:
            last = ""
    return title, " ".join(description), tuple(params)


def _param(spec: str, shown: str) -> Param:
    head, _, desc = spec.partition(" -- ")
    parts = head.split(None, 2)
    if len(parts) < 2 or parts[1] not in TYPES:
        raise UsageError(
            f"{shown}: bad '# param:' line '{spec}': write '# param: NAME TYPE [DEFAULT] [-- text]' "
            f"with TYPE one of {', '.join(TYPES)}"
        )
    default = parts[2].strip() if len(parts) > 2 else None
    return Param(parts[0], parts[1], default or None, desc.strip())


def read_query(path: Path, name: str | None = None) -> StoredQuery:
    """A query file; stored queries (with a ``name``) are shown by name in messages, files by path."""
    shown = f"stored query {name}" if name else display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{shown}: cannot read the query: {exc}") from exc
    title, description, params = parse_header(text, shown)
    return StoredQuery(name or path.stem, text, shown, title, description, params)


def stored_queries(folder: Path | None = None) -> list[StoredQuery]:
    """The stored queries, sorted by name; checks are named ``checks/<name>``."""
    root = folder or queries_dir()
    found = [read_query(p, p.stem) for p in sorted(root.glob("*.rq"))]
    found += [read_query(p, f"{CHECKS}/{p.stem}") for p in sorted((root / CHECKS).glob("*-violation.rq"))]
    return found


def find_query(ref: str, folder: Path | None = None) -> StoredQuery:
    """A ``.rq`` file, or a stored query by name; an unknown name lists the closest names."""
    path = Path(ref)
    if ref.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise UsageError(f"no such query file: {ref}")
        return read_query(path)
    queries = {q.name: q for q in stored_queries(folder)}
    if ref in queries:
        return queries[ref]
    near = fuzzy.closest(ref, queries, cutoff=50)
    raise UsageError(f"unknown stored query '{ref}'", value=ref, allowed=sorted(queries), closest=near)
