#!/usr/bin/env python3
"""Build the HTML documentation of the ontology with pyLODE.

Usage: python scripts/build_docs.py [--output PATH]     (default: build/docs/ontology.html)

Documents ontology/diplomatic-kg.ttl, writes the page atomically (a half-written page never replaces a
good one) and prints its path. Exit code 1 with "Error: ..." when the ontology cannot be read or rendered.
"""

from __future__ import annotations

import argparse
import logging
import sys
import types
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDFS

from kg import files

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "diplomatic-kg.ttl"
VOCABULARIES = ROOT / "ontology" / "vocabularies.ttl"
DEFAULT_OUTPUT = ROOT / "build" / "docs" / "ontology.html"
DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")


def _ontpub() -> Any:
    """pyLODE's OntPub class. pyLODE 3.4.1 reads its own version from a pyproject.toml that its wheel does
    not ship, so importing it fails; give it the installed version instead."""
    if "pylode.version" not in sys.modules:
        stub = types.ModuleType("pylode.version")
        stub.__version__ = version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = stub
    from pylode import OntPub

    logging.getLogger().setLevel(logging.WARNING)  # pyLODE configures the root logger at DEBUG level
    return OntPub


def documentation_graph() -> Graph:
    """The ontology as the page shows it.

    pyLODE runs all labels of a term together ("visitsəfərвизит"), so the page keeps the English ones; the
    labels in other languages stay in the Turtle. The CAMEO and PLOVER concepts that event classes point to
    get their English labels, so the page names them; the vocabularies themselves are not rendered (pyLODE
    would take their concept schemes for ontology metadata).
    """
    graph = Graph().parse(ONTOLOGY)
    for term, label in list(graph.subject_objects(RDFS.label)):
        if isinstance(label, Literal) and label.language not in (None, "en"):
            graph.remove((term, RDFS.label, label))
    vocabularies = Graph().parse(VOCABULARIES)
    concepts = set(graph.objects(None, DKG.defaultCameo)) | set(graph.objects(None, DKG.defaultPlover))
    for concept in concepts:
        for label in vocabularies.objects(concept, RDFS.label):
            if isinstance(label, Literal) and label.language == "en":
                graph.add((concept, RDFS.label, label))
    return graph


def render() -> str:
    html: str = _ontpub()(ontology=documentation_graph()).make_html()
    return html


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` through :func:`kg.files.write_atomically`: atomic, and readable by everyone (0644),
    so that ``pip install`` by another user can read the file."""
    files.write_atomically(path, text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the HTML documentation of the ontology with pyLODE.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}")
    args = parser.parse_args(argv)
    try:
        html = render()
        write_atomically(args.output, html)
    except Exception as error:  # any failure ends in one line, with nothing half-written
        print(f"Error: cannot build the ontology documentation: {error}", file=sys.stderr)
        return 1
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
