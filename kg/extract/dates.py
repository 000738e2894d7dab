"""Date mentions in news text (az, en, ru, uz): exact spans and values at the precision the text gives.

Absolute dates are read from the language's tables (kg.extract.tables); dates that need the publication
date ("yesterday", "keçən ilin oktyabr ayında", "22 августа") are resolved against ``published``, which may
itself be only a year or a month: a phrase is resolved at the first and at the last day the publication
date allows, and the value is the bounds between them. Without ``published`` such a mention is kept with
no value. dateparser reads some of these forms, but it misses the Azerbaijani and Uzbek year-and-month
phrases and "last October", reads "and may" as a date, and puts "on Friday" a week early when the article
is published on a Friday; the tables below do all four languages one way.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kg import dates as kgdates
from kg.errors import UsageError, option
from kg.extract.tables import TABLES, LangTable

Precision = Literal["day", "week", "month", "year"]
MAX_TEXT = 2_000_000  # characters read; a longer text is cut there (news articles are far shorter)
_YEARS = range(1800, 2201)  # four digits outside these are numbers, not years


@dataclass(frozen=True)
class DateRange:
    """A day, or the bounds of a vaguer date, and the precision the text gave it."""

    earliest: dt.date
    latest: dt.date
    precision: Precision

    @property
    def date(self) -> dt.date | None:
        """The day, when the text names exactly one."""
        return self.earliest if self.earliest == self.latest else None

    @property
    def lexical(self) -> str | None:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` when the bounds are exactly one year, month or day."""
        e, lt = self.earliest, self.latest
        if e == lt:
            return e.isoformat()
        if e.year != lt.year or e.day != 1:
            return None
        if e.month == lt.month and lt.day == calendar.monthrange(lt.year, lt.month)[1]:
            return f"{e.year:04d}-{e.month:02d}"
        if (e.month, lt.month, lt.day) == (1, 12, 31):
            return f"{e.year:04d}"
        return None

    @classmethod
    def parse(cls, text: str) -> DateRange:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a publication date)."""
        try:
            value = kgdates.normalise(text)
        except kgdates.BadDate as exc:
            raise UsageError(str(exc), about=option("published"), value=str(text)) from None
        precision: Precision = ("year", "month", "day")[value.count("-")]
        return cls(kgdates.first_day(value), kgdates.last_day(value), precision)


DateRef = DateRange


@dataclass(frozen=True)
class DateMention:
    """A date the text mentions: ``text == article[start:end]``; ``value`` None when it cannot be resolved."""

    start: int
    end: int
    text: str
    value: DateRange | None
    relative: bool = False  # resolved against the publication date
    dateline: bool = False  # when the report was filed, not when the event happened

    @property
    def date(self) -> dt.date | None:
        return None if self.value is None else self.value.date

    @property
    def earliest(self) -> dt.date | None:
        return None if self.value is None else self.value.earliest

    @property
    def latest(self) -> dt.date | None:
        return None if self.value is None else self.value.latest


def narrow(bounds: DateRange, within: tuple[dt.date | None, dt.date | None]) -> DateRange | None:
    """``bounds`` intersected with what is known otherwise (a minister's term); None when they cannot meet.
    Either end of ``within`` may be None (a term still running)."""
    lo = max(bounds.earliest, within[0]) if within[0] else bounds.earliest
    hi = min(bounds.latest, within[1]) if within[1] else bounds.latest
    if lo > hi:
        return None
    precision: Precision = "day" if lo == hi else bounds.precision
    return DateRange(lo, hi, precision)


# --- the grammar --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    kind: str
    offset: int


def _alternation(forms: list[str]) -> str:
    # longest first; the closing word-boundary check makes the engine backtrack into the others
    return "(?:" + "|".join(f"(?:{f})" for f in sorted(forms, key=len, reverse=True)) + ")"


@functools.cache
def _grammar(lang: str) -> tuple[_Pattern, ...]:
    table = TABLES[lang]
    full = [f for _, f, _a in table.months]
    abbr = [a for _, _f, a in table.months if a]
    parts = {
        "{MF}": f"(?P<m>{_alternation(full)}{table.month_suffix})",
        "{M}": f"(?P<m>(?:{_alternation(full)}{table.month_suffix}|{_alternation(abbr or full)}))",
        "{D}": table.day,
        "{YW}": table.year_word,
        "{Y}": table.year,
        "{W}": "(?P<w>" + _alternation([w for _, w in table.weekdays]) + ")",
        "{N}": r"(?P<n>\d{1,3}|" + _alternation([n for _, n in table.numbers]) + ")",
    }
    out = []
    for template, kind, offset in table.patterns:
        body = template
        for key, value in parts.items():
            body = body.replace(key, value)
        # whole words only: not inside a longer word or number
        out.append(_Pattern(re.compile(rf"(?<![\w.-]){body}(?![\w-])", re.IGNORECASE), kind, offset))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _month_number(table: LangTable, text: str) -> int | None:
    for number, full, abbr in table.months:
        if re.fullmatch(f"(?:{full})(?:{table.month_suffix})|{abbr or '(?!)'}", text, re.IGNORECASE):
            return number
    return None


def _count(table: LangTable, text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return next((n for n, form in table.numbers if re.fullmatch(form, text, re.IGNORECASE)), None)


def _weekday_number(table: LangTable, text: str) -> int | None:
    for number, form in table.weekdays:
        if re.fullmatch(form, text, re.IGNORECASE):
            return number
    return None


# --- resolving ----------------------------------------------------------------------------------------

_Resolver = Callable[[dt.date], tuple[dt.date, dt.date]]


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _nearest_year(ref: dt.date, month: int, day: int | None) -> int:
    """The year that puts the month (or day) nearest the publication day; the earlier one on a tie."""

    def distance(year: int) -> int:
        if day is None:
            return abs(year * 12 + month - (ref.year * 12 + ref.month))
        try:
            return abs((dt.date(year, month, day) - ref).days)
        except ValueError:  # 29 February
            return 1_000_000

    return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: (distance(y), y))


def _resolver(
    kind: str,
    offset: int,
    month: int | None,
    day: int | None,
    weekday: int | None,
    *,
    last_day: int | None = None,
    nearest: bool = True,
) -> _Resolver:
    """How the phrase turns a publication day into the bounds it names. A day or month without its year
    ("22 августа", "in November") is the one nearest the publication day (an article of 13 January
    reporting "30 December" means the December before), or in the publication year when ``nearest`` is
    off (the publication date is only a year)."""

    def resolve(ref: dt.date) -> tuple[dt.date, dt.date]:
        if kind == "day":
            d = ref + dt.timedelta(days=offset)
            return d, d
        if kind == "week":
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
            return monday, monday + dt.timedelta(days=6)
        if kind == "month":
            return _month_bounds(*_shift_month(ref.year, ref.month, offset))
        if kind == "year":
            return dt.date(ref.year + offset, 1, 1), dt.date(ref.year + offset, 12, 31)
        if kind == "weekday":
            assert weekday is not None
            back = (ref.weekday() - weekday) % 7
            if offset < 0:
                back = back or 7
            elif offset > 0:
                back = -((weekday - ref.weekday()) % 7 or 7)
            d = ref - dt.timedelta(days=back)
            return d, d
        assert month is not None
        if kind == "month_prev":
            year = ref.year if month < ref.month else ref.year - 1
        elif kind == "month_next":
            year = ref.year if month > ref.month else ref.year + 1
        elif offset == 0 and nearest:  # month_of_year, or an absolute date without its year
            year = _nearest_year(ref, month, day)
        else:
            year = ref.year + offset
        if day is not None:
            return dt.date(year, month, day), dt.date(year, month, last_day or day)
        return _month_bounds(year, month)

    return resolve


def _precision(kind: str, month: int | None, day: int | None) -> Precision:
    if kind in ("day", "weekday") or day is not None:
        return "day"
    if kind == "week":
        return "week"
    return "month" if kind == "month" or month is not None else "year"


def _candidate(
    match: re.Match[str], pattern: _Pattern, table: LangTable, published: DateRange | None
) -> DateMention | None:
    groups = match.groupdict()
    month = day = weekday = None
    if groups.get("mn"):
        month = int(groups["mn"])
    elif groups.get("m"):
        month = _month_number(table, groups["m"])
    if groups.get("d"):
        day = int(groups["d"])
    last_day = int(groups["d2"]) if groups.get("d2") else None  # 14–15 October
    if last_day is not None and (day is None or not day < last_day <= 31):
        return None
    if groups.get("w"):
        weekday = _weekday_number(table, groups["w"])
    year = int(groups["y"]) if groups.get("y") else None
    if (groups.get("m") and month is None) or (groups.get("w") and weekday is None):
        return None
    if (month is not None and not 1 <= month <= 12) or (year is not None and year not in _YEARS):
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    span = (match.start(), match.end(), match.group())
    kind, offset = pattern.kind, pattern.offset
    if groups.get("n"):  # "three days ago": three times the unit's step
        count = _count(table, groups["n"])
        if count is None:
            return None
        offset *= count
    if kind == "abs" and year is not None:
        try:
            if day is not None:
                d = dt.date(year, month or 1, day)
                return DateMention(*span, DateRange(d, dt.date(year, month or 1, last_day or day), "day"))
            if month is not None:
                return DateMention(*span, DateRange(*_month_bounds(year, month), "month"))
            return DateMention(*span, DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year"))
        except ValueError:  # 31 June
            return None
    if day is not None and month is not None and day > calendar.monthrange(2024, month)[1]:
        return None
    if published is None:
        return DateMention(*span, None, relative=True)
    resolve = _resolver(kind, offset, month, day, weekday, last_day=last_day, nearest=published.precision != "year")
    try:
        lo, _ = resolve(published.earliest)
        _, hi = resolve(published.latest)
    except ValueError:  # 29 February of a year without one
        return DateMention(*span, None, relative=True)
    return DateMention(*span, DateRange(lo, hi, _precision(kind, month, day)), relative=True)


# A dateline opens a line: a place in a few words, a comma, the date, maybe the agency, then a dash.
_DATELINE_BEFORE = re.compile(r"^[^\W\d_][\w .'ʻ’-]{0,40},\s*$")
# after the date: the agency in brackets or slashes, or after a comma ("(AZERTAC)", "/UzA/", ", Trend"),
# then a dash, a colon, a full stop or the end of the line
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/|,\s*[^\W\d_][\w.-]{1,25})?\s*(?:[–—:.-]|$|\n)")


def _is_dateline(text: str, start: int, end: int) -> bool:
    # only the last few characters: a dateline's place name is short (and a long line is not rescanned)
    window = max(0, start - 80)
    newline = text.rfind("\n", window, start)
    if newline < 0 and window > 0:
        return False
    before = text[newline + 1 : start].strip()
    return bool(_DATELINE_BEFORE.match(before + " ")) and bool(_DATELINE_AFTER.match(text[end : end + 60]))


def find_dates(text: str, lang: str, published: DateRange | None = None) -> list[DateMention]:
    """The date mentions of ``text`` in ``lang`` (az, en, ru, uz), in text order, none overlapping."""
    if lang not in TABLES:
        raise UsageError(f"no date tables for language {lang!r}", about=option("lang"), value=lang,
                         allowed=sorted(TABLES))  # fmt: skip
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_TEXT]
    table = TABLES[lang]
    found: list[DateMention] = []
    for pattern in _grammar(lang):
        for match in pattern.regex.finditer(text):
            mention = _candidate(match, pattern, table, published)
            if mention is not None:
                found.append(mention)
    # The longest reading wins where readings overlap ("22 August 2023" over "22 August" and "August 2023").
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[DateMention] = []  # kept in text order; they never overlap, so neighbours suffice
    starts: list[int] = []
    for mention in found:
        i = bisect.bisect_left(starts, mention.start)
        if i > 0 and chosen[i - 1].end > mention.start:
            continue
        if i < len(chosen) and chosen[i].start < mention.end:
            continue
        starts.insert(i, mention.start)
        chosen.insert(i, mention)
    return [
        DateMention(m.start, m.end, m.text, m.value, m.relative, dateline=_is_dateline(text, m.start, m.end))
        for m in chosen
    ]
