"""Every stored query against an answer worked out by hand from data/core (the founding article and its
background sources), both engines giving identical answers, and the violation checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.catalogue import find_query, stored_queries
from kg.graph import KnowledgeGraph, load
from kg.iris import local_id
from kg.queries import Result, answer
from tests.conftest import FIXTURES, ROOT
from tests.rdflib_engine import answer_rdflib

AZERTAC = "azertac-2024-az-uz-social-protection-video-meetings"  # the founding article
QUERIES = [q for q in stored_queries() if not q.is_check]
CHECKS = [q for q in stored_queries() if q.is_check]


@pytest.fixture(scope="session")
def core(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The founding article's records only (data/core) with the generated countries: a stable dataset."""
    root = tmp_path_factory.mktemp("core")
    for part in ("core", "reference"):
        shutil.copytree(ROOT / "data" / part, root / part)
    return load(root)


@pytest.fixture(scope="session")
def full(real_kg: KnowledgeGraph) -> KnowledgeGraph:
    return real_kg


def simple(result: Result) -> list[tuple[str, ...]]:
    """Rows with our IRIs as ids, other IRIs as prefixed names and literals as their text."""

    def cell(term: object) -> str:
        if isinstance(term, URIRef):
            return local_id(str(term))
        return str(term) if isinstance(term, Literal) else ""

    return [tuple(cell(r.get(v)) for v in result.variables) for r in result.rows]


def ask(kg: KnowledgeGraph, name: str, reasoning: str = "none", **params: str) -> list[tuple[str, ...]]:
    return simple(answer(kg.store, find_query(name), params, reasoning))


def test_at_least_twelve_competency_questions_with_metadata():
    assert len(QUERIES) >= 12
    for q in QUERIES + CHECKS:
        assert q.title and q.description, q.name
        assert all(p.type and p.description for p in q.params), q.name


def test_events_between_countries(core):
    rows = ask(core, "events-between-countries", a="AZE", b="UZB")
    assert [r[:4] for r in rows] == [
        ("2021-11-12", "statement-aliyev-fuzuli-school-2021", "Statement", "istanbul"),
        ("2021-11-12", "summit-turkic-council-viii-2021", "Summit", "istanbul"),
        # issue 9: the initiative's kind is now construction-initiative
        ("2022/2023-08-23", "initiative-fuzuli-school", "ConstructionInitiative", "fuzuli"),
        ("2023-08-22", "signing-treaty-supreme-interstate-council-2023", "Signing", "baku"),
        # issue 9: a state visit only; the official-visit claim of the unread Today.az page was removed
        ("2023-08-22/2023-08-23", "visit-mirziyoyev-azerbaijan-2023-08", "StateVisit", "baku"),
        ("2023-08-23", "opening-fuzuli-school-2023", "Opening", "fuzuli"),
        # issue 9: no page read places the MoU signing, so its place is open (AzerNews no longer cited)
        ("2023-10", "signing-mou-social-protection-aze-uzb-2023", "Signing", ""),
        ("2023-10", "visit-babayev-tashkent-2023-10", "Visit", "tashkent"),
        # (the flower laying in Tashkent, added in issue 9, is not here: its only country is AZE)
        ("2024-01..2024-09", "video-meetings-babayev-musayev-olloyorov-2024", "Meeting", ""),
        ("2024-08-22/2024-08-23", "state-visit-aliyev-uzbekistan-2024-08", "StateVisit", "tashkent"),
        ("2024-08-23", "interstate-council-meeting-aze-uzb-1-2024", "InterstateBodyMeeting", "tashkent"),
        ("2024-08-23", "signing-treaty-allied-relations-2024", "Signing", "tashkent"),
        ("2025-07-02", "interstate-council-meeting-aze-uzb-2-2025", "InterstateBodyMeeting", "baku"),
    ]
    sources = {r[1]: r[4] for r in rows}
    assert sources["video-meetings-babayev-musayev-olloyorov-2024"] == AZERTAC
    # issue 9: the three pages that call it a state visit; Today.az (unread) and Daryo were dropped
    assert sources["visit-mirziyoyev-azerbaijan-2023-08"] == (
        "eadaily-2023-08-23-aze-uzb-supreme-interstate-council, "
        "report-az-2023-08-mirziyoyev-state-visit-announced, sputnik-uz-2023-08-22-mirziyoyev-arrives-baku"
    )
    assert sources["signing-treaty-allied-relations-2024"] == (
        "gazeta-uz-2024-08-23-first-supreme-interstate-council, interfax-2024-08-23-treaty-allied-relations"
    )
    # the pair in the other order, and a pair with fewer shared events (the ICLM-5 conference and session)
    assert ask(core, "events-between-countries", a="UZB", b="AZE") == rows
    assert [r[1] for r in ask(core, "events-between-countries", a="SAU", b="country:AZE")] == [
        "conference-iclm-5-baku-2023",
        "session-iclm-5-ministerial-2023",
    ]


