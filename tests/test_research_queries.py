"""The research questions of issue 4 (queries/agreement-sectors-per-year.rq, most-active-ministries.rq,
bilateral-side-meetings.rq, leaders-meetings-per-year.rq, commitments-followed-by-meetings.rq) against
answers worked out by hand from the YAML records in data/, and their rules on a small hand-made graph.

Every expected row below was derived by reading the records named in its comment, not by running the
query. Both engines giving identical answers is checked for every stored query in test_stored_queries.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.catalogue import find_query
from kg.graph import KnowledgeGraph, load
from kg.queries import answer
from tests.conftest import ROOT
from tests.rdflib_engine import answer_rdflib
from tests.test_stored_queries import simple

RESEARCH = [
    "agreement-sectors-per-year",
    "most-active-ministries",
    "bilateral-side-meetings",
    "leaders-meetings-per-year",
    "commitments-followed-by-meetings",
]


@pytest.fixture(scope="module")
def data(real_kg: KnowledgeGraph) -> KnowledgeGraph:
    return real_kg


def ask(kg: KnowledgeGraph, name: str, **params: str) -> list[tuple[str, ...]]:
    return simple(answer(kg.store, find_query(name), params))


def test_research_queries_are_stored_with_metadata_and_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in RESEARCH:
        query = find_query(name)
        assert query.title and query.description, name
        assert all(p.description for p in query.params), name
        assert f"| `{name}` |" in readme, name


# --------------------------------------------------------------------------------------------------
# Which sectors dominate the Azerbaijan–Uzbekistan agreements, by year


def test_agreement_sectors_per_year(data):
    # Documents with AZE and UZB among their parties, or parties that are AZE and UZB organisations:
    # data/az-uz/documents.yaml and data/core/documents.yaml. (speca-baku-declaration-2023, the Gabala and
    # OTS labour declarations have a multilateral body as their only party and do not count.)
    assert ask(data, "agreement-sectors-per-year") == [
        # protocol-joint-intergovernmental-commission-aze-uzb-1997
        ("1997", "economy", "1", "1"),
        ("1997", "governance", "1", "1"),
        # 21 June 2022 (declaration, foreign ministries' programme between the two ministries, illegal
        # migration, road transport, military, plant quarantine, tourism) and the Tashkent Declaration of
        # 2 August 2022 (parties UZB, AZE, TUR): 8 documents
        ("2022", "governance", "2", "8"),  # declaration, ministries' programme
        ("2022", "transport", "2", "8"),  # road transport, Tashkent Declaration
        ("2022", "agriculture", "1", "8"),
        ("2022", "defence", "1", "8"),
        ("2022", "economy", "1", "8"),  # declaration
        ("2022", "investment", "1", "8"),  # Tashkent Declaration
        ("2022", "migration", "1", "8"),
        ("2022", "security", "1", "8"),  # illegal migration
        ("2022", "tourism", "1", "8"),
        ("2022", "trade", "1", "8"),  # Tashkent Declaration
        # the Supreme Interstate Council treaty (no sector), the social-protection MoU (labour ministry and
        # national agency), the AIR Center–IICAS MoU (an AZE and a UZB organisation): 3 documents
        ("2023", "labour", "1", "3"),
        ("2023", "science", "1", "3"),
        ("2023", "social-protection", "1", "3"),
        # the Treaty on Allied Relations and the state-visit roadmap (no sector), three city MoUs of Guba
        ("2024", "culture", "3", "5"),
        ("2024", "economy", "3", "5"),
        ("2024", "trade", "3", "5"),
        # the eleven documents of 2 July 2025 (Council decision and allied-relations roadmap name no sector)
        ("2025", "economy", "3", "11"),  # industrial programme, two twinning agreements
        ("2025", "culture", "2", "11"),  # two twinning agreements
        ("2025", "agriculture", "1", "11"),
        ("2025", "education", "1", "11"),
        ("2025", "environment", "1", "11"),
        ("2025", "science", "1", "11"),
        ("2025", "social-protection", "1", "11"),
        ("2025", "trade", "1", "11"),
        ("2025", "transport", "1", "11"),  # shipping and shipbuilding protocol
    ]
    assert ask(data, "agreement-sectors-per-year", a="UZB", b="AZE") == ask(data, "agreement-sectors-per-year")


def test_agreement_sectors_of_another_pair(data):
    # data/neighbourhood/documents.yaml: the five Kazakh–Uzbek documents of 15 November 2025 (three council
    # decisions: heads of regions, rare-earth metals, water forecasting; two agreements: transboundary
    # water, military exercises)
    rows = ask(data, "agreement-sectors-per-year", a="KAZ", b="UZB")
    assert [r for r in rows if r[0] == "2025"] == [
        ("2025", "agriculture", "2", "5"),
        ("2025", "economy", "2", "5"),
        ("2025", "environment", "2", "5"),
        ("2025", "defence", "1", "5"),
        ("2025", "governance", "1", "5"),
        ("2025", "science", "1", "5"),
    ]
    # 2019: the joint statement (no sector, dated by bounds from 14 April) and the migrant workers agreement
    assert [r for r in rows if r[0] == "2019"] == [
        ("2019", "employment", "1", "2"),
        ("2019", "labour", "1", "2"),
        ("2019", "migration", "1", "2"),
        ("2019", "social-protection", "1", "2"),
    ]


# --------------------------------------------------------------------------------------------------
# Which ministries are most active


def test_most_active_ministries(data):
    # The 17 organisations of kind ministry (data/*/organisations.yaml); events from data/*/events.yaml in
    # which the ministry is an agent, or a participant holds one of its posts (data/*/people.yaml: posts).
    assert ask(data, "most-active-ministries") == [
        # as a body: the MoU signing 2023, ICLM-5 (organiser, host), the ICLM-2 ministerial session,
        # the OTS labour ministers' meeting 2025 (the planned OIC Labour Centre council of 2025 is left out);
        # through Babayev, Anar Aliyev, Muslumov, Alakbarov, Karimov: 20 events (all but the MoU signing)
        ("ministry-of-labour-and-social-protection-of-population-aze", "AZE", "21", "4", "20", "5"),
        # the ratification exchange of 2025 as a body; Kamilov 2020, Norov (Kuksaroy signing, trilateral
        # meeting, Serdar Berdimuhamedov's visit), Saidov (Guliyev 2023, consultations, Fidan's visit and
        # meeting 2024), Usmanov (consultations 2024)
        ("ministry-of-foreign-affairs-uzb", "UZB", "10", "1", "9", "4"),
        # Sarıeroğlu (visit, reception, 9th commission 2018), Bilgin (video conference 2021), Işıkhan
        # (Anar Aliyev's visit, 12th commission, Baku meeting 2025)
        ("ministry-of-labour-and-social-security-tur", "TUR", "7", "0", "7", "3"),
        # Mammadyarov 2020, Bayramov (Kuksaroy, trilateral, Minsk, Shusha CFM), Sharifov (consultations)
        ("ministry-of-foreign-affairs-aze", "AZE", "6", "0", "6", "3"),
        # Jabbarov (trilateral, Guba forum, business forum, COP29 visit), Elnur Aliyev (Tashkent panel)
        ("ministry-of-economy-aze", "AZE", "5", "0", "5", "2"),
        # Çavuşoğlu (trilateral, Avaza ministers), Nuh Yılmaz (consultations), Fidan (visit, meeting)
        ("ministry-of-foreign-affairs-tur", "TUR", "5", "0", "5", "3"),
        # Kudratov: Guba forum, business forum, Guliyev 2025
        ("ministry-of-investments-industry-and-trade-uzb", "UZB", "3", "0", "3", "1"),
        # Musayev (video meetings 2024), Bobokulov (OTS labour ministers 2025)
        ("ministry-of-employment-and-poverty-reduction-uzb", "UZB", "2", "0", "2", "2"),
        # the ratification exchange as a body; Muhriddin in Minsk
        ("ministry-of-foreign-affairs-tjk", "TJK", "2", "1", "1", "1"),
        ("ministry-of-culture-aze", "AZE", "1", "0", "1", "1"),  # Karimli, Gabala 2025
        ("ministry-of-digital-development-and-transport-aze", "AZE", "1", "0", "1", "1"),  # Nabiyev, trilateral
        ("ministry-of-foreign-affairs-kgz", "KGZ", "1", "0", "1", "1"),  # Abdyldaev, border initialling
        ("ministry-of-interior-tur", "TUR", "1", "0", "1", "1"),  # Yerlikaya, Fidan's visit
        ("ministry-of-investments-and-foreign-trade-uzb", "UZB", "1", "0", "1", "1"),  # Kudratov, trilateral
        ("ministry-of-science-and-education-aze", "AZE", "1", "0", "1", "1"),  # Amrullayev, Gabala 2025
        ("ministry-of-transport-uzb", "UZB", "1", "0", "1", "1"),  # Makhkamov, trilateral
        ("ministry-of-foreign-affairs-tkm", "TKM", "0", "0", "0", "0"),  # Meredov's post is in no event
    ]


# --------------------------------------------------------------------------------------------------
# Which multilateral meetings produced bilateral side meetings


def test_bilateral_side_meetings(data):
    # the six margins_of records of data/az-uz/events.yaml and data/neighbourhood/events.yaml; no meeting
    # between two countries is recorded as part of a conference or summit
    assert ask(data, "bilateral-side-meetings") == [
        (
            "2019-10-14",
            "2019-10-turkic-council-7th-summit-baku",
            "2019-10-14-mirziyoyev-aliyev-meeting-baku",
            "on the margins",
            "AZE",
            "UZB",
        ),
        (
            "2020-02..2020-02-06",
            "2020-02-turkic-council-extraordinary-cfm-baku",
            "2020-02-mammadyarov-kamilov-meeting-baku",
            "on the margins",
            "AZE",
            "UZB",
        ),
        (
            "2022-12-14",
            "2022-12-14-aze-tkm-tur-summit-avaza",
            "2022-12-14-erdogan-aliyev-meeting-avaza",
            "on the margins",
            "AZE",
            "TUR",
        ),
        (
            "2023-11-09",
            "2023-11-09-eco-16th-summit-tashkent",
            "2023-11-09-mirziyoyev-aliyev-meeting-tashkent",
            "on the margins",
            "AZE",
            "UZB",
        ),
        (
            "2023-11-24",
            "2023-11-speca-summit-baku",
            "2023-11-24-tokayev-aliyev-meeting-baku",
            "on the margins",
            "AZE",
            "KAZ",
        ),
        (
            "2025-12-05..2025-12-06",
            "2025-12-05-ots-labour-ministers-meeting-baku",
            "2025-12-anar-aliyev-isikhan-meeting-baku",
            "on the margins",
            "AZE",
            "TUR",
        ),
    ]


# --------------------------------------------------------------------------------------------------
# How often each pair of leaders met per year


def test_leaders_meetings_per_year(data):
    # Events of data/*/events.yaml with two participants in president-* posts. (occasions, events): an
    # event within another event both attended (visit talks and signings, margins of a summit both
    # attended) joins that occasion.
    aliyev, mirziyoyev, tokayev = "ilham-aliyev", "shavkat-mirziyoyev", "kassym-jomart-tokayev"
    erdogan, japarov, rahmon = "recep-tayyip-erdogan", "sadyr-japarov", "emomali-rahmon"
    gurbanguly, serdar, atambayev = "gurbanguly-berdimuhamedov", "serdar-berdimuhamedov", "almazbek-atambayev"
    assert ask(data, "leaders-meetings-per-year") == [
        ("2017", atambayev, mirziyoyev, "1", "2"),  # state visit to Kyrgyzstan and the talks
        ("2017", gurbanguly, aliyev, "1", "1"),  # official visit to Azerbaijan
        ("2017", gurbanguly, mirziyoyev, "1", "1"),  # state visit to Turkmenistan
        ("2018", rahmon, mirziyoyev, "1", "3"),  # state visit, talks, signing ceremony
        ("2018", erdogan, mirziyoyev, "1", "1"),  # official visit to Uzbekistan
        ("2019", aliyev, mirziyoyev, "1", "2"),  # Turkic Council summit in Baku and the meeting on its margins
        ("2019", tokayev, mirziyoyev, "1", "1"),  # state visit to Uzbekistan
        ("2020", aliyev, erdogan, "1", "2"),  # official visit and the 8th strategic council
        ("2020", erdogan, mirziyoyev, "1", "2"),  # visit to Türkiye and the 1st strategic council
        ("2021", rahmon, mirziyoyev, "1", "1"),  # official visit to Tajikistan
        ("2021", aliyev, erdogan, "1", "3"),  # Shusha: visit, tête-à-tête, declaration signing
        ("2021", aliyev, mirziyoyev, "1", "1"),  # VIII Turkic Council summit
        ("2021", tokayev, mirziyoyev, "1", "2"),  # visit to Kazakhstan and the declaration signing
        ("2021", japarov, mirziyoyev, "1", "2"),  # visit to Uzbekistan and the talks
        ("2022", rahmon, mirziyoyev, "1", "2"),  # official visit and the declaration signing
        ("2022", aliyev, tokayev, "1", "2"),  # official visit and the signing ceremony
        ("2022", aliyev, erdogan, "1", "2"),  # Avaza summit and the meeting on its margins
        ("2022", aliyev, japarov, "2", "5"),  # April visit (talks, signing), October visit (1st council)
        ("2022", aliyev, serdar, "1", "1"),  # Avaza summit
        ("2022", aliyev, mirziyoyev, "4", "6"),  # June state visit (+ street opening, signing), phone call,
        #                                          SCO summit, OTS summit in Samarkand
        ("2022", tokayev, mirziyoyev, "1", "3"),  # state visit, expanded talks, treaty signing
        ("2022", erdogan, serdar, "1", "1"),  # Avaza summit
        ("2022", erdogan, mirziyoyev, "1", "2"),  # official visit and the 2nd strategic council
        ("2022", serdar, mirziyoyev, "1", "2"),  # state visit and the talks
        ("2023", rahmon, aliyev, "1", "2"),  # state visit to Tajikistan and the talks
        # official visit to Kazakhstan and the talks; the Baku meeting on the eve of the SPECA summit, which
        # Tokayev is not recorded to have attended, is an occasion of its own
        ("2023", aliyev, tokayev, "2", "3"),
        # August visit (+ treaty signing, school opening), Dushanbe consultative meeting, ECO summit (+ margins
        # meeting), November working visit (+ meeting), SPECA summit
        ("2023", aliyev, mirziyoyev, "5", "9"),
        ("2023", japarov, mirziyoyev, "1", "2"),  # state visit to Kyrgyzstan and the talks
        ("2024", rahmon, aliyev, "1", "2"),  # visit to Azerbaijan and the signing ceremony
        ("2024", rahmon, mirziyoyev, "1", "2"),  # state visit and the treaty signing
        ("2024", aliyev, tokayev, "1", "2"),  # state visit and the 1st council
        ("2024", aliyev, japarov, "1", "2"),  # state visit and the 2nd council
        # Shusha working visit, informal OTS summit, Astana consultative meeting, August state visit
        # (+ 1st council meeting, treaty signing, gala concert)
        ("2024", aliyev, mirziyoyev, "4", "7"),
        ("2024", tokayev, mirziyoyev, "1", "3"),  # state visit, 1st council, Navoi monument
        ("2024", erdogan, mirziyoyev, "1", "1"),  # 3rd strategic council, June
        ("2025", rahmon, japarov, "1", "1"),  # Khujand summit
        ("2025", rahmon, mirziyoyev, "2", "3"),  # Khujand working visit (+ ratification exchange), summit
        ("2025", aliyev, tokayev, "1", "2"),  # state visit and the 2nd council
        # July state visit (+ four sub-events), 2nd council meeting (recorded on its own), ECO summit,
        # phone call, OTS summit in Gabala, Tashkent consultative meeting
        ("2025", aliyev, mirziyoyev, "6", "10"),
        ("2025", tokayev, mirziyoyev, "1", "2"),  # state visit and the 2nd council
        ("2025", japarov, mirziyoyev, "1", "1"),  # Khujand summit
        ("2025", serdar, mirziyoyev, "1", "2"),  # state visit and the trade zone opening
    ]


# --------------------------------------------------------------------------------------------------
# Which commitments were followed by a later meeting of the body they created


def test_commitments_followed_by_meetings(data):
    # The dated documents with establishes: (statute-oic-labour-centre has no signing date); meetings
    # organised by the body or interstate-body meetings about it. Days counted by hand on the calendar.
    jic = (
        "1997-06-18",
        "protocol-joint-intergovernmental-commission-aze-uzb-1997",
        "joint-intergovernmental-commission-aze-uzb",
    )
    kgz = ("2022-04-20", "memorandum-interstate-council-aze-kgz-2022", "interstate-council-aze-kgz")
    sic = ("2023-08-22", "treaty-supreme-interstate-council-aze-uzb-2023", "supreme-interstate-council-aze-uzb")
    assert ask(data, "commitments-followed-by-meetings") == [
        # 25 years with six 29 Februaries (2000–2020) to 18 June 2022, then 44 days to 1 August
        (*jic, "2022-08-01..2022-08-22", "2022-08-joint-intergovernmental-commission-meeting", "9175", "25"),
        # 26 years with six 29 Februaries to 18 June 2023, then 30 days
        (*jic, "2023-07-18", "2023-07-18-joint-intergovernmental-commission-12th-meeting-shusha", "9526", "26"),
        # 28 years with seven 29 Februaries to 18 June 2025, less 6 days
        (*jic, "2025-06-12..2025-07-02", "2025-06-joint-intergovernmental-commission-14th-meeting", "10221", "28"),
        # 10 + 31 + 30 + 31 + 31 + 30 + 11 days
        (*kgz, "2022-10-11", "2022-10-11-aze-kgz-interstate-council-1", "174", "0"),
        # 365 + 366 days to 20 April 2024, then 5
        (*kgz, "2024-04-25", "2024-04-25-aze-kgz-interstate-council-2", "736", "2"),
        # 366 days to 22 August 2024 (29 February 2024 between), then 1
        (*sic, "2024-08-23", "interstate-council-meeting-aze-uzb-1-2024", "367", "1"),
        # 367 + 313 days (23 August 2024 to 2 July 2025)
        (*sic, "2025-07-02", "interstate-council-meeting-aze-uzb-2-2025", "680", "2"),
        # the council of heads of regions: the council meetings concerning it are of 8 August 2024 (before)
        # and 15 November 2025 (the day of the decision itself)
        (
            "2025-11-15",
            "decision-sic-council-of-heads-of-regions-kaz-uzb-2025",
            "council-of-heads-of-regions-kaz-uzb",
            "",
            "",
            "",
            "",
        ),
    ]


# --------------------------------------------------------------------------------------------------
# The rules, on a hand-made graph added to tests/fixtures/minimal (two ministries, Person A and B meeting
# on 3 May 2023)

EDGE = """\
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix event: <https://w3id.org/diplomatic-kg/id/event/> .
@prefix document: <https://w3id.org/diplomatic-kg/id/document/> .
@prefix organisation: <https://w3id.org/diplomatic-kg/id/organisation/> .
@prefix person: <https://w3id.org/diplomatic-kg/id/person/> .
@prefix participation: <https://w3id.org/diplomatic-kg/id/participation/> .
@prefix post: <https://w3id.org/diplomatic-kg/id/post/> .
@prefix country: <https://w3id.org/diplomatic-kg/id/country/> .
@prefix status: <https://w3id.org/diplomatic-kg/id/status/> .
@prefix sector: <https://w3id.org/diplomatic-kg/id/sector/> .

