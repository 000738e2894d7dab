"""Stored SPARQL queries (``queries/*.rq``) and running any query on either engine.

A stored query opens with a metadata header, in the manner of datasette's canned queries::

    # title: Events between two countries
    # description: Every event both countries take part in,
    #   in time order.
    # param: a country AZE -- the first country
    # param: b country UZB

``param`` lines give a name (the query variable ``?name``), a type (see :data:`kg.terms.TYPES`), an optional
default (in the ``--param`` syntax) and, after ``--``, a description. Parameter values are bound as RDF
terms before evaluation (a one-row ``VALUES`` block of serialised terms opening the WHERE clause, the
same on both engines), never pasted into the text as strings.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException
from rapidfuzz import process
from rdflib import XSD, BNode, Dataset, Literal, Node, URIRef

from kg.errors import UsageError
from kg.files import display_path
from kg.namespaces import PREFIXES
from kg.resources import queries_dir
from kg.store import Store, from_ox
from kg.terms import TYPES, Resolver, resolver_for

ENGINES = ("oxigraph", "rdflib")
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


@dataclass
class Result:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    form: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def table(self) -> list[tuple[str, ...]]:
        """Rows as tuples of N-Triples terms ('' when unbound): handy for comparing answers."""
        return [
            tuple(self.rows[i][v].n3() if v in self.rows[i] else "" for v in self.variables)
            for i in range(len(self.rows))
        ]


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
            raise UsageError(f"{ref}: no such query file")
        return read_query(path)
    queries = {q.name: q for q in stored_queries(folder)}
    if ref in queries:
        return queries[ref]
    near = [n for n, _, _ in process.extract(ref, sorted(queries), limit=3, score_cutoff=50)]
    hint = f"; closest: {', '.join(near)}" if near else ""
    raise UsageError(f"unknown stored query '{ref}'{hint} (kg query --list shows them all)")


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings → a dict; a malformed pair or a repeated name is an error."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise UsageError(f"--param '{pair}': write NAME=VALUE, e.g. --param a=AZE")
        if name in out:
            raise UsageError(f"--param {name} is given twice")
        out[name] = value
    return out


def _variables(text: str) -> set[str]:
    return set(re.findall(r"[?$](\w+)", _strip(text)))


_SKIPPED = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


def _strip(text: str) -> str:
    """The query with IRIs, strings and comments blanked out (same length, so positions still hold)."""
    return _SKIPPED.sub(lambda m: " " * len(m.group(0)), text)


def _where_brace(text: str) -> int | None:
    """The offset of the '{' opening the query's WHERE clause (None for DESCRIBE without one)."""
    blank = _strip(text)
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", blank, re.IGNORECASE)
    if not form:
        return None
    pos = form.end()
    if form[1].upper() == "CONSTRUCT" and not re.match(r"\s*WHERE\b", blank[pos:], re.IGNORECASE):
        start = blank.find("{", pos)
        depth = 0
        for i in range(start, len(blank)):
            depth += {"{": 1, "}": -1}.get(blank[i], 0)
            if depth == 0:
                pos = i + 1
                break
    brace = blank.find("{", pos)
    return brace if brace >= 0 else None


def with_values(text: str, bindings: dict[str, Node], shown: str = "the query") -> str:
    """The query with a one-row VALUES block of the bound terms opening its WHERE clause.

    The block goes on the line of the brace, so line numbers in error messages still match the file.
    Parameters are therefore in scope in the top-level group (and in FILTERs there), not inside subqueries.
    """
    if not bindings:
        return text
    brace = _where_brace(text)
    if brace is None:
        raise UsageError(f"{shown}: parameters need a WHERE clause to be bound in")
    names = sorted(bindings)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(bindings[n].n3() for n in names)}) }}"
    return text[: brace + 1] + block + text[brace + 1 :]


def bind(query: StoredQuery, given: dict[str, str], resolver: Resolver) -> dict[str, Node]:
    """Check and parse parameter values: declared ones by their type, others as any term."""
    declared = {p.name: p for p in query.params}
    used = _variables(query.text)
    out: dict[str, Node] = {}
    for name, value in given.items():
        if name not in declared and name not in used:
            known = ", ".join(sorted(declared) or sorted(used)) or "none"
            raise UsageError(f"{query.shown}: unknown parameter '{name}'; parameters of this query: {known}")
        typ = declared[name].type if name in declared else "literal"
        out[name] = resolver.parse(value, typ, name)
    for p in query.params:
        if p.name in out:
            continue
        if p.default is None:
            raise UsageError(
                f"{query.shown}: missing parameter '{p.name}' ({p.type}"
                f"{': ' + p.description if p.description else ''}); "
                f"give it with --param {p.name}=VALUE"
            )
        out[p.name] = resolver.parse(p.default, p.type, p.name)
    return out


_ORDERED = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_PNAME = re.compile(r"(?<![\w?$:.<>-])([A-Za-z][\w-]*(?:\.[\w-]+)*):(?=[\w%\\]|\s|$)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_OX_ERROR = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?: ?(.*)", re.DOTALL)


