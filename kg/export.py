"""``kg export``: the graph in any RDF format, or one CSV row per event (in the spirit of GDELT/ICEWS).

Turtle, N-Triples and RDF/XML hold the union of all graphs; TriG, N-Quads and JSON-LD keep one named
graph per source. JSON-LD carries an inline ``@context`` with our prefixes (nothing remote). Every format
is written from sorted statements, so the same data gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from kg import formats, iris
from kg.formats import Format
from kg.iris import local_id
from kg.namespaces import GRAPH_CATALOGUE, PREFIXES
from kg.store import Store
from kg.vocab import vocabulary

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


def export(store: Store, fmt: str | Format) -> bytes:
    """The whole graph in a format of :data:`kg.formats.FORMATS` (by name or Format): the one serialiser,
    used by ``kg build`` and ``kg export`` alike."""
    found = fmt if isinstance(fmt, Format) else formats.named(fmt)
    if found.rdf is None:
        return events_csv(store).encode("utf-8")
    data: Sequence[ox.Quad | ox.Triple] = store.sorted_quads() if found.keeps_graphs else store.union_triples()
    return serialize(data, found.rdf)


def serialize(data: Sequence[ox.Quad | ox.Triple], rdf: ox.RdfFormat) -> bytes:
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


def jsonld(data: Sequence[ox.Quad | ox.Triple]) -> str:
    """JSON-LD with an inline context of our prefixes; named graphs are kept for quads."""
    expanded = json.loads(ox.serialize(data, format=ox.RdfFormat.JSON_LD))  # type: ignore[arg-type]
    context = {p: ns for p, ns in sorted(PREFIXES.items()) if p}
    doc = {"@context": context, "@graph": _compact(expanded)}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# --- CSV: one row per event
_EVENT_FIELDS = """
SELECT ?e ?p ?o WHERE {
  ?e a dkg:DiplomaticEvent ; ?p ?o .
  FILTER(?p IN (rdf:type, dkg:cameo, dkg:startDate, dkg:endDate, dkg:earliestDate, dkg:latestDate,
                dkg:location, dkg:involvesCountry))
}"""
_EVENT_TITLES = """
SELECT ?e ?title WHERE { ?e a dkg:DiplomaticEvent ; rdfs:label ?title FILTER(LANGMATCHES(LANG(?title), "en")) }"""
_PARTICIPANTS = """
SELECT ?e ?agent ?role WHERE {
  ?e a dkg:DiplomaticEvent ; dkg:qualifiedParticipation ?q . ?q dkg:agent ?agent ; dkg:role ?role .
}"""
_SOURCES = f"""
SELECT ?e ?source WHERE {{ GRAPH <{GRAPH_CATALOGUE}> {{ ?e dcterms:source ?source }} ?e a dkg:DiplomaticEvent }}"""
_PROPERTY_COLUMN = {
    "cameo": "cameo",
    "startDate": "start",
    "endDate": "end",
    "earliestDate": "earliest",
    "latestDate": "latest",
    "location": "place",
    "involvesCountry": "countries",
}


def event_rows(store: Store) -> list[dict[str, str]]:
    """One dict per event with the CSV columns; several values in a cell are joined with '; '."""
    cells: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(_EVENT_FIELDS):
        e, prop, value = str(r["e"]), str(r["p"]), str(r["o"])
        if prop.endswith("#type"):
            cells[e]["types"].add(value)
            continue
        column = _PROPERTY_COLUMN[prop.rsplit("#", 1)[1]]
        cells[e][column].add(
            value.rsplit("/", 1)[1]
            if column in ("cameo", "countries")
            else local_id(value)
            if column == "place"
            else value
        )
    for r in store.select(_EVENT_TITLES):
        cells[str(r["e"])]["title"].add(str(r["title"]))
    for r in store.select(_PARTICIPANTS):
        cells[str(r["e"])]["participants"].add(f"{local_id(str(r['agent']))} ({local_id(str(r['role']))})")
    for r in store.select(_SOURCES):
        cells[str(r["e"])]["sources"].add(local_id(str(r["source"])))
    rows = []
    for e, values in cells.items():
        types = values.pop("types", set())
        values["kind"] = {k.id for k in vocabulary().most_specific(types)}
        row = {c: "; ".join(sorted(values.get(c, set()))) for c in CSV_COLUMNS}
        row["id"] = local_id(e)
        rows.append(row)
    return sorted(rows, key=lambda r: (r["start"] or r["earliest"], r["id"]))


def events_csv(store: Store) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(event_rows(store))
    return "\ufeff" + buf.getvalue()