def test_posts_at_events(core):
    rows = ask(core, "posts-at-events")
    assert len(rows) == 25  # +2: mehriban-aliyeva and ziroatkhon-mirziyoyeva at opening-fuzuli-school-2023
    assert rows[:3] == [
        ("2021-11-12", "statement-aliyev-fuzuli-school-2021", "ilham-aliyev", "speaker", "president-aze", "/"),
        ("2021-11-12", "summit-turkic-council-viii-2021", "ilham-aliyev", "participant", "president-aze", "/"),
        ("2021-11-12", "summit-turkic-council-viii-2021", "shavkat-mirziyoyev", "participant", "president-uzb", "/"),
    ]
    video = [r[2:] for r in rows if r[1] == "video-meetings-babayev-musayev-olloyorov-2024"]
    assert video == [
        (
            "behzod-musayev",
            "participant",
            "minister-of-employment-and-poverty-reduction-uzb",
            "2022-12/2024-01..2024-09-23",
        ),
        ("mansurbek-olloyorov", "participant", "director-of-national-agency-for-social-protection-uzb", "/"),
        # issue 9: Babayev's tenure now has only a latest start (2018-04-23) and a latest end (2025-02-07)
        (
            "sahil-babayev",
            "participant",
            "minister-of-labour-and-social-protection-of-population-aze",
            "..2018-04-23/..2025-02-07",
        ),
    ]
    # people at an event without a post (issue 9): the presidents' wives at the Fuzuli school opening
    assert [r[2:] for r in rows if r[1] == "opening-fuzuli-school-2023" and r[3] == "accompanying"] == [
        ("mehriban-aliyeva", "accompanying", "", ""),
        ("ziroatkhon-mirziyoyeva", "accompanying", "", ""),
    ]
    # the MoU was signed by two bodies, not people: no row
    assert not [r for r in rows if r[1] == "signing-mou-social-protection-aze-uzb-2023"]


def test_documents_between_countries(core):
    assert ask(core, "documents-between-countries", a="AZE", b="UZB") == [
        (
            "2023-08-22",
            "treaty-supreme-interstate-council-aze-uzb-2023",
            "Treaty",
            "ilham-aliyev, shavkat-mirziyoyev",
            "supreme-interstate-council-aze-uzb",
        ),
        ("2023-10", "mou-social-protection-aze-uzb-2023", "MemorandumOfUnderstanding", "", ""),
        ("2024-08-23", "treaty-allied-relations-aze-uzb-2024", "Treaty", "ilham-aliyev, shavkat-mirziyoyev", ""),
    ]


def test_remote_meetings(core, full):
    assert ask(core, "remote-meetings") == [
        (
            "2024-01..2024-09",
            "video-meetings-babayev-musayev-olloyorov-2024",
            "video",
            "AZE, UZB",
            "behzod-musayev, mansurbek-olloyorov, sahil-babayev",
        ),
    ]
    # data/az-uz/events.yaml: the presidents' telephone call of 22/23 August 2022
    assert (
        "2022-08-22..2022-08-23",
        "2022-08-mirziyoyev-aliyev-phone-call",
        "phone",
        "AZE, UZB",
        "ilham-aliyev, shavkat-mirziyoyev",
    ) in ask(full, "remote-meetings")


