"""The one error type the command line turns into a one-line message and an exit code."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def printable(text: str) -> str:
    """One line with no control characters: newlines and tabs become spaces, and any
    other control or line-separator character (ANSI ESC, NUL, U+2028) is shown as an
    escape, so a message always prints as one literal line on the terminal."""
    out = []
    for char in text:
        if char in "\r\n\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(repr(char)[1:-1])
        else:
            out.append(char)
    return "".join(out)


class AicheckError(Exception):
    """An expected failure caused by the input; printed as one line, exit code 2."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        if self.path is None:
            return ""
        parts = [printable(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = printable(self.message)
        where = self.location()
        if where:
            text = f"{where}: {text}"
        if self.hint:
            text = f"{text} ({printable(self.hint)})"
        return text


class CatalogError(AicheckError):
    """A framework catalog or crosswalk is not valid."""


class AnswersError(AicheckError):
    """An answers file is not valid."""


class ProblemList(AicheckError):
    """Several independent problems found in one pass; each is printed on its own line.

    Each file's problems are in line order (those without a line last), so they read
    top to bottom as the file does; files keep the order they were first reported in.
    """

    def __init__(self, problems: Sequence[AicheckError]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = in_line_order(problems)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def in_line_order(problems: Sequence[AicheckError]) -> list[AicheckError]:
    """Group by file (first-seen order) and sort each file's problems by line, stably.

    Validation reports problems in the order of the model's fields and of the checks,
    not of the file, e.g. lines 8, 10, 9.
    """
    by_file: dict[str | None, list[AicheckError]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    return [
        problem
        for group in by_file.values()
        for problem in sorted(group, key=lambda p: (p.line is None, p.line or 0))
    ]
