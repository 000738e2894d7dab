"""Why an answer is empty, when the cause is likely: no records, a time window no event falls in, or
terms of the aligned vocabularies asked without entailment. Each hint names the input that would help
(``about``), for the front end to render."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Node

from kg import dates
from kg.errors import Input, option
from kg.events import empty_window
from kg.iris import shorten
from kg.namespaces import GRAPH_COUNTRIES, GRAPH_ONTOLOGY, PREFIXES
from kg.store import Store
from kg.terms import is_date


@dataclass(frozen=True)
class Hint:
    """Why an answer is likely empty; ``about`` and ``value`` name the input that would change it."""

    message: str
    about: Input | None = None
    value: str | None = None


_RECORDS = f"""ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN (<{GRAPH_ONTOLOGY}>, <{GRAPH_COUNTRIES}>)) }}"""


_ALIGNED = """SELECT DISTINCT ?t WHERE {{ VALUES ?t {{ {} }} ?x rdfs:subClassOf|rdfs:subPropertyOf ?t
    FILTER NOT EXISTS {{ ?s ?t ?o }} FILTER NOT EXISTS {{ ?s a ?t }} }}"""


def explain_empty(store: Store, text: str, bindings: dict[str, Node], reasoning: str = "none") -> Hint | None:
    """The likely reason an answer is empty, when there is one: no records at all, a time window in which
    no event falls, or terms of the aligned vocabularies (schema.org, ORG, PROV, SEM…) asked without entailment."""
    if not bool(store.query(_RECORDS)):
        return Hint("the data holds no records", about=option("data"))
    window = [str(v) for v in bindings.values() if is_date(v)]
    if window:  # the widest window the dates given span: a likely cause only if even it holds no event
        hint = _empty_window(store, min(window, key=dates.first_day), max(window, key=dates.last_day))
        if hint:
            return hint
    if reasoning == "none":
        terms = _aligned_terms(store, text)
        if terms:
            return Hint(
                f"the query asks in terms the data never states itself ({', '.join(terms)}); "
                "RDFS entailment derives them from the ontology's alignments",
                about=option("reasoning"),
                value="rdfs",
            )
    return None


def _empty_window(store: Store, start: str, end: str) -> Hint | None:
    reason = empty_window(store, start, end)
    return Hint(reason) if reason else None


_IRI = re.compile(r"<([^<>\s]+)>")


_NAME = re.compile(r"(?<![\w?$:.<>-])([A-Za-z][\w.-]*)?:([A-Za-z_][\w.-]*)")


def _aligned_terms(store: Store, text: str) -> list[str]:
    """The terms of the query the data never states directly but the ontology aligns its own terms with."""
    blank = re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*", " ", text)
    declared = dict(re.findall(r"\bPREFIX\s+([\w.-]*):\s*<([^>]*)>", blank, re.IGNORECASE))
    names = {**PREFIXES, **declared}
    found = set(_IRI.findall(blank))
    found |= {
        names[p or ""] + local for p, local in _NAME.findall(re.sub(r"<[^<>\s]*>", " ", blank)) if (p or "") in names
    }
    listed = " ".join(f"<{t}>" for t in sorted(found) if _IRI_CHARS.match(t))
    if not listed:
        return []
    return sorted(shorten(str(row["t"])) for row in store.select(_ALIGNED.format(listed)))


_IRI_CHARS = re.compile(r"^[^\s<>\"{}|^`\\]+$")
