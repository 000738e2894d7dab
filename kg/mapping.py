"""Records → quads: one function per record kind, each record's statements in its sources' graphs.

A record's fields are stated by every source it lists; ``per_source`` fields only by that source.
Record → source links and the sources' own descriptions go to the catalogue graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Node, URIRef
from rdflib.namespace import DCTERMS

from kg import dates, iris
from kg.loader import Record
from kg.namespaces import DKG, GRAPH_CATALOGUE, WD
from kg.references import SUBJECT, Index, SourceLink, source_links, speaks_properties
from kg.vocab import Vocabulary, vocabulary

Term = Node | ox.Literal  # IRIs as rdflib's URIRef (our namespaces and iris.mint), literals as Oxigraph's
Add = Callable[[Term, Term, Term], None]
_DEFAULT = ox.DefaultGraph()
_BOOLEAN, _INTEGER, _ANY_URI = (ox.NamedNode(str(t)) for t in (XSD.boolean, XSD.integer, XSD.anyURI))


def _text(value: Any, lang: str | None = None) -> ox.Literal:
    """A string literal, language-tagged when ``lang`` is given."""
    return ox.Literal(str(value), language=lang) if lang else ox.Literal(str(value))


class Mapper:
    """Turns records into quads, using the ontology for class hierarchy and CAMEO/PLOVER defaults."""

    def __init__(self, records: list[Record], vocab: Vocabulary | None = None) -> None:
        self.records = records
        self.index = Index(records)
        self.vocab = vocab or vocabulary()
        self._nodes: dict[str, ox.NamedNode] = {}
        self._merged = False  # set while quads(merged=True) runs

    # --- helpers shared by the record kinds
    def ref(self, ident: Any) -> URIRef:
        ident = str(ident)
        kind = self.index.kind_of(ident)
        return iris.country(ident) if kind == "country" else iris.mint(kind or "unknown", ident)

    def typed(self, add: Add, s: URIRef, section: str, kind: str) -> None:
        """The kind's class and all its superclasses in our namespace, so queries need no reasoning."""
        for sup in self.vocab.kind(section, kind).superclasses:
            add(s, RDF.type, sup)

    @staticmethod
    def labels(add: Add, s: URIRef, f: dict[str, Any], key: str = "name") -> None:
        for lang, text in sorted((f.get(key) or {}).items()):
            add(s, RDFS.label, _text(text, lang))
            add(s, SKOS.prefLabel, _text(text, lang))
        for lang, variants in sorted((f.get("alt") or {}).items()):
            for text in variants:
                add(s, SKOS.altLabel, _text(text, lang))
        if "note" in f:
            add(s, RDFS.comment, _text(f["note"], "en"))
        if "wikidata" in f:
            add(s, DKG.wikidata, WD[f["wikidata"]])

    @staticmethod
    def when(add: Add, s: URIRef, f: dict[str, Any], fields: Iterable[tuple[str, URIRef]]) -> None:
        for key, prop in fields:
            if key in f:
                add(s, prop, dates.ox_literal(f[key]))

    def links(self, add: Add, s: URIRef, f: dict[str, Any], fields: Iterable[tuple[str, URIRef]]) -> None:
        for key, prop in fields:
            value = f.get(key)
            for ref in value if isinstance(value, list) else ([value] if value is not None else []):
                add(s, prop, self.ref(ref))

    # --- record kinds; each tolerates partial fields (a per_source claim holds only some)
    def place(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            self.typed(add, s, "place", f["kind"])
        self.labels(add, s, f)
        self.links(add, s, f, [("country", DKG.country)])

    def organisation(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            self.typed(add, s, "organisation", f["kind"])
        self.labels(add, s, f)
        self.links(
            add,
            s,
            f,
            [
                ("country", DKG.country),
                ("countries", DKG.involvesCountry),
                ("part_of", DKG.subOrganisationOf),
                ("place", DKG.location),
            ],
        )
        for n, former in enumerate(f.get("former_names", []), start=1):
            node = iris.former_name(iris.local_id(s), n)
            add(s, DKG.formerName, node)
            add(node, RDF.type, DKG.FormerName)
            for lang, text in sorted(former["name"].items()):
                add(node, DKG.name, _text(text, lang))
                add(node, RDFS.label, _text(text, lang))
                add(s, SKOS.hiddenLabel, _text(text, lang))
            self.when(add, node, former, [("start", DKG.startDate), ("end", DKG.endDate)])

    def post(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        add(s, RDF.type, DKG.Post)
        self.labels(add, s, f)
        self.links(add, s, f, [("organisation", DKG.postIn)])

    def person(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        add(s, RDF.type, DKG.Agent)
        add(s, RDF.type, DKG.Person)
        self.labels(add, s, f)
        self.links(add, s, f, [("country", DKG.nationality)])
        if "spouse" in f:  # symmetric: both directions, so queries need no reasoning
            add(s, DKG.spouse, self.ref(f["spouse"]))
            add(self.ref(f["spouse"]), DKG.spouse, s)

    def tenure(self, add: Add, s: URIRef, person: URIRef, pos: dict[str, Any]) -> None:
        post = self.ref(pos["post"])
        add(s, RDF.type, DKG.Tenure)
        add(s, DKG.holder, person)
        add(s, DKG.post, post)
        add(person, DKG.holds, post)
        add(person, DKG.tenure, s)
        if "note" in pos:
            add(s, RDFS.comment, _text(pos["note"], "en"))
        self.when(
            add,
            s,
            pos,
            [
                ("start", DKG.startDate),
                ("end", DKG.endDate),
                ("start_earliest", DKG.startEarliest),
                ("start_latest", DKG.startLatest),
                ("end_earliest", DKG.endEarliest),
                ("end_latest", DKG.endLatest),
            ],
        )

    def event(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            kind = self.vocab.kind("event", f["kind"])
            self.typed(add, s, "event", kind.id)
            cameo = f.get("cameo") or self.vocab.cameo(kind, f.get("mode"))
            if cameo:
                add(s, DKG.cameo, iris.mint("cameo", str(cameo)))
            plover = f.get("plover") or kind.plover
            if plover:
                add(s, DKG.plover, iris.mint("plover", str(plover)))
        else:  # a per_source claim of a code alone: that source codes the event so
            for key in ("cameo", "plover"):
                if key in f:
                    add(s, DKG[key], iris.mint(key, str(f[key])))
        self.labels(add, s, f, key="title")
        if "date" in f:
            self.when(add, s, {"start": f["date"], "end": f["date"]}, [("start", DKG.startDate), ("end", DKG.endDate)])
        self.when(
            add,
            s,
            f,
            [
                ("start", DKG.startDate),
                ("end", DKG.endDate),
                ("earliest", DKG.earliestDate),
                ("latest", DKG.latestDate),
            ],
        )
        for key, prop in (("mode", DKG.mode), ("status", DKG.status)):
            if key in f:
                add(s, prop, iris.mint(key, f[key]))
        if "kind" in f and "status" not in f:
            add(s, DKG.status, iris.mint("status", "occurred"))
        if "online" in f:
            add(s, DKG.online, ox.Literal("true" if f["online"] else "false", datatype=_BOOLEAN))
        for sector in f.get("sectors", []):
            add(s, DKG.sector, iris.mint("sector", sector))
        self.links(
            add,
            s,
            f,
            [
                ("place", DKG.location),
                ("countries", DKG.involvesCountry),
                ("part_of", DKG.subEventOf),
                ("margins_of", DKG.subEventOf),
                ("margins_of", DKG.onMarginsOf),
                ("documents", DKG.signedDocument),
                ("concerns", DKG.concerns),
            ],
        )
        for doc in f.get("documents", []):
            add(self.ref(doc), DKG.signingEvent, s)
        if "documents_count" in f:
            # xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores every integer type as xsd:integer
            add(s, DKG.documentCount, ox.Literal(str(int(f["documents_count"])), datatype=_INTEGER))
        for part in f.get("participants", []):
            self.participation(add, s, part)

    def participation(self, add: Add, event: URIRef, part: dict[str, Any]) -> None:
        agent, role = self.ref(part["agent"]), part.get("role", "participant")
        node = iris.participation(iris.local_id(event), str(part["agent"]), role)
        for prop in self.vocab.role_properties(role):
            add(event, prop, agent)
        add(event, DKG.qualifiedParticipation, node)
        add(node, RDF.type, DKG.Participation)
        add(node, DKG.agent, agent)
        add(node, DKG.role, iris.mint("role", role))
        if "post" in part:
            add(node, DKG.inPost, self.ref(part["post"]))

    def document(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            self.typed(add, s, "document", f["kind"])
        self.labels(add, s, f, key="title")
        for lang, text in sorted((f.get("title") or {}).items()):
            add(s, DCTERMS.title, _text(text, lang))
        self.when(add, s, f, [("date", DKG.dateSigned), ("earliest", DKG.earliestDate), ("latest", DKG.latestDate)])
        for sector in f.get("sectors", []):
            add(s, DKG.sector, iris.mint("sector", sector))
        self.links(
            add,
            s,
            f,
            [
                ("parties", DKG.party),
                ("signatories", DKG.signatory),
                ("place", DKG.location),
                ("signing_event", DKG.signingEvent),
                ("establishes", DKG.establishes),
                ("amends", DKG.amends),
                ("implements", DKG.implements),
                ("based_on", DKG.basedOn),
            ],
        )
        if "signing_event" in f:
            add(self.ref(f["signing_event"]), DKG.signedDocument, s)
        for org in f.get("establishes", []):
            add(self.ref(org), DKG.establishedBy, s)

    def source(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        self.typed(add, s, "source", f["kind"])
        if "url" in f:
            add(s, DKG.url, ox.Literal(str(f["url"]), datatype=_ANY_URI))
        add(s, DKG.publisher, _text(f["publisher"]))
        add(s, DKG.language, _text(f["language"]))
        if "title" in f:
            add(s, DCTERMS.title, _text(f["title"], f["language"]))
            add(s, RDFS.label, _text(f["title"], f["language"]))
        add(s, RDFS.label, _text(f"{f['publisher']}: {f['id']}", "en"))
        self.when(
            add,
            s,
            f,
            [
                ("published", DKG.published),
                ("published_earliest", DKG.earliestDate),
                ("published_latest", DKG.latestDate),
                ("accessed", DKG.accessed),
            ],
        )
        add(s, DKG.summary, _text(f["summary"], "en"))
        if "quote" in f:
            add(s, DKG.quote, _text(f["quote"], f["language"]))
        if "note" in f:
            add(s, RDFS.comment, _text(f["note"], "en"))

    # --- assembly: Oxigraph quads, streamed (each IRI converted once, each record's statements built once)
    def node(self, term: Any) -> Any:
        """The Oxigraph term of a mapped term: an IRI (a URIRef, a str) becomes a NamedNode, converted once."""
        if isinstance(term, str):
            found = self._nodes.get(term)
            if found is None:
                found = self._nodes[term] = ox.NamedNode(term)
            return found
        return term

    def stated(self, s: Term, p: Term, o: Term, g: Term) -> Iterator[ox.Quad]:
        """The quad of one statement in graph ``g``, and with :meth:`quads`' ``merged`` its default-graph copy."""
        n = self.node
        triple = (n(s), n(p), n(o))
        yield ox.Quad(*triple, n(g))
        if self._merged:
            yield ox.Quad(*triple, _DEFAULT)

    def _triples(self, fill: Callable[..., None], *args: Any) -> list[tuple[Any, Any, Any]]:
        """The statements ``fill(add, *args)`` makes, as Oxigraph terms."""
        out: list[tuple[Any, Any, Any]] = []
        n = self.node
        fill(lambda s, p, o: out.append((n(s), n(p), n(o))), *args)
        return out

    def _in(self, graphs: Iterable[URIRef], triples: list[tuple[Any, Any, Any]]) -> Iterator[ox.Quad]:
        names = [self.node(graph) for graph in graphs]
        for g in names:
            for s, p, o in triples:
                yield ox.Quad(s, p, o, g)
        if self._merged and names:  # each statement once into the default graph, however many sources state it
            for s, p, o in triples:
                yield ox.Quad(s, p, o, _DEFAULT)

    def record_quads(self, rec: Record) -> Iterator[ox.Quad]:
        s = iris.mint(rec.kind, rec.id)
        if rec.kind == "source":
            yield from self._in([GRAPH_CATALOGUE], self._triples(self.source, s, rec.data))
            return
        emit = getattr(self, rec.kind)
        links = source_links(rec.data.get("sources"))
        base = [iris.mint("source", link.id) for link in links]
        claims = rec.data.get("per_source") or {}
        yield from self._in(base, self._triples(emit, s, rec.data))  # every listed source states the same
        for src, fields in claims.items():
            yield from self._in([iris.mint("source", src)], self._triples(emit, s, fields))
        for g in sorted({*base, *(iris.mint("source", src) for src in claims)}):
            yield from self.stated(s, DCTERMS.source, g, GRAPH_CATALOGUE)
        yield from self._speaks(rec, s, links, set(claims))
        if rec.kind == "person":
            yield from self._tenures(rec, s)

    def _speaks(self, rec: Record, s: URIRef, links: list[SourceLink], claimants: set[str]) -> Iterator[ox.Quad]:
        """How each source speaks of the record (a per_source claimant reports it), and the quotes."""
        speaks = dict.fromkeys(claimants, SUBJECT) | {link.id: link.speaks for link in links}
        props = speaks_properties()
        for src, how in sorted(speaks.items()):
            yield from self.stated(iris.mint("source", src), props[how], s, GRAPH_CATALOGUE)
        for link in links:
            if link.quote is None:
                continue
            node, src = iris.citation(rec.kind, rec.id, link.id), iris.mint("source", link.id)
            source = self.index.by_id.get(link.id)
            lang = str(source.data.get("language", "")) if source else ""
            yield from self.stated(node, RDF.type, DKG.Citation, GRAPH_CATALOGUE)
            yield from self.stated(node, DKG.citedRecord, s, GRAPH_CATALOGUE)
            yield from self.stated(node, DKG.citingSource, src, GRAPH_CATALOGUE)
            yield from self.stated(node, DKG.quote, _text(link.quote, lang or None), GRAPH_CATALOGUE)

    def _tenures(self, rec: Record, person: URIRef) -> Iterator[ox.Quad]:
        seen: dict[str, int] = {}
        for pos in rec.data.get("positions", []):
            seen[pos["post"]] = seen.get(pos["post"], 0) + 1
            node = iris.tenure(rec.id, pos["post"], seen[pos["post"]])
            graphs = [iris.mint("source", src) for src in pos["sources"]]
            yield from self._in(graphs, self._triples(self.tenure, node, person, pos))
            for g in graphs:
                yield from self.stated(node, DCTERMS.source, g, GRAPH_CATALOGUE)

    def quads(self, merged: bool = False) -> Iterator[ox.Quad]:
        """Every record's quads, one record at a time; with ``merged`` each statement's default-graph copy too,
        built here once per statement (for ``Store.add_ox(..., merged=True)``, cheaper than a copy per quad)."""
        self._merged = merged
        try:
            for rec in self.records:
                yield from self.record_quads(rec)
        finally:
            self._merged = False


def records_by_iri(records: list[Record]) -> dict[str, Record]:
    return {str(iris.mint(r.kind, r.id)): r for r in records}


def record_of_node(node: str, by_iri: dict[str, Record]) -> Record | None:
    """The record a minted IRI belongs to (participations and tenures belong to their event/person)."""
    if node in by_iri:
        return by_iri[node]
    owner = iris.owner(node)
    return by_iri.get(str(iris.mint(*owner))) if owner else None
