"""One place that turns exceptions into a one-line message and an exit code."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from aicheck.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, AicheckError

P = ParamSpec("P")
R = TypeVar("R")


def debug_enabled() -> bool:
    return os.environ.get("AICHECK_DEBUG", "") not in ("", "0")


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Expected errors: one line per problem, exit 2.  Anything else: one line, exit 3."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except AicheckError as exc:
            for line in str(exc).splitlines():
                print(f"aicheck: error: {line}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            print("aicheck: interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if debug_enabled():
                traceback.print_exc()
            print(
                f"aicheck: internal error: {type(exc).__name__}: {exc}"
                " (run with --debug for the traceback; please report it)",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper
