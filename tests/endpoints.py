"""Remote endpoints holding a loaded graph, for the ``--endpoint`` tests: Oxigraph server with its store
loaded beforehand by ``oxigraph load`` (so these tests do not depend on ``kg push``), and ``kg serve``.

Servers come from :mod:`tests.triple_stores` (Oxigraph) and :mod:`tests.serve_process` (``kg serve``):
started on 127.0.0.1 on a free port, skipped with the reason when missing, failing when ``CI=true``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.push import MERGE_GRAPH
from kg.store import Store
from tests import triple_stores

__all__ = ["MERGE_GRAPH", "kg_serve_missing", "merge_in_named_graph", "merged", "oxigraph_holding"]


def oxigraph_program() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        triple_stores.unavailable("Oxigraph server is not installed (pip install -e '.[test]' installs oxigraph)")
    assert found is not None
    return found


def merged(store: Store) -> list[ox.Quad]:
    """The named graphs and, in the default graph, their merge: what ``kg push`` leaves on a server."""
    return [*store.quads(), *(ox.Quad(t.subject, t.predicate, t.object) for t in store.union_triples())]


def merge_in_named_graph(store: Store) -> list[ox.Quad]:
    """The named graphs and their merge in the named graph MERGE_GRAPH; the default graph left empty."""
    graph = ox.NamedNode(MERGE_GRAPH)
    return [*store.quads(), *(ox.Quad(t.subject, t.predicate, t.object, graph) for t in store.union_triples())]


@contextmanager
def oxigraph_holding(folder: Path, quads: Iterable[ox.Quad]) -> Iterator[triple_stores.Server]:
    """Oxigraph server on a free port whose store was loaded with ``quads`` (``oxigraph load``) before it started."""
    program = oxigraph_program()
    dump = folder / "data.nq"
    ox.serialize(quads, output=str(dump), format=ox.RdfFormat.N_QUADS)
    subprocess.run(
        [program, "load", "--location", str(folder / "db"), "--file", str(dump)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with triple_stores.oxigraph(folder) as server:
        yield server


def kg_serve_missing() -> str | None:
    from kg.cli import cli

    return None if "serve" in cli.commands else "kg serve is not part of this kg yet (kg/cli/serve.py)"
