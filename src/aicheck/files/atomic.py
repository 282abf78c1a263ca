"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from aicheck.errors import AicheckError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, then rename over it.

    The original file's permission bits (and, where allowed, its owner) are kept; a new
    file gets the usual umask.  When ``path`` is a symbolic link the file it points to is
    replaced and the link is left alone.  A crash at any moment leaves either the old
    content or the new, plus at most a stray ``.NAME.*.tmp`` file beside it.
    """
    try:
        try:
            info: os.stat_result | None = path.stat()
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise AicheckError("cannot write: is a directory", path=path, hint="name a file")
        data = text.encode("utf-8")
        if info is not None and not stat.S_ISREG(info.st_mode):
            # /dev/stdout, /dev/null, a named pipe: nothing to replace, just write.
            with path.open("wb") as handle:
                handle.write(data)
            return
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        folder = target.parent if str(target.parent) else Path()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AicheckError(f"cannot write: {exc.strerror or exc}", path=path) from None
    except (UnicodeEncodeError, ValueError) as exc:
        raise AicheckError(f"cannot write: {exc}", path=path) from None
    tmp = Path(tmp_name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if info is None:
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o666 & ~umask)
        else:
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(tmp, info.st_uid, info.st_gid)
            tmp.chmod(stat.S_IMODE(info.st_mode))
        tmp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise AicheckError(f"cannot write: {exc.strerror or exc}", path=path) from None
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
