"""Checks across records, before mapping: unique ids, references that resolve, dates that exist.

Only what the mapping needs is checked here; rules on the mapped graph (an end before its start, bounds
out of order, a record without a source, a post not held) are SHACL shapes (ontology/shapes.ttl), which
cover Turtle files in ``data/`` as well. A record the schema rejected still resolves references to its id
(its own problem is reported), but is not checked further.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry
from rdflib import SKOS, URIRef

from kg import iris
from kg.dates import BadDate, normalise
from kg.errors import Problem, article
from kg.fuzzy import closest
from kg.loader import Record
from kg.namespaces import DKG, ID
from kg.vocab import ontology_graph

AGENT = ("person", "organisation", "country")
# Field → kinds its ids may name, per record kind. Lists of ids and single ids alike.
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "place": {"country": ("country",)},
    "person": {"country": ("country",), "spouse": ("person",)},
    "organisation": {
        "country": ("country",),
        "countries": ("country",),
        "part_of": ("organisation",),
        "place": ("place",),
    },
    "post": {"organisation": ("organisation",)},
    "event": {
        "place": ("place", "country"),
        "countries": ("country",),
        "part_of": ("event",),
        "margins_of": ("event",),
        "documents": ("document",),
        "concerns": ("event", "organisation", "document", "place", "person", "country"),
    },
    "document": {
        "parties": ("country", "organisation"),
        "signatories": ("person",),
        "place": ("place", "country"),
        "signing_event": ("event",),
        "establishes": ("organisation",),
        "amends": ("document",),
        "implements": ("document",),
        "based_on": ("document",),
    },
}
DATE_FIELDS = (
    "date",
    "start",
    "end",
    "earliest",
    "latest",
    "published",
    "published_earliest",
    "published_latest",
    "accessed",
    "start_earliest",
    "start_latest",
    "end_earliest",
    "end_latest",
)


# How a source may speak of a record; each property's skos:notation is the value of ``speaks``.
SPEAKING = (DKG.reports, DKG.mentions)
SUBJECT = "subject"  # the default: a bare id reports the record


@cache
def speaks_properties() -> dict[str, URIRef]:
    """``speaks`` value → the property a source link states (subject → dkg:reports), from the ontology."""
    g = ontology_graph()
    return {str(g.value(p, SKOS.notation)): p for p in SPEAKING}


@dataclass(frozen=True)
class SourceLink:
    """One entry of a record's ``sources``: an id, or ``{id, speaks, quote}``."""

    id: str
    speaks: str = SUBJECT
    quote: str | None = None


def source_links(value: Any) -> list[SourceLink]:
    """The entries of a ``sources`` list as links; a bare id reports the record (speaks of it as its subject)."""
    links = []
    for entry in value or []:
        if isinstance(entry, dict):
            links.append(SourceLink(str(entry["id"]), str(entry.get("speaks", SUBJECT)), entry.get("quote")))
        else:
            links.append(SourceLink(str(entry)))
    return links


@cache
def scheme_codes(scheme: str) -> list[str]:
    """The codes of a concept scheme of vocabularies.ttl (``cameo``, ``plover``), as written in data/."""
    g = ontology_graph()
    return sorted(iris.local_id(str(c)) for c in g.subjects(SKOS.inScheme, ID[scheme]))


