"""The GDELT 2.0 Event table (``*.export.CSV``) and Mentions table (``*.mentions.CSV``), row by row.

Layout: the GDELT 2.0 Event Database codebook (GDELT Project, 2015; Leetaru and Schrodt, 2013): 61
tab-separated columns, no header, no quoting. ``Actor*CountryCode`` are CAMEO country codes (ISO alpha-3
for countries); ``ActionGeo_CountryCode`` is FIPS 10-4 (:mod:`kg.ingest.fips`). Mentions: 16 columns,
GLOBALEVENTID first and MentionIdentifier (the document's address for web mentions) sixth.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox
from rdflib.namespace import XSD

from kg import iris
from kg.ingest import cameo as cameo_table
from kg.ingest.fips import fips_to_alpha3
from kg.ingest.names import Names
from kg.ingest.terms import Event, cameo_codes, country_codes
from kg.namespaces import DKG

COLUMNS = 61
MENTION_COLUMNS = 16
ID, SQLDATE = 0, 1
ACTORS = ((5, 6, 7), (15, 16, 17))  # (code, name, country code) of Actor1 and Actor2
EVENT_CODE, BASE_CODE, ROOT_CODE = 26, 27, 28
NUMBERS = (
    (30, DKG.eventGoldsteinScale, XSD.double),
    (31, DKG.mentionCount, XSD.integer),
    (32, DKG.sourceCount, XSD.integer),
    (33, DKG.articleCount, XSD.integer),
    (34, DKG.averageTone, XSD.double),
)
ACTION_GEO_COUNTRY = 53
SOURCE_URL = 60
NAMES = {
    ID: "GLOBALEVENTID",
    SQLDATE: "SQLDATE",
    EVENT_CODE: "EventCode",
    30: "GoldsteinScale",
    31: "NumMentions",
    32: "NumSources",
    33: "NumArticles",
    34: "AvgTone",
    SOURCE_URL: "SOURCEURL",
}
_INTEGER = re.compile(r"-?[0-9]+")
_INTEGER_COLUMNS = frozenset(i for i, _, t in NUMBERS if t == XSD.integer)


class BadRow(Exception):
    """A row that cannot be imported: where (1-based line and column) and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line, self.column, self.message = line, column, message
        super().__init__(f"line {line}, column {column}: {message}")

    def __reduce__(self) -> tuple[type[BadRow], tuple[int, int, str]]:  # sent back from import workers
        return (BadRow, (self.line, self.column, self.message))


@dataclass
class Tally:
    """What the import matched and what it could not, for the report."""

    actor_countries: Counter[str] = field(default_factory=Counter)  # "USA" → rows
    unmatched_actors: Counter[str] = field(default_factory=Counter)  # "CVL NEIGHBORHOOD" → rows
    unmatched_places: Counter[str] = field(default_factory=Counter)  # FIPS code → rows
    broader_cameo: Counter[str] = field(default_factory=Counter)  # "0841 → 084"
    unlinked_cameo: Counter[str] = field(default_factory=Counter)  # codes no concept of ours covers
    restored_cameo: Counter[str] = field(default_factory=Counter)  # "43 → 043": a leading zero put back


