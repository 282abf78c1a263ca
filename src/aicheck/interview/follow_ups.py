"""The questions asked after a control's status, and which of them are still due.

Evidence shows what is in place, so it is asked when something is (yes, partly), and
offered when evidence is already recorded so that it can be kept or cleared.  A gap
(partly, no, planned) gets an owner and a target date: who closes it, and by when.  A
note is not a question of its own: ``y # text`` at the status records one.

The ``reviewed`` date is written when the last follow-up is answered, so an answer
without it whose follow-up field is empty was interrupted there (or written by hand):
the next run resumes at that follow-up instead of moving on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from aicheck.interview.asker import PromptKind
from aicheck.models.answers import ControlAnswer

GAP_STATUSES = frozenset({"partial", "planned", "not_implemented"})
"""Answers that leave work to do: reviewed again, and asked who closes them by when."""

IN_PLACE = frozenset({"implemented", "partial"})


class FollowUp:
    """A question asked after the status, answered into fields of the control answer."""

    def __init__(
        self,
        kind: PromptKind,
        fields: tuple[str, ...],
        text: str,
        *,
        asked: Callable[[str, ControlAnswer | None], bool],
    ) -> None:
        self.kind: Final = kind
        self.fields: Final = fields
        self.text: Final = text
        self.asked: Final = asked
        """Whether to ask it, given the status just answered and the answer in the file."""

    def missing(self, answer: ControlAnswer) -> bool:
        """Whether a field it fills is empty in ``answer``."""
        return any(not getattr(answer, name) for name in self.fields)


def recorded_evidence(existing: ControlAnswer | None) -> str | None:
    return ", ".join(existing.evidence) if existing and existing.evidence else None


EVIDENCE = FollowUp(
    "evidence",
    ("evidence",),
    "Evidence (optional): files or links that show it",
    asked=lambda status, existing: status in IN_PLACE or bool(recorded_evidence(existing)),
)
PLAN = FollowUp(
    "plan",
    ("owner", "due"),
    "Who closes this gap, and by when?",
    asked=lambda status, _: status in GAP_STATUSES,
)
FOLLOW_UPS = (EVIDENCE, PLAN)


def first_due(answer: ControlAnswer | None) -> int | None:
    """The index in :data:`FOLLOW_UPS` to resume an unfinished answer at, if any."""
    if answer is None or answer.reviewed is not None:
        return None
    for index, follow_up in enumerate(FOLLOW_UPS):
        if follow_up.asked(answer.status, answer) and follow_up.missing(answer):
            return index
    return None
