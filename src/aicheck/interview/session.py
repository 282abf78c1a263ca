"""The interview loop: ask, write at once, re-plan, repeat.

Every answer is written to the answers file the moment it is given (atomically, through
:class:`~aicheck.answers.writer.AnswersWriter`), so stopping at any point (``q``, Ctrl-C,
the end of piped input) loses nothing.  A new run resumes at the first unanswered
question, or inside an answer left unfinished; ``review`` walks only answers that are
missing, stale or a gap.

``b`` goes back through the questions asked in this run, ``s`` skips one for now, ``q``
saves and quits, ``?`` shows the explanation and what evidence counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.interview.announce import Announcer
from aicheck.interview.asker import Asker, Key, Notice, Progress
from aicheck.interview.checklist_step import ask_checklist
from aicheck.interview.control_step import ask_control
from aicheck.interview.group_answer import ask_category
from aicheck.interview.navigation import Navigator
from aicheck.interview.plan import (
    Plan,
    Step,
    blank_answers,
    build_plan,
    default_frameworks,
    in_order,
)
from aicheck.interview.setup_steps import ask_frameworks, ask_provider
from aicheck.interview.sign_off_step import ask_sign_off
from aicheck.interview.state import is_answered, is_complete, needs_review, resume_point
from aicheck.interview.steps import StepAsker, StepContext, Turn, ask_screening, ask_system
from aicheck.models.answers import AnswersFile
from aicheck.models.settings import DEFAULT_REVIEW_DAYS

Outcome = Literal["finished", "quit"]

STEP_ASKERS: dict[str, StepAsker] = {
    "system": ask_system,
    "frameworks": ask_frameworks,
    "screening": ask_screening,
    "checklist": ask_checklist,
    "provider": ask_provider,
    "controls": ask_control,
    "category": ask_category,
    "assessment": ask_sign_off,
}
"""Who asks each kind of step (the first part of its key)."""

_SHAPING = frozenset({"frameworks", "screening", "checklist", "category"})
"""Steps whose answers can add or remove questions."""


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
        ask_frameworks: bool = False,
        again: Collection[str] = (),
    ) -> None:
        """``ask_frameworks``: no framework was named; unless the file lists its own, the
        questions after the system's ask which to assess (``frameworks`` is then only
        what the file is planned against until that is answered).  ``again``: ids of
        questions, controls or sections to ask again although answered (``--ask``); the
        run then asks those, and only the questions their new answers bring in."""
        self.asker = asker
        self.writer = writer
        self.library = library
        self.as_of = as_of
        # The date written as `reviewed`: the day the answer is given, which an
        # assessment as of a later date must not stamp into the file.
        self.reviewed_on = as_of if reviewed_on is None else min(reviewed_on, as_of)
        self.review = review
        self.review_days = review_days
        self.ask_frameworks = ask_frameworks and (answers is None or answers.frameworks is None)
        self._requested = list(frameworks)
        self._context = StepContext(
            asker,
            writer,
            library,
            answers if answers is not None else blank_answers(),
            self.reviewed_on,
        )
        self._announcer = Announcer(asker, library)
        self._detailed: set[Key] = set()
        self.again = frozenset(again)
        # With --ask, questions already open before the run are left for a later one.
        self._open_before = (
            frozenset(s.key for s in self.plan().steps if not is_answered(s, self.answers))
            if self.again
            else frozenset()
        )
        self._position = 0
        """The highest position shown: the counter never goes back."""
        self._prepare_frameworks(answers)

    # ---- public ------------------------------------------------------------------------

    @property
    def answers(self) -> AnswersFile:
        """The answers as last saved (or as given, before anything is)."""
        return self._context.answers

    @property
    def frameworks(self) -> list[str]:
        if not self.ask_frameworks:
            return self._requested
        chosen = self.answers.frameworks
        return in_order(
            self.library, chosen if chosen is not None else default_frameworks(self.library)
        )

    def plan(self) -> Plan:
        return build_plan(
            self.library,
            self.answers,
            self.frameworks,
            self.as_of,
            ask_frameworks=self.ask_frameworks,
            detailed=frozenset(self._detailed),
        )

    def wanted(self, step: Step) -> bool:
        """Whether this run should ask ``step``: unanswered or left unfinished, or in a
        review, needing review; with ``again``, one named there or newly brought in."""
        if self.again:
            if asked_again(step, self.again):
                return True
            return step.key not in self._open_before and not is_answered(step, self.answers)
        if self.review:
            return needs_review(step, self.answers, self.as_of, self.review_days)
        return not is_answered(step, self.answers) or resume_point(step, self.answers) is not None

    def remaining(self, plan: Plan | None = None) -> list[Step]:
        """What is still to answer (or review) now; more may follow from those answers."""
        plan = plan or self.plan()
        if self.review:
            return [s for s in plan.steps if not s.optional and self.wanted(s)]
        return [s for s in plan.steps if not s.optional and not is_complete(s, self.answers)]

    def run(self) -> SessionResult:
        navigator = Navigator()
        answered = 0
        plan = self.plan()
        done_before = sum(1 for s in plan.counted() if not self.wanted(s))
        while True:
            plan = self.plan()
            step = navigator.next_step(plan, self.wanted)
            if step is None:
                return self._result("finished", answered, plan)
            self._announcer.before(plan, step)
            turn = Turn(
                step,
                plan,
                can_go_back=navigator.can_go_back(plan, step),
                progress=self._progress(plan, step, navigator.handled, done_before),
                resume_at=None if self.review else resume_point(step, self.answers),
                rest=self._rest(plan, step, navigator.handled),
            )
            outcome = STEP_ASKERS[step.kind](self._context, turn)
            if outcome == "quit":
                return self._result("quit", answered, self.plan())
            if outcome == "back":
                if self._back_to_group(step):
                    navigator.goto = ("category", step.key[1], step.section.id or "")
                elif not navigator.back(plan, step):
                    self.asker.show(Notice("This is the first question.", "warning"))
                continue
            if outcome == "detail":  # asked again item by item, where it stood
                self._detailed.add(step.key)
                continue
            navigator.passed(step)
            if outcome in ("changed", "unchanged"):
                answered += 1

    # ---- helpers -----------------------------------------------------------------------

    def _progress(
        self, plan: Plan, step: Step, handled: set[Key], done_before: int
    ) -> Progress | None:
        """Where the interview stands: one more for each question passed, never fewer;
        the total moves only with the questions answers add or remove."""
        if not step.counted:
            return None
        counted = plan.counted()
        done = done_before + sum(1 for s in counted if s.key in handled)
        again = step.key in handled  # gone back to
        position = max(done if again else done + 1, self._position)
        self._position = position
        to_go = sum(1 for s in counted if s.key not in handled and self.wanted(s)) + again
        # Exact once no answer to come (this one included) can add or remove questions.
        shaping = [
            s
            for s in plan.steps
            if s.kind in _SHAPING
            and (s.key == step.key or (s.key not in handled and self.wanted(s)))
        ]
        exact = not plan.pending_controls and not shaping
        return Progress(position=position, total=position - 1 + to_go, exact=exact)

    def _back_to_group(self, step: Step) -> bool:
        """``b`` at an item of a group asked item by item, none of them answered on its
        own yet: back to the question for the whole group."""
        key = ("category", step.key[1], step.section.id or "")
        if step.kind != "controls" or key not in self._detailed:
            return False
        self._detailed.discard(key)
        if self.plan().get(key) is None:  # an item was answered on its own: stay
            self._detailed.add(key)
            return False
        return True

    def _rest(self, plan: Plan, step: Step, handled: set[Key]) -> tuple[Step, ...]:
        """This control and those after it in its section still to answer."""
        if step.kind != "controls":
            return ()
        keys = [s.key for s in plan.steps]
        after = plan.steps[keys.index(step.key) :]
        return tuple(
            s
            for s in after
            if s.kind == "controls"
            and s.section == step.section
            and (s.key == step.key or (s.key not in handled and self.wanted(s)))
        )

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
            if not self.ask_frameworks:
                self.writer.set_frameworks(self._requested)
        elif answers.frameworks is not None:
            missing = [f for f in self._requested if f not in answers.frameworks]
            if missing:
                self.writer.set_frameworks([*answers.frameworks, *missing])


def asked_again(step: Step, ids: frozenset[str]) -> bool:
    """Whether ``--ask`` names this step: one of its questions or controls, its section,
    or a set-up step by its kind ("system", "frameworks", "provider")."""
    named = {q.id for q in step.questions} | {c.id for c in step.controls}
    named |= {step.kind, ".".join(step.key)} | ({step.section.id} if step.section.id else set())
    return not ids.isdisjoint(named)