# --- side meetings: a forum with a bilateral meeting in it, a trilateral one, a bilateral session, and a
# statement on its margins; talks during a visit are no side meeting
event:forum a dkg:DiplomaticEvent, dkg:Conference ; dkg:startDate "2023-06-01"^^xsd:date ;
    dkg:involvesCountry country:AZE, country:KAZ, country:UZB .
event:forum-talks a dkg:DiplomaticEvent, dkg:Meeting ; dkg:subEventOf event:forum ;
    dkg:startDate "2023-06-01"^^xsd:date ; dkg:endDate "2023-06-01"^^xsd:date ;
    dkg:involvesCountry country:AZE, country:KAZ .
event:forum-trilateral a dkg:DiplomaticEvent, dkg:Meeting ; dkg:subEventOf event:forum ;
    dkg:involvesCountry country:AZE, country:KAZ, country:UZB .
event:forum-session a dkg:DiplomaticEvent, dkg:Session ; dkg:subEventOf event:forum ;
    dkg:involvesCountry country:AZE, country:UZB .
event:forum-sideline a dkg:DiplomaticEvent, dkg:Statement ; dkg:subEventOf event:forum ; dkg:onMarginsOf event:forum ;
    dkg:earliestDate "2023-06"^^xsd:gYearMonth ; dkg:latestDate "2023-07"^^xsd:gYearMonth ;
    dkg:involvesCountry country:UZB, country:KAZ .

