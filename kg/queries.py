"""Running any SPARQL query on the graph: parameters bound as RDF terms, rows in a stable order.

The stored queries and their headers are in :mod:`kg.catalogue`; why an empty answer is empty, in
:mod:`kg.hints`.

**Binding.** Values are parsed into RDF terms (:mod:`kg.terms`) and bound by Oxigraph's own substitution
(``substitutions``, SEP-0007), never pasted into the text. Oxigraph substitutes a variable only where
the query's answer shows it: projected by SELECT (or ``SELECT *``), or bound by the WHERE pattern of
ASK, CONSTRUCT and DESCRIBE. It refuses the others, and most stored queries use their parameters that
way, in triple patterns and FILTERs without selecting them. For those variables only, the fallback: the
terms join the query's top-level group as a one-row ``VALUES`` block of serialised terms (on the line of
its brace, so line numbers still hold), which binds them there and in that group's FILTERs, not inside
nested groups. Either way, a parameter the top level cannot see — used only inside a subquery that does
not select it — is an error, since binding it would change nothing. A store that cannot substitute
(``Store.substitutes`` False: a remote endpoint, :mod:`kg.remote`) gets every binding by the fallback.

**Engines.** Queries run on Oxigraph, or on a remote endpoint (:mod:`kg.remote`). rdflib's SPARQL
engine serves no user: the tests use it (``tests/rdflib_engine.py``) to check that both engines give
every stored query the same answer.

Syntax errors are located and worded by :mod:`kg.sparql_syntax` (:func:`prepare`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, Node, URIRef

from kg import fuzzy, sparql_syntax
from kg.catalogue import StoredQuery
from kg.errors import Input, UsageError, option, parameter
from kg.store import Store, from_ox
from kg.terms import Resolver, noun


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
    """Substitute what Oxigraph substitutes; bind the variables it refuses by the VALUES fallback (all of
    them on a store that cannot substitute: a remote endpoint)."""
    fallback: dict[str, Node] = {}
    if not store.substitutes:
        fallback, bindings = bindings, {}
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
        # Rows repeat their values (countries, kinds, years): each distinct term made into rdflib's once
        # (about 13 µs each), not once per cell. rdflib terms are immutable, so rows may share them.
        seen: dict[Any, Node] = {}

        def term(value: Any) -> Node:
            found = seen.get(value)
            if found is None:
                found = seen[value] = plain(from_ox(value))
            return found

        rows = []
        for row in raw:
            cells = {}
            for n in names:
                value = row[n]
                if value is not None:
                    cells[n] = term(value)
            rows.append(cells)
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
