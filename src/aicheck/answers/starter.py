"""The starter answers file `aicheck init` writes: every top-level screening question of the
default frameworks as an empty key, with its wording as a comment."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

from aicheck.catalog.library import Library
from aicheck.errors import AicheckError
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
    elif q.type == "date":
        lines += _comment("(date: YYYY-MM-DD)", indent)
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


def write_starter(path: Path, name: str, library: Library, say: Callable[[str], None]) -> None:
    """Write the starter file at ``path`` (never over a file) and its JSON Schema beside
    it, unless one is there; say what was written and what comes next."""
    from aicheck.answers.load import answers_from_document
    from aicheck.answers.schema import answers_schema_json
    from aicheck.files.atomic import create_exclusive, write_atomic
    from aicheck.files.paths import display_path
    from aicheck.files.yamlio import parse

    text = starter(name, library)
    # The starter must load; a name YAML cannot hold would be caught here, before writing.
    answers_from_document(parse(text, path), library)
    folder = path.parent if str(path.parent) else Path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AicheckError(
            f"cannot create the folder: {exc.strerror or exc}", path=folder
        ) from None
    # Whole or not at all, and never over a file: a full disk leaves no empty file behind
    # to block the next `init`.
    create_exclusive(path, text)
    say(f"aicheck: wrote {display_path(path)}")
    schema = folder / SCHEMA_NAME
    if schema.exists():
        say(
            f"aicheck: kept {display_path(schema)} "
            f"(refresh it with `aicheck schema -o {display_path(schema)}`)"
        )
    else:
        write_atomic(schema, answers_schema_json(library) + "\n")
        say(f"aicheck: wrote {display_path(schema)}")
    say(
        f"next: `aicheck assess {display_path(path)}` walks you through the questions; "
        f"then `aicheck check {display_path(path)}`"
    )
