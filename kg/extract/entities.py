"""Find the people, posts, organisations, places and countries a text names, and link them to ``data/``.

Every name of the :class:`~kg.extract.gazetteer.Gazetteer` is matched word by word on spelling-neutral keys,
each text word also tried without one or two case endings (``Babayevlə``, ``Оллоёровым``, ``Nazirliyinin``) and,
for names of people and places, with a close misspelling (rapidfuzz). Overlaps go to the longest match. Then a
title next to a country becomes a post ("Özbəkistan Prezidenti" → president-uzb), a person next to a post gets it,
a capitalised name right after a title becomes an unknown person, and a bare surname takes the person it named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from kg.extract import gazetteer as gz
from kg.extract.gazetteer import WORD, Entry, Gazetteer, key, light, title_key
from kg.extract.newcomers import new_people
from kg.extract.spans import Built, Tok, tokens

FUZZY_CUTOFF = 85.0  # Usmonov ~ Usmanov (85.7); Aliyev/Aliyeva are kept apart by the prefix rule
_GAP = re.compile(r"[ \t\u00a0\-–—,'’]*")  # what may stand between two words of one name
_PRIORITY = {"person": 0, "post": 1, "organisation": 2, "place": 3, "country": 4, "adjective": 5,
             "surname": 6, "title": 7, "orgtitle": 8, "region": 9}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    kind: str  # "person" | "organisation" | "place" | "country" | "post"
    start: int
    end: int
    text: str
    id: str | None
    label: str
    country: str | None
    post: str | None
    organisation: str | None = None
    score: float = 1.0


@dataclass
class _Hit:
    entry: Entry
    first: int  # token indices, inclusive
    last: int
    score: float


class _Index:
    """The gazetteer's entries by every form of their first word, and the words open to fuzzy matching."""

    def __init__(self, g: Gazetteer) -> None:
        self.by_first: dict[str, list[Entry]] = defaultdict(list)
        fuzzy: set[str] = set()
        for e in g.entries:
            for form in {e.keys[0], *e.stemsets[0]} if e.stemsets else {e.keys[0]}:
                self.by_first[form].append(e)
            if e.kind in ("person", "surname", "place"):
                fuzzy.update(k for k in e.keys if len(k) >= 5)
        self.fuzzy = sorted(fuzzy)


@lru_cache(maxsize=4)  # a gazetteer hashes by identity: its index is built once
def _index(g: Gazetteer) -> _Index:
    return _Index(g)


def _fuzzy(tok: Tok, ix: _Index) -> dict[str, float]:
    """Close spellings of a capitalised word among the names of people and places (not mere prefixes:
    'Aliyeva' is not a misspelling of 'Aliyev')."""
    out: dict[str, float] = {}
    if not tok.cap:
        return out
    for form in tok.stems:
        if len(form) < 5:
            continue
        for cand, score, _ in process.extract(form, ix.fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5):
            if cand[0] != form[0] or cand.startswith(form) or form.startswith(cand):
                continue
            out[cand] = max(out.get(cand, 0.0), 0.85 * score / 100)
    return out


def _word_score(tok: Tok, k: str, sset: frozenset[str], fuzzy: dict[str, float]) -> float:
    level = tok.stems.get(k)
    if level is not None:
        return 1.0 if level == 0 else 0.95
    if sset and any(len(s) >= 5 and s in sset for s in tok.stems):
        return 0.9  # both inflected (Национального ~ Национальное)
    return fuzzy.get(k, 0.0)


def _joined(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end : b.start]
    if len(a.text) == 1 and re.fullmatch(r"\.\s?", gap):  # C.Bayramov, I. Aliyev
        return True
    return len(gap) <= 3 and bool(_GAP.fullmatch(gap)) and gap.strip() != ","


def _hits(text: str, toks: list[Tok], ix: _Index) -> list[_Hit]:
    fuzzies = [_fuzzy(t, ix) if not any(f in ix.by_first for f in t.stems) else {} for t in toks]
    out: list[_Hit] = []
    for i, tok in enumerate(toks):
        firsts = {f for f in tok.stems if f in ix.by_first} | {f for f in fuzzies[i] if f in ix.by_first}
        seen: set[int] = set()
        for f in firsts:
            for e in ix.by_first[f]:
                if id(e) in seen:
                    continue
                seen.add(id(e))
                hit = _match(text, toks, i, e, fuzzies)
                if hit is not None:
                    out.append(hit)
    return out


