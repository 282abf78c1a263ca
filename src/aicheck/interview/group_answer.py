"""One answer for many controls: a whole category, or the rest of a section (``r``).

The status is asked once, then the follow-ups it calls for, once: why it does not apply,
the evidence (added to what each control already lists), who closes the gaps and by
when.  Only then is every control written, each with ``answered_for`` naming the group,
so the file shows that the answer was given for the group as a whole: a control counts
as in place only when someone said so for it or for its whole group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from aicheck.interview.asker import (
    CATEGORY_CHOICES,
    DETAIL,
    STATUS_CHOICES,
    STATUS_WORDS,
    Answer,
    Command,
    Item,
    Prompt,
    Reply,
)
from aicheck.interview.follow_ups import GAP_STATUSES, IN_PLACE
from aicheck.interview.state import control_answers
from aicheck.interview.steps import StepContext, StepOutcome, Turn, command_outcome
from aicheck.models.catalog import Control

PromptMaker = Callable[..., Prompt]
T = TypeVar("T")


def ask_category(context: StepContext, turn: Turn) -> StepOutcome:
    """A voluntary framework's group (a NIST category): one status for all its items, or
    ``p``/``d`` to answer them one by one."""
    step = turn.step
    existing = control_answers(step, context.answers)
    common = _shared([a.status if a else None for a in existing])
    reviewed = _shared([a.reviewed if a else None for a in existing])
    current = None
    if common is not None:
        current = STATUS_WORDS[common]
        current += f" (reviewed {reviewed.isoformat()})" if isinstance(reviewed, dt.date) else ""
    prompt = Prompt(
        key=step.key,
        kind="category",
        text=f"{step.text} ({len(step.controls)} items; p or d asks each one)",
        section=step.section,
        progress=turn.progress,
        citation=step.citation,
        title=step.section.title,
        help=_group_summary(context, turn),
        choices=CATEGORY_CHOICES,
        items=_items(step.controls),
        current=current,
        can_go_back=turn.can_go_back,
        takes_note=True,
    )
    while True:  # 'b' in a follow-up comes back here
        reply = context.ask(prompt)
        if reply is Command.KEEP and common is not None:
            reply = Answer(common)
        if not isinstance(reply, Answer):
            return command_outcome(reply)
        status = str(reply.value)
        if status in (DETAIL, "partial"):
            return "detail"
        outcome = answer_together(context, turn, step.controls, step.key[-1], status, reply.note)
        if outcome != "back":
            return outcome


def answer_rest(context: StepContext, turn: Turn) -> StepOutcome:
    """``r`` at a control: one answer for it and the rest of its section still to answer."""
    controls = [s.control for s in turn.rest if s.control is not None]
    section = turn.step.section
    prompt = Prompt(
        key=turn.step.key,
        kind="status",
        text=f"One answer for these {len(controls)} items of {section.title}:",
        section=section,
        progress=turn.progress,
        citation=section.ref,
        items=_items(controls),
        choices=STATUS_CHOICES,
        takes_note=True,
    )
    reply = context.ask(prompt)
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    group = section.id or controls[0].group or ""
    return answer_together(context, turn, controls, group, str(reply.value), reply.note)


def answer_together(
    context: StepContext,
    turn: Turn,
    controls: Sequence[Control],
    group: str,
    status: str,
    note: str | None,
) -> StepOutcome:
    """Ask the follow-ups ``status`` calls for once, then write every control."""
    fid = turn.step.framework
    assert fid is not None
    given = context.answers.controls.get(fid, {})
    existing = [given.get(c.id) for c in controls]
    updates: dict[str, object] = {"status": status, "reviewed": context.reviewed_on}
    if group:
        updates["answered_for"] = group
    remove: list[str] = []

    def prompt(kind: str, text: str, current: str | None, **extra: object) -> Prompt:
        return Prompt(
            key=turn.step.key,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            section=turn.step.section,
            progress=turn.progress,
            current=current,
            **extra,  # type: ignore[arg-type]
        )

    if status == "not_applicable":
        reasons = _shared([a.justification if a else None for a in existing])
        reply = context.ask(
            prompt(
                "justification", "Why do they not apply to this system?", reasons, can_skip=False
            )
        )
        if reply is Command.KEEP and reasons is not None:
            reply = Answer(reasons)
        if not isinstance(reply, Answer):
            return command_outcome(reply)
        updates["justification"] = str(reply.value)
    else:
        remove.append("justification")
    added: tuple[str, ...] = ()
    if status in IN_PLACE:
        reply = context.ask(
            prompt("evidence", "Evidence (optional), added to each item", None, required=False)
        )
        if reply is Command.BACK or reply is Command.QUIT:
            return command_outcome(reply)
        if isinstance(reply, Answer) and reply.value == ():  # '-': clear it everywhere
            remove.append("evidence")
        elif isinstance(reply, Answer) and isinstance(reply.value, tuple):
            added = reply.value
    if status in GAP_STATUSES:
        current = (
            _shared([a.owner if a else None for a in existing]) or "",
            _shared([a.due.isoformat() if a and a.due else None for a in existing]) or "",
        )
        reply = context.ask(plan_prompt(context, prompt, current))
        if reply is Command.BACK or reply is Command.QUIT:
            return command_outcome(reply)
        result = planned(reply, current, context.last_plan)
        if result is not None:
            context.last_plan = result if any(result) else context.last_plan
            for name, value in zip(("owner", "due"), result, strict=True):
                if value:
                    updates[name] = dt.date.fromisoformat(value) if name == "due" else value
                else:
                    remove.append(name)
    for control, answer in zip(controls, existing, strict=True):
        own = dict(updates)
        if added:
            own["evidence"] = list(dict.fromkeys([*(answer.evidence if answer else ()), *added]))
        if note and note != "-":
            own["notes"] = note
        gone = [*remove, "notes"] if note == "-" else remove
        context.writer.set_control(fid, control.id, own, remove=gone)
    context.save()
    return "changed"


def plan_prompt(context: StepContext, make: PromptMaker, current: tuple[str, str]) -> Prompt:
    """Who closes the gap and by when; Enter keeps the file's answer, or else takes the
    last one given (a team tends to own a run of gaps)."""
    suggested = not any(current) and any(context.last_plan)
    shown = context.last_plan if suggested else current
    return make(
        "plan",
        "Who closes this gap, and by when?",
        ", ".join(part for part in shown if part) or None,
        required=False,
        earliest=context.reviewed_on,
        default=suggested,
    )


def planned(
    reply: Reply, current: tuple[str, str], default: tuple[str, str]
) -> tuple[str, str] | None:
    """The owner and target date after a reply to the plan prompt ("" for none); None
    when nothing changes."""
    if reply is Command.KEEP:
        return None if any(current) else default
    if not isinstance(reply, Answer) or reply.value is None:
        return None
    if reply.value == ():
        return ("", "")
    assert isinstance(reply.value, tuple)
    owner, due = reply.value
    return (owner or current[0], due or current[1])


def _items(controls: Sequence[Control]) -> tuple[Item, ...]:
    return tuple(Item(c.id, c.title, c.ref, c.summary) for c in controls)


def _shared(values: Sequence[T | None]) -> T | None:
    """The one value every item has, else None."""
    first = values[0] if values else None
    return first if all(v == first for v in values) else None


CATEGORY_HELP = (
    "One answer for every item listed: y when all of them are in place, n when none is, "
    "pl when all are planned, na when none applies. When some are and some are not, p "
    "(or d) asks the items one by one. ?N explains item N."
)


def _group_summary(context: StepContext, turn: Turn) -> str:
    """What the group covers, if the catalog says, then how to answer for all of it."""
    fid, group = turn.step.framework, turn.step.key[-1]
    fw = context.library.frameworks.get(fid or "")
    found = next((g for g in fw.groups if g.id == group), None) if fw else None
    summary = found.summary if found else None
    return f"{summary}\n\n{CATEGORY_HELP}" if summary else CATEGORY_HELP