# --- leaders: a visit, talks within it, a signing within the talks; a third president only at the talks;
# a planned summit; a call known only to the year; a meeting with an aide holding no post
event:visit a dkg:DiplomaticEvent, dkg:Visit ; dkg:startDate "2023-06-02"^^xsd:date ;
    dkg:qualifiedParticipation participation:v-a, participation:v-b .
event:visit-talks a dkg:DiplomaticEvent, dkg:Meeting ; dkg:subEventOf event:visit ;
    dkg:startDate "2023-06-02"^^xsd:date ; dkg:involvesCountry country:AZE, country:UZB ;
    dkg:qualifiedParticipation participation:t-a, participation:t-b, participation:t-c .
event:visit-signing a dkg:DiplomaticEvent, dkg:Signing ; dkg:subEventOf event:visit-talks ;
    dkg:startDate "2023-06-02"^^xsd:date ; dkg:qualifiedParticipation participation:s-a, participation:s-b .
event:planned-summit a dkg:DiplomaticEvent, dkg:Conference, dkg:Summit ; dkg:status status:planned ;
    dkg:startDate "2023-09-01"^^xsd:date ; dkg:qualifiedParticipation participation:p-a, participation:p-b .
event:call a dkg:DiplomaticEvent, dkg:Meeting ; dkg:earliestDate "2024"^^xsd:gYear ; dkg:latestDate "2024"^^xsd:gYear ;
    dkg:qualifiedParticipation participation:c-a, participation:c-b .
