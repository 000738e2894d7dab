#!/usr/bin/env python3
"""Vendor the YASGUI SPARQL editor into ``kg/serve/assets/yasgui/`` from the npm registry.

Run by hand to update YASGUI (never at build or run time: ``kg serve`` serves the committed files)::

    python scripts/vendor_yasgui.py                  # the version in VERSION below
    python scripts/vendor_yasgui.py --version 4.6.3  # another version (then update VERSION)

What it writes, all from packages of the npm registry, fetched with ``npm`` into a temporary folder:

* ``yasgui.min.js`` and ``yasgui.min.css``: the built bundle of ``@zazuko/yasgui`` (its ``build/``
  folder), byte for byte as in the package, so the sha256 in the README can be checked against it;
* ``LICENSE.txt``: YASGUI's MIT licence. ``@zazuko/yasgui`` (the maintained continuation of Triply's
  YASGUI) declares ``"license": "MIT"`` but ships no licence file, so the text is taken from the
  ``LICENSE.txt`` in the npm package of the project it continues, ``@triply/yasgui`` (``LICENSE_FROM``);
* ``THIRD-PARTY-LICENSES.txt``: name, version, declared licence and licence file of every package that
  ``npm install @zazuko/yasgui`` brings (the bundle includes its dependencies: CodeMirror, jQuery,
  DataTables, DOMPurify, …);
* ``README.md``: package, version, licence and the sha256 of each file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@zazuko/yasgui"
VERSION = "4.6.2"
LICENSE_FROM = "@triply/yasgui@4.2.28"
BUNDLE = ("yasgui.min.js", "yasgui.min.css")
TARGET = Path(__file__).resolve().parent.parent / "kg" / "serve" / "assets" / "yasgui"
LICENCE_NAMES = ("license", "licence", "copying", "notice")


def npm(*args: str, cwd: Path) -> str:
    npm_bin = shutil.which("npm")
    if npm_bin is None:
        sys.exit("npm is not installed (apt-get install npm)")
    return subprocess.run([npm_bin, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def unpack(spec: str, work: Path) -> Path:
    """``npm pack`` the package into ``work`` and extract it; the folder holding its files."""
    name = npm("pack", "--silent", spec, cwd=work).strip().splitlines()[-1]
    folder = work / name.removesuffix(".tgz")
    with tarfile.open(work / name) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def licence_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower().startswith(LICENCE_NAMES))


def third_party(work: Path, spec: str) -> str:
    """The licences of every package installed with ``spec`` (production dependencies only)."""
    (work / "package.json").write_text('{"name": "vendor-yasgui", "private": true}\n', encoding="utf-8")
    npm("install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", spec, cwd=work)
    modules = work / "node_modules"
    manifests = sorted(modules.glob("*/package.json")) + sorted(modules.glob("@*/*/package.json"))
    parts = [
        "Licences of the packages bundled in yasgui.min.js and yasgui.min.css: every package that\n"
        f"`npm install {spec}` installs (production dependencies), as each package states it. The\n"
        "versions are those npm resolved when the files were vendored; the bundle was built by its\n"
        "publisher and may hold other versions within the same ranges.\n"
    ]
    for manifest in sorted(manifests, key=lambda p: p.parent.relative_to(modules).as_posix()):
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        declared = meta.get("license") or meta.get("licenses") or "not stated"
        head = f"{meta['name']} {meta['version']} — licence: {declared}"
        texts = [p.read_text(encoding="utf-8", errors="replace").strip() for p in licence_files(manifest.parent)]
        body = "\n\n".join(texts) if texts else "(the package ships no licence file; see its declared licence)"
        parts.append(f"{'=' * 100}\n{head}\n{'=' * 100}\n\n{body}\n")
    return "\n".join(parts)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def readme(version: str, files: list[Path]) -> str:
    rows = "\n".join(f"| `{p.name}` | {p.stat().st_size:,} | `{sha256(p)}` |" for p in files)
    return f"""# YASGUI, vendored

The SPARQL editor of the `kg serve` page (`/`), served by `kg serve` itself from this folder.

- Package: [`{PACKAGE}`](https://www.npmjs.com/package/{PACKAGE}) version {version} (npm registry),
  the maintained continuation of Triply's YASGUI.
- Licence: MIT (`LICENSE.txt`; the npm package declares MIT and ships no licence file, so the text is
  the one in the npm package `{LICENSE_FROM}`, the project it continues). The bundle includes its
  dependencies; their licences are in `THIRD-PARTY-LICENSES.txt`.
- `yasgui.min.js` and `yasgui.min.css` are the package's `build/` files, unchanged.
- Updated by hand with `python scripts/vendor_yasgui.py` (see its docstring); never fetched at build or
  run time. `kg/serve/assets/page.js` configures YASGUI to send no request off the machine.

| file | bytes | sha256 |
|---|---:|---|
{rows}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", default=VERSION, help=f"version of {PACKAGE} (default {VERSION})")
    parser.add_argument("--target", type=Path, default=TARGET, help="folder to write (default %(default)s)")
    args = parser.parse_args()
    spec = f"{PACKAGE}@{args.version}"
    args.target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = unpack(spec, work)
        for name in BUNDLE:
            shutil.copyfile(package / "build" / name, args.target / name)
        licences = licence_files(unpack(LICENSE_FROM, work))
        if not licences:
            sys.exit(f"{LICENSE_FROM} ships no licence file any more: find YASGUI's licence text elsewhere")
        shutil.copyfile(licences[0], args.target / "LICENSE.txt")
        install = work / "install"
        install.mkdir()
        (args.target / "THIRD-PARTY-LICENSES.txt").write_text(third_party(install, spec), encoding="utf-8")
    files = [args.target / n for n in (*BUNDLE, "LICENSE.txt", "THIRD-PARTY-LICENSES.txt")]
    (args.target / "README.md").write_text(readme(args.version, files), encoding="utf-8")
    for p in files:
        print(f"{p.relative_to(args.target.parent.parent.parent.parent)}  {p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
