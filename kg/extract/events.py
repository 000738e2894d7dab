"""Event words in an article's sentences, grouped into events with their dates, places, agents and status.

The rules are general ones about how news reports events, in all four languages:

* An event word (:data:`kg.extract.lexicon.TRIGGERS`) names an event. Words of one family in one sentence
  name one event unless they carry different dates; a word in a later sentence that names the same kind of
  event again, with no date or status of its own ("Görüşdə…", "During the talks…"), is the same event.
* Dates, places, people, bodies and countries go to the nearest event word of their sentence; a comma or a
  semicolon between them counts as distance (it usually ends a clause).
* Status cues ("will", "postponed", "опроверг", "rad etdi") go to the nearest event word other than a
  statement; the strongest cue wins (denied over cancelled over postponed over proposed over planned).
* The first sentence that reports an event holds the article's subject. A later event is background
  (``mentioned``) when its sentence only refers to it (noted, stressed, recalled), when it has a date of its
  own that differs from the subject's, when it is named inside a participle or a verbal noun, or when it has
  not happened; otherwise it continues the subject (talks held during a visit, a signing after a meeting) and
  takes the subject's date and place where it gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract import lexicon as lx
from kg.extract.article import Article, Span
from kg.extract.dates import DateMention
from kg.extract.entities import Mention

FAMILY = {
    "meeting": "meeting", "receive": "meeting", "visit": "visit", "signing": "signing", "conference": "gathering",
    "summit": "gathering", "business-forum": "gathering", "session": "gathering", "opening": "opening",
    "statement": "statement", "construction-initiative": "initiative", "initiative": "initiative",
    "event": "generic", "ceremony": "generic", "state-visit": "visit", "official-visit": "visit",
    "working-visit": "visit", "interstate-body-meeting": "gathering",
}  # fmt: skip
# The more specific kind wins when words of one family meet (a "summit" named also a "meeting").
SPECIFIC = ("construction-initiative", "summit", "business-forum", "conference", "session", "signing", "visit",
            "receive", "meeting", "opening", "statement", "initiative", "ceremony", "event")  # fmt: skip
CLAUSE_COST = 60  # characters a comma between two words is worth
BREAK_COST = 100  # a semicolon or colon
BEFORE_DATE_COST = 30  # az, uz: the verb follows its date, so a word before the date is a worse match
ANAPHOR_COST = 40  # a word that names an event again rarely carries its date


@dataclass
class Hit:
    start: int
    end: int
    kind: str
    mode: str | None
    verb: bool
    anaphor: bool = False  # "Görüşdə", "during the talks": names an event named before


@dataclass
class Group:
    """One event being assembled."""

    sentence: int
    hits: list[Hit]
    kind: str
    mode: str | None = None
    receive: bool = False
    status: str = "occurred"
    cues: list[tuple[int, int]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    inherited_date: bool = False
    mentions: list[Mention] = field(default_factory=list)
    embedded: bool = False
    mentioned: bool = False
    subject_link: bool = False  # continues the subject (takes its date and place)
    next_or_previous: bool = False
    upcoming: bool = False  # "the next meeting": not held yet
    proper: bool = False  # named with a capital inside the sentence: an event's name
    linked: Group | None = None  # the subject it continues
    borrowed: list[Mention] = field(default_factory=list)  # people taken from another event ("He", "the sides")
    framed_by: Group | None = None  # the event it was held within (takes its place when it names none)
    base_family: str = ""  # the family of its words before the context refined the kind (for naming again)
    generic: bool = False  # plural words only ("visits and meetings"): events in general
    anaphor: bool = False  # refers back to an event named before (a statement with no speaker of its own)

    @property
    def family(self) -> str:
        return FAMILY[self.kind]

    @property
    def start(self) -> int:
        return min(h.start for h in self.hits)

    @property
    def end(self) -> int:
        return max(h.end for h in self.hits)


def _regexes(lang: str) -> dict[str, re.Pattern[str]]:
    if lang not in _CACHE:  # compiled once per language, not on every sentence
        _CACHE[lang] = _compile(lang)
    return _CACHE[lang]


def _compile(lang: str) -> dict[str, re.Pattern[str]]:
    out: dict[str, re.Pattern[str]] = {}
    for name, value in (("heads", lx.HEADS_OF_STATE), ("body", lx.INTERSTATE_BODY),
                        ("ministers", lx.MINISTERS_PLURAL), ("chair", lx.CHAIR), ("guest", lx.GUEST),
                        ("delegation", lx.DELEGATION_HEAD)):  # fmt: skip
        out[name] = re.compile(value)
    out["frame"] = lx.compiled(lx.FRAME_CUES[lang])
    out["embedded"] = re.compile(lx.EMBEDDED[lang])
    out["generic"] = re.compile(lx.GENERIC_PLURAL[lang])
    out["region"] = re.compile(
        r"central asia|центральн\w* азии|markaziy osiyo|марказий осиё|mərkəzi asiya|turkic|"
        r"тюркск\w*|turkiy|туркий|türk dövlət|cis\b|снг|sco\b|шос|brics|брикс"
    )
    out["upcoming"] = re.compile(
        r"(?<!\w)(?:next|upcoming|forthcoming|следующ\w*|предстоящ\w*|növbəti|qarşıdakı|"
        r"navbatdagi|kelgusi|навбатдаги|келгуси)(?!\w)"
    )
    out["business"] = re.compile(
        r"business|econom\w*|invest\w*|trade|biznes\w*|бизнес\w*|делов\w*|инвест\w*|"
        r"экономи\w*|iqtisadi\w*|ishbilarmon\w*|ишбилармон\w*|investitsiya\w*|sərmayə\w*|"
        r"interregional|межрегиональн\w*|regionlararası|hududlararo|ҳудудлараро"
    )
    out["next"] = re.compile(
        r"(?<!\w)(?:next|previous|следующ\w*|предыдущ\w*|növbəti|əvvəlki|navbatdagi|oldingi|"
        r"навбатдаги|олдинги)(?!\w)"
    )
    out["parties"] = re.compile(
        r"(?<!\w)(?:the parties|the sides|the two|the ministers|both|tərəflər|"
        r"nazirlər|стороны|министры|tomonlar|томонлар|vazirlar|вазирлар)(?!\w)"
    )
    out["framework"] = re.compile(
        r"(?<!\w)(?:çərçivəsində|в рамках|в ходе|within the framework of|during|on the "
        r"sidelines of|on the margins of|doirasida|доирасида|davomida|давомида)(?!\w)"
    )
    out["being"] = re.compile(r"\s+(?:ol\w*|bo\W?l\w*|бўл\w*|edi|эди|idi|иди)(?!\w)")
    out["singular"] = re.compile(rf"(?<!\w)(?:{lx.SINGULAR[lang]})(?!\w)")
    out["host"] = re.compile(lx.HOST)
    out["invited"] = re.compile(lx.INVITED)
    out["member"] = re.compile(lx.MEMBER_STATES)
    out["participation"] = re.compile(lx.PARTICIPATION)
    out["pronoun"] = re.compile(rf"(?<!\w)(?:{lx.PRONOUNS[lang]})(?!\w)")
    out["anaphor_before"] = re.compile(_ANAPHOR_BEFORE.get(lang, "$^"))
    out["anaphor_after"] = re.compile(_ANAPHOR_AFTER.get(lang, "$^"))
    out["speaker"] = re.compile(r"çıxış ed\w*|выступи\w*|addressed|spoke at|nutq so\W?zla\w*|нутқ сўзла\w*")
    for status, patterns in lx.STATUS_CUES[lang].items():
        out["status:" + status] = lx.compiled(patterns)
    for kind, visit in lx.VISIT_TYPE.items():
        out["visit:" + kind] = re.compile(rf"(?<!\w)(?:{visit})")
    return out


_CACHE: dict[str, dict[str, re.Pattern[str]]] = {}
_NOT_EVENTS = re.compile(lx.NOT_EVENTS)
# An event word that names an event already named: after "the", "during", "на", "в ходе"; in az and uz a
# noun in the locative ("Görüşdə", "Suhbatda") or before "çərçivəsində", "davomida", "doirasida".
_ANAPHOR_BEFORE = {
    "en": r"(?:the|this|that|during the|after the|at the|following the)\s+$",
    "ru": r"(?<!\w)(?:в ходе|на|по итогам|во время|в рамках|после|в)\s+$",
}
_ANAPHOR_AFTER = {
    "az": r"^\w*(?:da|də|dan|dən)(?!\w)|^\w*\s+(?:zamanı|əsnasında|sonra)(?!\w)",
    "uz": r"^\w*(?:da|дa|да)(?!\w)|^\w*\s+(?:davomida|давомида|chog\W?ida|чоғида)(?!\w)",
}
_TRIGGERS: dict[str, list[tuple[lx.Trigger, re.Pattern[str]]]] = {}


def _trigger_regexes(lang: str) -> list[tuple[lx.Trigger, re.Pattern[str]]]:
    if lang not in _TRIGGERS:
        _TRIGGERS[lang] = [(t, re.compile(lx.B + "(?:" + t.pattern + ")")) for t in lx.TRIGGERS[lang]]
    return _TRIGGERS[lang]


def _hits(folded: str, span: Span, lang: str) -> list[Hit]:
    found: list[Hit] = []
    for trigger, regex in _trigger_regexes(lang):
        for m in regex.finditer(folded, span.start, span.end):
            found.append(Hit(m.start(), m.end(), trigger.kind, trigger.mode, trigger.verb))
    for m in _NOT_EVENTS.finditer(folded, span.start, span.end):
        found = [h for h in found if h.end <= m.start() or h.start >= m.end()]
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in found:  # overlapping words: the first and longest (a mode-carrying one) stays
        if kept and hit.start < kept[-1].end:
            if hit.mode and not kept[-1].mode:
                kept[-1].mode = hit.mode
            continue
        kept.append(hit)
    return kept


def distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    if hi <= lo:
        return 0
    between = text[lo:hi]
    return (hi - lo) + CLAUSE_COST * between.count(",") + BREAK_COST * (between.count(";") + between.count(":"))


def _nearest(text: str, span: tuple[int, int], groups: list[Group], skip_statements: bool = False) -> Group | None:
    best: tuple[int, int] | None = None
    chosen = None
    for i, g in enumerate(groups):
        if skip_statements and g.kind == "statement":
            continue
        d = min(distance(text, span, (h.start, h.end)) for h in g.hits)
        if best is None or (d, i) < best:
            best, chosen = (d, i), g
    return chosen


def _split_by_dates(text: str, hits: list[Hit], dates: list[DateMention], lang: str) -> dict[int, DateMention]:
    """Each date to one word, each word at most one date: the closest pairs first."""
    pairs = []
    for di, d in enumerate(dates):
        for hi, h in enumerate(hits):
            cost = distance(text, (d.start, d.end), (h.start, h.end)) + ANAPHOR_COST * h.anaphor
            if lang in ("az", "uz") and h.end <= d.start:
                cost += BEFORE_DATE_COST
            pairs.append((cost, di, hi))
    pairs.sort()
    taken_d: set[int] = set()
    taken_h: set[int] = set()
    out: dict[int, DateMention] = {}
    for _, di, hi in pairs:
        if di in taken_d or hi in taken_h:
            continue
        taken_d.add(di)
        taken_h.add(hi)
        out[hi] = dates[di]
    return out


def _mark_anaphors(text: str, folded: str, span: Span, hits: list[Hit], rx: dict[str, re.Pattern[str]]) -> None:
    for h in hits:
        if h.kind == "statement" or h.mode:
            continue
        before = folded[max(span.start, h.start - 20) : h.start]
        after = folded[h.start : min(span.end, h.end + 20)]
        proper = text[h.start].isupper() and h.start > span.start  # part of a name: "the Consultative Meeting"
        being = rx["being"].match(folded, _word_end(folded, h.end))  # "səfərdə olub": was on a visit
        # "Səfər çərçivəsində…", "Ташриф доирасида…" opening a sentence: within the event named before
        framed = h.start - span.start <= 25 and bool(rx["framework"].match(folded, _word_end(folded, h.end) + 1))
        h.anaphor = not proper and not being and (framed or bool(
            rx["anaphor_before"].search(before) or rx["anaphor_after"].search(after)))  # fmt: skip


def _speaks(folded: str, hit: Hit, speakers: list[Mention], hits: list[Hit], denial: bool) -> bool:
    """A person (or, for a denial, a body) says it: named before the word in its clause."""
    for m in speakers:
        if m.end > hit.start:
            continue
        if denial:
            return True
        between = folded[m.end : hit.start]
        if "," not in between and ";" not in between and not any(m.end <= h.start < hit.start for h in hits):
            return True
    return False


def sentence_groups(article: Article, folded: str, index: int, lang: str, dates: list[DateMention],
                    mentions: list[Mention], first: bool = False) -> list[Group]:  # fmt: skip
    """The events of one sentence, before they are compared with the article's other sentences (``first``:
    no event was reported before it, so none of its words can refer back)."""
    span = article.sentences[index]
    rx = _regexes(lang)
    hits = _hits(folded, span, lang)
    people = [m for m in mentions if m.kind in ("person", "post")]
    bodies = [m for m in mentions if m.kind == "organisation"]
    # An opening word right next to a gathering opens that gathering ("Konfransı açan", "Форум открыли").
    gatherings = [h for h in hits if FAMILY[h.kind] in ("gathering", "meeting")]
    hits = [h for h in hits if not (h.kind == "opening" and any(
        distance(folded, (h.start, h.end), (g.start, g.end)) <= 15 for g in gatherings))]  # fmt: skip
    if not first:
        _mark_anaphors(article.text, folded, span, hits, rx)
    for h in hits:
        if h.kind == "statement":
            denial = bool(rx["status:denied"].match(folded, h.start))
            if not _speaks(folded, h, people + (bodies if denial else []), hits, denial):
                h.kind = "statement-anaphor"  # "He added", "the ministry said": joins an earlier statement or none
    if not hits:
        # a proposal with no event word proposes something else: the proposal itself is the event
        cue = rx["status:proposed"].search(folded, span.start, span.end)
        if cue:
            hits = [Hit(cue.start(), cue.end(), "initiative", None, True)]
    sentence_dates = [d for d in dates if span.start <= d.start < span.end and not d.dateline and d.value]
    date_of = _split_by_dates(folded, hits, sentence_dates, lang)
    groups: list[Group] = []
    for i, hit in enumerate(hits):
        family = FAMILY.get(hit.kind, "statement")
        date = date_of.get(i)
        # a capitalised event word inside the sentence names an event of its own ("on the sidelines of the
        # Extraordinary Meeting of the Council…"), never the one the verb reports
        proper = article.text[hit.start].isupper() and hit.start > span.start
        same = [g for g in groups if g.family == family and not proper and not g.proper and (
            date is None or not g.dates or g.dates[0].value == date.value)]  # fmt: skip
        if same:
            g = same[-1]
            g.hits.append(hit)
            if date is not None and not g.dates:
                g.dates.append(date)
        else:
            g = Group(index, [hit], "statement" if hit.kind == "statement-anaphor" else hit.kind)
            g.proper = proper
            g.anaphor = hit.kind == "statement-anaphor"
            if date is not None:
                g.dates.append(date)
            groups.append(g)
    for g in groups:
        _refine(g, article.text, folded, span, mentions, rx)
    # "мероприятия", "tədbirlər", "events": plural generic words name events in general, never one event
    groups = [g for g in groups if not (g.generic and g.kind in ("event", "ceremony") and g.status == "occurred")]
    _frameworks(folded, groups, rx)
    # a speech at an event named again ("Tədbirdə … çıxış edib"): the speaker takes part in it, no statement
    again = [g for g in groups if g.anaphor and g.kind != "statement"]
    if again:
        groups = [g for g in groups if not (g.kind == "statement" and not g.anaphor and not g.dates)]
    _statuses(folded, span, groups, rx, index)
    for g in groups:
        if g.upcoming and g.status == "occurred":
            g.status = "planned"
    return groups


def _frameworks(folded: str, groups: list[Group], rx: dict[str, re.Pattern[str]]) -> None:
    """Events held one within another ("konfransı çərçivəsində … açılışı", "met within the framework of the
    Summit in Doha") share a date and a place where one of them names none."""
    for g in groups:
        for k in groups:
            if k is g or not k.dates or g.framed_by is not None:
                continue
            lo, hi = (k.end, g.start) if k.end <= g.start else (g.end, k.start)
            speech_at = k.kind == "statement" and 0 <= g.start - k.end <= 6  # "выступил на заседании"
            framed = rx["framework"].search(folded, lo, hi) or rx["framework"].search(
                folded, max(0, k.start - 20), k.start)  # fmt: skip
            if speech_at or framed:
                if not g.dates:
                    g.dates.append(k.dates[0])
                g.framed_by = k
                k.framed_by = k.framed_by or g
                break


def _refine(g: Group, text: str, folded: str, span: Span, mentions: list[Mention],
            rx: dict[str, re.Pattern[str]]) -> None:  # fmt: skip
    if any(h.kind == "statement" for h in g.hits):
        g.anaphor = False
    elif g.kind != "statement":
        g.anaphor = all(h.anaphor for h in g.hits) and not g.dates
    g.base_family = FAMILY.get(g.hits[0].kind, "statement")
    kinds = [h.kind for h in g.hits if h.kind in SPECIFIC]
    g.receive = "receive" in kinds
    if kinds:
        best = min(kinds, key=SPECIFIC.index)
        g.kind = "meeting" if best == "receive" else best
    g.mode = next((h.mode for h in g.hits if h.mode), None)
    g.embedded = all(bool(rx["embedded"].fullmatch(folded, h.start, _word_end(folded, h.end))) for h in g.hits)
    g.generic = all(bool(rx["generic"].fullmatch(folded, h.start, _word_end(folded, h.end))) for h in g.hits)
    around = folded[max(span.start, g.start - 60) : min(span.end, g.end + 80)]
    if g.family in ("meeting", "gathering"):
        before = folded[max(span.start, g.start - 80) : g.start]
        ministers = rx["ministers"].search(before)
        # heads of state meeting in a region's or many states' format; two presidents' talks stay a meeting
        many = (
            rx["region"].search(around)
            or sum(1 for m in mentions if m.kind == "country" and span.start <= m.start < span.end) >= 3
        )
        if rx["heads"].search(around) and g.kind in ("meeting", "conference") and (many or g.kind == "conference"):
            g.kind = "summit"
        elif rx["body"].search(around) and g.kind in ("meeting", "session"):
            g.kind = "interstate-body-meeting"
        elif g.kind == "meeting" and ministers and (rx["member"].search(before) or any(
                m.kind == "organisation" and 0 <= max(span.start, g.start - 80) + ministers.start() - m.end <= 40
                for m in mentions if span.start <= m.start < g.start)):  # fmt: skip
            g.kind = "conference"
    if g.kind == "visit":
        g.kind = next((kind for kind in ("state-visit", "official-visit", "working-visit") for h in g.hits
                       if h.kind == "visit" and rx["visit:" + kind].search(folded, max(span.start, h.start - 25),
                                                                           h.start)), "visit")  # fmt: skip
    g.next_or_previous = bool(rx["next"].search(folded, max(span.start, g.start - 25), g.start))
    g.upcoming = bool(rx["upcoming"].search(folded, max(span.start, g.start - 25), g.start))
    if g.kind == "business-forum" and not rx["business"].search(around):
        g.kind = "conference"  # "Antalya Diplomacy Forum": a forum of officials, not of business


def _word_end(text: str, end: int) -> int:
    while end < len(text) and (text[end].isalnum() or text[end] in "ʻ'’"):
        end += 1
    return end


def _statuses(folded: str, span: Span, groups: list[Group], rx: dict[str, re.Pattern[str]], sentence: int) -> None:
    found: list[tuple[str, int, int]] = []
    for status in lx.STATUS_ORDER:
        regex = rx.get("status:" + status)
        if regex is None:
            continue
        for m in regex.finditer(folded, span.start, span.end):
            found.append((status, m.start(), m.end()))
    targets = [g for g in groups if g.kind not in ("statement", "initiative") and not g.anaphor] or [
        g for g in groups if g.kind != "statement"
    ]
    for status, start, end in found:
        # a denial word that is itself the statement's word still denies the other event of its sentence
        forward = status == "planned" and folded[start:end].startswith(("invit", "приглас", "dəvət"))
        candidates = [g for g in targets if not forward or g.start >= start]
        g = _nearest(folded, (start, end), candidates) if candidates else None
        if g is None or any(h.start == start for h in g.hits):  # the proposal that is itself the event
            continue
        g.cues.append((start, end))
        if g.status == "occurred" or lx.STATUS_ORDER.index(status) < lx.STATUS_ORDER.index(g.status):
            g.status = status


def is_frame(folded: str, span: Span, lang: str) -> bool:
    return bool(_regexes(lang)["frame"].search(folded, span.start, span.end))


def refers_back(folded: str, span: Span, lang: str) -> bool:
    """The sentence's people are the subject's: "He…", "The minister…", "Tərəflər…", "the two presidents"."""
    rx = _regexes(lang)
    return bool(
        rx["parties"].search(folded, span.start, span.end) or rx["pronoun"].search(folded, span.start, span.end)
    )


def singular_subject(folded: str, span: Span, before: int, lang: str) -> int | None:
    """Where "He", "Nazir", "Вазир" stands before ``before`` in the sentence (its subject is the subject event's
    first person), or None."""
    m = _regexes(lang)["singular"].search(folded, span.start, before)
    return None if m is None else m.start()


def plural_subject(folded: str, span: Span, before: int, lang: str) -> bool:
    """ "The two presidents", "Tərəflər", "министры" right before the event word."""
    return bool(_regexes(lang)["parties"].search(folded, max(span.start, before - 25), before))


def speech_between(folded: str, lo: int, hi: int, lang: str) -> bool:
    """A word of speech between ``lo`` and ``hi`` ("He added that…"): what follows is what was said."""
    return any(t.kind == "statement" and rx.search(folded, lo, hi) for t, rx in _trigger_regexes(lang)) or bool(
        re.search(
            r"(?<!\w)(?:added|noted|said|stressed|добавил|отметил|qeyd edib|əlavə edib|qo\W?shimcha qildi)",
            folded[lo:hi],
        )
    )


def takes_part(folded: str, span: Span, lang: str) -> bool:
    return bool(_regexes(lang)["participation"].search(folded, span.start, span.end))


def role_cue(folded: str, mention: Mention, lang: str) -> str | None:
    """chair, guest, host, delegation-head or speaker when the words next to the person say so."""
    rx = _regexes(lang)
    before = folded[max(0, mention.start - 60) : mention.start]
    after = folded[mention.end : mention.end + 45]
    if rx["delegation"].search(after[:25]) or rx["delegation"].search(before):
        return "delegation-head"
    if rx["chair"].search(before) or rx["chair"].search(after):
        return "chair"
    # "at the invitation of X" right before the name; az, uz: "Əliyevin dəvəti ilə" right after it
    if re.search(f"(?:{lx.HOST})\\s*$", before[-30:]) or rx["host"].match(after.lstrip()):
        return "host"
    if rx["guest"].search(before[-50:]) or rx["guest"].search(after[:12]) or rx["invited"].match(after.lstrip()):
        return "guest"
    if rx["speaker"].search(after):
        return "speaker"
    return None
