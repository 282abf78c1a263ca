"""Where a command writes: never over one of its inputs, always atomically.

`aicheck report a.yaml -o a.yaml` would replace the answers file with the report.  Every
command that writes a file checks its output paths against its inputs first, before it
writes anything, by what the paths lead to on disk (so ``x/../a.yaml``, a symbolic link
to the input and a hard link to it are all caught), then writes through
:func:`output_file`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from aicheck.errors import AicheckError
from aicheck.files.atomic import atomic_output
from aicheck.files.paths import display_path

STDOUT = "-"


def refuse_inputs(
    outputs: Iterable[tuple[str, Path | None]], inputs: Iterable[Path], *, stdout: bool
) -> None:
    """Raise (exit 2) when an output would overwrite an input, or another output.

    ``outputs`` pairs each path with the option that named it (``--output``); None and
    ``-`` are skipped.  ``stdout``: the command writes its result to standard output,
    which must not be redirected into an input either (``aicheck check a.yaml >> a.yaml``).
    """
    by_identity: dict[tuple[int, int], Path] = {}
    by_name: dict[str, Path] = {}
    for given in inputs:
        identity = _identity(given)
        if identity is not None:
            by_identity.setdefault(identity, given)
        by_name.setdefault(_real(given), given)
    written: dict[tuple[int, int] | str, str] = {}
    for option, path in outputs:
        if path is None or str(path) == STDOUT:
            continue
        identity = _identity(path)
        name = _real(path)
        clash: Path | None = by_identity.get(identity) if identity is not None else None
        if clash is None:
            clash = by_name.get(name)
        if clash is not None:
            raise AicheckError(
                f"{option} {display_path(path)} is the input file {display_path(clash)}; "
                "nothing was written",
                hint="write the output to another file",
            )
        key = identity if identity is not None else name
        if key in written:
            raise AicheckError(
                f"{option} and {written[key]} name the same file {display_path(path)}",
                hint="give each its own file",
            )
        written[key] = option
    redirected = _stdout_identity() if stdout else None
    if redirected is not None and redirected in by_identity:
        raise AicheckError(
            f"standard output is the input file {display_path(by_identity[redirected])}; "
            "nothing was written",
            hint="redirect the output to another file",
        )


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[TextIO]:
    """A file named by --output: missing folders are created, and the content replaces
    the file only once it is complete (see :func:`aicheck.files.atomic.atomic_output`)."""
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            message = f"cannot create folder: {exc.strerror or exc}"
            raise AicheckError(message, path=folder) from None
    with atomic_output(path) as handle:
        yield handle


def writes_stdout(output: Path | None) -> bool:
    return output is None or str(output) == STDOUT


def _identity(path: Path) -> tuple[int, int] | None:
    """The file a path leads to (device, inode), following links; None when none yet."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):  # an embedded NUL byte: no file can have that name
        return str(path)


def _stdout_identity() -> tuple[int, int] | None:
    """Standard output's file, when it is a regular file (a redirection, not a terminal)."""
    try:
        info = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # closed, or not a real file (tests)
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_dev, info.st_ino
