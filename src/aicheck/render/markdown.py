"""The sign-off report as CommonMark; every piece of user text is escaped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from aicheck.models.report import ControlResult, Finding, Report, SystemReport
from aicheck.models.severity import SEVERITIES
from aicheck.render.escape import markdown_code as code
from aicheck.render.escape import markdown_inline as md
from aicheck.render.escape import markdown_prose as prose
from aicheck.render.summary import (
    GPAI_LABEL,
    percent,
    roles_line,
    state_label,
    tier_line,
    top_groups,
)

if TYPE_CHECKING:
    from aicheck.gate.verdict import GateResult
    from aicheck.render.options import RenderOptions

DISCLAIMER = (
    "This report is produced by aicheck from the team's own answers. It is a structured "
    "self-assessment, not legal advice: have qualified counsel confirm the classification "
    "and obligations before relying on it."
)


def render(report: Report, gate: GateResult, options: RenderOptions) -> str:
    parts = [_system(s, report) for s in report.systems]
    return "\n\n---\n\n".join(parts) + "\n"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _system(system: SystemReport, report: Report) -> str:
    info = system.system
    out = [f"# AI compliance report: {md(info.name)}", ""]
    out += [
        f"- **Answers file:** {code(system.source)}",
        f"- **Assessed as of:** {report.as_of.isoformat()}",
        f"- **Frameworks:** {', '.join(md(f) for f in system.frameworks)}",
    ]
    out.append(f"- **Owner:** {md(info.owner) if info.owner else '*not recorded*'}")
    out.append(f"- **Description:** {md(info.description) if info.description else '*none*'}")
    out += [f"- **aicheck version:** {report.tool_version}", ""]
    out += _summary(system)
    out += _classification(system)
    out += _obligations(system)
    out += _coverage(system)
    out += _answered(system)
    out += _gaps(system)
    out += _deadlines(system)
    out += _waivers(system, report.as_of)
    out += _screening(system)
    out += ["## About this report", "", DISCLAIMER]
    return "\n".join(out).rstrip("\n")


def _summary(system: SystemReport) -> list[str]:
    live = [f for f in system.findings if not f.waived]
    counts = ", ".join(f"{sum(1 for f in live if f.severity == s)} {s}" for s in SEVERITIES)
    waived = len(system.findings) - len(live)
    out = [
        "## Summary",
        "",
        f"Open findings: {counts}" + (f"; {waived} waived." if waived else "."),
    ]
    urgent = [f for f in live if f.severity in ("critical", "high")]
    if urgent:
        out += ["", "Act first on:", ""]
        out += [f"- {md(f.message)}" for f in urgent]
    return [*out, ""]


def _evidence(evidence: tuple[str, ...]) -> str:
    return ", ".join(code(e) for e in evidence) or "none"


def _reviewed(c: ControlResult) -> str:
    return "" if c.reviewed is None else c.reviewed.isoformat()


def _classification(system: SystemReport) -> list[str]:
    c = system.classification
    if c is None:
        return []
    out = ["## EU AI Act classification", "", f"**{md(tier_line(c))}**", ""]
    out += [f"- Roles: {md(roles_line(c))}", f"- General-purpose AI: {md(GPAI_LABEL[c.gpai])}"]
    if c.unanswered:
        out.append(f"- Unanswered screening questions: {', '.join(code(q) for q in c.unanswered)}")
    out.append("")
    if c.reasons:
        rows = [
            [md(r.conclusion), md(", ".join(r.refs)), ", ".join(code(a) for a in r.answers)]
            for r in c.reasons
        ]
        out += _table(["Conclusion", "Citation", "Answers that led to it"], rows)
    return out


def _obligations(system: SystemReport) -> list[str]:
    binding = [c for c in system.controls if c.binding]
    if not binding:
        return []
    rows = [
        [
            md(c.ref),
            md(c.title),
            state_label(c.state) + (" (waived)" if c.waived else ""),
            "in force" if c.in_force else f"from {c.applies_from}",
            md(c.owner) if c.owner else "",
            _evidence(c.evidence) if c.state != "unanswered" else "",
            _reviewed(c),
        ]
        for c in binding
    ]
    headers = ["Citation", "Obligation", "Status", "Applies", "Owner", "Evidence", "Reviewed"]
    return [
        "## Obligations that apply",
        "",
        *_table(headers, rows),
        *_notes(binding, owners=False),
    ]


def _answered(system: SystemReport) -> list[str]:
    """Voluntary controls the team answered, with what backs each answer."""
    answered = [c for c in system.controls if not c.binding and c.state != "unanswered"]
    if not answered:
        return []
    rows = [
        [
            md(c.ref),
            md(c.title),
            state_label(c.state) + (" (waived)" if c.waived else ""),
            _evidence(c.evidence) if c.state != "covered_by_crosswalk" else "",
            _reviewed(c),
        ]
        for c in answered
    ]
    headers = ["Citation", "Control", "Status", "Evidence", "Reviewed"]
    return ["## Voluntary controls answered", "", *_table(headers, rows), *_notes(answered)]


def _notes(controls: list[ControlResult], *, owners: bool = True) -> list[str]:
    """The team's notes and why what is not applicable does not apply; with ``owners``,
    also who owns each (where no column shows it)."""
    lines = []
    for c in controls:
        reason = c.justification if c.state == "not_applicable" else None
        if c.notes or reason or (owners and c.owner):
            who = f" (owner: {md(c.owner)})" if owners and c.owner else ""
            said = [f"not applicable: {md(reason)}"] if reason else []
            said += [md(c.notes)] if c.notes else []
            text = f": {'; '.join(said)}" if said else ""
            lines.append(f"- {md(c.ref)}{who}{text}")
    return ["Notes from the team:", "", *lines, ""] if lines else []


def _screening(system: SystemReport) -> list[str]:
    if not system.screening:
        return []
    rows = [[md(a.ref), md(a.question), _answer(a.answer)] for a in system.screening]
    return ["## Appendix: screening answers", "", *_table(["Citation", "Question", "Answer"], rows)]


def _answer(value: object) -> str:
    if value is None:
        return "*not answered*"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return md(", ".join(str(v).replace("_", " ") for v in value)) or "none"
    return md(str(value))


def _coverage(system: SystemReport) -> list[str]:
    out = ["## Coverage", ""]
    rows = []
    for cov in system.coverage:
        rows.append(
            [
                f"**{md(cov.name)}**",
                "all",
                f"{cov.met}/{cov.applicable}",
                percent(cov.met, cov.applicable),
            ]
        )
        for g in top_groups(cov):
            area = (
                g.title if not g.ref or g.ref.lower() == g.title.lower() else f"{g.ref}: {g.title}"
            )
            rows.append(["", md(area), f"{g.met}/{g.applicable}", percent(g.met, g.applicable)])
    out += _table(["Framework", "Area", "Met", "Coverage"], rows)
    for cov in system.coverage:
        if cov.pending:
            out += [
                f"{md(cov.name)}: {cov.pending} item(s) wait on unanswered screening questions.",
                "",
            ]
    credited = [c for c in system.controls if c.state == "covered_by_crosswalk"]
    if credited:
        out.append(
            "Covered by crosswalk (not answered directly; credited through an "
            "equivalent implemented control):"
        )
        out.append("")
        out += [f"- {md(c.ref)} via {', '.join(code(x) for x in c.covered_by)}" for c in credited]
        out.append("")
    return out


def _gaps(system: SystemReport) -> list[str]:
    out = ["## Gaps by severity", ""]
    live = [f for f in system.findings if not f.waived]
    if not live:
        return [*out, "No open findings.", ""]
    unanswered_voluntary = {
        (c.framework, c.id) for c in system.controls if c.state == "unanswered" and not c.binding
    }
    for severity in SEVERITIES:
        chosen = [f for f in live if f.severity == severity]
        if not chosen:
            continue
        out += [f"### {severity.capitalize()} ({len(chosen)})", ""]
        # Voluntary controls nobody has answered yet read best as one list to work
        # through; the catalog's explanation of each is in `aicheck frameworks show`.
        listed = [
            f for f in chosen if f.kind == "gap" and (f.framework, f.item) in unanswered_voluntary
        ]
        for f in chosen:
            if f not in listed:
                out += _gap_entry(f)
        if listed:
            if len(listed) < len(chosen):
                out.append("")
            out += [f"Voluntary controls not answered yet ({len(listed)}):", ""]
            out += _table(
                ["Citation", "Control", "Framework"],
                [[md(f.ref or ""), md(f.title), code(f.framework)] for f in listed],
            )
        else:
            out.append("")
    return out


def _gap_entry(f: Finding) -> list[str]:
    # The finding's message quotes answers-file text, so it is escaped in full;
    # description, remedy and penalty are aicheck's or the catalog's own words.
    cite = f"{md(f.ref)}: " if f.ref else ""
    detail = f.message.removeprefix(f"{f.ref} {f.title}: ").removeprefix(f"{f.ref}: ")
    out = [f"- **{cite}{md(f.title)}**: {md(detail)}."]
    if f.description:
        out.append(f"  - What it requires: {prose(f.description)}")
    if f.remedy:
        out.append(f"  - Evidence expected / next step: {prose(f.remedy)}")
    if f.penalty:
        out.append(f"  - At stake: {prose(f.penalty)}")
    if f.owner:
        out.append(f"  - Owner: {md(f.owner)}")
    return out


def _deadlines(system: SystemReport) -> list[str]:
    if not system.deadlines:
        return []
    rows = [
        [d.date.isoformat(), md(d.label), md(", ".join(d.refs)), md(d.source)]
        for d in system.deadlines
    ]
    return [
        "## Upcoming deadlines",
        "",
        *_table(["Date", "What", "Citations", "Legal source"], rows),
    ]


def _waivers(system: SystemReport, as_of: dt.date) -> list[str]:
    if not system.waivers:
        return []
    rows = [
        [
            md(w.control),
            "active" if w.expires >= as_of else "**expired**",
            md(w.justification),
            md(w.approver),
            w.expires.isoformat(),
        ]
        for w in system.waivers
    ]
    headers = ["Control", "Status", "Justification", "Approver", "Expires"]
    return ["## Waivers", "", *_table(headers, rows)]
