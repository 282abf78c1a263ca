"""Who signs the report off: the assessor, the scope and the approvers, asked last and
optional.

The report's sign-off block names them; without them it has blank lines and says which
field of the answers file to fill in.
"""

from __future__ import annotations

import re
from typing import Any

from aicheck.interview.asker import Answer, Prompt
from aicheck.interview.steps import StepContext, StepOutcome, Turn, command_outcome
from aicheck.models.answers import Approver

SIGN_OFF_HELP = {
    "assessor": (
        "The person who answered, or led the answers to, these questions. The report's "
        "sign-off names them beside the date. Enter leaves it for later."
    ),
    "scope": (
        "The report's first page states it, so a signer knows what the sign-off covers and "
        "what it does not, e.g. 'Support chat in the EU web shops, version 3; the phone bot "
        "is out of scope'. Enter leaves it for later."
    ),
    "approvers": (
        "Each approver gets a line to sign in the report, for example "
        "'Priya Raman (Head of Product); Jonas Becker (Data Protection Officer)'. "
        "Enter leaves it for later."
    ),
}
_APPROVER = re.compile(r"(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?")


def ask_sign_off(context: StepContext, turn: Turn) -> StepOutcome:
    field = turn.step.key[-1]
    given = context.answers.assessment
    if field in ("assessor", "scope"):
        current = getattr(given, field) if given is not None else None
    else:
        current = approvers_text(given.approvers) if given is not None else None
    reply = context.ask(
        Prompt(
            key=turn.step.key,
            kind="text",
            text=turn.step.text,
            section=turn.step.section,
            progress=None,
            help=SIGN_OFF_HELP[field],
            current=current or None,
            required=False,
            can_go_back=turn.can_go_back,
        )
    )
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    if reply.value is None or reply.value == current:
        return "unchanged"
    text = str(reply.value)
    if field in ("assessor", "scope"):
        context.writer.set_assessment({field: text})
    else:
        written = context.writer.get("assessment", "approvers")
        context.writer.set_assessment({"approvers": _as_written(parse_approvers(text), written)})
    context.save()
    return "changed"


def _as_written(approvers: list[Approver], written: Any) -> list[dict[str, Any]]:
    """The approvers to write: one already in the file (matched by name) keeps its other
    fields, such as ``x-email``, which the reply cannot show or retype."""
    before = {}
    if isinstance(written, list):
        before = {a.get("name"): a for a in written if isinstance(a, dict)}
    return [
        {
            **a.model_dump(exclude_none=True),
            **{k: v for k, v in before.get(a.name, {}).items() if k not in ("name", "role")},
        }
        for a in approvers
    ]


def approvers_text(approvers: tuple[Approver, ...]) -> str:
    return "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in approvers)


def parse_approvers(text: str) -> list[Approver]:
    """``Name (role); Name`` into approvers; a part that is not ``Name (role)`` is taken
    whole as the name, so no reply is lost."""
    found = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _APPROVER.fullmatch(part)
        if match is None:
            found.append(Approver(name=part))
            continue
        role = (match.group("role") or "").strip() or None
        found.append(Approver(name=match.group("name").strip(), role=role))
    return found
