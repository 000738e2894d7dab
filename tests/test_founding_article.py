"""Every fact of the founding AZERTAC article is in the graph, stated in the article's own named graph.

Expectations are written by hand from ../shared/seed/azertac-az-uz-social-protection.az.md (quoted
phrases in the comments) and the research notes, not regenerated from the code's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph
from tests.conftest import ROOT

ARTICLE = "source:azertac-2024-az-uz-social-protection-video-meetings"
VIDEO = "event:video-meetings-babayev-musayev-olloyorov-2024"


@pytest.fixture(scope="module")
def kg(real_kg) -> KnowledgeGraph:
    return real_kg


def rows(kg: KnowledgeGraph, sparql: str) -> set[tuple[str, ...]]:
    result = kg.store.select(sparql)
    return {tuple(str(v) for v in r.values()) for r in result}


def ask(kg: KnowledgeGraph, sparql: str) -> bool:
    return bool(kg.store.query(sparql))


def in_article(body: str) -> str:
    return f"ASK {{ GRAPH {ARTICLE} {{ {body} }} }}"


def test_the_article_is_a_source_with_its_quote(kg):
    # AZERTAC, in Azerbaijani; the headline is the article's title; the text is quoted as evidence.
    assert ask(
        kg,
        f"""ASK {{ {ARTICLE} a dkg:NewsArticle ; dkg:publisher "AZERTAC" ; dkg:language "az" ;
        dcterms:title "Azərbaycan və Özbəkistan sosial müdafiə sahələrində əməkdaşlıq məsələlərini müzakirə edib"@az ;
        dkg:quote ?q . FILTER(CONTAINS(?q, "videoformatda görüşlər keçirilib")) }}""",
    )
    # "publication date not printed": only bounds, 2024-01 … 2024-09, never a day.
    assert rows(kg, f"SELECT ?e ?l WHERE {{ {ARTICLE} dkg:earliestDate ?e ; dkg:latestDate ?l }}") == {
        ("2024-01", "2024-09")
    }
    assert not ask(kg, f"ASK {{ {ARTICLE} dkg:published ?d }}")


def test_video_meetings_with_the_three_officials(kg):
    # "… Sahil Babayevlə … Behzod Musayev və … Mansurbek Olloyerov arasında videoformatda görüşlər"
    assert ask(kg, in_article(f"{VIDEO} a dkg:Meeting ; dkg:mode mode:video ; dkg:online true"))
    people = rows(kg, f"SELECT ?p WHERE {{ GRAPH {ARTICLE} {{ {VIDEO} dkg:participant ?p }} }}")
    assert people == {
        ("https://w3id.org/diplomatic-kg/id/person/" + p,)
        for p in ("sahil-babayev", "behzod-musayev", "mansurbek-olloyorov")
    }
    # Each with the post the article names.
    posts = rows(
        kg,
        f"""SELECT ?agent ?post WHERE {{ GRAPH {ARTICLE} {{ {VIDEO} dkg:qualifiedParticipation ?q .
        ?q dkg:agent ?agent ; dkg:inPost ?post }} }}""",
    )
    base = "https://w3id.org/diplomatic-kg/id/"
    assert posts == {
        (base + "person/sahil-babayev", base + "post/minister-of-labour-and-social-protection-of-population-aze"),
        (base + "person/behzod-musayev", base + "post/minister-of-employment-and-poverty-reduction-uzb"),
        (base + "person/mansurbek-olloyorov", base + "post/director-of-national-agency-for-social-protection-uzb"),
    }
    # Online: no physical place. Date only known as bounds (Jan–Sep 2024), no day invented.
    assert not ask(kg, f"ASK {{ {VIDEO} dkg:location ?p }}")
    assert rows(kg, f"SELECT ?e ?l WHERE {{ {VIDEO} dkg:earliestDate ?e ; dkg:latestDate ?l }}") == {
        ("2024-01", "2024-09")
    }
    assert not ask(kg, f"ASK {{ {VIDEO} dkg:startDate ?d }}")
    # "Əmək, məşğulluq, sosial müdafiə sahələrində gələcək əməkdaşlıq … müzakirə edilib"
    sectors = rows(kg, f"SELECT ?s WHERE {{ GRAPH {ARTICLE} {{ {VIDEO} dkg:sector ?s }} }}")
    assert {s[0].rsplit("/", 1)[1] for s in sectors} >= {"labour", "employment", "social-protection"}


def test_the_name_variants_of_olloyorov(kg):
    # The article spells "Olloyerov"; the research notes give Olloyorov, Oloyerov, Оллоёров.
    labels = rows(kg, "SELECT ?l WHERE { person:mansurbek-olloyorov rdfs:label|skos:altLabel ?l }")
    names = {label[0] for label in labels}
    assert {"Mansurbek Olloyorov", "Mansurbek Olloyerov"} <= names
    assert any("Оллоёров" in n for n in names)


def test_the_2023_treaty_signed_by_the_presidents_establishes_the_council(kg):
    # "2023-cü ilin avqust ayında Prezidentlər İlham Əliyev və Şavkat Mirziyoyevin imzaladığı
    #  'Azərbaycan Respublikasının və Özbəkistan Respublikasının Ali Dövlətlərarası Şurasının yaradılması
    #  haqqında Müqavilə'"
    treaty = "document:treaty-supreme-interstate-council-aze-uzb-2023"
    title = (
        "Azərbaycan Respublikasının və Özbəkistan Respublikasının Ali Dövlətlərarası Şurasının "
        "yaradılması haqqında Müqavilə"
    )
    assert ask(
        kg,
        in_article(f"""{treaty} a dkg:Treaty ;
        dkg:signatory person:ilham-aliyev , person:shavkat-mirziyoyev ;
        dkg:establishes organisation:supreme-interstate-council-aze-uzb ;
        rdfs:label "{title}"@az"""),
    )
    # August 2023 in the article; the day (22nd) and place (Baku) from the background sources.
    assert rows(kg, f"SELECT ?d WHERE {{ {treaty} dkg:dateSigned ?d }}") == {("2023-08-22",)}
    assert ask(kg, f"ASK {{ {treaty} dkg:location place:baku ; dkg:party country:AZE , country:UZB }}")
    assert ask(kg, "ASK { organisation:supreme-interstate-council-aze-uzb a dkg:InterstateCouncil }")


def test_the_fuzuli_school_on_the_uzbek_presidents_initiative(kg):
    # "Füzuli şəhərində Özbəkistan Prezidentinin təşəbbüsü ilə orta məktəbin inşa etdirilməsi"
    assert ask(
        kg,
        in_article("""event:initiative-fuzuli-school a dkg:Initiative ; dkg:location place:fuzuli ;
        dkg:organiser person:shavkat-mirziyoyev ; dkg:sector sector:education"""),
    )
    assert ask(kg, 'ASK { place:fuzuli dkg:country country:AZE ; rdfs:label "Füzuli"@az }')


def test_the_october_2023_memorandum(kg):
    # "keçən ilin oktyabr ayında … Nazirliyi və Özbəkistan Prezidenti yanında Sosial Müdafiə üzrə Milli
    #  Agentlik arasında imzalanmış əməkdaşlıq haqqında Anlaşma Memorandumu"
    mou = "document:mou-social-protection-aze-uzb-2023"
    assert ask(
        kg,
        in_article(f"""{mou} a dkg:MemorandumOfUnderstanding ;
        dkg:party organisation:ministry-of-labour-and-social-protection-of-population-aze ,
                  organisation:national-agency-for-social-protection-uzb"""),
    )
    # Only the month is known.
    assert rows(kg, f"SELECT ?d (DATATYPE(?d) AS ?t) WHERE {{ {mou} dkg:dateSigned ?d }}") == {
        ("2023-10", "http://www.w3.org/2001/XMLSchema#gYearMonth")
    }


def test_the_5th_conference_of_oic_labour_ministers_and_the_labour_centre(kg):
    # "İƏT-ə üzv dövlətlərin əmək nazirlərinin 2023-cü ilin noyabr ayında ölkəmizdə keçirilən 5-ci konfransı"
    conf = "event:conference-iclm-5-baku-2023"
    assert ask(kg, in_article(f"{conf} a dkg:Conference ; dkg:location place:baku"))
    assert rows(kg, f"SELECT ?s ?e WHERE {{ {conf} dkg:startDate ?s ; dkg:endDate ?e }}") == {
        ("2023-11-21", "2023-11-23")
    }
    # "… çərçivəsində İƏT-in Bakıda açılışı olan beynəlxalq statuslu Əmək Mərkəzi"
    assert ask(
        kg,
        in_article(f"""event:opening-oic-labour-centre-2023 a dkg:Opening ;
        dkg:subEventOf {conf} ; dkg:concerns organisation:oic-labour-centre ; dkg:location place:baku"""),
    )
    assert ask(
        kg,
        """ASK { organisation:oic-labour-centre dkg:subOrganisationOf
        organisation:organisation-of-islamic-cooperation ; dkg:location place:baku }""",
    )


def test_the_people_hold_the_posts_the_article_gives_them(kg):
    # "Əmək və əhalinin sosial müdafiəsi naziri Sahil Babayev", "Prezidentlər İlham Əliyev və Şavkat Mirziyoyev"
    holds = rows(
        kg,
        """SELECT ?person ?post WHERE { ?person dkg:holds ?post
        FILTER(?person IN (person:sahil-babayev, person:ilham-aliyev, person:shavkat-mirziyoyev)) }""",
    )
    base = "https://w3id.org/diplomatic-kg/id/"
    assert (
        base + "person/sahil-babayev",
        base + "post/minister-of-labour-and-social-protection-of-population-aze",
    ) in holds
    assert (base + "person/ilham-aliyev", base + "post/president-aze") in holds
    assert (base + "person/shavkat-mirziyoyev", base + "post/president-uzb") in holds


def test_every_triple_of_the_data_has_a_source(kg):
    # Outside the ontology, countries and catalogue graphs, every graph is a source described in the catalogue.
    orphans = kg.store.select("""SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(?g NOT IN (id:graph\\/ontology, id:graph\\/countries, id:graph\\/catalogue))
        FILTER NOT EXISTS { GRAPH id:graph\\/catalogue { ?g a dkg:Source } } }""")
    assert orphans == []


def test_data_folder_exists():
    assert (Path(ROOT) / "data" / "core").is_dir()
