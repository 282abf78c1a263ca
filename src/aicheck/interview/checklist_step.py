"""A checklist step: several yes/no screening questions in one prompt.

The items are numbered; the reply names those that apply (``1,3``, ``1-3``) or
``none``.  Each item is still written as its own key (true or false), so the file reads
and diffs as if each had been asked alone, and ``aicheck check`` sees no difference.
"""

from __future__ import annotations

from collections.abc import Sequence

from aicheck.interview.asker import Answer, Item, Prompt
from aicheck.interview.steps import StepContext, StepOutcome, Turn, command_outcome
from aicheck.models.answers import ScreeningValue

CHECKLIST_HELP = (
    "Each item is a yes/no question: pick the numbers of those you answer yes; every item "
    "you leave out is recorded as no. ?N explains item N."
)


def ask_checklist(context: StepContext, turn: Turn) -> StepOutcome:
    step = turn.step
    assert step.framework is not None
    given = context.answers.screening.get(step.framework, {})
    prompt = Prompt(
        key=step.key,
        kind="checklist",
        text=step.text,
        section=step.section,
        progress=turn.progress,
        citation=step.citation,
        title=step.section.title,
        help=CHECKLIST_HELP,
        items=tuple(Item(q.id, q.text, q.ref, q.help) for q in step.questions),
        current=picks_text([given.get(q.id) for q in step.questions]),
        required=not step.optional,
        can_go_back=turn.can_go_back,
    )
    reply = context.ask(prompt)
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    if reply.value is None:  # Enter on a list of optional questions
        return "skip"
    picked = set(reply.value) if isinstance(reply.value, tuple) else set()
    changed = False
    for q in step.questions:
        value = q.id in picked
        current = given.get(q.id)
        if not (isinstance(current, bool) and current is value):
            context.writer.set_screening(step.framework, q.id, value)
            changed = True
    if not changed:
        return "unchanged"
    context.save()
    return "changed"


def picks_text(values: Sequence[ScreeningValue]) -> str | None:
    """Yes/no answers as a reply would give them (``1, 3`` or ``none``); None unless
    every item is answered, since Enter would then keep an incomplete answer."""
    if any(v is None for v in values):
        return None
    picked = [str(i) for i, v in enumerate(values, start=1) if v is True]
    return ", ".join(picked) or "none"
