"""Where a step stands in the answers file: answered, due for review, or left unfinished."""

from __future__ import annotations

import datetime as dt

from aicheck.engine.findings import is_stale
from aicheck.interview.follow_ups import GAP_STATUSES, first_due
from aicheck.interview.plan import Step
from aicheck.models.answers import AnswersFile, ControlAnswer
from aicheck.models.settings import DEFAULT_REVIEW_DAYS


def is_answered(step: Step, answers: AnswersFile) -> bool:
    kind = step.kind
    if kind == "system":
        return bool(getattr(answers.system, step.key[-1], None))
    if kind == "frameworks":
        return answers.frameworks is not None
    if kind == "provider":
        provider = answers.provider
        if step.key[-1] == "documents":
            return provider is not None and "documents" in provider.model_fields_set
        return provider is not None
    if kind == "assessment":
        return answers.assessment is not None and bool(getattr(answers.assessment, step.key[-1]))
    if kind in ("screening", "checklist"):
        given = answers.screening.get(step.key[1], {})
        return all(given.get(q.id) is not None for q in step.questions)
    return all(a is not None for a in control_answers(step, answers))


def is_complete(step: Step, answers: AnswersFile) -> bool:
    """Answered, leaving aside optional screening questions: an optional item unanswered
    in a checklist is asked again, but is not missing."""
    if step.kind not in ("screening", "checklist"):
        return is_answered(step, answers)
    given = answers.screening.get(step.key[1], {})
    return all(given.get(q.id) is not None for q in step.questions if q.required)


def still_missing(step: Step, answers: AnswersFile) -> list[tuple[str, str]]:
    """What a step not complete lacks, as (label, text): each required question not
    answered, or the step itself."""
    if step.kind not in ("screening", "checklist"):
        return [(step.label, step.text)]
    given = answers.screening.get(step.key[1], {})
    return [
        (f"{q.ref}  {step.framework}/{q.id}", q.text)
        for q in step.questions
        if q.required and given.get(q.id) is None
    ]


def control_answers(step: Step, answers: AnswersFile) -> list[ControlAnswer | None]:
    """The answers in the file for the controls a step asks about (None: unanswered)."""
    if step.framework is None:
        return []
    given = answers.controls.get(step.framework, {})
    return [given.get(c.id) for c in step.controls]


def control_answer(step: Step, answers: AnswersFile) -> ControlAnswer | None:
    """The answer to a single control step."""
    found = control_answers(step, answers) if step.kind == "controls" else []
    return found[0] if found else None


def resume_point(step: Step, answers: AnswersFile) -> int | None:
    """For a control whose answer was left unfinished, the follow-up to resume at."""
    return first_due(control_answer(step, answers)) if step.kind == "controls" else None


def needs_review(
    step: Step,
    answers: AnswersFile,
    as_of: dt.date,
    review_days: int = DEFAULT_REVIEW_DAYS,
) -> bool:
    """Missing, unfinished, stale (reviewed longer ago than the review interval, or dated
    after ``as_of``), or a gap (partly, planned, not implemented) not reviewed since
    ``as_of``: a review that stops resumes after the gaps it has confirmed, and a review
    as of a later date walks every gap reviewed before it."""
    if not is_complete(step, answers):
        return not step.optional
    return any(
        a is not None and _answer_needs_review(a, as_of, review_days)
        for a in control_answers(step, answers)
    )


def _answer_needs_review(answer: ControlAnswer, as_of: dt.date, review_days: int) -> bool:
    if first_due(answer) is not None:
        return True
    if answer.reviewed is not None and answer.reviewed > as_of:
        return True  # a date after today is a mistake to correct by reviewing
    if is_stale(answer, as_of, review_days):
        return True
    return answer.status in GAP_STATUSES and (answer.reviewed is None or answer.reviewed < as_of)
