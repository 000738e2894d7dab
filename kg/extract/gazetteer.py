"""The names the graph knows — people, posts, organisations, places (from ``data/``) and every country (babel) —
as token sequences in a spelling-neutral form, ready for :mod:`kg.extract.entities` to find in a text.

Names are compared on :func:`light` / :func:`heavy` forms: case, script (Uzbek and Russian Cyrillic), diacritics and
the usual transcription variants (ş/sh, c/j, x/kh/h, q/k, y-glides, double letters) fold away, so that "Babaev",
"Babayev" and "Бабаев" are one key. Suffix stripping happens between the two steps (see :func:`stems`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from unidecode import unidecode

from kg import dates as kgdates
from kg.errors import LoadError
from kg.extract.translit import uz_cyrl_to_latn
from kg.loader import load_records

WORD = re.compile(r"[^\W\d_]+(?:['ʻ‘’`ʼ][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTERS = str.maketrans(
    {"ə": "a", "ä": "a", "ş": "sh", "ç": "ch", "ğ": "g", "ö": "o", "ü": "u", "ı": "i", "ғ": "g", "ё": "yo"}
)
_GLIDE = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
_DOUBLE = re.compile(r"(.)\1+")

# Case and possessive endings (in light form), longest first: az, uz, then Russian.
SUFFIXES = sorted(
    {
        "nin", "nun", "in", "un", "ni", "nu", "na", "ya", "a", "da", "dan", "la", "yla", "i", "u", "si", "su",
        "sin", "sina", "sinda", "dir", "lar", "lari", "larin", "ning", "ga", "ka", "dagi", "ta", "tan", "nda",
        "ndan", "yi", "yu", "e", "ye", "om", "yom", "em", "yem", "im", "iy", "oy", "ey", "ay", "aya", "oye", "oe",
        "ogo", "ego", "yego", "omu", "emu", "ih", "ah", "ami", "yami", "uyu", "yuyu", "ym", "oyu", "ie", "iye", "s",
    },
    key=len,
    reverse=True,
)  # fmt: skip
MIN_STEM = 3


def light(word: str) -> str:
    """Lower-case ASCII with the consonant variants unified ('Ceyhun', 'Джейхун' → 'jeyhun')."""
    w = word.casefold()
    if _CYRILLIC.search(w):
        w = uz_cyrl_to_latn(w).casefold()
    w = unidecode(w.translate(_LETTERS)).lower()
    w = re.sub(r"[^a-z0-9]", "", w)
    w = w.replace("kh", "h").replace("x", "h").replace("dj", "j").replace("ch", "\x01").replace("c", "j")
    # Azerbaijani q and g both stand for English g (Quliyev, Guliyev), Uzbek q for k: one letter for all
    w = w.replace("\x01", "ch").replace("gh", "g").replace("q", "k").replace("g", "k")
    return w.replace("w", "v")


def heavy(form: str) -> str:
    """A light form with y-glides and doubled letters dropped ('babayev' → 'babaev', 'olloyorov' → 'olloorov')."""
    return _DOUBLE.sub(r"\1", _GLIDE.sub("", form))


def key(word: str) -> str:
    return heavy(light(word))


def stems(word: str, depth: int = 2) -> dict[str, int]:
    """Heavy forms of the word with up to ``depth`` endings removed → how many were removed."""
    out: dict[str, int] = {}
    frontier = [light(word)]
    for level in range(depth + 1):
        nxt: list[str] = []
        for form in frontier:
            h = heavy(form)
            if h not in out:
                out[h] = level
            if level < depth:
                nxt.extend(form[: -len(s)] for s in SUFFIXES if form.endswith(s) and len(form) - len(s) >= MIN_STEM)
        frontier = nxt
    return out


def words(text: str) -> list[str]:
    return WORD.findall(text)


@dataclass(frozen=True)
class Entry:
    """One name of one thing. ``kind`` adds to Mention's kinds: "surname", "title" (a post's title without its
    country, e.g. "Minister of Foreign Affairs"), "orgtitle" ("Ministry of Foreign Affairs") and "adjective"."""

    kind: str
    id: str | None
    keys: tuple[str, ...]
    label: str
    country: str | None = None
    acronym: bool = False  # match only in capitals
    proper: bool = False  # every word must be capitalised in the text
    exact: bool = False  # the name as given in data/ (not a derived form)
    stemsets: tuple[frozenset[str], ...] = ()  # each word's forms without a case ending (for Russian)


@dataclass
class Position:
    post: str
    start: dt.date | None  # earliest possible start
    start_by: dt.date | None  # latest possible start
    end_from: dt.date | None  # earliest possible end
    end: dt.date | None  # latest possible end


@dataclass
class Person:
    id: str
    label: str
    country: str | None
    given: set[str]  # heavy keys of the given names
    positions: list[Position] = field(default_factory=list)


def _names(data: Any) -> list[tuple[str, str]]:
    """(language, name) of a record's ``name`` and ``alt``."""
    out: list[tuple[str, str]] = []
    for lang, value in (data.get("name") or {}).items():
        out.append((lang, str(value)))
    for lang, values in (data.get("alt") or {}).items():
        out.extend((lang, str(v)) for v in (values if isinstance(values, list) else [values]))
    return out


