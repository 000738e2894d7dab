"""kg.analytics on small hand-made graphs whose measures are known by hand, on tests/fixtures/viz, and on the
real data (its top ties counted by hand from data/*/events.yaml)."""

from __future__ import annotations

import importlib
import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from kg import analytics
from kg.analytics import frames, measures
from kg.errors import KgError
from kg.filters import Filters
from kg.graph import load
from tests.conftest import FIXTURES

ID = "https://w3id.org/diplomatic-kg/id/"
AZE, UZB, KAZ = ID + "country/AZE", ID + "country/UZB", ID + "country/KAZ"


def star() -> nx.Graph:
    return nx.Graph([("c", leaf) for leaf in ("l1", "l2", "l3", "l4")])


def two_cliques(bridge: bool) -> nx.Graph:
    """Two 4-cliques a1..a4 and b1..b4, joined by the edge a1–b1, or (bridge) through a node x: a1–x–b1."""
    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges())
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges())
    G.add_edges_from([("a1", "x"), ("x", "b1")] if bridge else [("a1", "b1")])
    return G


def by_id(measured: analytics.Centrality) -> dict[str, analytics.NodeMeasures]:
    return {r.id: r for r in measured}


def test_star_centre_has_every_link_and_path():
    m = by_id(analytics.centrality(star()))
    assert (m["c"].degree, m["c"].weighted_degree, m["c"].betweenness) == (4, 4.0, 1.0)
    assert all((m[f"l{i}"].degree, m[f"l{i}"].betweenness) == (1, 0.0) for i in range(1, 5))
    # principal eigenvector of K1,4: eigenvalue 2, leaf = centre / 2, unit length: centre 1/√2, leaves 1/(2√2)
    assert m["c"].eigenvector == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert m["l1"].eigenvector == pytest.approx(1 / (2 * math.sqrt(2)), abs=1e-6)
    assert [r.id for r in analytics.centrality(star())] == ["c", "l1", "l2", "l3", "l4"]


def test_path_betweenness_by_hand():
    # a-b-c-d-e: 6 pairs of other nodes each; b lies on (a,c) (a,d) (a,e), c on (a,d) (a,e) (b,d) (b,e)
    b = measures.betweenness(nx.path_graph(["a", "b", "c", "d", "e"]))
    assert b.exact and b.method == "exact"
    assert b.values == pytest.approx({"a": 0.0, "b": 3 / 6, "c": 4 / 6, "d": 3 / 6, "e": 0.0})


def test_sampled_betweenness_says_so_and_repeats():
    G = nx.path_graph([f"n{i:02}" for i in range(30)])
    first = measures.betweenness(G, exact_limit=10, budget=10, pivots=5)
    assert (first.exact, first.method) == (False, "sampled, 5 pivots, seed 42")
    assert first == measures.betweenness(G, exact_limit=10, budget=10, pivots=5)
    # nodes × edges = 30 × 29 = 870: exact under the default limit
    assert measures.betweenness(G).exact


def test_two_cliques_make_two_communities():
    assert measures.communities(two_cliques(bridge=False)) == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]]
    found = analytics.centrality(two_cliques(bridge=False))
    assert [c.index for c in found.communities] == [0, 1]
    assert [ident for _, ident, _ in found.communities[1].members] == ["b1", "b2", "b3", "b4"]
    assert by_id(found)["b3"].community == 1


def test_the_bridge_node_is_the_broker():
    # 9 nodes, 28 pairs of other nodes: x lies on all 16 paths between the cliques, a1 on 3 × 5 = 15.
    # score = betweenness / (degree / 8): x (16/28) / (2/8) = 16/7; a1 and b1 (15/28) / (4/8) = 15/14.
    found = analytics.brokers(two_cliques(bridge=True))
    assert found[0].id == "x"
    assert found[0].score == pytest.approx(16 / 7)
    assert found[0].betweenness == pytest.approx(16 / 28)
    assert found[0].links == (0, 1)
    for b in found[1:]:
        assert b.id in ("a1", "b1") and b.score == pytest.approx(15 / 14)


def test_bridge_edge_ends_are_equal_brokers():
    # a1 lies on the 3 × 4 = 12 paths from a2..a4 to b1..b4 of 21 pairs; degree 4 of 7: score 1
    found = analytics.brokers(two_cliques(bridge=False))
    assert [(b.id, b.links) for b in found] == [("a1", (0, 1)), ("b1", (0, 1))]
    assert [b.score for b in found] == pytest.approx([1.0, 1.0])


