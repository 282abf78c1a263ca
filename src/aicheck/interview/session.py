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
from aicheck.interview.announce import Announcer
from aicheck.interview.asker import Asker, Notice
from aicheck.interview.control_step import ask_control
from aicheck.interview.navigation import Navigator
from aicheck.interview.plan import (
    Plan,
    Step,
    blank_answers,
    build_plan,
    is_answered,
    needs_review,
)
from aicheck.interview.steps import StepAsker, StepContext, Turn, ask_screening, ask_system
from aicheck.models.answers import AnswersFile
from aicheck.models.settings import DEFAULT_REVIEW_DAYS

Outcome = Literal["finished", "quit"]

STEP_ASKERS: dict[str, StepAsker] = {
    "system": ask_system,
    "screening": ask_screening,
    "controls": ask_control,
}
"""Who asks each kind of step (the first part of its key)."""


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
        self._context = StepContext(
            asker, writer, answers if answers is not None else blank_answers(), self.reviewed_on
        )
        self._announcer = Announcer(asker, library)
        self._prepare_frameworks(answers)

    # ---- public ------------------------------------------------------------------------

    @property
    def answers(self) -> AnswersFile:
        """The answers as last saved (or as given, before anything is)."""
        return self._context.answers

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
            turn = Turn(step, plan, can_go_back=navigator.can_go_back(plan, step))
            outcome = STEP_ASKERS[step.kind](self._context, turn)
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

    def _prepare_frameworks(self, answers: AnswersFile | None) -> None:
        """A new file records what it is assessed against; an existing list grows."""
        if answers is None:
            self.writer.set_frameworks(self.frameworks)
        elif answers.frameworks is not None:
            missing = [f for f in self.frameworks if f not in answers.frameworks]
            if missing:
                self.writer.set_frameworks([*answers.frameworks, *missing])
