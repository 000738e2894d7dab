"""Every command's module is imported only when that command runs: ``kg --version`` and ``kg query`` do not
pay for the analytics stack, the checks or the pages (kg.cli.main.LAZY_COMMANDS)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.build import DEFAULT_OUTPUT
from kg.cli import cli
from kg.cli.main import LAZY_COMMANDS

HEAVY = ("networkx", "igraph", "matplotlib", "pyshacl", "kg.analytics", "kg.validate", "kg.visualize")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("code", ["import kg.cli", "import kg.cli.query"])
def test_the_heavy_modules_wait_for_their_commands(code: str) -> None:
    loaded = _imported_after(code)
    assert "kg.cli.main" in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}


def test_analyze_brings_its_own() -> None:
    loaded = _imported_after("from kg.cli import cli\ncli.get_command(None, 'analyze')")
    assert {"kg.cli.analyze", "kg.cli.analyze_timeline", "networkx"} <= loaded


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == {*LAZY_COMMANDS, "build", "validate"}
    timeline = CliRunner().invoke(cli, ["analyze", "--help"])
    assert "timeline" in timeline.output


def test_the_build_default_output_is_the_library_s() -> None:
    build = cli.get_command(None, "build")  # type: ignore[arg-type]
    assert build is not None
    (output,) = [p for p in build.params if p.name == "output"]
    assert output.default == DEFAULT_OUTPUT
