"""Where the interview goes next: on through the plan, or back through this run's history.

Navigation knows steps only by their keys.  What a step asks, and in how many prompts,
is its asker's business (:mod:`aicheck.interview.steps`); the navigator is told only how
the step ended.
"""

from __future__ import annotations

from collections.abc import Callable

from aicheck.interview.asker import Key
from aicheck.interview.plan import Plan, Step


class Navigator:
    def __init__(self) -> None:
        self.history: list[Key] = []
        """Steps passed in this run, the last one last: where ``b`` goes."""
        self.forward: list[Key] = []
        """Steps left by going back, to return to."""
        self.goto: Key | None = None
        """The step to ask next, whatever the plan says."""
        self.handled: set[Key] = set()
        """Steps answered, kept or skipped in this run: not asked again unless gone back to."""

    def next_step(self, plan: Plan, wanted: Callable[[Step], bool]) -> Step | None:
        """The step to ask now: one gone back to, one left by going back, else the first
        step of the plan not handled yet that this run ``wanted``."""
        if self.goto is not None:
            step, self.goto = plan.get(self.goto), None
            if step is not None:
                return step
        # Steps left by going back come in plan order, with any the answers since have
        # brought in: after changing an answer, the interview goes on from the question
        # after it, not from the first one never answered.
        for step in plan.steps:
            if step.key in self.forward:
                self.forward.remove(step.key)
                return step
            if step.key not in self.handled and wanted(step):
                return step
        return None

    def can_go_back(self, plan: Plan, step: Step) -> bool:
        return bool(self.history) or previous_key(plan, step) is not None

    def passed(self, step: Step) -> None:
        """``step`` was answered, kept or skipped."""
        self.handled.add(step.key)
        self.history.append(step.key)

    def back(self, plan: Plan, current: Step) -> bool:
        """Go to the step before ``current``; False when there is none (it stays)."""
        while self.history:
            key = self.history.pop()
            if plan.get(key) is not None:
                self.forward.append(current.key)
                self.goto = key
                return True
        # Nothing asked yet in this run (a resumed interview): the question before this one.
        previous = previous_key(plan, current)
        if previous is not None:
            self.forward.append(current.key)
            self.goto = previous
            return True
        self.goto = current.key
        return False


def previous_key(plan: Plan, step: Step) -> Key | None:
    keys = [s.key for s in plan.steps]
    index = keys.index(step.key) if step.key in keys else 0
    return keys[index - 1] if index > 0 else None