def country_exists(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


class Index:
    """Every record by id, for resolving references."""

    def __init__(self, records: list[Record]) -> None:
        self.by_id: dict[str, Record] = {}
        self.duplicates: list[Problem] = []
        for rec in records:
            first = self.by_id.get(rec.id)
            if first is not None:
                self.duplicates.append(
                    rec.problem(
                        f"duplicate id: already used by the {first.kind} at {first.file}:{first.line}; "
                        "ids must be unique across all files"
                    )
                )
            else:
                self.by_id[rec.id] = rec

    def kind_of(self, ref: str) -> str | None:
        if len(ref) == 3 and ref.isupper():
            return "country" if country_exists(ref) else None
        rec = self.by_id.get(ref)
        return rec.kind if rec else None

    def closest(self, ref: str, kinds: tuple[str, ...]) -> list[str]:
        """The known ids of these kinds most like ``ref``: record ids (never derived resources), country codes."""
        pool = [i for i, r in self.by_id.items() if r.kind in kinds]
        if "country" in kinds:
            pool += [c.alpha_3 for c in pycountry.countries]
        return closest(ref, pool)


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _check_ref(index: Index, rec: Record, key: str, ref: str, kinds: tuple[str, ...]) -> Iterator[Problem]:
    found = index.kind_of(ref)
    if found in kinds:
        return
    wanted = " or ".join(kinds)
    if found is None:
        near = index.closest(ref, kinds)
        hint = f"; closest known ids: {', '.join(near)}" if near else f"; no {wanted} with a similar id exists"
        yield rec.problem(f"{key}: unknown {wanted} '{ref}'{hint}", key)
    else:
        yield rec.problem(f"{key}: '{ref}' is {article(found)}, not {article(wanted)}", key)


def _fields(rec: Record) -> Iterator[tuple[str, dict[str, Any]]]:
    """The record's own fields, then each source's own claims (they are checked the same way)."""
    yield "", rec.data
    for src, claims in (rec.data.get("per_source") or {}).items():
        yield f"per_source.{src}.", claims


def check_record(index: Index, rec: Record) -> Iterator[Problem]:
    if rec.rejected:
        return
    seen: set[str] = set()
    for i, link in enumerate(source_links(rec.data.get("sources"))):
        yield from _check_ref(index, rec, "sources", link.id, ("source",))
        if link.id in seen:
            yield rec.problem(f"sources: '{link.id}' is listed twice; list each source once", "sources")
        seen.add(link.id)
        if link.quote is not None:
            yield from _check_quote(index, rec, f"sources[{i}].quote", link)
    for src in rec.data.get("per_source", {}) or {}:
        yield from _check_ref(index, rec, "per_source", src, ("source",))
    for prefix, fields in _fields(rec):
        for key, kinds in REFERENCES.get(rec.kind, {}).items():
            for ref in _ids(fields[key]) if key in fields else []:
                yield from _check_ref(index, rec, prefix + key, ref, kinds)
        yield from _check_dates(rec, fields, prefix)
    if rec.kind == "event":
        for i, part in enumerate(rec.data.get("participants", [])):
            yield from _check_ref(index, rec, f"participants[{i}].agent", str(part["agent"]), AGENT)
            if "post" in part:
                yield from _check_ref(index, rec, f"participants[{i}].post", part["post"], ("post",))
        for key in ("part_of", "margins_of"):
            if rec.data.get(key) == rec.id:
                yield rec.problem(f"{key}: an event cannot be part of itself", key)
    for prefix, fields in _fields(rec) if rec.kind == "event" else ():
        for scheme in ("cameo", "plover"):
            if scheme in fields and str(fields[scheme]) not in (codes := scheme_codes(scheme)):
                folded = {c.casefold(): c for c in codes}  # "consult" is close to CONSULT
                near = [folded[c] for c in closest(str(fields[scheme]).casefold(), folded)]
                hint = f"; closest: {', '.join(near)}" if near else ""
                yield rec.problem(
                    f"{prefix}{scheme}: '{fields[scheme]}' is not a {scheme.upper()} code of "
                    f"ontology/vocabularies.ttl{hint}",
                    prefix.split(".")[0] or scheme,
                )
    if rec.kind == "person" and rec.data.get("spouse") == rec.id:
        yield rec.problem("spouse: a person cannot be their own spouse", "spouse")
    if rec.kind == "person":
        for i, pos in enumerate(rec.data.get("positions", [])):
            yield from _check_ref(index, rec, f"positions[{i}].post", pos["post"], ("post",))
            for ref in pos.get("sources", []):
                yield from _check_ref(index, rec, f"positions[{i}].sources", ref, ("source",))
            yield from _check_dates(rec, pos, f"positions[{i}].")
    if rec.kind == "organisation":
        for i, former in enumerate(rec.data.get("former_names", [])):
            yield from _check_dates(rec, former, f"former_names[{i}].")


def _check_quote(index: Index, rec: Record, key: str, link: SourceLink) -> Iterator[Problem]:
    """A quote only from a source that is ours to quote (it has a ``quote``), and copied from it exactly."""
    source = index.by_id.get(link.id)
    if source is None or source.kind != "source":
        return  # reported as an unknown source
    text = source.data.get("quote")
    if not isinstance(text, str):
        yield rec.problem(
            f"{key}: source '{link.id}' is not ours to quote (it has no quote of its own); "
            "say what it states in the record's fields or its summary instead",
            "sources",
        )
    elif str(link.quote) not in text:
        yield rec.problem(
            f"{key}: the text is not in the quote of source '{link.id}'; copy the sentence exactly as it stands there",
            "sources",
        )


def _check_dates(rec: Record, fields: dict[str, Any], prefix: str) -> Iterator[Problem]:
    """Dates that exist (the mapping types them), and ``date`` not mixed with the fields it stands for.
    Their order is shape S07's rule."""
    good: dict[str, str] = {}
    for key in DATE_FIELDS:
        if key in fields:
            try:
                good[key] = normalise(fields[key])
            except BadDate as exc:
                yield rec.problem(f"{prefix}{key}: {exc}", prefix.split(".")[0].split("[")[0] or key)
    if "date" in good and ({"start", "end", "earliest", "latest"} & good.keys()):
        yield rec.problem(f"{prefix}date: give either date, start/end or earliest/latest, not several", "date")


def check_references(records: list[Record]) -> list[Problem]:
    index = Index(records)
    problems = list(index.duplicates)
    for rec in records:
        problems.extend(check_record(index, rec))
    problems.extend(_cycles(records))
    return problems


def _cycles(records: list[Record]) -> Iterator[Problem]:
    """An event or organisation that is, through ``part_of`` (or an event through ``margins_of``), part of
    itself by way of others: named once per cycle, at the record where the walk met it. Each record has at
    most one such link, so one walk per record, never repeated, finds every cycle (time linear in records)."""
    for kind, keys in (("event", ("part_of", "margins_of")), ("organisation", ("part_of",))):
        of = {r.id: r for r in records if r.kind == kind and not r.rejected}
        for key in keys:
            done: set[str] = set()
            for start in of:
                path: list[str] = []
                on_path: set[str] = set()
                at: object = start
                while isinstance(at, str) and at in of and at not in done and at not in on_path:
                    path.append(at)
                    on_path.add(at)
                    at = of[at].data.get(key)
                if isinstance(at, str) and at in on_path:
                    cycle = path[path.index(at) :]
                    rec = of[cycle[0]]
                    if len(cycle) == 1 and kind == "event":
                        pass  # said by check_record: an event cannot be part of itself
                    elif len(cycle) == 1:
                        yield rec.problem(f"{key}: an organisation cannot be part of itself", key)
                    else:
                        chain = " → ".join([*cycle, cycle[0]])
                        yield rec.problem(f"{key}: a cycle: {chain}; one of them must not be part of the next", key)
                done |= on_path
