"""Content negotiation: the response formats the endpoint offers, and the choice among them by ``Accept``.

Results of SELECT and ASK come as SPARQL JSON, XML, CSV or TSV; graphs (CONSTRUCT, DESCRIBE, the service
description) as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML. The first format of each list is
the default (no ``Accept``, or ``*/*``). Each format also answers to the plainer media types clients send
(``application/json``, ``application/xml``, ``text/plain``…); the response then carries the media type
the client named, so that a strict client finds what it asked for.

The choice follows RFC 9110: every media range of ``Accept`` has a weight (``q``, default 1); a media type
gets the weight of the most specific range matching it (``text/csv`` before ``text/*`` before ``*/*``),
and ``q=0`` refuses it (a format whose own type is refused is not sent under an alias that only a
wildcard matches). The best weight wins; a tie goes to the more specific match, then to a format's
own media type over its aliases, then to the order of the lists below. ``format=NAME`` (:func:`named`)
overrides ``Accept``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import UsageError, option


@dataclass(frozen=True)
class Format:
    """A response format: its short name (``format=``), its media type, and the other types it answers to."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


@dataclass(frozen=True)
class Choice:
    """A chosen format and the media type to send it as (its own, or the alias the client asked for)."""

    format: Format
    media_type: str

    @property
    def content_type(self) -> str:
        """The Content-Type header: text types are UTF-8 and say so."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle", "application/turtle")),
    Format("ntriples", "application/n-triples", ("text/plain",)),
    Format("nquads", "application/n-quads", ("text/x-nquads",)),
    Format("trig", "application/trig"),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("xml", "application/rdf+xml", ("application/xml", "text/xml")),
)
HTML = Format("html", "text/html", ("application/xhtml+xml",))
FORMAT_NAMES = tuple(dict.fromkeys(f.name for f in (*RESULT_FORMATS, *GRAPH_FORMATS)))


@dataclass(frozen=True)
class MediaRange:
    """One entry of ``Accept``: ``type/subtype`` (either may be ``*``) and its weight."""

    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 3 exactly, 2 ``type/*``, 1 ``*/*``, 0 not at all."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != main:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; an absent or empty header accepts anything (``*/*``).

    Malformed entries are skipped (and a malformed weight counts as 1), as most servers do.
    """
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        kind = fields[0].lower()
        if kind == "*":
            kind = "*/*"
        main, slash, sub = kind.partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        ranges.append(MediaRange(main, sub, q))
    return ranges or [MediaRange("*", "*", 1.0)]


def weight(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int]:
    """The weight ``Accept`` gives ``media_type`` (from its most specific matching range) and that specificity."""
    best = (0.0, 0)
    for r in ranges:
        level = r.matches(media_type)
        if level > best[1] or (level == best[1] and level and r.q > best[0]):
            best = (r.q, level)
    return best


def choose(header: str | None, offered: Sequence[Format]) -> Choice | None:
    """The offered format ``Accept`` prefers, or None when it accepts none of them."""
    ranges = parse_accept(header)
    best: tuple[float, int, bool, int] | None = None
    chosen: Choice | None = None
    order = 0
    for fmt in offered:
        own_q, own_level = weight(ranges, fmt.media_type)
        refused = own_q <= 0 and own_level == 3  # the client named the format's own type with q=0
        for media_type in fmt.media_types:
            q, level = weight(ranges, media_type)
            order -= 1
            if q <= 0 or (refused and level < 3):  # an alias reached by a wildcard does not undo a refusal
                continue
            key = (q, level, media_type == fmt.media_type, order)  # a wildcard picks formats by their own type
            if best is None or key > best:
                best, chosen = key, Choice(fmt, media_type)
    return chosen


def named(name: str, offered: Sequence[Format], what: str) -> Choice:
    """The format ``format=NAME`` asks for (a short name or a media type, any case), among those for ``what``."""
    key = name.strip().lower()
    for fmt in offered:
        if key == fmt.name or key in fmt.media_types:
            return Choice(fmt, fmt.media_type if key == fmt.name else key)
    allowed = [f.name for f in offered]
    known = key in FORMAT_NAMES
    message = f"{key} is not a format for {what}" if known else f"unknown format '{name}'"
    raise UsageError(message, about=option("format"), value=name, allowed=allowed)


def listing(offered: Sequence[Format]) -> str:
    """The offered media types, for a 406 answer."""
    return ", ".join(f.media_type for f in offered)
