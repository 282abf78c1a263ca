"""Report data goes to stdout or --output; chatter goes to stderr."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO, cast

from aicheck.errors import EXIT_GATE_FAILED, EXIT_OK, AicheckError

if TYPE_CHECKING:
    from aicheck.service import Outcome


def emit(text: str, output: Path | None) -> None:
    with destination(output) as out:
        out.write(text if text.endswith("\n") else text + "\n")


SPOOL_IN_MEMORY = 1 << 20
"""Bytes of a report for stdout kept in memory before its spool moves to a temporary file."""


@contextlib.contextmanager
def destination(output: Path | None) -> Iterator[TextIO]:
    """Where a command writes its report as it goes: stdout or the --output file.

    Either receives the report only when the command completes: a file is written
    beside the target and renamed over it (files.outputs.output_file); stdout gets a
    spool (memory, then a temporary file) copied out at the end.  A run that stops on a
    broken input file or Ctrl-C thus prints nothing half-done, and memory stays flat
    for large reports.
    """
    if output is None or str(output) == "-":
        with tempfile.SpooledTemporaryFile(
            max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", newline=""
        ) as spool:
            yield cast(TextIO, spool)
            spool.seek(0)
            _copy_to_stdout(spool)
        return
    from aicheck.files.outputs import output_file

    with output_file(output) as handle:
        yield handle
    print(f"aicheck: wrote {output}", file=sys.stderr)


def _copy_to_stdout(spool: IO[str]) -> None:
    try:
        shutil.copyfileobj(spool, sys.stdout)
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


def use_color(output: Path | None = None) -> bool:
    """Colour only on a terminal, never into a file, and never when NO_COLOR is set."""
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def note(message: str) -> None:
    print(message, file=sys.stderr)


def finish(outcome: Outcome, output: Path | None = None) -> int:
    """Write what a command produced; its exit code: 1 when its gate failed, else 0."""
    emit(outcome.text, output)
    return EXIT_GATE_FAILED if outcome.gate is not None and outcome.gate.failed else EXIT_OK