def _match(text: str, toks: list[Tok], i: int, e: Entry, fuzzies: list[dict[str, float]]) -> _Hit | None:
    n = len(e.keys)
    if i + n > len(toks):
        return None
    score = 1.0
    for j in range(n):
        tok = toks[i + j]
        if j and not _joined(text, toks[i + j - 1], tok):
            return None
        if e.acronym and not (tok.text.isupper() and tok.stems.get(e.keys[j]) == 0):
            return None
        if e.proper and not tok.cap:
            return None
        s = _word_score(tok, e.keys[j], e.stemsets[j] if e.stemsets else frozenset(), fuzzies[i + j])
        if s <= 0:
            return None
        score = min(score, s)
    if n == 1 and len(e.keys[0]) <= 3 and not e.acronym and score < 1.0:
        return None  # a short name only as written
    return _Hit(e, i, i + n - 1, score)


def _resolve(hits: list[_Hit], toks: list[Tok]) -> list[_Hit]:
    """Non-overlapping hits: longest first, then surest, then the more specific kind."""
    order = sorted(
        hits,
        key=lambda h: (-(toks[h.last].end - toks[h.first].start), -h.score, _PRIORITY[h.entry.kind], not h.entry.exact),
    )
    taken: set[int] = set()
    chosen: list[_Hit] = []
    for h in order:
        span = set(range(h.first, h.last + 1))
        if span & taken:
            continue
        taken |= span
        chosen.append(h)
    return sorted(chosen, key=lambda h: h.first)


def _extend(text: str, end: int, kind: str, lang: str) -> int:
    """Take in a hyphenated ending (İƏT-in) and, for a person in Uzbek, a following 'bilan'."""
    m = re.match(r"[-'’]([^\W\d_]{1,5})\b", text[end:])
    if m and light(m.group(1)) in gz.HYPHEN_ENDINGS:
        end += m.end()
    if kind == "person" and lang == "uz":
        m = re.match(r"\s+(bilan|билан)\b", text[end:])
        if m:
            end += m.end()
    return end


def find_mentions(
    text: str, lang: str, gazetteer: Gazetteer, when: tuple[dt.date | None, dt.date | None] = (None, None)
) -> list[Mention]:
    """All mentions, sorted by start, not overlapping (longest/most specific wins)."""
    g = gazetteer
    toks = tokens(text)
    ms = [_build(text, toks, h, g) for h in _resolve(_hits(text, toks, _index(g)), toks)]
    ms = _bodies(text, _composites(text, ms, g, lang), g)
    ms = new_people(text, toks, ms, lang, g)
    _link_people(text, ms, g, when)
    out: list[Mention] = []
    for m in ms:
        if m.kind in ("surname", "region") or (
            m.kind in ("title", "orgtitle") and m.id is None and m.country is None and not m.used
        ):
            continue
        kind = {"adjective": "country", "title": "post", "orgtitle": "organisation"}.get(m.kind, m.kind)
        end = _extend(text, m.end, kind, lang)
        m.end = end
        out.append(Mention(kind, m.start, end, text[m.start : end], m.id, m.label, m.country, m.post,
                           m.organisation, round(m.score, 3)))  # fmt: skip
    return out


def _build(text: str, toks: list[Tok], h: _Hit, g: Gazetteer) -> Built:
    e = h.entry
    start, end = toks[h.first].start, toks[h.last].end
    m = Built(e.kind, start, end, h.first, h.last, e.id, e.label, e.country, h.score)
    if e.kind == "post" and e.id:
        _, org, country = g.posts[e.id]
        m.post, m.organisation, m.country = e.id, org, country
    elif e.kind == "surname":
        m.candidates = tuple(sorted(g.surnames.get(e.keys[0], ())))
        # an initial before it narrows the candidates (C.Bayramov)
        if (
            h.first > 0
            and len(toks[h.first - 1].text) == 1
            and re.fullmatch(r"\.\s?", text[toks[h.first - 1].end : start])
        ):
            ini = key(toks[h.first - 1].text)[:1]
            m.candidates = tuple(c for c in m.candidates if any(k.startswith(ini) for k in g.people[c].given))
            m.start, m.first = toks[h.first - 1].start, h.first - 1
    elif e.kind in ("title", "orgtitle"):
        m.title, m.id = e.label, None
    return m


