"""The control step: is it in place, then the follow-up questions that status calls for.

The status comes first, written at once; "not applicable" asks why before it is
written, and ``y # text`` records a note with it.  The follow-ups come next
(:mod:`aicheck.interview.follow_ups`), each written as soon as it is answered, and the
``reviewed`` date last, so an answer interrupted in a follow-up resumes there.  ``b`` in a
follow-up goes back to the status of the same control; ``r`` at the status gives one
answer to the rest of the section (:mod:`aicheck.interview.group_answer`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from aicheck.interview.asker import STATUS_CHOICES, STATUS_WORDS, Answer, Command, Prompt
from aicheck.interview.follow_ups import EVIDENCE, FOLLOW_UPS, PLAN, FollowUp, recorded_evidence
from aicheck.interview.group_answer import answer_rest, plan_prompt, planned
from aicheck.interview.state import control_answer
from aicheck.interview.steps import StepContext, StepOutcome, Turn, command_outcome
from aicheck.models.answers import ControlAnswer

NOTE_CLEAR = "-"

_Part = Literal["changed", "unchanged", "back", "quit"]


def ask_control(context: StepContext, turn: Turn) -> StepOutcome:
    return _ControlStep(context, turn).run()


class _ControlStep:
    def __init__(self, context: StepContext, turn: Turn) -> None:
        assert turn.step.control is not None and turn.step.framework is not None
        self.context = context
        self.turn = turn
        self.control = turn.step.control
        self.framework = turn.step.framework
        self._skipped = False
        """A follow-up was skipped: the answer is left unfinished, not stamped reviewed."""

    def run(self) -> StepOutcome:
        resume_at = self.turn.resume_at
        while True:  # 'b' in a follow-up question comes back to the status
            self._skipped = False
            existing = control_answer(self.turn.step, self.context.answers)
            status: str
            written: _Part
            if resume_at is not None and existing is not None:
                # An answer left unfinished: straight to the follow-up it stopped at.
                status, written, start, resume_at = existing.status, "unchanged", resume_at, None
            else:
                reply = self.context.ask(self._status_prompt(existing))
                if reply is Command.REST:
                    outcome = answer_rest(self.context, self.turn)
                    if outcome == "back":
                        continue
                    return outcome
                if reply is Command.KEEP and existing is not None:
                    reply = Answer(existing.status)
                if not isinstance(reply, Answer):
                    return command_outcome(reply)
                status, start = str(reply.value), 0
                final = not self._asked(status, existing, 0)
                written = self._status(status, existing, reply.note, final=final)
            done = written if written in ("back", "quit") else self._follow_ups(status, start)
            if done == "quit":
                return "quit"
            if done == "back":
                continue
            if not self._skipped:  # a skipped follow-up leaves it unfinished, not reviewed
                self._update({"reviewed": self.context.reviewed_on})  # if no follow-up did
            return "changed" if "changed" in (written, done) else "unchanged"

    def _asked(self, status: str, existing: ControlAnswer | None, start: int) -> list[FollowUp]:
        return [f for f in FOLLOW_UPS[start:] if f.asked(status, existing)]

    def _status_prompt(self, existing: ControlAnswer | None) -> Prompt:
        return self._prompt(
            "status",
            self.control.question,
            _status_text(existing),
            choices=STATUS_CHOICES,
            can_go_back=self.turn.can_go_back,
            can_rest=len(self.turn.rest) > 1,
            takes_note=True,
        )

    def _status(
        self, status: str, existing: ControlAnswer | None, note: str | None, *, final: bool
    ) -> _Part:
        """Write the status, with the reason when it does not apply and the note if any
        (and the review date when no follow-up comes)."""
        changed = existing is None or existing.status != status
        updates: dict[str, object] = {"status": status}
        if final:
            updates["reviewed"] = self.context.reviewed_on
        # Answered on its own now, not as part of its group; a changed answer is reviewed
        # anew once its follow-ups are done.  A reason why it does not apply is no longer
        # true once it does; a note a person wrote there for another status stays.
        remove = ["answered_for"]
        if existing is not None and existing.status != status:
            if not final:
                remove.append("reviewed")
            if existing.status == "not_applicable":
                remove.append("justification")
        if note == NOTE_CLEAR:
            remove.append("notes")
        elif note:
            updates["notes"] = note

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
                updates["justification"] = str(reply.value)
        return "changed" if self._update(updates, remove) or changed else "unchanged"

    def _follow_ups(self, status: str, start: int) -> _Part:
        """Ask each follow-up the status calls for; the last one writes the review date."""
        changed = False
        asked = self._asked(status, control_answer(self.turn.step, self.context.answers), start)
        for index, follow_up in enumerate(asked):
            existing = control_answer(self.turn.step, self.context.answers)
            part = self._follow_up(follow_up, existing, final=index == len(asked) - 1)
            if part in ("back", "quit"):
                return part
            changed |= part == "changed"
        return "changed" if changed else "unchanged"

    def _follow_up(
        self, follow_up: FollowUp, existing: ControlAnswer | None, *, final: bool
    ) -> _Part:
        stamp: dict[str, object] = {"reviewed": self.context.reviewed_on} if final else {}
        if follow_up is PLAN:
            current = (existing.owner or "", _iso(existing)) if existing else ("", "")
            prompt = plan_prompt(self.context, self._prompt, current)
            reply = self.context.ask(prompt)
            if reply is Command.BACK or reply is Command.QUIT:
                return "back" if reply is Command.BACK else "quit"
            if reply is Command.SKIP:
                self._skipped = True
                return "unchanged"
            result = planned(reply, current, self.context.last_plan)
            if result is None:
                return "changed" if self._update(stamp) else "unchanged"
            self.context.last_plan = result if any(result) else self.context.last_plan
            owner, due = result
            fields: dict[str, object] = {"owner": owner, "due": due and dt.date.fromisoformat(due)}
            updates = {k: v for k, v in fields.items() if v}
            gone = [k for k, v in fields.items() if not v]
            return "changed" if self._update({**updates, **stamp}, gone) else "unchanged"
        assert follow_up is EVIDENCE
        reply = self.context.ask(
            self._prompt("evidence", follow_up.text, recorded_evidence(existing), required=False)
        )
        if reply is Command.BACK or reply is Command.QUIT:
            return "back" if reply is Command.BACK else "quit"
        if reply is Command.SKIP:
            self._skipped = True
            return "unchanged"
        if not isinstance(reply, Answer):  # Enter kept it
            return "changed" if self._update(stamp) else "unchanged"
        value = reply.value
        if not value:  # left empty, or '-' to clear
            return "changed" if self._update(stamp, ["evidence"]) else "unchanged"
        stored = list(value) if isinstance(value, tuple) else [str(value)]
        return "changed" if self._update({"evidence": stored, **stamp}) else "unchanged"

    def _prompt(self, kind: str, text: str, current: str | None, **extra: object) -> Prompt:
        return Prompt(
            key=self.turn.step.key,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            section=self.turn.step.section,
            progress=self.turn.progress,
            citation=self.control.ref,
            title=self.control.title,
            help=self.control.summary,
            evidence_help=self.control.guidance,
            current=current,
            **extra,  # type: ignore[arg-type]
        )

    def _update(self, updates: Mapping[str, object], remove: list[str] | None = None) -> bool:
        """Write the change (if any) at once; True when the answer changed."""
        writer, fid, cid = self.context.writer, self.framework, self.control.id
        before = writer.get("controls", fid, cid)
        writer.set_control(fid, cid, updates, remove=remove or ())
        after = writer.get("controls", fid, cid)
        if before == after:
            return False
        self.context.save()
        return True


def _iso(answer: ControlAnswer) -> str:
    return answer.due.isoformat() if answer.due else ""


def _status_text(answer: ControlAnswer | None) -> str | None:
    """The answer in the file as the prompt shows it, with when it was last reviewed."""
    if answer is None:
        return None
    word = STATUS_WORDS[answer.status]
    return word if answer.reviewed is None else f"{word} (reviewed {answer.reviewed.isoformat()})"
