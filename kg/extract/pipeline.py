"""``kg extract``'s core: one article's text to draft events in the JSON shape of
``data/schema/extraction.schema.json`` (see :mod:`kg.extract.events` for the rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kg.errors import UsageError, option
from kg.extract import lexicon as lx
from kg.extract.article import MAX_CHARS, Article, Span, read_article
from kg.extract.dates import DateRange, find_dates
from kg.extract.entities import Mention, find_mentions
from kg.extract.events import (
    Group,
    distance,
    is_frame,
    plural_subject,
    refers_back,
    role_cue,
    sentence_groups,
    singular_subject,
    speech_between,
    takes_part,
)
from kg.extract.fields import VISITS, date_range, event_fields
from kg.extract.gazetteer import Gazetteer
from kg.extract.gazetteer import stems as gaz_stems
from kg.extract.language import detect
from kg.extract.scoring import family
from kg.extract.world_places import world_cities

LANGUAGES = ("az", "en", "ru", "uz")


def parse_published(text: str | None) -> DateRange | None:
    if text is None or text == "":
        return None
    try:
        return DateRange.parse(text)
    except ValueError:
        raise UsageError(f"--published {text!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD",
                         about=option("published"), value=text) from None  # fmt: skip


def extract_text(text: str, *, lang: str = "auto", published: str | None = None, source: str | None = None,
                 gazetteer: Gazetteer) -> dict[str, Any]:  # fmt: skip
    """Draft events of one article (JSON shape): ``lang`` auto, az, en, ru or uz; ``published`` YYYY[-MM[-DD]]."""
    if lang == "auto":
        lang = detect(text)
    elif lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}", about=option("lang"), value=lang, allowed=list(LANGUAGES))
    pub = parse_published(published)
    if len(text) > MAX_CHARS:  # a news article is far shorter; this is a book, a dump or a mistake
        raise UsageError(f"the article is {len(text):,} characters long, more than {MAX_CHARS:,}: give one article "
                         "per file")  # fmt: skip
    dates = find_dates(text, lang, pub)
    article = read_article(text, dates)
    folded = lx.fold(text)
    when = (pub.earliest, pub.latest) if pub else (None, None)
    body = article.body
    mentions = [m for m in find_mentions(text, lang, gazetteer, when) if body.start <= m.start < body.end]
    mentions = [_recountry(m, gazetteer) for m in mentions]
    # cities the data lacks, from GeoNames: only where nothing of the data was found
    mentions = sorted(mentions + world_cities(text, body.start, body.end, [(m.start, m.end) for m in mentions]),
                      key=lambda m: m.start)  # fmt: skip
    groups = _article_groups(article, folded, lang, dates, mentions, pub)
    events = [event_fields(g, article, folded, lang, pub, gazetteer) for g in groups]
    return {"article": {"language": lang, "published": published or None, "source": source}, "events": events}


PEOPLE = ("person", "post")
COMPATIBLE = {"meeting": {"meeting", "gathering"}, "gathering": {"meeting", "gathering"}}


def _recountry(m: Mention, gazetteer: Gazetteer) -> Mention:
    """A body named with another state's name first ("Özbəkistan XİN", XİN being Azerbaijan's foreign ministry
    as its outlets write it): that state's body of the same name, when the data has it."""
    if m.kind != "organisation" or not m.id or m.id not in gazetteer.org_keys:
        return m
    first = m.text.split()[0] if m.text.split() else ""
    keys = gazetteer.country_by_key
    state = next((keys[k] for k in gaz_stems(first) if k in keys), None)
    if state is None or state == gazetteer.orgs[m.id][1]:
        return m
    twins = gazetteer.org_by_title.get((gazetteer.org_keys[m.id], state), [])
    if len(twins) != 1:
        return m
    label, country = gazetteer.orgs[twins[0]]
    return Mention(m.kind, m.start, m.end, m.text, twins[0], label, country, m.post, m.organisation, m.score)