event:aide-meeting a dkg:DiplomaticEvent, dkg:Meeting ; dkg:startDate "2023-07-01"^^xsd:date ;
    dkg:qualifiedParticipation participation:a-a, participation:a-aide .
participation:v-a dkg:agent person:leader-a ; dkg:inPost post:president-aze .
participation:v-b dkg:agent person:leader-b ; dkg:inPost post:president-uzb .
participation:t-a dkg:agent person:leader-a ; dkg:inPost post:president-aze .
participation:t-b dkg:agent person:leader-b ; dkg:inPost post:president-uzb .
participation:t-c dkg:agent person:leader-c ; dkg:inPost post:president-kaz .
participation:s-a dkg:agent person:leader-a ; dkg:inPost post:president-aze .
participation:s-b dkg:agent person:leader-b ; dkg:inPost post:president-uzb .
participation:p-a dkg:agent person:leader-a ; dkg:inPost post:president-aze .
participation:p-b dkg:agent person:leader-b ; dkg:inPost post:president-uzb .
participation:c-a dkg:agent person:leader-a ; dkg:inPost post:president-aze .
participation:c-b dkg:agent person:leader-b ; dkg:inPost post:president-uzb .
participation:a-a dkg:agent person:leader-a ; dkg:inPost post:president-aze .
participation:a-aide dkg:agent person:aide .

