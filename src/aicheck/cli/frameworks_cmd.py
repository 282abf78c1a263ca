"""`aicheck frameworks list|show|validate`."""

from __future__ import annotations

from pathlib import Path

from aicheck.catalog.loader import load_library
from aicheck.catalog.locate import builtin_dir, catalog_files
from aicheck.cli.output import emit, note
from aicheck.errors import AicheckError
from aicheck.models.settings import RunSettings
from aicheck.render.formats import FRAMEWORK_RENDERERS, LIST_RENDERERS, CatalogFormat
from aicheck.service import library_for


def list_frameworks(settings: RunSettings, output_format: CatalogFormat) -> None:
    emit(LIST_RENDERERS[output_format](library_for(settings)), None)


def show_framework(settings: RunSettings, framework_id: str, output_format: CatalogFormat) -> None:
    library = library_for(settings)
    fw = library.frameworks.get(framework_id)
    if fw is None:
        known = ", ".join(sorted(library.frameworks))
        raise AicheckError(f"unknown framework {framework_id!r}", hint=f"known: {known}")
    emit(FRAMEWORK_RENDERERS[output_format](fw), None)


def validate(paths: list[Path]) -> None:
    # A folder stands for the catalog files in it, as --frameworks-dir reads them.
    paths = [f for p in paths for f in (catalog_files(p) if p.is_dir() else [p])]
    if not paths:
        raise AicheckError("no .yaml or .yml catalog files found in the folder(s) given")
    # The shipped catalogs come along so that a custom crosswalk can point at them.
    given = {p.resolve() for p in paths if p.exists()}
    shipped = [p for p in catalog_files(builtin_dir()) if p.resolve() not in given]
    library = load_library([*shipped, *paths])
    mine = sorted(fid for fid, src in library.sources.items() if src.resolve() in given)
    note(f"aicheck: {len(paths)} file(s) valid" + (f": {', '.join(mine)}" if mine else ""))
