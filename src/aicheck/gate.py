"""The CI gate: does any unwaived finding reach the threshold?"""

from __future__ import annotations

from aicheck.models.report import SEVERITY_RANK, Finding, Report, SystemReport


def finding_fails(finding: Finding, fail_on: str) -> bool:
    """The one rule every output that reports pass/fail must share (the JUnit renderer too)."""
    if fail_on == "none" or finding.waived:
        return False
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[fail_on]


def system_fails(system: SystemReport, fail_on: str) -> bool:
    return any(finding_fails(f, fail_on) for f in system.findings)


def gate_fails(report: Report, fail_on: str) -> bool:
    return any(system_fails(system, fail_on) for system in report.systems)
