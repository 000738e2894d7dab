"""Query answers as complete documents: SPARQL JSON, XML, CSV and TSV results, and RDF for graphs.

The endpoint cuts an answer at its row limit, so it cannot hand Oxigraph's result iterators to Oxigraph's
serialiser; these functions write the formats of the W3C recommendations from lists of Oxigraph terms
instead (a cut answer is still one whole, well-formed document). Graphs go through the project's one RDF
serialiser, :func:`kg.export.serialize`, sorted, with our prefixes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.export import serialize
from kg.formats import FORMATS

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_PLAIN = (XSD_STRING, RDF_LANG_STRING, RDF_DIR_LANG_STRING)


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
        if term.direction:
            out["its:dir"] = term.direction
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>"
        )
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value not in _PLAIN:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_field(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_field(term: Term | None) -> str:
    return "" if term is None else str(term)  # N-Triples syntax, with \t and \n escaped


def solutions(fmt: str, variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SELECT results in ``fmt`` (json, xml, csv, tsv); each row holds one term or None per variable."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        body = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            )
            + "</result>"
            for row in rows
        )
        return _xml(f"<head>{head}</head><results>{body}</results>")
    if fmt == "csv":
        lines = [",".join(variables)]  # variable names hold no comma or quote
        lines += [",".join(_csv_field(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(_tsv_field(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"not a results format: {fmt}")


def boolean(fmt: str, value: bool) -> bytes:
    """An ASK answer in ``fmt`` (json, xml; csv and tsv hold the bare word, as Oxigraph writes it)."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return _xml(f"<head/><boolean>{word}</boolean>")
    if fmt in ("csv", "tsv"):
        return (word + ("\r\n" if fmt == "csv" else "\n")).encode("utf-8")
    raise ValueError(f"not a results format: {fmt}")


def _xml(inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{_RESULTS_NS}">{inner}</sparql>\n'.encode()


def _key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def graph(fmt: str, triples: Sequence[ox.Triple]) -> bytes:
    """A graph in one of the RDF formats of :mod:`kg.formats` (sorted, so the same answer gives the same
    bytes); dataset formats (N-Quads, TriG) hold it as their default graph."""
    rdf = FORMATS[fmt].rdf
    assert rdf is not None  # every graph format is an RDF format
    ordered = sorted(triples, key=_key)
    if rdf.supports_datasets and rdf != ox.RdfFormat.JSON_LD:
        return serialize([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ordered], rdf)
    return serialize(ordered, rdf)
