"""Records → quads: one function per record kind, each record's statements in its sources' graphs.

A record's fields are stated by every source it lists; ``per_source`` fields only by that source.
Record → source links and the sources' own descriptions go to the catalogue graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS

from kg import dates
from kg.loader import Record
from kg.namespaces import DKG, GRAPH_CATALOGUE, ID, WD
from kg.references import Index

Quad = tuple[Node, Node, Node, URIRef]
Add = Callable[[Node, Node, Node], None]

EVENT_CLASSES = {
    "event": DKG.DiplomaticEvent,
    "meeting": DKG.Meeting,
    "visit": DKG.Visit,
    "state-visit": DKG.StateVisit,
    "official-visit": DKG.OfficialVisit,
    "working-visit": DKG.WorkingVisit,
    "conference": DKG.Conference,
    "summit": DKG.Summit,
    "session": DKG.Session,
    "signing": DKG.Signing,
    "opening": DKG.Opening,
    "interstate-body-meeting": DKG.InterstateBodyMeeting,
    "initiative": DKG.Initiative,
    "statement": DKG.Statement,
}
ORGANISATION_CLASSES = {
    "organisation": DKG.Organisation,
    "ministry": DKG.Ministry,
    "agency": DKG.Agency,
    "government": DKG.Government,
    "intergovernmental-organisation": DKG.IntergovernmentalOrganisation,
    "intergovernmental-institution": DKG.IntergovernmentalInstitution,
    "interstate-council": DKG.InterstateCouncil,
}
DOCUMENT_CLASSES = {
    "document": DKG.Document,
    "treaty": DKG.Treaty,
    "agreement": DKG.Agreement,
    "memorandum-of-understanding": DKG.MemorandumOfUnderstanding,
    "joint-statement": DKG.JointStatement,
    "action-plan": DKG.ActionPlan,
    "protocol": DKG.Protocol,
}
PLACE_CLASSES = {"city": DKG.City, "place": DKG.Place}
SOURCE_CLASSES = {"news-article": DKG.NewsArticle, "official-page": DKG.OfficialPage}
ROLE_PROPERTIES = {
    "host": DKG.host,
    "guest": DKG.guest,
    "visitor": DKG.visitor,
    "signatory": DKG.signatory,
    "chair": DKG.chair,
    "speaker": DKG.speaker,
    "organiser": DKG.organiser,
}
PHONE_CAMEO = ID["cameo/041"]


def iri(kind: str, ident: str) -> URIRef:
    return ID[f"{kind}/{ident}"]


def country_iri(code: str) -> URIRef:
    return ID[f"country/{code}"]


class Mapper:
    """Turns records into quads, using the ontology for class hierarchy and CAMEO/PLOVER defaults."""

    def __init__(self, records: list[Record], ontology: Graph) -> None:
        self.records = records
        self.index = Index(records)
        self.ontology = ontology

    # --- helpers shared by the record kinds
    def ref(self, ident: Any) -> URIRef:
        ident = str(ident)
        kind = self.index.kind_of(ident)
        return country_iri(ident) if kind == "country" else iri(kind or "unknown", ident)

    def typed(self, add: Add, s: URIRef, cls: URIRef) -> None:
        """The class and all its superclasses in our namespace, so queries need no reasoning."""
        for sup in self.ontology.transitive_objects(cls, RDFS.subClassOf):
            if isinstance(sup, URIRef) and str(sup).startswith(str(DKG._NS)):
                add(s, RDF.type, sup)

    @staticmethod
    def labels(add: Add, s: URIRef, f: dict[str, Any], key: str = "name") -> None:
        for lang, text in sorted((f.get(key) or {}).items()):
            add(s, RDFS.label, Literal(text, lang=lang))
            add(s, SKOS.prefLabel, Literal(text, lang=lang))
        for lang, variants in sorted((f.get("alt") or {}).items()):
            for text in variants:
                add(s, SKOS.altLabel, Literal(text, lang=lang))
        if "note" in f:
            add(s, RDFS.comment, Literal(f["note"], lang="en"))
        if "wikidata" in f:
            add(s, DKG.wikidata, WD[f["wikidata"]])

    @staticmethod
    def when(add: Add, s: URIRef, f: dict[str, Any], fields: Iterable[tuple[str, URIRef]]) -> None:
        for key, prop in fields:
            if key in f:
                add(s, prop, dates.literal(f[key]))

    def links(self, add: Add, s: URIRef, f: dict[str, Any], fields: Iterable[tuple[str, URIRef]]) -> None:
        for key, prop in fields:
            value = f.get(key)
            for ref in value if isinstance(value, list) else ([value] if value is not None else []):
                add(s, prop, self.ref(ref))

    # --- record kinds; each tolerates partial fields (a per_source claim holds only some)
    def place(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            self.typed(add, s, PLACE_CLASSES[f["kind"]])
        self.labels(add, s, f)
        self.links(add, s, f, [("country", DKG.country)])

    def organisation(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            self.typed(add, s, ORGANISATION_CLASSES[f["kind"]])
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
            node = ID[f"{s.removeprefix(str(ID))}--former-name--{n}"]
            add(s, DKG.formerName, node)
            add(node, RDF.type, DKG.FormerName)
            for lang, text in sorted(former["name"].items()):
                add(node, DKG.name, Literal(text, lang=lang))
                add(node, RDFS.label, Literal(text, lang=lang))
                add(s, SKOS.hiddenLabel, Literal(text, lang=lang))
            self.when(add, node, former, [("start", DKG.startDate), ("end", DKG.endDate)])

    def post(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        add(s, RDF.type, DKG.Post)
        self.labels(add, s, f)
        self.links(add, s, f, [("organisation", DKG.postIn)])

    def person(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        self.typed(add, s, DKG.Person)
        self.labels(add, s, f)
        self.links(add, s, f, [("country", DKG.nationality)])

    def tenure(self, add: Add, s: URIRef, person: URIRef, pos: dict[str, Any]) -> None:
        post = self.ref(pos["post"])
        add(s, RDF.type, DKG.Tenure)
        add(s, DKG.holder, person)
        add(s, DKG.post, post)
        add(person, DKG.holds, post)
        add(person, DKG.tenure, s)
        if "note" in pos:
            add(s, RDFS.comment, Literal(pos["note"], lang="en"))
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
            cls = EVENT_CLASSES[f["kind"]]
            self.typed(add, s, cls)
            phone = f.get("mode") == "phone"
            cameo = PHONE_CAMEO if phone else self.ontology.value(cls, DKG.defaultCameo, any=False)
            plover = self.ontology.value(cls, DKG.defaultPlover, any=False)
            if isinstance(cameo, URIRef):
                add(s, DKG.cameo, cameo)
            if isinstance(plover, URIRef):
                add(s, DKG.plover, plover)
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
        for key, prop, kind in (("mode", DKG.mode, "mode"), ("status", DKG.status, "status")):
            if key in f:
                add(s, prop, ID[f"{kind}/{f[key]}"])
        if "kind" in f and "status" not in f:
            add(s, DKG.status, ID["status/occurred"])
        if "online" in f:
            add(s, DKG.online, Literal(bool(f["online"]), datatype=XSD.boolean))
        for sector in f.get("sectors", []):
            add(s, DKG.sector, ID[f"sector/{sector}"])
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
        for part in f.get("participants", []):
            self.participation(add, s, part)

    def participation(self, add: Add, event: URIRef, part: dict[str, Any]) -> None:
        agent, role = self.ref(part["agent"]), part.get("role", "participant")
        node = ID[f"participation/{event.rsplit('/', 1)[1]}--{part['agent']}--{role}"]
        add(event, DKG.organiser if role == "organiser" else DKG.participant, agent)
        if role in ROLE_PROPERTIES:
            add(event, ROLE_PROPERTIES[role], agent)
        add(event, DKG.qualifiedParticipation, node)
        add(node, RDF.type, DKG.Participation)
        add(node, DKG.agent, agent)
        add(node, DKG.role, ID[f"role/{role}"])
        if "post" in part:
            add(node, DKG.inPost, self.ref(part["post"]))

    def document(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        if "kind" in f:
            self.typed(add, s, DOCUMENT_CLASSES[f["kind"]])
        self.labels(add, s, f, key="title")
        for lang, text in sorted((f.get("title") or {}).items()):
            add(s, DCTERMS.title, Literal(text, lang=lang))
        self.when(add, s, f, [("date", DKG.dateSigned), ("earliest", DKG.earliestDate), ("latest", DKG.latestDate)])
        for sector in f.get("sectors", []):
            add(s, DKG.sector, ID[f"sector/{sector}"])
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
            ],
        )
        if "signing_event" in f:
            add(self.ref(f["signing_event"]), DKG.signedDocument, s)
        for org in f.get("establishes", []):
            add(self.ref(org), DKG.establishedBy, s)

    def source(self, add: Add, s: URIRef, f: dict[str, Any]) -> None:
        add(s, RDF.type, SOURCE_CLASSES[f["kind"]])
        add(s, RDF.type, DKG.Source)
        if "url" in f:
            add(s, DKG.url, Literal(f["url"], datatype=XSD.anyURI))
        add(s, DKG.publisher, Literal(f["publisher"]))
        add(s, DKG.language, Literal(f["language"]))
        if "title" in f:
            add(s, DCTERMS.title, Literal(f["title"], lang=f["language"]))
            add(s, RDFS.label, Literal(f["title"], lang=f["language"]))
        add(s, RDFS.label, Literal(f"{f['publisher']}: {f['id']}", lang="en"))
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
        add(s, DKG.summary, Literal(f["summary"], lang="en"))
        if "quote" in f:
            add(s, DKG.quote, Literal(f["quote"], lang=f["language"]))
        if "note" in f:
            add(s, RDFS.comment, Literal(f["note"], lang="en"))

    # --- assembly
    def record_quads(self, rec: Record) -> Iterator[Quad]:
        s = iri(rec.kind, rec.id)
        if rec.kind == "source":
            yield from self._collect(GRAPH_CATALOGUE, self.source, s, rec.data)
            return
        emit = getattr(self, rec.kind)
        base = [iri("source", src) for src in rec.data.get("sources", [])]
        claims = rec.data.get("per_source") or {}
        for g in base:
            yield from self._collect(g, emit, s, rec.data)
        for src, fields in claims.items():
            yield from self._collect(iri("source", src), emit, s, fields)
        for g in sorted({*base, *(iri("source", src) for src in claims)}):
            yield s, DCTERMS.source, g, GRAPH_CATALOGUE
        if rec.kind == "person":
            yield from self._tenures(rec, s)

    def _tenures(self, rec: Record, person: URIRef) -> Iterator[Quad]:
        seen: dict[str, int] = {}
        for pos in rec.data.get("positions", []):
            seen[pos["post"]] = seen.get(pos["post"], 0) + 1
            node = iri("tenure", f"{rec.id}--{pos['post']}--{seen[pos['post']]}")
            for src in pos["sources"]:
                g = iri("source", src)
                yield from self._collect(g, self.tenure, node, person, pos)
                yield node, DCTERMS.source, g, GRAPH_CATALOGUE

    @staticmethod
    def _collect(graph: URIRef, fill: Callable[..., None], *args: Any) -> list[Quad]:
        """The quads ``fill(add, *args)`` states, in ``graph``."""
        out: list[Quad] = []
        fill(lambda s, p, o: out.append((s, p, o, graph)), *args)
        return out

    def quads(self) -> Iterator[Quad]:
        for rec in self.records:
            yield from self.record_quads(rec)


def records_by_iri(records: list[Record]) -> dict[str, Record]:
    return {str(iri(r.kind, r.id)): r for r in records}


def record_of_node(node: str, by_iri: dict[str, Record]) -> Record | None:
    """The record a minted IRI belongs to (participations and tenures belong to their event/person)."""
    if node in by_iri:
        return by_iri[node]
    tail = node.removeprefix(str(ID))
    kind, _, slug = tail.partition("/")
    owner = {"participation": "event", "tenure": "person"}.get(kind, kind)
    return by_iri.get(str(iri(owner, slug.split("--")[0])))
