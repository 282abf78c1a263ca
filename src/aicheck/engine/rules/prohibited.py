"""Art. 5: prohibited practices.

A practice answered yes with no exception answered yes is prohibited.  A prohibition
with a date of its own (the Omnibus additions) counts from then; before that it is
reported as coming, not as the outcome.  Without a link to the Union (Art. 2(1)) the Act
does not apply, so a practice is only noted as one that would be banned there; an
exclusion claimed next to a ban does not lift it (see :func:`under_review`).
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


def decide_prohibition(effects: Effects, as_of: dt.date, nexus: Tri) -> Prohibition:
    practices: list[Question] = []
    states: list[Tri] = []
    reasons: list[Reason] = []
    for q in effects.questions("prohibited"):
        state = effects.triggered(q)
        start = effects.dates.get(q.applies_from) if q.applies_from else None
        upcoming = start is not None and start > as_of
        states.append(False if upcoming and state is not None else state)
        answers = (q.id, *q.unless)
        if state and nexus is False:
            # Must not start with "prohibited": that wording is reserved for findings.
            conclusion = (
                "would be a prohibited practice if placed on the market, put into service or "
                "used in the Union"
            )
            reasons.append(Reason(conclusion=conclusion, refs=(q.ref,), answers=answers))
        elif state and upcoming:
            assert start is not None
            conclusion = f"prohibited from {start.isoformat()}"
            reasons.append(Reason(conclusion=conclusion, refs=(q.ref,), answers=answers))
        elif state:
            practices.append(q)
            reasons.append(Reason(conclusion="prohibited practice", refs=(q.ref,), answers=answers))
    if nexus is False:
        return Prohibition(False, (), tuple(reasons))
    return Prohibition(tri_any(states), tuple(practices), tuple(reasons))


def under_review(claim: Reason) -> Reason:
    """An exclusion or limitation claimed next to a prohibited practice: it does not lift
    the ban by itself (Art. 2(3), 2(6), 2(8), 2(10), 2(2), 3(1) need legal review here)."""
    return Reason(
        conclusion=f"claimed: {claim.conclusion}; next to a prohibited practice this needs "
        "legal review and does not lift the ban",
        refs=claim.refs,
        answers=claim.answers,
    )


def personal_use_claims(prohibition: Prohibition, claims: tuple[Reason, ...]) -> tuple[Reason, ...]:
    """Art. 2(10) claimed next to a ban: for a ban on the deployer's use (Art. 5(1a)(b)) the
    operative point is that personal non-professional use is outside "deployer" (Art. 3(4));
    the ban still stands here until counsel confirms it."""
    use_bans = [q for q in prohibition.practices if _asked_of_deployers_only(q)]
    if not claims or not use_bans:
        return tuple(under_review(c) for c in claims)
    conclusion = (
        "claimed: purely personal, non-professional use; the use ban reaches deployers "
        "(Art. 5(1a)(b)) and such use is outside the definition of deployer (Art. 3(4)), so it "
        "may not reach you: confirm with counsel, and other law, including criminal law, may "
        "still apply"
    )
    answers = tuple(a for c in claims for a in c.answers)
    refs = ("Art. 5(1a)(b)", "Art. 3(4)", *(r for c in claims for r in c.refs))
    return (Reason(conclusion=conclusion, refs=refs, answers=answers),)


def _asked_of_deployers_only(q: Question) -> bool:
    when = q.ask_when
    return when is not None and when.question is not None and when.includes == "deployer"


def moot_duties(prohibition: Prohibition, refs: tuple[str, ...]) -> tuple[Reason, ...]:
    """A banned practice has no compliance route: the plan is to stop it."""
    if not prohibition.prohibited or not refs:
        return ()
    conclusion = (
        "the plan is to stop, withdraw or redesign: the high-risk and Art. 50 duties that "
        "would otherwise apply are moot"
    )
    answers = tuple(q.id for q in prohibition.practices)
    return (Reason(conclusion=conclusion, refs=refs, answers=answers),)
