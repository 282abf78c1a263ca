"""Report data goes to stdout or --output; chatter goes to stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from aicheck.fsutil import write_atomic


def emit(text: str, output: Path | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
        print(f"aicheck: wrote {output}", file=sys.stderr)


def note(message: str) -> None:
    print(message, file=sys.stderr)
