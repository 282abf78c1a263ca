"""The sign-off report as one self-contained HTML page, printable on A4.

Same content as the Markdown report (render/signoff.py, render/wording.py), laid out
for paper: the first page, the sign-off on a page of its own, then the appendices.
Every piece of text goes through esc(); nothing is fetched, nothing runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicheck.models.caveats import NOT_MODELLED, NOT_MODELLED_INTRO
from aicheck.models.report import ControlResult, Report
from aicheck.render.html_page import esc, page, prose, stacked_bar, table
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
    systems = [build(report, i, gate) for i in range(len(report.systems))]
    body = '\n<hr class="page">\n'.join(_system(s, report) for s in systems)
    title = "AI compliance report: " + ", ".join(s.system.system.name for s in systems)
    return page(title, body)


def _code(text: str) -> str:
    return f"<code>{esc(text)}</code>"


def _date(value: object) -> str:
    return "in force" if value is None else esc(value)


def _system(s: SignOff, report: Report) -> str:
    appendices = (
        _reasons(s),
        _obligations(s),
        _coverage(s),
        _voluntary(s),
        _penalties(s),
        _waivers(s),
        _screening(s),
        _provenance(s, report),
    )
    parts = [
        _first_page(s),
        _provider(s),
        _sign_off(s),
        '<section class="page">',
        *(lettered(a, index) for index, a in enumerate(a for a in appendices if a)),
        "</section>",
    ]
    return "\n".join(p for p in parts if p)


def _first_page(s: SignOff) -> str:
    system = s.system
    info = system.system
    c = system.classification
    scope = system.assessment.scope if system.assessment else None
    facts = [
        ["System", esc(info.name) + (f": {esc(info.description)}" if info.description else "")],
        ["Scope", esc(scope) if scope else '<span class="muted">not stated</span>'],
        ["Owner", esc(info.owner) if info.owner else '<span class="muted">not recorded</span>'],
        ["Link to the EU", esc(markets(system))],
        ["Roles", esc(roles_line(c)) if c else "EU AI Act not assessed"],
        ["Answers file", f"{_code(system.source)}, {esc(file_line(system.file))}"],
    ]
    if system.file is not None:
        facts.append(["SHA-256", _code(system.file.sha256)])
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in facts)
    out = [
        f"<h1>AI compliance report: {esc(info.name)}</h1>",
        f'<p class="muted">Assessed as of {esc(s.as_of.isoformat())} against '
        + esc(", ".join(cov.name for cov in system.coverage))
        + ".</p>",
        f'<table class="facts"><tbody>{rows}</tbody></table>',
    ]
    if s.tier is not None:
        out.append(
            f"<p><strong>EU AI Act tier:</strong> {esc(basis_sentence(s.tier, s.legal_basis))}</p>"
        )
    state = "none" if s.gate.threshold == "none" else "failed" if s.gate.failed else "passed"
    out.append(
        f'<div class="verdict {state}"><strong>{esc(gate_line(s.gate))}</strong> '
        f"{esc(counts_line(s))}</div>"
    )
    out.append("<h2>The plan</h2>")
    if s.plan:
        rows_html = [
            [
                str(n),
                f'<span class="sev {esc(i.severity)}">{esc(i.severity)}</span>',
                esc(f"{i.ref} {i.title}".strip()),
                esc(i.problem),
                _date(in_force_or(i.legal_date, s.as_of)) if i.binding else "voluntary",
                esc(i.owner) if i.owner else '<span class="muted">not set</span>',
                esc(i.due.isoformat()) if i.due else '<span class="muted">not set</span>',
                prose(i.remedy or ""),
            ]
            for n, i in enumerate(s.plan, 1)
        ]
        headers = ["#", "Severity", "Item", "Gap", "Law applies", "Owner", "Target", "Next step"]
        out.append(table(headers, rows_html, css_class="plan"))
    else:
        out.append("<p>Nothing open.</p>")
    out.append("<h2>Next legal deadlines</h2>")
    if s.next_deadlines:
        items = "".join(
            f"<li><strong>{esc(d.date.isoformat())}</strong>: {esc(d.label)} "
            f"({len(d.refs)} of this system's duties)</li>"
            for d in s.next_deadlines
        )
        out.append(f"<ul>{items}</ul>")
    else:
        out.append("<p>None still to come: every duty that applies is in force.</p>")
    return "\n".join(out)


def _provider(s: SignOff) -> str:
    if not s.provider_documents:
        return ""
    name = s.provider_name or "not named: add provider.name"
    rows = [
        [esc(d.label), "held" if d.held else '<span class="missing">missing</span>']
        for d in s.provider_documents
    ]
    return f"<h2>What to get from your provider ({esc(name)})</h2>" + table(
        ["Document", "You hold it"], rows
    )


def _sign_off(s: SignOff) -> str:
    a = s.system.assessment
    approvers = [] if a is None else list(a.approvers)
    rows = [[esc(p.name), esc(p.role or ""), "", ""] for p in approvers] or [["", "", "", ""]]
    return (
        '<section class="signoff"><h2>Sign-off</h2>'
        f"<p>{esc(signed_by(a, s.as_of))}</p>"
        f"<p><strong>System:</strong> {esc(s.system.system.name)}. "
        f"<strong>Answers file:</strong> {_code(s.system.source)}"
        + (f", SHA-256 {_code(s.system.file.sha256)}" if s.system.file else "")
        + ".</p>"
        + table(["Name", "Role", "Date", "Signature"], rows)
        + "</section>"
    )


def _reasons(s: SignOff) -> str:
    c = s.system.classification
    if c is None:
        return ""
    out = [
        "<h2>Appendix ?: why this tier</h2>",
        f"<p>General-purpose AI: {esc(GPAI_LABEL[c.gpai])}.</p>",
    ]
    if c.unanswered:
        out.append(
            "<p>Unanswered screening questions: "
            + ", ".join(_code(q) for q in c.unanswered)
            + "</p>"
        )
    rows = [
        [esc(r.conclusion), esc(", ".join(r.refs)), ", ".join(_code(a) for a in r.answers)]
        for r in c.reasons
    ]
    if rows:
        out.append(table(["Conclusion", "Citation", "Answers"], rows))
    return "\n".join(out)


def _evidence(c: ControlResult) -> str:
    if c.state in ("unanswered", "covered_by_crosswalk"):
        return ""
    return ", ".join(_code(e) for e in c.evidence) or "none"


def _notes(controls: tuple[ControlResult, ...]) -> str:
    items = []
    for c in controls:
        said = [f"not applicable: {c.justification}"] if c.justification else []
        said += [c.notes] if c.notes else []
        if said:
            items.append(f"<li>{esc(c.ref)}: {esc('; '.join(said))}</li>")
    return f"<p>Notes from the team:</p><ul>{''.join(items)}</ul>" if items else ""


def _obligations(s: SignOff) -> str:
    if not s.obligations:
        return ""
    rows = [
        [
            esc(c.ref),
            esc(c.title),
            esc(state_label(c.state) + (" (waived)" if c.waived else "")),
            _date(None if c.in_force else c.applies_from),
            esc(c.owner or ""),
            _evidence(c),
            esc(c.reviewed.isoformat() if c.reviewed else ""),
            prose(s.remedy(c)),
        ]
        for c in s.obligations
    ]
    headers = ["Citation", "Obligation", "Status", "Applies", "Owner", "Evidence", "Reviewed"]
    headers.append("What closes it")
    return (
        "<h2>Appendix ?: obligations</h2>"
        + table(headers, rows, css_class="obligations")
        + _notes(s.obligations)
    )


def _coverage(s: SignOff) -> str:
    out = ['<h2>Appendix ?: coverage</h2><div class="bars">']
    for cov in s.system.coverage:
        parts = [
            ("met", cov.met),
            ("partly done or planned", cov.partial),
            ("missing or unanswered", cov.missing),
            ("waiting on screening", cov.pending),
        ]
        out.append(stacked_bar(f"{cov.name}, {cov.met} of {cov.applicable} met", parts))
    out.append("</div>")
    rows = []
    for cov in s.system.coverage:
        rows.append(
            [
                f"<strong>{esc(cov.name)}</strong>",
                f"{cov.met}/{cov.applicable}",
                percent(cov.met, cov.applicable),
            ]
        )
        rows += [
            [esc(g.title), f"{g.met}/{g.applicable}", percent(g.met, g.applicable)]
            for g in top_groups(cov)
        ]
    out.append(table(["Framework or area", "Met", "Coverage"], rows))
    return "\n".join(out)


def _voluntary(s: SignOff) -> str:
    if not (s.voluntary_answered or s.voluntary_unanswered):
        return ""
    out = ["<h2>Appendix ?: voluntary frameworks</h2>"]
    if s.voluntary_answered:
        rows = [
            [esc(c.ref), esc(c.title), esc(state_label(c.state)), _evidence(c)]
            for c in s.voluntary_answered
        ]
        out.append(table(["Citation", "Control", "Status", "Evidence"], rows))
        out.append(_notes(s.voluntary_answered))
    if s.voluntary_unanswered:
        out.append("<p>Not answered yet, by group (<code>aicheck assess</code> asks them):</p>")
        rows = [
            [
                esc(g.framework),
                esc(g.group),
                str(g.unanswered),
                esc(", ".join(g.refs[:3]) + (", ..." if len(g.refs) > 3 else "")),
            ]
            for g in s.voluntary_unanswered
        ]
        out.append(table(["Framework", "Group", "Unanswered", "For example"], rows))
    return "\n".join(out)


def _penalties(s: SignOff) -> str:
    if not s.penalties:
        return ""
    rows = [[esc(p.ref), esc(", ".join(p.duties)), esc(p.sentence)] for p in s.penalties]
    return "<h2>Appendix ?: fines at stake</h2>" + table(["Article", "Open duties", "Fine"], rows)


def _waivers(s: SignOff) -> str:
    if not s.system.waivers:
        return ""
    rows = [
        [
            esc(w.control),
            "active" if w.expires >= s.as_of else '<span class="missing">expired</span>',
            esc(w.justification),
            esc(w.approver),
            esc(w.expires.isoformat()),
        ]
        for w in s.system.waivers
    ]
    headers = ["Control", "Status", "Justification", "Approver", "Expires"]
    return "<h2>Appendix ?: waivers</h2>" + table(headers, rows)


def _screening(s: SignOff) -> str:
    answers = s.system.screening
    if not answers:
        return ""
    rows = [[esc(a.ref), esc(a.question), esc(answer_text(a.answer))] for a in answers]
    return "<h2>Appendix ?: screening answers</h2>" + table(
        ["Citation", "Question", "Answer"], rows
    )


def _provenance(s: SignOff, report: Report) -> str:
    rows = [
        [esc(c.name), esc(c.title), esc(c.version), esc(c.last_checked.isoformat())]
        for c in report.catalogs
        if c.framework in s.system.frameworks
    ]
    caveats = "".join(f"<li>{esc(item)}</li>" for item in NOT_MODELLED)
    return (
        "<h2>Appendix ?: provenance</h2>"
        + table(["Framework", "Source", "Catalog version", "Last checked"], rows)
        + f"<p>aicheck {esc(s.tool_version)}; assessed as of {esc(s.as_of.isoformat())}.</p>"
        + f"<p>Not modelled yet. {esc(NOT_MODELLED_INTRO)}</p><ul>{caveats}</ul>"
        + f'<p class="muted">{esc(DISCLAIMER)}</p>'
    )
