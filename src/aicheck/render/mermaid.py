"""Mermaid diagrams for the Markdown report: only `pie` and `gantt`, which GitHub and
GitLab have both rendered for years; every label passes through mermaid_label."""

from __future__ import annotations

import datetime as dt
import re

from aicheck.models.report import FrameworkCoverage, SystemReport

# Letters, digits, spaces and punctuation that mean nothing to Mermaid's pie and gantt
# grammars; anything else (quotes, colons, brackets, '#', ';', '%', newlines) is dropped.
_UNSAFE = re.compile(r"[^\w .,/()'+-]")


def mermaid_label(text: str) -> str:
    """User or catalog text made inert inside a Mermaid label."""
    return " ".join(_UNSAFE.sub(" ", text).split()) or "-"


def coverage_pie(cov: FrameworkCoverage) -> list[str]:
    slices = [
        ("met", cov.met),
        ("partly done or planned", cov.partial),
        ("missing or unanswered", cov.missing),
        ("waiting on screening", cov.pending),
    ]
    lines = [f"pie title {mermaid_label(cov.name)}: {cov.met} of {cov.applicable} met"]
    lines += [f'    "{label}" : {n}' for label, n in slices if n]
    return lines


def timeline(system: SystemReport, as_of: dt.date) -> list[str]:
    """Legal deadlines still to come and the team's target dates, as milestones."""
    legal = [(d.date, d.label) for d in system.deadlines]
    targets = sorted((c.due, f"{c.ref} {c.title}") for c in system.controls if c.due is not None)
    if not legal and not targets:
        return []
    lines = [
        "gantt",
        "    dateFormat YYYY-MM-DD",
        "    title Legal deadlines and target dates",
        "    section Today",
        f"    Assessed : milestone, {as_of.isoformat()}, 0d",
    ]
    for name, entries in (("Legal deadlines", legal), ("Target dates", targets)):
        if entries:
            lines.append(f"    section {name}")
            lines += [
                f"    {mermaid_label(label)} : milestone, {day.isoformat()}, 0d"
                for day, label in entries
            ]
    return lines