def test_events_in_window_counts_uncertain_dates_that_may_fall_in_it(core):
    assert ask(core, "events-in-window") == [  # the default window: 2024
        ("2024-01..2024-09", "video-meetings-babayev-musayev-olloyorov-2024", ""),
        ("2024-08-22/2024-08-23", "state-visit-aliyev-uzbekistan-2024-08", "tashkent"),
        ("2024-08-23", "interstate-council-meeting-aze-uzb-1-2024", "tashkent"),
        ("2024-08-23", "signing-treaty-allied-relations-2024", "tashkent"),
    ]
    # only the uncertain video meetings (January–September 2024) may fall after mid-September 2024
    assert ask(core, "events-in-window", **{"from": "2024-09-15", "to": "2024-12-31"}) == [
        ("2024-01..2024-09", "video-meetings-babayev-musayev-olloyorov-2024", ""),
    ]
    # a day inside a month: the events dated only "October 2023" may have taken place on 5 October (the
    # signing's place is open), and so may the flower laying, known to fall between 2023-10 and 2023-10-20
    assert ask(core, "events-in-window", **{"from": "2023-10-05", "to": "2023-10-05"}) == [
        ("2023-10", "signing-mou-social-protection-aze-uzb-2023", ""),
        ("2023-10", "visit-babayev-tashkent-2023-10", "tashkent"),
        ("2023-10..2023-10-20", "flower-laying-babayev-heydar-aliyev-monument-tashkent-2023", "tashkent"),
    ]
    # a window ending the day before the 2013 conference began finds nothing of it
    assert ask(core, "events-in-window", **{"from": "2013", "to": "2013-04-24"}) == []


def test_conference_margins(core, full):
    assert ask(core, "conference-margins") == [
        (
            "conference-iclm-2-baku-2013",
            "2013-04-25..2013-04-26",
            "part of",
            "statement-aliyev-proposes-oic-labour-centre-2013",
        ),
        ("conference-iclm-5-baku-2023", "2023-11-22", "part of", "opening-oic-labour-centre-2023"),
        ("conference-iclm-5-baku-2023", "2023-11-23", "part of", "session-iclm-5-ministerial-2023"),
        ("summit-turkic-council-viii-2021", "2021-11-12", "part of", "statement-aliyev-fuzuli-school-2021"),
    ]
    # data/az-uz/events.yaml: the presidents met on arrival, on the margins of the 2019 Turkic Council summit
    assert (
        "2019-10-turkic-council-7th-summit-baku",
        "2019-10-14",
        "on the margins",
        "2019-10-14-mirziyoyev-aliyev-meeting-baku",
    ) in ask(full, "conference-margins")


def test_sectors_between_countries(core):
    assert ask(core, "sectors-between-countries") == [
        ("social-protection", "3", "1"),  # video meetings, Babayev's visit, the MoU signing; the MoU
        ("education", "3", "0"),  # the school: initiative, announcement, opening
        ("labour", "2", "1"),  # video meetings, Babayev's visit; the MoU
        ("employment", "1", "0"),  # video meetings
    ]


def test_person_statements(core):
    rows = ask(core, "person-statements", person="sahil-babayev")
    tenure = "sahil-babayev--minister-of-labour-and-social-protection-of-population-aze--1"
    record_sources = [AZERTAC, "news-az-2018-04-24-babayev-newly-appointed"]
    # issue 9: the tenure also cites metbuat-2025-02-anar-aliyev-appointed (his successor's appointment)
    tenure_sources = [
        AZERTAC,
        "metbuat-2025-02-anar-aliyev-appointed",
        "news-az-2018-04-24-babayev-newly-appointed",
        "newsghana-2023-11-22-oic-labour-centre-inaugural-session",
    ]
    assert ("sahil-babayev", "dkg:nationality", "AZE", record_sources[0]) in rows
    assert ("sahil-babayev", "rdfs:label", "Сахиль Бабаев", record_sources[1]) in rows
    assert [r[3] for r in rows if r[1] == "dkg:holds"] == tenure_sources
    # issue 9: "newly appointed" on 23 April 2018 is a latest start, not a start; the end is at the latest
    # Anar Aliyev's appointment on 7 February 2025
    on_tenure = {(r[1], r[2]) for r in rows if r[0] == tenure}
    assert {("dkg:startLatest", "2018-04-23"), ("dkg:endLatest", "2025-02-07")} <= on_tenure
    assert not {p for p, _ in on_tenure} & {"dkg:startDate", "dkg:endDate"}
    assert [r[3] for r in rows if r[0] == tenure and r[1] == "dkg:startLatest"] == tenure_sources
    # the person record (2 sources): 2 types, 3 rdfs:label, 3 skos:prefLabel, nationality;
    # the position (4 sources): dkg:holds and dkg:tenure on the person, and type, comment, holder, post,
    # startLatest, endLatest on the tenure
    assert len(rows) == 9 * 2 + 2 * 4 + 6 * 4


