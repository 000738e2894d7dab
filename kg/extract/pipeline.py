"""``kg extract``'s core: one article's text to draft events in the JSON shape of
``data/schema/extraction.schema.json`` (see :mod:`kg.extract.events` for the rules)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rapidfuzz import fuzz

from kg.errors import UsageError, option
from kg.extract import lexicon as lx
from kg.extract.article import MAX_CHARS, Article, Span, read_article
from kg.extract.dates import DateRange, find_dates, narrow
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
from kg.extract.gazetteer import Gazetteer
from kg.extract.gazetteer import key as gaz_key
from kg.extract.gazetteer import stems as gaz_stems
from kg.extract.language import detect
from kg.extract.world_places import world_cities
from kg.fuzzy import normalise as key_of

LANGUAGES = ("az", "en", "ru", "uz")
KIND_CAMEO = {
    "business-forum": "040", "ceremony": "050", "conference": "040", "construction-initiative": "030",
    "decision": "030", "donation": "070", "event": "050", "initiative": "030", "interstate-body-meeting": "040",
    "meeting": "040", "official-visit": "042", "opening": "060", "session": "040", "signing": "057",
    "state-visit": "042", "statement": "010", "summit": "044", "visit": "042", "working-visit": "042",
}  # fmt: skip
DOCUMENT_TITLES = {
    "memorandum-of-understanding": "Memorandum of Understanding", "treaty": "Treaty", "agreement": "Agreement",
    "action-plan": "Action Plan", "protocol": "Protocol", "joint-statement": "Joint Statement", "document": "Document",
}  # fmt: skip
HOSTED = {"visit", "state-visit", "official-visit", "working-visit", "conference", "summit", "business-forum",
          "opening", "session", "interstate-body-meeting", "event", "ceremony", "construction-initiative"}  # fmt: skip
VISITS = {"visit", "state-visit", "official-visit", "working-visit"}
INITIATIVES = {"initiative", "construction-initiative"}
_LOCATIVE = {
    "az": re.compile(r"(?:da|də|ta|tə|dan|dən|ya|yə|na|nə)$"),
    "uz": re.compile(r"(?:da|ga|ka|qa|дa|да|га|ка|қа)$"),
}
_PREPOSITION = {
    "en": re.compile(r"(?:\bin|\bto|\bat|\binto|\bfrom)\s+(?:the\s+)?(?:city of\s+)?$"),
    "ru": re.compile(r"(?<!\w)(?:в|во|на|из)\s+(?:город\w*\s+|г\.\s*)?$"),
}


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
    events = [_event(g, article, folded, lang, pub, gazetteer) for g in groups]
    return {"article": {"language": lang, "published": published or None, "source": source}, "events": events}


PEOPLE = ("person", "post")
FAMILY_OF = {"state-visit": "visit", "official-visit": "visit", "working-visit": "visit"}
COMPATIBLE = {"meeting": {"meeting", "gathering"}, "gathering": {"meeting", "gathering"}}


def _country_keys(gazetteer: Gazetteer) -> dict[str, str]:
    cached = _COUNTRY_KEYS.get(id(gazetteer))
    if cached is None:
        cached = {e.keys[0]: str(e.id) for e in gazetteer.entries if e.kind == "country" and len(e.keys) == 1 and e.id}
        _COUNTRY_KEYS[id(gazetteer)] = cached
    return cached


_COUNTRY_KEYS: dict[int, dict[str, str]] = {}


def _recountry(m: Mention, gazetteer: Gazetteer) -> Mention:
    """A body named with another state's name first ("Özbəkistan XİN", XİN being Azerbaijan's foreign ministry
    as its outlets write it): that state's body of the same name, when the data has it."""
    if m.kind != "organisation" or not m.id or m.id not in gazetteer.org_keys:
        return m
    first = m.text.split()[0] if m.text.split() else ""
    keys = _country_keys(gazetteer)
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
                   and k.status == g.status and g.kind in (k.kind, FAMILY_OF.get(k.kind))]  # fmt: skip
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
    dated = [(r, g) for g in groups if (r := _range(g)) is not None]
    latest = max((r.latest for r, _ in dated), default=None)
    happened = [g for g in groups if g.status == "occurred" and g.kind != "statement"]
    for g in groups:
        r = _range(g)
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


def _range(g: Group) -> DateRange | None:
    return g.dates[0].value if g.dates else None


def _near(g: Group, pub: DateRange | None) -> bool:
    """Its date lies within a week of the publication (the news's own days, not a recalled year)."""
    mine = _range(g)
    if mine is None or pub is None:
        return False
    week = dt.timedelta(days=7)
    return mine.latest >= pub.earliest - week and mine.earliest <= pub.latest + week


