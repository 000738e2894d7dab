"""``--store PATH``: a persistent on-disk Oxigraph store, its fingerprint, and rebuilding it when stale.

A store folder holds ``kg-store.json`` (what it was built from: the data folder's files and their content
hashes, the extra RDF files, the ontology, shapes, schema and reference assets, the kg version) and
``oxigraph/`` (the database). It is rebuilt in a sibling folder and swapped in, so a failed build leaves the
old store as it was, and readers never see a half-filled one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import __version__
from kg.errors import LoadError, OutputError, UsageError
from kg.files import display_path
from kg.resources import countries_file, data_schema_file, ontology_files, shapes_file
from kg.store import Store

MARKER = "kg-store.json"
DATABASE = "oxigraph"
_KIND = "diplomatic-kg store 1"

Fingerprint = dict[str, Any]


@dataclass(frozen=True)
class OnDisk:
    """What ``--store PATH`` asked for: the store folder, and the data it must hold."""

    path: Path
    data_dir: Path
    extra: tuple[Path, ...] = field(default_factory=tuple)


def _digest(path: Path, known: dict[str, Any] | None) -> dict[str, Any]:
    """Size, modification time and SHA-256 of a file; the hash is reused when size and time are unchanged
    (as git does), so that opening a fresh store does not reread a big data file."""
    st = path.stat()
    if known and known.get("size") == st.st_size and known.get("mtime_ns") == st.st_mtime_ns:
        return dict(known)
    with path.open("rb") as f:
        sha = hashlib.file_digest(f, "sha256").hexdigest()
    return {"sha256": sha, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _data_files(data_dir: Path) -> list[Path]:
    if not data_dir.is_dir():
        return []
    return sorted(
        p
        for p in data_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data_dir).parts)
    )


def fingerprint(target: OnDisk, old: Fingerprint | None = None) -> Fingerprint:
    """What a store of ``target`` is built from; ``old`` (the recorded one) spares rehashing unchanged files."""
    old = old or {}
    old_data, old_extra, old_assets = old.get("data", {}), old.get("extra", {}), old.get("assets", {})
    data = {
        p.relative_to(target.data_dir).as_posix(): _digest(p, old_data.get(p.relative_to(target.data_dir).as_posix()))
        for p in _data_files(target.data_dir)
    }
    extra = {str(p.resolve()): _digest(p, old_extra.get(str(p.resolve()))) for p in sorted(target.extra)}
    asset_files = [*ontology_files(), shapes_file(), countries_file(), data_schema_file()]
    assets = {p.name: _digest(p, old_assets.get(p.name)) for p in asset_files}
    return {"kind": _KIND, "kg_version": __version__, "data": data, "extra": extra, "assets": assets}


def _changes(what: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    found = []
    for name in sorted(old.keys() | new.keys()):
        if name not in old:
            found.append(f"{what}{name} added")
        elif name not in new:
            found.append(f"{what}{name} removed")
        elif old[name].get("sha256") != new[name]["sha256"]:
            found.append(f"{what}{name} changed")
    return found


def differences(old: Fingerprint, new: Fingerprint) -> list[str]:
    """What changed between two fingerprints, in words (empty when the store is fresh)."""
    found = []
    if old.get("kg_version") != new["kg_version"]:
        found.append(f"kg {old.get('kg_version')} → {new['kg_version']}")
    found += _changes("", old.get("data", {}), new["data"])
    found += _changes("", old.get("extra", {}), new["extra"])
    found += _changes("asset ", old.get("assets", {}), new["assets"])
    return found


def _summary(changes: list[str]) -> str:
    shown = changes[:3]
    more = f" and {len(changes) - 3} more" if len(changes) > 3 else ""
    return ", ".join(shown) + more


def recorded(path: Path) -> Fingerprint | None:
    """The fingerprint of the store at ``path``; None when there is no store yet (missing or empty folder).
    A folder that holds something else is an error, and is never touched."""
    shown = display_path(path)
    if not path.exists():
        return None
    if not path.is_dir():
        raise UsageError(f"{shown} is a file, not a store folder: give a new folder for --store")
    marker = path / MARKER
    if not marker.is_file():
        if any(path.iterdir()):
            raise UsageError(
                f"{shown} is not a kg store (it has no {MARKER}) and is not empty: "
                "give a new or empty folder for --store, or one that kg build --store made"
            )
        return None
    try:
        found = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LoadError(f"{shown}/{MARKER}: cannot read the store's fingerprint: {exc}") from exc
    if not isinstance(found, dict) or found.get("kind") != _KIND:
        raise UsageError(f"{shown}/{MARKER} is not the fingerprint of a kg store: give another folder for --store")
    return found


Builder = Callable[[Store], object]
"""Fills a new, empty store (e.g. ``lambda s: load(data_dir, extra, s)``); raises to abandon the build."""


def rebuild(target: OnDisk, build: Builder) -> None:
    """Build the store in a sibling folder, record its fingerprint, then swap it in (the old one, if ours,
    is removed only once the new one is complete)."""
    path = target.path
    recorded(path)  # refuses a folder that is not ours before any work
    tmp = path.parent / f".{path.name}.building-{os.getpid()}"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        fp = fingerprint(target)  # before the build: data changed meanwhile makes the next open rebuild
        engine = ox.Store(str(tmp / DATABASE))
        try:
            build(Store(engine))
        except BaseException as exc:
            # The failed build's frames hold the open database: free them, so that the folder is closed
            # (RocksDB writes its log files until then) before it is removed below.
            traceback.clear_frames(exc.__traceback__)
            del engine
            raise
        engine.flush()
        engine.optimize()
        del engine  # closes the database, so that read-only openers see a finished store
        (tmp / MARKER).write_text(json.dumps(fp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        _swap(tmp, path)
    except OSError as exc:
        raise OutputError(f"{display_path(path)}: cannot write the store: {exc}") from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _swap(new: Path, path: Path) -> None:
    if not path.exists():
        new.replace(path)
        return
    old = path.parent / f".{path.name}.old-{os.getpid()}"
    path.replace(old)  # an empty folder or one of ours: recorded() checked
    new.replace(path)
    shutil.rmtree(old, ignore_errors=True)


def open_fresh(target: OnDisk, build: Builder) -> Store:
    """The store of ``target``, opened read-only; built first when missing or empty, and rebuilt (saying so
    on stderr) when built from other data than ``target`` names now."""
    old = recorded(target.path)
    shown = display_path(target.path)
    if old is None:
        print(f"store {shown} is empty: building it", file=sys.stderr)
        rebuild(target, build)
    else:
        changes = differences(old, fingerprint(target, old))
        if changes:
            print(f"store {shown} was built from older data ({_summary(changes)}): rebuilding", file=sys.stderr)
            rebuild(target, build)
    return Store.open_read_only(target.path / DATABASE)