def _first(value: Any) -> dt.date | None:
    return kgdates.first_day(kgdates.normalise(str(value))) if value else None


def _last(value: Any) -> dt.date | None:
    return kgdates.last_day(kgdates.normalise(str(value))) if value else None


def _position(p: Any) -> Position:
    start, end = p.get("start"), p.get("end")
    return Position(
        str(p["post"]),
        _first(start or p.get("start_earliest")),
        _last(start or p.get("start_latest")),
        _first(end or p.get("end_earliest")),
        _last(end or p.get("end_latest")),
    )


def _alpha3(alpha2: str) -> str | None:
    c = pycountry.countries.get(alpha_2=alpha2)
    return str(c.alpha_3) if c is not None else None


# Adjectives and demonyms the four languages use for the region's states (Russian ones in the masculine;
# the matcher strips case endings on both sides, so "узбекской" meets "узбекский").
ADJECTIVES: dict[str, tuple[str, ...]] = {
    "AZE": ("Azerbaijani", "Azeri", "азербайджанский", "Azərbaycan", "azərbaycanlı", "ozarbayjonlik", "озарбайжонлик"),
    "UZB": ("Uzbek", "узбекский", "özbək", "özbəkistanlı", "o'zbek", "ўзбек", "oʻzbekistonlik", "ўзбекистонлик"),
    "KAZ": ("Kazakh", "казахский", "казахстанский", "qazax", "qozoq", "қозоқ"),
    "KGZ": ("Kyrgyz", "киргизский", "кыргызский", "qırğız", "qirgʻiz", "қирғиз"),
    "TJK": ("Tajik", "таджикский", "tacik", "tojik", "тожик"),
    "TKM": ("Turkmen", "туркменский", "türkmən", "turkman", "туркман"),
    "TUR": ("Turkish", "турецкий", "türk", "turk", "турк"),
    "RUS": ("Russian", "российский", "rus", "rossiya"),
}


