"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO, cast

from aicheck.errors import AicheckError

_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK}


def write_atomic(path: Path, text: str, *, replace_read_only: bool = False) -> None:
    """Write ``text`` to ``path`` through :func:`atomic_output`."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AicheckError(f"cannot write: {exc}", path=path) from None
    with _replacing(path, binary=True, replace_read_only=replace_read_only) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_output(path: Path, *, replace_read_only: bool = False) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` when the ``with`` block ends normally.

    The text goes to a temporary file beside ``path`` (UTF-8, line ends as written), which
    is flushed, fsynced and renamed over ``path`` at the end; when the block raises, the
    temporary file is removed and ``path`` is untouched.  So a reader, a crash or a kill
    -9 sees the old file or the whole new one, plus at most a stray ``.NAME.*.tmp``.

    The original file's permission bits (and, where allowed, its owner) are kept; a new
    file gets the usual umask.  A file without write permission is not replaced unless
    ``replace_read_only``.  When ``path`` is a symbolic link the file it points to is
    replaced and the link is left alone.  A path that is not a regular file (/dev/stdout,
    /dev/null, a pipe) has nothing to replace and is written directly.
    """
    with _replacing(path, binary=False, replace_read_only=replace_read_only) as handle:
        yield cast(TextIO, handle)


@contextlib.contextmanager
def _replacing(path: Path, *, binary: bool, replace_read_only: bool) -> Iterator[IO[Any]]:
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot_write(exc, path) from None
    except ValueError as exc:  # an embedded NUL byte
        raise AicheckError(f"cannot write: {exc}", path=repr(str(path))) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise AicheckError("cannot write: is a directory", path=path, hint="name a file")
    if info is not None and not stat.S_ISREG(info.st_mode):
        yield from _written_directly(path, binary)
        return
    if info is not None and not replace_read_only and is_read_only(path, info):
        raise AicheckError(
            "is read-only; not replaced", path=path, hint="make it writable (chmod u+w) first"
        )
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder, fd, tmp = _temporary_beside(target, path)
    handle = _open(fd, binary)
    try:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        _copy_mode(tmp, info)
        tmp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError, ValueError):
            handle.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and exc.filename is None:
            # The write itself failed (a full disk, a quota): say so about this file.
            raise _cannot_write(exc, path) from None
        if isinstance(exc, UnicodeEncodeError):
            raise AicheckError(f"cannot write: {exc}", path=path) from None
        raise
    _fsync_dir(folder)


def create_exclusive(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``; never replace a file that exists.

    The text goes to a temporary file beside ``path`` first, which is then hard-linked to
    ``path`` (a link fails when the name exists, so no race can replace a file), and the
    temporary name is removed: a full disk or a crash leaves no file, or a stray hidden
    ``.NAME.*.tmp``, never an empty or half-written ``path``.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AicheckError(f"cannot write: {exc}", path=path) from None
    folder, fd, tmp = _temporary_beside(path, path)
    try:
        with _open(fd, binary=True) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(tmp, None)
        try:
            os.link(tmp, path)
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            # A file system without hard links (FAT, some network shares): claim the
            # name, then rename over the empty claim; only a crash in between leaves it.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            tmp.replace(path)
    except FileExistsError:
        raise AicheckError(
            "already exists; not overwritten",
            path=path,
            hint="pick another path, or remove the file first",
        ) from None
    except OSError as exc:
        raise _cannot_write(exc, path) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _fsync_dir(folder)


def is_read_only(path: Path, info: os.stat_result | None = None) -> bool:
    """No write permission: none of the mode's write bits (a 0444 file, which root would
    otherwise replace without a word), or none for this user."""
    info = info or path.stat()
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def _written_directly(path: Path, binary: bool) -> Iterator[IO[Any]]:
    try:
        with _open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), binary) as handle:
            yield handle
    except OSError as exc:
        raise _cannot_write(exc, path) from None


def _open(fd: int, binary: bool) -> IO[Any]:
    if binary:
        return os.fdopen(fd, "wb")
    # newline="": the text's own line ends are written as they are (CRLF files stay CRLF).
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def _temporary_beside(target: Path, named: Path) -> tuple[Path, int, Path]:
    """A new hidden ``.NAME.*.tmp`` in ``target``'s folder (so a rename is atomic): the
    folder, its open descriptor and its path; errors name ``named``, the path given."""
    folder = target.parent if str(target.parent) else Path()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(exc, named) from None
    return folder, fd, Path(tmp_name)


def _copy_mode(tmp: Path, info: os.stat_result | None) -> None:
    if info is None:
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        return
    with contextlib.suppress(OSError):  # only root may give a file away
        os.chown(tmp, info.st_uid, info.st_gid)
    tmp.chmod(stat.S_IMODE(info.st_mode))


def _cannot_write(exc: OSError, path: Path) -> AicheckError:
    return AicheckError(f"cannot write: {exc.strerror or exc}", path=path)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
