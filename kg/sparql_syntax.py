"""SPARQL syntax errors at the right place, in words a person reads.

Oxigraph's parser reports the furthest position any rule failed at, with the tokens expected there.
Its keyword rule first reads as many characters as the keyword has and only then compares them, so a
keyword tried at the real error runs past it: ``FILTR(?y)`` is reported eight characters on ("expected
OPTIONAL"), ``FILTER(YEAR(?d) = )`` fourteen on, on the next line ("expected ENCODE_FOR_URI"), and where
that runs into the end of the text, "expected [_]" (any character) is all that is left. :func:`locate`
finds the real position by asking the parser again about prefixes of the text: the error is at the
furthest prefix the parser gets to the end of. The tokens expected there are gathered the same way
(character tokens at the end of the prefix, keywords of each length n by adding n characters that match
nothing) and named in words by :func:`describe`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal

from kg.errors import Input, UsageError
from kg.fuzzy import closest
from kg.namespaces import PREFIXES
from kg.store import Store

MAX_KEYWORD = 16  # longer than any SPARQL keyword (ENCODE_FOR_URI has 14 letters)
_NOTHING = "\x01"  # a character no SPARQL token contains outside a string
_PROBE = "kg_parse_only"  # substituting a variable the query lacks fails after parsing, before evaluation
_OX_ERROR = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?: expected (?:one of )?(.*)", re.DOTALL)
_ITEM = re.compile(r"\[[^\]]*\]|\"(?:[^\"\\]|\\.)*\"|[^,\[\]\"]+")
_KEYWORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SKIPPED = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_PNAME = re.compile(r"(?<![\w?$:.<>-])([A-Za-z][\w-]*(?:\.[\w-]+)*):(?=[\w%\\]|\s|$)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z_][\w-]*|\S")
_EMPTY = Store()

_UNCLOSED = "the closing quote of the string"
QUERY_FORMS = "a query form: SELECT, CONSTRUCT, ASK or DESCRIBE"
# What the parser may expect, in words; the first entry whose test the expected tokens pass is used.
_BUILTINS = {"STR", "REGEX", "BOUND"}
_GROUP = {"OPTIONAL", "FILTER"}
_MODIFIERS = {"GROUP", "ORDER", "LIMIT"}
_NAME_GOES_ON = {'":"', '"."', '"-"', '"_"'}
# Oxigraph's messages for what is well formed but wrong, and ours.
_MEANINGS = {
    "IRI parsing failed": "not a valid IRI",
    "The SELECT contains a variable that is unbound": "a selected variable is neither grouped nor aggregated: "
    "add it to GROUP BY, or select an aggregate of it (SAMPLE, MIN, COUNT…)",
    "Prefix not found": "unknown prefix",
}


def strip(text: str) -> str:
    """The query with IRIs, strings and comments blanked out (same length, so positions still hold)."""
    return _SKIPPED.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class Expected:
    """What the parser would have accepted at a position: keywords, and other tokens as Oxigraph names them."""

    keywords: frozenset[str]
    tokens: frozenset[str]


def _parse_error(text: str) -> tuple[int, list[str]] | None:
    """Where Oxigraph's parser fails on ``text`` (an offset) and the tokens it expected; None if it parses."""
    try:
        _EMPTY.query(text, substitutions={_PROBE: Literal("")})
    except SyntaxError as exc:
        m = _OX_ERROR.match(str(exc.msg))
        if not m:
            return 0, []
        lines = text.split("\n")
        line, column = int(m[1]), int(m[2])
        offset = sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
        return offset, [i.strip() for i in _ITEM.findall(m[3].replace("\n", " ")) if i.strip()]
    except (RuntimeError, ValueError, OSError):
        return None
    return None


def _tokens_at(text: str, k: int) -> frozenset[str]:
    """The tokens other than keywords the parser tries at ``k``: they fail at the end of ``text[:k]``."""
    found = _parse_error(text[:k])
    if found is None or found[0] != k:
        return frozenset()
    return frozenset(i for i in found[1] if not _KEYWORD.match(i) and i != "[_]")


def _keywords_at(text: str, k: int) -> frozenset[str]:
    """The keywords the parser tries at ``k``: with n characters added, those n letters long fail at k + n."""
    out: set[str] = set()
    for n in range(1, MAX_KEYWORD):
        found = _parse_error(text[:k] + _NOTHING * n)
        if found and found[0] == k + n:
            out.update(i for i in found[1] if _KEYWORD.match(i) and len(i) == n)
    return frozenset(out)


def _reaches(text: str, k: int) -> bool:
    """Whether the parser gets to ``k``: it tries some token there (or ``text[:k]`` is a whole query)."""
    return _parse_error(text[:k]) is None or bool(_tokens_at(text, k)) or bool(_keywords_at(text, k))


def _in_word(tokens: frozenset[str]) -> bool:
    """Whether only the rest of a name was expected (``FILTR(``: ':', '.' or more letters)."""
    return bool(tokens) and '":"' in tokens and all(t in _NAME_GOES_ON or t.startswith("[") for t in tokens)


