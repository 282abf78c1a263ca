"""Read screening answers with three-valued logic: yes, no, or not known yet.

A question that is not asked (its ``ask_when`` is false) reads as "no"; one that is asked
but unanswered reads as unknown, so nothing is concluded silently from a missing answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from aicheck.models.answers import ScreeningValue
from aicheck.models.catalog import Effect, Framework, Question
from aicheck.models.conditions import Condition
from aicheck.models.report import Reason

Tri = bool | None
UNKNOWN: Tri = None


def tri_all(values: list[Tri]) -> Tri:
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else UNKNOWN


def tri_any(values: list[Tri]) -> Tri:
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else UNKNOWN


def tri_not(value: Tri) -> Tri:
    return None if value is None else not value


@dataclass
class Screening:
    """One framework's questions and answers, plus the system-wide facts and roles."""

    framework: Framework
    answers: Mapping[str, ScreeningValue]
    facts: dict[str, Tri] = field(default_factory=dict)
    roles: frozenset[str] | None = None
    _asked: dict[str, Tri] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.questions: dict[str, Question] = {q.id: q for q in self.framework.questions}

    def publish(self, fact: str, value: Tri) -> None:
        """Record a derived fact; questions asked on the strength of facts are re-read."""
        self.publish_all({fact: value})

    def publish_all(self, facts: dict[str, Tri]) -> None:
        self.facts.update(facts)
        self._asked.clear()

    def is_asked(self, question_id: str) -> Tri:
        if question_id not in self._asked:
            self._asked[question_id] = False  # guards against ask_when cycles
            q = self.questions[question_id]
            self._asked[question_id] = True if q.ask_when is None else self.holds(q.ask_when)
        return self._asked[question_id]

    def is_answered(self, question_id: str) -> bool:
        return self.answers.get(question_id) is not None

    def value(self, question_id: str) -> ScreeningValue:
        """The answer, the 'not asked' default, or None when still unknown.  An optional
        question left unanswered reads as its catalog ``default`` (its stricter reading)."""
        asked = self.is_asked(question_id)
        q = self.questions[question_id]
        if asked is False:
            return _default_for(q)
        if asked is None:
            return None
        answer = self.answers.get(question_id)
        if answer is None and not q.required:
            return _default_for(q) if q.default is None else q.default
        return answer

    def yes(self, question_id: str) -> Tri:
        value = self.value(question_id)
        return None if value is None else value is True

    def unanswered(self) -> list[str]:
        """Required questions asked on the answers so far and not answered, in order.

        A follow-up whose asking waits on one of them is not counted yet: it may never be
        asked, and the interview does not ask it before its parent either.  Should only
        such follow-ups be left (their parent is optional and unanswered), they are listed,
        so that the list is empty exactly when nothing is left unknown.
        """
        open_ = [q for q in self.framework.questions if q.required and not self.is_answered(q.id)]
        asked = [q.id for q in open_ if self.is_asked(q.id) is True]
        return asked or [q.id for q in open_ if self.is_asked(q.id) is None]

    def holds(self, cond: Condition) -> Tri:
        if cond.all is not None:
            return tri_all([self.holds(c) for c in cond.all])
        if cond.any is not None:
            return tri_any([self.holds(c) for c in cond.any])
        if cond.not_ is not None:
            return tri_not(self.holds(cond.not_))
        if cond.fact is not None:
            return self.facts.get(cond.fact)
        if cond.role is not None:
            return None if self.roles is None else cond.role in self.roles
        assert cond.question is not None
        return _test(cond, self.value(cond.question))


class Effects:
    """A screening's questions grouped by the ``effect`` they carry.

    The classification rules never name a question: they ask for the questions with an
    effect (``"annex_iii"``, ``"prohibited"``, ...), so a catalog can add, split or reword
    questions without a code change.
    """

    def __init__(self, screening: Screening) -> None:
        self.screening = screening
        self._by_effect: dict[str, list[Question]] = {}
        for q in screening.framework.questions:
            if q.effect:
                self._by_effect.setdefault(q.effect, []).append(q)
        self.dates: dict[str, dt.date] = {
            d.id: d.date for d in screening.framework.dates if d.date is not None
        }
        """The fixed application dates, by id (not those an answer gives)."""

    def questions(self, effect: Effect) -> list[Question]:
        """The questions with ``effect``, in catalog order (none: an empty list)."""
        return self._by_effect.get(effect, [])

    def yes(self, q: Question) -> Tri:
        return self.screening.yes(q.id)

    def any_yes(self, effect: Effect) -> Tri:
        """Whether any question with ``effect`` is answered yes (False when none exist)."""
        return tri_any([self.yes(q) for q in self.questions(effect)])

    def all_yes(self, effect: Effect) -> Tri:
        """Whether every question with ``effect`` is answered yes (True when none exist)."""
        return tri_all([self.yes(q) for q in self.questions(effect)])

    def triggered(self, q: Question) -> Tri:
        """Answered yes, and not lifted by a yes to one of its ``unless`` questions."""
        answered_yes = self.yes(q)
        lifted = tri_any([self.screening.yes(u) for u in q.unless])
        return tri_all([answered_yes, tri_not(lifted)])

    def reason(self, conclusion: str, effect: Effect) -> Reason:
        """A conclusion drawn from all the questions with ``effect``."""
        qs = self.questions(effect)
        return Reason(
            conclusion=conclusion,
            refs=tuple(q.ref for q in qs),
            answers=tuple(q.id for q in qs),
        )


def _test(cond: Condition, value: ScreeningValue) -> Tri:
    if value is None:
        return UNKNOWN
    if cond.includes is not None:
        return isinstance(value, list) and cond.includes in value
    if cond.at_least is not None:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (value >= cond.at_least)
        )
    if cond.equals is not None:
        return bool(value == cond.equals)
    return value is True


def _default_for(question: Question) -> ScreeningValue:
    if question.type == "boolean":
        return False
    if question.type == "multi":
        return []
    if question.type == "number":
        return 0
    return ""
