"""The exceptions of diplomatic-kg. Domain modules raise these; the CLI turns them into ``Error: …``."""

from __future__ import annotations

from dataclasses import dataclass


class KgError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class LoadError(KgError):
    """A file could not be read or parsed (YAML syntax, malformed Turtle, missing directory)."""

    exit_code = 2


class UsageError(KgError):
    """The user asked for something that does not exist or cannot be done (unknown query, bad parameter)."""

    exit_code = 1


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
    """The data loaded but breaks its promises (schema, references, shapes)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} found in the data")