# --- commitments: a charter signed on 28 February 2024 and meetings of its body before, in the same
# month, three days later, planned, merely about it, and organised by it within bounds; a pact known only
# to fall in 2023, never followed by a meeting
document:charter a dkg:Document ; dkg:dateSigned "2024-02-28"^^xsd:date ; dkg:establishes organisation:body .
document:pact a dkg:Document ; dkg:earliestDate "2023-01-01"^^xsd:date ; dkg:latestDate "2023-12-31"^^xsd:date ;
    dkg:establishes organisation:other-body .
event:body-before a dkg:DiplomaticEvent, dkg:InterstateBodyMeeting ; dkg:concerns organisation:body ;
    dkg:startDate "2023-12-01"^^xsd:date .
event:body-same-month a dkg:DiplomaticEvent, dkg:InterstateBodyMeeting ; dkg:concerns organisation:body ;
    dkg:startDate "2024-02"^^xsd:gYearMonth .
event:body-1 a dkg:DiplomaticEvent, dkg:InterstateBodyMeeting ; dkg:concerns organisation:body ;
    dkg:startDate "2024-03-01"^^xsd:date .
event:body-planned a dkg:DiplomaticEvent, dkg:InterstateBodyMeeting ; dkg:concerns organisation:body ;
    dkg:status status:planned ; dkg:startDate "2024-05-01"^^xsd:date .
