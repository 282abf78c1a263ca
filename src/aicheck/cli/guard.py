"""One place that turns exceptions into a one-line message and an exit code."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from aicheck.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, AicheckError, printable

# An internal error's message may quote a whole input; keep the one line readable.
MAX_INTERNAL_MESSAGE = 300
# 128 + SIGPIPE, what a shell reports for a writer killed by a closed pipe.
EXIT_BROKEN_PIPE = 141

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
            # dict.fromkeys: a problem met in every file read (a bad setting) prints once.
            for line in dict.fromkeys(str(exc).splitlines()):
                print(f"aicheck: error: {line}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            print("aicheck: interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`aicheck ... | head`): stop quietly, like other tools.
            _silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except Exception as exc:
            if debug_enabled():
                traceback.print_exc()
            detail = printable(str(exc))
            if len(detail) > MAX_INTERNAL_MESSAGE:
                detail = detail[: MAX_INTERNAL_MESSAGE - 3] + "..."
            print(
                f"aicheck: internal error: {type(exc).__name__}: {detail}"
                " (run with --debug for the traceback; please report it)",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests, CliRunner)
        pass
