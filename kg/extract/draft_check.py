"""``kg extract --check``: what a draft would add to the curated data, and what it would contradict.

Each draft event is compared with the data's events of the same kind family that share a participant (or,
with no people on either side, the same countries) and whose dates can overlap: the first such is the same
event (``known``), and a status or a place that differs from it is a ``conflict``; an event with no such
match is ``new``. A participant's post that the data's positions rule out at the event's date is a
conflict too. People and organisations proposed by the draft are ``known`` when the data has a record
whose name or variant is that name (compared as kg show compares names), else ``new``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg import dates as kgdates
from kg.errors import LoadError
from kg.extract.draft_records import source_id_for, to_records
from kg.extract.scoring import family
from kg.fuzzy import normalise, similar_names
from kg.loader import Record, load_records

Span = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class Finding:
    level: str  # "new" | "known" | "conflict"
    record: str  # the draft record's id
    message: str


def _day(value: Any, last: bool) -> dt.date | None:
    if value in (None, ""):
        return None
    text = str(value)
    try:
        return kgdates.last_day(text) if last else kgdates.first_day(text)
    except (kgdates.BadDate, ValueError):
        return None


def span_of(data: dict[str, Any]) -> Span:
    lo = data.get("date") or data.get("start") or data.get("earliest")
    hi = data.get("date") or data.get("end") or data.get("start") or data.get("latest")
    return _day(lo, False), _day(hi, True)


def overlaps(a: Span, b: Span) -> bool:
    return not ((a[1] and b[0] and a[1] < b[0]) or (b[1] and a[0] and b[1] < a[0]))


def _read(path: Path, known: set[str]) -> dict[str, list[dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    try:
        doc = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise LoadError(f"{path}: not a draft of kg extract ({str(exc).splitlines()[0]})") from None
    if isinstance(doc, dict) and isinstance(doc.get("article"), dict) and isinstance(doc.get("events"), list):
        return to_records(doc, source_id=source_id_for(doc["article"].get("source"), path.stem), known=known)
    if not isinstance(doc, dict) or not any(isinstance(doc.get(k), list) for k in ("events", "people", "sources")):
        raise LoadError(f"{path}: not a draft of kg extract: expected a JSON result (article, events) or YAML "
                        "records (sources, events, people…)")  # fmt: skip
    return {k: [r for r in doc.get(k) or [] if isinstance(r, dict)] for k in
            ("sources", "organisations", "people", "documents", "events")}  # fmt: skip


def _agents(data: dict[str, Any]) -> set[str]:
    return {str(p.get("agent")) for p in data.get("participants") or [] if isinstance(p, dict)}


def _names(record: Record) -> list[str]:
    out: list[str] = []
    for field in ("name", "alt"):
        value = record.data.get(field) or {}
        for v in value.values() if isinstance(value, dict) else []:
            out.extend(str(x) for x in (v if isinstance(v, list) else [v]))
    return out


def _same_place(a: str, b: str, by_id: dict[str, Record]) -> bool:
    """Equal, or a country and a city in it (a draft that names only "ölkəmizdə" against "baku")."""

    def country(ref: str) -> str:
        record = by_id.get(ref)
        return ref if record is None else str(record.data.get("country", ref))

    return a == b or (a.isupper() and country(b) == a) or (b.isupper() and country(a) == b)


def _post_ruled_out(person: Record | None, post: str, when: Span) -> bool:
    if person is None:
        return False
    held = [p for p in person.data.get("positions") or [] if isinstance(p, dict) and p.get("post") == post]
    if not held or not any(when):
        return False
    for p in held:
        start = _day(p.get("start") or p.get("start_earliest"), False)
        end = _day(p.get("end") or p.get("end_latest"), True)
        if overlaps(when, (start, end)):
            return False
    return True


def check_draft(draft_path: Path, data_dir: Path) -> list[Finding]:
    """The findings for every record of the draft, sorted by level, then record id."""
    records, _problems = load_records(data_dir)
    by_id = {r.id: r for r in records}
    draft = _read(draft_path, set(by_id))
    findings: list[Finding] = []
    events = [r for r in records if r.kind == "event"]
    for e in draft["events"]:
        ident = str(e.get("id", "?"))
        kind = str(e.get("kind"))
        when = span_of(e)
        agents = _agents(e) & set(by_id)
        match = None
        for r in events:
            same_kind = family(str(r.data.get("kind"))) == family(kind)
            shared = agents & _agents(r.data) if agents else set(e.get("countries") or []) == set(
                r.data.get("countries") or []) and bool(e.get("countries"))  # fmt: skip
            if same_kind and shared and overlaps(when, span_of(r.data)):
                match = r
                break
        if match is None:
            findings.append(Finding("new", ident, f"new {kind} event"))
        else:
            findings.append(Finding("known", ident, f"same event as {match.id} ({match.file}:{match.line})"))
            mine, theirs = e.get("status", "occurred"), match.data.get("status", "occurred")
            if mine != theirs:
                findings.append(Finding("conflict", ident, f"status {mine} here, {theirs} in {match.id}"))
            theirs_place = match.data.get("place")
            if e.get("place") and theirs_place and not _same_place(str(e["place"]), str(theirs_place), by_id):
                findings.append(Finding("conflict", ident, f"place {e['place']} here, {match.data['place']} in "
                                                           f"{match.id}"))  # fmt: skip
        for p in e.get("participants") or []:
            if isinstance(p, dict) and p.get("post") and _post_ruled_out(by_id.get(str(p.get("agent"))),
                                                                         str(p["post"]), when):  # fmt: skip
                findings.append(Finding("conflict", ident, f"{p['agent']} did not hold {p['post']} then, by the "
                                                           "positions in the data"))  # fmt: skip
    for section, kind in (("people", "person"), ("organisations", "organisation")):
        names = {normalise(n): r.id for r in records if r.kind == kind for n in _names(r)}
        for rec in draft[section]:
            label = str((rec.get("name") or {}).get("en", ""))
            hits = similar_names(normalise(label), names) if label else {}
            best = max(hits, key=lambda n: (hits[n], n)) if hits else None
            if best is not None:
                findings.append(Finding("known", str(rec.get("id")), f"{label} is {names[best]} in the data"))
            else:
                findings.append(Finding("new", str(rec.get("id")), f"new {kind} {label}"))
    for section in ("sources", "documents"):
        for rec in draft[section]:
            ident = str(rec.get("id"))
            level = "known" if ident in by_id else "new"
            findings.append(Finding(level, ident, f"{'already in the data' if level == 'known' else 'new'} "
                                                  f"{section[:-1]}"))  # fmt: skip
    order = {"conflict": 0, "known": 1, "new": 2}
    return sorted(findings, key=lambda f: (order[f.level], f.record, f.message))