def _article_groups(article: Article, folded: str, lang: str, dates: list[Any], mentions: list[Mention],
                    pub: DateRange | None) -> list[Group]:  # fmt: skip
    kept: list[Group] = []
    for index, span in enumerate(article.sentences):
        own = [m for m in mentions if span.start <= m.start < span.end]
        groups = sentence_groups(article, folded, index, lang, dates, own, first=not kept)
        if not groups:
            # a sentence with no event word may still name who took part in, led or chaired the last event
            if kept:
                joins = takes_part(folded, span, lang)
                kept[-1].mentions.extend(m for m in own if m.kind in PEOPLE and (joins or role_cue(folded, m, lang)))
            continue
        _share(folded, own, groups)
        for g in groups:
            _place_in_article(g, kept, index, folded, span, lang, pub)
    return kept


def _share(folded: str, own: list[Mention], groups: list[Group]) -> None:
    """Each name to the nearest event word; a statement only takes those said before its word, and the
    sentence's subject when it comes before every other event word ("X denied reports that Y met Z")."""
    live = [g for g in groups if not g.anaphor or g.kind == "statement"] or groups
    said = [g for g in live if g.kind == "statement" and not g.anaphor]
    first_word = min(h.start for g in groups for h in g.hits)
    subject_end = first_word
    heads = [m for m in own if m.end <= first_word and m.kind in ("person", "post", "organisation")]
    if heads:
        comma = folded.find(",", heads[0].end, first_word)
        subject_end = first_word if comma < 0 else comma
    for m in own:
        if said and m in heads and m.end <= subject_end and first_word < said[0].start:
            said[0].mentions.append(m)
            continue
        choices = [g for g in live if not (g.kind == "statement" and m.start > g.start)] or live
        _nearest(folded, m, choices).mentions.append(m)


def _place_in_article(g: Group, kept: list[Group], index: int, folded: str, span: Span, lang: str,
                      pub: DateRange | None) -> None:  # fmt: skip
    earlier = [k for k in kept if k.sentence < index]
    if g.anaphor and g.kind == "statement":
        said = [k for k in earlier if k.kind == "statement"]
        if said:
            said[-1].mentions.extend(g.mentions)
        return
    if earlier and g.dates and not g.next_or_previous and g.status in ("occurred", "planned") and _near(g, pub):
        # the news named first without a date, then dated further on ("…on a state visit." … "went to
        # Uzbekistan on a state visit on Aug 22-23"): the same event, and now it has its date
        undated = [k for k in earlier if k.family == g.family and not k.dates and not k.mentioned
                   and k.status == g.status and family(g.kind) == family(k.kind)]  # fmt: skip
        if undated:
            undated[-1].dates.extend(g.dates)
            undated[-1].mentions.extend(m for m in g.mentions if m not in undated[-1].mentions)
            return
    if earlier and not g.dates and not g.next_or_previous:
        fits = COMPATIBLE.get(g.base_family, {g.base_family}) if g.anaphor else {g.family, g.base_family}
        # the same kind again (or a word that only refers back); a more specific kind is an event of its own
        # ("a meeting of the presidents … the first meeting of the Supreme Interstate Council")
        same = [k for k in earlier if ((k.family in fits or k.base_family in fits) and (
            g.anaphor or g.kind == k.kind or g.kind == "meeting"))
            or (g.family == "generic" and not k.mentioned)]  # fmt: skip
        # named again ("По итогам встречи…"): the same event, whatever the sentence goes on to plan
        if same and (g.anaphor or g.status in ("occurred", "denied") or g.status == same[-1].status):
            back = same[-1]
            back.mentions.extend(g.mentions)
            back.status = "denied" if g.status == "denied" else back.status
            return
    if g.anaphor and not earlier:
        g.anaphor = False
    if earlier and g.generic and g.status == "occurred":
        return
    if g.next_or_previous:
        like = [k for k in earlier if k.family in ("meeting", "gathering")]
        # "the next meeting", "the previous forum": another of the kind named before
        if like and (g.kind == "meeting" or like[0].family == g.family):
            g.kind = like[0].kind
    first = [k for k in kept if k.sentence == kept[0].sentence] if kept else []
    if not kept or (first and index == first[0].sentence):
        _first_sentence([*first, g], pub)
    else:
        subject = next(k for k in kept if not k.mentioned)
        frame = is_frame(folded, span, lang)
        g.mentioned = frame or g.embedded or g.status != "occurred" or g.next_or_previous or _differs(g, subject, pub)
        if not g.mentioned:
            # it continues the news: the latest event of the news it follows ("По их итогам…", "After the
            # meeting…") gives it a date and place where it names none
            g.linked = next(k for k in reversed(kept) if not k.mentioned)
        _refer_back(g, subject, folded, span, lang)
    kept.append(g)


