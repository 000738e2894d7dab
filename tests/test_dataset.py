"""The curated dataset meets its coverage targets (issue 4), and everything in it is sourced."""

from __future__ import annotations

import pytest

from kg.graph import KnowledgeGraph
from kg.iris import local_id, shorten


@pytest.fixture(scope="module")
def kg(real_kg: KnowledgeGraph) -> KnowledgeGraph:
    return real_kg  # loaded with kg.build.load_valid: also proves `kg validate` is clean on the real data


def count(kg: KnowledgeGraph, where: str) -> int:
    rows = kg.store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"])  # type: ignore[call-overload]


def test_event_targets(kg):
    assert count(kg, "?x a dkg:DiplomaticEvent") >= 80
    top = "?x a dkg:DiplomaticEvent FILTER NOT EXISTS { ?x dkg:subEventOf ?parent }"
    assert count(kg, top) >= 50


def test_document_people_organisation_country_targets(kg):
    assert count(kg, "?x a dkg:Document") >= 40
    dated = """?x a dkg:Person ; dkg:tenure ?t . ?t dkg:post ?post .
        ?t dkg:startDate|dkg:endDate|dkg:startEarliest|dkg:startLatest|dkg:endEarliest|dkg:endLatest ?d"""
    assert count(kg, dated) >= 60
    assert count(kg, "?x a dkg:Organisation") >= 30
    assert count(kg, "?e a dkg:DiplomaticEvent ; dkg:involvesCountry ?x") >= 8
    # The neighbourhood is really there: each of the seven countries takes part in some event.
    for code in ("AZE", "UZB", "KAZ", "KGZ", "TJK", "TKM", "TUR"):
        assert count(kg, f"?x a dkg:DiplomaticEvent ; dkg:involvesCountry country:{code}") >= 2, code


# A usable source: an address (or, for the founding article whose address is unknown, the verbatim
# quote), a publisher, and a publication date or bounds.
GOOD_SOURCE = """?src a dkg:Source ; dkg:publisher ?pub .
    FILTER EXISTS { ?src dkg:url|dkg:quote ?where }
    FILTER EXISTS { ?src dkg:published|dkg:earliestDate ?when }"""


@pytest.mark.parametrize("cls", ["dkg:DiplomaticEvent", "dkg:Document", "dkg:Tenure", "dkg:Post"])
def test_every_event_document_and_post_has_a_usable_source(kg, cls):
    unsourced = kg.store.select(f"""SELECT ?x WHERE {{ ?x a {cls}
        FILTER NOT EXISTS {{ ?x dcterms:source ?src . {GOOD_SOURCE} }} }} ORDER BY ?x""")
    assert unsourced == []


def test_only_the_founding_article_lacks_an_address(kg):
    rows = kg.store.select("SELECT ?src WHERE { ?src a dkg:Source FILTER NOT EXISTS { ?src dkg:url ?u } }")
    assert [local_id(str(r["src"])) for r in rows] == ["azertac-2024-az-uz-social-protection-video-meetings"]


def test_only_the_founding_article_is_quoted(kg):
    # A quote sits on the source itself or on a citation of it; either way the source is the article.
    rows = kg.store.select("""SELECT DISTINCT ?src WHERE {
        { ?src a dkg:Source ; dkg:quote ?q } UNION { ?c a dkg:Citation ; dkg:quote ?q ; dkg:citingSource ?src } }""")
    assert [local_id(str(r["src"])) for r in rows] == ["azertac-2024-az-uz-social-protection-video-meetings"]
    # Every quoted thing is that source or a citation of it.
    others = kg.store.select("""SELECT ?x WHERE { ?x dkg:quote ?q
        FILTER NOT EXISTS { ?x a dkg:Source } FILTER NOT EXISTS { ?x a dkg:Citation } }""")
    assert others == []


def test_disagreeing_sources_are_both_kept(kg):
    # The 12th OTS summit in Gabala: Qalampir's preview gave the programme as 6-7 October 2025, the
    # reports of the summit the single day 7 October; each claim stays in its own source's graph.
    rows = kg.store.select("""SELECT ?src ?start WHERE { GRAPH ?src {
        event:2025-10-07-ots-12th-summit-gabala dkg:startDate ?start } }""")
    starts = {(local_id(str(r["src"])), str(r["start"])) for r in rows}
    assert ("qalampir-2025-10-02-ots-gabala-preview", "2025-10-06") in starts
    assert ("nca-2025-10-08-ots-gabala-summit", "2025-10-07") in starts


def ask(kg: KnowledgeGraph, sparql: str) -> bool:
    return bool(kg.store.query(sparql))