event:body-mentioned a dkg:DiplomaticEvent, dkg:Meeting ; dkg:concerns organisation:body ;
    dkg:startDate "2024-06-01"^^xsd:date .
event:body-organised a dkg:DiplomaticEvent, dkg:Session ; dkg:organiser organisation:body ;
    dkg:earliestDate "2025-01"^^xsd:gYearMonth ; dkg:latestDate "2025-03"^^xsd:gYearMonth .

# --- ministries: Ministry A as a body and through Person A at the same talks; Ministry B organising a
# planned event
event:ministry-talks a dkg:DiplomaticEvent, dkg:Meeting ; dkg:startDate "2023-08-01"^^xsd:date ;
    dkg:participant organisation:ministry-a ; dkg:qualifiedParticipation participation:m-a .
participation:m-a dkg:agent person:person-a ; dkg:inPost post:minister-a .
event:ministry-planned a dkg:DiplomaticEvent, dkg:Meeting ; dkg:status status:planned ;
    dkg:organiser organisation:ministry-b .

# --- sectors: documents between AZE and UZB (one party an organisation of UZB), one dated by bounds, one
# undated, one without a sector; one between AZE and KAZ
document:deal a dkg:Document ; dkg:party country:AZE, organisation:ministry-b ;
    dkg:dateSigned "2023-03"^^xsd:gYearMonth ; dkg:sector sector:labour, sector:trade .