def test_disagreements(core):
    rows = ask(core, "disagreements")
    proposal = "statement-aliyev-proposes-oic-labour-centre-2013"
    assert [(*r[:2], r[3]) for r in rows] == [
        ("opening-oic-labour-centre-2023", "rdfs:comment", "news-az-2023-11-22-oic-labour-centre-statute"),
        ("opening-oic-labour-centre-2023", "rdfs:comment", "trend-2023-11-23-oic-labour-centre-charter-16"),
        (proposal, "rdfs:comment", "newsghana-2023-11-22-oic-labour-centre-inaugural-session"),
        (proposal, "rdfs:comment", "news-az-2023-11-22-oic-labour-centre-opens"),
        (proposal, "rdfs:comment", "trend-2023-11-22-oic-labour-centre-general-assembly"),
    ]
    # issue 9: no kind is contested any more: the official-visit claim on visit-mirziyoyev-azerbaijan-2023-08
    # rested on today-az-238180-mirziyoyev-visit, an unread page whose citation was removed
    assert [r for r in rows if r[1] == "rdf:type"] == []


def test_disagreeing_dates(full):
    # data/az-uz/events.yaml: AZERTAC (via the Turkic Council) has the 2019 summit start on 14 October
    rows = ask(full, "disagreements")
    starts = [r[2:] for r in rows if r[0] == "2019-10-turkic-council-7th-summit-baku" and r[1] == "dkg:startDate"]
    assert starts[0] == ("2019-10-14", "azertac-2019-10-06-amreyev-meets-mirziyoyev")
    assert starts[1][0] == "2019-10-15" and "govuz-2019-10-14-presidents-meet-in-baku" in starts[1][1]


def test_interactions_per_year(core):
    rows = ask(core, "interactions-per-year")
    # 15 pairs of the six 2021 summit countries, and 13 rows of bilateral events (-1: the OfficialVisit row,
    # whose claim on visit-mirziyoyev-azerbaijan-2023-08 rested on today-az-238180-mirziyoyev-visit, removed
    # in issue 9; flower-laying-babayev-heydar-aliyev-monument-tashkent-2023, added then, has one country only)
    assert len(rows) == 28
    assert [r for r in rows if r[0] == "2023"] == [
        ("2023", "AZE", "SAU", "dkg:Conference", "1"),
        ("2023", "AZE", "SAU", "dkg:Session", "1"),
        ("2023", "AZE", "UZB", "dkg:Opening", "1"),
        ("2023", "AZE", "UZB", "dkg:Signing", "2"),
        ("2023", "AZE", "UZB", "dkg:StateVisit", "1"),
        ("2023", "AZE", "UZB", "dkg:Visit", "1"),
    ]
    assert ("2021", "HUN", "TUR", "dkg:Summit", "1") in rows
    # issue 9: initiative-fuzuli-school (start 2022) is now a construction-initiative
    assert ("2022", "AZE", "UZB", "dkg:ConstructionInitiative", "1") in rows
    assert ("2024", "AZE", "UZB", "dkg:Meeting", "1") in rows  # the video meetings, by their earliest date


def test_wikidata_links(core):
    # data/reference/countries.ttl links eight countries; data/core/places.yaml links Baku
    assert ask(core, "wikidata-links") == [
        ("AZE", "Azerbaijan", "wd:Q227"),
        ("KAZ", "Kazakhstan", "wd:Q232"),
        ("KGZ", "Kyrgyzstan", "wd:Q813"),
        ("SAU", "Saudi Arabia", "wd:Q851"),
        ("TJK", "Tajikistan", "wd:Q863"),
        ("TKM", "Turkmenistan", "wd:Q874"),
        ("TUR", "Türkiye", "wd:Q43"),
        ("UZB", "Uzbekistan", "wd:Q265"),
        ("baku", "Baku", "wd:Q9248"),
    ]
    assert ask(core, "wikidata-links", **{"class": "dkg:Place"}) == [("baku", "Baku", "wd:Q9248")]


def test_who_met_whom(core):
    assert ask(core, "who-met-whom") == [
        (
            "2023-08-22/2023-08-23",
            "visit-mirziyoyev-azerbaijan-2023-08",
            "shavkat-mirziyoyev",
            "visitor",
            "ilham-aliyev",
            "host",
        ),
        ("2023-10", "visit-babayev-tashkent-2023-10", "sahil-babayev", "visitor", "mansurbek-olloyorov", "participant"),
        (
            "2024-08-22/2024-08-23",
            "state-visit-aliyev-uzbekistan-2024-08",
            "ilham-aliyev",
            "visitor",
            "shavkat-mirziyoyev",
            "host",
        ),
        (
            "2025-07-02",
            "interstate-council-meeting-aze-uzb-2-2025",
            "shavkat-mirziyoyev",
            "guest",
            "ilham-aliyev",
            "host",
        ),
    ]