def values(kg: KnowledgeGraph, sparql: str) -> set[str]:
    return {str(v) for row in kg.store.select(sparql) for v in row.values()}


# --- corrections of issue 9, each checked against the page named in the comment ----------------


def test_the_unread_today_az_page_is_no_longer_cited(kg):
    # http://www.today.az/news/politics/238180.html could not be found and read: nothing cites it.
    assert not ask(kg, "ASK { ?x dcterms:source source:today-az-238180-mirziyoyev-visit }")
    assert not ask(kg, "ASK { source:today-az-238180-mirziyoyev-visit ?p ?o }")


def test_the_president_az_page_is_now_read(kg):
    # https://president.az/az/articles/view/60907, read: headline, "23 avqust 2023, 11:50".
    src = "source:president-az-60907-fuzuli-school-opening"
    assert values(kg, f"SELECT ?u WHERE {{ {src} dkg:url ?u }}") == {"https://president.az/az/articles/view/60907"}
    assert values(kg, f"SELECT ?d WHERE {{ {src} dkg:published ?d }}") == {"2023-08-23"}
    assert not ask(kg, f"ASK {{ {src} dkg:earliestDate ?d }}")
    assert ask(kg, f"ASK {{ {src} dcterms:title ?t FILTER(CONTAINS(?t, 'Mirzə Uluqbəy adına 1 nömrəli')) }}")
    # It records the opening in Fuzuli with both presidents.
    assert ask(
        kg,
        f"""ASK {{ GRAPH {src} {{ event:opening-fuzuli-school-2023 dkg:participant
        person:ilham-aliyev, person:shavkat-mirziyoyev ; dkg:location place:fuzuli }} }}""",
    )


def test_the_august_2023_trip_is_a_state_visit_in_every_source(kg):
    # Sputnik (22 Aug), EADaily (23 Aug) and Report (before the trip) all say state visit; no page read
    # says official visit, so no graph does.
    visit = "event:visit-mirziyoyev-azerbaijan-2023-08"
    graphs = values(kg, f"SELECT ?g WHERE {{ GRAPH ?g {{ {visit} a dkg:StateVisit }} }}")
    assert {local_id(g) for g in graphs} == {
        "sputnik-uz-2023-08-22-mirziyoyev-arrives-baku",
        "eadaily-2023-08-23-aze-uzb-supreme-interstate-council",
        "report-az-2023-08-mirziyoyev-state-visit-announced",
    }
    assert not ask(kg, f"ASK {{ GRAPH ?g {{ {visit} a dkg:OfficialVisit }} }}")


def test_the_memorandum_has_no_place_or_day_and_no_azernews_citation(kg):
    # AzerNews of 20 Oct 2023 (azernews.az/business/216367) names no memorandum in the text read; the
    # founding article gives only "October of last year". Place and day stay open.
    for node in ("document:mou-social-protection-aze-uzb-2023", "event:signing-mou-social-protection-aze-uzb-2023"):
        assert not ask(kg, f"ASK {{ {node} dkg:location ?p }}"), node
        assert not ask(kg, f"ASK {{ {node} dcterms:source source:azernews-2023-10-20-babayev-tashkent }}"), node
    assert values(kg, "SELECT ?d WHERE { event:signing-mou-social-protection-aze-uzb-2023 dkg:startDate ?d }") == {
        "2023-10"
    }
    assert not ask(kg, "ASK { event:signing-mou-social-protection-aze-uzb-2023 dkg:subEventOf ?visit }")


def tenures(kg: KnowledgeGraph, person: str, post: str) -> set[tuple[str, str]]:
    rows = kg.store.select(f"""SELECT ?p ?d WHERE {{ ?t dkg:holder person:{person} ; dkg:post post:{post} ; ?p ?d
        FILTER(?p IN (dkg:startDate, dkg:endDate, dkg:startEarliest, dkg:startLatest,
                      dkg:endEarliest, dkg:endLatest)) }}""")
    return {(shorten(str(r["p"])), str(r["d"])) for r in rows}


