"""The interview loop: ask, write at once, re-plan, repeat.

Every answer is written to the answers file the moment it is given (atomically, through
:class:`~aicheck.answers.writer.AnswersWriter`), so stopping at any point (``q``, Ctrl-C,
the end of piped input) loses nothing.  A new run resumes at the first unanswered
question; ``review`` walks only answers that are missing, stale or a gap.

``b`` goes back through the questions asked in this run, ``s`` skips one for now, ``q``
saves and quits, ``?`` shows the explanation and what evidence counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.engine.evaluate import DEFAULT_REVIEW_DAYS
from aicheck.interview.announce import Announcer
from aicheck.interview.asker import (
    STATUS_CHOICES,
    STATUS_WORDS,
    Answer,
    Asker,
    Choice,
    Command,
    Explanation,
    Notice,
    Progress,
    Prompt,
    PromptKind,
    Reply,
)
from aicheck.interview.navigation import Navigator
from aicheck.interview.plan import (
    GAP_STATUSES,
    SYSTEM_HELP,
    Plan,
    Step,
    blank_answers,
    build_plan,
    control_answer,
    is_answered,
    needs_review,
)
from aicheck.models.answers import AnswersFile, ControlAnswer, ScreeningValue

Outcome = Literal["finished", "quit"]
_StepOutcome = Literal["changed", "unchanged", "back", "skip", "quit"]


@dataclass(frozen=True)
class SessionResult:
    outcome: Outcome
    saved: bool
    """Whether the answers file exists (something was ever written)."""
    answered: int
    """Answers given or confirmed in this run."""
    remaining: tuple[Step, ...]
    plan: Plan


class Session:
    def __init__(
        self,
        asker: Asker,
        writer: AnswersWriter,
        library: Library,
        *,
        frameworks: Sequence[str],
        as_of: dt.date,
        answers: AnswersFile | None = None,
        review: bool = False,
        review_days: int = DEFAULT_REVIEW_DAYS,
        reviewed_on: dt.date | None = None,
    ) -> None:
        self.asker = asker
        self.writer = writer
        self.library = library
        self.frameworks = list(frameworks)
        self.as_of = as_of
        # The date written as `reviewed`: the day the answer is given, which an
        # assessment as of a later date must not stamp into the file.
        self.reviewed_on = as_of if reviewed_on is None else min(reviewed_on, as_of)
        self.review = review
        self.review_days = review_days
        self.answers = answers if answers is not None else blank_answers()
        self._announcer = Announcer(asker, library)
        self._prepare_frameworks(answers)

    # ---- public ------------------------------------------------------------------------

    def plan(self) -> Plan:
        return build_plan(self.library, self.answers, self.frameworks, self.as_of)

    def wanted(self, step: Step) -> bool:
        """Whether this run should ask ``step`` (unanswered, or needing review)."""
        if self.review:
            return needs_review(
                step, self.answers, self.as_of, self.review_days, reviewed_on=self.reviewed_on
            )
        return not is_answered(step, self.answers)

    def remaining(self, plan: Plan | None = None) -> list[Step]:
        """What is still to answer (or review) now; more may follow from those answers."""
        plan = plan or self.plan()
        return [s for s in plan.steps if not s.optional and self.wanted(s)]

    def run(self) -> SessionResult:
        navigator = Navigator()
        answered = 0
        while True:
            plan = self.plan()
            step = navigator.next_step(plan, self.wanted)
            if step is None:
                return self._result("finished", answered, plan)
            self._announcer.before(plan, step)
            can_go_back = navigator.can_go_back(plan, step)
            outcome = self._ask_step(step, plan, can_go_back=can_go_back)
            if outcome == "quit":
                return self._result("quit", answered, self.plan())
            if outcome == "back":
                if not navigator.back(plan, step):
                    self.asker.show(Notice("This is the first question.", "warning"))
                continue
            navigator.passed(step, changed=outcome == "changed")
            if outcome in ("changed", "unchanged"):
                answered += 1

    def _result(self, outcome: Outcome, answered: int, plan: Plan) -> SessionResult:
        return SessionResult(
            outcome=outcome,
            saved=self.writer.exists,
            answered=answered,
            remaining=tuple(self.remaining(plan)),
            plan=plan,
        )

    # ---- asking ------------------------------------------------------------------------

    def _ask(self, prompt: Prompt) -> Reply:
        while True:
            reply = self.asker.ask(prompt)
            if reply is Command.HELP:
                self.asker.show(Explanation(prompt))
                continue
            return reply

    def _progress(self, plan: Plan) -> Progress:
        counted = plan.counted()
        return Progress(
            answered=sum(1 for s in counted if is_answered(s, self.answers)),
            applicable=len(counted),
        )

    def _ask_step(self, step: Step, plan: Plan, *, can_go_back: bool) -> _StepOutcome:
        if step.kind == "system":
            return self._ask_system(step, plan, can_go_back)
        if step.kind == "screening":
            return self._ask_screening(step, plan, can_go_back)
        return self._ask_control(step, plan, can_go_back)

    def _save(self) -> None:
        self.answers = self.writer.save()

    def _ask_system(self, step: Step, plan: Plan, can_go_back: bool) -> _StepOutcome:
        field_name = step.key[-1]
        current = getattr(self.answers.system, field_name, None) or None
        prompt = Prompt(
            key=step.key,
            kind="text",
            text=step.text,
            section=step.section,
            progress=None,  # the system fields are not counted
            help=SYSTEM_HELP[field_name],
            current=current,
            required=not step.optional,
            can_go_back=can_go_back,
            can_skip=field_name != "name" or self.writer.exists,
        )
        reply = self._ask(prompt)
        if isinstance(reply, Command):
            return _command_outcome(reply)
        value = reply.value
        if value is None or value == current:
            return "unchanged"
        self.writer.set_system(field_name, str(value))
        self._save()
        return "changed"

    def _ask_screening(self, step: Step, plan: Plan, can_go_back: bool) -> _StepOutcome:
        assert step.question is not None and step.framework is not None
        q = step.question
        current = self.answers.screening.get(step.framework, {}).get(q.id)
        choices = tuple(Choice(str(i), o.value, o.label) for i, o in enumerate(q.options, start=1))
        kind: PromptKind = q.type
        prompt = Prompt(
            key=step.key,
            kind=kind,
            text=q.text,
            section=step.section,
            progress=self._progress(plan),
            citation=q.ref,
            help=q.help,
            choices=choices,
            current=None if current is None else _describe(current, choices),
            required=q.required,
            can_go_back=can_go_back,
        )
        reply = self._ask(prompt)
        if isinstance(reply, Command):
            return _command_outcome(reply)
        if reply.value is None:
            return "skip"
        value: ScreeningValue = list(reply.value) if isinstance(reply.value, tuple) else reply.value
        if value == current and type(value) is type(current):
            return "unchanged"
        self.writer.set_screening(step.framework, q.id, value)
        self._save()
        return "changed"

    def _ask_control(self, step: Step, plan: Plan, can_go_back: bool) -> _StepOutcome:
        assert step.control is not None and step.framework is not None
        control = step.control
        fid, cid = step.framework, control.id

        def prompt_for(kind: PromptKind, text: str, current: str | None, **extra: object) -> Prompt:
            return Prompt(
                key=step.key,
                kind=kind,
                text=text,
                section=step.section,
                progress=self._progress(plan),
                citation=control.ref,
                title=control.title,
                help=control.summary,
                evidence_help=control.guidance,
                current=current,
                **extra,  # type: ignore[arg-type]
            )

        while True:  # 'b' in a follow-up question comes back to the status
            existing = control_answer(step, self.answers)
            reply = self._ask(
                prompt_for(
                    "status",
                    control.question,
                    _status_text(existing),
                    choices=STATUS_CHOICES,
                    can_go_back=can_go_back,
                )
            )
            if isinstance(reply, Command) and reply is not Command.KEEP:
                return _command_outcome(reply)
            if isinstance(reply, Answer):
                status = str(reply.value)
            else:
                assert existing is not None
                status = existing.status
            changed = existing is None or existing.status != status
            updates: dict[str, object] = {"status": status, "reviewed": self.reviewed_on}
            # A reason why it does not apply is no longer true once it does; a note a
            # person wrote in that field for another status is left alone.
            was_not_applicable = existing is not None and existing.status == "not_applicable"
            leaves_it = was_not_applicable and status != "not_applicable"
            stale_reason = ("justification",) if leaves_it else ()

            if status == "not_applicable":
                reply = self._ask(
                    prompt_for(
                        "justification",
                        "Why does it not apply to this system?",
                        None if existing is None else existing.justification,
                        can_skip=False,
                    )
                )
                if reply is Command.BACK:
                    continue
                if reply is Command.QUIT:
                    return "quit"
                if isinstance(reply, Answer) and reply.value is not None:
                    changed = changed or (existing is None or existing.justification != reply.value)
                    updates["justification"] = str(reply.value)
            self._update_control(fid, cid, updates, remove=stale_reason)

            follow_ups: list[tuple[PromptKind, str, str, str | None]] = []
            # Evidence shows what is in place: nothing is when the answer is no or planned,
            # and a justification, not a file, backs "not applicable".  Evidence already
            # recorded is still offered, so that it can be kept or cleared ('-').
            recorded = ", ".join(existing.evidence) if existing and existing.evidence else None
            if status in ("implemented", "partial") or recorded:
                follow_ups.append(
                    (
                        "evidence",
                        "evidence",
                        "Evidence (optional): files or links that show it",
                        recorded,
                    )
                )
            # Who closes a gap is what a reviewer asks next; a met control needs no owner.
            if status in GAP_STATUSES:
                follow_ups.append(
                    (
                        "owner",
                        "owner",
                        "Owner (optional): who is closing this gap?",
                        existing.owner if existing else None,
                    )
                )
            follow_ups.append(
                (
                    "note",
                    "notes",
                    "Note (optional): anything a reviewer should know",
                    existing.notes if existing else None,
                )
            )
            went_back = False
            for kind, field_name, text, current in follow_ups:
                reply = self._ask(prompt_for(kind, text, current, required=False))
                if reply is Command.BACK:
                    went_back = True
                    break
                if reply is Command.QUIT:
                    return "quit"
                if isinstance(reply, Answer):
                    value = reply.value
                    if value is None or value == ():  # left empty, or '-' to clear
                        changed |= self._update_control(fid, cid, {}, remove=(field_name,))
                    else:
                        stored = list(value) if isinstance(value, tuple) else str(value)
                        changed |= self._update_control(fid, cid, {field_name: stored})
            if went_back:
                continue
            return "changed" if changed else "unchanged"

    def _update_control(
        self,
        fid: str,
        cid: str,
        updates: dict[str, object],
        remove: tuple[str, ...] = (),
    ) -> bool:
        """Write the change (if any) at once; True when the answer changed."""
        before = self.writer.get("controls", fid, cid)
        self.writer.set_control(fid, cid, updates, remove=remove)
        after = self.writer.get("controls", fid, cid)
        if before == after:
            return False
        self._save()
        return True

    def _prepare_frameworks(self, answers: AnswersFile | None) -> None:
        """A new file records what it is assessed against; an existing list grows."""
        if answers is None:
            self.writer.set_frameworks(self.frameworks)
        elif answers.frameworks is not None:
            missing = [f for f in self.frameworks if f not in answers.frameworks]
            if missing:
                self.writer.set_frameworks([*answers.frameworks, *missing])


def _command_outcome(reply: Command) -> _StepOutcome:
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


def _status_text(answer: ControlAnswer | None) -> str | None:
    """The answer in the file as the prompt shows it, with when it was last reviewed."""
    if answer is None:
        return None
    word = STATUS_WORDS[answer.status]
    return word if answer.reviewed is None else f"{word} (reviewed {answer.reviewed.isoformat()})"
