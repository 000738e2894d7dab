"""``kg extract``: news articles to draft events (kg.extract), and ``--check`` of a draft against the graph."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kg.cli.main import cli, reports_errors
from kg.errors import LoadError, UsageError, option
from kg.files import write_atomically

FORMATS = ("yaml", "json")


def _articles(paths: tuple[Path, ...]) -> list[Path]:
    """The files named, and the .txt files of the folders named (sorted), each once."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise UsageError(f"{path}: the folder holds no .txt article")
            out.extend(found)
        else:
            out.append(path)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]


def _read(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path}: not UTF-8 text (byte {exc.start}); save the article as UTF-8 plain text") from None


def _render(result: dict[str, Any], fmt: str, path: Path, known: set[str], publisher: str | None) -> str:
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    from kg.extract.draft_records import source_id_for, to_yaml

    source_id = source_id_for(result["article"]["source"], path.stem)
    return to_yaml(result, source_id=source_id, known=known, publisher=publisher, what=str(path))


@cli.command("extract")
@click.argument("articles", nargs=-1, type=click.Path(exists=True, path_type=Path, allow_dash=True))
@click.option(
    "--lang",
    type=click.Choice(["auto", "az", "en", "ru", "uz"], case_sensitive=False),
    default="auto",
    show_default=True,
    help="Language of the articles; auto tells az, en, ru and uz (Latin or Cyrillic) apart. E.g. --lang az.",
)
@click.option(
    "--published",
    metavar="YYYY[-MM[-DD]]",
    help='When the articles were published: relative dates ("last October", "keçən həftə") are resolved '
    "against it, and an event reported with no date lies within it. E.g. --published 2024-03-05.",
)
@click.option(
    "--publisher",
    metavar="NAME",
    help="Who published the articles, for the YAML drafts' source record "
    "[default: the --source address's host]. E.g. --publisher AZERTAC.",
)
@click.option("--source", metavar="URL", help="The article's address, kept as the drafts' source. E.g. --source "
              "https://azertag.az/xeber/…")  # fmt: skip
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="yaml",
    show_default=True,
    help="yaml: records in the data format, to review and move into data/; json: the shape of "
    "data/schema/extraction.schema.json. E.g. --format json.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (atomically); with several articles or a folder, a folder that gets one draft per "
    "article, named after it. Default: standard output. E.g. -o drafts/.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The curated data whose people, organisations, posts and places names are linked to [default: data/ "
    "when it exists]. E.g. --data data.",
)
@click.option(
    "--check",
    "check_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Instead of extracting: report what the draft FILE (YAML or JSON, as kg extract writes) would add to "
    "the graph of --data, or contradict in it; exit 1 when something contradicts. E.g. --check draft.yaml.",
)
@click.option("--quiet", is_flag=True, help="No progress bar and no summary on standard error.")
@reports_errors
def extract_command(
    articles: tuple[Path, ...],
    lang: str,
    published: str | None,
    source: str | None,
    publisher: str | None,
    fmt: str,
    output: Path | None,
    data_dir: Path | None,
    check_file: Path | None,
    quiet: bool,
) -> None:
    """Draft events from plain-text news articles in Azerbaijani, English, Russian or Uzbek.

    An article is an optional dateline line ("BAKU, Oct 4 (AZERTAC)."), an optional title line and a blank
    line, then the body. Each event the text states becomes a draft: its kind and CAMEO code, its status
    (occurred, planned, proposed, postponed, cancelled, denied), whether it is the article's news or only
    mentioned, its date or bounds, its place, its participants, bodies, countries, documents and sectors, the
    exact words that state it (evidence) and a confidence. People, organisations, posts and places are linked
    to the ids of --data through all their labels and variants, inflected or spelled differently; people the
    graph lacks are proposed as new records. Nothing is written to data/: review the drafts first.

    \b
    Examples:
      kg extract article.txt --published 2024 --source https://azertag.az/xeber/... -o draft.yaml
      kg extract article.txt --lang ru --published 2024-04-17 --format json
      kg extract news/ --published 2025 --format json -o drafts/
      kg extract --check draft.yaml
    """
    if data_dir is None and Path("data").is_dir():
        data_dir = Path("data")
    if check_file is not None:
        _check(check_file, data_dir, articles)
        return
    if not articles:
        raise UsageError("name at least one article (a .txt file, a folder of them, or - for standard input)")
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.pipeline import extract_text, parse_published

    parse_published(published)  # a bad --published is reported before any article is read
    if source is not None:
        from kg.extract.draft_records import source_id_for

        source_id_for(source, "x")  # an address that is not http(s) is refused up front
    gazetteer = Gazetteer.from_data(data_dir) if data_dir is not None else Gazetteer.empty()
    paths = [Path("-")] if articles == (Path("-"),) else _articles(articles)
    many = len(paths) > 1 or any(p.is_dir() for p in articles)
    if many and output is not None and output.exists() and not output.is_dir():
        raise UsageError(f"-o {output}: several articles need a folder, and this is a file", about=option("output"))
    fmt = fmt.lower()
    results: list[tuple[Path, dict[str, Any]]] = []
    bar = None
    if many and not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(paths), unit="article", file=sys.stderr)
    for path in paths:
        text = _read(path)
        if not text.strip() and not quiet:
            click.echo(f"Note: {path}: the file holds no text.", err=True)
        try:
            result = extract_text(text, lang=lang.lower(), published=published, source=source, gazetteer=gazetteer)
        except UsageError as exc:
            raise UsageError(f"{path}: {exc.message}") from None
        results.append((path, result))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    known: set[str] = set()
    if fmt == "yaml" and data_dir is not None:
        from kg.loader import load_records

        known = {r.id for r in load_records(data_dir)[0]}
    _write(results, fmt, output, many, known, publisher)
    if fmt == "yaml" and source is None and not quiet:
        click.echo("Note: no --source address: the drafts' source records need a url before they validate.", err=True)
    if not quiet:
        events = sum(len(r["events"]) for _, r in results)
        new = sum(1 for _, r in results for e in r["events"] for p in e["participants"] if p["id"] is None)
        click.echo(f"Drafted {events} events from {len(results)} article(s); {new} participant(s) not in the graph "
                   "proposed as new records.", err=True)  # fmt: skip


