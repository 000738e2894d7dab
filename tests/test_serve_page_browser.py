"""The page at `/` of a running `kg serve`, in headless Chromium (Debian's /usr/bin/chromium, Playwright).

`kg serve --data tests/fixtures/minimal --max-rows 5` runs as a subprocess (tests/serve_process.py). Every
request the page makes is recorded; any to another host than the server is refused and fails the test, as
does any console error, uncaught exception or dialog. Without Chromium, Playwright or `kg serve` these
tests skip with the reason; with CI=true they fail instead.

Expected answers, worked out by hand from tests/fixtures/minimal/records.yaml: two people, person-a named
"Person A" (en) and "Персона А" (ru), person-b "Person B"; one event, meeting-a-b, "Meeting of Person A and
Person B", a meeting on 2023-05-03 in Baku ("Bakı" in Azerbaijani) between AZE and UZB, from example-source.
The reference countries give eight countries with Wikidata links (the wikidata-links query), more than
--max-rows 5. A Turtle file written by the tests adds an organisation named in markup (MARKUP_TTL).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from kg.catalogue import stored_queries
from tests.conftest import FIXTURES
from tests.serve_process import Server, kg_command, serving
from tests.test_viz_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.browser

ID = "https://w3id.org/diplomatic-kg/id/"
MAX_ROWS = 5
YASGUI = ["/assets/yasgui/yasgui.min.css", "/assets/yasgui/yasgui.min.js"]
PAGE_FILES = ["/", YASGUI[0], "/assets/page.css", YASGUI[1], "/assets/page.js"]
MARKUP = '<img src=x onerror="window.kgPwned = 1"> & <b>bold</b>'
# An organisation named in markup, linked to a javascript: IRI: both must stay inert text on the page.
MARKUP_TTL = f"""@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ID}organisation/markup> a dkg:Organisation ; rdfs:label '{MARKUP}'@en ;
    dkg:wikidata <javascript:window.kgPwned=2> .
"""
PEOPLE = "SELECT ?person ?name WHERE { ?person a dkg:Person ; rdfs:label ?name } ORDER BY ?name"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        helped = subprocess.run([*kg_command(), "serve", "--help"], capture_output=True, timeout=60)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        return f"kg cannot be run: {exc}"
    if helped.returncode != 0:
        return "this kg has no serve command"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve-page")
    (folder / "markup.ttl").write_text(MARKUP_TTL, encoding="utf-8")
    data = ["--data", str(FIXTURES / "minimal"), "--data", str(folder / "markup.ttl")]
    with serving(*data, "--max-rows", str(MAX_ROWS), cwd=folder) as running:
        yield running


@dataclass
class Session:
    page: Any
    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, URL) of every request
    foreign: list[str] = field(default_factory=list)  # refused: to another host than the server
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def paths(self) -> list[str]:
        return [urlsplit(url).path for _, url in self.requests]

    def section(self, name: str) -> Any:
        s = self.page.locator(f'details[data-name="{name}"]')
        s.locator("summary").click()
        return s

    def run(self, section: Any) -> Any:
        """Press Run and wait for the answer; the answer's element."""
        section.locator("button[type=submit]").click()
        state = "(name) => document.querySelector(`details[data-name='${name}']`).dataset.state"
        self.page.wait_for_function(
            f"(name) => ['done', 'error'].includes(({state})(name))", arg=section.get_attribute("data-name")
        )
        return section.locator(".kg-answer")

    def table(self, answer: Any) -> list[list[str]]:
        return self.js(
            "(el) => [...el.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent))",
            answer.element_handle(),
        )

    def clean(self) -> None:
        """Nothing left the machine, nothing erred: the page's resources all came from the server."""
        resources = self.js("performance.getEntriesByType('resource').map((e) => e.name)")
        assert [r for r in resources if not r.startswith(self.base + "/")] == []
        assert (self.foreign, self.errors, self.dialogs) == ([], [], [])
        assert all(url.startswith(self.base + "/") for _, url in self.requests)


