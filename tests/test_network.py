"""RDF → networkx, view by view, on tests/fixtures/viz (expected graphs worked out by hand from its records).

The fixture's events: meeting-a-b (2023-05-03; AZE, UZB; person-a host, person-b guest), visit-b-baku
(state visit 2023-08-22/23; AZE, UZB; person-b visitor, person-a host), signing-treaty (2023-08-22, part of the
visit; AZE, UZB; both signatories; signs treaty-ab), summit-2024 (between 2024-01 and 2024-06; AZE, UZB, KAZ;
council organiser, person-a and person-x participants).
"""

from __future__ import annotations

import re

import pytest

from kg import network as net
from kg import queries
from kg.errors import UsageError
from kg.events import empty_window, events_of
from kg.filters import Filters, kept_events, why_empty
from kg.graph import KnowledgeGraph, load
from tests.conftest import FIXTURES, ROOT

ID = "https://w3id.org/diplomatic-kg/id/"
A, B, X = ID + "person/person-a", ID + "person/person-b", ID + "person/person-x"
COUNCIL = ID + "organisation/council"
AZE, UZB, KAZ = ID + "country/AZE", ID + "country/UZB", ID + "country/KAZ"
MEETING, VISIT, SIGNING, SUMMIT = (
    ID + f"event/{e}" for e in ("meeting-a-b", "visit-b-baku", "signing-treaty", "summit-2024")
)
BAKU, TASHKENT, TREATY = ID + "place/baku", ID + "place/tashkent", ID + "document/treaty-ab"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return load(FIXTURES / "viz")


def pairs(G) -> set[frozenset[str]]:
    return {frozenset((u, v)) for u, v in G.edges()}


def test_actors_view_links_agents_through_shared_events(kg):
    G = net.actors_graph(kg.store)
    assert set(G) == {A, B, X, COUNCIL, AZE, UZB, KAZ}
    bilateral = {A, B, AZE, UZB}  # the three 2023 events: every pair of the four
    summit = {COUNCIL, A, X, AZE, UZB, KAZ}
    expected = {frozenset((u, v)) for group in (bilateral, summit) for u in group for v in group if u < v}
    assert len(expected) == 18
    assert pairs(G) == expected
    ab = G.edges[A, B]
    assert ab["events"] == [MEETING, SIGNING, VISIT]
    assert ab["weight"] == 3
    assert ab["roles"] == {
        MEETING: {A: "host", B: "guest"},
        SIGNING: {A: "signatory", B: "signatory"},
        VISIT: {A: "host", B: "visitor"},
    }
    assert G.edges[AZE, UZB]["weight"] == 4
    assert G.edges[A, KAZ]["roles"] == {SUMMIT: {A: "participant", KAZ: "involved"}}
    assert G.edges[COUNCIL, X]["roles"] == {SUMMIT: {COUNCIL: "organiser", X: "participant"}}


def test_nodes_carry_label_group_kinds_variants_and_posts(kg):
    G = net.actors_graph(kg.store)
    a = G.nodes[A]
    assert (a["id"], a["label"], a["group"], a["kinds"]) == ("person-a", "Person A", "person", ["person"])
    assert a["labels"] == ["Person A", "Persona Alpha", "person-a", "Şəxs A"]
    assert a["posts"] == ["Minister A (2020-01 –)"]
    council = G.nodes[COUNCIL]
    assert (council["group"], council["kinds"]) == ("organisation", ["intergovernmental organisation"])
    assert (G.nodes[KAZ]["id"], G.nodes[KAZ]["group"], G.nodes[KAZ]["label"]) == ("KAZ", "country", "Kazakhstan")
    assert G.nodes[X]["label"] == '<img src=x onerror="window.kgPwned = 1">'


