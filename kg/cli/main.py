"""Command group, shared options and the translation of our exceptions into ``Error: …`` and exit codes."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from kg.errors import DataInvalid, Input, KgError, UsageError
from kg.graph import KnowledgeGraph, load
from kg.http_client import AUTH_SCHEMES, auth_for, shown_url
from kg.labels import LANGUAGES
from kg.persistent import OnDisk, open_fresh
from kg.remote import connect

F = TypeVar("F", bound=Callable[..., Any])


# Library option names whose flag is not simply --name-with-dashes.
_FLAGS = {"date_from": "--from", "date_to": "--to", "output": "-o", "data": "--data", "params": "--param"}


def flag(about: Input) -> str:
    """How the CLI spells the input an error concerns: ``--from``, ``--param a``; the query has no flag."""
    if about.kind == "parameter":
        return f"--param {about.name}"
    if about.kind == "query":
        return ""
    return _FLAGS.get(about.name, "--" + about.name.replace("_", "-"))


def reports_errors(func: F) -> F:
    """Turn domain errors into a message on stderr and the documented exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataInvalid as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {exc}", err=True)
            raise SystemExit(exc.exit_code) from None
        except UsageError as exc:
            click.echo(f"Error: {exc.render(flag)}", err=True)
            raise SystemExit(exc.exit_code) from None
        except KgError as exc:
            click.echo(f"Error: {exc}", err=True)
            raise SystemExit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def event_filter_options(func: F) -> F:
    """--country, --from, --to and --kind, defined once for every command that selects events (kg.filters)."""
    for option in reversed(_EVENT_FILTERS):
        func = option(func)
    return func


