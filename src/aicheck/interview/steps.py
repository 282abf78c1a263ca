"""How one step of the plan is asked: what every step asker shares, and the simple steps.

A step asker takes the shared :class:`StepContext` and a :class:`Turn` (the step, the
plan it belongs to, where the interview stands), asks one or more prompts, writes each
answer at once and says how the step ended.  The session picks the asker by the step's
kind; a new kind of step is a new asker, registered in :mod:`aicheck.interview.session`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, Literal

from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.interview.asker import (
    Answer,
    Asker,
    Choice,
    Command,
    ExplainItem,
    Explanation,
    Progress,
    Prompt,
    PromptKind,
    Reply,
)
from aicheck.interview.plan import SYSTEM_HELP, Plan, Step
from aicheck.models.answers import AnswersFile, ScreeningValue

StepOutcome = Literal["changed", "unchanged", "back", "skip", "quit", "detail"]
"""``detail``: a category is to be asked item by item."""


def last_plan_in(answers: AnswersFile, earliest: dt.date) -> tuple[str, str]:
    """The owner and target date of the last control in the file that has an owner (a
    target date before ``earliest`` is not offered again)."""
    for given in reversed([a for by_id in answers.controls.values() for a in by_id.values()]):
        if given.owner:
            due = given.due.isoformat() if given.due and given.due >= earliest else ""
            return given.owner, due
    return "", ""


class StepContext:
    """What every step asker shares: the asker, the writer, the answers so far, and what
    the last gap's plan was (offered again for the next gap)."""

    def __init__(
        self,
        asker: Asker,
        writer: AnswersWriter,
        library: Library,
        answers: AnswersFile,
        reviewed_on: dt.date,
    ) -> None:
        self.asker = asker
        self.writer = writer
        self.library = library
        self.answers = answers
        self.reviewed_on = reviewed_on
        """The date written as ``reviewed``; no target date may come before it."""
        self.last_plan: tuple[str, str] = last_plan_in(answers, reviewed_on)
        """The owner and target date given for the last gap: the next gap's default.  A
        resumed interview starts from the last one in the file."""

    def ask(self, prompt: Prompt) -> Reply:
        """Ask until the reply is not ``?`` or ``?N`` (which show an explanation)."""
        while True:
            reply = self.asker.ask(prompt)
            if reply is Command.HELP:
                self.asker.show(Explanation(prompt))
                continue
            if isinstance(reply, ExplainItem):
                self.asker.show(Explanation(prompt, prompt.items[reply.index]))
                continue
            return reply

    def save(self) -> None:
        self.answers = self.writer.save()


class Turn:
    """The step to ask now, with what it needs to know about the run around it."""

    def __init__(
        self,
        step: Step,
        plan: Plan,
        *,
        can_go_back: bool,
        progress: Progress | None = None,
        resume_at: int | None = None,
        rest: tuple[Step, ...] = (),
    ) -> None:
        self.step: Final = step
        self.plan: Final = plan
        self.can_go_back: Final = can_go_back
        self.progress: Final = progress
        self.resume_at: Final = resume_at
        """For an answer left unfinished: the follow-up to start at."""
        self.rest: Final = rest
        """The steps still to answer in this section, this one first (for ``r``)."""


StepAsker = Callable[[StepContext, Turn], StepOutcome]


def ask_system(context: StepContext, turn: Turn) -> StepOutcome:
    step = turn.step
    field_name = step.key[-1]
    current = getattr(context.answers.system, field_name, None) or None
    prompt = Prompt(
        key=step.key,
        kind="text",
        text=step.text,
        section=step.section,
        progress=None,  # the system fields are not counted
        help=SYSTEM_HELP[field_name],
        current=current,
        required=not step.optional,
        can_go_back=turn.can_go_back,
        can_skip=field_name != "name" or context.writer.exists,
    )
    reply = context.ask(prompt)
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    value = reply.value
    if value is None or value == current:
        return "unchanged"
    context.writer.set_system(field_name, str(value))
    context.save()
    return "changed"


def ask_screening(context: StepContext, turn: Turn) -> StepOutcome:
    step = turn.step
    assert step.question is not None and step.framework is not None
    q = step.question
    current = context.answers.screening.get(step.framework, {}).get(q.id)
    choices = tuple(Choice(str(i), o.value, o.label) for i, o in enumerate(q.options, start=1))
    kind: PromptKind = q.type
    prompt = Prompt(
        key=step.key,
        kind=kind,
        text=q.text,
        section=step.section,
        progress=turn.progress,
        citation=q.ref,
        help=q.help,
        choices=choices,
        current=None if current is None else _describe(current, choices),
        required=q.required,
        can_go_back=turn.can_go_back,
    )
    reply = context.ask(prompt)
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    if reply.value is None:
        return "skip"
    value: ScreeningValue = list(reply.value) if isinstance(reply.value, tuple) else reply.value
    if value == current and type(value) is type(current):
        return "unchanged"
    context.writer.set_screening(step.framework, q.id, value)
    context.save()
    return "changed"


def command_outcome(reply: Reply) -> StepOutcome:
    if reply is Command.BACK:
        return "back"
    if reply is Command.QUIT:
        return "quit"
    if reply is Command.KEEP:
        return "unchanged"
    return "skip"


def _describe(value: ScreeningValue, choices: tuple[Choice, ...]) -> str:
    labels = {c.value: c.label for c in choices}
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value) or "none"
    if isinstance(value, str):
        return labels.get(value, value)
    return str(value)