def test_eigenvector_of_a_graph_in_pieces():
    # star (5 nodes) + a lone pair: each piece's vector, scaled by its share of the 7 nodes
    G = star()
    G.add_edge("p", "q")
    values = measures.eigenvector(G)
    assert values["c"] == pytest.approx(5 / 7 / math.sqrt(2), abs=1e-6)
    assert values["p"] == pytest.approx(2 / 7 / math.sqrt(2), abs=1e-6)
    G.add_node("alone")
    assert measures.eigenvector(G)["alone"] == 0.0


def test_eigenvector_that_does_not_converge_scores_zero():
    # a path of 5,000 nodes: its spectral gap is too small for ARPACK (igraph gives up after 3,000 restarts;
    # at 2,500 nodes it sometimes does not), and one step of networkx's power iteration is too few
    names = [f"n{i:04d}" for i in range(5000)]
    values, failed = measures._eigenvector(*measures._to_igraph(nx.path_graph(names)), 1, 1e-9)
    assert (failed, set(values.values())) == (names, {0.0})


def test_a_vector_that_is_not_an_eigenvector_is_caught():
    # ARPACK can stop short without saying so: the result is checked against A x = λ x
    g = ig.Graph(n=3, edges=[(0, 1), (1, 2)])
    g.es["weight"] = [1.0, 1.0]
    assert measures._is_eigenvector(g, np.array([0.5, 1 / math.sqrt(2), 0.5]))  # λ = √2
    assert not measures._is_eigenvector(g, np.ones(3) / math.sqrt(3))


def test_eigenvector_equals_networkx_on_a_weighted_graph():
    G = nx.karate_club_graph()
    ours, theirs = measures.eigenvector(G), nx.eigenvector_centrality(G, weight="weight", tol=1e-12, max_iter=10_000)
    assert max(abs(ours[n] - theirs[n]) for n in G) < 1e-9


def test_betweenness_equals_networkx_exact_and_sampled():
    G = nx.karate_club_graph()
    exact = measures.betweenness(G)
    assert exact.exact
    assert max(abs(exact.values[n] - v) for n, v in nx.betweenness_centrality(G).items()) < 1e-12
    # sampled: the same pivots as networkx's k/seed, so the same estimate
    sampled = measures.betweenness(G, exact_limit=10, budget=10, pivots=7, seed=3)
    assert (sampled.exact, sampled.pivots, sampled.method) == (False, 7, "sampled, 7 pivots, seed 3")
    theirs = nx.betweenness_centrality(G, k=7, seed=3)
    assert max(abs(sampled.values[n] - v) for n, v in theirs.items()) < 1e-12


def test_pivots_grow_with_the_budget():
    G = nx.karate_club_graph()  # 34 nodes, 78 edges
    assert measures.betweenness(G, exact_limit=10, budget=78 * 20, pivots=5).pivots == 20  # the budget allows 20
    assert measures.betweenness(G, exact_limit=10, budget=78 * 2, pivots=5).pivots == 5  # at least `pivots`


def test_weighted_simple_merges_parallel_edges():
    G = nx.MultiGraph()
    G.add_edge("b", "a", "bilateral", events=["e1"], count=1, weight=1.0)
    G.add_edge("a", "b", "multilateral", events=["e3", "e1"], count=2, weight=0.75)
    G.add_edge("b", "c", "multilateral", events=["e3"], count=1, weight=0.25)
    H = measures.weighted_simple(G)
    assert not H.is_multigraph()
    assert list(H.edges(data=True)) == [
        ("a", "b", {"weight": 1.75, "count": 3, "events": ["e1", "e3"]}),
        ("b", "c", {"weight": 0.25, "count": 1, "events": ["e3"]}),
    ]


@pytest.fixture(scope="module")
def viz():
    return load(FIXTURES / "viz")


def test_countries_of_the_viz_fixture(viz):
    # meeting, visit, signing: AZE–UZB bilateral (3 × 1); the summit of AZE, UZB, KAZ adds 1/2 to each pair
    G = analytics.graph(viz.store, "countries")
    assert G.edges[AZE, UZB]["weight"] == 3.5 and G.edges[AZE, KAZ]["weight"] == 0.5
    m = by_id(analytics.centrality(G))
    assert [(k, m[k].degree, m[k].weighted_degree) for k in ("AZE", "UZB", "KAZ")] == [
        ("AZE", 2, 4.0),
        ("UZB", 2, 4.0),
        ("KAZ", 2, 1.0),
    ]
    # a weighted triangle: x_AZE = x_UZB = a, x_KAZ = a/λ with λ² − 3.5λ − 0.5 = 0
    lam = (3.5 + math.sqrt(3.5**2 + 2)) / 2
    a = 1 / math.sqrt(2 + 1 / lam**2)
    assert (m["AZE"].eigenvector, m["KAZ"].eigenvector) == pytest.approx((a, a / lam), abs=1e-6)
    # splitting the triangle lowers modularity (−0.025): one community
    assert measures.communities(G) == [[AZE, KAZ, UZB]]