def lang_option(help: str) -> Callable[[F], F]:
    """--lang, the language of the labels shown, defined once (its help says what it changes in each command)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES, case_sensitive=False),
        default="en",
        show_default=True,
        help=help,
    )


def param_option(help: str) -> Callable[[F], F]:
    """-p/--param NAME=VALUE, repeatable: the parameters of a query, bound as in kg query."""
    return click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help=help)


data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("data"),
    show_default=True,
    help="Folder of YAML and Turtle data files.",
)


data_paths_option = click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A data folder (instead of data/), or an RDF file to add (.ttl .nt .nq .trig .jsonld); repeatable.",
)
"""--data for commands taking a folder and RDF files to add (kg query, serve, push; kg.cli.query.split_data)."""


@dataclass(frozen=True)
class Endpoint:
    """What ``--endpoint`` and its options asked for: a remote SPARQL endpoint read instead of ``--data``."""

    url: str
    merge_graph: str | None = None
    user: str | None = None
    password: str | None = None
    token: str | None = None
    auth: str | None = None


auth_options = [
    click.option("--user", metavar="USER", help="User name to log in with (with --password). E.g. --user dba."),
    click.option(
        "--password",
        metavar="PASSWORD",
        envvar="KG_PASSWORD",
        help='Password of --user; safer in the environment variable KG_PASSWORD. E.g. --password "$DBA_PASSWORD".',
    ),
    click.option(
        "--token",
        metavar="TOKEN",
        envvar="KG_TOKEN",
        help='A bearer token instead of a user and password (or env KG_TOKEN). E.g. --token "$TOKEN".',
    ),
    click.option(
        "--auth",
        type=click.Choice(AUTH_SCHEMES, case_sensitive=False),
        help="How to log in [default: as the server's challenge asks, basic or digest; bearer for --token]. "
        "E.g. --auth digest.",
    ),
]
"""--user, --password, --token and --auth: logging in to a remote server, defined once (kg.http_client.auth_for)."""


def login_options(func: F) -> F:
    """The auth options on a command of its own (kg push); --endpoint brings them with it."""
    for option in reversed(auth_options):
        func = option(func)
    return func


STORE_HELP = (
    "A persistent on-disk store (a folder) to read instead of loading --data into memory: built on first "
    "use, reused while --data is unchanged, rebuilt (saying so) when not. E.g. --store build/store."
)

store_option = click.option(
    "--store", "store_path", type=click.Path(path_type=Path, file_okay=False), metavar="PATH", help=STORE_HELP
)
"""--store PATH for commands without --endpoint (kg serve, kg push); endpoint_options brings it with it."""

Source = Endpoint | OnDisk | None
"""Where a command reads the graph: a remote endpoint, an on-disk store, or (None) --data in memory."""


_ENDPOINT_OPTIONS = [
    store_option,
    click.option(
        "--endpoint",
        metavar="URL",
        help="Read the graph from this SPARQL endpoint instead of --data (kg serve, Oxigraph server, Virtuoso, "
        "Fuseki…; its default graph must be the merge of the sources' graphs). "
        "E.g. --endpoint http://localhost:8000/sparql.",
    ),
    click.option(
        "--merge-graph",
        metavar="IRI",
        help="With --endpoint: the named graph holding the merge of the sources' graphs, where the server's "
        "default graph does not (as kg push --merge-graph wrote it; for Virtuoso). "
        "E.g. --merge-graph https://w3id.org/diplomatic-kg/id/graph/merge.",
    ),
    *auth_options,
]


_ENDPOINT_PARAMS = ("merge_graph", "user", "password", "token", "auth")


def endpoint_options(func: F) -> F:
    """--endpoint URL with --merge-graph and the auth options, and --store PATH, defined once. The command
    receives ``endpoint`` (an :class:`Endpoint`, an :class:`OnDisk` for --store, or None to read --data);
    --data with --endpoint is an error, and so is --store with --endpoint."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        store_path: Path | None,
        endpoint: str | None,
        merge_graph: str | None,
        user: str | None,
        password: str | None,
        token: str | None,
        auth: str | None,
        **kwargs: Any,
    ) -> Any:
        ctx = click.get_current_context()
        if endpoint is None:  # an option of the endpoint on the command line (not in the environment) needs one
            for name in _ENDPOINT_PARAMS:
                if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE:
                    raise UsageError("is for a remote endpoint: give --endpoint URL too", about=Input("option", name))
            return func(*args, endpoint=on_disk(store_path, kwargs), **kwargs)
        if store_path is not None:
            raise UsageError(
                "give either --store (a local store) or --endpoint (a remote one), not both",
                about=Input("option", "endpoint"),
                value=shown_url(endpoint),
            )
        for name in ("data_dir", "data_paths"):
            if ctx.get_parameter_source(name) not in (None, ParameterSource.DEFAULT):
                raise UsageError(
                    "give either --data (a local graph) or --endpoint (a remote one), not both",
                    about=Input("option", "endpoint"),
                    value=shown_url(endpoint),
                )
        found = Endpoint(endpoint, merge_graph, user, password, token, auth.lower() if auth else None)
        return func(*args, endpoint=found, **kwargs)

    wrapped = reports_errors(wrapper)
    for decorator in reversed(_ENDPOINT_OPTIONS):
        wrapped = decorator(wrapped)
    return wrapped  # type: ignore[return-value]


DEFAULT_DATA = Path("data")


def split_data(paths: tuple[Path, ...]) -> tuple[Path, tuple[Path, ...]]:
    """``--data`` values: at most one folder (instead of data/), any number of RDF files to add."""
    folders = [p for p in paths if p.is_dir()]
    if len(folders) > 1:
        raise UsageError(f"--data names {len(folders)} folders; give one folder and any number of RDF files")
    return (folders[0] if folders else DEFAULT_DATA), tuple(p for p in paths if not p.is_dir())


def on_disk(store_path: Path | None, given: dict[str, Any]) -> OnDisk | None:
    """--store PATH with the data it must hold: the command's --data folder (or data/) and RDF files."""
    if store_path is None:
        return None
    if "data_paths" in given:
        data_dir, extra = split_data(given["data_paths"])
        return OnDisk(store_path, data_dir, extra)
    return OnDisk(store_path, given.get("data_dir", Path("data")))


@contextmanager
def opened(endpoint: Source, local: Callable[[], KnowledgeGraph]) -> Iterator[KnowledgeGraph]:
    """The graph a command reads: the remote endpoint (read-only, no records), the on-disk store of --store
    (read-only, no records; built or rebuilt from ``local``'s data when missing or stale), or else
    ``local()``, the data loaded (e.g. ``lambda: load(data_dir)``)."""
    if endpoint is None:
        yield local()
        return
    if isinstance(endpoint, OnDisk):
        yield KnowledgeGraph(open_fresh(endpoint, lambda store: load(endpoint.data_dir, endpoint.extra, store)), [])
        return
    auth = auth_for(endpoint.auth, endpoint.user, endpoint.password, endpoint.token)
    with connect(endpoint.url, auth, endpoint.merge_graph) as store:
        yield KnowledgeGraph(store, [])


