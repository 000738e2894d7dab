"""People the graph lacks: a capitalised given name and surname next to a title ("deputy minister Anar
Karimov", "вазири ўринбосари Анар Каримов"), or a known surname after a given name its bearers lack."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from kg.extract import gazetteer as gz
from kg.extract.gazetteer import Gazetteer, key, latin_name
from kg.extract.spans import NAME_GAP, Built, Tok


def _sentence_start(text: str, pos: int) -> bool:
    return bool(re.search(r"(?:^|[.!?:;\n\"«“(]|\s[-–—])\s*$", text[max(0, pos - 20) : pos]))


def _is_name_word(t: Tok) -> bool:
    return t.cap and len(t.text) >= 2 and not t.text.isupper() and key(t.text) not in gz.MONTHS


GIVEN_CUTOFF = 60.0  # the surname already matched: Mövlud ~ Mevlüt (az and tr spellings), Anar ≠ Elnur


def _given_matches(tok: Tok, given: set[str]) -> bool:
    return any(fuzz.ratio(f, k) >= GIVEN_CUTOFF for f in tok.stems for k in given)


def _free_pair(text: str, toks: list[Tok], i: int, covered: set[int], apposition: bool = False) -> bool:
    """Tokens i, i+1 look like a given name and surname nobody matched (not 'the Migration Agency of')."""
    if i + 1 >= len(toks) or {i, i + 1} & covered:
        return False
    a, b = toks[i], toks[i + 1]
    if not (_is_name_word(a) and _is_name_word(b) and NAME_GAP.fullmatch(text[a.end : b.start])):
        return False
    before = toks[i - 1].text.casefold() if i else ""
    if before in ("the", "of", "and", "for", "on"):
        return False
    if apposition:
        return True
    if i + 2 < len(toks) and NAME_GAP.fullmatch(text[b.end : toks[i + 2].start]):
        after = toks[i + 2]  # the pair ends a run of capitalised words (not "Poverty Reduction Behzod Musaev")
        return not after.cap and after.text.casefold() not in ("of", "for", "and")
    return True


def new_people(text: str, toks: list[Tok], ms: list[Built], lang: str, g: Gazetteer) -> list[Built]:
    """A capitalised given name and surname the graph lacks: right after a title, or a few words after it in the
    same clause ("заместителем министра инвестиций ... Узбекистана Дильшодом Каримовым"); or a known surname
    after a given name its bearers lack."""
    covered = {i for m in ms for i in range(m.first, m.last + 1)}
    added: list[Built] = []
    for m in ms:
        if m.kind != "surname" or m.first == 0 or m.first != m.last:
            continue
        a, b = toks[m.first - 1], toks[m.first]
        if m.first - 1 in covered or not _is_name_word(a) or not NAME_GAP.fullmatch(text[a.end : b.start]):
            continue
        if _sentence_start(text, a.start):  # "Later Aliyev said": not a given name
            continue
        given: set[str] = set().union(*(g.people[c].given for c in m.candidates))
        if m.candidates and _given_matches(a, given):
            m.start, m.first = a.start, m.first - 1  # "Гусейна Гулиева": the given name belongs to the mention
            covered.add(m.first)
        elif m.candidates:
            m.kind, m.id, m.start, m.first, m.score = "person", None, a.start, m.first - 1, 0.7
            m.country = None
            m.label = f"{latin_name(a.text, lang, False)} {latin_name(b.text, lang, True)}"
            covered.add(m.first)
    for m in ms:
        if m.kind not in ("title", "post"):
            continue
        j = m.first - 2  # "Anar Karimov, deputy minister": the name before, in apposition
        if (
            j >= 0
            and re.fullmatch(r",\s*(?:the\s+)?", text[toks[j + 1].end : m.start])
            and _free_pair(text, toks, j, covered, apposition=True)
        ):
            label = f"{latin_name(toks[j].text, lang, False)} {latin_name(toks[j + 1].text, lang, True)}"
            added.append(Built("person", toks[j].start, toks[j + 1].end, j, j + 1, None, label, m.country, 0.7))
            covered |= {j, j + 1}
            continue
        i = m.last + 1
        country = m.country
        while i < len(toks) and i <= m.last + 8 and not re.search(r"[.;:!?\n]", text[toks[i - 1].end : toks[i].start]):
            if _free_pair(text, toks, i, covered):
                a, b = toks[i], toks[i + 1]
                label = f"{latin_name(a.text, lang, False)} {latin_name(b.text, lang, True)}"
                person = Built("person", a.start, b.end, i, i + 1, None, label, country, 0.7)
                if i > m.last + 1:  # words between: the phrase as written
                    person.post = text[m.start : toks[i - 1].end]
                added.append(person)
                covered |= {i, i + 1}
                break
            at = next((x for x in ms if x.first <= i <= x.last), None)
            if at is not None and at.kind in ("country", "adjective"):
                country = at.id
            elif at is not None and at.kind == "person" and at.id is None and at.post is None and at.first == i:
                if i > m.last + 1:
                    at.post = text[m.start : toks[i - 1].end]  # the phrase as written
                at.country = country
                break
            elif i in covered:
                break
            i += 1
    return sorted(ms + added, key=lambda x: x.start)