def syntax_error(text: str, shown: str, line: int, column: int, message: str) -> UsageError:
    """A SPARQL syntax error naming line and column and showing the offending text with a caret."""
    lines = text.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    gutter = f"{line:>5} | "
    return UsageError(
        f"SPARQL syntax error in {shown} at line {line}, column {column}: {message}\n"
        f"{gutter}{src}\n{' ' * (len(gutter) - 2)}| {' ' * max(column - 1, 0)}^"
    )


def check_prefixes(text: str, shown: str) -> None:
    """An undeclared prefix is a syntax error naming line and column (Oxigraph's own message is cryptic)."""
    known = set(PREFIXES) | {m[1] for m in _DECLARED.finditer(text) if m[1]}
    blank = _strip(text)
    for m in _PNAME.finditer(blank):
        if m[1] not in known:
            line = blank.count("\n", 0, m.start()) + 1
            column = m.start() - (blank.rfind("\n", 0, m.start()) + 1) + 1
            raise syntax_error(
                text,
                shown,
                line,
                column,
                f"unknown prefix '{m[1]}:'; declare it with "
                f"PREFIX {m[1]}: <…> (kg predeclares {', '.join(sorted(PREFIXES)[:6])}, …)",
            )


def run(
    store: Store, text: str, bindings: dict[str, Node] | None = None, engine: str = "oxigraph", shown: str = "the query"
) -> Result:
    """Run a query on the union of all graphs; rows come sorted unless the query orders them."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}")
    check_prefixes(text, shown)
    bound = with_values(text, bindings or {}, shown)
    result = _run_oxigraph(store, bound, shown) if engine == "oxigraph" else _run_rdflib(store, bound, shown)
    if result.form == "select" and not _ORDERED.search(_strip(text)):
        result.rows.sort(key=lambda row: [_sort_key(row.get(v)) for v in result.variables])
    result.triples.sort(key=lambda t: tuple(_sort_key(x) for x in t))
    return result


def _sort_key(term: Node | None) -> tuple[int, str, str]:
    if term is None:
        return (0, "", "")
    kind = 1 if isinstance(term, URIRef) else 2 if isinstance(term, BNode) else 3
    extra = (term.language or str(term.datatype or "")) if isinstance(term, Literal) else ""
    return (kind, str(term), extra)


def _run_oxigraph(store: Store, text: str, shown: str) -> Result:
    try:
        raw: Any = store.query(text)
    except SyntaxError as exc:
        m = _OX_ERROR.match(str(exc.msg))
        if m:
            message = m[3].strip().replace("\n", " ")
            message = message if len(message) <= 160 else message[:157] + "…"
            raise syntax_error(text, shown, int(m[1]), int(m[2]), message) from None
        raise UsageError(f"SPARQL syntax error in {shown}: {exc.msg}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise UsageError(f"{shown}: the query failed: {exc}") from None
    if isinstance(raw, ox.QueryBoolean):
        return Result("ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        rows = [{n: _plain(from_ox(row[n])) for n in names if row[n] is not None} for row in raw]
        return Result("select", names, rows)
    return Result(
        "graph",
        triples=[(_plain(from_ox(t.subject)), _plain(from_ox(t.predicate)), _plain(from_ox(t.object))) for t in raw],
    )


_DATASETS: weakref.WeakKeyDictionary[Store, Dataset] = weakref.WeakKeyDictionary()


def rdflib_dataset(store: Store) -> Dataset:
    """The store's quads in an rdflib Dataset whose default graph is the union (built once per store)."""
    if store not in _DATASETS:
        ds = Dataset(default_union=True)
        for q in store.quads():
            g = q.graph_name
            target = ds.graph(URIRef(g.value)) if isinstance(g, ox.NamedNode) else ds.default_context
            target.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        _DATASETS[store] = ds
    return _DATASETS[store]


def _run_rdflib(store: Store, text: str, shown: str) -> Result:
    try:
        raw = rdflib_dataset(store).query(text, initNs=PREFIXES)
    except ParseException as exc:
        raise syntax_error(text, shown, exc.lineno, exc.col, exc.msg) from None
    if raw.type == "ASK":
        return Result("ask", boolean=bool(raw.askAnswer))
    if raw.type == "SELECT":
        names = [str(v) for v in raw.vars or []]
        rows = [{n: _plain(row[n]) for n in names if row[n] is not None} for row in raw]  # type: ignore[index, call-overload]
        return Result("select", names, rows)
    return Result("graph", triples=[(_plain(s), _plain(p), _plain(o)) for s, p, o in raw.graph or []])


def _plain(term: Node) -> Node:
    """xsd:string literals as simple literals (the same term in RDF 1.1; engines differ in spelling it)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def answer(
    store: Store, query: StoredQuery, given: dict[str, str], reasoning: str = "none", engine: str = "oxigraph"
) -> Result:
    """Bind the parameters (checked against the graph), entail if asked, and run the query."""
    from kg.reasoning import with_reasoning  # reasoning builds a second store; import only when used

    bindings = bind(query, given, resolver_for(store))
    return run(with_reasoning(store, reasoning), query.text, bindings, engine, query.shown)
