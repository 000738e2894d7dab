"""Records of :mod:`kg.analytics` as data: flat rows (CSV, pandas), nested JSON, and pandas DataFrames.

Numbers stay exact here; only the terminal table rounds them. Ids are as ``data/`` writes them (country
codes, record slugs); JSON also gives each node's IRI.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from kg import iris
from kg.analytics.measures import Broker, Community, NodeMeasures
from kg.analytics.ties import Tie
from kg.errors import KgError

Record = NodeMeasures | Broker | Tie
SEPARATOR = "; "  # between the values of one cell of a flat row


def flat(record: Record) -> dict[str, Any]:
    """One record as a row of scalars: lists joined with "; "."""
    if isinstance(record, NodeMeasures):
        return {
            "id": record.id,
            "label": record.label,
            "group": record.group,
            "degree": record.degree,
            "weighted_degree": record.weighted_degree,
            "betweenness": record.betweenness,
            "eigenvector": record.eigenvector,
            "community": record.community,
        }
    if isinstance(record, Broker):
        return {
            "id": record.id,
            "label": record.label,
            "group": record.group,
            "score": record.score,
            "betweenness": record.betweenness,
            "degree": record.degree,
            "community": record.community,
            "links": SEPARATOR.join(str(c) for c in record.links),
        }
    return {
        "a": record.a_id,
        "a_label": record.a_label,
        "b": record.b_id,
        "b_label": record.b_label,
        "events": record.events,
        "weight": record.weight,
        "a_to_b": record.a_to_b,
        "b_to_a": record.b_to_a,
        "kinds": SEPARATOR.join(f"{k} {n}" for k, n in record.kinds),
        "first": record.first or "",
        "last": record.last or "",
        "event_ids": SEPARATOR.join(record.event_ids),
        "sources": SEPARATOR.join(iris.local_id(s) for s in record.sources),
    }


def data(record: Record) -> dict[str, Any]:
    """One record as JSON data: nodes as {iri, id, label}, lists as lists, exact numbers."""
    if isinstance(record, NodeMeasures | Broker):
        row = flat(record)
        row = {"iri": record.iri, **row}
        if isinstance(record, Broker):
            row["links"] = list(record.links)
        return row
    return {
        "a": {"iri": record.a, "id": record.a_id, "label": record.a_label},
        "b": {"iri": record.b, "id": record.b_id, "label": record.b_label},
        "events": record.events,
        "weight": record.weight,
        "a_to_b": record.a_to_b,
        "b_to_a": record.b_to_a,
        "kinds": dict(record.kinds),
        "first": record.first,
        "last": record.last,
        "event_ids": list(record.event_ids),
        "sources": [iris.local_id(s) for s in record.sources],
    }


def community_data(community: Community) -> dict[str, Any]:
    return {
        "index": community.index,
        "size": community.size,
        "members": [{"iri": iri, "id": ident, "label": label} for iri, ident, label in community.members],
    }


def to_frame(records: Sequence[Record] | Any) -> Any:
    """The records as a pandas DataFrame, one row each, the columns of :func:`flat` (numbers exact).
    Accepts a :class:`kg.analytics.measures.Centrality` (its nodes) too. KgError when pandas is missing."""
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise KgError("DataFrames need pandas, which is not installed: pip install pandas") from None
    rows = [flat(r) for r in getattr(records, "nodes", records)]
    return pandas.DataFrame(rows)
