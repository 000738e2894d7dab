"""The ``kg`` command: a thin click layer over the library functions in ``kg``."""

from kg.cli.main import cli

__all__ = ["cli"]
