"""The ICEWS Coded Event Data table, row by row.

Layout: the dataset's codebook (Boschee, Lautenschlager, O'Brien, Shellman, Starz and Ward 2015, "ICEWS
Coded Event Data", Harvard Dataverse, https://doi.org/10.7910/DVN/28075): tab-separated, a header row
naming its 20 columns — Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text,
CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID, Sentence Number, Publisher,
City, District, Province, Country, Latitude, Longitude. Columns are found by name.

``Event ID`` is unique only together with ``Event Date`` (a few ids recur on other days), so the event's
id is both (``icews-<Event ID>-<YYYYMMDD>``). Countries are written as names (``Azerbaijan``) and resolve
against our country labels. ``Intensity`` is the CAMEO code's conflict-cooperation score, kept as
``dkg:eventGoldsteinScale``. The rows carry no document address, so each event cites the dataset itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib.namespace import XSD

from kg.ingest import cameo
from kg.ingest.gdelt import BadRow, Tally
from kg.ingest.names import Names
from kg.ingest.table import Header, cell, check_width, number, records, sides
from kg.ingest.terms import Event, cameo_codes
from kg.namespaces import DKG

DATASET = "https://doi.org/10.7910/DVN/28075"  # the source every ICEWS event cites
ACTORS = (("Source Name", "Source Country"), ("Target Name", "Target Country"))


class Reader:
    """ICEWS rows into :class:`Event`; the header row says where each column is."""

    def __init__(self, names: Names, tally: Tally) -> None:
        self.names, self.tally = names, tally
        self.cameo = cameo_codes()
        self.goldstein = ox.NamedNode(str(DKG.eventGoldsteinScale))
        self.double = ox.NamedNode(str(XSD.double))
        self.header: Header | None = None

    def rows(self, lines: Iterable[str], shown: str) -> Iterator[tuple[int, list[str]]]:
        """The data rows; the first row is the header, which must name the columns read."""
        for line, fields in records(lines, "\t", quoting=False):
            if self.header is None:
                self.header = Header(fields, shown)
                h = self.header
                self.at = {n: h.column(n) for n in ("Event ID", "Event Date", "CAMEO Code")}
                self.opt = {n: h.optional(n) for n in ("Intensity", "Country", *(c for pair in ACTORS for c in pair))}
                continue
            yield line, fields

    def event(self, f: list[str], line: int) -> Event:
        assert self.header is not None
        check_width(f, self.header, line)
        at, opt = self.at, self.opt
        ident = cell(f, at["Event ID"])
        if not ident.isdigit():
            raise BadRow(line, at["Event ID"] + 1, f"Event ID {ident!r} is not a number")
        text = cell(f, at["Event Date"])
        try:
            day = _date(text)
        except ValueError:
            raise BadRow(line, at["Event Date"] + 1, f"Event Date {text!r} is not a date (YYYY-MM-DD)") from None
        written = cell(f, at["CAMEO Code"])
        code = cameo.normalise(written)
        if code != written:
            self.tally.restored_cameo[f"{written} → {code}"] += 1
        if code not in cameo.CODES:
            raise BadRow(line, at["CAMEO Code"] + 1, f"CAMEO Code {written!r} is not a CAMEO event code")
        link = next((c for c in cameo.broader(code) if c in self.cameo), None)
        if link is None:
            self.tally.unlinked_cameo[code] += 1
        elif link != code:
            self.tally.broader_cameo[f"{code} → {link}"] += 1
        pairs = [(cell(f, opt[n]), cell(f, opt[c])) for n, c in ACTORS]
        countries, agents, actors = sides(self.names, self.tally, pairs)
        place = self.names.country(cell(f, opt["Country"]))
        numbers = []
        intensity = number(f, opt["Intensity"], "Intensity", line, self.double)
        if intensity is not None:
            numbers.append((self.goldstein, intensity))
        local = f"{ident}-{day.replace('-', '')}"
        label = f"ICEWS event {ident} of {day}: CAMEO {code}"
        return Event(
            local, label, day, code, link, countries, actors, place, DATASET, numbers, agents, identifier=ident
        )


def _date(text: str) -> str:
    """``2018-03-05`` as it is; ValueError for anything else, or a day that does not exist."""
    if len(text) != 10:
        raise ValueError(text)
    return dt.date.fromisoformat(text).isoformat()
