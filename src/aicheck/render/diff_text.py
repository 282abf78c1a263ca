"""`aicheck diff` for the terminal: plain lines, user text shown literally."""

from __future__ import annotations

from collections.abc import Sequence

from aicheck.gate.diff import SystemDiff
from aicheck.models.report import Finding
from aicheck.render.escape import one_line, terminal


def _t(text: str) -> str:
    return terminal(one_line(text))


def _finding(f: Finding) -> str:
    line = f"  {f.severity.upper():<8} {f.rule}  {_t(f.message)}"
    return line if f.line is None else f"{line}  (line {f.line})"


def render(diffs: Sequence[SystemDiff]) -> str:
    return "\n\n".join(_system(d) for d in diffs) + "\n"


def _system(d: SystemDiff) -> str:
    lines = [f"{_t(d.system)}: {_t(d.old_source)} -> {_t(d.new_source)}"]
    if d.unchanged:
        lines.append("  no change in findings, classification, coverage or deadlines")
        return "\n".join(lines)
    if d.classification_changes:
        lines.append("Classification changed:")
        lines += [f"  {c.field}: {c.old} -> {c.new}" for c in d.classification_changes]
    if d.new_findings:
        lines.append(f"New gaps ({len(d.new_findings)}):")
        lines += [_finding(f) for f in d.new_findings]
    if d.closed_findings:
        lines.append(f"Closed gaps ({len(d.closed_findings)}):")
        lines += [_finding(f) for f in d.closed_findings]
    if d.dropped_findings:
        lines.append(
            f"No longer apply ({len(d.dropped_findings)}), because the classification, role "
            "or scope changed:"
        )
        lines += [_finding(f) for f in d.dropped_findings]
    if d.severity_changes:
        lines.append(f"Severity changed ({len(d.severity_changes)}):")
        lines += [
            f"  {c.old.upper()} -> {c.finding.severity.upper()}  {c.finding.rule}  "
            f"{_t(c.finding.message)}"
            for c in d.severity_changes
        ]
    if d.deadline_changes:
        lines.append("Deadlines:")
        for c in d.deadline_changes:
            old = "none" if c.old is None else c.old.isoformat()
            new = "no longer applies" if c.new is None else c.new.isoformat()
            lines.append(f"  {old} -> {new}  {_t(c.label)} ({c.framework})")
    if d.coverage_changes:
        lines.append("Coverage (met/applicable):")
        lines += [
            f"  {_t(c.name)}: {c.old[0]}/{c.old[1]} -> {c.new[0]}/{c.new[1]}"
            for c in d.coverage_changes
        ]
    return "\n".join(lines)
