"""Actor names and country names of event tables matched to our people, organisations and countries.

A name links to the one person, organisation or country of the curated data (``--data``) whose label,
variant or former name it is, compared as :func:`kg.fuzzy.normalise` compares names (case, diacritics,
Cyrillic: ``PERSON A`` is Person A), also with its words in another order, as :mod:`kg.identify` resolves
names. A name several records bear is not linked (ambiguous), and a name none bears is kept as written.
Every outcome is counted for the report, with how it matched; the most frequent unmatched names get the
closest names of ours as a hint, never as a link.

Country names (ICEWS writes ``Azerbaijan``, not ``AZE``) resolve against the labels of
data/reference/countries.ttl, in every language it has, whatever ``--data`` holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.fuzzy import NAME_CUTOFF, normalise, similar_names
from kg.namespaces import DKG, ID_BASE
from kg.resources import countries_file
from kg.store import Store

HINTS = 50  # unmatched names given a "closest" hint, most frequent first
_NAME_PROPERTIES = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
}
_KINDS = ("person", "organisation", "country")


def _unordered(name: str) -> str:
    return " ".join(sorted(name.split()))


@dataclass(frozen=True, slots=True)
class Match:
    """What a name named: ``iri`` when exactly one record, else None; ``how`` it matched, for the report."""

    iri: str | None
    how: str
    candidates: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Normalised country name (any language, label or variant) → alpha-3, for the names that name one."""
    code_of: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for t in ox.parse(path=countries_file()):
        if t.predicate.value == str(DKG.countryCode):
            code_of[t.subject.value] = t.object.value
        elif t.predicate.value in _NAME_PROPERTIES and isinstance(t.object, ox.Literal):
            names[normalise(t.object.value)].add(t.subject.value)
    return {
        name: code_of[s] for name, subjects in names.items() if len(subjects) == 1 for s in subjects if s in code_of
    }


@dataclass
class Names:
    """The names of our people, organisations and countries, read once; each distinct table name matched once."""

    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # normalised → IRIs
    unordered: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    matched: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (name, IRI, how) → events
    ambiguous: Counter[tuple[str, str]] = field(default_factory=Counter)  # (name, candidates) → events
    unmatched: Counter[str] = field(default_factory=Counter)
    countries_by_name: Counter[tuple[str, str]] = field(default_factory=Counter)  # (name, alpha-3) → events
    unknown_countries: Counter[str] = field(default_factory=Counter)
    hints: dict[str, str] = field(default_factory=dict)  # unmatched name → closest names of ours
    _cache: dict[str, Match] = field(default_factory=dict)

    @classmethod
    def of_store(cls, store: Store) -> Names:
        """The names of the people, organisations and countries ``store`` holds (the curated data)."""
        found = cls()
        kinds = " || ".join(f'STRSTARTS(STR(?s), "{ID_BASE}{kind}/")' for kind in _KINDS)
        rows = store.select_values(
            "SELECT DISTINCT ?s ?l WHERE { ?s ?p ?l "
            "FILTER(?p IN (rdfs:label, skos:prefLabel, skos:altLabel, skos:hiddenLabel) && isLiteral(?l)) "
            f"FILTER({kinds}) }}"
        )
        for s, text in rows:
            name = normalise(text or "")
            if s and name and iris.is_record(s):
                found.names[name].add(s)
                found.unordered[_unordered(name)].add(s)
        return found

    def match(self, name: str) -> Match:
        """The record ``name`` names; counted for the report."""
        found = self.lookup(name)
        self.count(name, found)
        return found

    def lookup(self, name: str) -> Match:
        """The record ``name`` names, not counted (each distinct name matched once)."""
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = self._match(name)
        return found

    def count(self, name: str, found: Match, events: int = 1) -> None:
        """Count ``events`` events whose actor ``name`` matched as ``found``, for the report."""
        if found.iri is not None:
            self.matched[(name, found.iri, found.how)] += events
        elif found.candidates:
            self.ambiguous[(name, ", ".join(found.candidates))] += events
        else:
            self.unmatched[name] += events

    def _match(self, name: str) -> Match:
        key = normalise(name)
        if not key:
            return Match(None, "no name")
        for table, value, how in (
            (self.names, key, "label"),
            (self.unordered, _unordered(key), "label, words reordered"),
        ):
            found = tuple(sorted(table.get(value, ())))
            if len(found) == 1:
                return Match(found[0], how)
            if found:
                return Match(None, how, tuple(iris.compact(i) for i in found))
        return Match(None, "no record of ours")

    def country(self, text: str) -> str | None:
        """The alpha-3 code of a country written as its code (``AZE``) or its name (``Azerbaijan``)."""
        value = text.strip()
        if not value:
            return None
        if value in _codes():
            return value
        code = country_names().get(normalise(value))
        if code is None:
            self.unknown_countries[value] += 1
        else:
            self.countries_by_name[(value, code)] += 1
        return code

    def hint(self) -> None:
        """The closest names of ours for the most frequent unmatched names (a hint in the report, not a link)."""
        for name, _ in self.unmatched.most_common(HINTS):
            near = similar_names(normalise(name), self.names, NAME_CUTOFF)
            if near:
                best, score = min(near.items(), key=lambda kv: (-kv[1], kv[0]))
                self.hints[name] = f"{', '.join(iris.compact(i) for i in sorted(self.names[best]))} ({score:.0f})"


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    from kg.ingest.terms import country_codes

    return country_codes()


def data_store(data_dir: Path | None) -> Store | None:
    """The curated data's store, whose names actors are matched to; None without a data folder."""
    if data_dir is None:
        return None
    from kg.graph import load  # the whole curated data set, only when names are to be matched

    return load(data_dir).store
