"""Query results as text: an aligned terminal table, CSV, TSV, SPARQL JSON, or RDF for graph results.

Tables show IRIs as prefixed names and wrap long values to the terminal width; CSV is UTF-8 with a
byte-order mark and a header row, so spreadsheet programs open it with the right characters. Table, CSV
and TSV give each column of IRIs a label column beside it (``event`` and ``event_label``), so that a
spreadsheet shows names.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Sequence

import pyoxigraph as ox
from rdflib import BNode, Literal, Node, URIRef

from kg import formats
from kg.errors import UsageError, option
from kg.export import serialize
from kg.iris import shorten
from kg.queries import Result
from kg.store import to_ox

TABLE_FORMATS = ("table", "csv", "tsv", "json")
# CONSTRUCT and DESCRIBE answers are graphs: written by the one serialiser, in the formats of kg.formats
# that hold triples (the answer of a query has no named graphs to keep).
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "xml")
MIN_COLUMN = 8
WORD_CAP = 24


def cell(term: Node) -> str:
    """How a term reads in a table: IRIs as prefixed names, blank nodes as ``_:id``, literals as their text."""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _widths(natural: list[int], longest_word: list[int], total: int) -> list[int]:
    """Column widths that fit ``total`` characters (two-space gaps): each column gets at least its longest
    word (up to WORD_CAP), and what is left goes to the columns in proportion to what they still lack."""
    budget = total - 2 * (len(natural) - 1)
    if sum(natural) <= budget:
        return natural
    least = [min(n, max(w, MIN_COLUMN), WORD_CAP) for n, w in zip(natural, longest_word, strict=True)]
    spare = budget - sum(least)
    lack = [n - m for n, m in zip(natural, least, strict=True)]
    if spare <= 0 or not sum(lack):
        return least
    return [m + spare * d // sum(lack) for m, d in zip(least, lack, strict=True)]


def table(variables: Sequence[str], rows: Sequence[Sequence[str]], width: int = 100) -> str:
    """An aligned table with a header rule; long cells wrap within their column."""
    if not variables:
        return ""
    natural = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(variables)]
    words = [max([len(v), *(len(w) for r in rows for w in r[i].split())]) for i, v in enumerate(variables)]
    widths = _widths(natural, words, width)
    out = [_line(list(variables), widths), _line(["-" * w for w in widths], widths)]
    for r in rows:
        wrapped = [textwrap.wrap(c, w, break_on_hyphens=False) or [""] for c, w in zip(r, widths, strict=True)]
        for k in range(max(len(w) for w in wrapped)):
            out.append(_line([w[k] if k < len(w) else "" for w in wrapped], widths))
    return "\n".join(out) + "\n"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def label_columns(result: Result) -> list[str]:
    """The columns holding IRIs, which get a ``<name>_label`` column beside them (unless the query has one)."""
    names = set(result.variables)
    return [
        v
        for v in result.variables
        if f"{v}_label" not in names and any(isinstance(row.get(v), URIRef) for row in result.rows)
    ]


def render(result: Result, fmt: str, labels: dict[str, str], width: int = 100) -> str:
    """The result in ``fmt``: table/csv/tsv/json for SELECT and ASK, turtle/ntriples/jsonld for graphs.

    Table, CSV and TSV put a ``<name>_label`` column beside each column of IRIs, with the label of each
    IRI from ``labels`` (see :func:`kg.labels.labels_of`); JSON is standard SPARQL JSON results.
    """
    if result.form == "graph":
        return render_graph(result.triples, "turtle" if fmt == "table" else fmt)
    if fmt not in TABLE_FORMATS:
        raise UsageError(
            f"{fmt} is for CONSTRUCT and DESCRIBE results", about=option("format"), value=fmt, allowed=TABLE_FORMATS
        )
    if result.form == "ask":
        answer = bool(result.boolean)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer}) + "\n"
        if fmt in ("csv", "tsv"):
            return ("\ufeff" if fmt == "csv" else "") + ("true" if answer else "false") + "\n"
        return ("yes" if answer else "no") + "\n"
    if fmt == "json":
        bindings = [{v: _json_term(r[v]) for v in result.variables if v in r} for r in result.rows]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    labelled = set(label_columns(result))
    header = [name for v in result.variables for name in ((v, f"{v}_label") if v in labelled else (v,))]

    def cells(row: dict[str, Node], show: Callable[[Node], str], label: Callable[[str], str]) -> list[str]:
        out = []
        for v in result.variables:
            term = row.get(v)
            out.append("" if term is None else show(term))
            if v in labelled:
                out.append(label(labels.get(str(term), "")) if isinstance(term, URIRef) else "")
        return out

    if fmt == "table":
        rows = [cells(r, cell, str) for r in result.rows]
        n = len(rows)
        return table(header, rows, width) + f"({n} row{'s' if n != 1 else ''})\n"
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in header)]
        lines += ["\t".join(cells(r, lambda t: t.n3(), lambda t: Literal(t).n3() if t else "")) for r in result.rows]
        return "\n".join(lines) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(cells(r, str, str) for r in result.rows)
    return "\ufeff" + buf.getvalue()


def render_graph(triples: Sequence[tuple[Node, Node, Node]], fmt: str) -> str:
    """Triples (sorted) in one of :data:`GRAPH_FORMATS`, written as ``kg export`` writes them."""
    found = formats.named(fmt, GRAPH_FORMATS, purpose="CONSTRUCT and DESCRIBE results")
    assert found.rdf is not None  # every graph format is an RDF format
    data = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
    return serialize(data, found.rdf).decode("utf-8")
