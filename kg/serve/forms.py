"""What a request's SPARQL text is, told without running it: its query form, an update, a SERVICE call.

Each test reads the text with IRIs, strings and comments blanked out (:func:`kg.sparql_syntax.strip`), so
``"SERVICE"`` in a string, ``<http://x/select>`` or ``# INSERT`` in a comment count for nothing.
"""

from __future__ import annotations

import re

from kg.sparql_syntax import strip

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
# The prologue: BASE <iri> and PREFIX name: <iri> (the IRIs are blank once stripped).
_PROLOGUE = re.compile(r"\s*(?:BASE\b|PREFIX\s*(?:[A-Za-z][\w.-]*)?:)\s*", re.IGNORECASE)
_WORD = re.compile(r"\s*([A-Za-z]+)")
# SERVICE as a keyword: not part of a name (?service, ex:service, service:x, my_service).
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:.-])", re.IGNORECASE)


def first_keyword(text: str) -> str:
    """The first word after the prologue, upper-cased ('' if none): the query form, or an update's verb."""
    blank = strip(text)
    pos = 0
    while m := _PROLOGUE.match(blank, pos):
        if m.end() == pos:
            break
        pos = m.end()
    word = _WORD.match(blank, pos)
    return word[1].upper() if word else ""


def query_form(text: str) -> str | None:
    """'SELECT', 'ASK', 'CONSTRUCT' or 'DESCRIBE'; None when the text starts otherwise (not a query)."""
    word = first_keyword(text)
    return word if word in QUERY_FORMS else None


def is_update(text: str) -> bool:
    """Whether the text reads as SPARQL Update (INSERT DATA, CLEAR ALL, WITH <g> DELETE…)."""
    return first_keyword(text) in UPDATE_KEYWORDS


def uses_service(text: str) -> bool:
    """Whether the query calls another endpoint (``SERVICE <iri> { … }``)."""
    return _SERVICE.search(strip(text)) is not None


def gives_graph(form: str | None) -> bool:
    """Whether a query of this form answers with a graph (CONSTRUCT, DESCRIBE) rather than results."""
    return form in ("CONSTRUCT", "DESCRIBE")
