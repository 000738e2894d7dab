"""``kg show``: everything the graph says about one entity."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from kg import show, show_text
from kg.cli.main import Source, cli, data_option, endpoint_options, lang_option, opened, reports_errors
from kg.graph import load
from kg.identify import Ambiguous, resolve
from kg.store import Store

FORMATS = ("text", "json", "turtle")
MAX_LISTED = 10


@cli.command("show")
@click.argument("words", nargs=-1, required=True, metavar="ID|LABEL")
@data_option
@endpoint_options
@lang_option("Language of the labels shown (others fall back to English).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="text",
    show_default=True,
    help="text to read, json for programs (ids, labels with languages, dates as values or bounds), "
    "turtle for the statements themselves.",
)
@reports_errors
def show_command(words: tuple[str, ...], data_dir: Path, endpoint: Source, lang: str, fmt: str) -> None:
    """Show an entity: labels, kind, posts, events in time order with roles, documents, and sources.

    ID|LABEL is an id (sahil-babayev, AZE), kind:id (person:sahil-babayev), an IRI, or a label or
    variant in any language and spelling (case, diacritics, o‘/oʻ/o', Latin or Cyrillic). When the
    words name several entities, or none exactly (a misspelling), the candidates are listed with their ids.

    \b
    Examples:
      kg show sahil-babayev
      kg show Сахиль Бабаев --lang ru
      kg show "Mansurbek Olloyerov" --format json
      kg show sahil-babayev --endpoint http://localhost:8000/sparql
      kg show sahil-babayev --store build/store
    """
    with opened(endpoint, lambda: load(data_dir)) as kg:
        click.echo(_shown(kg.store, " ".join(words), lang.lower(), fmt.lower()), nl=False)


def _shown(store: Store, text: str, lang: str, fmt: str) -> str:
    """What kg show prints for ``text``; several or no candidates are an error listing them."""
    try:
        iri = resolve(store, text, lang=lang)
    except Ambiguous as exc:
        if not exc.candidates:
            raise
        click.echo(f"Error: {_listing(exc)}", err=True)
        raise SystemExit(exc.exit_code) from None
    if fmt == "turtle":
        return show.turtle(store, iri)
    description = show.describe(store, iri, lang)
    width = shutil.get_terminal_size((100, 24)).columns
    return show.to_json(description) if fmt == "json" else show_text.text(description, width)


def _listing(exc: Ambiguous) -> str:
    """The error with the candidates, one ``id  label (kind)`` line each."""
    shown = exc.candidates[:MAX_LISTED]
    width = max(len(c.id) for c in shown)
    lines = [f"  {c.line(width)}" for c in shown]
    if len(exc.candidates) > MAX_LISTED:
        lines.append(f"  … and {len(exc.candidates) - MAX_LISTED} more")
    return f"{exc.message}; run kg show again with one of these ids:\n" + "\n".join(lines)