def test_schema_org_question_needs_rdfs_reasoning(core):
    assert ask(core, "schema-person-events") == []
    assert ask(core, "schema-person-events", reasoning="rdfs") == [
        ("", "flower-laying-babayev-heydar-aliyev-monument-tashkent-2023", "tashkent"),  # 2023-10..2023-10-20
        ("", "video-meetings-babayev-musayev-olloyorov-2024", ""),
        ("2023-10", "visit-babayev-tashkent-2023-10", "tashkent"),
        ("2023-11-21", "conference-iclm-5-baku-2023", "baku"),
        ("2023-11-22", "opening-oic-labour-centre-2023", "baku"),
        ("2023-11-23", "session-iclm-5-ministerial-2023", "baku"),
    ]


# --- undated and open-ended events, reports and mentions, on tests/fixtures/open-dates: day-2023
# (2023-05-03, place UZB), bounded-2023 (2023-01..2023-03), latest-only (..2024-06), earliest-only
# (2024-03.., place AZE), undated-talks (no date). src-r reports day-2023 and earliest-only and mentions
# bounded-2023 and undated-talks; src-m reports latest-only and undated-talks.


@pytest.fixture(scope="module")
def open_dates() -> KnowledgeGraph:
    return load(FIXTURES / "open-dates")


def test_events_in_window_extends_open_bounds_and_leaves_undated_events_out(open_dates):
    # 2024: latest-only (open towards the past, ends by June) and earliest-only (open towards the future);
    # in time order by the first date known: ..2024-06 by 2024-06, after 2024-03..
    assert ask(open_dates, "events-in-window") == [
        ("2024-03..", "earliest-only", "AZE"),
        ("..2024-06", "latest-only", ""),
    ]
    # 2023: the two 2023 events and latest-only, whose span is open towards the past
    assert ask(open_dates, "events-in-window", **{"from": "2023", "to": "2023"}) == [
        ("2023-01..2023-03", "bounded-2023", ""),
        ("2023-05-03", "day-2023", "UZB"),
        ("..2024-06", "latest-only", ""),
    ]
    # after June 2024 only earliest-only; long before every date only latest-only; never the undated one
    assert ask(open_dates, "events-in-window", **{"from": "2024-07", "to": "2030"}) == [
        ("2024-03..", "earliest-only", "AZE")
    ]
    assert ask(open_dates, "events-in-window", **{"from": "1990", "to": "1990"}) == [("..2024-06", "latest-only", "")]


def test_events_a_source_reports_apart_from_those_it_mentions(open_dates):
    assert ask(open_dates, "events-a-source-reports", source="src-r") == [
        ("reports", "2023-05-03", "day-2023"),
        ("reports", "2024-03..", "earliest-only"),
        ("mentions", "2023-01..2023-03", "bounded-2023"),
        ("mentions", "undated", "undated-talks"),
    ]
    assert ask(open_dates, "events-a-source-reports", source="src-m") == [
        ("reports", "..2024-06", "latest-only"),
        ("reports", "undated", "undated-talks"),
    ]


def test_events_a_source_reports_says_cites_when_the_graph_does_not_say_how(tmp_path):
    """A source linked by dcterms:source alone: the graph does not say how it speaks of the event."""
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURES / "open-dates" / "events.ttl", tmp_path / "data")
    (tmp_path / "data" / "more.ttl").write_text(
        "<https://w3id.org/diplomatic-kg/id/event/day-2023> <http://purl.org/dc/terms/source> "
        "<https://w3id.org/diplomatic-kg/id/source/src-m> .\n",
        encoding="utf-8",
    )
    assert ask(load(tmp_path / "data"), "events-a-source-reports", source="src-m") == [
        ("reports", "..2024-06", "latest-only"),
        ("reports", "undated", "undated-talks"),
        ("cites", "2023-05-03", "day-2023"),
    ]


