"""The exceptions of diplomatic-kg. Domain modules raise these; front ends (the CLI, an HTTP endpoint) render them.

A :class:`UsageError` carries what went wrong and what would fix it as data — the input it concerns,
the values allowed, the known values closest to the one given — so that the CLI can name its flags
(``--from``, ``--param a``) and an endpoint its request parameters, from the same error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

MAX_LISTED_CHOICES = 30


class KgError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class LoadError(KgError):
    """A file could not be read, parsed or written (YAML syntax, malformed Turtle, missing directory)."""

    exit_code = 2


class OutputError(LoadError):
    """An output file could not be written where it was asked for."""


@dataclass(frozen=True)
class Input:
    """The input an error concerns: an ``option`` of a library call (``date_from``, ``view``, ``ego``…),
    a stored query's ``parameter`` (``a``), or the ``query`` text itself."""

    kind: str  # "option" | "parameter" | "query"
    name: str


def option(name: str) -> Input:
    return Input("option", name)


def parameter(name: str) -> Input:
    return Input("parameter", name)


class UsageError(KgError):
    """The user asked for something that does not exist or cannot be done (unknown query, bad parameter).

    ``message`` is in domain words; ``about`` the input it concerns, ``value`` what was given, ``allowed``
    the values it accepts, ``closest`` the known values nearest the one given.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        about: Input | None = None,
        value: str | None = None,
        allowed: Sequence[str] = (),
        closest: Sequence[str] = (),
    ) -> None:
        self.message = message
        self.about = about
        self.value = value
        self.allowed = tuple(allowed)
        self.closest = tuple(closest)
        super().__init__(self.render())

    def suggestion(self) -> str:
        """'; did you mean a, b?' for the closest values, else the allowed ones when they are few."""
        if self.closest:
            return f"; did you mean {', '.join(self.closest)}?"
        if self.allowed and len(self.allowed) <= MAX_LISTED_CHOICES:
            return f"; use one of: {', '.join(self.allowed)}"
        return ""

    def render(self, name: Callable[[Input], str] | None = None) -> str:
        """The message prefixed with the input's name as the front end spells it (default: the plain name)."""
        where = ""
        if self.about is not None:
            where = (name or _plain_name)(self.about)
            # Name the value too when the message does not (``-o page.txt: the page is HTML…``).
            if self.value and self.about.kind == "option" and self.value not in self.message:
                where = f"{where} {self.value}".strip()
        head = f"{where}: " if where else ""
        return f"{head}{self.message}{self.suggestion()}"

    def to_dict(self) -> dict[str, object]:
        """The error as data, e.g. for a JSON response."""
        return {
            "message": self.message,
            "input": None if self.about is None else {"kind": self.about.kind, "name": self.about.name},
            "value": self.value,
            "allowed": list(self.allowed),
            "closest": list(self.closest),
        }


def _plain_name(about: Input) -> str:
    return about.name if about.kind != "parameter" else f"parameter {about.name}"


@dataclass(frozen=True, order=True)
class Problem:
    """One violation, located in the data: file, line, record id and a message saying what to do."""

    file: str
    line: int
    record: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.record}: {self.message}" if self.record else f"{where}: {self.message}"


class DataInvalid(KgError):
    """The data loaded but breaks its promises (schema, references, shapes, checks)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} found in the data")


def article(noun: str) -> str:
    """'an event', 'a person': the noun with its indefinite article."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
