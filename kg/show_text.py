"""``kg show`` as text to read: a :class:`kg.show.Description` laid out and wrapped to the terminal."""

from __future__ import annotations

import textwrap

from kg import iris
from kg.show import Cited, Dated, Description, EventLink, Ref, Tenure, Value


def _name(ref: Ref | None) -> str:
    if ref is None:
        return ""
    short = iris.shorten(ref.iri)
    return f"{ref.label} ({short})" if ref.label else short


def _dates(dates: list[Dated]) -> str:
    return " or ".join(str(d.when) for d in dates) if dates else "undated"


def _span(t: Tenure) -> str:
    if t.start is None and t.end is None:
        return "undated"
    return f"{t.start or '…'}/{t.end or '…'}"


def text(d: Description, width: int = 100) -> str:
    """The description as readable text, wrapped to ``width``."""
    out = [f"{d.label} ({iris.shorten(d.iri)})", d.iri, f"kind: {', '.join(c.removeprefix('dkg:') for c in d.classes)}"]
    if d.dates or d.kind == "event":  # an event with no date says so
        out.append(f"date: {_dates(d.dates)}")
    if d.sources or d.speaks:
        cited = [f"{s} ({d.speaks[s]})" if s in d.speaks else s for s in sorted({*d.sources, *d.speaks})]
        out.extend(
            textwrap.wrap(f"sources: {', '.join(cited)}", width, subsequent_indent="    ", break_on_hyphens=False)
        )

    def section(title: str, lines: list[tuple[str, Cited]]) -> None:
        if not lines:
            return
        out.extend(["", f"{title}:"])
        for line, stated in lines:
            cited = f"  [{stated.shown()}]" if stated.shown() else ""
            out.extend(
                textwrap.wrap(
                    line + cited, width, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False
                )
            )

    pad = max((len(lab.lang or "-") for lab in d.labels), default=2)
    section(
        "labels", [(f"{lab.lang or '-':<{pad}}  {lab.text}{_FORM_NOTE.get(lab.form, '')}", lab) for lab in d.labels]
    )
    section("statements", [(f"{s.property}: {_shown_value(s.property, s.value)}", s) for s in d.statements])
    section("posts", [(f"{_name(t.post)}  {_span(t)}", t) for t in d.posts])
    section("events", [(f"{_dates(e.dates)}  {_name(e.event)}: {_relation(e)}", e) for e in d.events])
    section(
        "documents",
        [
            (f"{doc.date or 'undated'}  {_name(doc.document)}: {doc.property.removeprefix('dkg:')}", doc)
            for doc in d.documents
        ],
    )
    return "\n".join(out) + "\n"


_FORM_NOTE = {"variant": " (variant)", "hidden": " (former name)"}


def _shown_value(prop: str, value: Ref | Value) -> str:
    if isinstance(value, Value):
        return value.value
    if prop == "dkg:location" and value.kind == "country":  # a place known only as a country
        return f"{value.label or value.id} (country)"
    return _name(value)


def _relation(e: EventLink) -> str:
    if e.role is None:
        return (e.property or "").removeprefix("dkg:")
    return f"{e.role}, as {_name(e.post)}" if e.post else e.role
