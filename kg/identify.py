"""The one resolver of identifiers: what every command accepts where it asks for an entity.

:func:`resolve` turns what a person writes into the IRI of one record of the graph:

- a record id (``sahil-babayev``) or a country code in any case (``aze``);
- ``kind:id`` or any prefixed name of ours (``person:sahil-babayev``, ``Country:aze``), ``<IRI>`` or a bare
  ``http(s)`` IRI of the graph;
- a label, variant (``skos:altLabel``) or former name (``skos:hiddenLabel``) in any language and spelling:
  names are compared after :func:`kg.fuzzy.normalise` (case, diacritics, Uzbek apostrophes, Cyrillic) and
  regardless of word order (``Бабаев Сахиль``).

An exact id, code or IRI wins; then a name that names exactly one entity (of the ``expect``-ed type).
Anything else raises :class:`Ambiguous` (a :class:`~kg.errors.UsageError`) listing the candidates —
several entities bearing the name, or names that are merely similar (``aliev`` lists the Aliyevs):
a guess is never picked silently. Candidates whose own name matches (people, organisations, countries,
places) come before the events, documents and sources whose title merely contains the words.

Only records and vocabulary concepts are ever returned or suggested, never derived resources
(participations, tenures, former names) nor graphs (:func:`kg.iris.is_record`).
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import NoReturn

from rdflib import RDFS, Literal, URIRef

from kg import iris
from kg.errors import Input, UsageError, article
from kg.fuzzy import NAME_CUTOFF, closest, normalise, similar_names, similar_words
from kg.labels import pick_text
from kg.namespaces import DKG, ID_BASE, PREFIXES
from kg.store import Store
from kg.vocab import ontology_graph

# The types an entity may be asked for, and the class its members have (stored-query parameter types too).
TYPES: dict[str, URIRef] = {
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
PLURALS = {"person": "people", "country": "countries", "entity": "entities"}
# Kinds of IRI (``id/<kind>/…``) that are named for themselves: listed before what merely mentions them.
NAMED_KINDS = ("person", "organisation", "country", "place")
# Kinds whose names are titles that contain other names: listed after the rest, sources (whose label
# holds their id) last of all.
TITLED_KINDS = ("event", "document")
MAX_CLOSEST = 10
WORD_CUTOFF = 85.0  # a query word matches a word of a name this similar ("aliev" ~ "aliyev": 91)
_NAME_PROPERTIES = ("rdfs:label", "skos:altLabel", "skos:hiddenLabel", "skos:prefLabel")
_IRI = re.compile(r"^https?://\S+$")


def plural(noun: str, n: int = 2) -> str:
    if n == 1:
        return noun
    return PLURALS.get(noun, noun + "s")


@dataclass(frozen=True)
class Candidate:
    """An entity that may be the one meant, with its label in the asked language and how well it matched."""

    iri: str
    id: str
    kind: str  # the kind of its IRI: person, event, organisation…
    label: str
    score: float = 100.0

    def line(self, width: int = 0) -> str:
        """``id  label (kind)``, the id padded to ``width``."""
        return f"{self.id:<{width}}  {self.label} ({self.kind})"


class Ambiguous(UsageError):
    """The text names several entities, or none exactly: ``candidates`` are all of them, best first
    (``closest`` holds the first ids of the expected type)."""

    def __init__(
        self, message: str, candidates: list[Candidate], *, about: Input | None, value: str, closest: list[str]
    ) -> None:
        self.candidates = tuple(candidates)
        super().__init__(message, about=about, value=value, closest=closest)


@dataclass
class _Entity:
    iri: str
    id: str
    kind: str
    classes: set[str] = field(default_factory=set)
    labels: list[Literal] = field(default_factory=list)  # rdfs:label, for display


@dataclass
class Index:
    """Every record of a store with its classes and names, built once per store (see :func:`index`)."""

    entities: dict[str, _Entity] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # lower-case id → IRIs
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # normalised name → IRIs
    unordered: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # its words sorted → IRIs
    words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # word → normalised names

    def of_type(self, iri: str, expect: str | None) -> bool:
        """Whether the entity is of the type, by any of its classes or their superclasses (a country is
        an agent though the reference data states only dkg:Country)."""
        return expect is None or any(str(TYPES[expect]) in _superclasses(c) for c in self.entities[iri].classes)

    def candidate(self, iri: str, lang: str, score: float = 100.0) -> Candidate:
        e = self.entities[iri]
        return Candidate(iri, e.id, e.kind, pick_text(e.labels, lang) or e.id, score)


_INDEXES: weakref.WeakKeyDictionary[Store, tuple[int, Index]] = weakref.WeakKeyDictionary()


@cache
def _superclasses(cls: str) -> frozenset[str]:
    """The class and its superclasses in the ontology."""
    found = ontology_graph().transitive_objects(URIRef(cls), RDFS.subClassOf)
    return frozenset({cls, *(str(c) for c in found)})


def _unordered(name: str) -> str:
    """A normalised name with its words sorted, so that word order does not matter."""
    return " ".join(sorted(name.split()))


def index(store: Store) -> Index:
    """The index of ``store``'s records, built on first use and again after the store changes."""
    found = _INDEXES.get(store)
    if found is not None and found[0] == store.generation:
        return found[1]
    idx = Index()
    # values, not rdflib terms: this reads every typed record (a tenth of the time at 10⁵ rows)
    typed = f'SELECT DISTINCT ?s ?t WHERE {{ ?s a ?t FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }}'
    for s, t in store.select_values(typed):
        iri = str(s)
        parsed = iris.parse(iri)
        if parsed is None or not iris.is_record(iri):
            continue
        if iri not in idx.entities:
            idx.entities[iri] = _Entity(iri, parsed.id, parsed.kind)
            idx.ids[parsed.id.lower()].append(iri)
        idx.entities[iri].classes.add(str(t))
    rows = store.select_values(
        f"SELECT DISTINCT ?s ?p ?l (LANG(?l) AS ?lang) WHERE {{ ?s ?p ?l "
        f"FILTER(?p IN ({', '.join(_NAME_PROPERTIES)}) && isLiteral(?l)) }}"
    )
    for s, prop, text, language in rows:
        iri = str(s)
        if iri not in idx.entities:
            continue
        if str(prop).endswith("#label"):
            idx.entities[iri].labels.append(Literal(str(text), lang=language or None))
        name = normalise(str(text))
        if name:
            idx.names[name].add(iri)
            idx.unordered[_unordered(name)].add(iri)
    for name in idx.names:
        for word in name.split():
            idx.words[word].add(name)
    _INDEXES[store] = (store.generation, idx)
    return idx