def test_graph_describes_the_events_and_sources_its_edges_use(kg):
    G = net.actors_graph(kg.store)
    assert list(G.graph["events"]) == [MEETING, SIGNING, SUMMIT, VISIT]
    summit = G.graph["events"][SUMMIT]
    assert (summit["dates"], summit["lo"], summit["hi"]) == ("2024-01..2024-06", "2024-01", "2024-06")
    assert G.graph["events"][VISIT]["dates"] == "2023-08-22 – 2023-08-23"
    assert G.graph["events"][MEETING]["dates"] == "2023-05-03"
    assert summit["sources"] == [ID + "source/evil-link", ID + "source/src-a"]
    assert G.graph["sources"][ID + "source/src-b"] == {
        "title": "Article B",
        "url": "https://example.org/b",
        "publisher": "Example News",
        "summary": "Invented; states the visit and the signing. <b>Bold?</b> & <script>window.kgPwned = 4</script>",
    }


def test_labels_in_the_chosen_language_fall_back_to_english(kg):
    G = net.actors_graph(kg.store, lang="az")
    assert G.nodes[A]["label"] == "Şəxs A"
    assert G.nodes[B]["label"] == "Person B"
    assert G.nodes[AZE]["label"] == "Azərbaycan"
    assert G.graph["events"][VISIT]["label"] == "B-nin Bakıya dövlət səfəri"


def test_events_view_puts_events_between_participants_documents_and_places(kg):
    G = net.events_graph(kg.store)
    assert set(G) == {MEETING, VISIT, SIGNING, SUMMIT, A, B, X, COUNCIL, BAKU, TASHKENT, TREATY, AZE, UZB, KAZ}
    relations = {frozenset((u, v)): d["relations"] for u, v, d in G.edges(data=True)}
    assert relations == {
        frozenset((MEETING, A)): ["host"],
        frozenset((MEETING, B)): ["guest"],
        frozenset((MEETING, BAKU)): ["place"],
        frozenset((MEETING, AZE)): ["involves"],
        frozenset((MEETING, UZB)): ["involves"],
        frozenset((VISIT, A)): ["host"],
        frozenset((VISIT, B)): ["visitor"],
        frozenset((VISIT, BAKU)): ["place"],
        frozenset((VISIT, AZE)): ["involves"],
        frozenset((VISIT, UZB)): ["involves"],
        frozenset((SIGNING, A)): ["signatory"],
        frozenset((SIGNING, B)): ["signatory"],
        frozenset((SIGNING, TREATY)): ["signed"],
        frozenset((SIGNING, VISIT)): ["part of"],
        frozenset((SIGNING, AZE)): ["involves"],
        frozenset((SIGNING, UZB)): ["involves"],
        frozenset((SUMMIT, COUNCIL)): ["organiser"],
        frozenset((SUMMIT, A)): ["participant"],
        frozenset((SUMMIT, X)): ["participant"],
        frozenset((SUMMIT, TASHKENT)): ["place"],
        frozenset((SUMMIT, AZE)): ["involves"],
        frozenset((SUMMIT, UZB)): ["involves"],
        frozenset((SUMMIT, KAZ)): ["involves"],
    }
    visit = G.nodes[VISIT]
    assert (visit["group"], visit["kinds"], visit["dates"]) == ("event", ["state visit"], "2023-08-22 – 2023-08-23")
    assert visit["sources"] == [ID + "source/src-a", ID + "source/src-b"]


def test_countries_view_keeps_bilateral_and_multilateral_apart(kg):
    G = net.countries_graph(kg.store)
    assert set(G) == {AZE, UZB, KAZ}
    edges = {
        (frozenset((u, v)), k): (d["count"], d["weight"], d["events"]) for u, v, k, d in G.edges(keys=True, data=True)
    }
    assert edges == {
        (frozenset((AZE, UZB)), "bilateral"): (3, 3.0, [MEETING, SIGNING, VISIT]),
        # a summit of three countries adds 1/(3-1) to each of its three pairs
        (frozenset((AZE, UZB)), "multilateral"): (1, 0.5, [SUMMIT]),
        (frozenset((AZE, KAZ)), "multilateral"): (1, 0.5, [SUMMIT]),
        (frozenset((KAZ, UZB)), "multilateral"): (1, 0.5, [SUMMIT]),
    }


