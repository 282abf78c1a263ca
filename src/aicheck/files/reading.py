"""Every input aicheck reads comes through here: regular files only, and never too much.

A named pipe, a device or a socket given where a file belongs (`check fifo`, `--baseline
/dev/zero`, a `.aicheck.toml` that is a pipe) would block forever or fill memory; CI has
no Ctrl-C.  So a file is opened without blocking and without becoming a controlling
terminal, checked on the open descriptor (nothing can swap it between the check and the
read), and refused unless it is a regular file; then at most ``limit + 1`` bytes are read.
Standard input, read one reply line at a time by `assess`, is bounded per line.

The limits live here, one per kind of input: files (``AICHECK_MAX_FILE_BYTES``) and
reply lines (:data:`MAX_REPLY_CHARS`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from aicheck.errors import AicheckError

MAX_FILE_BYTES_VARIABLE = "AICHECK_MAX_FILE_BYTES"
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
LARGEST_MAX_FILE_BYTES = 1 << 40
"""Far above any answers file; a larger setting is a typo (and would overflow a read)."""

MAX_REPLY_CHARS = 4_000
"""One reply typed or piped into `assess`: room for a long note, and small enough that a
file with such an answer everywhere stays far below the file limit (tests check it)."""
MAX_REPLY_LINE_BYTES = MAX_REPLY_CHARS * 4 + 2
"""The longest reply in UTF-8 (4 bytes a character at most) and its line end."""

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def max_file_bytes() -> int:
    """The most bytes read from one file: AICHECK_MAX_FILE_BYTES, else 5 MB."""
    raw = os.environ.get(MAX_FILE_BYTES_VARIABLE)
    if raw is None or not raw.strip():
        return DEFAULT_MAX_FILE_BYTES
    try:
        value = int(raw.strip()) if len(raw) <= 40 else None
    except ValueError:
        value = None
    if value is None or not 1 <= value <= LARGEST_MAX_FILE_BYTES:
        raise AicheckError(
            f"{MAX_FILE_BYTES_VARIABLE} must be a whole number of bytes from 1 to "
            f"{LARGEST_MAX_FILE_BYTES}, not {raw[:60]!r}",
            hint=f"unset it for the default of {DEFAULT_MAX_FILE_BYTES}",
        )
    return value


def read_bytes(path: Path, *, limit: int | None = None, kind: str = "") -> bytes:
    """The whole file, when it is a regular file of at most ``limit`` bytes (default:
    :func:`max_file_bytes`); otherwise one clear error naming the file.  ``kind``
    ("YAML", "JSON") names what was expected in the messages."""
    limit = max_file_bytes() if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        raise AicheckError("file not found", path=path, hint="check the path") from None
    except PermissionError:
        raise AicheckError("permission denied", path=path, hint="make the file readable") from None
    except OSError as exc:  # a socket cannot be opened at all (ENXIO)
        special = _kind_of(path)
        raise (_not_regular(path, special) if special else _cannot_read(path, exc, kind)) from None
    except ValueError as exc:  # an embedded NUL byte in the path
        raise AicheckError(f"invalid path: {exc}", path=repr(str(path))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _directory(path, kind)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, _describe(info.st_mode))
        if info.st_size > limit:
            raise too_big(path, limit, info.st_size)
        chunks: list[bytes] = []
        wanted = limit + 1  # one byte more than allowed tells "too big" from "just fits"
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as exc:
        raise _cannot_read(path, exc, kind) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew after fstat, or its size is not what it holds
        raise too_big(path, limit, None)
    return data


def read_text(path: Path, *, limit: int | None = None, kind: str = "") -> str:
    """A bounded file as UTF-8 text (a UTF-8 byte order mark is dropped); any other
    encoding, a binary file or an invalid byte is one error naming the line."""
    raw = read_bytes(path, limit=limit, kind=kind)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise AicheckError(
                f"file is {name} encoded, expected UTF-8", path=path, hint="save it as UTF-8"
            )
    if b"\x00" in raw:
        raise AicheckError(
            f"binary file, expected UTF-8 {kind + ' ' if kind else ''}text",
            path=path,
            line=raw[: raw.index(b"\x00")].count(b"\n") + 1,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        raise AicheckError(
            f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x})",
            path=path,
            line=before.count(b"\n") + 1,
            column=exc.start - (before.rfind(b"\n") + 1) + 1,
            hint="save the file as UTF-8",
        ) from None


def reply_lines(stream: BinaryIO, name: str = "stdin") -> Iterator[str]:
    """Lines of a byte stream (piped replies), each at most :data:`MAX_REPLY_LINE_BYTES`
    and valid UTF-8; ``/dev/zero`` or a line of a gigabyte stops with an error at once."""
    number = 0
    while True:
        line = stream.readline(MAX_REPLY_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_REPLY_LINE_BYTES:
            raise AicheckError(
                f"{name} line {number}: longer than {MAX_REPLY_CHARS} characters, the "
                "most one reply may hold; nothing of it was saved"
            )
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AicheckError(
                f"{name} line {number}, column {exc.start + 1}: not valid UTF-8 text "
                f"(byte 0x{line[exc.start]:02x}); nothing of it was saved",
                hint="send replies as UTF-8",
            ) from None


def too_big(path: Path | str, limit: int, size: int | None) -> AicheckError:
    what = "file is larger than" if size is None else f"file is {size} bytes, over"
    return AicheckError(
        f"{what} the {limit}-byte limit",
        path=path,
        hint=f"raise {MAX_FILE_BYTES_VARIABLE} if this is intended",
    )


def _kind_of(path: Path) -> str | None:
    """What a path that could not be opened is, when it is not a regular file."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _describe(mode)


def _describe(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _not_regular(path: Path, kind: str) -> AicheckError:
    return AicheckError(
        f"is {kind}, not a regular file; aicheck reads only regular files",
        path=path,
        hint="save the content to a file and pass that",
    )


def _directory(path: Path, kind: str) -> AicheckError:
    return AicheckError(f"is a directory, expected a {kind + ' ' if kind else ''}file", path=path)


def _cannot_read(path: Path, exc: OSError, kind: str) -> AicheckError:
    if isinstance(exc, IsADirectoryError):
        return _directory(path, kind)
    return AicheckError(f"cannot read file: {exc.strerror or exc}", path=path)
