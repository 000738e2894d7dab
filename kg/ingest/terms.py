"""The quads of one machine-coded event, written straight as N-Quads text (no rdflib, no ``ox.Quad`` per row).

Every term that does not depend on the row is written once, in :class:`Terms`, and so is every value rows
repeat; the per-row work is a few string joins, so that an import keeps up with GDELT's volume.
"""

from __future__ import annotations

import hashlib
import re
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


def _plain_id(text: str) -> bool:
    """An id part that is a valid IRI end as it stands (ASCII letters, digits, ``-``)."""
    return text.isascii() and text.replace("-", "").isalnum()


def _plain(text: str) -> bool:
    """Text a literal writes as it stands: no quote, backslash or control character to escape."""
    return text.isprintable() and '"' not in text and "\\" not in text


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
    """The constant terms of one import, and each event as N-Quads lines.

    Rows become text, not ``ox.Quad`` objects: every term is written as pyoxigraph writes it (``str`` of
    the term, so escaping stays the engine's), made once per distinct value and joined per row.
    """

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
        self.seen_sources: dict[str, str] = {}  # address → its source node (N-Quads), described once
        self._nodes: dict[str, str] = {}
        self._literals: dict[tuple[str, str | None], str] = {}
        self._terms: dict[tuple[ox.NamedNode, ox.Literal], str] = {}  # (property, value) → " <p> value <g> .\n"
        self.end_ = f" {self.graph} .\n"  # the graph and the full stop every line of this file ends with

        def t(iri: str) -> str:
            return f" {_n(iri)} "

        self.type, self.label, self.eid, self.ecode = (
            t(RDF.type),
            t(RDFS.label),
            t(DKG.eventIdentifier),
            t(DKG.eventCode),
        )
        self.event_classes = f"{t(RDF.type)}{_n(DKG.DiplomaticEvent)}{self.end_}", f"{_n(DKG.MachineCodedEvent)}"
        self.source_classes = (str(_n(DKG.Source)), str(_n(DKG.MachineCodedSource)))
        self.start, self.end, self.cameo = t(DKG.startDate), t(DKG.endDate), t(DKG.cameo)
        self.plover = t(DKG.plover)
        self.participant, self.qualified, self.participation = (
            t(DKG.participant),
            t(DKG.qualifiedParticipation),
            str(_n(DKG.Participation)),
        )
        self.agent, self.role = t(DKG.agent), t(DKG.role)
        self.role_participant = str(_n(iris.mint("role", "participant")))
        self.involves, self.location = t(DKG.involvesCountry), t(DKG.location)
        self.actor_code, self.actor_name = t(DKG.actorCode), t(DKG.actorName)
        self.generated = f"{t(PROV.wasGeneratedBy)}{self.activity}{self.end_}"
        self.source, self.url = t(DCTERMS.source), t(DKG.url)
        self.xsd_date, self.any_uri = str(XSD.date), _n(XSD.anyURI)

    def header(self) -> str:
        """The import activity: tool, format and file, and no wall-clock time (the output stays reproducible)."""
        a, end = self.activity, self.end_
        label = ox.Literal(f"kg import --format {self.fmt} {self.file_name}", language="en")
        return (
            f"{a}{self.type}{_n(DKG.ImportActivity)}{end}"
            f"{a}{self.label}{label}{end}"
            f"{a} {_n(DKG.importFormat)} {ox.Literal(self.fmt)}{end}"
            f"{a} {_n(DKG.importedFile)} {ox.Literal(self.file_name)}{end}"
            f"{a} {_n(PROV.wasAssociatedWith)} {_n('https://w3id.org/diplomatic-kg/ontology')}{end}"
        )

    def source_node(self, url: str) -> str:
        digest = hashlib.blake2b(url.encode(), digest_size=8).hexdigest()  # hex digits: no escaping needed
        return f"<{self.source_base}{digest}>"

    def cites(self, event: str, url: str) -> str:
        """event dcterms:source S, and S itself the first time its address is seen (in this file's graph)."""
        end, s = self.end_, self.seen_sources.get(url)
        if s is not None:
            return f"{event}{self.source}{s}{end}"
        s = self.seen_sources[url] = self.source_node(url)
        return f"{event}{self.source}{s}{end}{self.describe(s, url)}"

    def describe(self, s: str, url: str) -> str:
        """The lines of source node ``s`` (N-Quads text) whose address is ``url``."""
        end = self.end_
        return (
            f"{s}{self.type}{self.source_classes[0]}{end}"
            f"{s}{self.type}{self.source_classes[1]}{end}"
            f"{s}{self.url}{self._address(url)}{end}"
        )

    def _address(self, url: str) -> str:
        """The address as an xsd:anyURI literal; written as it stands when it needs no escaping."""
        if _plain(url):
            return f'"{url}"^^{self.any_uri}'
        return str(ox.Literal(url, datatype=self.any_uri))

    def event_node(self, ident: str) -> str:
        return str(ox.NamedNode(self.event_base + ident))  # checked by the engine: an id part may be anything

    def _takes_part(self, e: str, local: str, agent: str, agent_id: str) -> str:
        """The agent as a participant of the event, directly and as a qualified participation."""
        end, p = self.end_, ox.NamedNode(f"{self.participation_base}{local}--{agent_id}--participant")
        return (
            f"{e}{self.participant}{agent}{end}"
            f"{e}{self.qualified}{p}{end}"
            f"{p}{self.type}{self.participation}{end}"
            f"{p}{self.agent}{agent}{end}"
            f"{p}{self.role}{self.role_participant}{end}"
        )

    def _node(self, iri: str) -> str:
        """A node of ours that many rows share (a country, a CAMEO or PLOVER concept), written once."""
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = str(ox.NamedNode(iri))
        return found

    def _literal(self, text: str, datatype: str | None = None) -> str:
        """A literal that rows repeat (dates, codes, actor names), written once; the cache is bounded."""
        key = (text, datatype)
        found = self._literals.get(key)
        if found is None:
            if len(self._literals) > _CACHED:
                self._literals.clear()
            value = ox.Literal(text) if datatype is None else ox.Literal(text, datatype=ox.NamedNode(datatype))
            found = self._literals[key] = str(value)
        return found

    def _term(self, prop: ox.NamedNode, value: ox.Literal) -> str:
        key = (prop, value)
        found = self._terms.get(key)
        if found is None:
            if len(self._terms) > _CACHED:
                self._terms.clear()
            found = self._terms[key] = f" {prop} {value}{self.end_}"
        return found

    def actor_lines(self, ev: Event) -> list[str]:
        """The lines (after the subject) of the actors kept by code and name, and of the place."""
        end, lit, out = self.end_, self._literal, []
        for code, name in ev.actors:
            if code:
                out.append(f"{self.actor_code}{lit(code)}{end}")
            if name:
                out.append(f"{self.actor_name}{lit(name)}{end}")
        if ev.place:
            out.append(f"{self.location}{self._node(self.country_base + ev.place)}{end}")
        return out

    def quads(self, ev: Event) -> str:
        """The event's quads as N-Quads. Countries take part as dkg:involvesCountry, as the curated mapping
        states a record's ``countries``; people and organisations named by an actor's name as participants.

        The event's own lines are kept as what follows the subject and joined with it once: ``e + e.join``."""
        end, lit, node, ident = self.end_, self._literal, self._node, ev.identifier or ev.ident
        # A row's own values are unique: not worth a cache, and plain text needs no escaping
        e = f"<{self.event_base}{ev.ident}>" if _plain_id(ev.ident) else self.event_node(ev.ident)
        label = f'"{ev.label}"@en' if _plain(ev.label) else ox.Literal(ev.label, language="en")
        eid = f'"{ident}"' if _plain(ident) else lit(ident)
        out = [
            self.event_classes[0],
            f"{self.type}{self.event_classes[1]}{end}",
            f"{self.label}{label}{end}",
            f"{self.eid}{eid}{end}",
            f"{self.ecode}{lit(ev.code)}{end}",
        ]
        if ev.cameo:
            out.append(f"{self.cameo}{node(self.cameo_base + ev.cameo)}{end}")
        for concept in ev.plover:
            out.append(f"{self.plover}{node(self.plover_base + concept)}{end}")
        date = lit(ev.date, self.xsd_date)
        out.append(f"{self.start}{date}{end}")
        out.append(f"{self.end}{date}{end}")
        for code in ev.countries:
            out.append(f"{self.involves}{node(self.country_base + code)}{end}")
        text = ""
        if ev.agents:  # participations interleave lines of other subjects: written out in full
            text = e + e.join(out)
            out = []
            local = f"{self.prefix}-{ev.ident}"
            for agent in ev.agents:
                text += self._takes_part(e, local, node(agent), iris.local_id(agent))
        out += self.actor_lines(ev)
        term = self._term
        out += [term(prop, value) for prop, value in ev.numbers]
        out.append(self.generated)
        source = ""
        if ev.source_url:
            cited = self.cites("", ev.source_url)  # " dcterms:source S g .\n", then S's own lines when new
            first = cited.index("\n") + 1
            out.append(cited[:first])
            source = cited[first:]
        if out:
            text += e + e.join(out)
        return text + source
