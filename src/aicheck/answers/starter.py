"""The starter answers file `aicheck init` writes: every top-level screening question of the
default frameworks as an empty key, with its wording as a comment."""

from __future__ import annotations

import json
import textwrap

from aicheck.catalog.library import Library
from aicheck.models.catalog import Question

SCHEMA_NAME = "aicheck.schema.json"
WIDTH = 88


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# ",
        break_on_hyphens=False,
    )


def _question(q: Question, indent: str) -> list[str]:
    lines = _comment(q.text, indent)
    if q.options:
        kind = "one or more of" if q.type == "multi" else "one of"
        values = ", ".join(o.value for o in q.options)
        lines += _comment(f"({kind}: {values})", indent)
    elif q.type != "boolean":
        lines += _comment(f"({q.type})", indent)
    lines.append(f"{indent}{q.id}:")
    return lines


def starter(name: str, library: Library) -> str:
    chosen = [fw for fw in library.frameworks.values() if fw.default_selected]
    ids = ", ".join(fw.id for fw in chosen)
    quoted = json.dumps(name, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    lines = [
        f"# yaml-language-server: $schema=./{SCHEMA_NAME}",
        "# The aicheck answers file of one AI system. Keep it in git next to the system's code",
        "# and review changes like code. Format: docs/answers-file.md in the aicheck repository.",
        "# Check it with `aicheck check`; `aicheck frameworks show ID` explains every question",
        "# and control. An empty answer (`key:` with nothing after it) means not answered yet.",
        "aicheck: 1",
        "system:",
        f"  name: {quoted}",
        "  owner:          # team or person accountable, e.g. ml-platform@example.com",
        "  description:    # what the system does, for whom, and how its output is used",
        "",
        "# The frameworks to assess; `aicheck frameworks list` shows all of them.",
        f"frameworks: [{ids}]",
        "",
        "# Screening decides which obligations apply. Answer true or false unless a list of",
        "# values is given. While a question below is unanswered the outcome stays",
        "# `incomplete`. Follow-up questions (Annex III details, general-purpose AI models)",
        "# become due as you answer; `aicheck check` lists them under unanswered.",
        "screening:",
    ]
    for fw in chosen:
        top = [q for q in fw.questions if q.ask_when is None]
        if not top:
            continue
        lines.append(f"  {fw.id}:")
        for q in top:
            lines += _question(q, "    ")
    lines += [
        "",
        "# How far each applicable control is in place, per framework, for example:",
        "#   eu-ai-act:",
        "#     art-4:",
        "#       status: implemented   # implemented, partial, planned, not_implemented,",
        "#                             # or not_applicable (then add a justification)",
        "#       evidence: [docs/ai-literacy.md]   # files relative to this file, or URLs",
        "#       owner: hr-training@example.com",
        "#       reviewed: 2026-01-15",
        "controls: {}",
        "",
        "# Accepted gaps, each with an approver and an expiry date, for example:",
        "#   - control: nist-ai-rmf/MEASURE-2.12",
        "#     justification: Energy use is negligible for this model.",
        "#     approver: cto@example.com",
        "#     expires: 2027-06-30",
        "waivers: []",
    ]
    return "\n".join(lines) + "\n"
