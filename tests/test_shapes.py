"""Every shape of ontology/shapes.ttl against its two examples in tests/shapes/.

Each shape ``S01-...`` has ``tests/shapes/S01-valid.ttl`` (conforms to all shapes) and
``tests/shapes/S01-invalid.ttl`` (breaks that very shape: a violation whose sh:sourceShape is the shape's
id, so an invalid example cannot pass by tripping another shape). ``background.ttl`` is added to every
example: the people, posts, sources and countries they refer to. Validation runs as the project runs it:
the ontology and vocabularies as ontology graph, with RDFS inference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import processor
from rdflib.plugins.sparql.sparql import Query

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "shapes"
SHAPES_NS = "https://w3id.org/diplomatic-kg/ontology/shapes#"
SHAPE_ID = re.compile(r"S\d\d-[a-z0-9-]+")


def _named_shapes(shapes: Graph) -> dict[str, URIRef]:
    """Top-level shapes by their number ("S01"); a shape named against the S01-... pattern maps to itself."""
    found: dict[str, URIRef] = {}
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            if isinstance(shape, URIRef):
                local = str(shape).removeprefix(SHAPES_NS)
                found[local[:3] if SHAPE_ID.fullmatch(local) else local] = shape
    return found


SHAPES_GRAPH = Graph().parse(ROOT / "ontology" / "shapes.ttl")  # small; parsed once, at collection
SHAPES = _named_shapes(SHAPES_GRAPH)
# Cases: every shape twice, plus any example file whose shape does not exist (so it fails loudly).
_ON_DISK = {tuple(p.stem.split("-", 1)) for p in EXAMPLES.glob("S*-*.ttl")}
CASES = sorted({(n, k) for n in SHAPES for k in ("valid", "invalid")} | _ON_DISK)


@pytest.fixture(scope="module", autouse=True)
def _parse_each_sparql_once() -> Iterator[None]:
    """pyshacl hands rdflib the same SPARQL text for every focus node, and rdflib parses it each time (up to
    0.2 s for the longer constraints); reuse the translated query, as rdflib's prepareQuery allows."""
    original = processor.SPARQLProcessor.query
    cache: dict[tuple[str, str | None, frozenset[tuple[str, Any]]], Query] = {}

    def query(self: processor.SPARQLProcessor, q: str | Query, initBindings: Any = None,  # noqa: N803
              initNs: Any = None, base: str | None = None, DEBUG: bool = False) -> Any:  # noqa: N803
        if isinstance(q, str):
            key = (q, base, frozenset((initNs or {}).items()))
            if key not in cache:
                cache[key] = processor.translateQuery(processor.parseQuery(q), base, initNs)
            q = cache[key]
        return original(self, q, initBindings, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processor.SPARQLProcessor, "query", query)
        yield


@pytest.fixture(scope="module")
def ont_graph() -> Graph:
    graph = Graph()
    graph.parse(ROOT / "ontology" / "diplomatic-kg.ttl")
    graph.parse(ROOT / "ontology" / "vocabularies.ttl")
    return graph


@pytest.fixture(scope="module")
def background() -> Graph:
    graph = Graph().parse(EXAMPLES / "background.ttl")
    graph.parse(ROOT / "ontology" / "vocabularies.ttl")
    return graph


@pytest.mark.parametrize(("number", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_shape_example(number: str, kind: str, ont_graph: Graph, background: Graph) -> None:
    shape = SHAPES.get(number)
    assert shape is not None, f"tests/shapes/{number}-{kind}.ttl has no shape {number}-... in shapes.ttl"
    assert SHAPE_ID.fullmatch(str(shape).removeprefix(SHAPES_NS)), f"shape id {shape} is not S<nn>-<name>"
    assert SHAPES_GRAPH.value(shape, SH.message) is not None, f"{shape} has no sh:message"
    assert SHAPES_GRAPH.value(shape, SH.severity) == SH.Violation, f"{shape} is not sh:Violation"

    path = EXAMPLES / f"{number}-{kind}.ttl"
    assert path.is_file(), f"missing example {path.relative_to(ROOT)}"
    assert path.read_text(encoding="utf-8").startswith(f"# {kind.capitalize()} for {number}-"), (
        f"{path.name} must open with a comment '# {kind.capitalize()} for {number}-...: why'"
    )

    data = Graph()
    data += background
    data.parse(path)
    conforms, report, text = validate(data, shacl_graph=SHAPES_GRAPH, ont_graph=ont_graph, inference="rdfs")

    if kind == "valid":
        assert conforms, text
    else:
        assert not conforms, f"{path.name} conforms but should break {shape}"
        sources = set(report.objects(None, SH.sourceShape))
        assert shape in sources, f"{path.name} does not break {shape} itself:\n{text}"
