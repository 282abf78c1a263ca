"""Look at each evidence path on disk, relative to its answers file, never outside the repo.

An evidence path is only ever looked up with ``stat``; its content is never read.  A path
that leaves the repository, by ``..``, by being absolute or through a symbolic link, is
reported as a finding ("outside") and not touched; one that cannot be looked up at all
(a NUL byte, a name too long, a symlink loop) counts as missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from aicheck.engine.findings import EvidenceState
from aicheck.models.answers import AnswersFile


def repository_root(start: Path) -> Path:
    """The nearest folder holding ``.git`` above ``start``, else ``start`` itself."""
    start = start.resolve()
    for folder in (start, *start.parents):
        try:
            if (folder / ".git").exists():
                return folder
        except OSError:  # an unreadable parent: stop looking higher
            break
    return start


def evidence_states(answers: AnswersFile, answers_path: Path) -> dict[str, EvidenceState]:
    base = answers_path.resolve().parent
    root = repository_root(base)
    states: dict[str, EvidenceState] = {}
    for per_framework in answers.controls.values():
        for answer in per_framework.values():
            for item in answer.evidence:
                if item not in states:
                    states[item] = evidence_state(item, base, root)
    return states


def evidence_state(item: str, base: Path, root: Path) -> EvidenceState:
    """Whether ``item`` (relative to ``base``) exists inside ``root``, without following it
    anywhere outside."""
    if item.lower().startswith(("http://", "https://")):
        return "ok"
    # First by the name alone, so that ../../etc/passwd or /etc/passwd is never looked up.
    lexical = Path(os.path.normpath(base / item))
    if not lexical.is_relative_to(root):
        return "outside"
    try:
        # A symbolic link inside the repository may still point out of it.
        target = lexical.resolve()
        if not target.is_relative_to(root):
            return "outside"
        return "ok" if target.exists() else "missing"
    except (OSError, RuntimeError, ValueError):  # loop, name too long, NUL byte
        return "missing"
