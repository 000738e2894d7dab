"""Which of our four languages a news text is in: Azerbaijani, English, Russian or Uzbek (either script).

Rules, not a model: the letters only one of the languages uses (ə; ў қ ғ ҳ; ы щ), the Uzbek oʻ/gʻ marks, and
the commonest function words of each. On short news texts these decide better than the general-purpose
identifiers, and the one PyPI identifier that works offline and knows Azerbaijani (lingua) has no Uzbek.
"""

from __future__ import annotations

import re
from typing import Literal

from kg.extract.translit import APOSTROPHES

Language = Literal["az", "en", "ru", "uz"]
LANGUAGES: tuple[Language, ...] = ("az", "en", "ru", "uz")


def _words(text: str) -> list[str]:
    return text.split()


# Words frequent in news and rare in the other three (in the same script).
_WORDS: dict[Language, frozenset[str]] = {
    "en": frozenset(
        _words(
            "the of and to in is was were for on with that by from at as has have will said its an be "
            "this which their are it not minister president talks"
        )
    ),
    "az": frozenset(
        _words(
            "və ilə üçün olan olub edib bu da də isə arasında haqqında qeyd etdi oldu görüş "
            "nazir nazirinin respublikasının il ildə tərəfindən bildirib"
        )
    ),
    "uz": frozenset(
        _words(
            "va bilan uchun bu ham bo'yicha boʻyicha yil yilda qilindi bo'ldi boʻldi o'rtasida oʻrtasida "
            "kelasi o'tgan joriy oy kuni vaziri respublikasi haqida etildi mumkin kuni ushbu hamda"
        )
        + _words(
            "ва билан учун бу ҳам бўйича йил йилда қилинди бўлди ўртасида вазири республикаси ҳақида "
            "этилди мумкин куни ушбу ҳамда келаси ўтган жорий ой"
        )
    ),
    "ru": frozenset(
        _words(
            "и в на не что с по для это как от о из к года году был была были также между министр "
            "министра республики встреча заявил"
        )
    ),
}
# Word endings: Uzbek suffixes (in both scripts) and Russian inflections.
_ENDINGS: dict[Language, tuple[str, ...]] = {
    "uz": (
        "ning",
        "larni",
        "lari",
        "gan",
        "moqda",
        "ladi",
        "dagi",
        "ishdi",
        "shdi",
        "нинг",
        "лари",
        "ган",
        "моқда",
        "лади",
        "даги",
        "ишди",
        "шди",
        "лар",
        "ни",
        "di",
        "ga",
        "ди",
        "га",
        "дан",
    ),
    "ru": ("ого", "ему", "ая", "ый", "ий", "ые", "ся", "ть", "ами", "ией", "ость", "ции", "ов"),
    "en": ("tion", "ing", "ed", "ly"),
    "az": ("ları", "ləri", "nın", "nin", "dır", "dir", "mış", "miş", "ub", "ib", "ması", "məsi"),
}
_TOKEN = re.compile(f"[^\\W\\d_]+(?:[{APOSTROPHES}][^\\W\\d_]+)*")
_UZ_MARK = re.compile(f"[oOgG][{APOSTROPHES}ʻ]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u0259\u018f]")


def _normal_word(word: str) -> str:
    # one spelling of the oʻ mark, so that o'rtasida and oʻrtasida are the same word
    return re.sub(f"[{APOSTROPHES}]", "'", word.lower())


_NORMAL_WORDS = {lang: frozenset(_normal_word(w) for w in table) for lang, table in _WORDS.items()}


def detect(text: str) -> Language:
    """The language of ``text``; ``en`` when there is nothing to go on (empty text, digits only)."""
    sample = text[:20000]
    words = [_normal_word(w) for w in _TOKEN.findall(sample)]
    scores: dict[Language, float] = dict.fromkeys(LANGUAGES, 0.0)
    for word in words:
        for lang in LANGUAGES:
            if word in _NORMAL_WORDS[lang]:
                scores[lang] += 1.0
            elif len(word) > 4 and word.endswith(_ENDINGS[lang]):
                scores[lang] += 0.5
    low = sample.lower()
    # Letters that settle it: ə only in Azerbaijani; ў қ ғ ҳ only in Uzbek; ы щ only in Russian.
    scores["az"] += 3.0 * low.count("ə") + 1.0 * (low.count("ğ") + low.count("ı"))
    scores["uz"] += 3.0 * sum(low.count(c) for c in "ўқғҳ") + 2.0 * len(_UZ_MARK.findall(sample))
    scores["ru"] += 2.0 * (low.count("ы") + low.count("щ"))
    # Uzbek Latin writes sh, ch, q and x where Azerbaijani writes ş, ç, q and x; English has w and th.
    scores["uz"] += 0.5 * (low.count("sh") + low.count("ch")) if "ş" not in low and "ç" not in low else 0.0
    scores["az"] += 1.0 * sum(low.count(c) for c in "şçöü")
    scores["en"] += 0.5 * (low.count("w") + low.count("th"))
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    # A script rules out the languages that are not written in it (Russian in Latin, English in Cyrillic).
    if cyrillic > latin:
        scores["en"] = scores["az"] = -1.0
    elif latin:
        scores["ru"] = -1.0
    else:
        return "en"
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == "en"))
    if scores[best] <= 0:
        return "ru" if cyrillic > latin else "en"
    return best