document:deal-bounded a dkg:Document ; dkg:party country:AZE, country:UZB ;
    dkg:earliestDate "2023-11-30"^^xsd:date ; dkg:latestDate "2024-01-10"^^xsd:date ;
    dkg:sector sector:trade .
document:deal-undated a dkg:Document ; dkg:party country:AZE, country:UZB ;
    dkg:sector sector:trade .
document:deal-no-sector a dkg:Document ; dkg:party country:UZB, country:AZE ; dkg:dateSigned "2023-05"^^xsd:gYearMonth .
document:deal-kaz a dkg:Document ; dkg:party country:AZE, country:KAZ ; dkg:dateSigned "2023"^^xsd:gYear ;
    dkg:sector sector:trade .
"""


def test_rules_on_a_hand_made_graph(workdir):
    (workdir / "data" / "edge.ttl").write_text(EDGE, encoding="utf-8")
    kg = load(Path("data"))
    # a meeting of exactly two countries within a conference, and anything of two countries on its margins
    assert ask(kg, "bilateral-side-meetings") == [
        ("2023-06-01", "forum", "forum-talks", "part of", "AZE", "KAZ"),
        ("2023-06..2023-07", "forum", "forum-sideline", "on the margins", "KAZ", "UZB"),
    ]
    # the signing within the talks within the visit is one occasion; the third president met the others
    # only at the talks; the planned summit and the aide do not count; the call counts for 2024
    assert ask(kg, "leaders-meetings-per-year") == [
        ("2023", "leader-a", "leader-b", "1", "3"),
        ("2023", "leader-a", "leader-c", "1", "1"),
        ("2023", "leader-b", "leader-c", "1", "1"),
        ("2024", "leader-a", "leader-b", "1", "1"),
    ]
    # 28 February to 1 March 2024: 2 days (29 February); a meeting known to the month has no day count;
    # a meeting in the month of signing may have preceded it
    assert ask(kg, "commitments-followed-by-meetings") == [
        ("2023-01-01..2023-12-31", "pact", "other-body", "", "", "", ""),
        ("2024-02-28", "charter", "body", "2024-03-01", "body-1", "2", "0"),
        ("2024-02-28", "charter", "body", "2025-01..2025-03", "body-organised", "", "1"),
    ]
    # meeting-a-b (records.yaml) and the talks; Ministry B's planned event is left out
    assert ask(kg, "most-active-ministries") == [
        ("ministry-a", "AZE", "2", "1", "2", "1"),
        ("ministry-b", "UZB", "1", "0", "1", "1"),
    ]
    # deal (March) and deal-bounded (from 30 November 2023) name trade; deal names labour; deal-no-sector
    # counts in the total only; the undated deal and the AZE–KAZ deal do not count
    assert ask(kg, "agreement-sectors-per-year") == [
        ("2023", "trade", "2", "3"),
        ("2023", "labour", "1", "3"),
    ]
    # the small graph takes every branch of the queries: rdflib must agree there too
    for name in RESEARCH:
        query = find_query(name)
        assert answer(kg.store, query, {}).table() == answer_rdflib(kg.store, query, {}).table(), name