def _differs(g: Group, subject: Group, pub: DateRange | None) -> bool:
    """A date of its own outside the subject's (the publication period when the subject gives none)."""
    mine, theirs = _range(g), _range(subject) or pub
    if mine is None or theirs is None:
        return False
    # a visit runs on past the day it began: what happens in the next days is still the news
    after = dt.timedelta(days=3 if subject.kind in VISITS else 0)
    return mine.latest < theirs.earliest or mine.earliest > theirs.latest + after


def _place(g: Group, article: Article, folded: str, lang: str, gazetteer: Gazetteer) -> dict[str, Any] | None:
    if g.kind == "statement" or (g.family == "meeting" and g.mode in ("video", "phone")):
        return None
    for m in g.mentions:
        if m.kind == "place" and (_locative(m, folded, lang, gazetteer) or _destination(g, m, folded, lang)):
            return {"id": m.id, "label": m.label, "country": m.country}
    for m in g.mentions:
        if m.kind == "country" and (_locative(m, folded, lang, gazetteer) or _destination(g, m, folded, lang)):
            return {"id": None, "label": m.label, "country": m.id}
    ours = lx.OUR_COUNTRY.get(lang)
    if ours:
        span = article.sentences[g.sentence]
        hit = re.search(lx.B + ours[0], folded[span.start : span.end])
        if hit:
            code = ours[1]
            return {"id": None, "label": gazetteer.countries.get(code, code), "country": code}
    return None


def _destination(g: Group, m: Mention, folded: str, lang: str) -> bool:
    """The country a visit goes to ("посетит Узбекистан", "visit Uzbekistan") or that hosts the event."""
    if lang == "en" and re.match(r"\s+(?:host|will host|is hosting|to host)", folded[m.end : m.end + 20]):
        return True
    if lang == "en" and re.search(r"hosted by (?:the )?$", folded[max(0, m.start - 15) : m.start]):
        return True
    return g.kind in VISITS and any(0 <= m.start - h.end <= 3 for h in g.hits)


_ENVOY = re.compile(r"(?:ambassador|envoy|embassy|consul\w*|посол\w*|посольств\w*|консул\w*)\W+(?:\w+\W+)?$")


def _locative(m: Mention, folded: str, lang: str, gazetteer: Gazetteer) -> bool:
    word = folded[m.start : m.end]
    if lang in _LOCATIVE and gaz_key(word) in gazetteer.country_keys:  # "Türkiyə", "Rusiya": the name itself
        return False
    if _ENVOY.search(folded[max(0, m.start - 30) : m.start]):  # "Ambassador to Uzbekistan": where the envoy serves
        return False
    if lang in _LOCATIVE:
        city = re.match(r"\s+(?:şəhər|shahr|шаҳр|qəsəbə)\w*", folded[m.end : m.end + 15])
        return bool(_LOCATIVE[lang].search(word) or city) and not re.search(r"(?:dagi|даги|дағи|dakı|dəki)$", word)
    return bool(_PREPOSITION[lang].search(folded[max(0, m.start - 12) : m.start]))


def _bounds(g: Group, pub: DateRange | None) -> tuple[dt.date | None, dt.date | None, dt.date | None, bool]:
    """date, earliest, latest, and whether the text itself gave them."""
    own = _range(g) or (_range(g.linked) if g.linked is not None and g.kind != "statement" else None)
    if own is not None:
        return (own.date, None, None, True) if own.date else (None, own.earliest, own.latest, True)
    if g.mentioned or g.status != "occurred" or pub is None:
        return None, None, None, False
    if pub.precision == "day":  # reported by then, not necessarily that day
        return None, None, pub.latest, False
    return None, pub.earliest, pub.latest, False


# A "new person" whose name holds one of these is a body the linker took for a name ("Əməkdaşlıq Şurası").
_BODY_WORD = re.compile(
    r"\b(?:shura\w*|sura\w*|council|sovet\w*|kengash\w*|agentlik\w*|agency|nazirlik\w*|ministry|"
    r"komit\w*|committee|tashkilot\w*|teskilat\w*|organi[sz]ation|merkez\w*|markaz\w*|cent(?:er|re)|"
    r"fond\w*|fund|bank\w*|universitet\w*|university|assambl\w*|assembly|parlament\w*|states?|"
    r"dovlat\w*|davlat\w*|gosudarstv\w*)\b"
)
_PLURAL = re.compile(
    r"ministers|nazirlər|министр(?:ов|ами|ы)\b|vazirlar|вазирлар|presidents|prezidentlər|"
    r"президент(?:ов|ы)\b|prezidentlari|президентлари|leaders|liderlər|лидер(?:ов|ы)\b|rahbarlari|раҳбарлари"
)
# A post that only qualifies the title after it ("президенти матбуот котиби", "Prezidentinin köməkçisi"): the
# person is its press secretary or aide, not its holder.
_SUBORDINATE = re.compile(
    r"\W*(?:matbuot kotib|матбуот котиб|mətbuat katib|press secretary|spokes\w+|пресс-секретар|"
    r"aide|assistant|adviser|advisor|помощник|советник|köməkçi|müşavir|yordamchi|ёрдамчи|"
    r"maslahatchi|маслаҳатчи|administration|администрац|administratsiya|маъмурият|"
    r"press service|пресс-служб|mətbuat xidmət|matbuot xizmat|матбуот хизмат|apparat|аппарат)"
)
_HEAD = re.compile(r"(?:president|prime-minister|vice-president)")  # heads of state or government sign for states
_UNDER = re.compile(r"(?:при|under|yanında|huzuridagi|ҳузуридаги|qoshidagi|қошидаги|of the)\s*$")


