"""Report data goes to stdout or --output; chatter goes to stderr."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from aicheck.errors import EXIT_GATE_FAILED, EXIT_OK, AicheckError

if TYPE_CHECKING:
    from aicheck.service import Outcome


def emit(text: str, output: Path | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if output is None or str(output) == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: a quiet exit (cli.exit_code_for)
        except OSError as exc:  # `check > /dev/full`: a full disk is the environment's fault
            from aicheck.cli import silence_stdout

            silence_stdout()
            raise AicheckError(
                f"cannot write to standard output: {exc.strerror or exc}",
                hint="free some space, or write to a file with --output",
            ) from None
    else:
        from aicheck.files.outputs import output_file

        with output_file(output) as handle:
            handle.write(text)
        print(f"aicheck: wrote {output}", file=sys.stderr)


def use_color(output: Path | None = None) -> bool:
    """Colour only on a terminal, never into a file, and never when NO_COLOR is set."""
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def note(message: str) -> None:
    print(message, file=sys.stderr)


def finish(outcome: Outcome, output: Path | None = None) -> int:
    """Write what a command produced; its exit code: 1 when its gate failed, else 0."""
    emit(outcome.text, output)
    return EXIT_GATE_FAILED if outcome.gate is not None and outcome.gate.failed else EXIT_OK
