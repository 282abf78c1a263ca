"""The CI gate, decided once per run: does any unwaived finding reach the threshold?

Every output that says pass or fail (the text summary, JSON, JUnit) and the exit code
read the one GateResult that :func:`evaluate` returns, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aicheck.models.report import Finding, Report
from aicheck.models.severity import Threshold, reaches

if TYPE_CHECKING:
    from aicheck.gate.diff import SystemDiff


def finding_fails(finding: Finding, threshold: Threshold) -> bool:
    """The one rule: an unwaived finding at or above the threshold fails the gate."""
    return not finding.waived and reaches(finding.severity, threshold)


@dataclass(frozen=True)
class GateResult:
    threshold: Threshold
    system_failed: tuple[bool, ...]
    """One entry per system (or per diff), in the order of the run."""

    @property
    def failed(self) -> bool:
        return any(self.system_failed)

    def fails(self, finding: Finding) -> bool:
        return finding_fails(finding, self.threshold)


def evaluate(report: Report, threshold: Threshold) -> GateResult:
    return GateResult(
        threshold,
        tuple(any(finding_fails(f, threshold) for f in s.findings) for s in report.systems),
    )


def evaluate_diff(diffs: Sequence[SystemDiff], threshold: Threshold) -> GateResult:
    """A change fails the gate when a gap it opens (or makes worse) reaches the threshold."""
    return GateResult(
        threshold,
        tuple(any(finding_fails(f, threshold) for f in d.opened()) for d in diffs),
    )
