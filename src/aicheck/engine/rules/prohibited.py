"""Art. 5: prohibited practices.

A practice answered yes with no exception answered yes is prohibited.  A prohibition
with a date of its own (the Omnibus additions) counts from then; before that it is
reported as coming, not as the outcome.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from aicheck.engine.screening import Effects, Tri, tri_any
from aicheck.models.catalog import Question
from aicheck.models.report import Reason


class Prohibition:
    def __init__(
        self, prohibited: Tri, practices: tuple[Question, ...], reasons: tuple[Reason, ...]
    ) -> None:
        self.prohibited: Final = prohibited
        self.practices: Final = practices
        """The practices answered yes that are prohibited on the assessment date."""
        self.reasons: Final = reasons


def decide_prohibition(effects: Effects, as_of: dt.date) -> Prohibition:
    practices: list[Question] = []
    states: list[Tri] = []
    reasons: list[Reason] = []
    for q in effects.questions("prohibited"):
        state = effects.triggered(q)
        start = effects.dates.get(q.applies_from) if q.applies_from else None
        upcoming = start is not None and start > as_of
        states.append(False if upcoming and state is not None else state)
        answers = (q.id, *q.unless)
        if state and upcoming:
            assert start is not None
            conclusion = f"prohibited from {start.isoformat()}"
            reasons.append(Reason(conclusion=conclusion, refs=(q.ref,), answers=answers))
        elif state:
            practices.append(q)
            reasons.append(Reason(conclusion="prohibited practice", refs=(q.ref,), answers=answers))
    return Prohibition(tri_any(states), tuple(practices), tuple(reasons))
