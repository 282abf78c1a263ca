"""The terminal summary, drawn with rich; user text is always shown literally."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aicheck.gate import gate_fails
from aicheck.models.report import SEVERITIES, Report, SystemReport
from aicheck.render.escape import terminal
from aicheck.render.summary import GPAI_LABEL, percent, roles_line, tier_line, top_groups

if TYPE_CHECKING:
    from aicheck.render.formats import RenderOptions

STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}
FINDINGS_SHOWN = 15


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for i, system in enumerate(report.systems):
        if i:
            console.print()
        _system(console, system, report)
    console.print()
    failed = gate_fails(report, options.fail_on)
    verdict = Text(
        f"Gate (--fail-on {options.fail_on}): {'FAILED' if failed else 'passed'}",
        style="bold red" if failed else "bold green",
    )
    console.print(verdict)
    return buffer.getvalue().rstrip("\n")


def _system(console: Console, system: SystemReport, report: Report) -> None:
    title = Text(terminal(system.system.name), style="bold")
    title.append(f"  ({terminal(system.source)}, as of {report.as_of.isoformat()})", style="dim")
    console.print(title)
    c = system.classification
    if c is not None:
        console.print(Text("EU AI Act: ", style="bold").append(tier_line(c)))
        console.print(f"  roles: {roles_line(c)}; {GPAI_LABEL[c.gpai]}")
        for reason in c.reasons:
            console.print(f"  - {reason.conclusion} ({', '.join(reason.refs)})")
        if c.unanswered:
            console.print(f"  - {len(c.unanswered)} screening question(s) unanswered")
    table = Table(title=None, show_edge=False, pad_edge=False, box=None)
    for name, justify in (
        ("Framework", "left"),
        ("Area", "left"),
        ("Met", "right"),
        ("Applicable", "right"),
        ("Coverage", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for cov in system.coverage:
        table.add_row(
            terminal(cov.name),
            "all",
            str(cov.met),
            str(cov.applicable),
            percent(cov.met, cov.applicable),
        )
        for group in top_groups(cov):
            table.add_row(
                "",
                terminal(group.ref or group.title),
                str(group.met),
                str(group.applicable),
                percent(group.met, group.applicable),
            )
    console.print()
    console.print(table)
    live = [f for f in system.findings if not f.waived]
    counts = {s: sum(1 for f in live if f.severity == s) for s in SEVERITIES}
    console.print()
    header = Text("Findings: ", style="bold")
    header.append(", ".join(f"{n} {s}" for s, n in counts.items()) or "none")
    waived = len(system.findings) - len(live)
    if waived:
        header.append(f" ({waived} waived)")
    console.print(header)
    for f in live[:FINDINGS_SHOWN]:
        line = Text(f"  {f.severity.upper():<9}", style=STYLE[f.severity])
        line.append(terminal(f.message))
        console.print(line)
    if len(live) > FINDINGS_SHOWN:
        console.print(
            f"  ... and {len(live) - FINDINGS_SHOWN} more (see --format markdown or json)"
        )
    if system.deadlines:
        console.print()
        console.print(Text("Upcoming deadlines:", style="bold"))
        for d in system.deadlines:
            refs = ", ".join(d.refs[:6]) + (" ..." if len(d.refs) > 6 else "")
            console.print(f"  {d.date.isoformat()}  {terminal(d.label)}: {refs}")
