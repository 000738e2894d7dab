"""RDF terms written by people: parse ``--param`` values, shorten IRIs, pick labels.

A value is never pasted into query text: it becomes an rdflib term (checked here) that the engine binds.
Accepted forms: a record id (``sahil-babayev``) or country code (``AZE``), a prefixed name
(``country:AZE``), a full IRI (``<https://…>``), a date (``2023``, ``2023-08``, ``2023-08-22``), a
quoted string (``"text"``), a language-tagged string (``"Bakı"@az``), a typed literal
(``"2023-08-22"^^xsd:date``), or plain text for string parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rdflib import RDFS, XSD, Literal, Node, URIRef

from kg import dates
from kg.errors import UsageError
from kg.iris import expand, shorten
from kg.namespaces import DKG, ID_BASE, PREFIXES
from kg.store import Store

# Parameter types of stored queries: resource types name the class the value must have.
RESOURCE_TYPES: dict[str, URIRef | None] = {
    "iri": None,
    "country": DKG.Country,
    "person": DKG.Person,
    "organisation": DKG.Organisation,
    "agent": DKG.Agent,
    "event": DKG.DiplomaticEvent,
    "document": DKG.Document,
    "place": DKG.Place,
    "post": DKG.Post,
    "source": DKG.Source,
    "sector": DKG.Sector,
}
LITERAL_TYPES = ("string", "langString", "date", "integer", "literal")
TYPES = (*RESOURCE_TYPES, *LITERAL_TYPES)

_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_QUOTED = re.compile(r'^"(?P<text>(?:[^"\\]|\\.)*)"(?:@(?P<lang>\S+)|\^\^(?P<dt>\S+))?$', re.DOTALL)
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_IRI_CHARS = re.compile(r'^[^\s<>"{}|^`\\]+$')
_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE_TYPES = {str(XSD.date): 10, str(XSD.gYearMonth): 7, str(XSD.gYear): 4}
_ESCAPES = {"\\n": "\n", "\\t": "\t", '\\"': '"', "\\\\": "\\", "\\r": "\r"}


def _unescape(text: str) -> str:
    return re.sub(r'\\[nt"\\r]', lambda m: _ESCAPES[m.group(0)], text)


def _iri(text: str, shown: str) -> URIRef:
    if not _IRI_CHARS.match(text) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise UsageError(f"{shown} is not a valid IRI: write an absolute IRI such as <https://example.org/x>")
    return URIRef(text)


def typed_literal(text: str, datatype: URIRef, shown: str) -> Literal:
    """A literal whose lexical form is checked against its XSD datatype."""
    width = _DATE_TYPES.get(str(datatype))
    if width is not None:
        try:
            ok = len(dates.normalise(text)) == width
        except dates.BadDate as exc:
            raise UsageError(f"{shown}: {exc}") from None
        if not ok:
            raise UsageError(f"{shown}: '{text}' is not a valid {shorten(str(datatype))}")
        return Literal(text, datatype=datatype)
    lit = Literal(text, datatype=datatype)
    if lit.ill_typed:
        raise UsageError(f"{shown}: '{text}' is not a valid {shorten(str(datatype))}")
    return lit


@dataclass
class Resolver:
    """Turns bare ids into IRIs, knowing every resource of the graph and its classes."""

    types: dict[str, set[str]] = field(default_factory=dict)  # IRI → classes
    ids: dict[str, str] = field(default_factory=dict)  # record id or country code → IRI

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Resolver:
        r = cls()
        for iri, typ in pairs:
            r.types.setdefault(iri, set()).add(typ)
            if iri.startswith(ID_BASE) and "/graph/" not in iri:
                r.ids.setdefault(iri.rsplit("/", 1)[1], iri)
        return r

    def resolve_id(self, ident: str) -> str | None:
        return self.ids.get(ident) or self.ids.get(ident.upper() if len(ident) == 3 else ident)

    def closest(self, ident: str, limit: int = 3) -> list[str]:
        found = process.extract(ident, sorted(self.ids), limit=limit, score_cutoff=60)
        return [name for name, _, _ in found]

    def parse(self, text: str, typ: str = "literal", name: str = "value") -> Node:
        """Parse a parameter value into an RDF term of type ``typ`` (see TYPES); raise UsageError if invalid."""
        shown = f"parameter {name}={text!r}"
        if typ not in TYPES:
            raise UsageError(f"{shown}: unknown parameter type '{typ}'; use one of {', '.join(TYPES)}")
        term = self._term(text.strip(), typ, shown)
        if typ in RESOURCE_TYPES:
            if not isinstance(term, URIRef):
                raise UsageError(f"{shown}: expected an id, a prefixed name or an <IRI> ({typ})")
            cls = RESOURCE_TYPES[typ]
            if cls is not None and str(cls) not in self.types.get(str(term), set()):
                raise UsageError(f"{shown}: {shorten(str(term))} is not a {typ} in the graph")
        elif typ == "langString" and not (isinstance(term, Literal) and term.language):
            raise UsageError(f'{shown}: expected a language-tagged string such as "Bakı"@az')
        elif typ == "integer" and not (isinstance(term, Literal) and term.datatype == XSD.integer):
            raise UsageError(f"{shown}: expected an integer")
        elif typ == "date" and not (isinstance(term, Literal) and str(term.datatype) in _DATE_TYPES):
            raise UsageError(f"{shown}: expected a date: YYYY, YYYY-MM or YYYY-MM-DD")
        return term

    def _term(self, text: str, typ: str, shown: str) -> Node:
        if text.startswith("<") and text.endswith(">"):
            return _iri(text[1:-1], shown)
        if text.startswith('"'):
            return self._quoted(text, shown)
        if typ == "string":
            return Literal(text)
        if typ == "integer" and _INTEGER.match(text):
            return Literal(int(text))
        if _DATE.match(text) and typ in ("date", "literal"):
            try:
                return dates.literal(text)
            except dates.BadDate as exc:
                raise UsageError(f"{shown}: {exc}") from None
        found = self.resolve_id(text)
        if found:
            return URIRef(found)
        if text.startswith(("http://", "https://", "urn:")):
            return _iri(text, shown)
        if _PREFIXED.match(text) and ":" in text:
            iri = expand(text)
            if iri is None:
                known = ", ".join(sorted(p for p in PREFIXES if p))
                raise UsageError(f"{shown}: unknown prefix '{text.split(':')[0]}'; known prefixes: {known}")
            return iri
        if typ in RESOURCE_TYPES:
            near = self.closest(text)
            hint = f"; closest known ids: {', '.join(near)}" if near else ""
            raise UsageError(f"{shown}: unknown id '{text}'{hint}")
        if typ in ("langString", "integer", "date"):
            raise UsageError(f"{shown}: not a valid {typ}")
        return Literal(text)

    @staticmethod
    def _quoted(text: str, shown: str) -> Literal:
        m = _QUOTED.match(text)
        if not m:
            raise UsageError(f'{shown}: unbalanced quotes; write "text", "text"@lang or "text"^^xsd:type')
        value = _unescape(m["text"])
        if m["lang"] is not None:
            if not _LANG.match(m["lang"]):
                raise UsageError(f"{shown}: '{m['lang']}' is not a language tag (BCP 47, e.g. az, en, uz-Cyrl)")
            return Literal(value, lang=m["lang"])
        if m["dt"] is not None:
            dt = m["dt"]
            datatype = _iri(dt[1:-1], shown) if dt.startswith("<") and dt.endswith(">") else expand(dt)
            if datatype is None:
                raise UsageError(f"{shown}: unknown datatype '{dt}'; write xsd:date or <http://…>")
            return typed_literal(value, datatype, shown)
        return Literal(value)


def resolver_for(store: Store) -> Resolver:
    """A resolver over every typed resource of a :class:`kg.store.Store`."""
    rows = store.select("SELECT DISTINCT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s)) }")
    return Resolver.from_pairs((str(r["s"]), str(r["t"])) for r in rows)


def pick_label(labels: Iterable[Literal], lang: str = "en") -> str | None:
    """The label in ``lang``, else English, else the first in a stable order."""
    by_lang: dict[str, list[str]] = {}
    for lab in labels:
        by_lang.setdefault(lab.language or "", []).append(str(lab))
    for want in (lang, "en", ""):
        if want in by_lang:
            return sorted(by_lang[want])[0]
    return sorted(min(by_lang.items())[1])[0] if by_lang else None


def labels_of(store: Store, lang: str = "en") -> dict[str, str]:
    """One display label per IRI of the graph (rdfs:label), in ``lang`` where there is one."""
    rows = store.select(f"SELECT ?s ?l WHERE {{ ?s <{RDFS.label}> ?l FILTER(isIRI(?s)) }}")
    grouped: dict[str, list[Literal]] = {}
    for r in rows:
        if isinstance(r["l"], Literal):
            grouped.setdefault(str(r["s"]), []).append(r["l"])
    return {s: pick_label(labs, lang) or "" for s, labs in grouped.items()}
