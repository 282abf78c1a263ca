"""The control step: is it in place, then the follow-up questions that status calls for.

The status comes first; "not applicable" asks why at once, and the status is written
with it.  The follow-ups come next, each written as soon as it is answered: evidence
(when something is in place, or evidence is already recorded), the owner of a gap, and a
note.  They are data (:data:`FOLLOW_UPS`), so a new one is one more entry.  ``b`` in a
follow-up or in the justification goes back to the status of the same control.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, Literal

from aicheck.interview.asker import (
    STATUS_CHOICES,
    STATUS_WORDS,
    Answer,
    Command,
    Prompt,
    PromptKind,
)
from aicheck.interview.plan import GAP_STATUSES, control_answer
from aicheck.interview.steps import StepContext, StepOutcome, Turn, command_outcome
from aicheck.models.answers import ControlAnswer


class FollowUp:
    """A question asked after the status, answered into one field of the control answer."""

    def __init__(
        self,
        kind: PromptKind,
        field: str,
        text: str,
        *,
        asked: Callable[[str, ControlAnswer | None], bool],
        current: Callable[[ControlAnswer | None], str | None],
    ) -> None:
        self.kind: Final = kind
        self.field: Final = field
        self.text: Final = text
        self.asked: Final = asked
        """Whether to ask it, given the status just answered and the answer in the file."""
        self.current: Final = current
        """The value in the file, worded for the prompt."""


def _recorded_evidence(existing: ControlAnswer | None) -> str | None:
    return ", ".join(existing.evidence) if existing and existing.evidence else None


FOLLOW_UPS = (
    # Evidence shows what is in place: nothing is when the answer is no or planned, and a
    # justification, not a file, backs "not applicable".  Evidence already recorded is
    # still offered, so that it can be kept or cleared ('-').
    FollowUp(
        "evidence",
        "evidence",
        "Evidence (optional): files or links that show it",
        asked=lambda status, existing: (
            status in ("implemented", "partial") or bool(_recorded_evidence(existing))
        ),
        current=_recorded_evidence,
    ),
    # Who closes a gap is what a reviewer asks next; a met control needs no owner.
    FollowUp(
        "owner",
        "owner",
        "Owner (optional): who is closing this gap?",
        asked=lambda status, _: status in GAP_STATUSES,
        current=lambda existing: existing.owner if existing else None,
    ),
    FollowUp(
        "note",
        "notes",
        "Note (optional): anything a reviewer should know",
        asked=lambda _, __: True,
        current=lambda existing: existing.notes if existing else None,
    ),
)


def ask_control(context: StepContext, turn: Turn) -> StepOutcome:
    return _ControlStep(context, turn).run()


_Part = Literal["changed", "unchanged", "back", "quit"]


class _ControlStep:
    def __init__(self, context: StepContext, turn: Turn) -> None:
        assert turn.step.control is not None and turn.step.framework is not None
        self.context = context
        self.turn = turn
        self.control = turn.step.control
        self.framework = turn.step.framework

    def run(self) -> StepOutcome:
        while True:  # 'b' in a follow-up question comes back to the status
            existing = control_answer(self.turn.step, self.context.answers)
            reply = self.context.ask(
                self._prompt(
                    "status",
                    self.control.question,
                    _status_text(existing),
                    choices=STATUS_CHOICES,
                    can_go_back=self.turn.can_go_back,
                )
            )
            if isinstance(reply, Command) and reply is not Command.KEEP:
                return command_outcome(reply)
            if isinstance(reply, Answer):
                status = str(reply.value)
            else:
                assert existing is not None
                status = existing.status
            written = self._status(status, existing)
            done = written if written in ("back", "quit") else self._follow_ups(status, existing)
            if done == "quit":
                return "quit"
            if done == "back":
                continue
            return "changed" if "changed" in (written, done) else "unchanged"

    def _status(self, status: str, existing: ControlAnswer | None) -> _Part:
        """Write the status and the review date, with the reason when it does not apply."""
        changed = existing is None or existing.status != status
        updates: dict[str, object] = {"status": status, "reviewed": self.context.reviewed_on}
        # A reason why it does not apply is no longer true once it does; a note a person
        # wrote in that field for another status is left alone.
        was_not_applicable = existing is not None and existing.status == "not_applicable"
        leaves_it = was_not_applicable and status != "not_applicable"
        stale_reason = ("justification",) if leaves_it else ()

        if status == "not_applicable":
            reply = self.context.ask(
                self._prompt(
                    "justification",
                    "Why does it not apply to this system?",
                    None if existing is None else existing.justification,
                    can_skip=False,
                )
            )
            if reply is Command.BACK:
                return "back"
            if reply is Command.QUIT:
                return "quit"
            if isinstance(reply, Answer) and reply.value is not None:
                changed = changed or (existing is None or existing.justification != reply.value)
                updates["justification"] = str(reply.value)
        self._update(updates, remove=stale_reason)
        return "changed" if changed else "unchanged"

    def _follow_ups(self, status: str, existing: ControlAnswer | None) -> _Part:
        changed = False
        for follow_up in FOLLOW_UPS:
            if not follow_up.asked(status, existing):
                continue
            current = follow_up.current(existing)
            reply = self.context.ask(
                self._prompt(follow_up.kind, follow_up.text, current, required=False)
            )
            if reply is Command.BACK:
                return "back"
            if reply is Command.QUIT:
                return "quit"
            if isinstance(reply, Answer):
                value = reply.value
                if value is None or value == ():  # left empty, or '-' to clear
                    changed |= self._update({}, remove=(follow_up.field,))
                else:
                    stored = list(value) if isinstance(value, tuple) else str(value)
                    changed |= self._update({follow_up.field: stored})
        return "changed" if changed else "unchanged"

    def _prompt(self, kind: PromptKind, text: str, current: str | None, **extra: object) -> Prompt:
        return Prompt(
            key=self.turn.step.key,
            kind=kind,
            text=text,
            section=self.turn.step.section,
            progress=self.context.progress(self.turn.plan),
            citation=self.control.ref,
            title=self.control.title,
            help=self.control.summary,
            evidence_help=self.control.guidance,
            current=current,
            **extra,  # type: ignore[arg-type]
        )

    def _update(self, updates: Mapping[str, object], remove: tuple[str, ...] = ()) -> bool:
        """Write the change (if any) at once; True when the answer changed."""
        writer, fid, cid = self.context.writer, self.framework, self.control.id
        before = writer.get("controls", fid, cid)
        writer.set_control(fid, cid, updates, remove=remove)
        after = writer.get("controls", fid, cid)
        if before == after:
            return False
        self.context.save()
        return True


def _status_text(answer: ControlAnswer | None) -> str | None:
    """The answer in the file as the prompt shows it, with when it was last reviewed."""
    if answer is None:
        return None
    word = STATUS_WORDS[answer.status]
    return word if answer.reviewed is None else f"{word} (reviewed {answer.reviewed.isoformat()})"