def test_saidov_acting_minister_then_minister(kg):
    # Caspian Policy Center (13 Jan 2023): decree of 30 December making him acting foreign minister.
    # Vestnik Kavkaza (25 Apr 2023): confirmed as minister, acting since 30 December of the year before.
    assert tenures(kg, "bakhtiyor-saidov", "acting-minister-of-foreign-affairs-uzb") == {
        ("dkg:startDate", "2022-12-30"),
        ("dkg:endLatest", "2023-04-25"),
    }
    assert tenures(kg, "bakhtiyor-saidov", "minister-of-foreign-affairs-uzb") == {("dkg:startLatest", "2023-04-25")}
    # The meeting reported on 4 January 2023 falls in the acting period.
    posts = values(
        kg,
        """SELECT ?post WHERE { event:2023-01-saidov-guliyev-meeting-tashkent
        dkg:qualifiedParticipation ?q . ?q dkg:agent person:bakhtiyor-saidov ; dkg:inPost ?post }""",
    )
    assert {shorten(p) for p in posts} == {"post:acting-minister-of-foreign-affairs-uzb"}


def test_babayev_was_minister_by_23_april_2018(kg):
    # News.Az (24 Apr 2018): introduced to the staff on 23 April as newly appointed; no appointment day.
    # Metbuat (Feb 2025): Anar Aliyev appointed to the post on 7 February 2025, which bounds the end.
    assert tenures(kg, "sahil-babayev", "minister-of-labour-and-social-protection-of-population-aze") == {
        ("dkg:startLatest", "2018-04-23"),
        ("dkg:endLatest", "2025-02-07"),
    }


def test_roles_only_as_the_pages_state_them(kg):
    # AzerNews (23 Nov 2023, azernews.az/nation/217865): the OIC holds the 5th conference, the Azerbaijani
    # labour ministry hosts it (UrduPoint, 20 Nov 2023, likewise).
    ministry = "organisation:ministry-of-labour-and-social-protection-of-population-aze"
    conference = "event:conference-iclm-5-baku-2023"
    oic = "organisation:organisation-of-islamic-cooperation"
    assert ask(kg, f"ASK {{ {conference} dkg:host {ministry} ; dkg:organiser {oic} }}")
    assert not ask(kg, f"ASK {{ {conference} dkg:organiser {ministry} }}")
    # AZERTAC (21 Oct 2025): the second council meeting was held "with the participation of" both
    # presidents, Tokayev welcoming Aliyev and speaking first: no chair.
    council = "event:2025-10-21-aze-kaz-supreme-interstate-council-2"
    assert not ask(kg, f"ASK {{ {council} dkg:chair ?who }}")
    assert ask(kg, f"ASK {{ {council} dkg:host person:kassym-jomart-tokayev ; dkg:participant person:ilham-aliyev }}")
    # Day.Az (arrival of 6 October 2025): Culture Minister Karimli met Mirziyoyev at Gabala airport; not called host.
    gabala = "event:2025-10-mirziyoyev-visit-gabala"
    assert not ask(kg, f"ASK {{ {gabala} dkg:host person:adil-karimli }}")
    assert ask(kg, f"ASK {{ {gabala} dkg:participant person:adil-karimli }}")


# --- what the issue-9 format now lets the data say, each from a page read ------------------------


def test_the_presidents_wives_at_the_fuzuli_opening(kg):
    # president.az 60907, 44days and zeferdenbugune name Mehriban Aliyeva and "his wife" Ziroatkhon
    # Mirziyoyeva beside the presidents; no post is given, so they are accompanying.
    with_them = values(kg, "SELECT ?x WHERE { event:opening-fuzuli-school-2023 dkg:accompanying ?x }")
    assert {local_id(x) for x in with_them} == {"mehriban-aliyeva", "ziroatkhon-mirziyoyeva"}
    # Only "his wife" is stated, so only that spouse link exists, in both directions.
    pairs = kg.store.select("SELECT ?a ?b WHERE { ?a dkg:spouse ?b }")
    assert {(local_id(str(r["a"])), local_id(str(r["b"]))) for r in pairs} >= {
        ("ziroatkhon-mirziyoyeva", "shavkat-mirziyoyev"),
        ("shavkat-mirziyoyev", "ziroatkhon-mirziyoyeva"),
    }
    assert not ask(kg, "ASK { person:mehriban-aliyeva dkg:spouse ?x }")


