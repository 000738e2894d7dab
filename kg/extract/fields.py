"""One event's fields in the JSON shape, from its group: date or bounds, place, people and their roles,
bodies, countries, documents and their parties, sectors, evidence, confidence (see kg.extract.events)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rapidfuzz import fuzz

from kg.extract import lexicon as lx
from kg.extract import topics
from kg.extract.article import Article
from kg.extract.dates import DateRange, narrow
from kg.extract.entities import Mention
from kg.extract.events import Group, distance, role_cue
from kg.extract.gazetteer import Gazetteer
from kg.extract.gazetteer import key as gaz_key
from kg.fuzzy import normalise as key_of
from kg.vocab import vocabulary

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


def date_range(g: Group) -> DateRange | None:
    return g.dates[0].value if g.dates else None


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
    own = date_range(g) or (date_range(g.linked) if g.linked is not None and g.kind != "statement" else None)
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
    for kind, pattern in topics.DOCUMENTS[lang]:
        for m in re.finditer(lx.B + "(?:" + pattern + ")", folded[span.start : span.end]):
            found.append((m.start() + span.start, m.end() + span.start, kind))
    if not found:
        return []
    order = [k for k, _ in topics.DOCUMENTS[lang]]
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
    return sorted(sector for sector, pattern in topics.SECTORS.items() if re.search(lx.B + "(?:" + pattern + ")", part))


def event_fields(g: Group, article: Article, folded: str, lang: str, pub: DateRange | None,
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
    vocab = vocabulary()  # the kind's default CAMEO code, the phone mode's for a call
    cameo = vocab.cameo(vocab.event_kind(g.kind), "phone" if g.mode == "phone" and g.family == "meeting" else None)
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
