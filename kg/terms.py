"""RDF terms written by people: the values of stored-query parameters.

A value is never pasted into query text: it becomes an rdflib term (checked here) that the engine binds.
Accepted forms: a record id (``sahil-babayev``) or country code in any case (``aze``), ``kind:id`` or
another prefixed name (``country:AZE``), a full IRI (``<https://…>``), a label in any language and
spelling for a resource parameter (``Sahil Babayev``, resolved by :func:`kg.identify.resolve`), a date
(``2023``, ``2023-08``, ``2023-08-22``), a quoted string (``"text"``), a language-tagged string
(``"Bakı"@az``), a typed literal (``"2023-08-22"^^xsd:date``), or plain text for string parameters.

Errors name the parameter as data (``about=parameter(name)``), never a command-line flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rdflib import XSD, Literal, Node, URIRef

from kg import dates, fuzzy, identify
from kg.errors import UsageError, article, parameter
from kg.iris import expand, shorten
from kg.namespaces import PREFIXES
from kg.store import Store

# Parameter types of stored queries: the entity types of kg.identify, any IRI, and literals.
RESOURCE_TYPES = ("iri", *identify.TYPES)
LITERAL_TYPES = ("string", "langString", "date", "integer", "literal")
TYPES = (*RESOURCE_TYPES, *LITERAL_TYPES)
_NOUNS = {"iri": "IRI", "langString": "language-tagged string", "literal": "value"}

_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_QUOTED = re.compile(r'^"(?P<text>(?:[^"\\]|\\.)*)"(?:@(?P<lang>\S+)|\^\^(?P<dt>\S+))?$', re.DOTALL)
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_ABSOLUTE = re.compile(r"^(https?|urn):")
_IRI_CHARS = re.compile(r'^[^\s<>"{}|^`\\]+$')
_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE_TYPES = {str(XSD.date): 10, str(XSD.gYearMonth): 7, str(XSD.gYear): 4}
_ESCAPES = {"\\n": "\n", "\\t": "\t", '\\"': '"', "\\\\": "\\", "\\r": "\r"}


def noun(typ: str) -> str:
    """A parameter type as a noun with its article: 'a country', 'an IRI', 'a date'."""
    return article(_NOUNS.get(typ, typ))


def is_date(term: Node) -> bool:
    return isinstance(term, Literal) and str(term.datatype) in _DATE_TYPES


def _unescape(text: str) -> str:
    return re.sub(r'\\[nt"\\r]', lambda m: _ESCAPES[m.group(0)], text)


class Resolver:
    """Parses parameter values into RDF terms, resolving ids and names against the entities of ``store``."""

    def __init__(self, store: Store, lang: str = "en") -> None:
        self.store = store
        self.lang = lang

    def parse(self, text: str, typ: str = "literal", name: str = "value") -> Node:
        """The RDF term ``text`` stands for as a parameter of type ``typ`` (see TYPES); UsageError if invalid."""
        if typ not in TYPES:
            raise UsageError(f"unknown parameter type '{typ}'", about=parameter(name), value=typ, allowed=TYPES)
        value = text.strip()
        if typ in identify.TYPES:
            if value.startswith("<") and value.endswith(">"):
                self._iri(value[1:-1], name, value)
            elif _PREFIXED.match(value) and not _ABSOLUTE.match(value) and value.split(":")[0].lower() not in PREFIXES:
                self._prefixed(value, name)  # an unknown prefix: say so, rather than look for a name
            return URIRef(identify.resolve(self.store, value, expect=typ, about=parameter(name), lang=self.lang))
        term = self._term(value, typ, name)
        if typ == "iri" and not isinstance(term, URIRef):
            raise self._error(name, text, f"'{text}' is not an IRI: write a prefixed name or an <IRI>")
        if typ == "langString" and not (isinstance(term, Literal) and term.language):
            raise self._error(name, text, f"'{text}' is not a language-tagged string such as \"Bakı\"@az")
        if typ == "integer" and not (isinstance(term, Literal) and term.datatype == XSD.integer):
            raise self._error(name, text, f"'{text}' is not an integer")
        if typ == "date" and not is_date(term):
            raise self._error(name, text, f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        return term

    @staticmethod
    def _error(
        name: str, text: str, message: str, allowed: Sequence[str] = (), closest: Sequence[str] = ()
    ) -> UsageError:
        return UsageError(message, about=parameter(name), value=text, allowed=allowed, closest=closest)

    def _term(self, text: str, typ: str, name: str) -> Node:
        if text.startswith("<") and text.endswith(">"):
            return self._iri(text[1:-1], name, text)
        if text.startswith('"'):
            return self._quoted(text, name)
        if typ == "string":
            return Literal(text)
        if typ == "integer" and _INTEGER.match(text):
            return Literal(int(text))
        if _DATE.match(text) and typ in ("date", "literal"):
            try:
                return dates.literal(text)
            except dates.BadDate as exc:
                raise self._error(name, text, str(exc)) from None
        if typ in ("iri", "literal") and " " not in text:
            record = identify.index(self.store).ids.get(text.lower(), [])
            if len(record) == 1:  # an id of the graph, in any case
                return URIRef(record[0])
        if _ABSOLUTE.match(text):
            return self._iri(text, name, text)
        if _PREFIXED.match(text) and ":" in text:
            return self._prefixed(text, name)
        return Literal(text)  # for a typed parameter, parse() says what it is not

    def _iri(self, text: str, name: str, given: str) -> URIRef:
        if not _IRI_CHARS.match(text) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
            raise self._error(
                name, given, f"'{given}' is not a valid IRI: write an absolute IRI such as <https://example.org/x>"
            )
        return URIRef(text)

    def _prefixed(self, text: str, name: str) -> URIRef:
        iri = expand(text)
        if iri is None:
            prefix = text.split(":")[0]
            known = sorted(p for p in PREFIXES if p)
            raise self._error(
                name,
                text,
                f"unknown prefix '{prefix}:' in '{text}'",
                allowed=known,
                closest=fuzzy.closest(prefix, known),
            )
        return iri

    def _quoted(self, text: str, name: str) -> Literal:
        m = _QUOTED.match(text)
        if not m:
            raise self._error(name, text, f'unbalanced quotes in {text}: write "text", "text"@lang or "text"^^xsd:type')
        value = _unescape(m["text"])
        if m["lang"] is not None:
            if not _LANG.match(m["lang"]):
                raise self._error(name, text, f"'{m['lang']}' is not a language tag (BCP 47, e.g. az, en, uz-Cyrl)")
            return Literal(value, lang=m["lang"])
        if m["dt"] is not None:
            dt = m["dt"]
            datatype = self._iri(dt[1:-1], name, text) if dt.startswith("<") and dt.endswith(">") else expand(dt)
            if datatype is None:
                raise self._error(name, text, f"unknown datatype '{dt}': write xsd:date or <http://…>")
            return self._typed(value, datatype, name, text)
        return Literal(value)

    def _typed(self, value: str, datatype: URIRef, name: str, given: str) -> Literal:
        """A literal whose lexical form is checked against its XSD datatype."""
        width = _DATE_TYPES.get(str(datatype))
        if width is not None:
            try:
                ok = len(dates.normalise(value)) == width
            except dates.BadDate as exc:
                raise self._error(name, given, str(exc)) from None
            if not ok:
                raise self._error(name, given, f"'{value}' is not a valid {shorten(str(datatype))}")
            return Literal(value, datatype=datatype)
        lit = Literal(value, datatype=datatype)
        if lit.ill_typed:
            raise self._error(name, given, f"'{value}' is not a valid {shorten(str(datatype))}")
        return lit