def _write(results: list[tuple[Path, dict[str, Any]]], fmt: str, output: Path | None, many: bool, known: set[str],
           publisher: str | None) -> None:  # fmt: skip
    suffix = ".json" if fmt == "json" else ".yaml"
    if not many:
        path, result = results[0]
        text = _render(result, fmt, path, known, publisher)
        if output is None:
            click.echo(text, nl=False)
        else:
            write_atomically(output, text.encode("utf-8"))
        return
    if output is None:
        if fmt == "json":
            for _, result in results:  # JSON Lines: one article per line
                click.echo(json.dumps(result, ensure_ascii=False, sort_keys=False))
        else:
            click.echo("".join("---\n" + _render(r, fmt, p, known, publisher) for p, r in results), nl=False)
        return
    output.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()
    for path, result in results:
        name = path.stem + suffix
        n = 2
        while name in names:  # two articles called the same in different folders
            name = f"{path.stem}-{n}{suffix}"
            n += 1
        names.add(name)
        write_atomically(output / name, _render(result, fmt, path, known, publisher).encode("utf-8"))


def _check(check_file: Path, data_dir: Path | None, articles: tuple[Path, ...]) -> None:
    if articles:
        raise UsageError("--check reads a draft, not articles: give it alone", about=option("check"))
    if data_dir is None:
        raise UsageError("--check compares with the curated data: give --data DIR (no data/ folder here)",
                         about=option("data"))  # fmt: skip
    from kg.extract.draft_check import check_draft

    findings = check_draft(check_file, data_dir)
    for finding in findings:
        click.echo(f"{finding.level}\t{finding.record}\t{finding.message}")
    conflicts = sum(1 for f in findings if f.level == "conflict")
    click.echo(f"{len(findings)} finding(s), {conflicts} contradiction(s).", err=True)
    if conflicts:
        raise SystemExit(1)
