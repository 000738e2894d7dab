"""Every IRI of ours is minted and parsed here: ``id/<kind>/<id>`` and the derived resources.

Record ids are kebab-case slugs (``[a-z0-9]+(-[a-z0-9]+)*``) or ISO alpha-3 country codes, so ``--``
never occurs inside one and safely separates the parts of a derived resource:

- ``participation/<event>--<agent>--<role>``: an agent's part in an event (owned by the event)
- ``tenure/<person>--<post>--<n>``: a person's n-th tenure of a post (owned by the person)
- ``organisation/<org>--former-name--<n>``: an organisation's n-th former name (owned by it)
- ``citation/<kind>--<record>--<source>``: the sentence of a source quoted for a record (owned by the
  record; its kind is part of the id because a quote may support a record of any kind)

:func:`parse` inverts every minting function (a test round-trips them); :func:`owner` names the record a
resource belongs to, which is where a problem with it is reported. :func:`shorten` and :func:`expand`
turn IRIs into prefixed names and back, with the prefixes of :data:`kg.namespaces.PREFIXES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from kg.namespaces import ID_BASE, PREFIXES

SEPARATOR = "--"
FORMER_NAME = "former-name"
# Derived kinds and the record kind that owns each.
OWNERS = {"participation": "event", "tenure": "person"}
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_LOCAL = re.compile(r"[\w.-]*")
# Longest namespace first, so the most specific prefix wins (country: before id:).
_BY_LENGTH = sorted(((p, ns) for p, ns in PREFIXES.items() if p), key=lambda kv: (-len(kv[1]), kv[0]))


def mint(kind: str, ident: str) -> URIRef:
    """The IRI of a record (``person``, ``sahil-babayev``) or vocabulary concept (``role``, ``host``)."""
    return URIRef(f"{ID_BASE}{kind}/{ident}")


def country(code: str) -> URIRef:
    return mint("country", code)


def participation(event: str, agent: str, role: str) -> URIRef:
    return mint("participation", SEPARATOR.join((event, agent, role)))


def tenure(person: str, post: str, n: int) -> URIRef:
    return mint("tenure", SEPARATOR.join((person, post, str(n))))


def former_name(organisation: str, n: int) -> URIRef:
    return mint("organisation", SEPARATOR.join((organisation, FORMER_NAME, str(n))))


def citation(kind: str, record: str, source: str) -> URIRef:
    """The quote of ``source`` on which the ``kind`` record ``record`` rests."""
    return mint("citation", SEPARATOR.join((kind, record, source)))


def graph(name: str) -> URIRef:
    """A graph that is not a source's: ``graph/ontology``, ``graph/file/<path>``…"""
    return mint("graph", name)


@dataclass(frozen=True)
class Parsed:
    """One of our IRIs taken apart: its kind, its id, and the parts of a derived id."""

    kind: str
    id: str

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.id.split(SEPARATOR))

    @property
    def derived(self) -> bool:
        return SEPARATOR in self.id

    @property
    def owner(self) -> tuple[str, str]:
        """(kind, id) of the record this resource belongs to."""
        if not self.derived:
            return self.kind, self.id
        if self.kind == "citation":
            return self.parts[0], self.parts[1]
        return OWNERS.get(self.kind, self.kind), self.parts[0]


def parse(iri: str) -> Parsed | None:
    """``…/id/person/sahil-babayev`` → Parsed("person", "sahil-babayev"); None for IRIs not of ours.
    Graph names keep their path as the id (``graph/file/core/extra``)."""
    if not iri.startswith(ID_BASE):
        return None
    kind, sep, ident = iri[len(ID_BASE) :].partition("/")
    if not sep or not kind or not ident:
        return None
    if kind != "graph" and "/" in ident:
        return None
    return Parsed(kind, ident)


def owner(iri: str) -> tuple[str, str] | None:
    parsed = parse(iri)
    return parsed.owner if parsed else None


def local_id(iri: str) -> str:
    """The id as written in ``data/`` (a slug, an alpha-3 code); IRIs not of ours as a prefixed name."""
    parsed = parse(iri)
    return parsed.id if parsed else shorten(iri)


def is_record(iri: str) -> bool:
    """Whether the IRI names a record or concept itself, not a derived resource or a graph."""
    parsed = parse(iri)
    return parsed is not None and not parsed.derived and parsed.kind != "graph"


def shorten(iri: str) -> str:
    """The prefixed name of an IRI (longest matching namespace), or the IRI in angle brackets."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def compact(iri: str) -> str:
    """A prefixed name where one fits (as in JSON-LD and query graphs), else the IRI itself."""
    short = shorten(iri)
    return iri if short.startswith("<") else short


def expand(name: str) -> URIRef | None:
    """``country:AZE`` → the full IRI, or None when it is not a prefixed name with one of our prefixes."""
    m = _PREFIXED.match(name)
    if not m or (m["prefix"] or "") not in PREFIXES:
        return None
    return URIRef(PREFIXES[m["prefix"] or ""] + m["local"])
