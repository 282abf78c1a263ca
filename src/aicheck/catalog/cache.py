"""A cache of validated catalogs, keyed by their content; deleting it is always safe.

Validating the shipped catalogs is most of what a one-file check costs, and they change only
when aicheck or the user's catalog files change.  The key covers aicheck's version, the code
of the pickled classes, and every catalog file's path and bytes, so a stale entry is never
used; an unreadable entry is ignored and rebuilt.  Set AICHECK_NO_CACHE=1 to bypass it,
AICHECK_CACHE_DIR to move it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from aicheck import __version__
from aicheck.catalog.library import Library
from aicheck.errors import AicheckError
from aicheck.files.reading import read_bytes

PREFIX = "catalogs-"
KEEP = 8  # entries; a few catalog sets (folders, versions) are in use at once


def cache_dir() -> Path:
    explicit = os.environ.get("AICHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aicheck"


def _code_files() -> list[Path]:
    """The modules whose classes are pickled: a change to any of them changes the key."""
    package = Path(__file__).resolve().parent.parent
    return [package / "catalog" / "library.py", *sorted((package / "models").glob("*.py"))]


def cache_key(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"aicheck {__version__}\n".encode())
    for code in _code_files():
        digest.update(code.read_bytes())
    for path in files:
        digest.update(str(path.resolve()).encode() + b"\0")
        digest.update(read_bytes(path))  # bounded: the size is checked before hashing
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def cached(files: Sequence[Path], build: Callable[[Sequence[Path]], Library]) -> Library:
    if os.environ.get("AICHECK_NO_CACHE", "") not in ("", "0"):
        return build(files)
    try:
        entry = cache_dir() / f"{PREFIX}{cache_key(files)}.pickle"
    except (OSError, RuntimeError, AicheckError):
        # A file vanished, is unreadable or too big (the loader will say so), or there is
        # no home folder to cache in: work without the cache.
        return build(files)
    trusted = _trusted(entry.parent)
    if trusted and _trusted(entry):
        with contextlib.suppress(Exception):
            with entry.open("rb") as handle:
                library = pickle.load(handle)
            if isinstance(library, Library):
                return library
    library = build(files)
    if trusted or not entry.parent.exists():
        _store(entry, library)
    return library


def _trusted(path: Path) -> bool:
    """A pickle runs code when loaded: read only what this user alone can have written."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not POSIX
        return True
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _store(entry: Path, library: Library) -> None:
    with contextlib.suppress(OSError, pickle.PicklingError):
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _prune(entry.parent, keep=KEEP - 1)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(library, handle, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(entry)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise


def _prune(folder: Path, keep: int) -> None:
    entries = sorted(folder.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in entries[: max(len(entries) - keep, 0)]:
        with contextlib.suppress(OSError):
            old.unlink()
