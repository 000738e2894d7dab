"""HTTP to other SPARQL servers (``kg push``, ``--endpoint``): one client factory, auth, and errors in our words.

Everything that talks to a remote store goes through here, so that every front end reports a failure
the same way::

    from kg.http_client import auth_for, client, request

    with client(auth_for(None, "dba", "dba", None), timeout=30) as http:
        response = request(http, "GET", "http://127.0.0.1:8890/sparql", params={"query": "ASK {}"})

- :func:`auth_for` checks a combination of ``--auth``, ``--user``, ``--password`` and ``--token`` and
  returns the :class:`httpx.Auth` to use (``UsageError`` naming the option for a bad combination).
  Without ``--auth``, a user and password are sent the way the server's first 401 challenge asks
  (Basic or Digest), a token as ``Bearer``.
- :func:`client` makes an :class:`httpx.Client` with that auth, timeouts and our User-Agent.
- :func:`request` sends one request and raises :class:`ServerError` (``the server answered 401
  Unauthorized: <first 300 characters of the body>``) for a status outside 2xx and ``allow``, and
  :class:`Unreachable` (``cannot reach URL: why``) when no answer comes back: refused, unknown host,
  timeout, connection cut.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Generator
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx

from kg.errors import KgError, UsageError, option

AUTH_SCHEMES = ("basic", "digest", "bearer")
DEFAULT_TIMEOUT = 60.0  # seconds without progress on a connection, a read or a write
BODY_SHOWN = 300  # characters of an error body quoted in the message


class RemoteError(KgError):
    """A remote server could not be used: it is unreachable or it answered with an error."""

    exit_code = 1


class ServerError(RemoteError):
    """The server answered with an error status; ``status`` and ``body`` (the whole text) are kept."""

    def __init__(self, status: int, reason: str, body: str, content_type: str = "") -> None:
        self.status = status
        self.reason = reason
        self.body = body
        start = body_start(_text_of_html(body) if "html" in content_type.lower() else body)
        super().__init__(f"the server answered {status} {reason}".rstrip() + (f": {start}" if start else ""))


class Unreachable(RemoteError):
    """No answer came back from ``url``: refused, unknown host, timeout, connection cut."""

    def __init__(self, url: str, why: str) -> None:
        self.url = url
        self.why = why
        super().__init__(f"cannot reach {url}: {why}")


def body_start(body: str, limit: int = BODY_SHOWN) -> str:
    """The start of an error body on one line: white space collapsed, cut at ``limit`` characters with '…'."""
    text = " ".join(body.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _text_of_html(body: str) -> str:
    """The words of an HTML error page (Virtuoso answers in HTML), without its tags, scripts and styles."""
    body = re.sub(r"(?is)<(script|style|title)\b.*?</\1\s*>", " ", body)
    return html.unescape(re.sub(r"(?s)<[^>]*>", " ", body))


def shown_url(url: httpx.URL | str) -> str:
    """A URL as messages show it: without user info (a password) and without the query string."""
    return str(httpx.URL(str(url)).copy_with(userinfo=b"", query=None, fragment=None))


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer TOKEN`` on every request."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class ChallengedAuth(httpx.Auth):
    """A user and password sent as the server asks in its first 401 challenge: Digest if it says so, else
    Basic. The choice is kept for the client's later requests (Digest then answers in one round trip)."""

    requires_request_body = True  # a challenged request is sent again, body included

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        challenge = response.headers.get("www-authenticate", "")
        if response.status_code != 401 or not challenge:
            return
        if challenge.lstrip().lower().startswith("digest"):
            self._chosen = self._digest
            flow = self._digest.auth_flow(request)
            next(flow)  # the unauthenticated request: already sent and answered by ``response``
            try:
                retry = flow.send(response)
                while True:
                    retry = flow.send((yield retry))
            except StopIteration:
                return
        self._chosen = self._basic
        yield from self._basic.auth_flow(request)


def auth_for(scheme: str | None, user: str | None, password: str | None, token: str | None) -> httpx.Auth | None:
    """The auth for ``--auth SCHEME`` with ``--user``/``--password`` or ``--token``; None for no auth.

    Raises UsageError naming the option when the combination cannot work (a token with digest, a user
    without a password, both a user and a token…).
    """
    scheme = scheme.lower() if scheme else None
    if scheme is not None and scheme not in AUTH_SCHEMES:
        raise UsageError("unknown authentication", about=option("auth"), value=scheme, allowed=AUTH_SCHEMES)
    if token is not None and (user is not None or password is not None):
        raise UsageError("give either --user and --password or --token, not both", about=option("token"))
    if (user is None) != (password is None):
        missing, given = ("password", "user") if password is None else ("user", "password")
        raise UsageError(f"--{given} needs --{missing} too", about=option(missing))
    if token is not None:
        if scheme not in (None, "bearer"):
            raise UsageError(
                f"--auth {scheme} sends a user and password: give --user and --password, or --auth bearer with --token",
                about=option("token"),
            )
        return BearerAuth(token)
    if user is not None and password is not None:
        if scheme == "bearer":
            raise UsageError(
                "--auth bearer sends a token: give --token instead of --user and --password", about=option("auth")
            )
        if scheme == "basic":
            return httpx.BasicAuth(user, password)
        if scheme == "digest":
            return httpx.DigestAuth(user, password)
        return ChallengedAuth(user, password)
    if scheme is not None:
        needs = "--token" if scheme == "bearer" else "--user and --password"
        raise UsageError(f"--auth {scheme} needs {needs}", about=option("auth"))
    return None


def _user_agent() -> str:
    try:
        return f"diplomatic-kg/{version('diplomatic-kg')}"
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "diplomatic-kg"


def client(
    auth: httpx.Auth | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """An HTTP client for a remote store: ``auth`` (from :func:`auth_for`), ``timeout`` seconds for connecting
    and for each read and write, our User-Agent plus ``headers``. Use it as a context manager."""
    return httpx.Client(
        auth=auth,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": _user_agent(), **(headers or {})},
        follow_redirects=True,
    )


_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


def _why(exc: httpx.TransportError, timeout: float | None) -> str:
    """A transport error in words: 'connection refused', 'no answer within 60 s'…"""
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {timeout:g} s" if timeout else "timed out"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server closed the connection before answering"
    text = _ERRNO.sub("", str(exc).strip()) or type(exc).__name__
    return text[:1].lower() + text[1:]


def request(
    http: httpx.Client,
    method: str,
    url: str,
    *,
    allow: Collection[int] = (),
    **kwargs: Any,
) -> httpx.Response:
    """Send one request with ``http`` (keyword arguments as :meth:`httpx.Client.request`) and return the
    response when its status is 2xx or in ``allow``; raise ServerError or Unreachable otherwise."""
    try:
        response = http.request(method, url, **kwargs)
    except httpx.UnsupportedProtocol as exc:
        raise UsageError("give an http:// or https:// URL", about=option("endpoint"), value=url) from exc
    except httpx.TransportError as exc:
        timeout = http.timeout.read if isinstance(exc, httpx.TimeoutException) else None
        raise Unreachable(shown_url(url), _why(exc, timeout)) from exc
    except httpx.InvalidURL as exc:
        raise UsageError(f"not a URL: {exc}", about=option("endpoint"), value=url) from exc
    if not (200 <= response.status_code < 300 or response.status_code in allow):
        raise ServerError(
            response.status_code, response.reason_phrase, response.text, response.headers.get("content-type", "")
        )
    return response
