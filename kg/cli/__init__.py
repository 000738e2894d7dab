"""The ``kg`` command: a thin click layer over the library functions in ``kg``.

Each command module registers itself on the group defined in :mod:`kg.cli.main`.
"""

from kg.cli import analyze as _analyze  # noqa: F401
from kg.cli import analyze_timeline as _analyze_timeline  # noqa: F401
from kg.cli import export as _export  # noqa: F401
from kg.cli import import_ as _import  # noqa: F401
from kg.cli import push as _push  # noqa: F401
from kg.cli import query as _query  # noqa: F401
from kg.cli import serve as _serve  # noqa: F401
from kg.cli import show as _show  # noqa: F401
from kg.cli import viz as _viz  # noqa: F401
from kg.cli.main import cli

__all__ = ["cli"]