def resolve(store: Store, text: str, *, expect: str | None = None, about: Input | None = None, lang: str = "en") -> str:
    """The IRI of the one entity ``text`` names (of type ``expect`` when given, a key of :data:`TYPES`);
    :class:`Ambiguous` listing the candidates when it names several or none exactly."""
    if expect is not None and expect not in TYPES:
        raise ValueError(f"unknown entity type {expect!r}")
    given = text.strip()
    quick = _quick(store, given, expect)
    if quick is not None:
        return quick
    idx = index(store)
    iri = _by_reference(idx, given, expect, about)
    if iri is not None:
        return iri
    exact = _exact(idx, normalise(given), expect)
    if len(exact) == 1:
        return exact[0]
    other = idx.ids.get(given.lower(), [])
    if not exact and other:  # an id, but of something else than was asked for
        _checked(idx, other[0], given, expect, about)
    found = candidates(store, given, expect=expect, lang=lang, only=exact or None)
    what = expect or "entity"
    if not found:
        near = [i for i in closest(given.lower(), idx.ids) if any(idx.of_type(x, expect) for x in idx.ids[i])]
        raise Ambiguous(
            f"no {what} is named '{given}'",
            [],
            about=about,
            value=text,
            closest=[idx.entities[idx.ids[i][0]].id for i in near],
        )
    # Only near misses (a misspelling, a word nearly alike): nothing is named so; say it and suggest them.
    named = exact or any(c.score >= 100 for c in found)
    raise Ambiguous(
        f"'{given}' matches {_counts(found, expect)}" if named else f"no {what} is named '{given}'",
        found,
        about=about,
        value=text,
        closest=[c.id for c in found[:MAX_CLOSEST]],
    )