def _country_before(text: str, a: Built, b: Built) -> bool:
    return a.kind in ("country", "adjective") and bool(re.fullmatch(r"\s*(?:['’]s\s+)?", text[a.end : b.start]))


def _country_after(text: str, a: Built, b: Built) -> bool:
    return b.kind in ("country", "adjective") and bool(
        re.fullmatch(r"\s+(?:of\s+(?:the\s+)?(?:Republic\s+of\s+)?)?", text[a.end : b.start])
    )


def _title_key(post_or_title: str, g: Gazetteer) -> str:
    return title_key(g.posts[post_or_title][0] if post_or_title in g.posts else post_or_title, g.countries)


def _resolve_title(m: Built, country: str | None, g: Gazetteer, states: set[str] | None = None) -> None:
    assert m.title is not None
    tk = " ".join(key(w) for w in WORD.findall(m.title))
    table = g.post_by_title if m.kind == "title" else g.org_by_title
    found = table.get((tk, country), [])
    if not found and country is None:  # a title only one post (body) of the graph has
        found = [i for (k, _), ids in table.items() if k == tk for i in ids]
    if not found and m.kind == "orgtitle" and states:
        # a joint body named by its kind ("the intergovernmental commission"): the one joining the text's states
        found = [
            o for o, k in g.org_keys.items() if tk in k and len(g.org_countries[o]) > 1 and g.org_countries[o] <= states
        ]
    m.country = country
    if len(found) == 1:
        m.id = found[0]
        if m.kind == "title":
            m.label, _, _ = g.posts[m.id]
            m.post, m.organisation = m.id, g.posts[m.id][1]
        else:
            m.label = g.orgs[m.id][0]
    elif country:
        m.label = f"{m.title} of {g.countries.get(country, country)}"


_DASH_OR_SPACE = re.compile(r"\s*[-–—]\s*|\s+")


def _chain(text: str, out: list[Built], m: Built) -> list[str | None]:
    """The states written right before ``m``, joined by dashes or spaces."""
    found: list[str | None] = []
    at = m.start
    for prev in reversed(out):
        if prev.kind not in ("country", "adjective") or not _DASH_OR_SPACE.fullmatch(text[prev.end : at]):
            break
        found.append(prev.id)
        at = prev.start
    return found


def _take_states(text: str, out: list[Built], m: Built) -> None:
    while out and out[-1].kind in ("country", "adjective") and _DASH_OR_SPACE.fullmatch(text[out[-1].end : m.start]):
        prev = out.pop()
        m.start, m.first = prev.start, prev.first


def _bodies(text: str, ms: list[Built], g: Gazetteer) -> list[Built]:
    out: list[Built] = []
    for m in ms:
        if m.kind == "country" and m.id:
            before = gz.BODY_BEFORE.search(text, max(0, m.start - 120), m.start)
            after = gz.BODY_AFTER.match(text, m.end)
            last = out[-1].end if out else 0
            if before and before.start() >= last:
                label = re.sub(r"\s+", " ", text[before.start() : m.start])
                label = label + g.countries.get(m.id, m.id) if label.isascii() else text[before.start() : m.end]
                out.append(Built("organisation", before.start(), m.end, m.first, m.last, None, label, m.id, 0.7))
                continue
            nxt = next((x.start for x in ms if x.start >= m.end), len(text))
            if after and after.end() <= nxt:
                span = text[m.start : after.end()]
                out.append(Built("organisation", m.start, after.end(), m.first, m.last, None, span, m.id, 0.7))
                continue
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def _composites(text: str, ms: list[Built], g: Gazetteer, lang: str) -> list[Built]:
    """Titles and ministries joined with the country beside them ("Uzbek Foreign Minister", "МИД Узбекистана")."""
    out: list[Built] = []
    states = {m.id for m in ms if m.kind in ("country", "adjective") and m.id}
    states |= {gz.DEFAULT_COUNTRY[lang]} if lang in gz.DEFAULT_COUNTRY else set()
    i = 0
    while i < len(ms):
        m = ms[i]
        if m.kind == "organisation":
            _take_states(text, out, m)  # "Azərbaycan–Özbəkistan Ali Dövlətlərarası Şurası": part of the name
        chain = _chain(text, out, m) if m.kind == "orgtitle" else []
        if len(chain) > 1:  # "Azərbaycan–Özbəkistan <body>": the body joining them
            _take_states(text, out, m)
            _resolve_title(m, None, g, {c for c in chain if c} | states)
        elif m.kind in ("title", "orgtitle"):
            before = out[-1] if out else None
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if before is not None and _country_before(text, before, m):
                out.pop()
                _resolve_title(m, before.id, g)
                if m.id is None and m.kind == "orgtitle":
                    _resolve_title(m, None, g, states)
                m.start, m.first, m.score = before.start, before.first, min(m.score, before.score)
            elif nxt is not None and _country_after(text, m, nxt) and lang not in ("az", "uz"):
                # (az and uz put the country first: "Prezident Qazaxıstanın naziri" is not Kazakhstan's president)
                _resolve_title(m, nxt.id, g)
                m.end, m.last, m.score = nxt.end, nxt.last, min(m.score, nxt.score)
                i += 1
            elif m.kind == "orgtitle":
                _resolve_title(m, None, g, states)
                if m.id is None and lang in gz.DEFAULT_COUNTRY:
                    _resolve_title(m, gz.DEFAULT_COUNTRY[lang], g)
        out.append(m)
        i += 1
    return out