# Each command's module is imported when that command runs (or when help lists them): `kg query` does not
# pay for the analytics stack (networkx, igraph, matplotlib), nor `kg --version` for any of it.
LAZY_COMMANDS = {
    "analyze": ("kg.cli.analyze", "kg.cli.analyze_timeline"),
    "export": ("kg.cli.export",),
    "extract": ("kg.cli.extract",),
    "import": ("kg.cli.import_",),
    "push": ("kg.cli.push",),
    "query": ("kg.cli.query",),
    "serve": ("kg.cli.serve",),
    "show": ("kg.cli.show",),
    "viz": ("kg.cli.viz",),
}


class LazyGroup(click.Group):
    """A group whose commands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            for module in LAZY_COMMANDS.get(cmd_name, ()):
                importlib.import_module(module)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplomatic-kg")
def cli() -> None:
    """diplomatic-kg: a cited knowledge graph of diplomatic relations.

    \b
    Example:
      kg build            # validate data/ and write build/diplomatic-kg.ttl
    """


@cli.command()
@data_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("build/diplomatic-kg.ttl"),  # kg.build.DEFAULT_OUTPUT (a test checks they agree)
    show_default=True,
    help="Where to write the graph: .ttl (union of all graphs), .trig or .nq (one graph per source), .nt, .jsonld.",
)
@click.option(
    "--no-viz",
    is_flag=True,
    help="Do not write the network page (kg viz's default page) beside the graph. E.g. kg build --no-viz.",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="PATH",
    help="Also fill this persistent on-disk store (a folder; rebuilt whole) with the validated graph, for "
    "later commands' --store PATH. E.g. kg build --store build/store.",
)
@reports_errors
def build(data_dir: Path, output: Path, no_viz: bool, store_path: Path | None) -> None:
    """Validate the data and write the knowledge graph and its network page, then print a summary.

    \b
    Examples:
      kg build                 # build/diplomatic-kg.ttl and build/diplomatic-kg.html
      kg build --data data -o build/diplomatic-kg.trig
      kg build --store build/store  # then e.g. kg query who-met-whom --store build/store
    """
    from kg import build as build_mod  # imported here: the other commands need none of it

    summary, written = build_mod.build(data_dir, output, viz=not no_viz, store_path=store_path)
    click.echo(f"Built the knowledge graph from {data_dir}")
    for line in summary.lines():
        click.echo(line)
    for path in written:
        click.echo(f"Wrote {path}")
    if store_path is not None:
        click.echo(f"Filled the store {store_path}")


@cli.command()
@data_option
@reports_errors
def validate(data_dir: Path) -> None:
    """Check the data: schema, references, dates, SHACL shapes and the check queries (queries/checks/).

    Exit status: 0 the data conforms, 1 violations (one line each: file:line: record: message),
    2 a file could not be read or parsed.

    \b
    Example:
      kg validate --data data
    """
    from kg import build as build_mod

    kg = build_mod.load_valid(data_dir)
    click.echo(f"{data_dir}: conforms ({len(kg.records)} records, {len(kg.store)} quads)")


_EVENT_FILTERS = [
    click.option(
        "--country",
        "countries",
        multiple=True,
        metavar="CODE",
        help="Only events involving this country (ISO alpha-3); repeat for any of several. E.g. --country AZE.",
    ),
    click.option(
        "--from",
        "date_from",
        metavar="DATE",
        help="Only events that may fall on or after this date (YYYY, YYYY-MM or YYYY-MM-DD): bounds count when "
        "they overlap the window, a missing bound leaves an event's span open, undated events are left out. "
        "E.g. --from 2023.",
    ),
    click.option(
        "--to",
        "date_to",
        metavar="DATE",
        help="Only events that may fall on or before this date, inclusive. E.g. --to 2024-06.",
    ),
    click.option(
        "--kind",
        "kinds",
        multiple=True,
        metavar="KIND",
        help="Only events of this kind or its sub-kinds; repeat for several. E.g. --kind visit (state visits too).",
    ),
]
