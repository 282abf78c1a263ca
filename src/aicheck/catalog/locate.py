"""Where catalogs live: the ones shipped in the package, then the user's folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ENV_PATH = "AICHECK_FRAMEWORKS_PATH"


def builtin_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "frameworks"
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (editable install): the repository's folder.
    return Path(__file__).resolve().parents[3] / "frameworks"


def search_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Built-in catalogs first, then AICHECK_FRAMEWORKS_PATH, then --frameworks-dir."""
    dirs = [builtin_dir()]
    env = os.environ.get(ENV_PATH, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += list(extra)
    return dirs


def catalog_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
