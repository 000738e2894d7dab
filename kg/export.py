"""``kg export``: the graph in any RDF format, or one CSV row per event (in the spirit of GDELT/ICEWS).

Turtle, N-Triples and RDF/XML hold the union of all graphs; TriG, N-Quads and JSON-LD keep one named
graph per source. JSON-LD carries an inline ``@context`` with our prefixes (nothing remote). Every format
is written from sorted statements, so the same data gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg import formats, iris
from kg.errors import UsageError, option
from kg.filters import NO_FILTERS, Filters, kept_events
from kg.formats import Format
from kg.iris import local_id
from kg.namespaces import PREFIXES
from kg.store import Store

CSV_COLUMNS = (
    "id",
    "title",
    "kind",
    "cameo",
    "start",
    "end",
    "earliest",
    "latest",
    "place",
    "participants",
    "countries",
    "sources",
)
_PREFIXED_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML)


def export(store: Store, fmt: str | Format, filters: Filters = NO_FILTERS) -> bytes:
    """The whole graph in a format of :data:`kg.formats.FORMATS` (by name or Format): the one serialiser,
    used by ``kg build`` and ``kg export`` alike. ``filters`` choose the rows of the CSV event table; an RDF
    export always holds the whole graph."""
    found = fmt if isinstance(fmt, Format) else formats.named(fmt)
    if found.network:  # a network view, in the actors view (kg.graph_export.export_network chooses others)
        from kg.graph_export import export_network

        return export_network(store, found, filters=filters)
    if found.rdf is None:
        return events_csv(store, filters).encode("utf-8")
    if not filters.empty:
        raise UsageError(
            "the event filters choose rows of the CSV event table; an RDF export holds the whole graph "
            "(select a part of it with kg query and a CONSTRUCT query)",
            about=option("format"),
            value=found.name,
        )
    if found.rdf == ox.RdfFormat.N_TRIPLES:
        return store.union_ntriples()
    if found.rdf == ox.RdfFormat.N_QUADS:
        return store.sorted_nquads()
    # The statements sorted by the engine as N-Triples/N-Quads lines and read back in that order: no sort
    # of Python objects (the same order and bytes as sorting them, a fifth of the time at a million)
    if found.keeps_graphs:
        data = ox.parse(store.sorted_nquads(), ox.RdfFormat.N_QUADS)
    else:
        data = ox.parse(store.union_ntriples(), ox.RdfFormat.N_TRIPLES)
    return serialize(data, found.rdf)


def serialize(data: Iterable[ox.Quad | ox.Triple], rdf: ox.RdfFormat) -> bytes:
    """Sorted statements in an RDF format, with our prefixes where the format has them."""
    if rdf == ox.RdfFormat.JSON_LD:
        return jsonld(data).encode("utf-8")
    prefixes = PREFIXES if rdf in _PREFIXED_FORMATS else None
    return ox.serialize(data, format=rdf, prefixes=prefixes) or b""  # type: ignore[arg-type]


# --- JSON-LD: Oxigraph writes expanded JSON-LD; we compact IRIs with our prefixes and add the context.
def _compact(node: Any) -> Any:
    if isinstance(node, list):
        return [_compact(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("@id", "@type") and isinstance(value, str):
            out[key] = _curie(value)
        elif key == "@type" and isinstance(value, list):
            out[key] = [_curie(v) for v in value]
        elif key.startswith("@"):
            out[key] = _compact(value)
        else:
            out[_curie(key)] = _compact(value)
    return out


def _curie(iri: str) -> str:
    return iri if iri.startswith("_:") else iris.compact(iri)


def jsonld(data: Iterable[ox.Quad | ox.Triple]) -> str:
    """JSON-LD with an inline context of our prefixes; named graphs are kept for quads."""
    expanded = json.loads(ox.serialize(data, format=ox.RdfFormat.JSON_LD))  # type: ignore[arg-type]
    context = {p: ns for p, ns in sorted(PREFIXES.items()) if p}
    doc = {"@context": context, "@graph": _compact(expanded)}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# --- CSV: one row per event, from the typed event records every view shares
def event_rows(store: Store, filters: Filters = NO_FILTERS) -> list[dict[str, str]]:
    """One dict per event the filters keep (:mod:`kg.filters`), with the CSV columns; several values in a
    cell are joined with '; '. Dates are
    as the graph gives them: an open bound or an undated event leaves its cells empty; ``place`` is a
    place id, or a country code for a place known only as a country."""
    rows = []
    for ev in kept_events(store, filters.checked(store)).values():
        english = [lab for lab in ev.labels if (lab.language or "").lower() == "en"]
        cells = {
            "id": [ev.id],
            "title": [str(lab) for lab in english],
            "kind": list(ev.kinds),
            "cameo": list(ev.cameo),
            "start": list(ev.starts),
            "end": list(ev.ends),
            "earliest": list(ev.earliest),
            "latest": list(ev.latest),
            "place": [local_id(p) for p in ev.places],
            "participants": [f"{local_id(p.agent)} ({p.role})" for p in ev.participants],
            "countries": [local_id(c) for c in ev.countries],
            "sources": [local_id(s) for s in ev.sources],
        }
        rows.append({c: "; ".join(sorted(set(cells[c]))) for c in CSV_COLUMNS})
    # in time order by the first date given; undated events (every date cell empty) last
    return sorted(rows, key=lambda r: (r["start"] or r["earliest"] or r["latest"] or "~", r["id"]))


def events_csv(store: Store, filters: Filters = NO_FILTERS) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(event_rows(store, filters))
    return "\ufeff" + buf.getvalue()
