"""Checks across records, before mapping: unique ids, references that resolve, dates that exist.

Only what the mapping needs is checked here; rules on the mapped graph (an end before its start, bounds
out of order, a record without a source, a post not held) are SHACL shapes (ontology/shapes.ttl), which
cover Turtle files in ``data/`` as well. A record the schema rejected still resolves references to its id
(its own problem is reported), but is not checked further.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pycountry

from kg.dates import BadDate, normalise
from kg.errors import Problem, article
from kg.fuzzy import closest
from kg.loader import Record

AGENT = ("person", "organisation", "country")
# Field → kinds its ids may name, per record kind. Lists of ids and single ids alike.
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "place": {"country": ("country",)},
    "organisation": {
        "country": ("country",),
        "countries": ("country",),
        "part_of": ("organisation",),
        "place": ("place",),
    },
    "post": {"organisation": ("organisation",)},
    "person": {"country": ("country",)},
    "event": {
        "place": ("place",),
        "countries": ("country",),
        "part_of": ("event",),
        "margins_of": ("event",),
        "documents": ("document",),
        "concerns": ("event", "organisation", "document", "place", "person", "country"),
    },
    "document": {
        "parties": ("country", "organisation"),
        "signatories": ("person",),
        "place": ("place",),
        "signing_event": ("event",),
        "establishes": ("organisation",),
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
    for ref in rec.data.get("sources", []):
        yield from _check_ref(index, rec, "sources", ref, ("source",))
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
    if rec.kind == "person":
        for i, pos in enumerate(rec.data.get("positions", [])):
            yield from _check_ref(index, rec, f"positions[{i}].post", pos["post"], ("post",))
            for ref in pos.get("sources", []):
                yield from _check_ref(index, rec, f"positions[{i}].sources", ref, ("source",))
            yield from _check_dates(rec, pos, f"positions[{i}].")
    if rec.kind == "organisation":
        for i, former in enumerate(rec.data.get("former_names", [])):
            yield from _check_dates(rec, former, f"former_names[{i}].")


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
    return problems
