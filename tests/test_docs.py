"""The docs cannot drift: every command has help with an example and a README section; CI runs the
README's test command."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Every command, the lazily registered ones included (cli.commands holds only those imported so far).
_CTX = click.Context(cli)
COMMANDS = sorted(cli.list_commands(_CTX))
COMMAND = {name: cli.get_command(_CTX, name) for name in COMMANDS}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"kg {name} --help shows no example"
    assert f"kg {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_the_readme(name):
    assert f"### `kg {name}`" in README
    assert re.search(rf"^kg {name}\b", README, re.MULTILINE), f"README shows no example of kg {name}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_readme(name):
    section = README.split(f"### `kg {name}`", 1)[1].split("\n### ", 1)[0]
    command = COMMAND[name]
    assert command is not None
    for param in command.params:
        opts = [o for o in param.opts if o.startswith("-")]
        if not opts or "--data" in opts:  # arguments are in the usage line; --data is documented once
            continue
        assert any(re.search(rf"{re.escape(o)}\b", section) for o in opts), (
            f"README section of kg {name} does not mention {'/'.join(opts)}"
        )


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    quickstart = [b.strip() for b in blocks if "pytest" in b]
    assert quickstart, "README has no test command"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == quickstart[0]


def test_quickstart_first_command_builds():
    first = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)[0].strip()
    assert first.startswith("python3 -m venv .venv") and first.endswith("kg build")
