"""diplomatic-kg: a cited knowledge graph of diplomatic relations, and the toolkit to build, check,
query and draw it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplomatic-kg")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
