"""``--store PATH``: a persistent on-disk store gives the same answers as the data loaded in memory, is
rebuilt (saying so) when the data changed, and a folder that is not a store of ours is refused, untouched.

The data is tests/fixtures/minimal (copied into a temporary folder); the store is built once per module by
``kg build --store`` and read by every command with ``--store``, each output compared with the same command
without it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.catalogue import stored_queries
from kg.cli import cli
from tests.conftest import FIXTURES
from tests.serve_process import serving
from tests.test_endpoint_option import MINIMAL_PARAMS

Run = Callable[..., Result]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data folder, store folder): the minimal fixture and a store kg build --store filled from it."""
    root = tmp_path_factory.mktemp("disk")
    data = root / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    store = root / "store"
    result = invoke("build", "--data", str(data), "--store", str(store), "-o", str(root / "g.ttl"), "--no-viz")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"Filled the store {store}\n")
    assert sorted(p.name for p in store.iterdir()) == ["kg-store.json", "oxigraph"]
    return data, store


@pytest.mark.parametrize("name", [q.name for q in stored_queries()])
def test_every_stored_query_answers_the_same_from_the_store(built: tuple[Path, Path], name: str) -> None:
    data, store = built
    args = ["query", name, "--data", str(data), *MINIMAL_PARAMS.get(name, []), "--format", "csv"]
    in_memory = invoke(*args)
    on_disk = invoke(*args, "--store", str(store))
    assert in_memory.exit_code == on_disk.exit_code == 0, on_disk.output
    assert on_disk.stdout == in_memory.stdout
    assert on_disk.stderr == in_memory.stderr  # the same notes, and no "rebuilding": the store is fresh


def test_export_from_the_store_is_the_same_graph(built: tuple[Path, Path]) -> None:
    data, store = built
    for fmt, kind in (("turtle", "ttl"), ("trig", "trig")):
        in_memory = invoke("export", "--data", str(data), "--format", fmt).stdout
        on_disk = invoke("export", "--data", str(data), "--store", str(store), "--format", fmt).stdout
        if kind == "ttl":
            assert isomorphic(Graph().parse(data=in_memory, format=kind), Graph().parse(data=on_disk, format=kind))
        else:
            a, b = Dataset(), Dataset()
            a.parse(data=in_memory, format=kind)
            b.parse(data=on_disk, format=kind)
            assert sorted(str(g.identifier) for g in a.graphs()) == sorted(str(g.identifier) for g in b.graphs())
            for g in a.graphs():
                assert isomorphic(g, b.graph(g.identifier))
        assert on_disk == in_memory  # sorted output: byte-identical too


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "centrality", "--view", "countries"],
        ["analyze", "ties"],
        ["show", "person-a"],
        ["export", "--format", "csv"],
    ],
)
def test_other_commands_print_the_same_from_the_store(built: tuple[Path, Path], args: list[str]) -> None:
    data, store = built
    in_memory = invoke(*args, "--data", str(data))
    on_disk = invoke(*args, "--data", str(data), "--store", str(store))
    assert in_memory.exit_code == on_disk.exit_code == 0, on_disk.output
    assert on_disk.stdout == in_memory.stdout


def test_a_stale_store_says_so_and_is_rebuilt(workdir: Path, run: Run) -> None:
    first = run("query", "who-met-whom", "--store", "st", "--format", "csv")
    assert first.exit_code == 0
    assert first.stderr == "store st is empty: building it\n"
    again = run("query", "who-met-whom", "--store", "st", "--format", "csv")
    assert again.stderr == ""  # fresh: reused, no rebuild
    assert again.stdout == first.stdout
    # a new file in data/: a person no event names, so the answer stays, but the store must be rebuilt
    (workdir / "data" / "extra.ttl").write_text(
        "<https://w3id.org/diplomatic-kg/id/person/x> <http://www.w3.org/2000/01/rdf-schema#label> 'X' .\n"
    )
    with_file = run("query", "who-met-whom", "--store", "st", "--format", "csv")
    assert with_file.stderr == "store st was built from older data (extra.ttl added): rebuilding\n"
    assert with_file.stdout == first.stdout
    exported = run("export", "--format", "ntriples", "--store", "st")
    assert exported.stderr == ""
    assert '<https://w3id.org/diplomatic-kg/id/person/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n' in (
        exported.stdout
    )
    (workdir / "data" / "records.yaml").write_text((workdir / "data" / "records.yaml").read_text() + "# edited\n")
    edited = run("query", "who-met-whom", "--store", "st", "--format", "csv")
    assert edited.stderr == "store st was built from older data (records.yaml changed): rebuilding\n"
    assert sorted(p.name for p in (workdir).iterdir()) == ["data", "st"]  # no temporary folder left


def test_a_folder_that_is_not_a_store_is_refused_and_kept(workdir: Path, run: Run) -> None:
    (workdir / "notes").mkdir()
    (workdir / "notes" / "todo.txt").write_text("keep me\n")
    result = run("query", "who-met-whom", "--store", "notes")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: notes is not a kg store (it has no kg-store.json) and is not empty: give a new or empty "
        "folder for --store, or one that kg build --store made\n"
    )
    assert (workdir / "notes" / "todo.txt").read_text() == "keep me\n"
    assert sorted(p.name for p in (workdir / "notes").iterdir()) == ["todo.txt"]


def test_store_with_endpoint_is_an_error(workdir: Path, run: Run) -> None:
    result = run("query", "who-met-whom", "--store", "st", "--endpoint", "http://127.0.0.1:9/sparql")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: --endpoint http://127.0.0.1:9/sparql: give either --store (a local store) or --endpoint"
    )
    assert not (workdir / "st").exists()


def test_invalid_data_leaves_the_old_store(workdir: Path, run: Run) -> None:
    assert run("build", "--store", "st", "--no-viz").exit_code == 0
    before = (workdir / "st" / "kg-store.json").read_text()
    (workdir / "data" / "bad.ttl").write_text("<https://example.org/a> <https://example.org/b> [] .\n")
    result = run("build", "--store", "st", "--no-viz")
    assert result.exit_code == 1
    assert "data/bad.ttl: blank node in " in result.stderr
    assert (workdir / "st" / "kg-store.json").read_text() == before
    assert sorted(p.name for p in workdir.iterdir()) == ["build", "data", "st"]


def test_viz_draws_the_same_page_from_the_store(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, store = built
    for view in ("actors", "countries"):
        a, b = tmp_path / f"{view}-memory.html", tmp_path / f"{view}-disk.html"
        assert invoke("viz", "--data", str(data), "--view", view, "-o", str(a)).exit_code == 0
        result = invoke("viz", "--data", str(data), "--store", str(store), "--view", view, "-o", str(b))
        assert result.exit_code == 0, result.output
        assert b.read_bytes() == a.read_bytes()


def test_serve_reads_the_store_itself(built: tuple[Path, Path], tmp_path: Path) -> None:
    """kg serve --store: its workers open the persistent store (no copy); answers as kg query's."""
    data, store = built
    expected = invoke("query", "who-met-whom", "--data", str(data), "--format", "csv").stdout
    with serving("--data", str(data), "--store", str(store), "--workers", "1", cwd=tmp_path) as server:
        answer = invoke("query", "who-met-whom", "--endpoint", server.endpoint, "--format", "csv")
        log = "\n".join(server.log())
    assert answer.exit_code == 0, answer.output
    assert answer.stdout == expected
    assert "rebuilding" not in log and "building it" not in log