@pytest.mark.parametrize(
    ("filters", "events"),
    [
        (Filters(date_from="2024"), {SUMMIT}),
        (Filters(date_to="2023-12"), {MEETING, VISIT, SIGNING}),
        (Filters(date_from="2023-08-23", date_to="2023-08-23"), {VISIT}),  # the visit's last day
        (Filters(date_from="2024-06-30", date_to="2024-07"), {SUMMIT}),  # only the bounds overlap
        (Filters(date_from="2024-07"), set()),
        (Filters(kinds=("visit",)), {VISIT}),  # a kind includes its sub-kinds (state visit)
        (Filters(kinds=("conference",)), {SUMMIT}),
        (Filters(kinds=("meeting", "signing")), {MEETING, SIGNING}),
        (Filters(countries=("KAZ",)), {SUMMIT}),
        (Filters(countries=("kaz", "UZB")), {MEETING, VISIT, SIGNING, SUMMIT}),
        (Filters(countries=("AZE",), date_from="2023-06", kinds=("signing",)), {SIGNING}),
    ],
)
def test_filters_choose_events(kg, filters, events):
    G = net.view_graph(kg.store, "events", filters)
    assert {n for n in G if G.nodes[n]["group"] == "event"} == events


def test_filtered_actors_view_drops_agents_without_kept_events(kg):
    G = net.view_graph(kg.store, "actors", Filters(date_from="2024"))
    assert set(G) == {COUNCIL, A, X, AZE, UZB, KAZ}
    assert G.edges[A, AZE]["events"] == [SUMMIT]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(kinds=("visti",)), "kind: unknown event kind 'visti'; did you mean visit?"),
        (Filters(countries=("AZR",)), "country: unknown country code 'AZR'; did you mean ARE, ARG, ARM?"),
        (Filters(date_from="2023-13"), "date_from: '2023-13' is an impossible date: there is no month 13"),
        (Filters(date_to="last year"), "date_to: 'last year' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        (
            Filters(date_from="2024", date_to="2023-12"),
            "date_from: the window starts (2024) after it ends (2023-12)",
        ),
    ],
)
def test_bad_filters_are_usage_errors(kg, filters, message):
    with pytest.raises(UsageError) as caught:
        net.view_graph(kg.store, "actors", filters)
    assert str(caught.value) == message


def test_filters_accept_kinds_and_codes_in_any_case(kg):
    G = net.view_graph(kg.store, "events", Filters(kinds=("State-Visit",), countries=("aze",)))
    assert G.graph["event_nodes"] == [VISIT]


def test_unknown_view_and_language(kg):
    with pytest.raises(UsageError) as caught:
        net.view_graph(kg.store, "people")
    assert str(caught.value) == "view: unknown view 'people'; use one of: actors, events, countries"
    with pytest.raises(UsageError) as caught:
        net.view_graph(kg.store, "actors", lang="fr")
    assert str(caught.value) == "lang: unknown language 'fr'; use one of: en, az, ru, uz"


def test_ego_network_around_a_node(kg):
    G = net.actors_graph(kg.store)
    assert set(net.ego(G, X, 1)) == {X, COUNCIL, A, AZE, UZB, KAZ}
    assert set(net.ego(G, X, 0)) == {X}
    assert set(net.ego(G, KAZ, 1)) == {KAZ, COUNCIL, A, X, AZE, UZB}
    events = net.events_graph(kg.store)
    assert set(net.ego(events, TREATY, 2)) == {TREATY, SIGNING, A, B, VISIT, AZE, UZB}
    with pytest.raises(UsageError) as caught:
        net.ego(G, BAKU, 1)
    assert str(caught.value) == "ego: baku is not in the actors graph"


