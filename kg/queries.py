"""Stored SPARQL queries (``queries/*.rq``), their parameters, and running any query on the graph.

A stored query opens with a metadata header, in the manner of datasette's canned queries::

    # title: Events between two countries
    # description: Every event both countries take part in,
    #   in time order.
    # param: a country AZE -- the first country
    # param: b country UZB

``param`` lines give a name (the query variable ``?name``), a type (see :data:`kg.terms.TYPES`), an optional
default (written as a value is given) and, after ``--``, a description.

**Binding.** Values are parsed into RDF terms (:mod:`kg.terms`) and bound by Oxigraph's own substitution
(``substitutions``, SEP-0007), never pasted into the text. Oxigraph substitutes a variable only where
the query's answer shows it: projected by SELECT (or ``SELECT *``), or bound by the WHERE pattern of
ASK, CONSTRUCT and DESCRIBE. It refuses the others, and most stored queries use their parameters that
way, in triple patterns and FILTERs without selecting them. For those variables only, the fallback: the
terms join the query's top-level group as a one-row ``VALUES`` block of serialised terms (on the line of
its brace, so line numbers still hold), which binds them there and in that group's FILTERs, not inside
nested groups. Either way, a parameter the top level cannot see — used only inside a subquery that does
not select it — is an error, since binding it would change nothing.

**Engines.** Queries run on Oxigraph. rdflib's SPARQL engine serves no user: the tests use it
(``tests/rdflib_engine.py``) to check that both engines give every stored query the same answer.

Syntax errors are located and worded by :mod:`kg.sparql_syntax` (:func:`prepare`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, Node, URIRef

from kg import dates, fuzzy, sparql_syntax
from kg.errors import Input, UsageError, option, parameter
from kg.events import empty_window
from kg.files import display_path
from kg.iris import shorten
from kg.namespaces import GRAPH_COUNTRIES, GRAPH_ONTOLOGY, PREFIXES
from kg.resources import queries_dir
from kg.store import Store, from_ox
from kg.terms import TYPES, Resolver, is_date, noun

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
        return [tuple(row[v].n3() if v in row else "" for v in self.variables) for row in self.rows]

    @property
    def empty(self) -> bool:
        """No rows (SELECT) or no triples (CONSTRUCT, DESCRIBE); an ASK answer is never empty."""
        return self.form != "ask" and not self.rows and not self.triples


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


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings → a dict; a malformed pair or a repeated name is an error."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise UsageError(f"'{pair}' is not NAME=VALUE (e.g. a=AZE)", about=option("params"), value=pair)
        if name in out:
            raise UsageError("given twice; give each parameter once", about=parameter(name), value=value)
        out[name] = value
    return out


def variables(text: str) -> set[str]:
    """Every variable the query mentions (outside IRIs, strings and comments)."""
    return set(re.findall(r"[?$](\w+)", sparql_syntax.strip(text)))


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_PROJECTION_END = re.compile(r"\bWHERE\b|\{", re.IGNORECASE)


def _projected(head: str) -> set[str] | None:
    """The variables a sub-SELECT's projection names (None for ``*``): plain ones and ``AS ?name``."""
    if "*" in head:
        return None
    depth, plain = 0, []
    for ch in head:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        plain.append(ch if depth == 0 else " ")
    top = "".join(plain)
    return set(re.findall(r"[?$](\w+)", top)) | set(re.findall(r"\bAS\s+[?$](\w+)", head, re.IGNORECASE))


def visible_variables(text: str) -> set[str]:
    """The variables the query's top level can see: all but those only inside sub-SELECTs not selecting them."""
    blank = sparql_syntax.strip(text)
    form = _FORM.search(blank)
    if not form:
        return set()
    selects = [m for m in _SELECT.finditer(blank) if m.start() > form.start()]
    starts = {m.start() for m in selects}
    stack: list[int] = []
    enclosing: dict[int, int] = {}
    closing: dict[int, int] = {}
    for i, ch in enumerate(blank):
        if i in starts and stack:
            enclosing[i] = stack[-1]
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            closing[stack.pop()] = i
    subqueries = []  # (start, end, what it selects)
    for m in selects:
        end = closing.get(enclosing.get(m.start(), -1), len(blank))
        head = _PROJECTION_END.search(blank, m.end(), end)
        subqueries.append((m.start(), end, _projected(blank[m.end() : head.start() if head else end])))
    seen = set()
    for v in re.finditer(r"[?$](\w+)", blank):
        inside = [sel for start, end, sel in subqueries if start <= v.start() < end]
        if all(sel is None or v[1] in sel for sel in inside):
            seen.add(v[1])
    return seen


