"""The POLECAT event table (PLOVER-coded), row by row.

Layout: the POLECAT dataset and its codebook (Halterman, Bagozzi, Beger, Schrodt and Scarborough 2023,
"PLOVER and POLECAT: A New Political Event Ontology and Dataset"; data on Harvard Dataverse,
https://doi.org/10.7910/DVN/AJGVIT; event types, modes and contexts from the PLOVER manual,
https://github.com/openeventdata/PLOVER): tab-separated with a header row. The columns read, found by name:
Event ID, Event Date, Event Type (the PLOVER category), Event Mode, Contexts, Event Intensity, Actor Name,
Actor Country, Recipient Name, Recipient Country, Country (of the event); the others are left alone.

The type links to our PLOVER concept (``dkg:plover``), and a CONSULT mode our vocabulary has (visit, host,
third-party, multilateral, phone) to that mode's concept too; the type, mode and each context are kept as
written (``dkg:eventCode``, ``dkg:eventMode``, ``dkg:eventContext``; contexts are separated by ``;`` or ``,``).
PLOVER 1.0 names the category our vocabulary calls DEMAND ``REQUEST``: it links to plover:DEMAND.
Country columns hold alpha-3 codes or names. The rows carry no document address, so each event cites the
dataset itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import XSD

from kg import iris
from kg.ingest.gdelt import BadRow, Tally
from kg.ingest.names import Names
from kg.ingest.table import Header, cell, check_width, number, records, sides
from kg.ingest.terms import Event
from kg.namespaces import DKG
from kg.resources import ontology_files

DATASET = "https://doi.org/10.7910/DVN/AJGVIT"  # the source every POLECAT event cites
ALIASES = {"REQUEST": "DEMAND"}
ACTORS = (("Actor Name", "Actor Country"), ("Recipient Name", "Recipient Country"))
OPTIONAL = ("Event Mode", "Contexts", "Event Intensity", "Country", *(c for pair in ACTORS for c in pair))
_SPLIT = re.compile(r"\s*[;,]\s*")


@lru_cache(maxsize=1)
def plover_concepts() -> frozenset[str]:
    """The local ids of our PLOVER concepts: the categories (CONSULT) and CONSULT modes (CONSULT-visit)."""
    scheme = str(iris.mint("plover", "")).rstrip("/")
    in_scheme = "http://www.w3.org/2004/02/skos/core#inScheme"
    return frozenset(
        t.subject.value.removeprefix(scheme + "/")
        for t in ox.parse(path=ontology_files()[1])
        if t.predicate.value == in_scheme and t.object.value == scheme
    )


class Reader:
    """POLECAT rows into :class:`Event`; the header row says where each column is."""

    def __init__(self, names: Names, tally: Tally) -> None:
        self.names, self.tally = names, tally
        self.concepts = plover_concepts()
        self.types = sorted(c for c in self.concepts if "-" not in c)
        self.intensity = ox.NamedNode(str(DKG.eventIntensity))
        self.mode = ox.NamedNode(str(DKG.eventMode))
        self.context = ox.NamedNode(str(DKG.eventContext))
        self.double = ox.NamedNode(str(XSD.double))
        self.header: Header | None = None

    def rows(self, lines: Iterable[str], shown: str) -> Iterator[tuple[int, list[str]]]:
        for line, fields in records(lines, "\t", quoting=False):
            if self.header is None:
                self.header = h = Header(fields, shown)
                self.at = {n: h.column(n) for n in ("Event ID", "Event Date", "Event Type")}
                self.opt = {n: h.optional(n) for n in OPTIONAL}
                continue
            yield line, fields

    def event(self, f: list[str], line: int) -> Event:
        assert self.header is not None
        check_width(f, self.header, line)
        at, opt = self.at, self.opt
        ident = cell(f, at["Event ID"])
        local = iris_part(ident)
        if not local:
            raise BadRow(line, at["Event ID"] + 1, f"Event ID {ident!r} has no letter or digit")
        text = cell(f, at["Event Date"])
        try:
            day = dt.date.fromisoformat(text[:10]).isoformat() if len(text) in (8, 10) else ""
        except ValueError:
            day = ""
        if not day:
            raise BadRow(line, at["Event Date"] + 1, f"Event Date {text!r} is not a date (YYYY-MM-DD)")
        code = cell(f, at["Event Type"])
        category = ALIASES.get(code.upper(), code.upper())
        if category not in self.types:
            raise BadRow(
                line, at["Event Type"] + 1, f"Event Type {code!r} is not a PLOVER category ({', '.join(self.types)})"
            )
        plover = [category]
        mode = cell(f, opt["Event Mode"])
        if mode and f"{category}-{mode.lower()}" in self.concepts:
            plover.append(f"{category}-{mode.lower()}")
        numbers: list[tuple[ox.NamedNode, ox.Literal]] = []
        if mode:
            numbers.append((self.mode, ox.Literal(mode)))
        numbers += [(self.context, ox.Literal(c)) for c in _SPLIT.split(cell(f, opt["Contexts"])) if c]
        intensity = number(f, opt["Event Intensity"], "Event Intensity", line, self.double)
        if intensity is not None:
            numbers.append((self.intensity, intensity))
        pairs = [(cell(f, opt[n]), cell(f, opt[c])) for n, c in ACTORS]
        countries, agents, actors = sides(self.names, self.tally, pairs)
        place = self.names.country(cell(f, opt["Country"]))
        label = f"POLECAT event {ident}: PLOVER {code}"
        return Event(
            local, label, day, code, None, countries, actors, place, DATASET, numbers, agents, plover, identifier=ident
        )


def iris_part(text: str) -> str:
    """An identifier as a part of our ids: its letters and digits, lower-cased, joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
