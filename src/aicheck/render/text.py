"""The terminal summary: laid out by hand so a thousand systems render fast, styled with rich.

User text is always shown literally: rich markup is off and control characters (ANSI escape
sequences included) are made visible before anything is printed.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, TextIO

from aicheck.models.report import Finding, SystemReport
from aicheck.models.severity import SEVERITIES, Severity
from aicheck.render.escape import terminal
from aicheck.render.summary import GPAI_LABEL, percent, roles_line, tier_line, top_groups

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions

STYLE: dict[Severity, str] = {
    "critical": "bold red",
    "high": "red",
    "medium": "yellow",
    "low": "cyan",
}
FINDINGS_SHOWN = 15
DEADLINE_REFS_SHOWN = 6


class Pieces:
    """Pieces of text with an optional rich style each; styled only when colour is on."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, str]] = []

    def append(self, text: str, style: str = "") -> None:
        self.pieces.append((text, style))

    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def styled(self, width: int) -> str:
        from rich.console import Console
        from rich.text import Text as RichText

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=width,
            force_terminal=True,
            color_system="standard",
            highlight=False,
            emoji=False,
            markup=False,
        )
        # One print without wrapping: the terminal wraps long lines itself.
        console.print(RichText.assemble(*self.pieces), soft_wrap=True, end="")
        return buffer.getvalue()


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    """Each system as it comes, then the run's summary; only failing sources are kept."""

    def emit(pieces: Pieces) -> None:
        out.write(pieces.styled(options.width) if options.color else pieces.plain())

    failing: list[str] = []
    for checked in run:
        pieces = Pieces()
        if run.count > 1:
            pieces.append("\n")
        _system(pieces, checked.report, run.as_of)
        if checked.failed:
            failing.append(checked.report.source)
        emit(pieces)
    gate = run.gate
    pieces = Pieces()
    pieces.append("\n")
    if run.count > 1:
        pieces.append(f"Systems failing the gate: {len(failing)} of {run.count}")
        _line(pieces, ": " + ", ".join(terminal(f) for f in failing) if failing else "")
    pieces.append(
        f"Gate (--fail-on {gate.threshold}): {'FAILED' if gate.failed else 'passed'}",
        style="bold red" if gate.failed else "bold green",
    )
    pieces.append("\n")
    emit(pieces)


def _line(out: Pieces, text: str = "", style: str = "") -> None:
    out.append(text, style=style)
    out.append("\n")


def _system(out: Pieces, system: SystemReport, as_of: dt.date) -> None:
    out.append(terminal(system.system.name), style="bold")
    _line(out, f"  ({terminal(system.source)}, as of {as_of.isoformat()})", "dim")
    c = system.classification
    if c is not None:
        out.append("EU AI Act: ", style="bold")
        _line(out, tier_line(c))
        _line(out, f"  roles: {roles_line(c)}; {GPAI_LABEL[c.gpai]}")
        for reason in c.reasons:
            _line(out, f"  - {reason.conclusion} ({terminal(', '.join(reason.refs))})")
        if c.unanswered:
            _line(out, f"  - {len(c.unanswered)} screening question(s) unanswered")
    _line(out)
    _coverage(out, system)
    _findings(out, system)
    if system.deadlines:
        _line(out)
        _line(out, "Upcoming deadlines:", "bold")
        for d in system.deadlines:
            refs = terminal(", ".join(d.refs[:DEADLINE_REFS_SHOWN]))
            more = " ..." if len(d.refs) > DEADLINE_REFS_SHOWN else ""
            _line(out, f"  {d.date.isoformat()}  {terminal(d.label)}: {refs}{more}")


def _coverage(out: Pieces, system: SystemReport) -> None:
    rows = [("Framework", "Area", "Met", "Applicable", "Coverage")]
    for cov in system.coverage:
        rows.append(
            (
                terminal(cov.name),
                "all",
                str(cov.met),
                str(cov.applicable),
                percent(cov.met, cov.applicable),
            )
        )
        for group in top_groups(cov):
            rows.append(
                (
                    "",
                    terminal(group.ref or group.title),
                    str(group.met),
                    str(group.applicable),
                    percent(group.met, group.applicable),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(widths[i + 2]) for i, cell in enumerate(row[2:])]
        _line(out, "  ".join(cells).rstrip(), "bold" if n == 0 else "")
    for cov in system.coverage:
        if cov.pending:
            _line(
                out,
                f"{terminal(cov.name)}: {cov.pending} item(s) wait on unanswered screening "
                "questions",
            )


def _findings(out: Pieces, system: SystemReport) -> None:
    live = [f for f in system.findings if not f.waived]
    counts = ", ".join(f"{sum(1 for f in live if f.severity == s)} {s}" for s in SEVERITIES)
    waived = len(system.findings) - len(live)
    _line(out)
    out.append("Findings: ", style="bold")
    _line(out, counts + (f" ({waived} waived)" if waived else ""))
    for f in live[:FINDINGS_SHOWN]:
        out.append(f"  {f.severity.upper():<9}", style=STYLE[f.severity])
        _line(out, terminal(f.message) + _who_by_when(f))
    if len(live) > FINDINGS_SHOWN:
        _line(out, f"  ... and {len(live) - FINDINGS_SHOWN} more (see --format markdown or json)")


def _who_by_when(f: Finding) -> str:
    """The owner and target date a team gave the gap, as ' (owner: x, due 2027-06-30)'."""
    parts = [f"owner: {terminal(f.owner)}"] if f.owner else []
    if f.due is not None:
        parts.append(f"due {f.due.isoformat()}")
    return f" ({', '.join(parts)})" if parts else ""
