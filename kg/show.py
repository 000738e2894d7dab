"""``kg show``: everything the graph says about one entity, each statement with the sources that make it.

The entity is found by :func:`kg.identify.resolve` (an id, ``kind:id``, an IRI, or a label in any
spelling). :func:`describe` returns a :class:`Description` — plain data: ids, IRIs, labels with their
language, dates as values or bounds, sources as ids — which :func:`to_json` writes as it is and
:func:`kg.show_text.text` lays out for reading.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import Literal, Node, URIRef

from kg import dates, iris
from kg.labels import labels_of
from kg.results import render_graph
from kg.store import Store
from kg.vocab import vocabulary

# Label properties and what the JSON calls them.
FORMS = {"rdfs:label": "label", "skos:altLabel": "variant", "skos:hiddenLabel": "hidden"}
# Date properties of an event or document, shown as its dates rather than as statements.
DATE_PROPERTIES = ("dkg:startDate", "dkg:endDate", "dkg:earliestDate", "dkg:latestDate", "dkg:dateSigned")
_SHOWN_ELSEWHERE = {
    *FORMS,
    *DATE_PROPERTIES,
    "rdf:type",
    "skos:prefLabel",
    "dkg:tenure",
    "dkg:holds",
    "dkg:qualifiedParticipation",
    "dkg:formerName",
    "dcterms:source",
}


@dataclass(frozen=True)
class Ref:
    """An entity linked to: its id as in ``data/`` (a prefixed name for IRIs not of ours), IRI, kind, label."""

    id: str
    iri: str
    kind: str | None
    label: str


@dataclass(frozen=True)
class Value:
    """A literal: its text, language tag and datatype (a prefixed name)."""

    value: str
    lang: str | None = None
    datatype: str | None = None


@dataclass(frozen=True, order=True)
class When:
    """A date at the sources' precision: one ``date``, a period ``start``–``end``, or the bounds
    ``earliest``–``latest`` of a date not known exactly (either bound may be missing)."""

    date: str | None = None
    start: str | None = None
    end: str | None = None
    earliest: str | None = None
    latest: str | None = None

    def key(self) -> str:
        return self.date or self.start or self.earliest or self.latest or ""

    def __str__(self) -> str:
        if self.date:
            return self.date
        if self.start or self.end:
            return f"{self.start or '…'}/{self.end or '…'}"
        return f"{self.earliest or ''}..{self.latest or ''}"  # an open bound: 2024-06.. or ..2024-06


class Cited:
    """What the sources (``sources``: source ids) or other graphs (``graphs``: ``countries``…) state."""

    sources: list[str]
    graphs: list[str]

    def cite(self, graph: str) -> None:
        parsed = iris.parse(graph)
        if parsed is not None and parsed.kind == "source":
            names, name = self.sources, parsed.id
        else:
            names, name = self.graphs, parsed.id if parsed is not None else iris.compact(graph)
        if name not in names:
            names.append(name)
            names.sort()

    def shown(self) -> str:
        return ", ".join([*self.sources, *(f"graph {g}" for g in self.graphs)])


@dataclass
class Label(Cited):
    text: str
    lang: str | None
    form: str  # label | variant | hidden (a former name)
    sources: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class Dated(Cited):
    """A date and the sources that give it (sources may disagree: an entity may have several)."""

    when: When
    sources: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class Statement(Cited):
    property: str  # a prefixed name: dkg:nationality
    value: Ref | Value
    sources: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class Tenure(Cited):
    post: Ref
    start: When | None = None  # {"date"} or {"earliest", "latest"}; None when not known
    end: When | None = None
    sources: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class EventLink(Cited):
    """An event the entity is part of: as a participant (``role``, ``post``) or through a ``property``
    (``dkg:place``, ``dkg:partOf``…); ``dates`` as its sources give them."""

    event: Ref
    role: str | None = None
    post: Ref | None = None
    property: str | None = None
    dates: list[Dated] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class DocumentLink(Cited):
    document: Ref
    property: str  # dkg:signatory, dkg:establishes…
    date: When | None = None  # signed
    sources: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class Description:
    id: str
    iri: str
    kind: str
    label: str
    classes: list[str]  # the most specific of our classes, prefixed
    sources: list[str]  # the sources the record cites
    speaks: dict[str, str]  # of an event: source id → how it speaks of it, where the graph says: reports | mentions
    labels: list[Label]
    dates: list[Dated]
    statements: list[Statement]
    posts: list[Tenure]
    events: list[EventLink]
    documents: list[DocumentLink]


_LABELS = f"SELECT ?p ?l ?g WHERE {{ GRAPH ?g {{ ?x ?p ?l }} FILTER(?p IN ({', '.join(FORMS)})) }}"
_DATES = f"SELECT ?p ?d ?g WHERE {{ GRAPH ?g {{ ?x ?p ?d }} FILTER(?p IN ({', '.join(DATE_PROPERTIES)})) }}"
_KINDS = """SELECT ?t WHERE { ?x a ?t FILTER(STRSTARTS(STR(?t), STR(dkg:)))
    FILTER NOT EXISTS { ?x a ?n . ?n rdfs:subClassOf ?t FILTER(?n != ?t) } }"""
_POSTS = """SELECT ?t ?post ?p ?d ?g WHERE { ?x dkg:tenure ?t . GRAPH ?g { ?t dkg:post ?post }
    OPTIONAL { ?t ?p ?d FILTER(?p IN (dkg:startDate, dkg:endDate, dkg:startEarliest, dkg:startLatest,
                                      dkg:endEarliest, dkg:endLatest)) } }"""
_PARTICIPATIONS = """SELECT ?e ?role ?post ?g WHERE {
    ?e dkg:qualifiedParticipation ?q . ?q dkg:agent ?x ; dkg:role ?role . OPTIONAL { ?q dkg:inPost ?post }
    GRAPH ?g { ?e dkg:qualifiedParticipation ?q } }"""
_EVENT_LINKS = "SELECT ?e ?p ?g WHERE {{ GRAPH ?g {{ ?e ?p ?x }} ?e a dkg:DiplomaticEvent FILTER(?p NOT IN ({})) }}"
_EVENT_DATES = """SELECT ?e ?p ?d ?g WHERE { VALUES ?e { %s } GRAPH ?g { ?e ?p ?d }
    FILTER(?p IN (dkg:startDate, dkg:endDate, dkg:earliestDate, dkg:latestDate)) }"""
# How a source speaks of an event: as its subject (dkg:reports) or in passing (dkg:mentions).
_SPEAKS = """SELECT DISTINCT ?s ?how WHERE { VALUES ?how { "reports" "mentions" } ?x a dkg:DiplomaticEvent .
    ?s ?p ?x FILTER(?p = IRI(CONCAT("https://w3id.org/diplomatic-kg/ontology#", ?how))) }"""
_DOCUMENTS = """SELECT ?d ?p ?date ?g WHERE {
    GRAPH ?g { ?d ?p ?x } ?d a dkg:Document OPTIONAL { ?d dkg:dateSigned ?date } }"""


def _select(store: Store, iri: str, query: str) -> list[dict[str, Node]]:
    """``query`` with ``?x`` bound to ``iri`` (an IRI of the graph, found by :func:`resolve`)."""
    head, brace, body = query.partition("{")
    return store.select(f"{head}{brace} VALUES ?x {{ <{iri}> }} {body}")


def _when(dates: dict[str, str], prefix: str = "") -> When | None:
    """The When of a set of date properties (``startDate``… or, for a tenure's end, ``endDate``, ``endEarliest``…)."""
    if prefix:  # a tenure's start or end
        exact, lo, hi = dates.get(f"{prefix}Date"), dates.get(f"{prefix}Earliest"), dates.get(f"{prefix}Latest")
        return When(date=exact) if exact else When(earliest=lo, latest=hi) if lo or hi else None
    start, end = dates.get("startDate") or dates.get("dateSigned"), dates.get("endDate")
    if start and (not end or end == start):
        return When(date=start)
    if start or end:
        return When(start=start, end=end)
    lo, hi = dates.get("earliestDate"), dates.get("latestDate")
    return When(earliest=lo, latest=hi) if lo or hi else None


def _dated(rows: list[dict[str, Node]]) -> list[Dated]:
    """The dates (``?p ?d ?g``) each graph gives, graphs giving the same When together, most cited first.

    A source with its own claim also states the record's common one (``per_source`` adds to its graph),
    so a graph may hold two start dates: each combination in order is one When it gives."""
    per_graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        per_graph[str(r["g"])][iris.shorten(str(r["p"])).removeprefix("dkg:")].add(str(r["d"]))
    out: dict[When, Dated] = {}
    for graph, values in sorted(per_graph.items()):
        props = sorted(values)
        for combination in itertools.product(*(sorted(values[p]) for p in props)):
            when = _when(dict(zip(props, combination, strict=True)))
            if when is not None and _in_order(when):
                out.setdefault(when, Dated(when)).cite(graph)
    return sorted(out.values(), key=lambda d: (-len(d.sources) - len(d.graphs), d.when.key(), d.when))


def _in_order(when: When) -> bool:
    pairs = ((when.start, when.end), (when.earliest, when.latest))
    return all(dates.may_precede(a, b) for a, b in pairs if a and b)


def describe(store: Store, iri: str, lang: str = "en") -> Description:
    """Everything the graph says about ``iri``: labels, classes, dates, statements, posts, events, documents."""
    vocab = vocabulary()
    rows = {
        name: _select(store, iri, query)
        for name, query in {
            "labels": _LABELS,
            "dates": _DATES,
            "kinds": _KINDS,
            "cited": "SELECT ?s WHERE { ?x dcterms:source ?s }",
            "speaks": _SPEAKS,
            "statements": "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?x ?p ?o } }",
            "posts": _POSTS,
            "participations": _PARTICIPATIONS,
            "links": _EVENT_LINKS.format(", ".join(sorted(f"<{p}>" for p in vocab.role_by_property))),
            "documents": _DOCUMENTS,
        }.items()
    }
    statements = [r for r in rows["statements"] if iris.shorten(str(r["p"])) not in _SHOWN_ELSEWHERE]
    events = {str(r["e"]) for r in rows["participations"] + rows["links"]}
    linked = {iri, *events}
    linked |= {str(r["post"]) for r in rows["participations"] + rows["posts"] if "post" in r}
    linked |= {str(r["o"]) for r in statements if isinstance(r["o"], URIRef)}
    linked |= {str(r["d"]) for r in rows["documents"]}
    names = labels_of(store, lang, linked)

    def ref(term: Node) -> Ref:
        parsed = iris.parse(str(term))
        return Ref(iris.local_id(str(term)), str(term), parsed.kind if parsed else None, names.get(str(term), ""))

    labels: dict[tuple[str, str | None, str], Label] = {}
    for r in rows["labels"]:
        lab, form = r["l"], FORMS[iris.shorten(str(r["p"]))]
        lang_tag = lab.language if isinstance(lab, Literal) else None
        labels.setdefault((str(lab), lang_tag, form), Label(text=str(lab), lang=lang_tag, form=form)).cite(str(r["g"]))

    said: dict[tuple[str, Ref | Value], Statement] = {}
    for r in statements:
        prop, obj = iris.shorten(str(r["p"])), r["o"]
        value: Ref | Value = ref(obj) if isinstance(obj, URIRef) else _value(obj)
        said.setdefault((prop, value), Statement(property=prop, value=value)).cite(str(r["g"]))

    tenures: dict[str, Tenure] = {}
    tenure_dates: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows["posts"]:
        t = str(r["t"])
        tenures.setdefault(t, Tenure(post=ref(r["post"]))).cite(str(r["g"]))
        if "p" in r:
            tenure_dates[t][iris.shorten(str(r["p"])).removeprefix("dkg:")] = str(r["d"])
    for t, tenure in tenures.items():
        tenure.start, tenure.end = _when(tenure_dates[t], "start"), _when(tenure_dates[t], "end")

    event_dates: dict[str, list[dict[str, Node]]] = defaultdict(list)
    if events:
        for r in store.select(_EVENT_DATES % " ".join(f"<{e}>" for e in sorted(events))):
            event_dates[str(r["e"])].append(r)
    links: dict[tuple[str, str | None, str | None, str | None], EventLink] = {}
    for r in rows["participations"]:
        role = iris.local_id(str(r["role"]))
        post = str(r["post"]) if "post" in r else None
        key = (str(r["e"]), role, post, None)
        link = EventLink(event=ref(r["e"]), role=role, post=ref(r["post"]) if post else None)
        links.setdefault(key, link).cite(str(r["g"]))
    for r in rows["links"]:
        prop = iris.shorten(str(r["p"]))
        links.setdefault((str(r["e"]), None, None, prop), EventLink(event=ref(r["e"]), property=prop)).cite(str(r["g"]))
    for (event, *_), link in links.items():
        link.dates = _dated(event_dates[event])

    documents: dict[tuple[str, str], DocumentLink] = {}
    for r in rows["documents"]:
        prop = iris.shorten(str(r["p"]))
        signed = When(date=str(r["date"])) if "date" in r else None
        documents.setdefault((str(r["d"]), prop), DocumentLink(document=ref(r["d"]), property=prop, date=signed)).cite(
            str(r["g"])
        )

    parsed = iris.parse(iri)
    return Description(
        id=iris.local_id(iri),
        iri=iri,
        kind=parsed.kind if parsed else "",
        label=names.get(iri, iris.local_id(iri)),
        classes=sorted(iris.shorten(str(r["t"])) for r in rows["kinds"]),
        sources=sorted({iris.local_id(str(r["s"])) for r in rows["cited"]}),
        speaks=_speaks(rows["speaks"]),
        labels=sorted(labels.values(), key=lambda lab: (lab.lang or "", lab.form != "label", lab.text)),
        dates=_dated(rows["dates"]),
        statements=sorted(said.values(), key=lambda s: (s.property, _sort_value(s.value))),
        posts=sorted(tenures.values(), key=lambda t: (_sort_when(t.start), _sort_ref(t.post))),
        events=sorted(links.values(), key=_event_key),
        documents=sorted(documents.values(), key=lambda d: (_sort_when(d.date), _sort_ref(d.document), d.property)),
    )


def _speaks(rows: list[dict[str, Node]]) -> dict[str, str]:
    found: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        found[iris.local_id(str(r["s"]))].add(str(r["how"]))
    return {s: ", ".join(sorted(hows, reverse=True)) for s, hows in sorted(found.items())}  # reports first


def _value(term: Node) -> Value:
    if isinstance(term, Literal):
        datatype = iris.shorten(str(term.datatype)) if term.datatype else None
        return Value(str(term), term.language, datatype)
    return Value(str(term))


def _sort_when(when: When | None) -> tuple[int, str]:
    return (1, "") if when is None else (0, when.key())  # undated last


def _sort_ref(ref: Ref | None) -> tuple[str, str]:
    return ("", "") if ref is None else (ref.label, ref.id)


def _sort_value(value: Ref | Value) -> tuple[str, str]:
    return (value.label, value.id) if isinstance(value, Ref) else (value.value, value.lang or "")


def _event_key(link: EventLink) -> tuple[tuple[int, str], tuple[str, str], str, str]:
    when = link.dates[0].when if link.dates else None
    return (_sort_when(when), _sort_ref(link.event), link.role or "", link.property or "")


# --- output


def to_data(d: Description) -> dict[str, Any]:
    """The description as JSON-ready data: absent values (None) and empty ``graphs`` lists left out,
    a :class:`Dated`'s date fields beside its sources (``{"date": "2023-05-03", "sources": […]}``)."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            if isinstance(value.get("when"), dict):  # a Dated: its date fields beside its sources
                value = {**value.pop("when"), **value}
            return {k: clean(v) for k, v in value.items() if v is not None and not (k == "graphs" and not v)}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(asdict(d))  # type: ignore[no-any-return]


def to_json(d: Description) -> str:
    return json.dumps(to_data(d), ensure_ascii=False, indent=2) + "\n"


def turtle(store: Store, iri: str) -> str:
    """The statements about the entity and its tenures and former names, as Turtle."""
    rows = _select(
        store,
        iri,
        """SELECT DISTINCT ?s ?p ?o WHERE {
        { ?x ?p ?o BIND(?x AS ?s) } UNION { ?x dkg:tenure ?s . ?s ?p ?o }
        UNION { ?x dkg:formerName ?s . ?s ?p ?o } }""",
    )
    triples = sorted(((r["s"], r["p"], r["o"]) for r in rows), key=lambda t: tuple(x.n3() for x in t))
    return render_graph(triples, "turtle")  # sorted: the same Turtle whatever order the engine gave
