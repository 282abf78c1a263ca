"""The CI gate: does any unwaived finding reach the threshold?"""

from __future__ import annotations

from aicheck.models.report import Finding, Report, SystemReport
from aicheck.models.severity import Threshold, reaches


def finding_fails(finding: Finding, fail_on: Threshold) -> bool:
    """The one rule every output that reports pass/fail must share (the JUnit renderer too)."""
    return not finding.waived and reaches(finding.severity, fail_on)


def system_fails(system: SystemReport, fail_on: Threshold) -> bool:
    return any(finding_fails(f, fail_on) for f in system.findings)


def gate_fails(report: Report, fail_on: Threshold) -> bool:
    return any(system_fails(system, fail_on) for system in report.systems)
