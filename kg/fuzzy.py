"""The one "did you mean" matcher, and the normalisation that makes names match across spellings.

Ids, codes, kinds and query names are compared as written (rapidfuzz's ratio); names are compared
after :func:`normalise`, which folds case, diacritics, Uzbek apostrophes and Cyrillic into plain ASCII words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from unidecode import unidecode

ID_CUTOFF = 60.0
NAME_CUTOFF = 85.0
_BEFORE_UNIDECODE = str.maketrans({"ə": "a", "Ə": "A", "ё": "yo", "Ё": "Yo"})


def closest(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = ID_CUTOFF) -> list[str]:
    """Up to ``limit`` choices most like ``word``, best first (ties alphabetically); none below ``cutoff``."""
    options = sorted(set(choices))
    found = process.extract(word, options, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff)
    return [name for name, _, _ in sorted(found, key=lambda m: (-m[1], m[0]))[:limit]]


def normalise(text: str) -> str:
    """Lower-case ASCII words: 'Oʻzbekiston' → 'ozbekiston', 'Сахиль Бабаев' → 'sakhil babaev'."""
    ascii_text = unidecode(text.translate(_BEFORE_UNIDECODE)).casefold()
    ascii_text = re.sub(r"['`]", "", ascii_text)
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


def name_score(query: str, name: str) -> float:
    """How well a normalised query matches a normalised name (0–100), forgiving word order and typos."""
    return float(fuzz.token_sort_ratio(query, name))


def similar_names(query: str, names: Iterable[str], cutoff: float = NAME_CUTOFF) -> dict[str, float]:
    """The normalised names that a normalised query may be a misspelling of, with their scores."""
    found = process.extract(query, list(names), scorer=fuzz.token_sort_ratio, score_cutoff=cutoff, limit=None)
    return {name: float(score) for name, score, _ in found}


def similar_words(word: str, words: Iterable[str], cutoff: float = NAME_CUTOFF) -> dict[str, float]:
    """The words that ``word`` may be a misspelling of, with their scores ("aliev" ~ "aliyev": 91)."""
    found = process.extract(word, list(words), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return {w: float(score) for w, score, _ in found}
