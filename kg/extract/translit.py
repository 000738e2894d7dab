"""Uzbek Cyrillic <-> Latin, by the official alphabets (the 1995 Latin alphabet with oʻ, gʻ and ʼ).

Both directions keep the case of each word (``ШАВКАТ`` -> ``SHAVKAT``, ``Шавкат`` -> ``Shavkat``) and leave
everything that is not an Uzbek letter (digits, punctuation, other scripts) as it is.
"""

from __future__ import annotations

import re

# U+02BB (oʻ, gʻ) and U+02BC (the glottal stop) are the official marks; texts use all of these for them.
APOSTROPHES = "'ʻ‘’`ʼ"
_TURNED_COMMA = "\u02bb"
_STOP = "\u02bc"

_CYRL_LATN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "s", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": _STOP, "ы": "i",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "o" + _TURNED_COMMA, "қ": "q",
    "ғ": "g" + _TURNED_COMMA, "ҳ": "h",
}  # fmt: skip
_VOWELS_CYRL = set("аеёиоуэюяўыъь")
_VOWELS_LATN = set("aeiou")

# Longest first, so that digraphs win over their letters.
_LATN_CYRL = [
    ("s" + _STOP + "h", "сҳ"), ("o" + _TURNED_COMMA, "ў"), ("g" + _TURNED_COMMA, "ғ"), ("sh", "ш"), ("ch", "ч"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"), (_STOP, "ъ"),
    ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "ҳ"), ("i", "и"),
    ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "қ"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("x", "х"), ("y", "й"), ("z", "з"),
]  # fmt: skip
# y + oʻ is й + ў (yoʻl -> йўл), not ё + a stray mark
_LATN_KEYS = re.compile("|".join(re.escape(k) + (f"(?!{_TURNED_COMMA})" if k == "yo" else "") for k, _ in _LATN_CYRL))
_LATN_MAP = dict(_LATN_CYRL)
# o' and g' with any apostrophe-like mark become oʻ, gʻ; a mark elsewhere is the glottal stop ʼ.
_OG_MARK = re.compile(f"([oOgG])[{APOSTROPHES}]")
_STOP_MARK = re.compile(f"(?<=[^\\W\\d_])(?<![oOgG])[{APOSTROPHES}](?=[^\\W\\d_])")
_WORD = re.compile(r"[^\W\d_]+(?:[" + APOSTROPHES + r"][^\W\d_]+)*")


def _cased(out: str, source: str, word: str) -> str:
    """``out`` in the case of ``source`` (a letter of ``word``): a capital stays a capital, a word in
    capitals stays in capitals (``Ш`` -> ``Sh`` in ``Шавкат``, ``SH`` in ``ШАВКАТ``)."""
    if not source.isupper():
        return out
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return out.upper()
    return out[:1].upper() + out[1:]


def _cyrl_word(word: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        low = ch.lower()
        latn = _CYRL_LATN.get(low)
        if latn is None:
            out.append(ch)
            continue
        prev = word[i - 1].lower() if i else ""
        if low == "е":
            # ye at the start of a word and after a vowel or a sign (поезд -> poyezd), else e.
            latn = "ye" if not prev or prev in _VOWELS_CYRL else "e"
        elif low == "ц":
            latn = "ts" if prev in _VOWELS_CYRL and prev else "s"
        out.append(_cased(latn, ch, word))
    return "".join(out)


def uz_cyrl_to_latn(text: str) -> str:
    """Uzbek (or Russian-spelled) Cyrillic in the official Uzbek Latin alphabet: ``Тошкент`` -> ``Toshkent``."""
    return re.sub(r"[^\W\d_]+", lambda m: _cyrl_word(m.group()), text)


def _latn_word(word: str) -> str:
    word = _OG_MARK.sub(lambda m: m.group(1) + _TURNED_COMMA, word)
    word = _STOP_MARK.sub(_STOP, word)
    out: list[str] = []
    pos = 0
    while pos < len(word):
        m = _LATN_KEYS.match(word.lower(), pos)
        if m is None:
            out.append(word[pos])
            pos += 1
            continue
        key = m.group()
        cyrl = _LATN_MAP[key]
        if key == "e" and pos == 0:
            cyrl = "э"  # e at the start of a word is э (ekspert -> эксперт); ye is е
        source = word[pos : pos + len(key)]
        upper = any(c.isupper() for c in source)
        out.append(_cased(cyrl, source[0].upper() if upper else source[0], word))
        pos += len(key)
    return "".join(out)


def uz_latn_to_cyrl(text: str) -> str:
    """Uzbek Latin in Uzbek Cyrillic: ``Olloyorov`` -> ``Оллоёров``, ``oʻtgan`` (or ``o'tgan``) -> ``ўтган``."""
    return _WORD.sub(lambda m: _latn_word(m.group()), text)
