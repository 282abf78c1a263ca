"""Which answers file a signed report is about, exactly: its hash and git commit."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aicheck.models.report import FileProvenance, Report

if TYPE_CHECKING:
    from aicheck.files.git import GitFacts


def with_file_provenance(
    report: Report, paths: Sequence[Path], git: GitFacts | None = None
) -> Report:
    """Each answers file's hash and git commit, for a report people sign: asked of git
    here, outside the engine, and only for the formats that show it (the service's
    choice), so that `check` in CI never waits for git.  A run that adds the provenance
    of one file at a time passes one ``git`` for all of them."""
    import hashlib

    from aicheck.files.git import GitFacts
    from aicheck.files.reading import read_bytes

    git = GitFacts(len(paths)) if git is None else git
    systems = []
    for system, path in zip(report.systems, paths, strict=True):
        in_repository, commit, dirty = git.of(path)
        facts = FileProvenance(
            sha256=hashlib.sha256(read_bytes(path)).hexdigest(),
            in_repository=in_repository,
            commit=commit,
            uncommitted_changes=dirty,
        )
        systems.append(system.replace(file=facts))
    return report.replace(systems=tuple(systems))
