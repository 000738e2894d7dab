"""``kg viz --color community|kind`` and ``--size degree|betweenness``: the page's data, checked by hand.

tests/fixtures/viz, actors view (tests/test_network.py): AZE, UZB and person-a are linked to all six
others; KAZ, the council and person-x (the summit only) to each other and those three; person-b (the
meeting, visit and signing) to AZE, UZB and person-a only. So the only shortest paths through a node are
person-b's to KAZ, the council and person-x: three pairs, each through AZE, UZB or person-a (a third each),
so each of those three lies on 1 path of the 15 pairs of the other six, normalised betweenness 1/15.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg import visualize, viz_measures
from kg.graph import load
from tests.conftest import FIXTURES
from tests.test_viz_browser import browser  # noqa: F401  (the headless Chromium fixture; skips without it)

ID = "https://w3id.org/diplomatic-kg/id/"
AZE, UZB, KAZ = ID + "country/AZE", ID + "country/UZB", ID + "country/KAZ"
A, B, X, COUNCIL = ID + "person/person-a", ID + "person/person-b", ID + "person/person-x", ID + "organisation/council"


@pytest.fixture(scope="module")
def kg():  # type: ignore[no-untyped-def]
    return load(FIXTURES / "viz")


@pytest.fixture(scope="module")
def actors(kg) -> nx.Graph:  # type: ignore[no-untyped-def]
    return visualize.graph_for(kg, visualize.VizOptions(view="actors"))


@pytest.fixture
def vizdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "viz", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def by_key(data):  # type: ignore[no-untyped-def]
    return {n["key"]: n for n in data["nodes"]}


def test_the_defaults_change_nothing(actors):
    plain = visualize.page_data(actors, "t")
    assert visualize.page_data(actors, "t", color="kind", size="degree") == plain
    assert "colorBy" not in plain and "sizeBy" not in plain
    assert all("color" not in n and "betweenness" not in n for n in plain["nodes"])
    page = visualize.render(actors, "t")
    assert "kg-colours" not in page  # the measures' script is only in pages that ask for it


def test_betweenness_sizes_the_brokers(actors):
    data = visualize.page_data(actors, "t", size="betweenness")
    nodes = by_key(data)
    assert {k: n["betweenness"] for k, n in nodes.items()} == {
        AZE: 0.0667,
        UZB: 0.0667,
        A: 0.0667,
        B: 0.0,
        KAZ: 0.0,
        COUNCIL: 0.0,
        X: 0.0,
    }
    # 10 for none, 50 for the largest, the square root between (here nothing lies between)
    assert {k: n["size"] for k, n in nodes.items()} == {
        AZE: 50.0,
        UZB: 50.0,
        A: 50.0,
        B: 10.0,
        KAZ: 10.0,
        COUNCIL: 10.0,
        X: 10.0,
    }
    assert data["sizeBy"] == {"by": "betweenness", "note": "Size: betweenness (exact), largest 0.0667."}
    assert "colorBy" not in data
    assert nodes[B]["degree"] == 3  # the degree is still there for the labels' order


def test_sizes_follow_the_square_root_of_betweenness():
    G = nx.path_graph(["a", "b", "c", "d", "e"])  # b and d: 3 of 6 pairs of the others, c: 4 of 6
    nx.set_node_attributes(G, {n: {"label": n, "group": "other"} for n in G})
    nodes = by_key(visualize.page_data(G, "t", size="betweenness"))
    assert {k: n["betweenness"] for k, n in nodes.items()} == {"a": 0.0, "b": 0.5, "c": 0.6667, "d": 0.5, "e": 0.0}
    assert {k: n["size"] for k, n in nodes.items()} == {"a": 10.0, "b": 44.6, "c": 50.0, "d": 44.6, "e": 10.0}
    # 10 + 40 * sqrt(0.5 / 0.6667) = 10 + 40 * 0.866 = 44.6


def test_communities_colour_the_nodes_and_the_legend_names_them(actors):
    data = visualize.page_data(actors, "t", color="community")
    nodes = by_key(data)
    orange, sky = viz_measures.PALETTE[:2]
    # those who met thrice, and the summit's own participants
    assert {k: (n["community"], n["color"]) for k, n in nodes.items()} == {
        AZE: (0, orange),
        UZB: (0, orange),
        A: (0, orange),
        B: (0, orange),
        KAZ: (1, sky),
        COUNCIL: (1, sky),
        X: (1, sky),
    }
    assert data["colorBy"] == {
        "by": "community",
        "note": "Colour: community (Louvain, seed 42, on weights); shape: kind.",
        "communities": [
            {"color": orange, "count": 4, "members": ["Azerbaijan", "Person A", "Uzbekistan"]},  # degree 6 each
            {
                "color": sky,
                "count": 3,
                "members": ['<img src=x onerror="window.kgPwned = 1">', "Example Council", "Kazakhstan"],
            },
        ],
    }
    assert [g["name"] for g in data["groups"]] == ["person", "organisation", "country"]  # shapes by kind stay
    assert "sizeBy" not in data


def test_communities_beyond_the_palette_share_one_colour():
    G = nx.Graph()
    for i in range(len(viz_measures.PALETTE) + 2):  # 14 separate pairs: 14 communities of 2
        G.add_edge(f"{i:02}a", f"{i:02}b")
    nx.set_node_attributes(G, {n: {"label": n, "group": "other"} for n in G})
    data = visualize.page_data(G, "t", color="community")
    assert len(data["colorBy"]["communities"]) == 12
    assert data["colorBy"]["rest"] == {"color": viz_measures.REST, "communities": 2, "count": 4}
    assert {n["color"] for n in data["nodes"] if n["community"] >= 12} == {viz_measures.REST}


def test_countries_view_communities_use_the_collapsed_weights(kg):
    G = visualize.graph_for(kg, visualize.VizOptions(view="countries"))
    data = visualize.page_data(G, "t", color="community", size="betweenness")
    # AZE-UZB 3.5, the other pairs 0.5: splitting off KAZ lowers modularity, so one community; a triangle has
    # no betweenness
    assert {n["key"]: (n["community"], n["betweenness"], n["size"]) for n in data["nodes"]} == {
        AZE: (0, 0.0, 10.0),
        KAZ: (0, 0.0, 10.0),
        UZB: (0, 0.0, 10.0),
    }
    assert data["edgeStyles"] == [{"name": "bilateral", "dashes": False}, {"name": "multilateral", "dashes": True}]


def test_the_page_carries_the_script_and_the_data(vizdir, run):
    result = run("viz", "--color", "Community", "--size", "BETWEENNESS", "-o", "m.html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Drew 7 nodes and 18 links\nWrote m.html\n"
    page = (vizdir / "m.html").read_text(encoding="utf-8")
    assert page.count('box.id = "kg-colours"') == 1
    assert '"sizeBy":{"by":"betweenness","note":"Size: betweenness (exact), largest 0.0667."}' in page
    assert re.search(r'"colorBy":\{"by":"community"', page)


def test_default_page_is_the_same_with_the_default_options_spelled_out(vizdir, run):
    assert run("viz", "-o", "plain.html").exit_code == 0
    assert run("viz", "--color", "kind", "--size", "degree", "-o", "spelled.html").exit_code == 0
    assert (vizdir / "plain.html").read_bytes() == (vizdir / "spelled.html").read_bytes()


def test_unknown_choices_are_usage_errors(vizdir, run):
    result = run("viz", "--color", "rainbow")
    assert result.exit_code == 2
    assert "Invalid value for '--color': 'rainbow' is not one of 'kind', 'community'." in result.stderr
    with pytest.raises(Exception, match="unknown size 'pagerank'; use one of: degree, betweenness"):
        viz_measures.check("kind", "pagerank")


@pytest.mark.browser
def test_in_the_browser_nodes_take_their_community_colour_and_the_legend_says_so(browser, tmp_path, kg):  # noqa: F811
    path = tmp_path / "m.html"
    visualize.write_page(kg, path, visualize.VizOptions(view="actors", color="community", size="betweenness"))
    context = browser.new_context(viewport={"width": 1300, "height": 850})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true")
        colours = page.evaluate("kgNodes.get().map((n) => [kgData.nodes[n.id].key, n.color.background, n.size])")
        orange, sky = viz_measures.PALETTE[:2]
        assert {k: (c, s) for k, c, s in colours} == {
            AZE: (orange, 50),
            UZB: (orange, 50),
            A: (orange, 50),
            B: (orange, 10),
            KAZ: (sky, 10),
            COUNCIL: (sky, 10),
            X: (sky, 10),
        }
        rows = page.eval_on_selector_all("#kg-colours .kg-community", "(rs) => rs.map((r) => r.textContent)")
        assert rows == [
            "Community 1 (4): Azerbaijan, Person A, Uzbekistan, …",
            'Community 2 (3): <img src=x onerror="window.kgPwned = 1">, Example Council, Kazakhstan',
        ]
        assert (
            page.text_content("#kg-colours .kg-note")
            == "Colour: community (Louvain, seed 42, on weights); shape: kind."
        )
        note = page.text_content("#kg-legend + .kg-note")
        assert note.startswith("Size: betweenness (exact), largest 0.0667. Click a node")
        assert page.evaluate("window.kgPwned") is None
        assert errors == []
    finally:
        context.close()