def locate(text: str) -> tuple[int, Expected] | None:
    """The offset of the syntax error in ``text`` and what was expected there; None when it parses."""
    if _parse_error(text) is None:
        return None
    padded = _parse_error(text + _NOTHING * MAX_KEYWORD)
    furthest = min(padded[0] if padded else len(text), len(text))
    low = max(furthest - MAX_KEYWORD, 0)
    at = next((k for k in range(furthest, low - 1, -1) if _reaches(text, k)), furthest)
    tokens = _tokens_at(text, at)
    if _in_word(tokens) and at > 0 and not text[at].isspace():  # a misspelt keyword: point at its start
        while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
            at -= 1
        tokens = _tokens_at(text, at)
    return at, Expected(_keywords_at(text, at), tokens)


def describe(expected: Expected) -> str:
    """What was expected, in words: 'an expression', 'a query form: SELECT, …'…"""
    kw, tok = expected.keywords, expected.tokens
    if {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"} <= kw:
        return QUERY_FORMS
    if kw >= _BUILTINS:
        return "an expression"
    if kw >= _GROUP:
        if '"?"' in tok:
            return "a triple pattern, a keyword such as FILTER, OPTIONAL, BIND or VALUES, or '}'"
        return "'.' before the next triple pattern, ';' or ',' to go on with this one, or '}'"
    if kw >= _MODIFIERS and not tok:
        return "the end of the query (or GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, VALUES)"
    if kw == {"BY"}:
        return "BY"
    if '"a"' in tok:
        return "a property: an IRI, a prefixed name, a variable or 'a'"
    if {'"?"', '"<"', '"_:"'} <= tok:
        return "an RDF term: an IRI, a prefixed name, a variable, a blank node or a literal"
    if {"DISTINCT", "REDUCED"} <= kw:
        return "what to select: *, variables or (expression AS ?name)"
    if tok == {'"?"', '"$"'}:
        return "a variable (?name)"
    if tok and all(t.startswith('"\\') or t == '"\\""' for t in tok):
        return _UNCLOSED
    if "UNDEF" in kw:
        return "a value (an IRI, a prefixed name, a literal or UNDEF), or '}' to end the VALUES block"
    if tok == {"['0'..='9']"}:
        return "a number"
    if _in_word(tok):
        return "':' after the prefix (prefix:name)"
    return _listed(kw, tok)


def _listed(kw: frozenset[str], tok: frozenset[str]) -> str:
    """Tokens named one by one, for what the table above does not cover."""
    names = sorted(kw) + sorted(_token_name(t) for t in tok)
    names = list(dict.fromkeys(n for n in names if n))[:8]
    if not names:
        return "something else"
    return names[0] if len(names) == 1 else f"one of {', '.join(names[:-1])} or {names[-1]}"


def _token_name(item: str) -> str:
    if item.startswith('"') and item.endswith('"'):
        return "'" + item[1:-1].replace('\\"', '"').replace("\\\\", "\\") + "'"
    if item == "['0'..='9']":
        return "a digit"
    if item.startswith("['A'"):
        return "a name"
    return ""


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def error(text: str, shown: str, offset: int, message: str) -> UsageError:
    """A SPARQL syntax error naming line and column and showing the offending line with a caret."""
    line, column = _line_column(text, offset)
    lines = text.split("\n")
    src = lines[line - 1].rstrip("\r") if line <= len(lines) else ""
    gutter = f"{line:>5} | "
    pad = "".join(c if c == "\t" else " " for c in src[: column - 1])
    return UsageError(
        f"SPARQL syntax error in {shown} at line {line}, column {column}: {message}\n"
        f"{gutter}{src}\n{' ' * (len(gutter) - 2)}| {pad}^",
        about=Input("query", shown),
    )


def check(text: str, shown: str) -> None:
    """Raise a located :class:`UsageError` if ``text`` is not a SPARQL query Oxigraph can parse."""
    check_prefixes(text, shown)
    blank = strip(text)
    if not blank.strip():
        raise error(text, shown, 0, "the query is empty")
    found = locate(text)
    if found is None:
        return
    at, expected = found
    meaning = next((_MEANINGS[t] for t in expected.tokens if t in _MEANINGS), None)
    if meaning == _MEANINGS["IRI parsing failed"]:
        raise error(text, shown, max(text.rfind("<", 0, at), 0), meaning)
    end = len(blank.rstrip())
    if meaning:
        raise error(text, shown, min(at, end), meaning)
    words = describe(expected)
    if words == _UNCLOSED:
        opened = max(text.rfind(q, text.rfind("\n", 0, at) + 1, at) for q in "\"'")
        raise error(text, shown, max(opened, 0), "this string has no closing quote")
    if at >= end:
        raise error(text, shown, end, f"the query ends before it is complete: expected {words}")
    token = _TOKEN.match(text, at)
    seen = f", found '{token[0]}'" if token else ""
    raise error(text, shown, at, f"expected {words}{seen}")


def check_prefixes(text: str, shown: str) -> None:
    """An undeclared prefix is an error naming line and column (Oxigraph's own message lists characters)."""
    known = set(PREFIXES) | {m[1] for m in _DECLARED.finditer(text) if m[1]}
    blank = strip(text)
    for m in _PNAME.finditer(blank):
        if m[1] not in known:
            near = closest(m[1], known, limit=1)
            hint = f" (did you mean {near[0]}:?)" if near else ""
            raise error(
                text,
                shown,
                m.start(),
                f"unknown prefix '{m[1]}:'{hint}; declare it with PREFIX {m[1]}: <…>, "
                f"or use one of those kg declares: {', '.join(sorted(p for p in PREFIXES if p))}",
            )
