"""``kg show``: everything the graph says about one entity, each statement with its sources.

An entity is found by id, prefixed name or IRI, or by a label in any language and spelling: case,
diacritics, Uzbek apostrophes (o‘ oʻ o') and Cyrillic are normalised away, and misspellings are forgiven
(rapidfuzz). When several entities match, they are listed for the user to choose.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process
from rdflib import Node, URIRef
from unidecode import unidecode

from kg.errors import UsageError
from kg.namespaces import ID_BASE
from kg.queries import run
from kg.results import render_graph
from kg.store import Store
from kg.terms import expand, labels_of, local_id, resolver_for, shorten

_BEFORE_UNIDECODE = str.maketrans({"ə": "a", "Ə": "A", "ё": "yo", "Ё": "Yo"})
FUZZY_CUTOFF = 85
MAX_LISTED = 10
LABEL_PROPERTIES = ("rdfs:label", "skos:altLabel", "skos:hiddenLabel")
_SHOWN_ELSEWHERE = {
    "rdf:type",
    "rdfs:label",
    "skos:prefLabel",
    "skos:altLabel",
    "skos:hiddenLabel",
    "dkg:tenure",
    "dkg:holds",
    "dkg:qualifiedParticipation",
    "dkg:formerName",
    "dcterms:source",
}
_ROLE_PROPERTIES = {
    "dkg:participant",
    "dkg:host",
    "dkg:guest",
    "dkg:visitor",
    "dkg:signatory",
    "dkg:chair",
    "dkg:organiser",
    "dkg:speaker",
}


def normalise(text: str) -> str:
    """Lower-case ASCII words: 'Oʻzbekiston' → 'ozbekiston', 'Сахиль Бабаев' → 'sakhil babaev'."""
    ascii_text = unidecode(text.translate(_BEFORE_UNIDECODE)).casefold()
    ascii_text = re.sub(r"['`]", "", ascii_text)
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


@dataclass(frozen=True)
class Candidate:
    iri: str
    label: str
    score: float

    @property
    def kind(self) -> str:
        return self.iri.removeprefix(ID_BASE).split("/", 1)[0]


def _label_index(store: Store) -> dict[str, set[str]]:
    """Normalised label → IRIs of our entities bearing it (any language, preferred or variant)."""
    rows = store.select(f"""SELECT DISTINCT ?s ?l WHERE {{
        ?s ?p ?l FILTER(?p IN ({", ".join(LABEL_PROPERTIES)}))
        FILTER(STRSTARTS(STR(?s), "{ID_BASE}") && !CONTAINS(STR(?s), "--")) }}""")
    index: dict[str, set[str]] = {}
    for r in rows:
        index.setdefault(normalise(str(r["l"])), set()).add(str(r["s"]))
    return index


def find(store: Store, text: str, lang: str = "en") -> str:
    """The IRI of the one entity ``text`` names; UsageError listing the candidates otherwise."""
    text = text.strip()
    resolver = resolver_for(store)
    iri = text[1:-1] if text.startswith("<") and text.endswith(">") else None
    iri = iri or resolver.resolve_id(text) or (str(expand(text) or "") if ":" in text else None)
    if iri and iri in resolver.types:
        return iri
    labels = labels_of(store, lang)
    index = _label_index(store)
    query = normalise(text)
    found = dict.fromkeys(index.get(query, set()), 100.0)
    if not found and query:
        for label, score, _ in process.extract(
            query, list(index), scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            for s in index[label]:
                found[s] = max(found.get(s, 0.0), score)
    if not found and query:
        words = set(query.split())
        found = {
            s: 80.0 for label, iris in index.items() if words <= set(label.split()) for s in iris if "/source/" not in s
        }
    if len(found) == 1:
        return next(iter(found))
    if not found:
        near = process.extract(query, list(index), scorer=fuzz.WRatio, limit=3)
        hint = "; closest labels: " + ", ".join(sorted({labels.get(s, s) for n, _, _ in near for s in index[n]}))
        raise UsageError(f"no entity matches '{text}'{hint if near else ''}")
    ranked = sorted(
        (Candidate(s, labels.get(s, ""), sc) for s, sc in found.items()),
        key=lambda c: (-c.score, c.kind, local_id(c.iri)),
    )
    width = max(len(local_id(c.iri)) for c in ranked[:MAX_LISTED])
    lines = [f"  {local_id(c.iri):<{width}}  {c.label} ({c.kind})" for c in ranked[:MAX_LISTED]]
    more = f"\n  … and {len(ranked) - MAX_LISTED} more" if len(ranked) > MAX_LISTED else ""
    raise UsageError(
        f"'{text}' matches {len(ranked)} entities; run kg show again with one of these ids:\n" + "\n".join(lines) + more
    )


@dataclass
class Item:
    """One statement or link, with what to show and the sources that state it."""

    text: str
    value: str = ""
    when: str = ""
    sources: list[str] = field(default_factory=list)


@dataclass
class Description:
    id: str
    iri: str
    label: str
    kinds: list[str]
    sources: list[str]
    labels: list[Item]
    statements: list[Item]
    posts: list[Item]
    events: list[Item]
    documents: list[Item]


def _source(graph: str) -> str:
    return local_id(graph) if "/source/" in graph else "graph " + graph.removeprefix(ID_BASE + "graph/")


def _grouped(rows: list[dict[str, Node]], key: tuple[str, ...]) -> dict[tuple[Node | None, ...], list[str]]:
    """Rows grouped by the ``key`` variables, each group with the sorted sources (``?g``) stating it."""
    out: dict[tuple[Node | None, ...], list[str]] = {}
    for r in rows:
        sources = out.setdefault(tuple(r.get(v) for v in key), [])
        if "g" in r and _source(str(r["g"])) not in sources:
            sources.append(_source(str(r["g"])))
    return {k: sorted(v) for k, v in out.items()}


_WHEN = """OPTIONAL { ?e dkg:startDate ?s } OPTIONAL { ?e dkg:endDate ?end }
           OPTIONAL { ?e dkg:earliestDate ?lo } OPTIONAL { ?e dkg:latestDate ?hi }
           BIND(COALESCE(IF(STR(?s) = STR(?end), STR(?s), CONCAT(STR(?s), "/", STR(?end))), STR(?s),
                         CONCAT(STR(?lo), "..", STR(?hi)), "") AS ?when)"""
_LABELS = f"""SELECT ?p ?l ?g WHERE {{ GRAPH ?g {{ ?x ?p ?l }} FILTER(?p IN ({", ".join(LABEL_PROPERTIES)})) }}"""
_KINDS = """SELECT ?t WHERE { ?x a ?t FILTER(STRSTARTS(STR(?t), STR(dkg:)))
    FILTER NOT EXISTS { ?x a ?n . ?n rdfs:subClassOf ?t } }"""
_POSTS = """SELECT ?post ?span ?g WHERE {
    ?x dkg:tenure ?t . GRAPH ?g { ?t dkg:post ?post }
    OPTIONAL { ?t dkg:startDate ?s0 } OPTIONAL { ?t dkg:endDate ?e0 }
    OPTIONAL { ?t dkg:startEarliest ?s1 } OPTIONAL { ?t dkg:startLatest ?s2 }
    OPTIONAL { ?t dkg:endEarliest ?e1 } OPTIONAL { ?t dkg:endLatest ?e2 }
    BIND(CONCAT(COALESCE(STR(?s0), CONCAT(STR(?s1), "..", STR(?s2)), ""), "/",
                COALESCE(STR(?e0), CONCAT(STR(?e1), "..", STR(?e2)), "")) AS ?span) }"""
_EVENTS = f"""SELECT ?e ?rel ?post ?when ?g WHERE {{
    {{ ?e dkg:qualifiedParticipation ?p . ?p dkg:agent ?x ; dkg:role ?rel . OPTIONAL {{ ?p dkg:inPost ?post }}
       GRAPH ?g {{ ?e dkg:qualifiedParticipation ?p }} }}
    UNION
    {{ GRAPH ?g {{ ?e ?rel ?x }} ?e a dkg:DiplomaticEvent FILTER(?rel NOT IN ({", ".join(sorted(_ROLE_PROPERTIES))})) }}
    {_WHEN} }}"""
_DOCUMENTS = """SELECT ?d ?rel ?date ?g WHERE {
    GRAPH ?g { ?d ?rel ?x } ?d a dkg:Document OPTIONAL { ?d dkg:dateSigned ?date } }"""


def describe(store: Store, iri: str, lang: str = "en") -> Description:
    """Everything the graph says about ``iri``: labels, kinds, statements, posts, events, documents."""
    names = labels_of(store, lang)

    def name(term: Node | None) -> str:
        if isinstance(term, URIRef):
            return f"{names[str(term)]} ({shorten(str(term))})" if str(term) in names else shorten(str(term))
        return "" if term is None else str(term)

    def q(query: str, *key: str) -> dict[tuple[Node | None, ...], list[str]]:
        return _grouped(run(store, query, {"x": URIRef(iri)}).rows, key)

    kinds = sorted(shorten(str(t)) for (t,) in q(_KINDS, "t"))
    cited = sorted(local_id(str(src)) for (src,) in q("SELECT ?s WHERE { ?x dcterms:source ?s }", "s"))
    labels = sorted(
        (
            Item(
                getattr(lab, "language", None) or "-",
                str(lab) + ("" if str(p).endswith("#label") else " (variant)"),
                sources=src,
            )
            for (p, lab), src in q(_LABELS, "p", "l").items()
        ),
        key=lambda i: (i.text, i.value),
    )
    statements = sorted(
        (
            Item(shorten(str(p)), name(o), sources=src)
            for (p, o), src in q("SELECT ?p ?o ?g WHERE { GRAPH ?g { ?x ?p ?o } }", "p", "o").items()
            if shorten(str(p)) not in _SHOWN_ELSEWHERE
        ),
        key=lambda i: (i.text, i.value),
    )
    posts = sorted(
        (Item(name(post), when=str(span), sources=src) for (post, span), src in q(_POSTS, "post", "span").items()),
        key=lambda i: (i.when, i.text),
    )
    events = sorted(
        (
            Item(name(e), _relation(rel, post, name), when=str(w or ""), sources=src)
            for (e, rel, post, w), src in q(_EVENTS, "e", "rel", "post", "when").items()
        ),
        key=lambda i: (i.when, i.text, i.value),
    )
    documents = sorted(
        (
            Item(name(d), shorten(str(rel)).removeprefix("dkg:"), when=str(w or ""), sources=src)
            for (d, rel, w), src in q(_DOCUMENTS, "d", "rel", "date").items()
        ),
        key=lambda i: (i.when, i.text, i.value),
    )
    return Description(
        local_id(iri), iri, names.get(iri, local_id(iri)), kinds, cited, labels, statements, posts, events, documents
    )


def _relation(rel: Node | None, post: Node | None, name: Callable[[Node | None], str]) -> str:
    role = shorten(str(rel)).removeprefix("role:").removeprefix("dkg:")
    return f"{role}, as {name(post)}" if post is not None else role


def text(d: Description, width: int = 100) -> str:
    """The description as readable text, wrapped to ``width``."""
    out = [f"{d.label} ({shorten(d.iri)})", d.iri, f"kind: {', '.join(k.removeprefix('dkg:') for k in d.kinds)}"]
    if d.sources:
        out.extend(
            textwrap.wrap(f"sources: {', '.join(d.sources)}", width, subsequent_indent="    ", break_on_hyphens=False)
        )

    def section(title: str, items: list[Item], fmt: str) -> None:
        if not items:
            return
        out.extend(["", f"{title}:"])
        for i in items:
            line = fmt.format(text=i.text, value=i.value, when=i.when).rstrip()
            src = f"  [{', '.join(i.sources)}]" if i.sources else ""
            out.extend(
                textwrap.wrap(
                    line + src, width, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False
                )
            )

    section("labels", d.labels, "{text:<3} {value}")
    section("statements", d.statements, "{text}: {value}")
    section("posts", d.posts, "{text}  {when}")
    section("events", d.events, "{when}  {text}: {value}")
    section("documents", d.documents, "{when}  {text}: {value}")
    return "\n".join(out) + "\n"


def to_json(d: Description) -> str:
    return json.dumps(asdict(d), ensure_ascii=False, indent=2) + "\n"


def turtle(store: Store, iri: str) -> str:
    """The statements about the entity and its tenures and former names, as Turtle."""
    rows = run(
        store,
        """SELECT DISTINCT ?s ?p ?o WHERE {
        { ?x ?p ?o BIND(?x AS ?s) } UNION { ?x dkg:tenure ?s . ?s ?p ?o }
        UNION { ?x dkg:formerName ?s . ?s ?p ?o } }""",
        {"x": URIRef(iri)},
    ).rows
    return render_graph([(r["s"], r["p"], r["o"]) for r in rows], "turtle")
