"""What the interview tells a person between questions.

The classification when it changes, the section being entered, and, on entering a
framework's controls, how many of its items apply and how many still wait on screening
answers.
"""

from __future__ import annotations

from aicheck.catalog.library import Library
from aicheck.interview.asker import Asker, ClassificationUpdate, Notice, SectionStarted
from aicheck.interview.plan import Plan, Step
from aicheck.models.report import Classification


class Announcer:
    def __init__(self, asker: Asker, library: Library) -> None:
        self._asker = asker
        self._library = library
        self._shown_section: object = None
        self._shown_classification: tuple[object, ...] | None = None
        self._announced: set[str] = set()

    def before(self, plan: Plan, step: Step) -> None:
        """Say what has changed since the last question, before ``step`` is asked."""
        if step.framework is not None and plan.classification is not None:
            c = plan.classification
            signature = (c.tier, c.gpai, c.roles, c.high_risk_routes, c.prohibited, c.transparency)
            if signature != self._shown_classification:
                self._shown_classification = signature
                self._asker.show(ClassificationUpdate(c, complete=not c.unanswered))
        if step.section != self._shown_section:
            self._shown_section = step.section
            self._asker.show(SectionStarted(step.section))
        if step.kind in ("controls", "category") and step.framework not in self._announced:
            assert step.framework is not None
            self._announced.add(step.framework)
            self._announce_controls(plan, step.framework)

    def _announce_controls(self, plan: Plan, framework: str) -> None:
        count = sum(len(s.controls) for s in plan.steps if s.framework == framework)
        fw = self._library.frameworks[framework]
        roles = _roles_text(plan.classification)
        if any(s.kind == "category" and s.framework == framework for s in plan.steps):
            how = (
                "Asked one group at a time: y when all of it is in place, p or d to answer "
                "its items one by one."
            )
        else:
            how = "For each: is it in place?"
        self._asker.show(Notice(f"{count} {fw.name} item(s) apply to this system{roles}. {how}"))
        waiting = plan.pending.get(framework, 0)
        if waiting:
            self._asker.show(
                Notice(
                    f"{waiting} more {fw.name} item(s) depend on screening questions "
                    "not answered yet.",
                    "warning",
                )
            )


def _roles_text(c: Classification | None) -> str:
    if c is None or not c.roles:
        return ""
    return " as " + ", ".join(r.replace("_", " ") for r in c.roles)
