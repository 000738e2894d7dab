"""kg.iris mints and parses every IRI of ours: each minting function round-trips through parse(), and so
does every IRI of ours in the real graph."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg import iris
from kg.namespaces import ID_BASE

CASES = [
    (iris.mint("person", "sahil-babayev"), "person", "sahil-babayev", ("person", "sahil-babayev")),
    (iris.country("AZE"), "country", "AZE", ("country", "AZE")),
    (
        iris.participation("video-meetings-2024", "sahil-babayev", "host"),
        "participation",
        "video-meetings-2024--sahil-babayev--host",
        ("event", "video-meetings-2024"),
    ),
    (iris.participation("summit-2024", "KAZ", "participant"), "participation", "summit-2024--KAZ--participant",
     ("event", "summit-2024")),
    (iris.tenure("behzod-musayev", "minister-of-employment-uzb", 2), "tenure",
     "behzod-musayev--minister-of-employment-uzb--2", ("person", "behzod-musayev")),
    (iris.former_name("ministry-of-labour-aze", 1), "organisation", "ministry-of-labour-aze--former-name--1",
     ("organisation", "ministry-of-labour-aze")),
    (iris.mint("role", "host"), "role", "host", ("role", "host")),
    (iris.citation("event", "state-visit-2023", "founding-article"), "citation",
     "event--state-visit-2023--founding-article", ("event", "state-visit-2023")),
    (iris.citation("person", "sahil-babayev", "founding-article"), "citation",
     "person--sahil-babayev--founding-article", ("person", "sahil-babayev")),
]  # fmt: skip


@pytest.mark.parametrize(("iri", "kind", "ident", "owner"), CASES)
def test_minted_iris_parse_back(iri: URIRef, kind: str, ident: str, owner: tuple[str, str]) -> None:
    assert str(iri) == f"{ID_BASE}{kind}/{ident}"
    parsed = iris.parse(str(iri))
    assert parsed is not None
    assert (parsed.kind, parsed.id, parsed.owner) == (kind, ident, owner)
    assert iris.mint(parsed.kind, parsed.id) == iri
    assert iris.owner(str(iri)) == owner
    assert iris.local_id(str(iri)) == ident
    assert iris.is_record(str(iri)) == (not parsed.derived)


def test_derived_parts_come_apart_at_the_separator() -> None:
    parsed = iris.parse(str(iris.participation("meeting-a-b", "person-a", "guest")))
    assert parsed is not None and parsed.parts == ("meeting-a-b", "person-a", "guest")


@pytest.mark.parametrize(
    "iri",
    [
        "https://example.org/person/x",  # not ours
        ID_BASE,  # no kind
        ID_BASE + "person/",  # no id
        ID_BASE + "person/a/b",  # a path below a record is nothing we mint
    ],
)
def test_iris_not_minted_here_do_not_parse(iri: str) -> None:
    assert iris.parse(iri) is None
    assert iris.owner(iri) is None
    assert not iris.is_record(iri)


def test_graph_names_keep_their_path() -> None:
    name = iris.graph("file/core/extra")
    parsed = iris.parse(str(name))
    assert parsed is not None and (parsed.kind, parsed.id) == ("graph", "file/core/extra")
    assert not iris.is_record(str(name))


@pytest.mark.parametrize(
    ("iri", "short"),
    [
        (ID_BASE + "country/AZE", "country:AZE"),  # the longest namespace wins over id:
        (ID_BASE + "participation/a--b--host", "participation:a--b--host"),
        ("https://w3id.org/diplomatic-kg/ontology#Meeting", "dkg:Meeting"),
        ("https://schema.org/Event", "schema:Event"),
        (ID_BASE + "graph/file/core/x", f"<{ID_BASE}graph/file/core/x>"),  # a slash cannot be in a local name
        ("https://example.org/x", "<https://example.org/x>"),
    ],
)
def test_shorten_and_expand_are_inverse(iri: str, short: str) -> None:
    assert iris.shorten(iri) == short
    if not short.startswith("<"):
        assert iris.expand(short) == URIRef(iri)
        assert iris.compact(iri) == short
    else:
        assert iris.compact(iri) == iri


def test_expand_refuses_unknown_prefixes() -> None:
    assert iris.expand("nope:x") is None
    assert iris.expand("not a name") is None


def test_every_iri_of_ours_in_the_real_graph_round_trips(real_kg) -> None:
    rows = real_kg.store.select(
        f'SELECT DISTINCT ?s WHERE {{ {{ ?s ?p ?o }} UNION {{ ?x ?p ?s }} FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }}'
    )
    seen = {str(r["s"]) for r in rows}
    assert len(seen) > 1000
    kinds = set()
    for iri in seen:
        parsed = iris.parse(iri)
        if parsed is None:  # concept schemes (id/role) and the like: our base with no id below it
            assert "/" not in iri[len(ID_BASE) :], iri
            continue
        kinds.add(parsed.kind)
        assert str(iris.mint(parsed.kind, parsed.id)) == iri
        if parsed.derived and parsed.kind != "graph":
            owner_kind, owner_id = parsed.owner
            assert str(iris.mint(owner_kind, owner_id)) in seen, iri  # the owning record exists
    assert {"participation", "tenure", "event", "person", "country", "source"} <= kinds