def _where_brace(text: str) -> int | None:
    """The offset of the '{' opening the query's WHERE clause (None for DESCRIBE without one)."""
    blank = sparql_syntax.strip(text)
    form = _FORM.search(blank)
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
    """The query with a one-row VALUES block of the bound terms opening its WHERE clause (the fallback).

    The block goes on the line of the brace, so line numbers in error messages still match the file.
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
    used = variables(query.text)
    out: dict[str, Node] = {}
    for name, value in given.items():
        if name not in declared and name not in used:
            known = sorted(declared) or sorted(used)
            raise UsageError(
                f"{query.shown} has no such parameter",
                about=parameter(name),
                value=value,
                allowed=known,
                closest=fuzzy.closest(name, known),
            )
        out[name] = resolver.parse(value, declared[name].type if name in declared else "literal", name)
    for p in query.params:
        if p.name in out:
            continue
        if p.default is None:
            about = f" ({p.description})" if p.description else ""
            raise UsageError(f"{query.shown} needs {noun(p.type)}{about}", about=parameter(p.name))
        out[p.name] = resolver.parse(p.default, p.type, p.name)
    return out


def prepare(text: str, shown: str = "the query") -> None:
    """Check that ``text`` is a SPARQL query: a :class:`UsageError` locating and wording what is wrong if not."""
    sparql_syntax.check(text, shown)


_ORDERED = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_REFUSED = re.compile(r"does not contains? variable [?$](\w+)")


def run(store: Store, text: str, bindings: dict[str, Node] | None = None, shown: str = "the query") -> Result:
    """Run a query on the union of all graphs, with ``bindings`` bound; rows sorted unless the query orders them."""
    prepare(text, shown)
    bindings = dict(bindings or {})
    visible = visible_variables(text)
    for name in sorted(bindings):
        if name not in variables(text):
            raise UsageError(f"{shown} has no variable ?{name}", about=parameter(name))
        if name not in visible:
            raise UsageError(
                f"?{name} is used only inside a subquery that does not select it, so a value for it would "
                f"change nothing; select ?{name} in that subquery to make it a parameter",
                about=parameter(name),
            )
    return in_order(_result(_execute(store, text, bindings, shown)), text)


def _execute(store: Store, text: str, bindings: dict[str, Node], shown: str) -> Any:
    """Substitute what Oxigraph substitutes; bind the variables it refuses by the VALUES fallback."""
    fallback: dict[str, Node] = {}
    while True:
        try:
            return store.query(with_values(text, fallback, shown), bindings)
        except RuntimeError as exc:
            refused = _REFUSED.search(str(exc))
            if refused is None or refused[1] not in bindings:
                raise UsageError(f"{shown}: the query failed: {exc}") from None
            fallback[refused[1]] = bindings.pop(refused[1])
        except SyntaxError:  # only the VALUES block can make a query that parsed fail to parse
            names = ", ".join(f"?{n}" for n in sorted(fallback))
            raise UsageError(
                f"{shown} assigns {names} itself (BIND or AS), so it cannot be given a value",
                about=Input("query", shown),
            ) from None
        except (OSError, ValueError) as exc:
            raise UsageError(f"{shown}: the query failed: {exc}") from None


def _result(raw: Any) -> Result:
    if isinstance(raw, ox.QueryBoolean):
        return Result("ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        rows = [{n: plain(from_ox(row[n])) for n in names if row[n] is not None} for row in raw]
        return Result("select", names, rows)
    return Result(
        "graph",
        triples=[(plain(from_ox(t.subject)), plain(from_ox(t.predicate)), plain(from_ox(t.object))) for t in raw],
    )


def in_order(result: Result, text: str) -> Result:
    """Rows sorted unless the query has an ORDER BY, triples always: the same data gives the same output."""
    if result.form == "select" and not _ORDERED.search(sparql_syntax.strip(text)):
        result.rows.sort(key=lambda row: [_sort_key(row.get(v)) for v in result.variables])
    result.triples.sort(key=lambda t: tuple(_sort_key(x) for x in t))
    return result


def _sort_key(term: Node | None) -> tuple[int, str, str]:
    if term is None:
        return (0, "", "")
    kind = 1 if isinstance(term, URIRef) else 2 if isinstance(term, BNode) else 3
    extra = (term.language or str(term.datatype or "")) if isinstance(term, Literal) else ""
    return (kind, str(term), extra)


def plain(term: Node) -> Node:
    """xsd:string literals as simple literals (the same term in RDF 1.1; engines differ in spelling it)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def answer(
    store: Store, query: StoredQuery, given: dict[str, str], reasoning: str = "none", lang: str = "en"
) -> Result:
    """Bind the parameters (checked against the graph), entail if asked, and run the query."""
    from kg.reasoning import with_reasoning  # reasoning builds a second store; import only when used

    bindings = bind(query, given, Resolver(store, lang))
    return run(with_reasoning(store, reasoning), query.text, bindings, query.shown)


