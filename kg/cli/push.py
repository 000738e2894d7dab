"""``kg push``: upload the graph to a triple store over the SPARQL 1.1 Graph Store Protocol."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from kg import http_client
from kg.cli.main import cli, data_paths_option, login_options, on_disk, opened, reports_errors, split_data, store_option
from kg.graph import load
from kg.push import DEFAULT, DEFAULT_BATCH, MERGE_GRAPH, OURS, Batch, Summary, check_merge, push


@cli.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The server's Graph Store URL, e.g. http://127.0.0.1:7878/store (Oxigraph server) or "
    "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso).",
)
@data_paths_option
@store_option
@login_options
@click.option(
    "--replace",
    is_flag=True,
    help=f"Also delete the server's graphs under {OURS} that the local data no longer has.",
)
@click.option(
    "--batch",
    type=int,
    default=DEFAULT_BATCH,
    show_default=True,
    metavar="N",
    help="Triples per request.",
)
@click.option(
    "--merge-graph",
    default=DEFAULT,
    show_default=True,
    metavar="default|none|IRI",
    help=f"Where the merge of the graphs goes: the server's default graph, nowhere, or a named graph "
    f"(for Virtuoso: {MERGE_GRAPH}).",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="The server's SPARQL query endpoint, to list its graphs [default: beside --endpoint for Oxigraph, "
    "Virtuoso, Fuseki and GraphDB].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=http_client.DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a request after this long without progress.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress bar (there is none either when stderr is not a terminal)."
)
@reports_errors
def push_command(
    endpoint: str,
    data_paths: tuple[Path, ...],
    store_path: Path | None,
    user: str | None,
    password: str | None,
    token: str | None,
    auth: str | None,
    replace: bool,
    batch: int,
    merge_graph: str,
    query_endpoint: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    """Upload the knowledge graph to a triple store (SPARQL 1.1 Graph Store Protocol).

    One named graph per source (?graph=IRI), in batches of --batch triples: each graph's first batch
    replaces it (PUT), the others add to it (POST). A push run again — also after one cut off by a
    network error or a server restart — leaves every remote graph equal to the local one, never
    duplicated.

    The default graph: kg query answers queries without GRAPH from the merge of all graphs, each
    triple once, so kg push writes that merge too. By default it goes into the server's default
    graph (?default): run Oxigraph server without --union-default-graph (whose union counts a
    triple once per graph stating it) and its answers are kg query's. Virtuoso has no such default
    graph (without FROM it reads every quad of every graph, its own included): push the merge into
    a named graph with --merge-graph (see the example); queries then name their dataset, the merge
    graph as default-graph-uri (FROM) and every other graph as named-graph-uri (FROM NAMED).

    Graphs of ours on the server that the local data no longer has are counted (through the query
    endpoint) and, with --replace, deleted.

    \b
    Examples:
      kg push --endpoint http://127.0.0.1:7878/store
      kg push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --auth digest \\
              --merge-graph https://w3id.org/diplomatic-kg/id/graph/merge --replace
      KG_TOKEN=… kg push --endpoint https://db.example.org/ds/data --batch 20000
      kg push --endpoint http://127.0.0.1:7878/store --store build/store
    """
    credentials = http_client.auth_for(auth, user, password, token)  # bad options stop before loading
    merge = check_merge(merge_graph)
    data_dir, extra = split_data(data_paths)
    with opened(on_disk(store_path, {"data_paths": data_paths}), lambda: load(data_dir, extra)) as kg:
        store = kg.store
    total = len(store) + (len(store.union_triples()) if merge else 0)
    show_bar = not quiet and sys.stderr.isatty()
    with (
        http_client.client(credentials, timeout=timeout) as http,
        tqdm(total=total, unit="triple", unit_scale=True, disable=not show_bar, file=sys.stderr) as bar,
    ):

        def advance(done: Batch) -> None:
            bar.update(len(done.triples))

        summary = push(
            store,
            endpoint,
            http,
            batch=batch,
            replace=replace,
            merge=merge,
            query_url=query_endpoint,
            on_batch=advance,
        )
    for line in summary_lines(summary, http_client.shown_url(endpoint)):
        click.echo(line)


def summary_lines(s: Summary, url: str) -> list[str]:
    """What a push did, for people: graphs, triples, the merge, requests, time, then the stale graphs."""
    where = {None: "", DEFAULT: " into the default graph"}.get(s.merge, f" into {s.merge}")
    merged = f" and their merge ({s.merge_triples:,} triples){where}" if s.merge else ""
    lines = [
        f"Pushed {s.graphs:,} graph{'s' * (s.graphs != 1)} ({s.triples:,} triples){merged} to {url} "
        f"in {s.batches:,} request{'s' * (s.batches != 1)}, {s.seconds:.1f} s"
    ]
    n = len(s.stale or ())
    graphs = f"{n:,} graph{'s' * (n != 1)}"
    if s.stale is None:
        lines.append("Stale graphs not counted: give --query-endpoint URL to list the server's graphs")
    elif s.deleted and n:
        lines.append(f"Deleted {graphs} of ours that the local data no longer has")
    elif n:
        lines.append(
            f"{graphs} of ours on the server {'is' if n == 1 else 'are'} not in the local data: "
            f"kg push --replace deletes {'it' if n == 1 else 'them'}"
        )
    return lines
