"""Look at each evidence path on disk, relative to its answers file, never outside the repo."""

from __future__ import annotations

from pathlib import Path

from aicheck.engine.evaluate import EvidenceState
from aicheck.models.answers import AnswersFile


def repository_root(start: Path) -> Path:
    """The nearest folder holding ``.git`` above ``start``, else ``start`` itself."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def evidence_states(answers: AnswersFile, answers_path: Path) -> dict[str, EvidenceState]:
    base = answers_path.resolve().parent
    root = repository_root(base)
    states: dict[str, EvidenceState] = {}
    for per_framework in answers.controls.values():
        for answer in per_framework.values():
            for item in answer.evidence:
                if item not in states:
                    states[item] = _state(item, base, root)
    return states


def _state(item: str, base: Path, root: Path) -> EvidenceState:
    if item.startswith(("http://", "https://")):
        return "ok"
    target = (base / item).resolve()
    if not target.is_relative_to(root):
        return "outside"
    return "ok" if target.exists() else "missing"
