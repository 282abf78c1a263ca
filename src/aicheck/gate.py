"""The CI gate: does any unwaived finding reach the threshold?"""

from __future__ import annotations

from aicheck.models.report import SEVERITY_RANK, Report, SystemReport


def system_fails(system: SystemReport, fail_on: str) -> bool:
    if fail_on == "none":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in system.findings if not f.waived)


def gate_fails(report: Report, fail_on: str) -> bool:
    return any(system_fails(system, fail_on) for system in report.systems)