def test_undated_and_open_ended_events(open_dates):
    """Not day-2023 nor bounded-2023 (both bounds); the open-ended by their bound, then the undated."""
    assert ask(open_dates, "undated-and-open-ended-events") == [
        ("earliest only", "2024-03", "", "earliest-only", "Meeting", "AZE", "src-r"),
        ("latest only", "", "2024-06", "latest-only", "Meeting", "", "src-m"),
        ("undated", "", "", "undated-talks", "Meeting", "", "src-m, src-r"),
    ]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("events-in-window", {"from": "2023", "to": "2023"}),
        ("events-a-source-reports", {"source": "src-r"}),
        ("undated-and-open-ended-events", {}),
    ],
)
def test_both_engines_agree_on_open_and_undated_dates(open_dates, name, params):
    query = find_query(name)
    assert answer(open_dates.store, query, params).table() == answer_rdflib(open_dates.store, query, params).table()


def test_the_new_queries_on_the_real_data(full):
    """They run on the real data; every row they give agrees with the events' own dates and sources."""
    from kg.events import events_of

    events = {ev.id: ev for ev in events_of(full.store).values()}
    for known, earliest, latest, event, *_ in ask(full, "undated-and-open-ended-events"):
        ev = events[event]
        assert not ev.starts and not ev.ends and not (ev.earliest and ev.latest)
        assert earliest in (ev.earliest or ("",)) and latest in (ev.latest or ("",))
        assert known == ("undated" if not ev.dated else "earliest only" if earliest else "latest only")
    rows = ask(full, "events-a-source-reports")  # the founding article (the default)
    assert ("reports", "2024-01..2024-09", "video-meetings-babayev-musayev-olloyorov-2024") in rows
    assert {how for how, *_ in rows} <= {"reports", "mentions", "cites"}
    assert all(AZERTAC in {local_id(s) for s in events[e].sources} for *_, e in rows)


@pytest.mark.slow
@pytest.mark.parametrize("query", QUERIES + CHECKS, ids=lambda q: q.name)
def test_both_engines_give_identical_answers(full, query):
    reasoning = "rdfs" if query.name == "schema-person-events" else "none"
    ox = answer(full.store, query, {}, reasoning)
    rdflib = answer_rdflib(full.store, query, {}, reasoning)
    assert ox.table() == rdflib.table()
    # the real data may hold no undated or open-ended event yet: that answer may be empty
    may_be_empty = query.is_check or query.name == "undated-and-open-ended-events"
    assert ox.rows or may_be_empty, f"{query.name} answers nothing on the data"


@pytest.mark.parametrize("query", CHECKS, ids=lambda q: q.name)
def test_violation_queries_find_nothing_in_the_data(full, query):
    assert simple(answer(full.store, query, {})) == []


BROKEN = """\
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/diplomatic-kg/id/> .
<https://w3id.org/diplomatic-kg/id/event/broken> a dkg:DiplomaticEvent ;
    dkg:startDate "2023-08-22"^^xsd:date ; dkg:endDate "2023-07"^^xsd:gYearMonth ;
    dkg:earliestDate "2024"^^xsd:gYear ; dkg:latestDate "2023-12-31"^^xsd:date ;
    dkg:host <https://w3id.org/diplomatic-kg/id/person/person-a> ;
    dkg:visitor <https://w3id.org/diplomatic-kg/id/person/person-a> ;
    dkg:qualifiedParticipation <https://w3id.org/diplomatic-kg/id/participation/broken--person-b--guest> .
<https://w3id.org/diplomatic-kg/id/participation/broken--person-b--guest>
    dkg:agent <https://w3id.org/diplomatic-kg/id/person/person-b> ;
    dkg:inPost <https://w3id.org/diplomatic-kg/id/post/minister-a> .
"""
CAUGHT = {
    "checks/record-without-source-violation": [("broken",)],
    "checks/end-before-start-violation": [("broken", "2023-08-22", "2023-07")],
    "checks/bounds-out-of-order-violation": [("broken", "2024", "2023-12-31")],
    "checks/visitor-is-host-violation": [("broken", "person-a")],
    "checks/post-not-held-violation": [("broken", "person-b", "minister-a")],
}


def test_every_violation_query_catches_its_violation(workdir):
    (workdir / "data" / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    kg = load(Path("data"))
    assert {q.name for q in CHECKS} <= set(CAUGHT)  # every violation query has its example here
    for query in CHECKS:
        assert simple(answer(kg.store, query, {})) == CAUGHT[query.name], query.name
