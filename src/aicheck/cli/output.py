"""Report data goes to stdout or --output; chatter goes to stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from aicheck.errors import AicheckError
from aicheck.fsutil import write_atomic


def emit(text: str, output: Path | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        if not output.parent.exists():
            try:
                output.parent.mkdir(parents=True)
            except OSError as exc:
                raise AicheckError(
                    f"cannot create folder: {exc.strerror or exc}", path=output.parent
                ) from None
        write_atomic(output, text)
        print(f"aicheck: wrote {output}", file=sys.stderr)


def note(message: str) -> None:
    print(message, file=sys.stderr)