@pytest.fixture
def open_page(browser: Any, server: Server) -> Iterator[Any]:
    contexts = []

    def opener() -> Session:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        s = Session(page, server.base)

        def route(r: Any) -> None:
            url = r.request.url
            s.requests.append((r.request.method, url))
            if url.startswith(server.base + "/"):
                r.continue_()
            else:
                s.foreign.append(url)
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: s.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: s.errors.append(str(e)))
        page.on("dialog", lambda d: (s.dialogs.append(d.message), d.dismiss()))
        page.goto(server.base + "/")
        page.wait_for_function("window.kgReady === true")
        page.locator("#kg-yasgui .CodeMirror").wait_for()
        return s

    yield opener
    for context in contexts:
        context.close()


def test_the_page_loads_everything_from_the_server_and_nothing_errs(open_page):
    s = open_page()
    names = [q.name for q in stored_queries()]
    assert s.paths() == PAGE_FILES
    assert s.js("[...document.querySelectorAll('details.kg-query')].map((d) => d.dataset.name)") == names
    tabs = s.js("[...document.querySelectorAll('#kg-yasgui .tabsList .tab span')].map((t) => t.textContent)")
    assert tabs == ["Query", *names]
    assert s.js("window.scrollY") == 0  # the editor does not grab the focus and scroll the page down
    yasqe = s.js("kg.yasgui.getTab().getYasqe().getValue()")
    assert "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n" in yasqe
    assert s.js("kg.yasgui.getTab().getEndpoint()") == s.base + "/sparql"
    s.clean()


def test_a_query_typed_in_yasgui_runs_and_its_results_show(open_page):
    s = open_page()
    s.page.locator("#kg-editor").scroll_into_view_if_needed()
    # Select the query below the PREFIX block and type another over it, as a person would.
    s.js("""() => {
        const yasqe = kg.yasgui.getTab().getYasqe(), doc = yasqe.getDoc(), last = doc.lastLine();
        const start = doc.getValue().split('\\n').findIndex((line) => line.startsWith('SELECT'));
        yasqe.focus();
        doc.setSelection({ line: start, ch: 0 }, { line: last, ch: doc.getLine(last).length });
    }""")
    # Half-way, ask for completions where a class may follow (YASQE's own class and property completers
    # would ask a remote vocabulary service: page.js removes them).
    cut = PEOPLE.index("dkg:Person") + len("dkg:Per")
    s.page.keyboard.type(PEOPLE[:cut])
    s.page.keyboard.press("Control+Space")
    s.page.wait_for_timeout(300)
    s.page.keyboard.type(PEOPLE[cut:])
    s.page.keyboard.press("Escape")  # leaves the editor, closing a completion list left open
    value = s.js("kg.yasgui.getTab().getYasqe().getValue()")
    assert value.endswith("\n" + PEOPLE) and value.startswith("PREFIX cameo:")
    s.page.locator("#kg-yasgui .yasqe_queryButton").click()
    rows = s.page.locator("#kg-yasgui .yasr table.dataTable tbody tr")
    rows.first.wait_for()
    cells = s.js("""() => [...document.querySelectorAll('#kg-yasgui .yasr table.dataTable tbody tr')]
        .map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent.trim()))""")
    assert cells == [
        ["person:person-a", '"Person A"@en'],
        ["person:person-b", '"Person B"@en'],
        ["person:person-a", '"Персона А"@ru'],
    ]
    posts = [url for method, url in s.requests if method == "POST"]
    assert posts == [s.base + "/sparql"]
    s.clean()


