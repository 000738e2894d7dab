"""``kg serve``: the knowledge graph as a read-only SPARQL endpoint, with its stored queries and a page."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.main import cli, data_paths_option, on_disk, reports_errors, split_data, store_option
from kg.serve.app import Settings
from kg.serve.server import ServeOptions, default_workers, serve


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one (the line saying where the server is shows it).",
)
@data_paths_option
@store_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds a request may take, waiting for a free worker included; a query past it is stopped "
    "(its worker killed and replaced) and answered 503.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Rows (triples for CONSTRUCT and DESCRIBE) an answer holds at most; a longer one is cut there "
    "and says so in the header X-SPARQL-MaxRows.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help=f"Worker processes running queries side by side [default: one per CPU, at most 4; here {default_workers()}].",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow SERVICE (federated queries, which make this server send requests to others); refused by default.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    metavar="BYTES",
    help="Largest request body accepted (a POSTed query or form); a larger one is answered 413.",
)
@reports_errors
def serve_command(
    host: str,
    port: int,
    data_paths: tuple[Path, ...],
    store_path: Path | None,
    timeout: float,
    max_rows: int,
    workers: int | None,
    allow_service: bool,
    max_body: int,
) -> None:
    """Serve the knowledge graph as a read-only SPARQL 1.1 endpoint until Ctrl-C.

    /sparql speaks the SPARQL 1.1 Protocol (GET, POST of a form or of the query; default-graph-uri and
    named-graph-uri; the format chosen by Accept or format=NAME) and gives its service description
    when asked no query. The default graph is the union of the sources' graphs, as in kg query;
    GRAPH ?g reaches each source's graph. /queries/NAME?param=… runs a stored query with its
    parameters bound as kg query binds them (also format=, lang=, labels=LANG); /queries lists them.
    The page at / has the stored queries and a SPARQL editor. Updates and writes are refused.
    One line per request goes to standard error: method, path, status, time, rows.

    \b
    Examples:
      kg serve                                   # http://127.0.0.1:8000/sparql and the page at /
      kg serve --port 0 --workers 2 --timeout 30
      kg serve --data data --data extra.trig --max-rows 50000
      kg serve --store build/store               # a persistent store: no reload while data/ is unchanged
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:8000/sparql
      curl 'http://127.0.0.1:8000/queries/events-between-countries?a=AZE&b=UZB&format=csv&labels=en'
    """
    data_dir, extra = split_data(data_paths)
    settings = Settings(timeout=timeout, max_rows=max_rows, max_body=max_body, allow_service=allow_service)
    options = ServeOptions(host=host, port=port, workers=workers or default_workers(), settings=settings)
    serve(options, data_dir, extra, ready=click.echo, on_disk=on_disk(store_path, {"data_paths": data_paths}))
