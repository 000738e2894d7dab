"""Offline and private: build, export, viz, import, extract and serve attempt no connection (a socket-level
guard, tests/offline_guard.py); a JSON-LD file naming a remote context is refused, not fetched; YAML is
loaded safely (a Python tag is an error naming the file, and runs nothing)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests import offline_guard
from tests.conftest import FIXTURES, ROOT
from tests.serve_process import serving

GDELT = FIXTURES / "gdelt"
ARTICLE = FIXTURES / "extraction" / "founding" / "azertac.txt"


@pytest.fixture
def guard() -> Iterator[list[str]]:
    """The guard in this process for the test's length: yields the list of refused attempts."""
    offline_guard.attempts.clear()
    offline_guard.install()
    try:
        yield offline_guard.attempts
    finally:
        offline_guard.uninstall()


def test_the_guard_refuses_other_hosts_and_lets_loopback_through(guard: list[str]) -> None:
    with socket.socket() as s, pytest.raises(OSError, match="offline guard"):
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: refused before any packet leaves
    with pytest.raises(OSError, match="offline guard"):
        socket.getaddrinfo("example.org", 443)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert guard == ["connect ('192.0.2.1', 80)", "getaddrinfo 'example.org'"]


def _kg(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_build_export_viz_import_and_extract_connect_nowhere(tmp_path: Path, guard: list[str]) -> None:
    data = str(ROOT / "data")
    _kg("build", "--data", data, "-o", str(tmp_path / "graph.ttl"))  # the page of the network too
    for fmt in ("turtle", "trig", "nquads", "ntriples", "jsonld", "xml", "csv", "graphml", "gexf"):
        _kg("export", "--data", data, "--format", fmt, "-o", str(tmp_path / f"graph.{fmt}"))
    _kg("viz", "--data", data, "-o", str(tmp_path / "page.html"))
    _kg("query", "who-met-whom", "--data", data, "--format", "csv")
    out = tmp_path / "gdelt.trig"
    table, mentions = str(GDELT / "sample.export.CSV"), str(GDELT / "sample.mentions.CSV")
    _kg("import", table, "--format", "gdelt", "--mentions", mentions, "--data", data, "-o", str(out))
    _kg("extract", str(ARTICLE), "--published", "2024", "--data", data, "-o", str(tmp_path / "draft.yaml"))
    assert (tmp_path / "page.html").stat().st_size > 0 and out.stat().st_size > 0
    assert guard == []


def test_a_remote_jsonld_context_is_refused_not_fetched(tmp_path: Path, guard: list[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "extra.jsonld").write_text(
        '{"@context": "https://example.org/context.jsonld", '
        '"@id": "https://w3id.org/diplomatic-kg/id/person/x", "name": "X"}',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", "--data", str(data)])
    assert result.exit_code != 0
    assert "extra.jsonld" in result.output and "context" in result.output.lower()
    assert "Traceback" not in result.output
    assert guard == []


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    marker = tmp_path / "ran"
    (data / "hostile.yaml").write_text(f'- !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--data", str(data)])
    assert result.exit_code != 0
    assert "hostile.yaml" in result.output and "Traceback" not in result.output
    assert not marker.exists()


def test_serve_connects_nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kg serve and its workers under the guard (sitecustomize): pages, stored queries and SPARQL answers."""
    log = tmp_path / "attempts.log"
    log.touch()
    site = Path(__file__).resolve().parent / "offline_site"
    monkeypatch.setenv("PYTHONPATH", f"{site}")
    monkeypatch.setenv("KG_OFFLINE_LOG", str(log))
    probe = subprocess.run(  # the guard is in force in a process started with this environment
        [sys.executable, "-c", "import socket; socket.getaddrinfo('example.org', 80)"], capture_output=True, text=True
    )
    assert probe.returncode != 0 and "offline guard" in probe.stderr
    assert "getaddrinfo 'example.org'" in log.read_text(encoding="utf-8")
    log.write_text("", encoding="utf-8")
    with serving("--data", str(ROOT / "data"), "--workers", "2", cwd=tmp_path) as server, httpx.Client() as http:
        base = server.endpoint.removesuffix("/sparql")
        assert http.get(f"{base}/").status_code == 200
        assert http.get(f"{base}/queries").status_code == 200
        found = http.get(f"{base}/queries/events-between-countries", params={"a": "AZE", "b": "UZB"})
        assert found.status_code == 200, found.text
        graph = http.get(
            server.endpoint,
            params={"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 5"},
            headers={"Accept": "application/ld+json"},
        )
        assert graph.status_code == 200
    assert log.read_text(encoding="utf-8") == ""
