"""`aicheck diff --format markdown`: a pull-request comment; every piece of user text escaped."""

from __future__ import annotations

from collections.abc import Sequence

from aicheck.gate.diff import SystemDiff
from aicheck.models.report import Finding
from aicheck.render.escape import markdown_code as code
from aicheck.render.escape import markdown_inline as md

MARKER = "<!-- aicheck-diff -->"  # lets a bot find and update its own comment


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _finding_rows(findings: tuple[Finding, ...]) -> list[list[str]]:
    return [
        [f.severity, code(f.rule), md(f.message), "" if f.line is None else str(f.line)]
        for f in findings
    ]


def render(diffs: Sequence[SystemDiff]) -> str:
    return MARKER + "\n" + "\n---\n\n".join(_system(d) for d in diffs)


def _system(d: SystemDiff) -> str:
    out = [f"### aicheck: {md(d.system)}", ""]
    if d.old_source == d.new_source:
        out += [f"Changes in {code(d.new_source)}.", ""]
    else:
        out += [f"Changes from {code(d.old_source)} to {code(d.new_source)}.", ""]
    if d.unchanged:
        out += ["No change in findings, classification, coverage or deadlines.", ""]
        return "\n".join(out)
    summary = [
        f"**{len(d.new_findings)}** new gap(s)",
        f"**{len(d.closed_findings)}** closed",
    ]
    if d.dropped_findings:
        summary.append(f"**{len(d.dropped_findings)}** no longer apply")
    if d.severity_changes:
        summary.append(f"**{len(d.severity_changes)}** changed severity")
    out += [", ".join(summary) + ".", ""]
    if d.classification_changes:
        out += ["#### Classification", ""]
        out += _table(
            ["", "before", "after"],
            [[c.field, code(c.old), code(c.new)] for c in d.classification_changes],
        )
    if d.new_findings:
        out += [f"#### New gaps ({len(d.new_findings)})", ""]
        out += _table(["severity", "rule", "finding", "line"], _finding_rows(d.new_findings))
    if d.closed_findings:
        out += [f"#### Closed gaps ({len(d.closed_findings)})", ""]
        out += _table(
            ["severity", "rule", "finding", "line before"], _finding_rows(d.closed_findings)
        )
    if d.dropped_findings:
        out += [
            f"#### No longer apply ({len(d.dropped_findings)})",
            "",
            "These obligations stopped applying because the classification, role or scope "
            "changed, not because they were met; review the screening answers that changed.",
            "",
        ]
        out += _table(
            ["severity", "rule", "finding", "line before"], _finding_rows(d.dropped_findings)
        )
    if d.severity_changes:
        out += [f"#### Severity changed ({len(d.severity_changes)})", ""]
        out += _table(
            ["before", "after", "rule", "finding"],
            [
                [c.old, c.finding.severity, code(c.finding.rule), md(c.finding.message)]
                for c in d.severity_changes
            ],
        )
    if d.deadline_changes:
        out += ["#### Deadlines", ""]
        out += _table(
            ["before", "after", "obligation", "framework"],
            [
                [
                    "none" if c.old is None else c.old.isoformat(),
                    "no longer applies" if c.new is None else c.new.isoformat(),
                    md(c.label),
                    code(c.framework),
                ]
                for c in d.deadline_changes
            ],
        )
    if d.coverage_changes:
        out += ["#### Coverage (met / applicable)", ""]
        out += _table(
            ["framework", "before", "after"],
            [
                [md(c.name), f"{c.old[0]}/{c.old[1]}", f"{c.new[0]}/{c.new[1]}"]
                for c in d.coverage_changes
            ],
        )
    return "\n".join(out)
