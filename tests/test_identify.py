"""``kg.identify.resolve`` on the real data: ids, codes, prefixed names, IRIs, labels in any spelling.

Expected answers are read from data/*.yaml: e.g. data/core/people.yaml names sahil-babayev
``{en: Sahil Babayev, az: Sahil Babayev, ru: Сахиль Бабаев}`` and gives mansurbek-olloyorov the variants
``Mansurbek Olloyerov, Mansurbek Oloyerov, M. Olloyorov`` (en) and ``Оллоёров`` (ru).
"""

from __future__ import annotations

import pytest

from kg import iris
from kg.errors import UsageError, option
from kg.identify import Ambiguous, candidates, resolve

SAHIL = str(iris.mint("person", "sahil-babayev"))
MANSURBEK = str(iris.mint("person", "mansurbek-olloyorov"))
AZE = str(iris.country("AZE"))
UZB = str(iris.country("UZB"))


@pytest.fixture(scope="module")
def store(real_kg):  # type: ignore[no-untyped-def]
    return real_kg.store


@pytest.mark.parametrize(
    "text",
    [
        "sahil-babayev",
        "Sahil-Babayev",
        "person:sahil-babayev",
        "Person:sahil-babayev",
        f"<{SAHIL}>",
        SAHIL,
        "Sahil Babayev",
        "  sahil babayev ",
        "Сахиль Бабаев",  # ru label
        "Бабаев Сахиль",  # word order does not matter
    ],
)
def test_sahil_babayev_by_any_reference(store, text):
    assert resolve(store, text) == SAHIL


@pytest.mark.parametrize(
    "text", ["AZE", "aze", "country:AZE", "country:aze", "COUNTRY:Aze", "Azerbaijan", "Azərbaycan"]
)
def test_country_by_code_in_any_case_or_name(store, text):
    assert resolve(store, text, expect="country") == AZE
    assert resolve(store, text) == AZE


@pytest.mark.parametrize(
    "text", ["Oʻzbekiston", "O‘zbekiston", "O'zbekiston", "Ozbekiston", "Özbəkistan", "Узбекистан"]
)
def test_uzbekistan_by_its_uzbek_azerbaijani_and_russian_names(store, text):
    assert resolve(store, text) == UZB


def test_uzbek_apostrophes_in_an_organisation_name(store):
    # data/az-uz/organisations.yaml: uz "Oʻzbekiston Respublikasi Tashqi ishlar vazirligi"
    expected = str(iris.mint("organisation", "ministry-of-foreign-affairs-uzb"))
    assert resolve(store, "O'zbekiston Respublikasi Tashqi ishlar vazirligi") == expected
    assert resolve(store, "o‘zbekiston respublikasi tashqi ishlar vazirligi", expect="organisation") == expected


@pytest.mark.parametrize(
    "text", ["Mansurbek Olloyerov", "Mansurbek Oloyerov", "M. Olloyorov", "Оллоёров", "Мансурбек Оллоёров"]
)
def test_variants_name_their_person(store, text):
    assert resolve(store, text, expect="person") == MANSURBEK


def test_azerbaijani_variant_with_schwa(store):
    # data/az-uz/people.yaml: anar-aliyev {en: "Anar Aliyev", az: "Anar Əliyev"}
    assert resolve(store, "Anar Əliyev") == str(iris.mint("person", "anar-aliyev"))


def test_a_word_in_many_names_lists_people_first(store):
    # data/*/people.yaml: anar-, elnur- and ilham-aliyev bear the name; mehriban-aliyeva's Aliyeva is a near
    # match, so she comes after them. Events, documents and sources with Aliyev in their title or id follow
    # (events in id order, sources last); their number grows with the data, so it is not pinned.
    with pytest.raises(Ambiguous) as caught:
        resolve(store, "Aliyev", about=option("ego"))
    err = caught.value
    others = [c for c in err.candidates if c.kind != "person"]
    assert err.message == f"'Aliyev' matches 4 people and {len(others)} other entities"
    assert err.about == option("ego")
    assert err.value == "Aliyev"
    assert [c.id for c in err.candidates[:4]] == ["anar-aliyev", "elnur-aliyev", "ilham-aliyev", "mehriban-aliyeva"]
    assert list(err.candidates[4:]) == others  # the people first, then everything else
    assert err.closest[4:6] == ("2018-02-01-aliyev-receives-sarieroglu", "2019-10-14-mirziyoyev-aliyev-meeting-baku")
    assert err.closest == tuple(c.id for c in err.candidates[:10])
    kinds = [c.kind for c in others]
    assert kinds == sorted(kinds, key=lambda k: k == "source") and kinds[-1] == "source"


def test_a_misspelling_lists_candidates_instead_of_choosing(store):
    with pytest.raises(Ambiguous) as caught:
        resolve(store, "aliev", expect="person")
    assert caught.value.message == "'aliev' matches 4 people"
    # Ilham's ru name Ильхам Алиев reads "aliev"; Aliyev (Anar, Elnur) and Mehriban's Алиева are one letter off
    assert caught.value.closest == ("ilham-aliyev", "anar-aliyev", "elnur-aliyev", "mehriban-aliyeva")
    with pytest.raises(Ambiguous) as one:
        resolve(store, "Sahil Babaev", expect="person")  # a single close name is still not a guess to make
    assert str(one.value) == "no person is named 'Sahil Babaev'; did you mean sahil-babayev?"


