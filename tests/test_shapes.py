"""Every shape of ontology/shapes.ttl against its two examples in tests/shapes/.

Each shape ``S01-...`` has ``tests/shapes/S01-valid.ttl`` (conforms to all shapes) and
``tests/shapes/S01-invalid.ttl`` (breaks that very shape: a violation whose sh:sourceShape is the shape's
id, so an invalid example cannot pass by tripping another shape). ``background.ttl`` is added to every
example: the people, posts, sources and countries they refer to.

Validation runs exactly as `kg validate` runs it (kg.validate.violations), on the example, the background and
the ontology with its vocabularies (the union graph holds id/graph/ontology).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.namespaces import ID_BASE
from kg.validate import union_graph, violations

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
                key = local[:3] if SHAPE_ID.fullmatch(local) else local
                assert key not in found, f"two shapes are numbered {key}: {found[key]} and {shape}"
                found[key] = shape
    return found


SHAPES_GRAPH = Graph().parse(ROOT / "ontology" / "shapes.ttl")  # small; parsed once, at collection
SHAPES = _named_shapes(SHAPES_GRAPH)
# Cases: every shape twice, plus any example file whose shape does not exist (so it fails loudly).
_ON_DISK = {tuple(p.stem.split("-", 1)) for p in EXAMPLES.glob("S*-*.ttl")}
CASES = sorted({(n, k) for n in SHAPES for k in ("valid", "invalid")} | _ON_DISK)


@pytest.fixture(scope="module")
def background() -> Graph:
    """background.ttl plus the ontology and vocabularies, as the union graph holds them (id/graph/ontology)."""
    graph = Graph().parse(EXAMPLES / "background.ttl")
    graph.parse(ROOT / "ontology" / "diplomatic-kg.ttl")
    graph.parse(ROOT / "ontology" / "vocabularies.ttl")
    return graph


@pytest.mark.parametrize(("number", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_shape_example(number: str, kind: str, background: Graph) -> None:
    shape = SHAPES.get(number)
    assert shape is not None, f"tests/shapes/{number}-{kind}.ttl has no shape {number}-... in shapes.ttl"
    assert SHAPE_ID.fullmatch(str(shape).removeprefix(SHAPES_NS)), f"shape id {shape} is not S<nn>-<name>"
    assert SHAPES_GRAPH.value(shape, SH.message) is not None, f"{shape} has no sh:message"
    assert SHAPES_GRAPH.value(shape, SH.severity) == SH.Violation, f"{shape} is not sh:Violation"

    path = EXAMPLES / f"{number}-{kind}.ttl"
    assert path.is_file(), f"missing example {path.relative_to(ROOT)}"
    opening = f"# {kind.capitalize()} for {str(shape).removeprefix(SHAPES_NS)}:"
    assert path.read_text(encoding="utf-8").startswith(opening), f"{path.name} must open with '{opening} why'"

    data = Graph()
    data += background
    data.parse(path)
    found = violations(data)  # the validation `kg validate` runs

    if kind == "valid":
        assert found == [], found
    else:
        assert found, f"{path.name} conforms but should break {shape}"
        shape_id = str(shape).removeprefix(SHAPES_NS)
        assert shape_id in {v.shape for v in found}, f"{path.name} does not break {shape} itself: {found}"


def test_union_graph_holds_the_store_triple_for_triple(real_kg) -> None:
    """pySHACL sees exactly the dataset's triples, built term by term (the N-Triples text route, quadratic in
    the length of a literal in rdflib's parser, gave this graph too)."""
    triples = {q.triple for q in real_kg.store.quads()}
    expected = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    got = union_graph(real_kg.store)
    assert len(got) == len(expected) == len(triples)
    assert set(got) == set(expected)


def _found(name: str, background: Graph) -> list[str]:
    data = Graph()
    data += background
    data.parse(EXAMPLES / f"{name}.ttl")
    return [v.message for v in violations(data)]


def test_tenure_message_names_the_person_and_the_post_by_label(background: Graph) -> None:
    assert _found("S08-invalid", background) == [
        "Behzod Musayev acts as Minister of Employment and Poverty Reduction of the Republic of Uzbekistan, but no "
        "tenure of that post by that person covers the event's date: add or correct the person's `positions` entry "
        "for the post (start/end or bounds), or remove `post` from the participant."
    ]


def test_both_bad_quotes_are_reported(background: Graph) -> None:
    """A quote of a source not ours to quote, and a quote not in the founding article's text."""
    messages = _found("S25-invalid", background)
    assert [m.split(",")[0] for m in messages] == [
        f"The quote cites {ID_BASE}source/azernews-mou",
        f"The quote cites {ID_BASE}source/azertac-seed",
    ]