class Gazetteer:
    """Every known name as an :class:`Entry`, plus the people's tenures and the post/organisation titles."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.country_keys: set[str] = set()
        self.people: dict[str, Person] = {}
        self.posts: dict[str, tuple[str, str | None, str | None]] = {}  # id → (label, organisation, country)
        self.orgs: dict[str, tuple[str, str | None]] = {}  # id → (label, country)
        self.org_countries: dict[str, set[str]] = {}  # id → its country or the states it joins
        self.org_keys: dict[str, str] = {}  # id → title key of its English label
        self.places: dict[str, tuple[str, str | None]] = {}
        self.countries: dict[str, str] = {}  # alpha-3 → English name
        self.post_by_title: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        self.org_by_title: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        self.surnames: dict[str, set[str]] = defaultdict(set)  # heavy surname key → person ids

    # -- building -------------------------------------------------------------------------------------------
    def add(self, kind: str, ident: str | None, name: str, label: str, country: str | None, exact: bool) -> None:
        toks = words(name)
        keys = tuple(key(t) for t in toks)
        if not keys or not all(keys):
            return
        acronym = len(toks) == 1 and toks[0].isupper() and len(toks[0]) <= 6
        proper = kind in ("person", "surname", "place", "country") and all(t[:1].isupper() for t in toks)
        sets = tuple(frozenset(s for s in stems(t, 1) if len(s) >= 5) for t in toks)
        self.entries.append(Entry(kind, ident, keys, label, country, acronym, proper, exact, sets))

    @classmethod
    def from_data(cls, data_dir: Path) -> Gazetteer:
        if not Path(data_dir).is_dir():
            raise LoadError(f"data folder '{data_dir}' not found")
        records, _ = load_records(Path(data_dir))
        g = cls()
        g._add_countries()
        by_kind: dict[str, list[Any]] = defaultdict(list)
        for r in records:
            by_kind[r.kind].append(r)
        for r in by_kind["organisation"]:
            label, country = str(r.data["name"]["en"]), r.data.get("country")
            g.orgs[r.id] = (label, country)
            g.org_keys[r.id] = title_key(label, g.countries)
            g.org_countries[r.id] = set(r.data.get("countries") or []) | ({country} if country else set())
            g.org_by_title[(g.org_keys[r.id], country)].append(r.id)
            g._add_titled("organisation", r.id, r.data, label, country)
        for r in by_kind["place"]:
            label, country = str(r.data["name"]["en"]), r.data.get("country")
            g.places[r.id] = (label, country)
            for _, name in _names(r.data):
                g.add("place", r.id, name, label, country, True)
        for r in by_kind["post"]:
            label, org = str(r.data["name"]["en"]), r.data.get("organisation")
            country = g.orgs.get(str(org), ("", None))[1] if org else None
            g.posts[r.id] = (label, org, country)
            g.post_by_title[(title_key(label, g.countries), country)].append(r.id)
            g._add_titled("post", r.id, r.data, label, country)
        for r in by_kind["person"]:
            g._add_person(r.id, r.data)
        for surname, ids in g.surnames.items():
            country = {g.people[i].country for i in ids}
            only = next(iter(country)) if len(country) == 1 else None
            g.entries.append(Entry("surname", None, (surname,), surname, only, proper=True))
        _add_titles(g)
        return g

    @functools.cached_property
    def country_by_key(self) -> dict[str, str]:
        """A one-word country name's key → its alpha-3 code ("ozbekistan" → UZB)."""
        return {e.keys[0]: str(e.id) for e in self.entries if e.kind == "country" and len(e.keys) == 1 and e.id}

    @classmethod
    def empty(cls) -> Gazetteer:
        """Countries and common titles only: for text read with no data folder at hand."""
        g = cls()
        g._add_countries()
        _add_titles(g)
        return g

    def _add_titled(self, kind: str, ident: str, data: Any, label: str, country: str | None) -> None:
        """A post's or body's names, and as titles (country left to the context) the same names without their
        state: "Minister of Culture", "Ijtimoiy himoya milliy agentligi"."""
        title, title_kind = title_of(label, self.countries), "title" if kind == "post" else "orgtitle"
        for lang, name in _names(data):
            self.add(kind, ident, name, label, country, True)
            for short in {title_of(name, self.countries) if lang == "en" else name, self.without_country(name)}:
                if short != name:
                    self.add(title_kind, title, short, title, None, False)

    def _add_person(self, ident: str, data: Any) -> None:
        label, country = str(data["name"]["en"]), data.get("country")
        person = Person(ident, label, country, set(), [_position(p) for p in data.get("positions") or []])
        self.people[ident] = person
        for _, name in _names(data):
            toks = words(name)
            self.add("person", ident, name, label, country, True)
            if len(toks) >= 2:
                person.given.add(key(toks[0]))
                if not re.fullmatch(r"[A-ZА-ЯƏİ]\.?", toks[-1]):
                    self.surnames[key(toks[-1])].add(ident)
            # "C.Bayramov" in data: the surname alone after an initial
            m = re.fullmatch(r"\s*(\w)\.\s*(\w+)\s*", name)
            if m:
                self.surnames[key(m.group(2))].add(ident)

    def _add_countries(self) -> None:
        locales = (Locale("en"), Locale("az"), Locale("ru"), Locale("uz"), Locale.parse("uz_Cyrl"))
        english: dict[str, str] = dict(locales[0].territories)
        codes = {c: _alpha3(c) for c in english if c.isalpha() and len(c) == 2}
        self.countries = {a3: english[c] for c, a3 in codes.items() if a3}
        for loc in locales:
            for code, name in loc.territories.items():
                a3 = codes.get(code)
                if a3:
                    self.add("country", a3, str(name), self.countries[a3], a3, True)
                    if len(words(str(name))) == 1:
                        self.country_keys.add(key(str(name)))
                elif code.isdigit():  # world regions ("Central Asia", "Markaziy Osiyo"): never a person's name
                    self.add("region", None, str(name), str(name), None, False)
        extra = {"TUR": ("Turkey", "Турецкая Республика"), "AZE": ("Азербайджанская Республика",)}
        for a3, names in extra.items():
            for name in names:
                self.add("country", a3, name, self.countries[a3], a3, True)
        for a3, forms in ADJECTIVES.items():
            for form in forms:
                self.add("adjective", a3, form, self.countries[a3], a3, False)

    def without_country(self, name: str) -> str:
        """The name without the states it starts with ("Oʻzbekiston Respublikasi Prezidenti huzuridagi Ijtimoiy
        himoya milliy agentligi" → "Ijtimoiy himoya milliy agentligi"), when at least two words are left."""
        toks = list(WORD.finditer(name))
        i = 0
        while i < len(toks) - 2 and any(f in self.country_keys or f in _LEADING for f in stems(toks[i].group())):
            i += 1
        if i and toks[i - 1].group().casefold() in ("prezidenti", "президенти") and i < len(toks) - 2:
            i += 1  # "... Prezidenti huzuridagi" / "yanında": under the President
        return name[toks[i].start() :] if i else name

    # -- tenures --------------------------------------------------------------------------------------------
    def holders(self, post: str, earliest: dt.date | None, latest: dt.date | None) -> list[str]:
        """People whose positions' bounds allow them to have held ``post`` over the period."""
        out = []
        for p in self.people.values():
            for pos in p.positions:
                if pos.post != post:
                    continue
                if latest is not None and pos.start is not None and pos.start > latest:
                    continue
                if earliest is not None and pos.end is not None and pos.end < earliest:
                    continue
                out.append(p.id)
                break
        return out

    def holder(self, post: str, earliest: dt.date | None, latest: dt.date | None) -> str | None:
        found = self.holders(post, earliest, latest)
        if len(found) > 1 and (earliest or latest):
            # one holder at a time: drop those someone else certainly succeeded before the period began
            tenures = {i: [p for p in self.people[i].positions if p.post == post] for i in found}
            ref = earliest or latest

            def superseded(x: str) -> bool:
                xs = [p.start_by or p.start for p in tenures[x]]
                return all(s is not None for s in xs) and any(
                    y != x
                    and p.start_by is not None
                    and ref is not None
                    and p.start_by <= ref
                    and (p.start or p.start_by) > max(s for s in xs if s is not None)
                    for y in found
                    for p in tenures[y]
                )

            found = [x for x in found if not superseded(x)]
        return found[0] if len(found) == 1 else None

    def term(self, person: str, post: str) -> tuple[dt.date | None, dt.date | None]:
        p = self.people.get(person)
        starts = [pos for pos in (p.positions if p else []) if pos.post == post]
        if not starts:
            return (None, None)
        first = None if any(s.start is None for s in starts) else min(s.start for s in starts if s.start)
        last = None if any(s.end is None for s in starts) else max(s.end for s in starts if s.end)
        return (first, last)

    def post_at(self, person: str, when: tuple[dt.date | None, dt.date | None]) -> str | None:
        """The one post the person may have held over ``when`` (all their posts when ``when`` is open)."""
        p = self.people.get(person)
        if p is None:
            return None
        held = {pos.post for pos in p.positions if person in self.holders(pos.post, *when)}
        if len(held) > 1 and any(when):
            held = {h for h in held if self.holder(h, *when) == person} or held
            # one post at a time: the latest appointment known before the period's end
            by = when[1] or when[0]
            starts = {pos.post: pos.start_by for pos in p.positions if pos.post in held and pos.start_by}
            known = sorted((d, post) for post, d in starts.items() if by is not None and d <= by)
            if len(known) == len(held) and (len(known) == 1 or known[-1][0] > known[-2][0]):
                held = {known[-1][1]}
        return next(iter(held)) if len(held) == 1 else None


