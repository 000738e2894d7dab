"""Content negotiation of kg serve: q-values, wildcards, specificity, aliases, format=, and nothing acceptable."""

from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.serve.negotiation import GRAPH_FORMATS, HTML, RESULT_FORMATS, choose, named, parse_accept, weight


def chosen(accept: str | None, offered=RESULT_FORMATS) -> str | None:  # type: ignore[no-untyped-def]
    choice = choose(accept, offered)
    return None if choice is None else choice.media_type


def test_no_accept_or_anything_gives_the_first_format() -> None:
    assert chosen(None) == "application/sparql-results+json"
    assert chosen("") == "application/sparql-results+json"
    assert chosen("*/*") == "application/sparql-results+json"
    assert chosen("*") == "application/sparql-results+json"
    assert chosen(None, GRAPH_FORMATS) == "text/turtle"
    assert chosen("*/*", GRAPH_FORMATS) == "text/turtle"


def test_each_format_by_its_media_type() -> None:
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        offered = RESULT_FORMATS if fmt in RESULT_FORMATS else GRAPH_FORMATS
        choice = choose(fmt.media_type, offered)
        assert choice is not None and choice.format == fmt


def test_q_values_rank_the_formats() -> None:
    assert chosen("text/csv;q=0.5, application/sparql-results+xml") == "application/sparql-results+xml"
    assert chosen("text/csv;q=0.9, application/sparql-results+xml;q=0.8") == "text/csv"
    assert chosen("text/tab-separated-values; q=0.3, text/csv; q=0.2") == "text/tab-separated-values"


def test_a_more_specific_range_overrides_a_wildcard() -> None:
    # text/csv is refused by its own range although text/* accepts text types
    assert chosen("text/*;q=0.9, text/csv;q=0") == "text/tab-separated-values"
    assert chosen("*/*;q=0.1, application/sparql-results+json;q=0") == "application/sparql-results+xml"
    # the named type wins a tie with a wildcard, whatever the order of the server's list
    assert chosen("*/*, text/csv") == "text/csv"
    assert chosen("text/*, text/tab-separated-values") == "text/tab-separated-values"


def test_type_wildcards() -> None:
    assert chosen("text/*") == "text/csv"
    assert chosen("application/*", GRAPH_FORMATS) == "application/n-triples"


def test_aliases_are_answered_with_the_type_asked_for() -> None:
    json = choose("application/json", RESULT_FORMATS)
    assert json is not None and json.format.name == "json" and json.media_type == "application/json"
    jsonld = choose("application/json", GRAPH_FORMATS)
    assert jsonld is not None and jsonld.format.name == "jsonld"
    xml = choose("application/xml", GRAPH_FORMATS)
    assert xml is not None and xml.format.name == "xml" and xml.content_type == "application/xml"
    # a wildcard match is answered with the format's own type
    assert chosen("application/*") == "application/sparql-results+json"


def test_text_types_say_their_charset() -> None:
    csv = choose("text/csv", RESULT_FORMATS)
    assert csv is not None and csv.content_type == "text/csv; charset=utf-8"
    xml = choose("application/sparql-results+xml", RESULT_FORMATS)
    assert xml is not None and xml.content_type == "application/sparql-results+xml"


def test_a_browser_accept_header() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert chosen(browser, [*GRAPH_FORMATS, HTML]) == "text/html"
    assert chosen(browser) == "application/xml"  # SPARQL XML results, by the alias q=0.9 names
    assert chosen(browser, GRAPH_FORMATS) == "application/xml"


def test_nothing_acceptable() -> None:
    assert chosen("image/png") is None
    assert chosen("text/turtle", RESULT_FORMATS) is None
    assert chosen("application/sparql-results+json", GRAPH_FORMATS) is None
    assert chosen("*/*;q=0") is None


def test_malformed_entries_are_skipped() -> None:
    assert chosen("garbage, text/csv") == "text/csv"
    assert chosen("text/csv;q=oops") == "text/csv"
    assert chosen("*/csv, text/tab-separated-values") == "text/tab-separated-values"
    ranges = parse_accept("text/csv;q=2, text/*;q=-1")
    assert [r.q for r in ranges] == [1.0, 0.0]


def test_weight_takes_the_most_specific_range() -> None:
    ranges = parse_accept("*/*;q=0.2, text/*;q=0.5, text/csv;q=0.8")
    assert weight(ranges, "text/csv") == (0.8, 3)
    assert weight(ranges, "text/tab-separated-values") == (0.5, 2)
    assert weight(ranges, "application/n-triples") == (0.2, 1)


def test_format_names_and_media_types() -> None:
    assert named("CSV", RESULT_FORMATS, "results").media_type == "text/csv"
    assert named("xml", GRAPH_FORMATS, "a graph").media_type == "application/rdf+xml"
    assert named("xml", RESULT_FORMATS, "results").media_type == "application/sparql-results+xml"
    assert named("text/turtle", GRAPH_FORMATS, "a graph").format.name == "turtle"


def test_a_format_not_for_the_answer() -> None:
    with pytest.raises(UsageError) as err:
        named("turtle", RESULT_FORMATS, "results (SELECT, ASK)")
    assert err.value.render() == (
        "format: turtle is not a format for results (SELECT, ASK); use one of: json, xml, csv, tsv"
    )
    with pytest.raises(UsageError) as err:
        named("yaml", GRAPH_FORMATS, "a graph")
    assert err.value.render() == (
        "format: unknown format 'yaml'; use one of: turtle, ntriples, nquads, trig, jsonld, xml"
    )


def test_a_refused_type_is_not_sent_under_an_alias_a_wildcard_matches():
    chosen = choose("application/sparql-results+json;q=0, */*", RESULT_FORMATS)
    assert chosen is not None and chosen.format.name == "xml"
    # naming the alias itself still gets it
    named_alias = choose("application/sparql-results+json;q=0, application/json", RESULT_FORMATS)
    assert named_alias is not None and named_alias.media_type == "application/json"
