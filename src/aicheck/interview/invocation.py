"""How a run of `aicheck assess` is named: the ids ``--ask`` may name, and the command
that resumes an interview."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from aicheck.catalog.library import Library
from aicheck.errors import AicheckError
from aicheck.interview.plan import SETUP_IDS
from aicheck.suggest import did_you_mean


def check_askable(library: Library, ids: Sequence[str]) -> None:
    """``--ask`` names questions, controls or groups of some catalog, or a set-up step."""
    known = set(SETUP_IDS)
    for fw in library.frameworks.values():
        known |= {q.id for q in fw.questions} | {c.id for c in fw.controls}
        known |= {g.id for g in fw.groups}
    for item in ids:
        if item not in known:
            hint = did_you_mean(item, known) or (
                "use an id from the answers file, e.g. art50_1_interaction or GOVERN-1.1"
            )
            raise AicheckError(f"--ask: no question, control or group {item!r}", hint=hint)


def resume_command(
    path: Path,
    frameworks: Sequence[str],
    frameworks_dirs: Sequence[Path],
    review: bool,
) -> str:
    """The exact command that continues an interview."""
    parts = ["aicheck", "assess", path.as_posix()]
    for fid in frameworks:
        parts += ["--framework", fid]
    for folder in frameworks_dirs:
        parts += ["--frameworks-dir", folder.as_posix()]
    if review:
        parts.append("--review")
    return shlex.join(parts)
