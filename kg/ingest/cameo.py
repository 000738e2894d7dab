"""Every CAMEO event code, to tell a code that is CAMEO from one that is not (a bad row).

The codes are those of the CAMEO codebook, version 1.1b3 (Schrodt 2012,
http://eventdata.parusanalytics.com/data.dir/cameo.html), as the GDELT Project's lookup table
CAMEO.eventcodes.txt lists them (https://www.gdeltproject.org/data/lookups/CAMEO.eventcodes.txt): the
twenty cue categories 01-20, their three-digit codes and the four-digit codes below some of them. Only the
codes are kept here; the ontology (ontology/vocabularies.ttl) names and links the ones it uses.
"""

from __future__ import annotations

# Cue category → its codes: "0-9" is the range 010-019 of category 01; a digit followed by ":a-b" has the
# four-digit codes a..b below it (category 02, "1:1-4" → 021, 0211, 0212, 0213, 0214).
_CODES = {
    "01": "0-9",
    "02": "0 1:1-4 2 3:1-4 4:1-4 5:1-6 6 7 8",
    "03": "0 1:1-4 2 3:1-4 4:1-4 5:1-6 6 7 8 9",
    "04": "0-6",
    "05": "0-7",
    "06": "0-4",
    "07": "0-5",
    "08": "0 1:1-4 2 3:1-4 4:1-2 5 6:1-3 7:1-4",
    "09": "0-4",
    "10": "0 1:1-4 2 3:1-4 4:1-4 5:1-6 6 7 8",
    "11": "0 1 2:1-5 3 4 5 6",
    "12": "0 1:1-2 2:1-4 3:1-4 4:1-6 5 6 7 8 9",
    "13": "0 1:1-3 2:1-4 3 4 5 6 7 8:1-5 9",
    "14": "0 1:1-4 2:1-4 3:1-4 4:1-4 5:1-4",
    "15": "0-4",
    "16": "0 1 2:1-3 3 4 5 6:1-3",
    "17": "0 1:1-2 2:1-4 3 4 5",
    "18": "0 1 2:1-3 3:1-3 4 5 6",
    "19": "0-6",
    "20": "0 1 2 3 4:1-2",
}


def _expand() -> frozenset[str]:
    codes: set[str] = set()
    for root, spec in _CODES.items():
        codes.add(root)
        for part in spec.split():
            digit, _, below = part.partition(":")
            if "-" in digit:
                lo, hi = digit.split("-")
                codes.update(f"{root}{d}" for d in range(int(lo), int(hi) + 1))
                continue
            codes.add(root + digit)
            if below:
                lo, hi = below.split("-")
                codes.update(f"{root}{digit}{d}" for d in range(int(lo), int(hi) + 1))
    return frozenset(codes)


CODES: frozenset[str] = _expand()
"""Every CAMEO event code: the 20 cue categories and their 3- and 4-digit codes, leading zeros kept ("040")."""


def normalise(code: str) -> str:
    """A code as a spreadsheet may have saved it, its leading zero restored (``42`` → ``042``, ``211`` →
    ``0211``): only when the code as written is not CAMEO and the restored one is."""
    code = code.strip()
    if code in CODES or not code.isdigit():
        return code
    restored = "0" + code
    return restored if restored in CODES else code


def broader(code: str) -> tuple[str, ...]:
    """The code, its three-digit base and its cue category: ``0841`` → (0841, 084, 08)."""
    return tuple(dict.fromkeys((code, code[:3], code[:2])))
