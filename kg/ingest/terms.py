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
_CACHED = 100_000  # literals kept for reuse (dates, codes, names); beyond that the cache starts afresh


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
    agents: list[str] = field(default_factory=list)  # IRIs of our people and organisations the actors' names name
    plover: list[str] = field(default_factory=list)  # PLOVER concepts of ours (id/plover/<local>), most specific last
    identifier: str = ""  # the table's identifier when ``ident`` is more (ICEWS: Event ID, without its date)


class Terms:
    """The constant terms of one import, and the quads of each event."""

    def __init__(self, fmt: str, file_name: str, prefix: str | None = None) -> None:
        """``prefix`` starts the events' ids (``gdelt-``…; a mapped CSV table's own name), ``fmt`` by default."""
        name = slug(file_name)
        prefix = prefix or fmt
        self.graph = _n(iris.graph(f"import/{fmt}/{name}"))
        self.activity = _n(iris.mint("import", f"{fmt}--{name}"))
        self.fmt = fmt
        self.file_name = file_name
        self.prefix = prefix
        self.event_base = str(iris.mint("event", f"{prefix}-"))
        self.source_base = str(iris.mint("source", f"{fmt}-"))
        self.participation_base = str(iris.mint("participation", ""))
        self.country_base = str(iris.country(""))
        self.cameo_base = str(iris.mint("cameo", ""))
        self.plover_base = str(iris.mint("plover", ""))
        self.seen_sources: dict[str, ox.NamedNode] = {}  # address → its source node, described once
        self._nodes: dict[str, ox.NamedNode] = {}
        self._literals: dict[tuple[str, ox.NamedNode | None], ox.Literal] = {}
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
        self.plover = t(DKG.plover)
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

    def cites(self, event: ox.NamedNode, url: str) -> list[ox.Quad]:
        """event dcterms:source S, and S itself the first time its address is seen (in this file's graph)."""
        g, s = self.graph, self.seen_sources.get(url)
        if s is not None:
            return [ox.Quad(event, self.source, s, g)]
        s = self.seen_sources[url] = self.source_node(url)
        return [
            ox.Quad(event, self.source, s, g),
            ox.Quad(s, self.type, self.source_classes[0], g),
            ox.Quad(s, self.type, self.source_classes[1], g),
            ox.Quad(s, self.url, ox.Literal(url, datatype=self.any_uri), g),
        ]

    def event_node(self, ident: str) -> ox.NamedNode:
        return ox.NamedNode(self.event_base + ident)

    def _takes_part(self, e: ox.NamedNode, local: str, agent: ox.NamedNode, agent_id: str) -> list[ox.Quad]:
        """The agent as a participant of the event, directly and as a qualified participation."""
        g, p = self.graph, ox.NamedNode(f"{self.participation_base}{local}--{agent_id}--participant")
        return [
            ox.Quad(e, self.participant, agent, g),
            ox.Quad(e, self.qualified, p, g),
            ox.Quad(p, self.type, self.participation, g),
            ox.Quad(p, self.agent, agent, g),
            ox.Quad(p, self.role, self.role_participant, g),
        ]

    def _node(self, iri: str) -> ox.NamedNode:
        """A NamedNode of ours that many rows share (a country, a CAMEO or PLOVER concept), made once."""
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = ox.NamedNode(iri)
        return found

    def _literal(self, text: str, datatype: ox.NamedNode | None = None) -> ox.Literal:
        """A literal that rows repeat (dates, codes, actor names), made once; the cache is bounded."""
        key = (text, datatype)
        found = self._literals.get(key)
        if found is None:
            if len(self._literals) > _CACHED:
                self._literals.clear()
            found = self._literals[key] = ox.Literal(text) if datatype is None else ox.Literal(text, datatype=datatype)
        return found

    def quads(self, ev: Event) -> list[ox.Quad]:
        """The event's quads. Countries take part as dkg:involvesCountry, as the curated mapping states a
        record's ``countries``; people and organisations named by an actor's name as participants."""
        g, e, q, lit = self.graph, self.event_node(ev.ident), ox.Quad, self._literal
        out = [
            q(e, self.type, self.event_classes[0], g),
            q(e, self.type, self.event_classes[1], g),
            q(e, self.label, ox.Literal(ev.label, language="en"), g),
            q(e, self.eid, ox.Literal(ev.identifier or ev.ident), g),
            q(e, self.ecode, lit(ev.code), g),
        ]
        if ev.cameo:
            out.append(q(e, self.cameo, self._node(self.cameo_base + ev.cameo), g))
        for concept in ev.plover:
            out.append(q(e, self.plover, self._node(self.plover_base + concept), g))
        date = lit(ev.date, self.xsd_date)
        out.append(q(e, self.start, date, g))
        out.append(q(e, self.end, date, g))
        for code in ev.countries:
            out.append(q(e, self.involves, self._node(self.country_base + code), g))
        if ev.agents:
            local = f"{self.prefix}-{ev.ident}"
            for agent in ev.agents:
                out += self._takes_part(e, local, self._node(agent), iris.local_id(agent))
        for code, name in ev.actors:
            if code:
                out.append(q(e, self.actor_code, lit(code), g))
            if name:
                out.append(q(e, self.actor_name, lit(name), g))
        if ev.place:
            out.append(q(e, self.location, self._node(self.country_base + ev.place), g))
        out += [q(e, prop, value, g) for prop, value in ev.numbers]
        out.append(q(e, self.generated, self.activity, g))
        if ev.source_url:
            out += self.cites(e, ev.source_url)
        return out