_LEADING = {key(w) for w in words("Respublikasi Respublikasının Respublikası va və Prezidenti Республики")}
_AZ_LATIN = str.maketrans({"ə": "a", "Ə": "A", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "ğ": "gh", "ı": "i",
                           "İ": "I", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "x": "kh", "X": "Kh", "c": "j",
                           "C": "J", "q": "g", "Q": "G"})  # fmt: skip


def latin_name(word: str, lang: str, surname: bool) -> str:
    """A name word in English Latin letters, without the case ending the text put on it
    ("Дильшодом" → "Dilshod", "Məmmədli" → "Mammadli")."""
    if re.search(r"[\u0400-\u04ff]", word):
        if lang == "ru":
            pat = r"(.+(?:ов|ев|ёв|ин))(?:ым|а|у|е)$" if surname else r"(.+?[бвгджзклмнпрстфхцчшщ])(?:ом|ем|ым|а|у|е)$"
            m = re.fullmatch(pat, word)
            word = m.group(1) if m else word
        word = uz_cyrl_to_latn(word).replace("x", "kh").replace("X", "Kh")
    elif surname:  # endings after -ov/-ev, and those only a vowel-final name takes (Nurtleunu, Nurtleuni)
        m = re.fullmatch(r"(.+(?:ov|ev|ova|eva))(?:un|ün|a|ə|la|lə|ylə|nun|in|ın|nin|nın|ya|yə|ni|ga|u|ü|ning)", word)
        m = m or re.fullmatch(r"(.+[aeiouəıöü])(?:n[ıiuü]n?|y[ləa]+|ning|ni|ga|ya|yə|da|də|dan|dən)", word)
        word = m.group(1) if m else word
    if lang == "az":
        word = word.translate(_AZ_LATIN)
    word = re.sub(r"[ʻ‘’`ʼ']", "", unidecode(word.replace("ʻ", "")))
    return word[:1].upper() + word[1:]


