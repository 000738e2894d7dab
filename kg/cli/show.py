"""``kg show``: everything the graph says about one entity."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from kg import show
from kg.cli.main import cli, data_option, reports_errors
from kg.graph import load


@cli.command("show")
@click.argument("words", nargs=-1, required=True, metavar="ID|LABEL")
@data_option
@click.option(
    "--lang",
    type=click.Choice(["en", "az", "ru", "uz"]),
    default="en",
    show_default=True,
    help="Language of the labels shown (others fall back to English).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="text to read, json for programs, turtle for the statements themselves.",
)
@reports_errors
def show_command(words: tuple[str, ...], data_dir: Path, lang: str, fmt: str) -> None:
    """Show an entity: labels, kind, posts, events in time order with roles, documents, and sources.

    ID|LABEL is an id (sahil-babayev, AZE), a prefixed name or IRI, or a label in any language and
    spelling (case, diacritics, o‘/oʻ/o', Latin or Cyrillic; misspellings are forgiven). When several
    entities match, they are listed with their ids.

    \b
    Examples:
      kg show sahil-babayev
      kg show Сахиль Бабаев --lang ru
      kg show "Mansurbek Oloyerov" --format json
    """
    store = load(data_dir).store
    iri = show.find(store, " ".join(words), lang)
    if fmt == "turtle":
        click.echo(show.turtle(store, iri), nl=False)
        return
    description = show.describe(store, iri, lang)
    width = shutil.get_terminal_size((100, 24)).columns
    click.echo(show.to_json(description) if fmt == "json" else show.text(description, width), nl=False)
