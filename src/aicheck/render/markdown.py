"""The sign-off report as GitHub-flavoured Markdown; every piece of user text is escaped.

One page first (system, tier, gate, the plan, the next deadlines), then the sign-off,
then appendices. What it says comes from render/signoff.py, shared with the HTML report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicheck.models.caveats import NOT_MODELLED, NOT_MODELLED_INTRO
from aicheck.models.report import ControlResult, Report
from aicheck.render import mermaid
from aicheck.render.escape import markdown_code as code
from aicheck.render.escape import markdown_inline as md
from aicheck.render.escape import markdown_prose as prose
from aicheck.render.signoff import SignOff, build
from aicheck.render.summary import GPAI_LABEL, percent, roles_line, state_label, top_groups
from aicheck.render.wording import (
    DISCLAIMER,
    answer_text,
    basis_sentence,
    counts_line,
    file_line,
    gate_line,
    in_force_or,
    lettered,
    markets,
    signed_by,
)

if TYPE_CHECKING:
    from aicheck.gate.verdict import GateResult
    from aicheck.render.options import RenderOptions


def render(report: Report, gate: GateResult, options: RenderOptions) -> str:
    parts = [_system(build(report, i, gate), report) for i in range(len(report.systems))]
    return "\n\n---\n\n".join(parts) + "\n"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _date(value: object) -> str:
    return "in force" if value is None else str(value)


def _system(s: SignOff, report: Report) -> str:
    out = _first_page(s)
    out += _provider(s)
    out += _sign_off(s)
    appendices = (
        _reasons(s),
        _obligations(s),
        _pictures(s),
        _voluntary(s),
        _penalties(s),
        _waivers(s),
        _screening(s),
        _provenance(s, report),
    )
    for index, lines in enumerate(a for a in appendices if a):
        out += [lettered(lines[0], index), *lines[1:]]
    return "\n".join(out).rstrip("\n")


def _first_page(s: SignOff) -> list[str]:
    system = s.system
    info = system.system
    scope = system.assessment.scope if system.assessment else None
    c = system.classification
    rows = [
        ["System", md(info.name) + (f": {md(info.description)}" if info.description else "")],
        ["Scope", md(scope) if scope else "*not stated (`assessment.scope`)*"],
        ["Owner", md(info.owner) if info.owner else "*not recorded*"],
        ["Link to the EU", md(markets(system))],
        ["Roles", md(roles_line(c))] if c else ["Roles", "*EU AI Act not assessed*"],
        ["Answers file", f"{code(system.source)}, {md(file_line(system.file))}"],
    ]
    if system.file is not None:
        rows.append(["SHA-256", code(system.file.sha256)])
    out = [f"# AI compliance report: {md(info.name)}", ""]
    out += [
        f"Assessed as of {s.as_of.isoformat()} against "
        + ", ".join(md(c.name) for c in system.coverage)
        + ".",
        "",
    ]
    out += _table(["", ""], rows)
    if s.tier is not None:
        out += [f"**EU AI Act tier:** {md(basis_sentence(s.tier, s.legal_basis))}", ""]
    out += [f"**{md(gate_line(s.gate))}** {md(counts_line(s))}", ""]
    out += ["## The plan", ""]
    if s.plan:
        rows = [
            [
                str(n),
                i.severity,
                md(f"{i.ref} {i.title}".strip()),
                md(i.problem),
                _date(in_force_or(i.legal_date, s.as_of)) if i.binding else "voluntary",
                md(i.owner) if i.owner else "*not set*",
                i.due.isoformat() if i.due else "*not set*",
                prose(i.remedy) if i.remedy else "",
            ]
            for n, i in enumerate(s.plan, 1)
        ]
        headers = ["#", "Severity", "Item", "Gap", "Law applies", "Owner", "Target", "Next step"]
        out += _table(headers, rows)
    else:
        out += ["Nothing open.", ""]
    out += ["## Next legal deadlines", ""]
    if s.next_deadlines:
        out += [
            f"- **{d.date.isoformat()}**: {md(d.label)} ({len(d.refs)} of this system's duties)"
            for d in s.next_deadlines
        ]
        out.append("")
    else:
        out += ["None still to come: every duty that applies is in force.", ""]
    return out


def _provider(s: SignOff) -> list[str]:
    if not s.provider_documents:
        return []
    name = s.provider_name or "not named: add `provider.name`"
    rows = [[md(d.label), "held" if d.held else "**missing**"] for d in s.provider_documents]
    return [
        f"## What to get from your provider ({md(name)})",
        "",
        *_table(["Document", "You hold it"], rows),
    ]


def _sign_off(s: SignOff) -> list[str]:
    a = s.system.assessment
    out = ["## Sign-off", "", md(signed_by(a, s.as_of)), ""]
    approvers = [] if a is None else list(a.approvers)
    rows = [[md(p.name), md(p.role or ""), "", ""] for p in approvers] or [["", "", "", ""]]
    return [*out, *_table(["Name", "Role", "Date", "Signature"], rows)]


def _reasons(s: SignOff) -> list[str]:
    c = s.system.classification
    if c is None:
        return []
    out = ["## Appendix ?: why this tier", ""]
    out += [f"General-purpose AI: {md(GPAI_LABEL[c.gpai])}.", ""]
    if c.unanswered:
        out += [f"Unanswered screening questions: {', '.join(code(q) for q in c.unanswered)}", ""]
    rows = [
        [md(r.conclusion), md(", ".join(r.refs)), ", ".join(code(a) for a in r.answers)]
        for r in c.reasons
    ]
    return [*out, *_table(["Conclusion", "Citation", "Answers"], rows)] if rows else out


def _evidence(c: ControlResult) -> str:
    if c.state in ("unanswered", "covered_by_crosswalk"):
        return ""
    return ", ".join(code(e) for e in c.evidence) or "none"


def _obligations(s: SignOff) -> list[str]:
    if not s.obligations:
        return []
    rows = [
        [
            md(c.ref),
            md(c.title),
            state_label(c.state) + (" (waived)" if c.waived else ""),
            _date(c.applies_from if not c.in_force else None),
            md(c.owner) if c.owner else "",
            _evidence(c),
            c.reviewed.isoformat() if c.reviewed else "",
            prose(s.remedy(c)),
        ]
        for c in s.obligations
    ]
    headers = ["Citation", "Obligation", "Status", "Applies", "Owner", "Evidence", "Reviewed"]
    headers.append("What closes it")
    return ["## Appendix ?: obligations", "", *_table(headers, rows), *_notes(s.obligations)]


def _notes(controls: tuple[ControlResult, ...]) -> list[str]:
    lines = []
    for c in controls:
        said = [f"not applicable: {md(c.justification)}"] if c.justification else []
        said += [md(c.notes)] if c.notes else []
        if said:
            lines.append(f"- {md(c.ref)}: {'; '.join(said)}")
    return ["Notes from the team:", "", *lines, ""] if lines else []


def _pictures(s: SignOff) -> list[str]:
    out = ["## Appendix ?: coverage and timeline", ""]
    for cov in s.system.coverage:
        out += ["```mermaid", *mermaid.coverage_pie(cov), "```", ""]
    timeline = mermaid.timeline(s.system, s.as_of)
    if timeline:
        out += ["```mermaid", *timeline, "```", ""]
    rows = []
    for cov in s.system.coverage:
        rows.append(
            [f"**{md(cov.name)}**", f"{cov.met}/{cov.applicable}", percent(cov.met, cov.applicable)]
        )
        rows += [
            [md(g.title), f"{g.met}/{g.applicable}", percent(g.met, g.applicable)]
            for g in top_groups(cov)
        ]
    return [*out, *_table(["Framework or area", "Met", "Coverage"], rows)]


def _voluntary(s: SignOff) -> list[str]:
    if not (s.voluntary_answered or s.voluntary_unanswered):
        return []
    out = ["## Appendix ?: voluntary frameworks", ""]
    if s.voluntary_answered:
        rows = [
            [md(c.ref), md(c.title), state_label(c.state), _evidence(c)]
            for c in s.voluntary_answered
        ]
        out += _table(["Citation", "Control", "Status", "Evidence"], rows)
        out += _notes(s.voluntary_answered)
    if s.voluntary_unanswered:
        out += ["Not answered yet, by group (`aicheck assess` asks them):", ""]
        rows = [
            [
                md(g.framework),
                md(g.group),
                str(g.unanswered),
                md(", ".join(g.refs[:3]) + (", ..." if len(g.refs) > 3 else "")),
            ]
            for g in s.voluntary_unanswered
        ]
        out += _table(["Framework", "Group", "Unanswered", "For example"], rows)
    return out


def _penalties(s: SignOff) -> list[str]:
    if not s.penalties:
        return []
    rows = [[md(p.ref), md(", ".join(p.duties)), md(p.sentence)] for p in s.penalties]
    return ["## Appendix ?: fines at stake", "", *_table(["Article", "Open duties", "Fine"], rows)]


def _waivers(s: SignOff) -> list[str]:
    waivers = s.system.waivers
    if not waivers:
        return []
    rows = [
        [
            md(w.control),
            "active" if w.expires >= s.as_of else "**expired**",
            md(w.justification),
            md(w.approver),
            w.expires.isoformat(),
        ]
        for w in waivers
    ]
    headers = ["Control", "Status", "Justification", "Approver", "Expires"]
    return ["## Appendix ?: waivers", "", *_table(headers, rows)]


def _screening(s: SignOff) -> list[str]:
    answers = s.system.screening
    if not answers:
        return []
    # Every question with its full wording: a "no" is only as good as the question's
    # conditions, which the signer must be able to read.
    rows = [[md(a.ref), md(a.question), md(answer_text(a.answer))] for a in answers]
    return [
        "## Appendix ?: screening answers",
        "",
        *_table(["Citation", "Question", "Answer"], rows),
    ]


def _provenance(s: SignOff, report: Report) -> list[str]:
    rows = [
        [md(c.name), md(c.title), md(c.version), c.last_checked.isoformat()]
        for c in report.catalogs
        if c.framework in s.system.frameworks
    ]
    out = ["## Appendix ?: provenance", ""]
    out += _table(["Framework", "Source", "Catalog version", "Last checked"], rows)
    out += [f"aicheck {md(s.tool_version)}; assessed as of {s.as_of.isoformat()}.", ""]
    out += ["Not modelled yet. " + md(NOT_MODELLED_INTRO), ""]
    out += [f"- {md(item)}" for item in NOT_MODELLED]
    return [*out, "", md(DISCLAIMER)]