_OF_COUNTRY = r"\s+(?:of|to|in|under)\s+(?:the\s+)?(?:Republic\s+of\s+)?(?:the\s+)?"


def title_key(label: str, countries: dict[str, str]) -> str:
    """The key of :func:`title_of`: 'minister of julture'."""
    return " ".join(key(w) for w in words(title_of(label, countries)))


def title_of(label: str, countries: dict[str, str]) -> str:
    """A post's or body's English label without its country ('Minister of Culture of the Republic of X' →
    'Minister of Culture'); 'Ambassador Extraordinary and Plenipotentiary of X to Y' → 'Ambassador'."""
    s = re.sub(r"\bExtraordinary and Plenipotentiary\s*", "", label)
    s = re.sub(r"\s+to\s+(?:the\s+)?(?:Republic\s+of\s+)?\S.*$", "", s) if s.startswith("Ambassador") else s
    names = "|".join(sorted((re.escape(n) for n in countries.values()), key=len, reverse=True))
    return re.sub(f"(?:{_OF_COUNTRY})(?:{names}|Kyrgyz Republic|Turkey)$", "", s)


# Common titles where data/ labels lack a language: English title → phrases (any language).
TITLES: dict[str, tuple[str, ...]] = {
    "President": ("President", "Prezident", "Президент", "Cumhurbaşkanı"),
    "Prime Minister": ("Prime Minister", "Premier", "Baş nazir", "Премьер-министр", "Bosh vazir", "Бош вазир"),
    "Deputy Prime Minister": ("Deputy Prime Minister", "Baş nazirin müavini", "вице-премьер",
                              "заместитель премьер-министра", "Bosh vazir oʻrinbosari", "Бош вазир ўринбосари"),
    "Minister of Foreign Affairs": ("Foreign Minister", "Minister of Foreign Affairs", "Foreign Affairs Minister",
                                    "xarici işlər naziri", "министр иностранных дел", "глава МИД",
                                    "tashqi ishlar vaziri", "ташқи ишлар вазири"),
    "Deputy Minister of Foreign Affairs": ("Deputy Foreign Minister", "Deputy Minister of Foreign Affairs",
                                           "xarici işlər nazirinin müavini", "xarici işlər naziri müavini",
                                           "заместитель министра иностранных дел", "замминистра иностранных дел",
                                           "tashqi ishlar vaziri oʻrinbosari", "ташқи ишлар вазири ўринбосари"),
    "Minister of Economy": ("Economy Minister", "Minister of Economy", "iqtisadiyyat naziri", "министр экономики",
                            "iqtisodiyot vaziri", "иқтисодиёт вазири"),
    "Minister of Culture": ("Culture Minister", "Minister of Culture", "mədəniyyət naziri", "министр культуры",
                            "madaniyat vaziri", "маданият вазири"),
    "Deputy Minister of Culture": ("Deputy Minister of Culture", "mədəniyyət nazirinin müavini",
                                   "заместитель министра культуры", "madaniyat vaziri oʻrinbosari",
                                   "маданият вазири ўринбосари"),
    "Minister of Transport": ("Transport Minister", "Minister of Transport", "nəqliyyat naziri",
                              "министр транспорта", "transport vaziri", "транспорт вазири"),
    "Ambassador": ("Ambassador", "səfir", "səfiri", "посол", "elchi", "elchisi", "элчи", "элчиси"),
    "Deputy Minister": ("Deputy Minister", "nazir müavini", "nazirin müavini", "заместитель министра", "замминистра",
                        "vazir oʻrinbosari", "вазир ўринбосари", "вазири ўринбосари", "vaziri oʻrinbosari"),
    "Director": ("Director", "direktor", "direktoru", "директор", "direktori", "директори"),
    "Deputy Director": ("Deputy Director", "direktor müavini", "заместитель директора", "direktor oʻrinbosari"),
    "Head": ("Head", "rəhbəri", "rəhbər", "глава", "руководитель", "rahbari", "раҳбари"),
    "Minister": ("Minister", "nazir", "naziri", "министр", "vazir", "vaziri", "вазир", "вазири"),
    "Secretary General": ("Secretary General", "Secretary-General", "Baş katib", "Генеральный секретарь",
                          "генсек", "Bosh kotib", "Бош котиб"),
    "Press Secretary": ("Press Secretary", "mətbuat katibi", "пресс-секретарь", "matbuot kotibi"),
}  # fmt: skip
ORG_TITLES: dict[str, tuple[str, ...]] = {
    "Ministry of Foreign Affairs": ("Foreign Ministry", "Ministry of Foreign Affairs", "Foreign Affairs Ministry",
                                    "Xarici İşlər Nazirliyi", "МИД", "Министерство иностранных дел",
                                    "Tashqi ishlar vazirligi", "Ташқи ишлар вазирлиги"),
    "Ministry of Economy": ("Ministry of Economy", "Economy Ministry", "İqtisadiyyat Nazirliyi",
                            "Министерство экономики", "Iqtisodiyot vazirligi"),
    "Ministry of Culture": ("Ministry of Culture", "Culture Ministry", "Mədəniyyət Nazirliyi",
                            "Министерство культуры", "Madaniyat vazirligi", "Маданият вазирлиги"),
    "Ministry of Transport": ("Ministry of Transport", "Transport Ministry", "Nəqliyyat Nazirliyi",
                              "Министерство транспорта", "Transport vazirligi", "Транспорт вазирлиги"),
    "Embassy": ("Embassy", "Səfirliyi", "Посольство", "Elchixonasi", "Элчихонаси"),
    "Cabinet of Ministers": ("Cabinet of Ministers", "Nazirlər Kabineti", "Кабинет министров",
                             "Vazirlar Mahkamasi", "Вазирлар Маҳкамаси"),
    "Joint Intergovernmental Commission": ("Intergovernmental Commission", "Hökumətlərarası Komissiya",
                                           "межправительственная комиссия", "Hukumatlararo komissiya",
                                           "Ҳукуматлараро комиссия"),
}  # fmt: skip


