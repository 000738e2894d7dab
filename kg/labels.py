"""Labels in the reader's language: which label of a resource to show, and the fallback when it has none.

The choice is the same everywhere (tables, ``kg show``, network pages): the label in the asked
language, else English, else the label in the first language in alphabetical order; among several labels
in one language, the first in alphabetical order, so that the answer never depends on the store's order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Literal, Node

from kg.errors import UsageError, option
from kg.store import Store

LANGUAGES = ("en", "az", "ru", "uz")
FALLBACK = "en"


def check_language(lang: str) -> str:
    """The language in lower case; UsageError when it is not one the data is labelled in."""
    if lang.lower() not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}'", about=option("lang"), value=lang, allowed=LANGUAGES)
    return lang.lower()


def pick(labels: Iterable[Literal], lang: str = FALLBACK) -> Literal | None:
    """The label to show in ``lang`` (see the module's rule), or None when there is none."""
    found = list(labels)
    chosen = _choose([(str(label), label.language or "") for label in found], lang)
    return None if chosen is None else found[chosen]


def pick_text(labels: Iterable[Literal], lang: str = FALLBACK) -> str | None:
    found = pick(labels, lang)
    return None if found is None else str(found)


def pick_value(labels: Iterable[tuple[str, str]], lang: str = FALLBACK) -> str | None:
    """:func:`pick_text` of (text, language tag or "") pairs, for callers that read values, not terms."""
    found = list(labels)
    chosen = _choose(found, lang)
    return None if chosen is None else found[chosen][0]


def _choose(labels: list[tuple[str, str]], lang: str) -> int | None:
    """The index of the label to show in ``lang`` among (text, language) pairs (the module's rule)."""
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, (_, language) in enumerate(labels):
        by_lang[language.lower()].append(i)
    for want in (lang, FALLBACK):
        if want in by_lang:
            return min(by_lang[want], key=lambda i: labels[i][0])
    if not by_lang:
        return None
    return min(by_lang[min(by_lang)], key=lambda i: labels[i][0])


def _values(nodes: Iterable[str]) -> str:
    return " ".join(f"<{n}>" for n in sorted(set(nodes)) if not n.startswith(('"', "_:")))


def labels_of(store: Store, lang: str = FALLBACK, nodes: Iterable[str] | None = None) -> dict[str, str]:
    """One label (rdfs:label) per IRI — of ``nodes``, or of every labelled IRI — in ``lang`` where it has one."""
    where = "?s rdfs:label ?l FILTER(isIRI(?s))"
    if nodes is not None:
        listed = _values(nodes)
        if not listed:
            return {}
        where = f"VALUES ?s {{ {listed} }} {where}"
    grouped: dict[str, list[Literal]] = defaultdict(list)
    for row in store.select(f"SELECT DISTINCT ?s ?l WHERE {{ {where} }}"):
        label: Node = row["l"]
        if isinstance(label, Literal):
            grouped[str(row["s"])].append(label)
    return {s: pick_text(labs, lang) or "" for s, labs in grouped.items()}
