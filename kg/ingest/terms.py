"""The quads of one machine-coded event, built straight as pyoxigraph terms (no rdflib per row).

Every term that does not depend on the row is made once, in :class:`Terms`; the per-row work is a few
string joins and ``ox.Quad`` calls, so that an import keeps up with GDELT's volume.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg import iris
from kg.namespaces import DKG
from kg.resources import countries_file, ontology_files

_ID = iris.mint("x", "").removesuffix("x/")
_SLUG = re.compile(r"[^a-z0-9]+")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def slug(name: str) -> str:
    """A file name as an id part: ``20170701.export.CSV`` → ``20170701-export-csv``."""
    return _SLUG.sub("-", name.lower()).strip("-") or "table"


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The alpha-3 codes of data/reference/countries.ttl: the countries an actor can be mapped to."""
    code = _n(DKG.countryCode)
    return frozenset(t.object.value for t in ox.parse(path=countries_file()) if t.predicate == code)


@lru_cache(maxsize=1)
def cameo_codes() -> frozenset[str]:
    """The CAMEO codes our vocabularies have a concept for (id/cameo/<code>)."""
    scheme, in_scheme = _n(iris.mint("cameo", "")).value.rstrip("/"), _n("http://www.w3.org/2004/02/skos/core#inScheme")
    prefix = scheme + "/"
    return frozenset(
        t.subject.value.removeprefix(prefix)
        for t in ox.parse(path=ontology_files()[1])
        if t.predicate == in_scheme and isinstance(t.object, ox.NamedNode) and t.object.value == scheme
    )


@dataclass
class Event:
    """One table row, read and checked: what the quads are made from."""

    ident: str  # the table's identifier, as an id part (GDELT: the GLOBALEVENTID)
    label: str
    date: str  # YYYY-MM-DD
    code: str  # the event code as given
    cameo: str | None  # the most specific CAMEO code of ours it falls under
    countries: list[str]  # actor countries, alpha-3, in row order, no repeats
    actors: list[tuple[str, str]]  # (code, name) of actors mapped to no country
    place: str | None  # alpha-3 of the place of the action
    source_url: str | None
    numbers: list[tuple[ox.NamedNode, ox.Literal]] = field(default_factory=list)


class Terms:
    """The constant terms of one import, and the quads of each event."""

    def __init__(self, fmt: str, file_name: str) -> None:
        name = slug(file_name)
        self.graph = _n(iris.graph(f"import/{fmt}/{name}"))
        self.activity = _n(iris.mint("import", f"{fmt}--{name}"))
        self.fmt = fmt
        self.file_name = file_name
        self.event_base = str(iris.mint("event", f"{fmt}-"))
        self.source_base = str(iris.mint("source", f"{fmt}-"))
        self.participation_base = str(iris.mint("participation", ""))
        self.country_base = str(iris.country(""))
        self.cameo_base = str(iris.mint("cameo", ""))
        self.seen_sources: set[str] = set()
        t = _n
        self.type, self.label, self.eid, self.ecode = (
            t(RDF.type),
            t(RDFS.label),
            t(DKG.eventIdentifier),
            t(DKG.eventCode),
        )
        self.event_classes = (t(DKG.DiplomaticEvent), t(DKG.MachineCodedEvent))
        self.source_classes = (t(DKG.Source), t(DKG.MachineCodedSource))
        self.start, self.end, self.cameo = t(DKG.startDate), t(DKG.endDate), t(DKG.cameo)
        self.participant, self.qualified, self.participation = (
            t(DKG.participant),
            t(DKG.qualifiedParticipation),
            t(DKG.Participation),
        )
        self.agent, self.role, self.role_participant = t(DKG.agent), t(DKG.role), t(iris.mint("role", "participant"))
        self.involves, self.location = t(DKG.involvesCountry), t(DKG.location)
        self.actor_code, self.actor_name = t(DKG.actorCode), t(DKG.actorName)
        self.generated, self.source, self.url = t(PROV.wasGeneratedBy), t(DCTERMS.source), t(DKG.url)
        self.xsd_date, self.any_uri = t(XSD.date), t(XSD.anyURI)

    def header(self) -> Iterator[ox.Quad]:
        """The import activity: tool, format and file, and no wall-clock time (the output stays reproducible)."""
        g, a = self.graph, self.activity
        yield ox.Quad(a, self.type, _n(DKG.ImportActivity), g)
        yield ox.Quad(a, self.label, ox.Literal(f"kg import --format {self.fmt} {self.file_name}", language="en"), g)
        yield ox.Quad(a, _n(DKG.importFormat), ox.Literal(self.fmt), g)
        yield ox.Quad(a, _n(DKG.importedFile), ox.Literal(self.file_name), g)
        yield ox.Quad(a, _n(PROV.wasAssociatedWith), _n("https://w3id.org/diplomatic-kg/ontology"), g)

    def source_node(self, url: str) -> ox.NamedNode:
        return ox.NamedNode(self.source_base + hashlib.blake2b(url.encode(), digest_size=8).hexdigest())

    def cites(self, event: ox.NamedNode, url: str) -> Iterator[ox.Quad]:
        """event dcterms:source S, and S itself the first time its address is seen."""
        g, s = self.graph, self.source_node(url)
        yield ox.Quad(event, self.source, s, g)
        if s.value not in self.seen_sources:
            self.seen_sources.add(s.value)
            yield ox.Quad(s, self.type, self.source_classes[0], g)
            yield ox.Quad(s, self.type, self.source_classes[1], g)
            yield ox.Quad(s, self.url, ox.Literal(url, datatype=self.any_uri), g)

    def event_node(self, ident: str) -> ox.NamedNode:
        return ox.NamedNode(self.event_base + ident)

    def quads(self, ev: Event) -> Iterator[ox.Quad]:
        g, e = self.graph, self.event_node(ev.ident)
        for cls in self.event_classes:
            yield ox.Quad(e, self.type, cls, g)
        yield ox.Quad(e, self.label, ox.Literal(ev.label, language="en"), g)
        yield ox.Quad(e, self.eid, ox.Literal(ev.ident), g)
        yield ox.Quad(e, self.ecode, ox.Literal(ev.code), g)
        if ev.cameo:
            yield ox.Quad(e, self.cameo, ox.NamedNode(self.cameo_base + ev.cameo), g)
        date = ox.Literal(ev.date, datatype=self.xsd_date)
        yield ox.Quad(e, self.start, date, g)
        yield ox.Quad(e, self.end, date, g)
        local = f"{self.fmt}-{ev.ident}"
        for code in ev.countries:
            c = ox.NamedNode(self.country_base + code)
            p = ox.NamedNode(f"{self.participation_base}{local}--{code}--participant")
            yield ox.Quad(e, self.participant, c, g)
            yield ox.Quad(e, self.involves, c, g)
            yield ox.Quad(e, self.qualified, p, g)
            yield ox.Quad(p, self.type, self.participation, g)
            yield ox.Quad(p, self.agent, c, g)
            yield ox.Quad(p, self.role, self.role_participant, g)
        for code, name in ev.actors:
            if code:
                yield ox.Quad(e, self.actor_code, ox.Literal(code), g)
            if name:
                yield ox.Quad(e, self.actor_name, ox.Literal(name), g)
        if ev.place:
            yield ox.Quad(e, self.location, ox.NamedNode(self.country_base + ev.place), g)
        for prop, value in ev.numbers:
            yield ox.Quad(e, prop, value, g)
        yield ox.Quad(e, self.generated, self.activity, g)
        if ev.source_url:
            yield from self.cites(e, ev.source_url)
