"""The page at `/` of `kg serve` and its assets, in-process (the routes of kg.serve.page in a Starlette app).

The page in a browser, against a running `kg serve`, is tested in tests/test_serve_page_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from kg.catalogue import stored_queries
from kg.namespaces import PREFIXES
from kg.serve import page
from tests.conftest import ROOT

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

YASGUI = page.ASSETS / "yasgui"
MARKUP_TITLE = "Events <script>window.kgPwned = 1</script> & <b>friends</b>"
MARKUP_QUERY = f"""# title: {MARKUP_TITLE}
# description: Lists <img src=x onerror="window.kgPwned = 2"> events
#   & more "quoted" text.
# param: who person "<i>x</i>" -- the <em>person</em>
# param: when date -- no default: required
SELECT ?event WHERE {{ ?event ?p ?who . FILTER("</script><script>window.kgPwned = 3</script>" != "") }}
"""


class Collect(HTMLParser):
    """Each stored query's <details>: its name, form, title, description and inputs; every link and script."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[dict[str, Any]] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.config = ""
        self._text: list[str] | None = None
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "details" and "kg-query" in a.get("class", ""):
            self.queries.append({"name": a["data-name"], "form": a["data-form"], "inputs": [], "downloads": {}})
        elif (tag, a.get("class")) in (("span", "kg-title"), ("p", "kg-description")):
            self._text = []
            self.queries[-1]["_key"] = "title" if tag == "span" else "description"
        elif tag == "input" and self.queries:
            self.queries[-1]["inputs"].append(a)
        elif tag == "a" and "data-format" in a:
            self.queries[-1]["downloads"][a["data-format"]] = a["href"]
        if tag in ("a", "link") and "href" in a:
            self.links.append(a["href"])
        if tag == "script":
            self.scripts.append(a.get("src", a.get("type", "")))
            self._in_config = a.get("id") == "kg-config"

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if self._text is not None and tag in ("span", "p"):
            q = self.queries[-1]
            q[q.pop("_key")] = "".join(self._text)
            self._text = None
        if tag == "script":
            self._in_config = False


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(Starlette(routes=page.routes()))


def parse(text: str) -> Collect:
    found = Collect()
    found.feed(text)
    return found


