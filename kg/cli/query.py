"""``kg query``: ask the graph in SPARQL, with stored queries and bound parameters."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import click
from rdflib import URIRef

from kg.catalogue import Param, StoredQuery, find_query, stored_queries
from kg.cli.main import (
    Endpoint,
    Source,
    cli,
    data_paths_option,
    endpoint_options,
    flag,
    lang_option,
    opened,
    param_option,
    reports_errors,
    split_data,
)
from kg.errors import UsageError
from kg.files import display_path
from kg.graph import load
from kg.hints import Hint, explain_empty
from kg.http_client import shown_url
from kg.labels import labels_of
from kg.queries import bind, parse_assignments, run
from kg.reasoning import REASONING, with_reasoning
from kg.results import GRAPH_FORMATS, TABLE_FORMATS, label_columns, render
from kg.store import Store
from kg.terms import Resolver

INDENT = "    "


def _param_line(p: Param) -> str:
    default = f"default {p.default}" if p.default else "required"
    return f"parameter {p.name}: {p.type}, {default}{' — ' + p.description if p.description else ''}"


def list_text(width: int) -> str:
    """Each stored query: its name and title, then its description and parameters, indented beneath."""
    blocks = []
    for q in stored_queries():
        lines = [f"{q.name}  {q.title}" if q.title else q.name]
        lines += textwrap.wrap(
            q.description, width, initial_indent=INDENT, subsequent_indent=INDENT, break_on_hyphens=False
        )
        for p in q.params:
            lines += textwrap.wrap(
                _param_line(p), width, initial_indent=INDENT, subsequent_indent=INDENT * 2, break_on_hyphens=False
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def respond(
    store: Store, query: StoredQuery, given: dict[str, str], fmt: str, reasoning: str, lang: str, width: int
) -> tuple[str, Hint | None]:
    """What ``kg query`` prints: the answer in ``fmt``, and why it is empty when the cause is likely."""
    bindings = bind(query, given, Resolver(store, lang))
    result = run(with_reasoning(store, reasoning), query.text, bindings, query.shown)
    columns = label_columns(result)  # once: it reads every row
    iris = {str(r[v]) for r in result.rows for v in columns if isinstance(r.get(v), URIRef)}
    labels = labels_of(store, lang, iris) if iris and fmt in ("table", "csv", "tsv") else {}
    hint = explain_empty(store, query.text, bindings, reasoning) if result.empty else None
    return render(result, fmt, labels, width), hint


def note(hint: Hint, data_dir: Path, endpoint: str | None = None) -> str:
    """The hint as the CLI says it, naming the option that would change the answer (--endpoint for the data
    of a remote endpoint)."""
    text = f"Note: the answer is empty: {hint.message}"
    if hint.about is not None and hint.about.name == "data" and endpoint is not None:
        return f"{text} (--endpoint {endpoint})"
    if hint.about is not None:
        value = hint.value or (display_path(data_dir) if hint.about.name == "data" else "")
        text += f" ({flag(hint.about)} {value})" if value else f" ({flag(hint.about)})"
    return text


@cli.command("query")
@click.argument("query_ref", metavar="QUERY", required=False)
@data_paths_option
@endpoint_options
@param_option(
    'Bind ?NAME to an RDF term: an id (AZE, sahil-babayev), a name ("Sahil Babayev"), a prefixed name '
    '(country:AZE), an <IRI>, a date (2023-08), "text", "text"@az or "value"^^xsd:date; repeatable.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*TABLE_FORMATS, *GRAPH_FORMATS], case_sensitive=False),
    default="table",
    show_default=True,
    help="SELECT/ASK: table, csv, tsv (a NAME_label column beside each column of IRIs), json. "
    "CONSTRUCT/DESCRIBE: turtle, ntriples, jsonld, xml.",
)
@lang_option("Language of the labels (English where a name is missing) and of names given as parameters.")
@click.option(
    "--reasoning",
    type=click.Choice(REASONING, case_sensitive=False),
    default="none",
    show_default=True,
    help="rdfs: answer queries written with schema.org, ORG, PROV, SEM… terms by RDFS entailment.",
)
@click.option(
    "--list", "list_queries", is_flag=True, help="List the stored queries: title, description and parameters."
)
@reports_errors
def query_command(
    query_ref: str | None,
    data_paths: tuple[Path, ...],
    endpoint: Source,
    params: tuple[str, ...],
    fmt: str,
    lang: str,
    reasoning: str,
    list_queries: bool,
) -> None:
    """Run a SPARQL query (a .rq file or a stored query) on the knowledge graph.

    The default graph is the union of all sources' graphs; GRAPH ?source { … } tells which source
    states what. Parameters are bound as RDF terms, never pasted into the query text. When the
    answer is empty and the cause is likely, a note on standard error says why. With --endpoint URL
    the query runs on a remote SPARQL endpoint instead, with the same parameters, formats and labels.

    \b
    Examples:
      kg query --list
      kg query events-between-countries --param a=AZE --param b=UZB
      kg query person-statements -p person="Sahil Babayev" --lang az
      kg query events-in-window -p from=2023-08 -p to=2023-12 --format csv > events.csv
      kg query my-question.rq --data extra.ttl --format json
      kg query schema-person-events --reasoning rdfs
      kg query who-met-whom --endpoint http://localhost:8000/sparql --format csv
      kg query who-met-whom --store build/store  # a persistent store (kg build --store)
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
    with opened(endpoint, lambda: load(data_dir, extra)) as kg:
        out, hint = respond(kg.store, query, given, fmt.lower(), reasoning.lower(), lang.lower(), width)
    click.echo(out, nl=False)
    if hint is not None:
        click.echo(note(hint, data_dir, shown_url(endpoint.url) if isinstance(endpoint, Endpoint) else None), err=True)
