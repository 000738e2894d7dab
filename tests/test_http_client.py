"""kg.http_client: errors in our words, credentials as the server asks, against a small real HTTP server.

The server (http.server on 127.0.0.1, a free port, in a thread) answers by path: /ok, /text-error,
/long-error, /html-error, /basic (asks for Basic), /bearer, /silent (never answers), /hang-up (closes
the connection). Digest against a real server is tested on Virtuoso in tests/test_push.py.
"""

from __future__ import annotations

import base64
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from kg.errors import UsageError
from kg.http_client import (
    BearerAuth,
    ChallengedAuth,
    RemoteError,
    ServerError,
    Unreachable,
    auth_for,
    body_start,
    client,
    request,
    shown_url,
)

LONG = "word " * 100
HTML = (
    "<!DOCTYPE html><html><head><title>Failed</title><style>p {color: red}</style></head>"
    "<body><h1>HTTP/1.1 500 Request Failed</h1>\n<p>The graph &lt;x&gt; is\n   read-only</p></body></html>"
)
BASIC = "Basic " + base64.b64encode(b"ann:secret").decode()


class Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str | None, bytes]]] = []  # method, Authorization, body

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def answer(self, status: int, body: str = "", content_type: str = "text/plain", **headers: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization")
        self.seen.append((self.command, auth, body))
        path = self.path.split("?")[0]
        if path == "/ok":
            self.answer(200, "fine")
        elif path == "/text-error":
            self.answer(400, "Parser error at line 1:\n  unexpected '}'")
        elif path == "/long-error":
            self.answer(500, LONG)
        elif path == "/html-error":
            self.answer(500, HTML, "text/html; charset=UTF-8")
        elif path == "/basic":
            if auth == BASIC:
                self.answer(204)
            else:
                self.answer(401, "who are you?", WWW_Authenticate='Basic realm="kg"')
        elif path == "/bearer":
            self.answer(204 if auth == "Bearer t0ken" else 401)
        elif path == "/silent":
            time.sleep(3)
        elif path == "/hang-up":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self.answer(404)

    do_GET = do_POST = do_PUT = handle_any


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def fresh_log() -> None:
    Handler.seen.clear()


def error_of(url: str, **kwargs: object) -> RemoteError:
    with client(timeout=1) as http, pytest.raises(RemoteError) as caught:
        request(http, "PUT", url, content=b"data", **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_a_success_returns_the_response(base: str) -> None:
    with client() as http:
        assert request(http, "GET", f"{base}/ok").text == "fine"
        assert request(http, "GET", f"{base}/nothing-here", allow=(404,)).status_code == 404
    assert Handler.seen[0][1] is None  # no credentials without auth


def test_an_error_status_is_shown_with_the_start_of_the_body_on_one_line(base: str) -> None:
    err = error_of(f"{base}/text-error?graph=x")
    assert isinstance(err, ServerError)
    assert str(err) == "the server answered 400 Bad Request: Parser error at line 1: unexpected '}'"
    assert (err.status, err.body) == (400, "Parser error at line 1:\n  unexpected '}'")
    assert str(error_of(f"{base}/nothing-here")) == "the server answered 404 Not Found"


def test_a_long_body_is_cut_at_300_characters(base: str) -> None:
    message = str(error_of(f"{base}/long-error"))
    assert message == "the server answered 500 Internal Server Error: " + LONG[:300].rstrip() + "…"
    assert body_start("a  b\n\tc") == "a b c"


def test_an_html_error_page_is_shown_as_its_text(base: str) -> None:
    assert str(error_of(f"{base}/html-error")) == (
        "the server answered 500 Internal Server Error: HTTP/1.1 500 Request Failed The graph <x> is read-only"
    )


def test_unreachable_servers_are_named_with_the_reason() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: refused
        err = error_of(f"http://127.0.0.1:{port}/store?graph=x")
    assert isinstance(err, Unreachable)
    assert str(err) == f"cannot reach http://127.0.0.1:{port}/store: connection refused"


def test_a_server_that_does_not_answer_times_out(base: str) -> None:
    assert str(error_of(f"{base}/silent")) == f"cannot reach {base}/silent: no answer within 1 s"


def test_a_server_that_hangs_up(base: str) -> None:
    assert str(error_of(f"{base}/hang-up")) == (
        f"cannot reach {base}/hang-up: the server closed the connection before answering"
    )


def test_a_url_that_is_not_http_is_a_usage_error() -> None:
    with client() as http, pytest.raises(UsageError) as caught:
        request(http, "GET", "ftp://example.org/store")
    assert str(caught.value) == "endpoint ftp://example.org/store: give an http:// or https:// URL"


def test_messages_show_no_password_and_no_query() -> None:
    assert shown_url("http://ann:secret@127.0.0.1:8890/sparql?query=ASK%7B%7D") == "http://127.0.0.1:8890/sparql"


def test_basic_is_sent_when_the_server_asks_for_it(base: str) -> None:
    credentials = auth_for(None, "ann", "secret", None)
    assert isinstance(credentials, ChallengedAuth)
    with client(credentials) as http:
        assert request(http, "PUT", f"{base}/basic", content=b"triples").status_code == 204
        assert request(http, "PUT", f"{base}/basic", content=b"more").status_code == 204
    # The first request went without credentials and was sent again, body included, once asked;
    # later ones carry Basic straight away.
    assert Handler.seen == [("PUT", None, b"triples"), ("PUT", BASIC, b"triples"), ("PUT", BASIC, b"more")]


def test_a_wrong_password_is_the_servers_401(base: str) -> None:
    with client(auth_for("basic", "ann", "wrong", None)) as http, pytest.raises(ServerError) as caught:
        request(http, "PUT", f"{base}/basic", content=b"x")
    assert str(caught.value) == "the server answered 401 Unauthorized: who are you?"


def test_a_token_is_sent_as_bearer(base: str) -> None:
    credentials = auth_for(None, None, None, "t0ken")
    assert isinstance(credentials, BearerAuth)
    with client(credentials) as http:
        assert request(http, "GET", f"{base}/bearer").status_code == 204
    assert Handler.seen == [("GET", "Bearer t0ken", b"")]


def test_auth_choices() -> None:
    assert auth_for(None, None, None, None) is None
    assert isinstance(auth_for("digest", "u", "p", None), httpx.DigestAuth)
    assert isinstance(auth_for("BASIC", "u", "p", None), httpx.BasicAuth)
    assert isinstance(auth_for("bearer", None, None, "t"), BearerAuth)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("basic", None, None, "t"),
            "token: --auth basic sends a user and password: give --user and --password, or --auth bearer with --token",
        ),
        ((None, "u", None, None), "password: --user needs --password too"),
        ((None, None, "p", None), "user: --password needs --user too"),
        ((None, "u", "p", "t"), "token: give either --user and --password or --token, not both"),
        (("digest", None, None, None), "auth: --auth digest needs --user and --password"),
        (("kerberos", "u", "p", None), "auth kerberos: unknown authentication; use one of: basic, digest, bearer"),
    ],
)
def test_auth_combinations_that_cannot_work(args: tuple[str | None, ...], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        auth_for(*args)
    assert str(caught.value) == message
