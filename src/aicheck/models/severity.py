"""The severity ladder and the gate's thresholds, spelled out once.

Everything that ranks findings or reads ``--fail-on`` / ``fail-on`` (the config file, the
command line, the gate, the renderers) takes its values from here.
"""

from __future__ import annotations

from typing import Literal, get_args

Severity = Literal["critical", "high", "medium", "low"]
"""How bad a finding is; the ladder reads worst first."""

Threshold = Literal[Severity, "none"]
"""The lowest severity that fails the gate; ``none`` never fails it."""

SEVERITIES: tuple[Severity, ...] = get_args(Severity)
THRESHOLDS: tuple[Threshold, ...] = get_args(Threshold)
DEFAULT_THRESHOLD: Threshold = "high"

# critical 4, high 3, medium 2, low 1, none 0
_RANK: dict[str, int] = {level: len(THRESHOLDS) - 1 - i for i, level in enumerate(THRESHOLDS)}


def rank(level: Threshold) -> int:
    """Higher is worse; ``none`` ranks below every severity."""
    return _RANK[level]


def reaches(severity: Severity, threshold: Threshold) -> bool:
    """Whether a finding of ``severity`` is at or above ``threshold`` (never for ``none``)."""
    return threshold != "none" and rank(severity) >= rank(threshold)
