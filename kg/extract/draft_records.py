"""Extracted events (the JSON shape) as YAML records of our data format, to review and move into ``data/``.

One draft holds a ``sources`` record for the article, its ``events``, the ``documents`` signed at them,
and ``people``/``organisations`` records for those the graph lacks (proposed, with what the article says
of them in ``note``). Ids are kebab-case, made from the date, the kind and the participants' surnames, and
never collide with ``known`` ids (the curated data's, and earlier drafts'). Posts go into a participant
only when they are ids of the data; a post the text names otherwise is kept in the new person's note. The
evidence — the article's own words — is written as YAML comments above each event: a reviewer reads it,
the data never holds it (only the founding article is ours to quote). The output is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

import yaml
from unidecode import unidecode

from kg.errors import UsageError, option

HEADER = "# Draft by kg extract from {what}; review every record before moving it into data/.\n"
TITLES = {
    "meeting": "Meeting", "visit": "Visit", "state-visit": "State visit", "official-visit": "Official visit",
    "working-visit": "Working visit", "signing": "Signing", "conference": "Conference", "summit": "Summit",
    "business-forum": "Business forum", "session": "Session", "interstate-body-meeting": "Meeting",
    "opening": "Opening", "statement": "Statement", "initiative": "Initiative",
    "construction-initiative": "Construction initiative", "event": "Event", "ceremony": "Ceremony",
    "decision": "Decision", "donation": "Donation",
}  # fmt: skip


def slug(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", unidecode(text).lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "x"


def _unique(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident = f"{base}-{n}"
        n += 1
    taken.add(ident)
    return ident


def publisher_of(url: str | None) -> str | None:
    host = urlparse(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def _surname(label: str) -> str:
    return slug(label.split()[-1]) if label.split() else "x"


def _summary(events: list[dict[str, Any]]) -> str:
    """A plain factual summary in our words, made from the events (not from the article's sentences)."""
    parts = []
    for e in events:
        who = [p["label"] for p in e["participants"]][:3] or [o["label"] for o in e["organisations"]][:2]
        what = TITLES.get(e["kind"], e["kind"]).lower()
        when = e["date"] or (e["earliest"] or "")[:7] or ""
        status = "" if e["status"] == "occurred" else f" ({e['status']})"
        article_word = "an" if what[:1] in "aeiou" else "a"
        text = f"{'mentions' if e['mentioned'] else 'reports'} {article_word} {what}{status}"
        if who:
            text += " of " + ", ".join(who)
        if when:
            text += f" ({when})"
        parts.append(text)
    return ("Drafted by kg extract: " + "; ".join(parts) + ".") if parts else "Drafted by kg extract: no event found."


def to_records(result: dict[str, Any], *, source_id: str, known: Iterable[str] = (), publisher: str | None = None,
               title: str | None = None) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    """The records of one article's draft; ``known`` ids are avoided (and are what references may use)."""
    article = result["article"]
    known_ids = set(known)
    taken = set(known_ids)
    events_in = list(result["events"])
    source: dict[str, Any] = {"id": _unique(source_id, taken), "kind": "news-article"}
    if article.get("source"):
        source["url"] = article["source"]
    source["publisher"] = publisher or publisher_of(article.get("source")) or "unknown"
    source["language"] = article["language"]
    if title:
        source["title"] = title
    if article.get("published"):
        source["published"] = article["published"]
    source["summary"] = _summary(events_in)
    if source["publisher"] == "unknown":
        source["note"] = "Publisher not given to kg extract: fill it in."
    src = source["id"]
    people: dict[str, dict[str, Any]] = {}
    bodies: dict[str, dict[str, Any]] = {}
    documents: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []

    def person_ref(p: dict[str, Any]) -> str:
        if p["id"] and p["id"] in known_ids:
            return str(p["id"])
        key = p["label"]
        if key not in people:
            record: dict[str, Any] = {"id": _unique(slug(p["label"]), taken), "name": {"en": p["label"]}}
            if p.get("country"):
                record["country"] = p["country"]
            said = f"named as \u201c{p['mention']}\u201d"
            if p.get("post") and p["post"] not in known_ids:
                said += f", {p['post']}"
            record["note"] = f"Proposed by kg extract: {said}. A post that is not in data/ is not a position yet."
            record["sources"] = [src]
            people[key] = record
        return str(people[key]["id"])

    def body_ref(o: dict[str, Any]) -> str:
        if o["id"] and o["id"] in known_ids:
            return str(o["id"])
        if o["label"] not in bodies:
            bodies[o["label"]] = {"id": _unique(slug(o["label"]), taken), "kind": "organisation",
                                  "name": {"en": o["label"]}, "sources": [src],
                                  "note": f"Proposed by kg extract: named as \u201c{o['mention']}\u201d."}  # fmt: skip
        return str(bodies[o["label"]]["id"])

    for e in events_in:
        year = (e["date"] or e["earliest"] or e["latest"] or article.get("published") or "undated")[:4]
        names = "-".join(_surname(p["label"]) for p in e["participants"][:3])
        record: dict[str, Any] = {"id": _unique(slug(f"{year}-{e['kind']}-{names}".strip("-")), taken),
                                  "kind": e["kind"]}  # fmt: skip
        if e["status"] != "occurred":
            record["status"] = e["status"]
        if e["kind"] in ("meeting", "interstate-body-meeting") and e["cameo"] == "041":
            record["mode"] = "phone"
        elif any(re.search(r"video|видео|ведео", piece, re.IGNORECASE) for piece in e["evidence"]):
            record["mode"] = "video"
        who = [p["label"] for p in e["participants"]][:3]
        record["title"] = {"en": TITLES.get(e["kind"], "Event") + (" of " + ", ".join(who) if who else "")}
        for key in ("date", "earliest", "latest"):
            if e[key]:
                record[key] = e[key]
        if e["place"]:
            ref = e["place"]["id"] if e["place"]["id"] in known_ids else e["place"]["country"]
            if ref:
                record["place"] = ref
        if e["countries"]:
            record["countries"] = list(e["countries"])
        participants = []
        for p in e["participants"]:
            entry: dict[str, Any] = {"agent": person_ref(p), "role": p["role"]}
            if p.get("post") and p["post"] in known_ids:
                entry["post"] = p["post"]
            participants.append(entry)
        # bodies take part in their own name only where no person acts (a person's ministry is in the post)
        for o in e["organisations"] if not e["participants"] else []:
            ref = body_ref(o)
            if not any(x["agent"] == ref for x in participants):
                participants.append({"agent": ref, "role": "organiser" if e["kind"].endswith("initiative")
                                     else "participant"})  # fmt: skip
        if participants:
            record["participants"] = participants
        if e["sectors"]:
            record["sectors"] = list(e["sectors"])
        if e["kind"] == "signing" and e["documents"]:
            ids = []
            for d in e["documents"]:
                doc = {"id": _unique(slug(f"{year}-{d['kind']}-{names}".strip("-")), taken), "kind": d["kind"],
                       "title": {"en": d["title"]}}  # fmt: skip
                # parties the data can refer to; a party named only in words (a city) leaves the event's states
                parties = [x for x in d["parties"] if re.fullmatch(r"[A-Z]{3}", x) or x in known_ids]
                if len(parties) < len(d["parties"]) or not parties:
                    parties = sorted(set(parties) | set(e["countries"]))
                    doc["note"] = "Parties as the article names them: " + ", ".join(d["parties"]) + "."
                if parties:
                    doc["parties"] = parties
                doc["sources"] = [src]
                documents.append(doc)
                ids.append(doc["id"])
            record["documents"] = ids
        record["sources"] = [{"id": src, "speaks": "in-passing"}] if e["mentioned"] else [src]
        record["_evidence"] = list(e["evidence"])
        events.append(record)
    return {"sources": [source], "organisations": list(bodies.values()), "people": list(people.values()),
            "documents": documents, "events": events}  # fmt: skip


def to_yaml(result: dict[str, Any], *, source_id: str, known: Iterable[str] = (), publisher: str | None = None,
            title: str | None = None, what: str = "an article") -> str:  # fmt: skip
    """One YAML document in the data format, with the evidence as comments; the same input gives the same text."""
    records = to_records(result, source_id=source_id, known=known, publisher=publisher, title=title)
    out = [HEADER.format(what=what)]
    if not result["article"].get("source"):
        out.append("# No --source address was given: add the article's url to the source, or S20 rejects it.\n")
    for section in ("sources", "organisations", "people", "documents", "events"):
        items = records[section]
        if not items:
            continue
        out.append(f"{section}:\n")
        for item in items:
            evidence = item.pop("_evidence", [])
            for piece in evidence:
                out.append(f"# evidence: {' '.join(piece.split())}\n")
            dumped = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
            out.append(dumped)
    return "".join(out)


def source_id_for(url: str | None, name: str) -> str:
    """An id for the article's source: from its address when given, else from the file name."""
    if url:
        parsed = urlparse(url)
        if not parsed.scheme.startswith("http"):
            raise UsageError(f"--source {url!r} is not an http(s) address", about=option("source"), value=url)
        return slug(f"{publisher_of(url) or 'source'}-{parsed.path}", 80)
    return slug(f"draft-{name}", 80)
