"""GDELT 2.0 event rows straight to N-Quads text, in chunks: the coded columns of each combination read once.

GDELT repeats itself: the same actors, CAMEO code and place recur across thousands of rows. The actor,
CAMEO and place analysis of :class:`kg.ingest.gdelt.Reader` is therefore made once per distinct
combination of those columns and kept as a format string of finished N-Quads lines; a row then costs its
id, date, numbers and source address. Each event's lines are those :meth:`kg.ingest.terms.Terms.quads`
writes for the same row.

A table is read in blocks of whole lines (:func:`kg.ingest.parallel.chunks`), and each chunk is turned into text
on its own, in this process or in a worker (:meth:`Rows.chunk`): its events, then the sources its rows
cite with each source's description, which the caller writes the first time an address is seen in the
file. What a chunk gives does not depend on the chunks before it, so the output is the same whichever
process made each chunk. The report counts every row as the row-by-row path would: each combination's
matches are counted once per row that had it, when the chunk is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest import cameo as cameo_table
from kg.ingest import gdelt
from kg.ingest.gdelt import ACTION_GEO_COUNTRY, ACTORS, BASE_CODE, EVENT_CODE, ID, ROOT_CODE, SOURCE_URL, BadRow
from kg.ingest.names import Match, Names
from kg.ingest.terms import Terms

_KEY = (*(i for actor in ACTORS for i in actor), EVENT_CODE, BASE_CODE, ROOT_CODE, ACTION_GEO_COUNTRY)
_COMBINATIONS = 200_000  # combinations kept; beyond that the table starts afresh (memory stays bounded)
_NUMBERS = 100_000  # number literals kept: tones are nearly unique, counts and scales repeat


@dataclass
class _Combination:
    """What a row's coded columns give, whatever its id: its lines up to the numbers, and what to count."""

    code: str
    template: str  # "{0}" the subject, "{1}" the GLOBALEVENTID, "{2}" the date
    slow: bool = False  # an actor's name names one of our records: the row takes the general path
    tallies: list[tuple[str, str]] = field(default_factory=list)  # (Tally field, key), once per row
    names: list[tuple[str, Match]] = field(default_factory=list)  # actor names matched, once per row
    rows: int = 0  # rows of the current chunk that had it


@dataclass
class Chunk:
    """A chunk of a table done: its events' text, the sources it cites and what it counted."""

    text: bytes  # the events, N-Quads
    sources: list[tuple[str, str, bytes]]  # (address, source node, its description) in order of first citation
    events: int
    lines: int  # lines of the block (the next block's first line is this many further on)
    idents: list[str] | None  # the events' GLOBALEVENTIDs, when mentions are to be matched
    bad: list[BadRow]  # numbered by the block's lines, from 1
    tally: gdelt.Tally
    matched: list[tuple[str, Match, int]]  # (name, match, events) for the report's name table
    spooled: Path | None = None  # where a worker left ``text`` (then empty): read and delete it


