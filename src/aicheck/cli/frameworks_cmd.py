"""`aicheck frameworks list|show|validate`."""

from __future__ import annotations

import json
from pathlib import Path

from aicheck.catalog.loader import load_library
from aicheck.catalog.locate import builtin_dir, catalog_files
from aicheck.cli.output import emit, note
from aicheck.errors import AicheckError
from aicheck.render import catalog_views
from aicheck.service import library_for


def list_frameworks(frameworks_dirs: list[Path], output_format: str) -> None:
    library = library_for(frameworks_dirs)
    rows = catalog_views.framework_rows(library)
    if output_format == "json":
        emit(json.dumps(rows, indent=2), None)
    elif output_format == "markdown":
        emit(catalog_views.rows_markdown(rows), None)
    else:
        emit(catalog_views.rows_text(rows), None)


def show_framework(framework_id: str, frameworks_dirs: list[Path], output_format: str) -> None:
    library = library_for(frameworks_dirs)
    fw = library.frameworks.get(framework_id)
    if fw is None:
        known = ", ".join(sorted(library.frameworks))
        raise AicheckError(f"unknown framework {framework_id!r}", hint=f"known: {known}")
    if output_format == "json":
        emit(fw.model_dump_json(indent=2, by_alias=True, exclude_none=True), None)
    elif output_format == "markdown":
        emit(catalog_views.framework_markdown(fw), None)
    else:
        emit(catalog_views.framework_text(fw), None)


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
