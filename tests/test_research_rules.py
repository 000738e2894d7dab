"""The research queries' rules on a small hand-made graph, where each rule can be seen to hold or fail."""

from __future__ import annotations

from pathlib import Path

from kg.catalogue import find_query
from kg.graph import load
from kg.queries import answer
from tests.rdflib_engine import answer_rdflib
from tests.test_research_queries import RESEARCH, ask

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


def test_rules_on_a_hand_made_graph(workdir: Path) -> None:
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