def _adjacent_post(text: str, ms: list[Built], i: int) -> Built | None:
    """The post or title written right before the person (or after it, after a comma)."""
    m = ms[i]
    if (
        i > 0
        and ms[i - 1].kind in ("post", "title")
        and len(text[ms[i - 1].end : m.start].strip(" ,")) == 0
        and ms[i - 1].end - 0 >= m.start - 3
    ):
        return ms[i - 1]
    if (
        i + 1 < len(ms)
        and ms[i + 1].kind in ("post", "title")
        and re.fullmatch(r",\s*(?:the\s+)?", text[m.end : ms[i + 1].start])
    ):
        return ms[i + 1]
    return None


def _link_people(text: str, ms: list[Built], g: Gazetteer, when: tuple[dt.date | None, dt.date | None]) -> None:
    named: list[str] = []  # people named in full so far, for later bare surnames
    for i, m in enumerate(ms):
        if m.kind == "surname":
            _pick_surname(text, m, g, when, named)
        if m.kind != "person":
            continue
        person = g.people.get(m.id) if m.id else None
        if person is not None:
            named.append(person.id)
        near = _adjacent_post(text, ms, i)
        if near is not None:
            near.used = True
        if near is not None and person is not None and near.id and g.holder(near.id, *when) not in (None, person.id):
            near = None  # "при Президенте Узбекистана Мансурбеком Оллоёровым": someone else's post
        if near is not None and near.kind == "title" and near.id is None and person is not None:
            _resolve_title(near, near.country or person.country, g)
            held = g.post_at(person.id, when)
            if near.id is None and held and near.title and _title_key(held, g).startswith(_title_key(near.title, g)):
                near.id, near.post, near.label = held, held, g.posts[held][0]  # "Nazir Bayramov": his post
                near.organisation, near.country = g.posts[held][1], g.posts[held][2]
        if m.post is not None:
            pass  # the phrase written before an unknown person
        elif near is not None and near.id:
            m.post = near.id
        elif person is not None and g.post_at(person.id, when):
            m.post = g.post_at(person.id, when)
        elif near is not None:
            m.post = near.label
        if person is None and near is not None and near.country:
            m.country = near.country
        if m.post and m.post in g.posts:
            m.organisation = g.posts[m.post][1]


def _pick_surname(
    text: str, m: Built, g: Gazetteer, when: tuple[dt.date | None, dt.date | None], named: list[str]
) -> None:
    """A bare surname: the one person bearing it, else the one named earlier, with the given name nearby,
    or in post at ``when``."""
    cands = list(m.candidates)
    if len(cands) > 1:
        earlier = [c for c in cands if c in named]
        if earlier:
            cands = [earlier[-1]]
    if len(cands) > 1:
        window = {key(w) for w in WORD.findall(text[max(0, m.start - 40) : m.start])}
        near = [c for c in cands if g.people[c].given & window]
        cands = near or cands
    if len(cands) > 1 and any(when):
        cands = [c for c in cands if g.post_at(c, when)] or cands
    if len(cands) == 1:
        p = g.people[cands[0]]
        m.kind, m.id, m.label, m.country = "person", p.id, p.label, p.country
        m.score = min(m.score, 0.9)
