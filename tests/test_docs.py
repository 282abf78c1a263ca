"""The README's usage block is the real `aicheck --help`; every command has help and an example.

Regenerate the block after changing a command: `python -m tests.test_docs`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from aicheck.cli.app import app
from tests.helpers import run_installed

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START = "<!-- usage:start -->"
END = "<!-- usage:end -->"
WIDTH = 80
REGENERATE = "regenerate it with `python -m tests.test_docs` (or tests/update_readme_usage.py)"


def help_text(args: list[str]) -> str:
    """`aicheck ARGS --help` as an 80-column terminal prints it, independent of this one."""
    # The real command in an 80-column terminal (COLUMNS=80) wraps at 78: click keeps a
    # 2-column margin.  CliRunner forces 80 instead, so the width is passed explicitly.
    runner = CliRunner(env={"COLUMNS": str(WIDTH), "TERM": "dumb", "NO_COLOR": "1"})
    result = runner.invoke(
        app,
        [*args, "--help"],
        prog_name="aicheck",
        terminal_width=WIDTH - 2,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def usage_block() -> str:
    return f"{START}\n```text\n$ aicheck --help\n{help_text([]).rstrip()}\n```\n{END}"


def readme_block(text: str) -> str | None:
    found = re.search(re.escape(START) + r".*?" + re.escape(END), text, flags=re.DOTALL)
    return None if found is None else found.group(0)


def update_readme() -> bool:
    """Rewrite the README's usage block; True when it changed."""
    text = README.read_text(encoding="utf-8")
    old = readme_block(text)
    if old is None:
        raise SystemExit(f"README.md has no {START} ... {END} block")
    new = text.replace(old, usage_block())
    if new != text:
        README.write_text(new, encoding="utf-8")
    return new != text


def test_readme_usage_block_matches_help() -> None:
    block = readme_block(README.read_text(encoding="utf-8"))
    assert block is not None, f"README.md needs a {START} ... {END} block; {REGENERATE}"
    assert block == usage_block(), f"README usage block is out of date; {REGENERATE}"


def test_usage_block_is_what_the_installed_command_prints(tmp_path: Path) -> None:
    result = run_installed(["--help"], tmp_path, COLUMNS=str(WIDTH), TERM="dumb")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip() == help_text([]).rstrip()


def _commands() -> list[list[str]]:
    """Every command path: [], ["check"], ["frameworks"], ["frameworks", "list"], ..."""
    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        # typer ships its own copy of click, so groups are recognised by their commands.
        found.append(path)
        for name, sub in (getattr(command, "commands", None) or {}).items():
            if not sub.hidden:
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()


def test_the_walk_finds_the_commands() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "init", "check", "diff", "config", "frameworks", "frameworks list"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "aicheck")
def test_every_command_has_help_and_an_example(path: list[str]) -> None:
    text = help_text(path)
    lines = text.splitlines()
    assert lines[0].startswith("Usage: aicheck"), text
    summary = next(line for line in lines[1:] if line.strip())
    assert not summary.startswith(("Options:", "Arguments:", "Commands:")), (
        f"`aicheck {' '.join(path)}` has no help text"
    )
    example = [line.strip() for line in lines if line.strip().startswith("Example:")]
    assert example, f"`aicheck {' '.join(path)} --help` has no 'Example:' line"
    assert example[0].startswith("Example: aicheck"), example[0]


# What typer prints when left alone: Python type names after an argument (<list[Path]>,
# <str>, <path>), the metavar bracketed twice ([[ANSWERS]...]...) or braced ({ID}).
INTERNAL = re.compile(r"<(?:str|int|float|bool|path|Path|list\[[^>]*\]|tuple[^>]*)>|\[\[|\{|\}")


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "aicheck")
def test_help_shows_no_internal_type_names(path: list[str]) -> None:
    text = help_text(path)
    assert not INTERNAL.findall(text), text
    assert "for now" not in text, text


def test_help_names_arguments_as_the_usage_line_does() -> None:
    assert help_text(["check"]).splitlines()[0] == "Usage: aicheck check [OPTIONS] [ANSWERS...]"
    lines = help_text(["frameworks", "validate"]).splitlines()
    assert lines[0] == "Usage: aicheck frameworks validate [OPTIONS] PATH..."
    assert any(line.startswith("  PATH...  Catalog files") for line in lines)


def test_shell_completion_stays_enabled() -> None:
    assert "--install-completion" in help_text([])
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="aicheck")
    assert result.exit_code == 0
    assert "_AICHECK_COMPLETE" in result.stdout


if __name__ == "__main__":
    changed = update_readme()
    print("README.md usage block " + ("updated" if changed else "already up to date"))
    sys.exit(0)
