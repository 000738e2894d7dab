"""The ``kg`` command: a thin click layer over the library functions in ``kg``.

Each command module registers itself on the group defined in :mod:`kg.cli.main`, which imports it when
that command is first asked for (``kg.cli.main.LAZY_COMMANDS``).
"""

from kg.cli.main import cli

__all__ = ["cli"]
