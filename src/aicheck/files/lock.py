"""An advisory lock for one file, held only while it is re-read, merged and written.

Two `aicheck assess` runs on one answers file (one per framework, in two terminals) must
not save at the same moment: each re-reads the file under the lock and writes its merged
version before the other may read.  The lock is ``fcntl.flock`` on a small file beside the
answers file, ``.NAME.lock``; the kernel releases it when the process dies, even by kill
-9, so a crash never leaves the file locked.  The lock file is removed when the lock is
let go (still holding it, and a waiter re-checks that the file it locked is the one still
there, so removing it is safe); one left by a crash is reused and removed by the next save.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from aicheck.errors import AicheckError

LOCK_WAIT_SECONDS = 10.0
"""How long a save waits for another one; a save takes milliseconds, so a lock held this
long means a stopped process (Ctrl-Z), and waiting on would be a hang."""


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of ``path`` (a real file path, links resolved) for the block; wait
    at most ``wait`` seconds (default :data:`LOCK_WAIT_SECONDS`) for it."""
    import fcntl

    wait = LOCK_WAIT_SECONDS if wait is None else wait
    where = lock_path(path)
    while True:
        try:
            fd = os.open(where, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise AicheckError(f"cannot lock: {exc.strerror or exc}", path=where) from None
        try:
            _acquire(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, wait, path, where)
            if _same_file(fd, where):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # removed or replaced by the holder just before we got it: again
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            where.unlink()
        os.close(fd)


def _acquire(fd: int, flags: int, wait: float, path: Path, where: Path) -> None:
    import fcntl

    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        try:
            fcntl.flock(fd, flags)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            raise AicheckError(f"cannot lock: {exc.strerror or exc}", path=where) from None
        if time.monotonic() >= deadline:
            raise AicheckError(
                f"another aicheck has held the lock of this file for over {wait:g} seconds",
                path=path,
                hint=f"is one stopped (Ctrl-Z)? finish it; the lock is {where}",
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _same_file(fd: int, where: Path) -> bool:
    try:
        now = where.lstat()
    except OSError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)