def test_expect_person_excludes_events(store):
    found = candidates(store, "Babayev", expect="person")
    assert [c.id for c in found] == ["sahil-babayev"]
    everything = {c.kind for c in candidates(store, "Babayev")}
    assert {"person", "event"} <= everything


def test_a_name_two_entities_bear_is_ambiguous_unless_a_type_is_expected(store):
    # "Elbasy" is a variant of nursultan-nazarbayev and of the post first-president-of-kazakhstan.
    with pytest.raises(Ambiguous) as caught:
        resolve(store, "elbasy")
    assert caught.value.message == "'elbasy' matches 1 person and 1 other entity"
    assert caught.value.closest == ("nursultan-nazarbayev", "first-president-of-kazakhstan")
    assert resolve(store, "Elbasy", expect="person") == str(iris.mint("person", "nursultan-nazarbayev"))
    assert resolve(store, "Elbasy", expect="post") == str(iris.mint("post", "first-president-of-kazakhstan"))


def test_word_order_only_breaks_ties_it_must(store):
    # Two embassies whose English names differ only in the order of the countries.
    text = "Embassy of the Republic of Azerbaijan in the Republic of Uzbekistan"
    assert resolve(store, text) == str(iris.mint("organisation", "embassy-of-azerbaijan-in-uzbekistan"))


def test_derived_resources_are_never_returned_or_suggested(store):
    tenure = iris.tenure("sahil-babayev", "minister-of-labour-and-social-protection-of-population-aze", 1)
    with pytest.raises(UsageError) as caught:
        resolve(store, f"<{tenure}>")
    assert caught.value.message == f"<{tenure}> is a part of a record, not a record; name the record itself"
    assert caught.value.closest == ("person:sahil-babayev",)
    part = iris.participation("visit-babayev-tashkent-2023-10", "sahil-babayev", "visitor")
    with pytest.raises(UsageError, match="part of a record"):
        resolve(store, str(part))
    # Former names are only ever found as their organisation's hidden labels.
    turkic = str(iris.mint("organisation", "organization-of-turkic-states"))
    assert resolve(store, "Turkic Council") == turkic
    for text in ("Babayev", "Turkic", "tashkent 2023"):
        assert all(iris.is_record(c.iri) for c in candidates(store, text))


def test_type_mismatch_and_unknown_ids(store):
    with pytest.raises(UsageError, match=r"^country:AZE is a country, not a person$"):
        resolve(store, "country:AZE", expect="person")
    with pytest.raises(UsageError) as caught:
        resolve(store, "person:sahil-babayv")
    assert caught.value.message == "no person has the id 'sahil-babayv'"
    assert caught.value.closest[0] == "person:sahil-babayev"
    with pytest.raises(UsageError, match=r"^dkg:Person is not an entity of the graph$"):
        resolve(store, "dkg:Person")
    with pytest.raises(Ambiguous) as nothing:
        resolve(store, "Xyzzy")
    assert (nothing.value.message, nothing.value.candidates) == ("no entity is named 'Xyzzy'", ())


def test_ranking_puts_named_entities_before_titles(store):
    found = candidates(store, "Babayev")
    kinds = [c.kind for c in found]
    assert kinds[0] == "person"
    assert kinds.index("source") > max(i for i, k in enumerate(kinds) if k == "event")
    assert found[0].line(15) == "sahil-babayev    Sahil Babayev (person)"
    assert candidates(store, "Babayev", lang="ru")[0].label == "Сахиль Бабаев"


def test_an_id_of_another_type_says_what_it_is(store):
    with pytest.raises(UsageError) as caught:
        resolve(store, "aze", expect="person", about=option("ego"))
    assert caught.value.render() == "ego: aze is a country, not a person"


def test_a_country_is_an_agent(real_kg):
    # The reference data types countries dkg:Country only; dkg:Country is a subclass of dkg:Agent.
    assert resolve(real_kg.store, "aze", expect="agent") == str(iris.country("AZE"))


def test_ids_and_iris_resolve_without_the_index_as_with_it(store):  # type: ignore[no-untyped-def]
    # the quick path (one small query) must name the record the index names, for every record and type
    from kg import identify

    idx = identify.index(store)
    checked = 0
    for iri, entity in sorted(idx.entities.items()):
        for expect in [t for t in identify.TYPES if idx.of_type(iri, t)] + [None]:
            assert identify._quick(store, f"<{iri}>", expect) == iri
            slow = [i for i in idx.ids[entity.id.lower()] if idx.of_type(i, expect)]
            assert identify._quick(store, entity.id, expect) == (iri if slow == [iri] else None)
            checked += 1
    assert checked > 1000
    # what the quick path leaves to the index: another case, a name, another type, a part of a record
    assert identify._quick(store, "aze", "country") is None
    assert identify._quick(store, "Sahil Babayev", "person") is None
    assert identify._quick(store, "AZE", "person") is None
    assert identify._quick(store, "<https://w3id.org/diplomatic-kg/id/person/sahil-babayev>", "country") is None
