"""The portfolio register as CommonMark (GFM tables), with a Mermaid timeline of deadlines."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from aicheck.render.escape import markdown_code as code
from aicheck.render.escape import markdown_inline as md
from aicheck.render.register import Portfolio, Row, coverage_shares, next_deadline, portfolio

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions

HEADERS = (
    "System",
    "Owner",
    "EU AI Act",
    "Roles",
    "GPAI",
    "Gate",
    "Critical",
    "High",
    "Coverage",
    "Next deadline",
    "Oldest review",
)
# Mermaid's timeline reads ':' as its separator and '#' or ';' as the start of an entity
# or a new statement; none of them may come through in an event's text.
_MERMAID_SPECIAL = re.compile(r"[:#;\"`<>{}\[\]]")


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    folio = portfolio(run)
    out.write("# AI system register\n\n")
    out.write(summary_line(folio) + "\n\n")
    if folio.deadlines:
        out.write("## Deadlines across the portfolio\n\n")
        out.write("\n".join(_timeline(folio)) + "\n\n")
    out.write("## Systems, by risk\n\n")
    out.write("| " + " | ".join(HEADERS) + " |\n")
    out.write("|" + "|".join("---" for _ in HEADERS) + "|\n")
    for row in folio.rows:
        out.write("| " + " | ".join(_cells(row, folio)) + " |\n")


def summary_line(folio: Portfolio) -> str:
    return (
        f"As of {folio.as_of.isoformat()}: {len(folio.rows)} systems, {folio.failing} failing "
        f"the gate (--fail-on {folio.threshold}). Ordered by risk: prohibited practices, then "
        "systems failing the gate by open critical and high findings, then by tier."
    )


def _timeline(folio: Portfolio) -> list[str]:
    lines = ["```mermaid", "timeline", "    title Legal deadlines: systems bound on each date"]
    for day, label, count in folio.deadlines:
        text = _MERMAID_SPECIAL.sub(" ", label)
        lines.append(f"    {day.isoformat()} : {count} system{'s' if count != 1 else ''} - {text}")
    return [*lines, "```"]


def _cells(row: Row, folio: Portfolio) -> list[str]:
    coverage = [f"{md(fid)} {share}" for fid, share in coverage_shares(row, folio.frameworks)]
    return [
        f"{md(row.name)}<br>{code(row.source)}",
        md(row.owner) if row.owner else "*not recorded*",
        md(row.tier_label),
        md(row.roles) or "-",
        md(row.gpai) or "-",
        "**FAIL**" if row.failed else "pass",
        str(row.critical),
        str(row.high),
        ", ".join(coverage) or "-",
        next_deadline(row, md),
        row.oldest_review.isoformat() if row.oldest_review else "never",
    ]
