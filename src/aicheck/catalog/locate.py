"""Where catalogs live: the ones shipped in the package, then the user's folders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aicheck.errors import CatalogError


def builtin_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "frameworks"
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (editable install): the repository's folder.
    return Path(__file__).resolve().parents[3] / "frameworks"


def search_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """The shipped catalogs first, then the user's folders in the order given
    (RunSettings.catalog_dirs: AICHECK_FRAMEWORKS_PATH, then --frameworks-dir)."""
    return [builtin_dir(), *extra]


def catalog_files(directory: Path) -> list[Path]:
    # Everything named like a catalog but a folder: a pipe or a device is refused when
    # read, never skipped, so a catalog cannot silently go missing.
    return sorted(
        p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir()
    )


def all_catalog_files(extra_dirs: Iterable[Path] = ()) -> list[Path]:
    """Every catalog file in use: the shipped ones, then those in ``extra_dirs``
    (RunSettings.catalog_dirs)."""
    files: list[Path] = []
    for directory in search_dirs(extra_dirs):
        if not directory.is_dir():
            raise CatalogError(
                "frameworks folder not found",
                path=directory,
                hint="check --frameworks-dir or AICHECK_FRAMEWORKS_PATH",
            )
        files += catalog_files(directory)
    return files
