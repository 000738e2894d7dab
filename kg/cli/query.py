"""``kg query``: ask the graph in SPARQL, with stored queries and bound parameters."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import click

from kg.cli.main import cli, reports_errors
from kg.errors import UsageError
from kg.graph import load
from kg.queries import answer, find_query, parse_assignments, stored_queries
from kg.reasoning import REASONING
from kg.results import GRAPH_FORMATS, TABLE_FORMATS, render
from kg.terms import labels_of

DEFAULT_DATA = Path("data")


def split_data(paths: tuple[Path, ...]) -> tuple[Path, tuple[Path, ...]]:
    """``--data`` values: at most one folder (instead of data/), any number of RDF files to add."""
    folders = [p for p in paths if p.is_dir()]
    if len(folders) > 1:
        raise UsageError(f"--data names {len(folders)} folders; give one folder and any number of RDF files")
    return (folders[0] if folders else DEFAULT_DATA), tuple(p for p in paths if not p.is_dir())


def list_text(width: int) -> str:
    """Each stored query: its name, then its title and parameters wrapped beside it."""
    queries = stored_queries()
    col = min(max(len(q.name) for q in queries), 40) + 2
    out = []
    for q in queries:
        params = f"parameters: {', '.join(str(p) for p in q.params)}" if q.params else ""
        for k, para in enumerate(x for x in (q.title, params) if x):
            lines = textwrap.wrap(para, max(width - col, 20), break_on_hyphens=False)
            first = q.name.ljust(col) if k == 0 else " " * col
            out.append(first + lines[0])
            out.extend(" " * col + line for line in lines[1:])
    return "\n".join(out) + "\n"


@cli.command("query")
@click.argument("query_ref", metavar="QUERY", required=False)
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A data folder (instead of data/), or an RDF file to add (.ttl .nt .nq .trig .jsonld); repeatable.",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to an RDF term: an id (AZE, sahil-babayev), a prefixed name (country:AZE), "
    'an <IRI>, a date (2023-08), "text", "text"@az or "value"^^xsd:date; repeatable.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*TABLE_FORMATS, *GRAPH_FORMATS]),
    default="table",
    show_default=True,
    help="SELECT/ASK: table, csv, tsv, json. CONSTRUCT/DESCRIBE: turtle, ntriples, jsonld.",
)
@click.option(
    "--reasoning",
    type=click.Choice(REASONING),
    default="none",
    show_default=True,
    help="rdfs: answer queries written with schema.org, ORG, PROV, SEM… terms by RDFS entailment.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the stored queries with title and parameters.")
@reports_errors
def query_command(
    query_ref: str | None,
    data_paths: tuple[Path, ...],
    params: tuple[str, ...],
    fmt: str,
    reasoning: str,
    list_queries: bool,
) -> None:
    """Run a SPARQL query (a .rq file or a stored query) on the knowledge graph.

    The default graph is the union of all sources' graphs; GRAPH ?source { … } tells which source
    states what. Parameters are bound as RDF terms, never pasted into the query text.

    \b
    Examples:
      kg query --list
      kg query events-between-countries --param a=AZE --param b=UZB
      kg query events-in-window -p from=2023-08 -p to=2023-12 --format csv > events.csv
      kg query my-question.rq --data extra.ttl --format json
      kg query schema-person-events --reasoning rdfs
    """
    width = shutil.get_terminal_size((100, 24)).columns
    if list_queries:
        click.echo(list_text(width), nl=False)
        return
    if not query_ref:
        raise UsageError("give a QUERY: a .rq file or the name of a stored query (kg query --list shows them)")
    query = find_query(query_ref)
    given = parse_assignments(params)
    data_dir, extra = split_data(data_paths)
    kg = load(data_dir, extra)
    result = answer(kg.store, query, given, reasoning)
    labels = labels_of(kg.store) if fmt == "table" else {}
    click.echo(render(result, fmt, labels, width), nl=False)