def test_ties_of_the_viz_fixture(viz):
    found = analytics.ties(viz.store)
    assert [(t.a_id, t.b_id, t.events, t.weight) for t in found] == [
        ("AZE", "UZB", 4, 3.5),
        ("AZE", "KAZ", 1, 0.5),
        ("KAZ", "UZB", 1, 0.5),
    ]
    top = found[0]
    # person-b (UZB) is the visitor of the state visit and the guest of the meeting, person-a (AZE) hosts both
    assert (top.a_to_b, top.b_to_a, top.directed) == (0, 2, True)
    assert top.kinds == (("meeting", 1), ("signing", 1), ("state-visit", 1), ("summit", 1))
    assert (top.first, top.last) == ("2023-05-03", "2024-06")
    assert top.event_ids == ("meeting-a-b", "signing-treaty", "summit-2024", "visit-b-baku")
    assert [s.rsplit("/", 1)[1] for s in top.sources] == ["evil-link", "src-a", "src-b"]
    actors = {(t.a_id, t.b_id): t for t in analytics.ties(viz.store, view="actors")}
    ab = actors["person-a", "person-b"]
    assert (ab.events, ab.a_to_b, ab.b_to_a, ab.last) == (3, 0, 2, "2023-08-23")
    assert analytics.ties(viz.store, Filters(date_from="2024"), top=1)[0].event_ids == ("summit-2024",)


def test_records_as_data_and_frames(viz):
    tie = analytics.ties(viz.store, top=1)[0]
    assert frames.data(tie)["a"] == {"iri": AZE, "id": "AZE", "label": "Azerbaijan"}
    assert frames.flat(tie)["kinds"] == "meeting 1; signing 1; state-visit 1; summit 1"
    frame = analytics.to_frame(analytics.centrality(analytics.graph(viz.store)))
    assert list(frame.columns) == [
        *("id", "label", "group", "degree", "weighted_degree", "betweenness", "eigenvector", "community")
    ]
    assert list(frame["id"]) == ["AZE", "UZB", "KAZ"]


def test_to_frame_without_pandas_names_the_install(monkeypatch):
    real = importlib.import_module

    def missing(name: str, *args: object) -> object:
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(KgError) as caught:
        analytics.to_frame([])
    assert str(caught.value) == "DataFrames need pandas, which is not installed: pip install pandas"


def test_top_ties_of_the_real_data(real_kg):
    """Counted by hand from data/*/events.yaml: for each event, its `countries` plus any country participant;
    a pair's weight adds 1/(n-1) per event of n countries; a→b counts events where a visitor or guest of a's
    side (the country of the post they held there, else their nationality) came to a host of b's side.

    AZE–UZB: 73 events (60 in data/az-uz/events.yaml, 13 in data/core/events.yaml), 59 of them bilateral
    and 14 multilateral adding 3.55: weight 62.55. Uzbek visitors or guests came to Azerbaijani hosts in 15
    (Mirziyoyev's visits of 2023-08, 2023-11, 2024-07, 2024-11 and 2025-07 with their talks, Aripov's of
    2023-07, the foreign ministers in 2019-10, 2020-02 and 2023-09), Azerbaijani ones to Uzbek hosts in 11
    (Aliyev's state visits of 2022-06 and 2024-08, the SCO summit in Samarkand, ministers in Tashkent and
    Termez). The first event 2019-10-14 (the Turkic Council summit in Baku, which one source dates 14–15
    October, and the presidents' meeting of that day), the last 2025-12-05 (the OTS labour ministers in Baku)."""
    found = analytics.ties(real_kg.store, top=3)
    assert [(t.a_id, t.b_id, t.events, t.weight, t.a_to_b, t.b_to_a, t.first, t.last) for t in found] == [
        ("AZE", "UZB", 73, 62.55, 11, 15, "2019-10-14", "2025-12-05"),
        ("AZE", "TUR", 29, 19.95, 2, 6, "2018-01-31", "2025-12-06"),
        ("KAZ", "UZB", 25, 15.05, 4, 3, "2019-04-14", "2025-12-05"),
    ]
    assert found[0].kinds[:4] == (("meeting", 19), ("summit", 15), ("session", 6), ("signing", 5))
    assert len(found[0].sources) == 110


def test_weighted_degree_of_a_country_is_its_number_of_events(real_kg):
    """With 1/(n-1) per pair an event adds exactly 1 to each of its countries: UZB takes part in 121 events
    with another country, AZE in 119 (counted in data/*/events.yaml as for the ties)."""
    m = by_id(analytics.centrality(analytics.graph(real_kg.store)))
    assert (m["UZB"].weighted_degree, m["AZE"].weighted_degree) == (121.0, 119.0)