_SAFE_IRI = re.compile(r'^[^\s<>"{}|^`\\]+$')


def _quick(store: Store, given: str, expect: str | None) -> str | None:
    """The record an IRI or an id of ours names, when exactly one record of the expected type has it as
    written, found by one small query instead of :func:`index` (which reads every record: seconds at a
    million triples); None leaves it to the index (names, ids in another case, errors to explain)."""
    if given.startswith("<") and given.endswith(">"):
        found = [given[1:-1]]
    elif _IRI.match(given):
        found = [given]
    elif given and not any(c in given for c in " :/"):
        # as text first: rdflib warns of (and logs to the terminal) an IRI it would not write
        found = [f"{ID_BASE}{kind}/{given}" for kind in sorted(_IRI_KINDS)]
    else:
        return None
    found = [i for i in found if _SAFE_IRI.match(i) and iris.parse(i) is not None and iris.is_record(i)]
    if not found:
        return None
    typed = f"?t rdfs:subClassOf* <{TYPES[expect]}>" if expect else ""
    values = " ".join(f"<{i}>" for i in found)
    rows = store.select_values(f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} ?s a ?t . {typed} }}")
    return str(rows[0][0]) if len(rows) == 1 else None


def _exact(idx: Index, name: str, expect: str | None) -> list[str]:
    """The entities bearing ``name``; failing that, a name of the same words in another order."""
    for table, key in ((idx.names, name), (idx.unordered, _unordered(name))):
        found = sorted(i for i in table.get(key, ()) if idx.of_type(i, expect))
        if found:
            return found
    return []


