"""Which answers file a signed report is about, exactly: its hash and git commit."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aicheck.models.report import FileProvenance, Report


def with_file_provenance(report: Report, paths: Sequence[Path]) -> Report:
    """Each answers file's hash and git commit, for a report people sign: asked of git
    here, outside the engine, and only for the formats that show it (the service's
    choice), so that `check` in CI never waits for git."""
    import hashlib

    from aicheck.files.git import file_commit
    from aicheck.files.reading import read_bytes

    systems = []
    for system, path in zip(report.systems, paths, strict=True):
        in_repository, commit, dirty = file_commit(path)
        facts = FileProvenance(
            sha256=hashlib.sha256(read_bytes(path)).hexdigest(),
            in_repository=in_repository,
            commit=commit,
            uncommitted_changes=dirty,
        )
        systems.append(system.replace(file=facts))
    return report.replace(systems=tuple(systems))
