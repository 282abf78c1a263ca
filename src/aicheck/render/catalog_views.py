"""Views of the catalogs for `aicheck frameworks list|show`."""

from __future__ import annotations

import json

from aicheck.catalog.library import Library
from aicheck.models.catalog import Framework
from aicheck.render.escape import markdown_code, markdown_inline, terminal

_COLUMNS = ("id", "name", "version", "groups", "questions", "controls", "overlay", "government")


LEGEND = (
    "CONTROLS: for teams; those that apply to a system are asked.  OVERLAY: only when\n"
    "the overlay applies (such as NIST AI 600-1, for generative AI).  GOVT: addressed to\n"
    "governments, listed but never asked."
)


def control_counts(fw: Framework) -> tuple[int, int, int]:
    """Controls for teams, those of an optional overlay (such as NIST AI 600-1,
    for generative systems) and those addressed to governments."""
    overlays = {g.id for g in fw.groups if g.kind == "overlay"}
    government = sum(1 for c in fw.controls if c.audience == "government")
    overlay = sum(1 for c in fw.controls if c.group in overlays and c.audience != "government")
    return len(fw.controls) - overlay - government, overlay, government


def framework_rows(library: Library) -> list[dict[str, str | int]]:
    rows: list[dict[str, str | int]] = []
    for fw in sorted(library.frameworks.values(), key=lambda f: f.id):
        core, overlay, government = control_counts(fw)
        rows.append(
            {
                "id": fw.id,
                "name": fw.name,
                "version": fw.version,
                "binding": "binding" if fw.binding else "voluntary",
                "groups": len(fw.groups),
                "questions": len(fw.questions),
                "controls": core,
                "overlay": overlay,
                "government": government,
                "source": library.sources[fw.id].name,
            }
        )
    return rows


def list_text(library: Library) -> str:
    rows = framework_rows(library)
    headers = ("ID", "NAME", "VERSION", "GROUPS", "QUESTIONS", "CONTROLS", "OVERLAY", "GOVT")
    table = [headers] + [tuple(terminal(str(r[c])) for c in _COLUMNS) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    lines = []
    for row in table:
        cells = [
            cell.rjust(widths[i]) if i >= 3 else cell.ljust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join([*lines, "", LEGEND])


def list_json(library: Library) -> str:
    return json.dumps(framework_rows(library), indent=2)


def list_markdown(library: Library) -> str:
    rows = framework_rows(library)
    lines = [
        "| id | name | version | groups | questions | controls | overlay | government |",
        "|---|---|---|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append("| " + " | ".join(markdown_inline(str(r[c])) for c in _COLUMNS) + " |")
    return "\n".join(lines)


def framework_text(fw: Framework) -> str:
    """Every question and control with the id to use in an answers file."""
    lines = [
        f"{terminal(fw.name)} ({fw.id}), version {terminal(fw.version)}",
        terminal(fw.title),
        f"{'Binding' if fw.binding else 'Voluntary'}; last checked {fw.last_checked.isoformat()}",
        str(fw.url),
        "",
        f"The first column is the key to use in an answers file, under screening: {fw.id}:",
        f"for a question and under controls: {fw.id}: for a control.",
        "",
    ]
    if fw.questions:
        width = max(len(q.id) for q in fw.questions)
        lines.append(f"Screening questions ({len(fw.questions)}):")
        for q in fw.questions:
            lines.append(f"  {q.id:<{width}}  {q.ref}  {terminal(q.text)}")
        lines.append("")
    width = max(len(c.id) for c in fw.controls)
    by_group: dict[str | None, list[str]] = {}
    for c in fw.controls:
        extra = " [government]" if c.audience == "government" else ""
        line = f"    {c.id:<{width}}  {c.ref}  {terminal(c.title)}{extra}"
        by_group.setdefault(c.group, []).append(line)
    core, overlay, government = control_counts(fw)
    parts = [f"{core} for teams"]
    if overlay:
        parts.append(f"{overlay} in an overlay")
    if government:
        parts.append(f"{government} for governments")
    lines.append(f"Controls ({len(fw.controls)}: {', '.join(parts)}):")
    for group in fw.groups:
        if group.id in by_group:
            lines.append(f"  {terminal(group.title)}" + (f" ({group.ref})" if group.ref else ""))
            lines += by_group.pop(group.id)
    for rest in by_group.values():
        lines += rest
    lines += ["", "Full wording, help and evidence guidance: --format markdown or json."]
    return "\n".join(lines)


def framework_json(fw: Framework) -> str:
    return fw.model_dump_json(indent=2, by_alias=True, exclude_none=True)


def framework_markdown(fw: Framework) -> str:
    out = [
        f"# {markdown_inline(fw.name)}",
        "",
        f"{markdown_inline(fw.title)}. Version {markdown_inline(fw.version)}; "
        f"{'binding' if fw.binding else 'voluntary'}; last checked {fw.last_checked.isoformat()}.",
        "",
        markdown_inline(fw.summary),
        "",
    ]
    if fw.questions:
        out += [
            "## Screening questions",
            "",
            "| id | ref | question | why we ask |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {markdown_code(q.id)} | {markdown_inline(q.ref)} | {markdown_inline(q.text)} "
            f"| {markdown_inline(q.help)} |"
            for q in fw.questions
        ]
        out.append("")
    out += [
        "## Controls",
        "",
        "| id | ref | title | question | evidence that shows it |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {markdown_code(c.id)} | {markdown_inline(c.ref)} | {markdown_inline(c.title)} "
        f"| {markdown_inline(c.question)} | {markdown_inline(c.guidance)} |"
        for c in fw.controls
    ]
    return "\n".join(out)
