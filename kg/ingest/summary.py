"""An import's report as text: what matched what and how, what did not, and the rows skipped.

Nothing is linked silently: :func:`rows` lists every actor name linked to one of our records with how it
matched, every ambiguous or unmatched name (with the closest names of ours as a hint), every country name
read, every code or country left unlinked, and every bad row. :func:`tsv` is the full report
(``kg import --report FILE``); :func:`name_lines` the part the summary on standard error adds about names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kg import iris
from kg.ingest.run import ImportReport

HEADER = ("what", "value", "events", "linked_to", "how")


def _sorted(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def rows(report: ImportReport) -> list[tuple[str, str, int, str, str]]:
    """(what, value, events, linked to, how), most frequent first within each kind, then by value."""
    names, tally = report.names, report.tally
    out: list[tuple[str, str, int, str, str]] = []
    for (name, iri, how), n in sorted(names.matched.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(("actor-name", name, n, iris.compact(iri), f"same {how}"))
    for (name, candidates), n in sorted(names.ambiguous.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(("actor-name", name, n, "", f"ambiguous, not linked: {candidates}"))
    for name, n in _sorted(names.unmatched):
        hint = names.hints.get(name)
        out.append(("actor-name", name, n, "", f"not linked; closest: {hint}" if hint else "not linked"))
    for (name, code), n in sorted(names.countries_by_name.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(("country-name", name, n, iris.compact(str(iris.country(code))), "same country label"))
    for name, n in _sorted(names.unknown_countries):
        out.append(("country-name", name, n, "", "no country of ours"))
    for code, n in _sorted(tally.actor_countries):
        out.append(("actor-country", code, n, iris.compact(str(iris.country(code))), "alpha-3 code"))
    for actor, n in _sorted(tally.unmatched_actors):
        out.append(("actor", actor, n, "", "no country of ours: kept as dkg:actorCode/actorName"))
    for fips, n in _sorted(tally.unmatched_places):
        out.append(("place-fips", fips, n, "", "no country of ours"))
    for pair, n in _sorted(tally.broader_cameo):
        code, _, broader = pair.partition(" → ")
        out.append(("cameo", code, n, iris.compact(str(iris.mint("cameo", broader))), "broader concept of ours"))
    for pair, n in _sorted(tally.restored_cameo):
        written, _, code = pair.partition(" → ")
        out.append(("cameo-written", written, n, code, "read with its leading zero"))
    for code, n in _sorted(tally.unlinked_cameo):
        out.append(("cameo", code, n, "", "no concept of ours: kept as dkg:eventCode"))
    return out


def _clean(text: object) -> str:
    return str(text).replace("\t", " ").replace("\n", " ")


def tsv(report: ImportReport) -> bytes:
    """The full report, tab-separated with a header row: the bad rows first, then every value."""
    lines = ["\t".join(HEADER)]
    lines += ["\t".join(("bad-row", _clean(p), "1", "", "")) for p in report.bad]
    lines += ["\t".join(_clean(v) for v in row) for row in rows(report)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def name_lines(report: ImportReport, shown: int = 10) -> Iterable[str]:
    """What the summary says about actor names: linked (to what, how), ambiguous, unmatched."""
    names = report.names
    groups = (
        ("Actor names linked to our records", [r for r in rows(report) if r[0] == "actor-name" and r[3]]),
        ("Actor names naming several records (not linked)", [r for r in rows(report) if "ambiguous" in r[4]]),
        ("Actor names matching no record of ours", [r for r in rows(report) if r[4].startswith("not linked")]),
    )
    for title, found in groups:
        if not found:
            continue
        items = []
        for _, value, n, to, how in found[:shown]:
            if to:
                items.append(f"{value} → {to} ({n}, {how})")
            elif "closest" in how:
                items.append(f"{value} ({n}; {how.removeprefix('not linked; ')})")
            elif "ambiguous" in how:
                items.append(f"{value} ({n}: {how.removeprefix('ambiguous, not linked: ')})")
            else:
                items.append(f"{value} ({n})")
        more = f", … {len(found) - shown} more" if len(found) > shown else ""
        yield f"{title}: {', '.join(items)}{more}"
    if names.unknown_countries:
        shown_names = ", ".join(f"{k} ({n})" for k, n in _sorted(names.unknown_countries)[:shown])
        yield f"Country names of no country of ours: {shown_names}"