def test_the_founding_article_mentions_the_events_it_recalls(kg):
    # The article is about the video meetings; the treaty, the school, the memorandum, the conference
    # and the Labour Centre are background, each with the article's own sentence quoted.
    article = "source:azertac-2024-az-uz-social-protection-video-meetings"
    reported = values(kg, f"SELECT ?e WHERE {{ {article} dkg:reports ?e }}")
    assert {local_id(e) for e in reported} >= {"video-meetings-babayev-musayev-olloyorov-2024"}
    mentioned = {local_id(e) for e in values(kg, f"SELECT ?e WHERE {{ {article} dkg:mentions ?e }}")}
    assert mentioned >= {
        "signing-treaty-supreme-interstate-council-2023",
        "initiative-fuzuli-school",
        "signing-mou-social-protection-aze-uzb-2023",
        "conference-iclm-5-baku-2023",
        "opening-oic-labour-centre-2023",
    }
    quote = values(
        kg,
        f"""SELECT ?q WHERE {{ ?c dkg:citedRecord event:signing-mou-social-protection-aze-uzb-2023 ;
        dkg:citingSource {article} ; dkg:quote ?q }}""",
    )
    assert quote == {
        "keçən ilin oktyabr ayında Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi və Özbəkistan Prezidenti yanında "
        "Sosial Müdafiə üzrə Milli Agentlik arasında imzalanmış əməkdaşlıq haqqında Anlaşma Memorandumunun"
    }


def test_sub_events_of_the_2024_state_visit(kg):
    # Paradigma (23 Aug 2024): flowers at the Heydar Aliyev memorial and a wreath at the Independence
    # monument on 22 August. Gazeta.uz (23 Aug 2024): talks, the agreed Year of Economic Cooperation, a
    # meeting with business circles. News.Az (23 Aug 2024): Aliyev's press statement after the talks.
    parts = kg.store.select("""SELECT ?e ?kind ?d WHERE {
        ?e dkg:subEventOf event:state-visit-aliyev-uzbekistan-2024-08 ; a ?kind ; dkg:startDate ?d
        FILTER(?kind IN (dkg:Ceremony, dkg:Decision, dkg:Statement, dkg:Meeting, dkg:BusinessForum)) }""")
    found = {(local_id(str(r["e"])), shorten(str(r["kind"])), str(r["d"])) for r in parts}
    assert found >= {
        ("2024-08-22-flowers-heydar-aliyev-memorial-tashkent", "dkg:Ceremony", "2024-08-22"),
        ("2024-08-22-wreath-independence-monument-tashkent", "dkg:Ceremony", "2024-08-22"),
        ("2024-08-23-aliyev-mirziyoyev-talks-tashkent", "dkg:Meeting", "2024-08-23"),
        ("2024-08-23-year-of-economic-cooperation-agreed", "dkg:Decision", "2024-08-23"),
        ("2024-08-23-presidents-meet-business-circles-tashkent", "dkg:Meeting", "2024-08-23"),
        ("2024-08-23-aliyev-press-statement-tashkent", "dkg:Statement", "2024-08-23"),
        ("2024-08-22-business-forum-tashkent", "dkg:BusinessForum", "2024-08-22"),
    }
    # AzerNews (20 Oct 2023): Babayev laid flowers at the Heydar Aliyev monument in Tashkent, no day given.
    assert ask(
        kg,
        """ASK { event:flower-laying-babayev-heydar-aliyev-monument-tashkent-2023 a dkg:Ceremony ;
        dkg:subEventOf event:visit-babayev-tashkent-2023-10 ; dkg:earliestDate "2023-10"^^xsd:gYearMonth ;
        dkg:latestDate "2023-10-20"^^xsd:date }""",
    )


def test_places_known_only_as_a_country_and_an_undated_initiative(kg):
    # News.Az (18 Apr 2024): Babayev met Raci Kaya at the ISSA forum "in Portugal", no city named.
    assert values(kg, "SELECT ?p WHERE { event:2024-04-babayev-raci-kaya-meeting-portugal dkg:location ?p }") == {
        "https://w3id.org/diplomatic-kg/id/country/PRT"
    }
    # News.Az (11 Jun 2025): the 14th commission meeting to be held in Azerbaijan; only that source says so.
    graphs = values(
        kg,
        """SELECT ?g WHERE { GRAPH ?g {
        event:2025-06-joint-intergovernmental-commission-14th-meeting dkg:location country:AZE } }""",
    )
    assert {local_id(g) for g in graphs} == {"newsaz-2025-06-11-prime-ministers-igc-14"}
    # A News (10 Apr 2023): Tokayev says the Kazakh gift to Fuzuli is being built; no date is given.
    centre = "event:initiative-kurmangazy-childrens-creativity-centre-fuzuli"
    assert ask(kg, f"ASK {{ {centre} a dkg:ConstructionInitiative ; dkg:status status:ongoing }}")
    assert ask(kg, f"ASK {{ {centre} dkg:location place:fuzuli }}")
    assert not ask(kg, f"ASK {{ {centre} dkg:startDate|dkg:endDate|dkg:earliestDate|dkg:latestDate ?d }}")
    assert ask(kg, f"ASK {{ source:anews-2023-04-10-aliyev-official-visit-astana dkg:mentions {centre} }}")