def construct(kg, text):
    return net.query_graph(kg.store, queries.run(kg.store, text))


def test_query_graph_from_construct_and_select(kg):
    G = construct(kg, "CONSTRUCT { ?e dkg:location ?p . ?e a ?t } WHERE { ?e dkg:location ?p ; a ?t }")
    assert set(G.edges()) == {(MEETING, BAKU), (VISIT, BAKU), (SUMMIT, TASHKENT)}
    assert {d["relations"][0] for *_, d in G.edges(data=True)} == {"dkg:location"}
    assert G.nodes[VISIT]["group"] == "event"
    assert G.nodes[VISIT]["dates"] == "2023-08-22 – 2023-08-23"
    assert "rdf:type dkg:StateVisit" not in G.nodes[VISIT]["facts"]
    assert "rdf:type: dkg:StateVisit" in G.nodes[VISIT]["facts"]
    S = construct(
        kg,
        "SELECT ?target ?source ?label WHERE { ?source dkg:signatory ?target "
        "FILTER(?source != <" + TREATY + ">) BIND('signed' AS ?label) }",
    )
    assert set(S.edges()) == {(SIGNING, A), (SIGNING, B)}
    assert S.nodes[A]["label"] == "Person A"
    L = construct(kg, "SELECT ?p ?code WHERE { ?p dkg:nationality ?c . ?c dkg:countryCode ?code }")
    assert set(L.edges()) == {(A, '"AZE"'), (B, '"UZB"'), (X, '"KAZ"')}
    assert L.nodes['"AZE"']["label"] == "AZE"


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("ASK { ?s ?p ?o }", "query: an ASK query has no graph to draw; use CONSTRUCT, or SELECT ?source ?target"),
        ("SELECT ?s WHERE { ?s ?p ?o }", "query: a SELECT query needs two columns (?source ?target) to draw edges"),
    ],
)
def test_query_graph_errors(kg, sparql, message):
    with pytest.raises(UsageError) as caught:
        construct(kg, sparql)
    assert str(caught.value) == message


def test_the_founding_data_draws_in_every_view(real_kg):
    kg = real_kg
    babayev = ID + "person/sahil-babayev"
    actors = net.actors_graph(kg.store)
    assert babayev in actors
    assert ID + "person/behzod-musayev" in set(actors[babayev])
    assert ID + "country/UZB" in net.countries_graph(kg.store)
    event = ID + "event/video-meetings-babayev-musayev-olloyorov-2024"
    events = net.events_graph(kg.store)
    assert events.nodes[event]["dates"] == "2024-01..2024-09"
    assert set(events[event]) >= {babayev, ID + "country/AZE", ID + "country/UZB"}


def test_the_readme_python_example_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `kg viz`", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks, "the kg viz section shows no Python example"
    monkeypatch.chdir(ROOT)
    printed: list[str] = []
    exec(blocks[0], {"print": lambda *a: printed.append(" ".join(map(str, a)))})
    # five (node, centrality) pairs, best first: every event kept involves AZE, so it neighbours every node
    pairs = eval(printed[0])
    assert len(pairs) == 5 and pairs[0][0] == ID + "country/AZE"


# --- issue 9: open bounds, undated events and country-level places, on tests/fixtures/open-dates:
# day-2023 (2023-05-03, place UZB), bounded-2023 (2023-01..2023-03), latest-only (..2024-06),
# earliest-only (2024-03.., place AZE), undated-talks (no date).
OPEN = {e: ID + f"event/{e}" for e in ("day-2023", "bounded-2023", "latest-only", "earliest-only", "undated-talks")}


@pytest.fixture(scope="module")
def open_kg() -> KnowledgeGraph:
    return load(FIXTURES / "open-dates")