def _people(g: Group, gazetteer: Gazetteer, folded: str, when: tuple[dt.date | None, dt.date | None]) -> list[Mention]:
    """The people of an event: named ones first, then the holders of the posts named alone ("Özbəkistan
    Prezidentinin"), not a post inside a body's name ("агентство при Президенте"). A name the graph lacks
    beside a post whose holder it resembles is that holder (Usmonov, deputy minister → bobur-usmanov)."""
    named = [m for m in g.mentions if m.kind == "person" and not (m.id is None and _BODY_WORD.search(key_of(m.label)))]
    held: list[Mention] = []
    for m in g.mentions:
        if m.kind != "post" or not m.id or _UNDER.search(folded[max(0, m.start - 15) : m.start]):
            continue
        if _PLURAL.search(folded[m.start : m.end + 6]):  # "xarici işlər nazirlərinin": several holders
            continue
        if _SUBORDINATE.match(folded, m.end):
            continue
        holder = gazetteer.holder(m.id, *when)
        person = gazetteer.people.get(holder) if holder else None
        if person is None:
            continue
        held.append(Mention("person", m.start, m.end, m.text, person.id, person.label,
                            person.country or m.country, m.id, m.organisation, m.score * 0.9))  # fmt: skip
    out: list[Mention] = []
    for m in named:
        if m.id is None:
            twin = next((h for h in held if h.post == m.post and fuzz.token_sort_ratio(
                key_of(h.label), key_of(m.label)) >= 75), None)  # fmt: skip
            if twin is not None:
                m = Mention("person", m.start, m.end, m.text, twin.id, twin.label, twin.country, twin.post,
                            twin.organisation, m.score)  # fmt: skip
        out.append(m)
    out.extend(held)
    kept: list[Mention] = []
    for m in sorted(out, key=lambda m: (m.kind != "person" or m.post is None, 0)):
        if any((p.id is not None and p.id == m.id) or (p.id is None and p.label == m.label) for p in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _role(g: Group, m: Mention, index: int, destination: str | None, folded: str, lang: str) -> str:
    cue = role_cue(folded, m, lang)
    if cue in ("delegation-head", "chair", "host") or (cue == "guest" and g.kind not in VISITS):
        return cue
    if g.kind == "signing":
        return "signatory"
    if g.kind == "statement":
        return "speaker"
    if g.kind in INITIATIVES or g.status == "proposed":
        return "organiser"
    if g.kind in VISITS:
        return "host" if destination is not None and m.country == destination else "visitor"
    if g.receive:
        return "host" if index == 0 else "guest"
    return cue or "participant"


def _documents(g: Group, article: Article, folded: str, lang: str, people: list[Mention], bodies: list[Mention],
               countries: list[str], gazetteer: Gazetteer) -> list[dict[str, Any]]:  # fmt: skip
    if g.kind != "signing":
        return []
    span = article.sentences[g.sentence]
    found: list[tuple[int, int, str]] = []
    for kind, pattern in lx.DOCUMENTS[lang]:
        for m in re.finditer(lx.B + "(?:" + pattern + ")", folded[span.start : span.end]):
            found.append((m.start() + span.start, m.end() + span.start, kind))
    if not found:
        return []
    order = [k for k, _ in lx.DOCUMENTS[lang]]
    near = min(
        found, key=lambda f: (order.index(f[2]), min(distance(folded, (f[0], f[1]), (h.start, h.end)) for h in g.hits))
    )
    if near[2] in ("treaty", "agreement"):  # between states (or their governments)
        parties = countries
    elif people and not all(_HEAD.match(p.post or "") for p in people):
        # ministers sign for their ministries: the body of each signer's post, else the signer's country
        parties = sorted({gazetteer.posts.get(p.post or "", ("", None, None))[1] or p.country or "" for p in people})
        parties = [x for x in parties if x]
    elif people:
        parties = sorted({p.country for p in people if p.country})
    elif bodies:
        parties = sorted({b.id for b in bodies if b.id})
    else:
        parties = []
    return [{"kind": near[2], "title": DOCUMENT_TITLES[near[2]], "parties": parties or countries}]


def _evidence(g: Group, article: Article) -> list[str]:
    span = article.sentences[g.sentence]
    text = article.text
    points = [(h.start, h.end) for h in g.hits if span.start <= h.start < span.end]
    points += [(d.start, d.end) for d in g.dates if span.start <= d.start < span.end]
    points += [c for c in g.cues if span.start <= c[0] < span.end]
    start, end = min(p[0] for p in points), max(p[1] for p in points)
    if end - start > 240:
        start, end = points[0]
    # widen to whole words, a few words either side
    lo = text.rfind(" ", span.start, max(span.start, start - 25))
    start = span.start if lo < 0 else lo + 1
    hi = text.find(" ", min(span.end, end + 25), span.end)
    end = span.end if hi < 0 else hi
    piece = text[start:end].strip(" ,;:")
    return [piece]


def _sectors(g: Group, article: Article, folded: str) -> list[str]:
    span = article.sentences[g.sentence]
    part = folded[span.start : span.end]
    return sorted(sector for sector, pattern in lx.SECTORS.items() if re.search(lx.B + "(?:" + pattern + ")", part))


def _event(g: Group, article: Article, folded: str, lang: str, pub: DateRange | None,
           gazetteer: Gazetteer) -> dict[str, Any]:  # fmt: skip
    date, earliest, latest, from_text = _bounds(g, pub)
    place = _place(g, article, folded, lang, gazetteer)
    if place is None and g.kind != "statement" and g.mode is None:
        for other in (g.framed_by, g.linked):
            if other is not None and place is None:
                place = _place(other, article, folded, lang, gazetteer)
    when = (date, date) if date else (earliest, latest)
    people = _people(g, gazetteer, folded, when if any(when) else ((pub.earliest, pub.latest) if pub else when))
    if (not from_text and people and earliest is not None) or (not from_text and latest is not None and people):
        # the publication period narrowed by the participants' terms in the posts the text gives them
        bounds = DateRange(earliest or dt.date.min, latest or dt.date.max, "day")
        for p in people:
            if p.id and p.post:
                narrowed = narrow(bounds, gazetteer.term(p.id, p.post))
                bounds = narrowed or bounds
        earliest = bounds.earliest if earliest is not None else None
        latest = bounds.latest if latest is not None else None
    if g.mentioned:  # a background event: only the people named with it, not the sentence's speakers
        people = [
            p
            for p in people
            if role_cue(folded, p, lang)
            or min(distance(folded, (p.start, p.end), (h.start, h.end)) for h in g.hits) <= 50
            or p in g.borrowed
        ]
    destination = place["country"] if place else None
    participants = [
        {
            "id": p.id,
            "label": p.label,
            "mention": p.text,
            "role": _role(g, p, i, destination, folded, lang),
            "post": p.post,
            "country": p.country,
        }
        for i, p in enumerate(people)
    ]
    bodies: list[Mention] = []
    for m in g.mentions:
        if m.kind == "organisation" and not any(b.id == m.id and b.label == m.label for b in bodies):
            bodies.append(m)
    countries = {p.country for p in people if p.country}
    countries |= {b.country for b in bodies if b.country}
    own = article.sentences[g.sentence]  # a country named in a later sentence is a topic, not a party
    countries |= {
        m.id for m in g.mentions
        if m.kind == "country" and m.id and own.start <= m.start < own.end
        and not (place and place["id"] is None and place["country"] == m.id and g.kind not in HOSTED)
    }  # fmt: skip
    if place and place["country"] and g.kind in HOSTED:
        countries.add(place["country"])
    country_list = sorted(countries)
    cameo = "041" if g.mode == "phone" and g.family == "meeting" else KIND_CAMEO[g.kind]
    confidence = 0.45 + 0.2 * bool(people or bodies) + 0.1 * from_text + 0.1 * (not g.embedded)
    confidence += 0.1 * (not g.mentioned) - 0.2 * (g.kind in ("event", "ceremony", "initiative"))
    return {
        "kind": g.kind,
        "cameo": cameo,
        "status": g.status,
        "mentioned": g.mentioned,
        "date": date.isoformat() if date else None,
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
        "place": place,
        "participants": participants,
        "organisations": [{"id": b.id, "label": b.label, "mention": b.text} for b in bodies],
        "countries": country_list,
        "documents": _documents(g, article, folded, lang, people, bodies, country_list, gazetteer),
        "sectors": _sectors(g, article, folded),
        "evidence": _evidence(g, article),
        "confidence": round(max(0.05, min(0.99, confidence)), 2),
    }
