"""Where the ontology, shapes and stored queries live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _asset_dir(name: str) -> Path:
    # A wheel carries the top-level folders inside the package (pyproject force-include);
    # a checkout or editable install reads them where they are.
    packaged = _PACKAGE / "_assets" / name
    return packaged if packaged.is_dir() else _CHECKOUT / name


def ontology_dir() -> Path:
    return _asset_dir("ontology")


def ontology_files() -> list[Path]:
    """The ontology and its vocabularies (not the shapes), in a stable order."""
    d = ontology_dir()
    return [d / "diplomatic-kg.ttl", d / "vocabularies.ttl"]


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    return _asset_dir("queries")


def countries_file() -> Path:
    """Generated reference data: every ISO 3166-1 country (scripts/generate_countries.py)."""
    packaged = _PACKAGE / "_assets" / "reference"
    folder = packaged if packaged.is_dir() else _CHECKOUT / "data" / "reference"
    return folder / "countries.ttl"


def data_schema_file() -> Path:
    packaged = _PACKAGE / "_assets" / "schema"
    folder = packaged if packaged.is_dir() else _CHECKOUT / "data" / "schema"
    return folder / "diplomatic-kg.schema.json"