def test_the_page_lists_every_stored_query_with_its_title_description_and_parameters(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    shown = {q["name"]: q for q in parse(response.text).queries}
    expected = stored_queries()
    assert list(shown) == [q.name for q in expected]  # every one, in the catalogue's order
    for q in expected:
        s = shown[q.name]
        assert s["title"] == q.title and s["description"] == q.description
        assert s["form"] == "select"
        inputs = {i["name"]: i for i in s["inputs"]}
        assert list(inputs) == [p.name for p in q.params]
        for p in q.params:
            assert inputs[p.name]["value"] == p.default  # every stored query has defaults
            assert inputs[p.name]["data-type"] == p.type
            assert "required" not in inputs[p.name]
            assert p.description in response.text
    between = shown["events-between-countries"]
    assert between["title"] == "Events between two countries"
    assert [i["placeholder"] for i in between["inputs"]] == ["a country", "a country"]
    assert between["downloads"] == {
        fmt: f"queries/events-between-countries?a=AZE&b=UZB&labels=en&lang=en&format={fmt}"
        for fmt in ("csv", "tsv", "json", "xml")
    }
    assert shown["who-met-whom"]["inputs"] == []
    assert '<p class="kg-no-params">No parameters.</p>' in response.text
    assert shown["checks/visitor-is-host-violation"]["downloads"]["csv"].startswith(
        "queries/checks/visitor-is-host-violation?labels=en"
    )


def test_markup_in_query_files_is_escaped(tmp_path):
    (tmp_path / "evil.rq").write_text(MARKUP_QUERY, encoding="utf-8")
    (tmp_path / "graph.rq").write_text("# title: A graph\nCONSTRUCT WHERE { ?s ?p ?o }\n", encoding="utf-8")
    queries = stored_queries(tmp_path)
    text = page.render_page(queries)
    for raw in ("<script>window", "<b>friends", "<img", "<i>x</i>", "<em>", '"quoted"'):
        assert raw not in text
    assert "Events &lt;script&gt;window.kgPwned = 1&lt;/script&gt; &amp; &lt;b&gt;friends&lt;/b&gt;" in text
    found = parse(text)
    evil, graph = found.queries
    assert evil["title"] == MARKUP_TITLE
    assert evil["description"] == 'Lists <img src=x onerror="window.kgPwned = 2"> events & more "quoted" text.'
    who, when = evil["inputs"]
    assert who["value"] == '"<i>x</i>"' and "required" not in who
    assert when["required"] == "" and "value" not in when
    assert '<span class="kg-required">required</span>' in text
    assert "the &lt;em&gt;person&lt;/em&gt;" in text
    # The editor's tabs travel as JSON in a script element: no "</script>" can end it early.
    assert found.scripts == ["application/json", "assets/yasgui/yasgui.min.js", "assets/page.js"]
    config = json.loads(found.config)
    assert config["tabs"][1]["query"].endswith(MARKUP_QUERY)
    assert "\\u003c/script\\u003e" in text
    # CONSTRUCT: graph downloads, no label columns.
    assert graph["form"] == "graph"
    assert graph["downloads"] == {
        fmt: f"queries/graph?lang=en&format={fmt}" for fmt in ("turtle", "ntriples", "jsonld")
    }


def test_the_editor_is_prefilled_with_our_prefixes_and_the_stored_queries(client):
    found = parse(client.get("/").text)
    config = json.loads(found.config)
    assert config["endpoint"] == "sparql"
    assert config["prefixes"] == dict(sorted(PREFIXES.items()))
    first, *examples = config["tabs"]
    lines = [line for line in first["query"].splitlines() if line.startswith("PREFIX")]
    assert lines == [f"PREFIX {p}: <{iri}>" for p, iri in sorted(PREFIXES.items())]
    assert "?country a dkg:Country" in first["query"]
    queries = stored_queries()
    assert [t["name"] for t in examples] == [q.name for q in queries]
    by_name = {t["name"]: t["query"] for t in examples}
    assert by_name["who-met-whom"] == next(q.text for q in queries if q.name == "who-met-whom")
    between = by_name["events-between-countries"]
    assert between.startswith(
        "# In the editor the parameters ?a, ?b are unbound: bind them with VALUES, e.g. VALUES ?a { ... }, "
        "or run the stored query through its form on this page.\n# title: Events between two countries\n"
    )
    assert "VALUES" not in between.split("\n", 1)[1]  # the parameters are left unbound
    person = by_name["person-statements"].splitlines()[0]
    assert person == (
        "# In the editor the parameter ?person is unbound: bind it with VALUES ?person { ... }, "
        "or run the stored query through its form on this page."
    )
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    assert config["languages"] == ["en", "az", "ru", "uz"]


def test_the_page_links_nothing_off_the_server_and_forbids_it(client):
    response = client.get("/")
    found = parse(response.text)
    for url in found.links + [s for s in found.scripts if s != "application/json"]:
        assert not re.match(r"^(https?:)?//", url), url
    policy = response.headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"):
        assert directive in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.head("/").status_code == 200


@pytest.mark.parametrize(
    ("path", "content_type", "start"),
    [
        ("/assets/page.js", "text/javascript; charset=utf-8", b"// The kg serve page"),
        ("/assets/page.css", "text/css; charset=utf-8", b"/* The kg serve page"),
        ("/assets/yasgui/yasgui.min.js", "text/javascript; charset=utf-8", b"(function(e,t){"),
        ("/assets/yasgui/yasgui.min.css", "text/css; charset=utf-8", b""),
        ("/assets/yasgui/LICENSE.txt", "text/plain; charset=utf-8", b"The MIT License (MIT)"),
        ("/assets/yasgui/THIRD-PARTY-LICENSES.txt", "text/plain; charset=utf-8", b"Licences of the packages"),
        ("/assets/yasgui/README.md", "text/markdown; charset=utf-8", b"# YASGUI, vendored"),
    ],
)
def test_assets_are_served_with_their_content_types(client, path, content_type, start):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content.startswith(start)
    assert response.content == (page.ASSETS / path.removeprefix("/assets/")).read_bytes()


def test_the_yasgui_licence_is_served_and_names_every_bundled_package(client):
    licence = client.get("/assets/yasgui/LICENSE.txt").text
    assert "Permission is hereby granted, free of charge" in licence
    third = client.get("/assets/yasgui/THIRD-PARTY-LICENSES.txt").text
    for package in ("@zazuko/yasqe", "@zazuko/yasr", "codemirror", "dompurify", "jquery", "datatables.net"):
        assert f"\n{package} " in third, package
    page_text = client.get("/").text
    assert 'href="assets/yasgui/LICENSE.txt"' in page_text


def test_unknown_and_escaping_asset_paths_are_not_found(client):
    for path in ("/assets/nothing.js", "/assets/../page.py", "/assets/%2e%2e/page.py", "/assets/yasgui/../../page.py"):
        assert client.get(path).status_code == 404, path


def test_the_vendored_files_are_the_ones_the_readme_names():
    readme = (YASGUI / "README.md").read_text(encoding="utf-8")
    page_files = ["yasgui.min.js", "yasgui.min.css"]
    assert "`@zazuko/yasgui`" in readme and "version 4.6.2" in readme and "MIT" in readme
    rows = re.findall(r"^\| `([^`]+)` \| ([\d,]+) \| `([0-9a-f]{64})` \|$", readme, re.MULTILINE)
    assert [name for name, _, _ in rows] == [*page_files, "LICENSE.txt", "THIRD-PARTY-LICENSES.txt"]
    for name, size, digest in rows:
        data = (YASGUI / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (int(size.replace(",", "")), digest), name


def test_the_wheel_carries_the_page_and_yasgui(tmp_path: Path):
    import subprocess
    import sys

    wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)]
    subprocess.run(
        [*wheel, str(ROOT)],
        check=True,
        capture_output=True,
    )
    names = set(zipfile.ZipFile(next(tmp_path.glob("diplomatic_kg-*.whl"))).namelist())
    for asset in page.ASSETS.rglob("*"):
        if asset.is_file():
            assert f"kg/serve/assets/{asset.relative_to(page.ASSETS).as_posix()}" in names
    assert "kg/serve/page.py" in names
