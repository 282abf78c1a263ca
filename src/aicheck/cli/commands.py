"""The click classes behind every command: one error handler, and help that reads like help.

Typer's help names an argument's Python type (``ANSWERS <list[Path]>``, ``PATH <str>``)
and brackets it twice in the usage line (``[[ANSWERS]...]...``).  Here an argument shows
its metavar only: bare in the Arguments section, ``[NAME]`` in the usage line when it may
be left out, with ``...`` when it takes several values.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from aicheck.cli import exit_code_for, is_usage_error


class Group(TyperGroup):
    """Runs every command inside the one error handler, so that the installed command and
    the in-process test runner turn errors into the same line and exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as exc:
            if is_usage_error(exc):
                raise  # printed by click, or by the entry point (aicheck.cli)
            raise typer.Exit(exit_code_for(exc)) from None


class Command(TyperCommand):
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces += param.get_usage_pieces(ctx)
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def _argument_name(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "").upper()
    many = param.nargs != 1 and " " not in name and not name.endswith("...")
    return f"{name}..." if many else name