def _refer_back(g: Group, subject: Group, folded: str, span: Span, lang: str) -> None:
    """ "He held talks with…" adds the subject's first person; "the two presidents had signed" (or, for an event
    that continues the subject, "Tərəflər…") adds all its people."""
    theirs = sorted((m for m in subject.mentions if m.kind in PEOPLE), key=lambda m: (m.kind != "person", m.start))
    if not theirs or g.kind == "statement":
        return
    mine = [m for m in g.mentions if m.kind in PEOPLE]
    pronoun = singular_subject(folded, span, g.start, lang)
    if pronoun is not None and not any(m.start < pronoun for m in mine) and not speech_between(
            folded, pronoun, g.start, lang):  # fmt: skip
        g.mentions.append(theirs[0])
        g.borrowed.append(theirs[0])
    elif not mine and (
        plural_subject(folded, span, g.start, lang) or (not g.mentioned and refers_back(folded, span, lang))
    ):
        g.mentions.extend(theirs)
        g.borrowed.extend(theirs)


def _first_sentence(groups: list[Group], pub: DateRange | None) -> None:
    """The sentence that reports the article's news: its latest event is the subject; one that ended a month
    or more before it, and a plan or proposal beside an event that happened, are background."""
    dated = [(r, g) for g in groups if (r := date_range(g)) is not None]
    latest = max((r.latest for r, _ in dated), default=None)
    happened = [g for g in groups if g.status == "occurred" and g.kind != "statement"]
    for g in groups:
        r = date_range(g)
        early = r is not None and latest is not None and (latest - r.latest).days > 31
        plan = g.status in ("planned", "proposed") and any(k is not g for k in happened)
        g.mentioned = early or plan
    # people named once in the sentence take part in its plans as well ("invited him to pay a state visit")
    people = [m for g in groups for m in g.mentions if m.kind in PEOPLE]
    for g in groups:
        if (
            (g.mentioned and g.status in ("planned", "proposed"))
            or (not g.mentioned and g.kind in VISITS)
            or (
                not g.mentioned
                and g.kind == "meeting"
                and any((k.mentioned and k.status == "planned") or k.kind in VISITS for k in groups)
            )
        ):
            g.borrowed.extend(m for m in people if m not in g.mentions)
            g.mentions.extend(m for m in people if m not in g.mentions)


def _nearest(folded: str, m: Mention, groups: list[Group]) -> Group:
    return min(groups, key=lambda g: (min(distance(folded, (m.start, m.end), (h.start, h.end)) for h in g.hits),
                                      groups.index(g)))  # fmt: skip


def _near(g: Group, pub: DateRange | None) -> bool:
    """Its date lies within a week of the publication (the news's own days, not a recalled year)."""
    mine = date_range(g)
    if mine is None or pub is None:
        return False
    week = dt.timedelta(days=7)
    return mine.latest >= pub.earliest - week and mine.earliest <= pub.latest + week


def _differs(g: Group, subject: Group, pub: DateRange | None) -> bool:
    """A date of its own outside the subject's (the publication period when the subject gives none)."""
    mine, theirs = date_range(g), date_range(subject) or pub
    if mine is None or theirs is None:
        return False
    # a visit runs on past the day it began: what happens in the next days is still the news
    after = dt.timedelta(days=3 if subject.kind in VISITS else 0)
    return mine.latest < theirs.earliest or mine.earliest > theirs.latest + after
