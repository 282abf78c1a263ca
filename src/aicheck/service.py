"""What the commands do, as plain functions: no terminal, no typer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from aicheck import __version__
from aicheck.answers.evidence import EvidenceLookup
from aicheck.answers.load import load_each
from aicheck.catalog.library import Library
from aicheck.catalog.loader import default_library
from aicheck.engine.evaluate import assess
from aicheck.errors import AicheckError, ProblemList
from aicheck.models.report import Report
from aicheck.models.settings import RunSettings


def library_for(settings: RunSettings) -> Library:
    return default_library(settings.catalog_dirs)


def check_files(
    paths: Sequence[Path],
    settings: RunSettings,
    library: Library,
) -> Report:
    for fid in settings.frameworks:
        if fid not in library.frameworks:
            known = ", ".join(sorted(library.frameworks))
            raise AicheckError(f"unknown framework {fid!r}; known: {known}")
    systems = []
    problems: list[AicheckError] = []
    evidence = EvidenceLookup()
    for loaded in load_each(paths, library):
        if isinstance(loaded, list):
            problems += loaded  # keep going: every broken file is reported in one run
            continue
        if problems:
            continue
        path = loaded.document.path
        report = assess(
            library,
            loaded.answers,
            settings,
            source=display_path(path),
            evidence=evidence.states(loaded.answers, path),
        )
        located = tuple(
            f.replace(line=loaded.document.line_of(f.location)) if f.location else f
            for f in report.findings
        )
        systems.append(report.replace(findings=located))
    if problems:
        raise ProblemList(problems)
    return Report(tool_version=__version__, as_of=settings.as_of, systems=tuple(systems))


def display_path(path: Path) -> str:
    """The path as the user gave it, with '/' separators, for stable output.

    Bytes of a file name that are not UTF-8 become U+FFFD, so every report can be encoded.
    """
    return path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def today() -> dt.date:
    return dt.date.today()
