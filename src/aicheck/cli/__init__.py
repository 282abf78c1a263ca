"""The command line: thin wrappers that parse options, call the core, pick an exit code."""

from __future__ import annotations

import sys


def main() -> None:
    # Fast path: `aicheck --version` must not pay for importing typer and the rest.
    if sys.argv[1:] == ["--version"]:
        from aicheck import __version__

        print(f"aicheck {__version__}")
        return
    from aicheck.cli.app import app

    app(prog_name="aicheck")