def _by_reference(idx: Index, text: str, expect: str | None, about: Input | None) -> str | None:
    """The IRI an id, code, ``kind:id``, prefixed name or IRI stands for; None when ``text`` is none of these."""
    iri: str | None = None
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif _IRI.match(text):
        iri = text
    elif " " not in text and ":" in text:
        prefix, _, local = text.partition(":")
        if prefix.lower() in _IRI_KINDS:
            iri = next((i for i in idx.ids.get(local.lower(), ()) if idx.entities[i].kind == prefix.lower()), None)
            if iri is None:
                _unknown(idx, f"no {prefix.lower()} has the id '{local}'", text, expect, about, prefix.lower())
        elif prefix in PREFIXES:
            iri = str(iris.expand(text))
    else:
        matches = [i for i in idx.ids.get(text.lower(), ()) if idx.of_type(i, expect)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:  # the same id in two kinds (a post and an organisation…)
            found = sorted((idx.candidate(i, "en") for i in matches), key=_rank)
            raise Ambiguous(
                f"'{text}' is the id of {_counts(found, expect)}",
                found,
                about=about,
                value=text,
                closest=[iris.shorten(c.iri) for c in found],
            )
        return None
    if iri is None:
        return None
    return _checked(idx, iri, text, expect, about)


def _checked(idx: Index, iri: str, text: str, expect: str | None, about: Input | None) -> str:
    """``iri`` if it is a record of the expected type; a UsageError saying what it is otherwise."""
    parsed = iris.parse(iri)
    if parsed is not None and not iris.is_record(iri):
        kind, ident = parsed.owner
        raise UsageError(
            f"{text} is a part of a record, not a record; name the record itself",
            about=about,
            value=text,
            closest=[f"{kind}:{ident}"] if parsed.kind != "graph" else [],
        )
    if iri not in idx.entities:
        raise UsageError(f"{text} is not an entity of the graph", about=about, value=text)
    if not idx.of_type(iri, expect):
        raise UsageError(
            f"{text} is {article(idx.entities[iri].kind)}, not {article(str(expect))}", about=about, value=text
        )
    return iri


def _unknown(idx: Index, message: str, text: str, expect: str | None, about: Input | None, kind: str) -> NoReturn:
    ids = [idx.entities[i].id for i in idx.entities if idx.entities[i].kind == kind and idx.of_type(i, expect)]
    local = text.partition(":")[2]
    near = closest(local, ids) or closest(local.upper(), ids)
    raise UsageError(message, about=about, value=text, closest=[f"{kind}:{n}" for n in near])


_IRI_KINDS = {p for p, ns in PREFIXES.items() if ns.startswith(ID_BASE) and ns != ID_BASE}


def _rank(c: Candidate) -> tuple[int, float, str, str]:
    tier = 0 if c.kind in NAMED_KINDS else 2 if c.kind in TITLED_KINDS else 3 if c.kind == "source" else 1
    return (tier, -c.score, c.id, c.kind)


def candidates(
    store: Store, text: str, *, expect: str | None = None, lang: str = "en", only: list[str] | None = None
) -> list[Candidate]:
    """The entities ``text`` may name, best first: those bearing the name itself, else names similar
    to it as a whole (a misspelling) or containing its words (each word exactly or nearly)."""
    idx = index(store)
    if only is not None:
        return sorted((idx.candidate(i, lang) for i in only), key=_rank)
    query = normalise(text)
    if not query:
        return []
    scores: dict[str, float] = {}
    for name, score in similar_names(query, idx.names, NAME_CUTOFF).items():
        for i in idx.names[name]:
            scores[i] = max(scores.get(i, 0.0), score)
    for name, score in _containing(idx, query.split()).items():
        for i in idx.names[name]:
            scores[i] = max(scores.get(i, 0.0), score)
    found = [idx.candidate(i, lang, round(s, 1)) for i, s in scores.items() if idx.of_type(i, expect)]
    return sorted(found, key=_rank)


def _containing(idx: Index, words: list[str]) -> dict[str, float]:
    """Names that contain every one of ``words`` (short words exactly), scored by how closely."""
    per_name: dict[str, list[float]] = {}
    for n, word in enumerate(words):
        if len(word) <= 3:
            near = {word: 100.0} if word in idx.words else {}
        else:
            near = similar_words(word, idx.words, WORD_CUTOFF)
        best: dict[str, float] = {}
        for w, s in near.items():
            for name in idx.words[w]:
                best[name] = max(best.get(name, 0.0), s)
        for name, s in best.items():
            if n == 0:
                per_name[name] = [s]
            elif name in per_name and len(per_name[name]) == n:
                per_name[name].append(s)
    return {name: sum(s) / len(s) for name, s in per_name.items() if len(s) == len(words)}


def _counts(found: list[Candidate], expect: str | None) -> str:
    """'3 people and 28 other entities': the named kinds one by one, the rest together."""
    if expect is not None:
        return f"{len(found)} {plural(expect, len(found))}"
    by_kind: dict[str, int] = defaultdict(int)
    for c in found:
        by_kind[c.kind if c.kind in NAMED_KINDS else ""] += 1
    parts = [f"{by_kind[k]} {plural(k, by_kind[k])}" for k in NAMED_KINDS if by_kind[k]]
    rest = [c.kind for c in found if c.kind not in NAMED_KINDS]
    if rest and not parts and len(set(rest)) == 1:
        parts.append(f"{len(rest)} {plural(rest[0], len(rest))}")
    elif rest:
        parts.append(f"{len(rest)} {'other ' if parts else ''}{plural('entity', len(rest))}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