def test_events_keep_open_sides_open_and_say_undated(open_kg):
    events = {ev.id: ev for ev in events_of(open_kg.store).values()}
    assert {i: (ev.lo, ev.hi, ev.dated, ev.dates) for i, ev in events.items()} == {
        "bounded-2023": ("2023-01", "2023-03", True, "2023-01..2023-03"),
        "day-2023": ("2023-05-03", "2023-05-03", True, "2023-05-03"),
        "earliest-only": ("2024-03", None, True, "2024-03.."),
        "latest-only": (None, "2024-06", True, "..2024-06"),
        "undated-talks": (None, None, False, "undated"),
    }


@pytest.mark.parametrize(
    ("date_from", "date_to", "kept"),
    [
        # no time filter: every event, the undated one too
        (None, None, {"day-2023", "bounded-2023", "latest-only", "earliest-only", "undated-talks"}),
        # 2024: latest-only may fall in it (its span is open towards the past), earliest-only too (open future)
        ("2024", "2024", {"latest-only", "earliest-only"}),
        # from July 2024: latest-only ends by June 2024; earliest-only is open towards the future
        ("2024-07", None, {"earliest-only"}),
        # 2023: both 2023 events, and latest-only (any window starting on or before June 2024)
        ("2023", "2023", {"day-2023", "bounded-2023", "latest-only"}),
        # up to February 2024: earliest-only starts in March 2024
        (None, "2024-02", {"day-2023", "bounded-2023", "latest-only"}),
        # a window long before every date: only latest-only's open past reaches it
        ("1990", "1990-06", {"latest-only"}),
        # the last day of June 2024 still holds latest-only; the first of March holds earliest-only
        ("2024-06-30", "2024-06-30", {"latest-only", "earliest-only"}),
        ("2024-02-29", "2024-02-29", {"latest-only"}),
    ],
)
def test_time_filters_follow_the_one_rule(open_kg, date_from, date_to, kept):
    filters = Filters(date_from=date_from, date_to=date_to)
    assert {events_of(open_kg.store)[e].id for e in kept_events(open_kg.store, filters)} == kept
    assert set(net.events_graph(open_kg.store, filters)) >= {OPEN[e] for e in kept}
    assert not {OPEN[e] for e in OPEN.keys() - kept} & set(net.events_graph(open_kg.store, filters))


def test_an_empty_window_names_open_spans_and_undated_events(tmp_path):
    (tmp_path / "data").mkdir()
    text = (FIXTURES / "open-dates" / "events.ttl").read_text(encoding="utf-8")
    # keep the sources, latest-only and undated-talks: the data then runs up to 2024-06
    kept = [b for b in text.split("\n\n") if "event:day-2023 a" not in b and "event:bounded-2023 a" not in b]
    kept = [b for b in kept if "event:earliest-only a" not in b]
    (tmp_path / "data" / "events.ttl").write_text("\n\n".join(kept), encoding="utf-8")
    store = load(tmp_path / "data").store
    assert empty_window(store, "2025", None) == (
        "no event falls on or after 2025: the events of the data run up to 2024-06 (1 undated event falls in no window)"
    )
    assert empty_window(store, "1900", "1900") is None  # latest-only's span is open towards the past
    assert why_empty(store, Filters(date_from="2024-07").checked(store)) == (
        "no event falls on or after 2024-07: the events of the data run up to 2024-06 "
        "(1 undated event falls in no window)"
    )


def test_a_place_known_only_as_a_country_is_linked_and_named_so(open_kg):
    G = net.events_graph(open_kg.store)
    day, uzb, aze = OPEN["day-2023"], ID + "country/UZB", ID + "country/AZE"
    assert G.edges[day, uzb]["relations"] == ["involves", "place"]
    assert G.edges[day, aze]["relations"] == ["involves"]
    assert G.edges[OPEN["earliest-only"], aze]["relations"] == ["involves", "place"]
    assert G.nodes[day]["place"] == "Uzbekistan (country)"
    assert G.nodes[OPEN["bounded-2023"]]["place"] == ""
    assert G.graph["events"][OPEN["undated-talks"]]["dates"] == "undated"