class Reader:
    """Turns GDELT rows into :class:`Event`; lookups made once."""

    def __init__(self, names: Names | None = None) -> None:
        self.names = names  # our people, organisations and countries by name (--data), else None
        self.countries = country_codes()
        self.cameo = cameo_codes()
        self.fips = fips_to_alpha3()
        self.dates: dict[str, str] = {}
        self.literals: dict[tuple[str, int], ox.Literal] = {}  # number literals, reused across rows
        self.tally = Tally()
        self.numbers = [(i, ox.NamedNode(str(p)), ox.NamedNode(str(t)), t == XSD.integer) for i, p, t in NUMBERS]
        self._dtypes = {i: dtype for i, _, dtype, _ in self.numbers}

    def _date(self, text: str, line: int) -> str:
        found = self.dates.get(text)
        if found is None:
            try:
                if len(text) != 8 or not text.isdigit():
                    raise ValueError
                found = date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
            except ValueError:
                raise BadRow(line, SQLDATE + 1, f"SQLDATE {text!r} is not a date (YYYYMMDD)") from None
            self.dates[text] = found
        return found

    def _cameo(self, f: list[str], line: int) -> tuple[str, str | None]:
        code = f[EVENT_CODE]
        if code not in cameo_table.CODES:
            raise BadRow(line, EVENT_CODE + 1, f"EventCode {code!r} is not a CAMEO event code")
        for candidate in (code, f[BASE_CODE], f[ROOT_CODE]):  # the most specific concept of ours
            if candidate in self.cameo:
                if candidate != code:
                    self.tally.broader_cameo[f"{code} → {candidate}"] += 1
                return code, candidate
        self.tally.unlinked_cameo[code] += 1
        return code, None

    def event(self, f: list[str], line: int) -> Event:
        if len(f) < COLUMNS:
            raise BadRow(
                line, len(f), f"has {len(f)} columns; a GDELT 2.0 event row has {COLUMNS} (is it an export.CSV?)"
            )
        ident = f[ID]
        if not ident.isdigit():
            raise BadRow(line, ID + 1, f"GLOBALEVENTID {ident!r} is not a number")
        day = self._date(f[SQLDATE], line)
        code, cameo = self._cameo(f, line)
        url = f[SOURCE_URL].strip()
        if not url.startswith(("http://", "https://")):
            raise BadRow(line, SOURCE_URL + 1, f"SOURCEURL {url!r} is not an http(s) address")
        event = self.actors_and_place(f, code, cameo)
        event.ident, event.label, event.date, event.source_url = ident, f"GDELT event {ident}: CAMEO {code}", day, url
        for i, prop, _dtype, _integer in self.numbers:
            if f[i]:
                event.numbers.append((prop, self.number(i, f[i], line)))
        return event

    def actors_and_place(self, f: list[str], code: str, cameo: str | None) -> Event:
        """The event of a row's coded columns alone (actors, CAMEO, place); id, date and source left empty."""
        countries: list[str] = []
        actors: list[tuple[str, str]] = []
        agents: list[str] = []
        for ci, ni, cci in ACTORS:
            cc = f[cci]
            if cc in self.countries:
                self.tally.actor_countries[cc] += 1
                if cc not in countries:
                    countries.append(cc)
            elif self.names is not None and f[ni] and (found := self.names.match(f[ni]).iri) is not None:
                linked(found, countries, agents)
            elif f[ci] or f[ni]:
                self.tally.unmatched_actors[f"{f[ci]} {f[ni]}".strip()] += 1
                actors.append((f[ci], f[ni]))
        place = None
        fips = f[ACTION_GEO_COUNTRY]
        if fips:
            place = self.fips.get(fips)
            if place is None or place not in self.countries:
                self.tally.unmatched_places[fips] += 1
                place = None
        return Event("", "", "", code, cameo, countries, actors, place, None, [], agents)

    def number(self, i: int, text: str, line: int) -> ox.Literal:
        """The literal of number column ``i``; BadRow when ``text`` is not a number of its kind."""
        value = self.literals.get((text, i))
        if value is not None:  # seen, so already checked
            return value
        integer = i in _INTEGER_COLUMNS
        try:
            ok = bool(_INTEGER.fullmatch(text)) if integer else float(text) == float(text)
        except ValueError:
            ok = False
        if not ok:
            raise BadRow(line, i + 1, f"{NAMES[i]} {text!r} is not a {'whole ' if integer else ''}number")
        if len(self.literals) > 100_000:  # tones are nearly unique; counts and scales repeat
            self.literals.clear()
        value = self.literals[(text, i)] = ox.Literal(text, datatype=self._dtypes[i])
        return value


_COUNTRY = str(iris.country(""))


def linked(iri: str, countries: list[str], agents: list[str]) -> None:
    """Add a record an actor's name named: a country to ``countries`` (alpha-3), anyone else to ``agents``."""
    if iri.startswith(_COUNTRY):
        code = iri.removeprefix(_COUNTRY)
        if code not in countries:
            countries.append(code)
    elif iri not in agents:
        agents.append(iri)


def rows(path_text: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each non-empty line of a tab-separated table."""
    for n, line in enumerate(path_text, start=1):
        line = line.rstrip("\r\n")
        if line:
            yield n, line.split("\t")


def mention(f: list[str], line: int) -> tuple[str, str | None]:
    """(GLOBALEVENTID, address or None when the mention is not a web address) of a Mentions row."""
    if len(f) < MENTION_COLUMNS - 2:  # the last two columns (translation info, extras) may be cut off
        raise BadRow(line, len(f), f"has {len(f)} columns; a GDELT 2.0 mentions row has {MENTION_COLUMNS}")
    if not f[0].isdigit():
        raise BadRow(line, 1, f"GLOBALEVENTID {f[0]!r} is not a number")
    url = f[5].strip()
    return f[0], url if url.startswith(("http://", "https://")) else None
