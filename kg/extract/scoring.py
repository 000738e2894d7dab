"""Drafts scored against gold events (tests/fixtures/extraction/README.md says what is right).

Events are aligned one to one, greedily: every predicted–gold pair gets a similarity (same kind 3, same
kind family 1; dates that agree 2; each shared participant or body 1; a shared evidence word 0.1 each, at
most 1), pairs below 1 are never aligned, and the best remaining pair is taken first (ties in text order).
Then, over the aligned and the unaligned:

* ``events``: a predicted event is right (tp) when its kind, its status and its date agree with the gold
  one it is aligned to; otherwise it counts once as fp and its gold once as fn.
* ``dates``: over dated events (gold with a date or bounds, predicted likewise): right when they agree.
  A gold day needs that day; gold bounds are met by a day or bounds inside them (narrower is right, as the
  README says); a gold event with no date is met only by a prediction with none.
* ``places``, ``status``: over aligned pairs (and each unaligned event with a place: fp or fn).
* ``participants`` and ``documents``: per aligned pair, as sets (a participant by id, or by its
  case-folded label when the gold id is null; a document by kind and sorted parties); those of unaligned
  events are all fp or fn.

Precision and recall are 1.0 when there is nothing to find and nothing was found (0/0).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kg.errors import UsageError
from kg.vocab import vocabulary

METRICS = ("events", "dates", "places", "participants", "documents", "status")


@functools.cache
def family(kind: str) -> str:
    """The broadest kind of the ontology above ``kind`` (below diplomatic event): state-visit → visit,
    summit → conference, interstate-body-meeting → meeting; a kind the ontology lacks is its own."""
    vocab = vocabulary()
    try:
        k = vocab.event_kind(kind)
    except UsageError:
        return kind
    root = vocab.event_kind("event").cls
    above = [a for a in (vocab.kind_of_class(str(c)) for c in k.superclasses if c != root) if a is not None]
    broadest = [a for a in above if not any(o is not a and o.cls in a.superclasses for o in above)]
    return min(a.id for a in broadest) if broadest else kind


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return 1.0 if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        return 1.0 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


Event = dict[str, Any]


def _bounds(e: Event) -> tuple[str | None, str | None]:
    if e.get("date"):
        return e["date"], e["date"]
    return e.get("earliest"), e.get("latest")


def _dated(e: Event) -> bool:
    return any(_bounds(e))


def date_agrees(predicted: Event, gold: Event) -> bool:
    """The predicted date meets the gold one at the gold precision (see the module's doc)."""
    g_lo, g_hi = _bounds(gold)
    p_lo, p_hi = _bounds(predicted)
    if g_lo is None and g_hi is None:
        return p_lo is None and p_hi is None
    if gold.get("date"):
        return bool(predicted.get("date") == gold["date"])
    if p_lo is None and p_hi is None:
        return False
    # an open gold end admits anything on that side; a predicted open end must be open in the gold too
    low_ok = g_lo is None or (p_lo is not None and p_lo >= g_lo)
    high_ok = g_hi is None or (p_hi is not None and p_hi <= g_hi)
    return low_ok and high_ok


def _people(e: Event) -> set[str]:
    return {p["id"] or f"label:{p['label'].casefold()}" for p in e.get("participants", [])}


def _bodies(e: Event) -> set[str]:
    return {o["id"] or f"label:{o['label'].casefold()}" for o in e.get("organisations", [])}


def _words(e: Event) -> set[str]:
    return {w for piece in e.get("evidence", []) for w in re.findall(r"\w{4,}", piece.casefold())}


def _place_key(place: dict[str, Any] | None) -> str | None:
    if place is None:
        return None
    return place["id"] or f"{str(place['label']).casefold()}|{place.get('country')}"


def _documents(e: Event) -> list[str]:
    return sorted(f"{d['kind']}|{','.join(sorted(d.get('parties', [])))}" for d in e.get("documents", []))


def similarity(p: Event, g: Event) -> float:
    score = 3.0 if p["kind"] == g["kind"] else 1.0 if family(p["kind"]) == family(g["kind"]) else 0.0
    score += 2.0 if date_agrees(p, g) else 0.0
    score += len((_people(p) & _people(g)) | (_bodies(p) & _bodies(g)))
    score += min(1.0, 0.1 * len(_words(p) & _words(g)))
    return score


def match_events(predicted: list[Event], gold: list[Event]) -> list[tuple[Event | None, Event | None]]:
    """One-to-one alignment, greedy on :func:`similarity`; unaligned events are paired with None."""
    pairs = sorted(
        ((-similarity(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[Event | None, Event | None]] = []
    for neg, i, j in pairs:
        if -neg < 1.0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((predicted[i], gold[j]))
    out += [(p, None) for i, p in enumerate(predicted) if i not in used_p]
    out += [(None, g) for j, g in enumerate(gold) if j not in used_g]
    return out


def _sets(found: Iterable[str], wanted: Iterable[str]) -> Counts:
    a, b = list(found), list(wanted)
    common = sum(min(a.count(x), b.count(x)) for x in set(a))
    return Counts(common, len(a) - common, len(b) - common)


def score_events(predicted: list[Event], gold: list[Event]) -> dict[str, Counts]:
    """The counts of one article's events."""
    out = dict.fromkeys(METRICS, Counts())
    for p, g in match_events(predicted, gold):
        if p is not None and g is not None:
            right = p["kind"] == g["kind"] and p["status"] == g["status"] and date_agrees(p, g)
            out["events"] += Counts(1, 0, 0) if right else Counts(0, 1, 1)
            if _dated(p) or _dated(g):
                ok = date_agrees(p, g)
                out["dates"] += Counts(1, 0, 0) if ok else Counts(0, int(_dated(p)), int(_dated(g)))
            pk, gk = _place_key(p.get("place")), _place_key(g.get("place"))
            if pk is not None or gk is not None:
                out["places"] += Counts(1, 0, 0) if pk == gk else Counts(0, int(pk is not None), int(gk is not None))
            out["status"] += Counts(1, 0, 0) if p["status"] == g["status"] else Counts(0, 1, 1)
            out["participants"] += _sets(_people(p), _people(g))
            out["documents"] += _sets(_documents(p), _documents(g))
        elif p is not None:
            out["events"] += Counts(0, 1, 0)
            out["dates"] += Counts(0, int(_dated(p)), 0)
            out["places"] += Counts(0, int(p.get("place") is not None), 0)
            out["status"] += Counts(0, 1, 0)
            out["participants"] += Counts(0, len(_people(p)), 0)
            out["documents"] += Counts(0, len(_documents(p)), 0)
        elif g is not None:
            out["events"] += Counts(0, 0, 1)
            out["dates"] += Counts(0, 0, int(_dated(g)))
            out["places"] += Counts(0, 0, int(g.get("place") is not None))
            out["status"] += Counts(0, 0, 1)
            out["participants"] += Counts(0, 0, len(_people(g)))
            out["documents"] += Counts(0, 0, len(_documents(g)))
    return out


def score_article(predicted: dict[str, Any], gold: dict[str, Any]) -> dict[str, Counts]:
    return score_events(list(predicted["events"]), list(gold["events"]))


def score_all(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Counts]:
    total = dict.fromkeys(METRICS, Counts())
    for predicted, gold in pairs:
        for key, counts in score_article(predicted, gold).items():
            total[key] += counts
    return total


def precision_at(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]],
                 thresholds: Iterable[float] = (0.0, 0.5, 0.7, 0.9)) -> list[tuple[float, Counts]]:  # fmt: skip
    """Event counts when only predictions with confidence ≥ t are kept."""
    pairs = list(pairs)
    out = []
    for t in thresholds:
        kept = [({**p, "events": [e for e in p["events"] if e["confidence"] >= t]}, g) for p, g in pairs]
        out.append((t, score_all(kept)["events"]))
    return out
