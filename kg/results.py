"""Query results as text: an aligned terminal table, CSV, TSV, SPARQL JSON, or RDF for graph results.

Tables show ``label (prefixed:name)`` for IRIs and wrap long values to the terminal width; CSV is UTF-8
with a byte-order mark and a header row, so spreadsheet programs open it with the right characters.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib import BNode, Literal, Node, URIRef

from kg.errors import UsageError
from kg.export import jsonld
from kg.iris import shorten
from kg.namespaces import PREFIXES
from kg.queries import Result
from kg.store import to_ox

TABLE_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
MIN_COLUMN = 8
WORD_CAP = 24


def cell(term: Node | None, labels: dict[str, str]) -> str:
    """How a term reads in a table: ``label (prefixed:name)`` for IRIs, the text of literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        short = shorten(str(term))
        label = labels.get(str(term))
        return f"{label} ({short})" if label else short
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


def render(result: Result, fmt: str, labels: dict[str, str], width: int = 100) -> str:
    """The result in ``fmt``: table/csv/tsv/json for SELECT and ASK, turtle/ntriples/jsonld for graphs."""
    if result.form == "graph":
        return render_graph(result.triples, "turtle" if fmt == "table" else fmt)
    if fmt not in TABLE_FORMATS:
        kinds = ", ".join(TABLE_FORMATS)
        raise UsageError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; use one of {kinds}")
    if result.form == "ask":
        answer = bool(result.boolean)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer}) + "\n"
        if fmt in ("csv", "tsv"):
            return ("\ufeff" if fmt == "csv" else "") + ("true" if answer else "false") + "\n"
        return ("yes" if answer else "no") + "\n"
    variables = result.variables
    if fmt == "table":
        rows = [[cell(r.get(v), labels) for v in variables] for r in result.rows]
        n = len(rows)
        return table(variables, rows, width) + f"({n} row{'s' if n != 1 else ''})\n"
    if fmt == "json":
        bindings = [{v: _json_term(r[v]) for v in variables if v in r} for r in result.rows]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(r[v].n3() if v in r else "" for v in variables) for r in result.rows]
        return "\n".join(lines) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([str(r[v]) if v in r else "" for v in variables] for r in result.rows)
    return "\ufeff" + buf.getvalue()


def render_graph(triples: Sequence[tuple[Node, Node, Node]], fmt: str) -> str:
    """Triples as Turtle (with our prefixes), N-Triples or JSON-LD, in a stable order."""
    if fmt not in GRAPH_FORMATS:
        raise UsageError(
            f"--format {fmt} is not for CONSTRUCT and DESCRIBE queries; use one of {', '.join(GRAPH_FORMATS)}"
        )
    data = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
    if fmt == "jsonld":
        return jsonld(data)
    prefixes = PREFIXES if fmt == "turtle" else None
    return (ox.serialize(data, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b"").decode("utf-8")
