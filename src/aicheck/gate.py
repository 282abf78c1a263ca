"""The CI gate: does any unwaived finding reach the threshold?"""

from __future__ import annotations

from aicheck.models.report import SEVERITY_RANK, Report


def gate_fails(report: Report, fail_on: str) -> bool:
    if fail_on == "none":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(
        SEVERITY_RANK[f.severity] >= threshold
        for system in report.systems
        for f in system.findings
        if not f.waived
    )
