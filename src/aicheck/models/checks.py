"""aicheck's own checks (evidence, waivers, review dates): their rule ids and texts.

Said once here: the engine gives each finding its remedy from this table, and the SARIF
and JSON outputs describe the rule from it.  A control's or a question's rule is
described by the catalog instead.
"""

from __future__ import annotations


class Check:
    """What one of aicheck's own rules checks, and what closes a finding of it."""

    __slots__ = ("description", "remedy", "title")

    def __init__(self, title: str, description: str, remedy: str) -> None:
        self.title = title
        self.description = description
        self.remedy = remedy


_FIX_EVIDENCE = (
    "Create the file or correct the path (relative to the answers file, inside the "
    "repository), or give an http(s) URL."
)

MISSING_EVIDENCE = "aicheck/missing-evidence"
EVIDENCE_OUTSIDE = "aicheck/evidence-outside-repository"
WAIVER_EXPIRED = "aicheck/waiver-expired"
STALE_ANSWER = "aicheck/stale-answer"
REVIEW_IN_FUTURE = "aicheck/review-date-in-future"

CHECKS: dict[str, Check] = {
    MISSING_EVIDENCE: Check(
        "Evidence file missing",
        "An answer names an evidence file that does not exist.",
        _FIX_EVIDENCE,
    ),
    EVIDENCE_OUTSIDE: Check(
        "Evidence outside the repository",
        "An evidence path leads outside the repository, so aicheck does not follow it.",
        _FIX_EVIDENCE,
    ),
    WAIVER_EXPIRED: Check(
        "Waiver expired",
        "A waiver has passed its expiry date; the gap it covered counts again.",
        "Close the gap, or renew the waiver with a new expiry date and approver.",
    ),
    STALE_ANSWER: Check(
        "Answer not reviewed recently",
        "An answer has not been reviewed within the review interval.",
        "Review the answer and update its `reviewed` date.",
    ),
    REVIEW_IN_FUTURE: Check(
        "Review date in the future",
        "An answer's reviewed date is after the assessment date, so it would never go stale.",
        "Correct the `reviewed` date to the day the answer was last checked.",
    ),
}