@dataclass(frozen=True)
class Hint:
    """Why an answer is likely empty; ``about`` and ``value`` name the input that would change it."""

    message: str
    about: Input | None = None
    value: str | None = None


_RECORDS = f"""ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN (<{GRAPH_ONTOLOGY}>, <{GRAPH_COUNTRIES}>)) }}"""
_ALIGNED = """SELECT DISTINCT ?t WHERE {{ VALUES ?t {{ {} }} ?x rdfs:subClassOf|rdfs:subPropertyOf ?t
    FILTER NOT EXISTS {{ ?s ?t ?o }} FILTER NOT EXISTS {{ ?s a ?t }} }}"""


def explain_empty(store: Store, text: str, bindings: dict[str, Node], reasoning: str = "none") -> Hint | None:
    """The likely reason an answer is empty, when there is one: no records at all, a time window in which
    no event falls, or terms of the aligned vocabularies (schema.org, ORG, PROV, SEM…) asked without entailment."""
    if not bool(store.query(_RECORDS)):
        return Hint("the data holds no records", about=option("data"))
    window = [str(v) for v in bindings.values() if is_date(v)]
    if window:  # the widest window the dates given span: a likely cause only if even it holds no event
        hint = _empty_window(store, min(window, key=dates.first_day), max(window, key=dates.last_day))
        if hint:
            return hint
    if reasoning == "none":
        terms = _aligned_terms(store, text)
        if terms:
            return Hint(
                f"the query asks in terms the data never states itself ({', '.join(terms)}); "
                "RDFS entailment derives them from the ontology's alignments",
                about=option("reasoning"),
                value="rdfs",
            )
    return None


def _empty_window(store: Store, start: str, end: str) -> Hint | None:
    reason = empty_window(store, start, end)
    return Hint(reason) if reason else None


_IRI = re.compile(r"<([^<>\s]+)>")
_NAME = re.compile(r"(?<![\w?$:.<>-])([A-Za-z][\w.-]*)?:([A-Za-z_][\w.-]*)")


def _aligned_terms(store: Store, text: str) -> list[str]:
    """The terms of the query the data never states directly but the ontology aligns its own terms with."""
    blank = re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*", " ", text)
    declared = dict(re.findall(r"\bPREFIX\s+([\w.-]*):\s*<([^>]*)>", blank, re.IGNORECASE))
    names = {**PREFIXES, **declared}
    found = set(_IRI.findall(blank))
    found |= {
        names[p or ""] + local for p, local in _NAME.findall(re.sub(r"<[^<>\s]*>", " ", blank)) if (p or "") in names
    }
    listed = " ".join(f"<{t}>" for t in sorted(found) if _IRI_CHARS.match(t))
    if not listed:
        return []
    return sorted(shorten(str(row["t"])) for row in store.select(_ALIGNED.format(listed)))


_IRI_CHARS = re.compile(r"^[^\s<>\"{}|^`\\]+$")