def test_a_stored_query_runs_through_its_form_with_labels(open_page):
    s = open_page()
    section = s.section("events-between-countries")
    section.locator("input[name=b]").fill("Uzbekistan")  # a name, read as kg query -p b=Uzbekistan reads it
    answer = s.run(section)
    assert answer.locator(".kg-count").text_content() == "1 row."
    assert s.table(answer) == [
        ["when", "event", "kind", "place", "sources"],
        ["2023-05-03", "Meeting of Person A and Person B", "Meeting", "Baku", "example-source"],
    ]
    event = answer.locator("td.kg-iri a").first
    assert event.get_attribute("href") == ID + "event/meeting-a-b"
    assert event.get_attribute("title") == ID + "event/meeting-a-b"
    _, url = s.requests[-1]
    assert urlsplit(url).path == "/queries/events-between-countries"
    assert parse_qs(urlsplit(url).query) == {"a": ["AZE"], "b": ["Uzbekistan"], "labels": ["en"], "lang": ["en"]}
    csv = section.locator('.kg-downloads a[data-format="csv"]')
    assert csv.get_attribute("href") == (
        "queries/events-between-countries?a=AZE&b=Uzbekistan&labels=en&lang=en&format=csv"
    )
    # The download gives the same answer, with its label columns, as CSV.
    text = s.js("(href) => fetch(href).then((r) => r.text())", csv.get_attribute("href"))
    assert text.lstrip("\ufeff").splitlines()[0] == "when,event,event_label,kind,place,place_label,sources"
    # Labels in another language: Baku is Bakı in Azerbaijani; the event has only an English title.
    s.page.select_option("#kg-lang", "az")
    assert csv.get_attribute("href").endswith("&labels=az&lang=az&format=csv")
    answer = s.run(section)
    assert s.table(answer)[1] == ["2023-05-03", "Meeting of Person A and Person B", "Meeting", "Bakı", "example-source"]
    s.clean()


def test_an_answer_cut_at_max_rows_says_so(open_page):
    s = open_page()
    answer = s.run(s.section("wikidata-links"))
    assert answer.locator(".kg-count").text_content() == (
        f"{MAX_ROWS} rows: the answer was cut at {MAX_ROWS} rows, the server's limit "
        f"(X-SPARQL-MaxRows: {MAX_ROWS}); the downloads are cut there too."
    )
    table = s.table(answer)
    assert table[0] == ["entity", "label", "wikidata"]
    assert [row[0] for row in table[1:]] == ["Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Saudi Arabia", "Tajikistan"]
    s.clean()


def test_a_bad_parameter_is_shown_as_the_servers_message(open_page):
    s = open_page()
    section = s.section("events-between-countries")
    section.locator("input[name=a]").fill("Atlantis")
    answer = s.run(section)
    assert answer.locator(".kg-error").text_content() == (
        "400 Bad Request: parameter a: no country is named 'Atlantis'"
    )
    assert answer.locator("table").count() == 0
    errors, s.errors = s.errors, []
    assert len(errors) == 1 and "400 (Bad Request)" in errors[0]  # Chromium logs the failed fetch itself
    s.clean()


def test_open_in_the_editor_selects_the_stored_querys_tab(open_page):
    s = open_page()
    s.section("who-met-whom").locator(".kg-open-editor").click()
    assert s.js("kg.yasgui.getTab().getName()") == "who-met-whom"
    value = s.js("kg.yasgui.getTab().getYasqe().getValue()")
    assert value == next(q.text for q in stored_queries() if q.name == "who-met-whom")
    s.clean()


def test_markup_and_javascript_iris_in_an_answer_stay_inert_text(open_page):
    s = open_page()
    section = s.section("wikidata-links")
    section.locator("input[name=class]").fill("dkg:Organisation")
    answer = s.run(section)
    assert s.table(answer) == [["entity", "label", "wikidata"], [MARKUP, MARKUP, "javascript:window.kgPwned=2"]]
    assert answer.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))") == [
        ID + "organisation/markup"
    ]
    assert answer.locator("img, b").count() == 0
    assert answer.locator("td.kg-iri span").get_attribute("title") == "javascript:window.kgPwned=2"
    answer.locator("td.kg-iri span").click()
    assert s.js("window.kgPwned") is None
    s.clean()