class Rows:
    """One GDELT file's rows as N-Quads text, through ``reader`` (checks, lookups, tally) and ``terms``."""

    def __init__(self, reader: gdelt.Reader, terms: Terms) -> None:
        self.reader, self.terms = reader, terms
        self.combinations: dict[tuple[str, ...], _Combination] = {}
        self.numbers: dict[tuple[int, str], str] = {}  # (column, text) → " <p> literal <g> .\n", checked once
        self.sources: list[tuple[str, str, bytes]] = []
        t = terms
        self._event_lines = (t.event_classes[0], f"{t.type}{t.event_classes[1]}{t.end_}")

    def chunk(self, text: str, idents: bool = False, strict: bool = False) -> Chunk:
        """The rows of ``text``, a block of whole lines, numbered from 1; ``strict``: stop at the first bad one."""
        r, t = self.reader, self.terms
        r.tally, self.sources, t.seen_sources = gdelt.Tally(), [], {}
        names: list[tuple[str, Match, int]] = []
        if r.names is not None:  # the chunk's name matches, apart from those of other chunks
            r.names = Names(r.names.names, r.names.unordered, _cache=r.names._cache)
        out: list[str] = []
        seen: list[str] | None = [] if idents else None
        bad: list[BadRow] = []
        lines = text.split("\n")
        if lines and not lines[-1]:
            lines.pop()
        for line, raw in enumerate(lines, start=1):
            raw = raw.rstrip("\r")
            if not raw:
                continue
            try:
                ident, quads = self.text(raw.split("\t"), line)
            except BadRow as exc:
                bad.append(exc)
                if strict:
                    break
                continue
            out.append(quads)
            if seen is not None:
                seen.append(ident)
        self._count()
        if r.names is not None:
            names = _matches(r.names)
        return Chunk("".join(out).encode(), self.sources, len(out), len(lines), seen, bad, r.tally, names)

    def _combination(self, f: list[str], line: int) -> _Combination:
        """The analysis of the row's coded columns, counted into a tally of its own (replayed per row)."""
        r, t = self.reader, self.terms
        lit, node, end = t._literal, t._node, t.end_
        tally, names = r.tally, r.names
        probe = gdelt.Tally()
        seen: list[tuple[str, Match]] = []
        r.tally = probe
        if names is not None:
            r.names = _Recording(names, seen)  # type: ignore[assignment]
        try:
            code, cameo = r._cameo(f, line)
            ev = r.actors_and_place(f, code, cameo)
        finally:
            r.tally, r.names = tally, names
        if ev.agents:  # participations interleave other subjects' lines: such rows take the general path
            return _Combination(code, "", slow=True)
        lines = [*self._event_lines, f'{t.label}"GDELT event \x00: CAMEO {code}"@en{end}', f'{t.eid}"\x00"{end}']
        lines.append(f"{t.ecode}{lit(code)}{end}")
        if cameo:
            lines.append(f"{t.cameo}{node(t.cameo_base + cameo)}{end}")
        lines += [f"{t.start}\x01{end}", f"{t.end}\x01{end}"]
        lines += [f"{t.involves}{node(t.country_base + c)}{end}" for c in ev.countries]
        lines += t.actor_lines(ev)
        # One format string: {0} starts each line (the subject), {1} is the id, {2} the date
        template = "".join("\x02" + x for x in lines).replace("{", "{{").replace("}", "}}")
        template = template.replace("\x02", "{0}").replace("\x00", "{1}").replace("\x01", "{2}")
        tallies = [(k, key) for k, counts in vars(probe).items() for key in counts.elements()]
        return _Combination(code, template, tallies=tallies, names=seen)

    def _cite(self, url: str) -> str:
        """The line citing ``url``'s source (after the subject); the source is described once per chunk."""
        t = self.terms
        s = t.seen_sources.get(url)
        if s is None:
            s = t.seen_sources[url] = t.source_node(url)
            self.sources.append((url, s, t.describe(s, url).encode()))
        return f"{t.source}{s}{t.end_}"

    def text(self, f: list[str], line: int) -> tuple[str, str]:
        """(GLOBALEVENTID, N-Quads) of one row; BadRow as :meth:`kg.ingest.gdelt.Reader.event` raises it."""
        r, t = self.reader, self.terms
        if len(f) < gdelt.COLUMNS:
            r.event(f, line)  # raises the column-count error in its words
        ident = f[ID]
        if not ident.isdigit():
            raise BadRow(line, ID + 1, f"GLOBALEVENTID {ident!r} is not a number")
        day = r._date(f[gdelt.SQLDATE], line)
        key = tuple([f[i] for i in _KEY])
        combo = self.combinations.get(key)
        if combo is None:
            if f[EVENT_CODE] not in cameo_table.CODES:
                raise BadRow(line, EVENT_CODE + 1, f"EventCode {f[EVENT_CODE]!r} is not a CAMEO event code")
            combo = self._combination(f, line)
            if len(self.combinations) >= _COMBINATIONS:
                self._count()
                self.combinations.clear()
            self.combinations[key] = combo
        if combo.slow:
            ev = r.event(f, line)
            if ev.source_url:
                self._cite(ev.source_url)  # described apart; quads() then writes the citation alone
            return ev.ident, t.quads(ev)
        url = f[SOURCE_URL].strip()
        if not url.startswith(("http://", "https://")):
            raise BadRow(line, SOURCE_URL + 1, f"SOURCEURL {url!r} is not an http(s) address")
        tail = self._numbers(f, line)
        combo.rows += 1
        tail.append(t.generated)
        tail.append(self._cite(url))
        e = f"<{t.event_base}{ident}>"  # digits only: a valid IRI end as it stands
        return ident, combo.template.format(e, ident, t._literal(day, t.xsd_date)) + e + e.join(tail)

    def _numbers(self, f: list[str], line: int) -> list[str]:
        """The Goldstein scale, tone and count lines, each distinct value checked and written once."""
        parts: list[str] = []
        cache = self.numbers
        for i, prop, _dtype, _integer in self.reader.numbers:
            value = f[i]
            if not value:
                continue
            found = cache.get((i, value))
            if found is None:
                literal = self.reader.number(i, value, line)  # BadRow when not a number
                if len(cache) > _NUMBERS:
                    cache.clear()
                found = cache[(i, value)] = self.terms._term(prop, literal)
            parts.append(found)
        return parts

    def _count(self) -> None:
        """Count each combination once per row that had it (the tally and the name matches of the report)."""
        tally, names = self.reader.tally, self.reader.names
        for combo in self.combinations.values():
            if not combo.rows:
                continue
            for attribute, key in combo.tallies:
                getattr(tally, attribute)[key] += combo.rows
            if names is not None:
                for name, match in combo.names:
                    names.count(name, match, combo.rows)
            combo.rows = 0


def _matches(names: Names) -> list[tuple[str, Match, int]]:
    """The name matches ``names`` counted, as (name, match, events)."""
    cache = names._cache
    found = [(n, cache[n], k) for (n, _iri, _how), k in names.matched.items()]
    found += [(n, cache[n], k) for (n, _c), k in names.ambiguous.items()]
    found += [(n, cache[n], k) for n, k in names.unmatched.items()]
    return found


class _Recording:
    """A :class:`kg.ingest.names.Names` stand-in that records the names matched instead of counting them."""

    def __init__(self, names: Names, seen: list[tuple[str, Match]]) -> None:
        self._names, self._seen = names, seen

    def match(self, name: str) -> Match:
        found = self._names.lookup(name)
        self._seen.append((name, found))
        return found
