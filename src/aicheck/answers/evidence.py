"""Look at each evidence path on disk, relative to its answers file, never outside the repo.

An evidence path is only ever looked up with ``stat``; its content is never read.  A path
that leaves the repository, by ``..``, by being absolute or through a symbolic link, is
reported as a finding ("outside") and not touched; one that cannot be looked up at all
(a NUL byte, a name too long, a symlink loop) counts as missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from aicheck.models.answers import AnswersFile, EvidenceState


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


class EvidenceLookup:
    """Looks up each folder's repository and each evidence path once per run.

    An inventory of many answers files in one repository shares its folders and often its
    documents; without this, every file would walk up to ``.git`` and resolve the same
    shared paths again.  Meant for one command's run, not kept across changes on disk.
    """

    def __init__(self) -> None:
        self._roots: dict[Path, Path] = {}
        self._states: dict[tuple[Path, Path], EvidenceState] = {}

    def states(self, answers: AnswersFile, answers_path: Path) -> dict[str, EvidenceState]:
        base = answers_path.resolve().parent
        root = self._roots.get(base)
        if root is None:
            root = self._roots[base] = repository_root(base)
        states: dict[str, EvidenceState] = {}
        for per_framework in answers.controls.values():
            for answer in per_framework.values():
                for item in answer.evidence:
                    if item not in states:
                        states[item] = self._state(item, base, root)
        return states

    def _state(self, item: str, base: Path, root: Path) -> EvidenceState:
        if _is_url(item):
            return "ok"
        lexical = _lexical(item, base)
        key = (lexical, root)
        if key not in self._states:
            self._states[key] = _state_on_disk(lexical, root)
        return self._states[key]


def evidence_states(answers: AnswersFile, answers_path: Path) -> dict[str, EvidenceState]:
    """The state of every evidence item of one answers file."""
    return EvidenceLookup().states(answers, answers_path)


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _lexical(item: str, base: Path) -> Path:
    return Path(os.path.normpath(base / item))


def _state_on_disk(lexical: Path, root: Path) -> EvidenceState:
    """Whether ``lexical`` exists inside ``root``, without following it anywhere outside."""
    # First by the name alone, so that ../../etc/passwd or /etc/passwd is never looked up.
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