def _add_titles(g: Gazetteer) -> None:
    for title, phrases in TITLES.items():
        for phrase in phrases:
            g.add("title", title, phrase, title, None, False)
    for title, phrases in ORG_TITLES.items():
        for phrase in phrases:
            g.add("orgtitle", title, phrase, title, None, False)


# Words the matcher needs beside the names.
HYPHEN_ENDINGS = frozenset(WORD.findall("in nin a ya da dan un nun ga ning ni i u na la yla e y ye"))
DEFAULT_COUNTRY = {"az": "AZE", "uz": "UZB"}  # a national outlet's unqualified ministry is its own
MONTHS = {key(m) for m in WORD.findall(
    "January February March April May June July August September October November December "
    "Yanvar Fevral Mart Aprel May Iyun Iyul Avgust Sentyabr Oktyabr Noyabr Dekabr Iyun Iyul Sentabr "
    "Январь Января Февраля Марта Апреля Мая Июня Июля Августа Сентября Октября Ноября Декабря "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday")}  # fmt: skip


# A body the graph lacks, named with its state: "Ministry of Water Resources of Kazakhstan" (before the country),
# "Министерство водных ресурсов Казахстана", "Qazaxıstanın Su Ehtiyatları Nazirliyi" (after it).
BODY_BEFORE = re.compile(
    r"\b(?:(?:Ministry|Agency|Committee|Service) of (?:[A-Z][\w-]*,?\s+(?:and\s+)?){1,5}of\s+(?:the\s+)?"
    r"(?:Republic\s+of\s+)?|(?:Министерств|Агентств|Комитет|Служб)\w*(?:\s+[а-яё]+){1,5}\s+)$"
)
BODY_AFTER = re.compile(
    r"\s+(?:[^\W\d_][\w'ʻ’]*\s+(?:və\s+|va\s+)?){1,5}?(?:[Nn]azirliy|[Aa]gentliy|[Kk]omitə|[Vv]azirlig|"
    r"[Aa]gentlig|[Qq]o[ʻ'’]mita)\w*"
)
