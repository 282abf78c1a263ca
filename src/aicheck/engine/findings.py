"""Findings: what is missing or wrong for one system, each with its severity and remedy.

Pure, like the rest of the engine: built from control results, answers and the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from aicheck.catalog.library import SEPARATOR, Library
from aicheck.engine.rules.scope import NOT_AN_AI_SYSTEM
from aicheck.engine.severity import binding_or_voluntary
from aicheck.models.answers import AnswersFile, ControlAnswer, EvidenceState
from aicheck.models.catalog import Framework
from aicheck.models.checks import (
    CHECKS,
    EVIDENCE_OUTSIDE,
    MISSING_EVIDENCE,
    REVIEW_IN_FUTURE,
    STALE_ANSWER,
    WAIVER_EXPIRED,
)
from aicheck.models.report import (
    CONTROL_GAP_KINDS,
    Classification,
    ControlResult,
    Finding,
    FindingKind,
)
from aicheck.models.severity import Severity, rank


def is_stale(answer: ControlAnswer, as_of: dt.date, review_days: int) -> bool:
    """Reviewed longer ago than the review interval (not-applicable answers never go stale)."""
    return (
        answer.reviewed is not None
        and answer.status != "not_applicable"
        and (as_of - answer.reviewed).days > review_days
    )


def control_findings(
    result: ControlResult,
    library: Library,
    answers: AnswersFile,
    evidence: Mapping[str, EvidenceState],
    *,
    as_of: dt.date,
    review_days: int,
) -> list[Finding]:
    control = library.control(f"{result.framework}{SEPARATOR}{result.id}")
    assert control is not None
    answer = answers.controls.get(result.framework, {}).get(result.id)
    loc: tuple[str | int, ...] = ("controls", result.framework, result.id)
    findings: list[Finding] = []
    severity = result.severity
    if severity is not None:
        findings.append(
            _control_finding(
                result,
                control.summary,
                rule=f"{result.framework}{SEPARATOR}{result.id}",
                kind="partial" if result.state == "partial" else "gap",
                severity=severity,
                message=_gap_message(result),
                remedy=control.guidance,
                location=loc if answer is not None else (),
            )
        )
    if answer is None:
        return findings
    findings += _evidence_findings(answer, result, control.summary, evidence)
    review = _review_problem(answer, as_of, review_days)
    if review is not None:
        rule, kind, problem = review
        findings.append(
            _control_finding(
                result,
                control.summary,
                rule=rule,
                kind=kind,
                severity="low",
                message=f"{result.ref}: {problem}",
                remedy=CHECKS[rule].remedy,
                location=(*loc, "reviewed"),
            )
        )
    return findings


def _review_problem(
    answer: ControlAnswer, as_of: dt.date, review_days: int
) -> tuple[str, FindingKind, str] | None:
    """What is wrong with when the answer was reviewed: rule, kind, problem."""
    if answer.reviewed is None:
        return None
    reviewed = answer.reviewed.isoformat()
    if answer.reviewed > as_of:
        # A typo such as 2062 would otherwise keep the answer from ever going stale.
        return (
            REVIEW_IN_FUTURE,
            "review_date_in_future",
            f"reviewed date {reviewed} is after the assessment date {as_of.isoformat()}",
        )
    if is_stale(answer, as_of, review_days):
        return (
            STALE_ANSWER,
            "stale_answer",
            f"answer last reviewed {reviewed}, {(as_of - answer.reviewed).days} days ago "
            f"(review interval {review_days} days)",
        )
    return None


def _control_finding(
    result: ControlResult,
    description: str,
    *,
    rule: str,
    kind: FindingKind,
    severity: Severity,
    message: str,
    remedy: str,
    location: tuple[str | int, ...],
) -> Finding:
    return Finding(
        rule=rule,
        kind=kind,
        severity=severity,
        framework=result.framework,
        item=result.id,
        ref=result.ref,
        title=result.title,
        message=message,
        description=description,
        remedy=remedy,
        penalty=result.penalty if kind in CONTROL_GAP_KINDS else None,
        owner=result.owner,
        applies_from=result.applies_from,
        due=result.due,
        waived=result.waived,
        location=location,
    )


def _evidence_findings(
    answer: ControlAnswer,
    result: ControlResult,
    description: str,
    evidence: Mapping[str, EvidenceState],
) -> list[Finding]:
    findings: list[Finding] = []
    for i, item in enumerate(answer.evidence):
        state = evidence.get(item, "ok")
        if state == "ok":
            continue
        outside = state == "outside"
        rule = EVIDENCE_OUTSIDE if outside else MISSING_EVIDENCE
        findings.append(
            _control_finding(
                result,
                description,
                rule=rule,
                kind="evidence_outside_repository" if outside else "missing_evidence",
                severity=binding_or_voluntary(result.binding, "medium"),
                message=(
                    f"{result.ref}: evidence path {item!r} points outside the repository; "
                    "not followed"
                    if outside
                    else f"{result.ref}: evidence file {item!r} does not exist"
                ),
                remedy=CHECKS[rule].remedy,
                location=("controls", result.framework, result.id, "evidence", i),
            )
        )
    return findings


def waiver_findings(
    answers: AnswersFile, as_of: dt.date, library: Library, adopted: Sequence[str] = ()
) -> list[Finding]:
    findings: list[Finding] = []
    for i, waiver in enumerate(answers.waivers):
        if waiver.expires >= as_of:
            continue
        control = library.control(waiver.control)
        fid = waiver.control.partition(SEPARATOR)[0]
        fw = library.frameworks.get(fid)
        # A waiver of an item no catalog knows is graded as binding: fail closed.
        binding = (
            fw is None
            or control is None
            or fid in adopted
            or (fw.binding if control.binding is None else control.binding)
        )
        findings.append(
            Finding(
                rule=WAIVER_EXPIRED,
                kind="waiver_expired",
                severity=binding_or_voluntary(binding, "medium"),
                framework=waiver.control.partition(SEPARATOR)[0],
                item=waiver.control.partition(SEPARATOR)[2],
                ref=None if control is None else control.ref,
                title=CHECKS[WAIVER_EXPIRED].title,
                message=f"waiver for {waiver.control} approved by {waiver.approver} expired on "
                f"{waiver.expires.isoformat()}",
                remedy=CHECKS[WAIVER_EXPIRED].remedy,
                location=("waivers", i, "expires"),
            )
        )
    return findings


def classification_findings(c: Classification, fw: Framework) -> list[Finding]:
    questions = {q.id: q for q in fw.questions}
    findings: list[Finding] = []
    for reason in c.reasons:
        if reason.conclusion.startswith("prohibited"):
            qid = reason.answers[0]
            in_force = reason.conclusion == "prohibited practice"
            findings.append(
                Finding(
                    rule=f"{fw.id}{SEPARATOR}{qid}",
                    kind="prohibited_practice",
                    # A ban with a date still to come is graded high, not critical.
                    severity="critical" if in_force else "high",
                    framework=fw.id,
                    item=qid,
                    ref=reason.refs[0],
                    title=f"Prohibited practice: {questions[qid].text}",
                    message=f"answered yes: {reason.conclusion} under {reason.refs[0]}; the "
                    "system must not be placed on the market, put into service or used "
                    "this way" + ("" if in_force else " from then"),
                    description=questions[qid].help,
                    remedy="Stop the practice, or have counsel confirm that an exception "
                    "applies and record it in the screening answers.",
                    penalty=fw.penalty_sentence(questions[qid].penalty),
                    location=("screening", fw.id, qid),
                )
            )
    findings += not_an_ai_system_findings(c, fw)
    consequence = (
        "the classification cannot be concluded"
        if c.tier == "incomplete"
        else "some obligations cannot be worked out yet"
    )
    findings += unanswered_findings(fw, list(c.unanswered), consequence, binding=fw.binding)
    return findings


def not_an_ai_system_findings(c: Classification, fw: Framework) -> list[Finding]:
    """ "Not an AI system" (Art. 3(1)) lifts every duty on the team's own reading, the same
    self-serving risk as an exclusion: the report says it needs review, more urgently when
    the system would otherwise be high-risk or meet an Art. 50 situation."""
    found = [r for r in c.reasons if r.conclusion.startswith(NOT_AN_AI_SYSTEM)]
    if not found:
        return []
    reason = found[0]
    would = reason.refs[1:]  # the answers the claim sets aside (rules/scope.py)
    stakes = f"; it sets aside the answers under {', '.join(would)}" if would else ""
    return [
        Finding(
            rule=f"{fw.id}{SEPARATOR}{reason.answers[0]}",
            kind="claim_to_review",
            severity="medium" if would else "low",
            framework=fw.id,
            item=reason.answers[0],
            ref=reason.refs[0],
            title="Claimed not to be an AI system: have the reasoning reviewed",
            message=f"answered no: out of scope on the team's own reading of {reason.refs[0]}"
            f"{stakes}; the claim needs review",
            remedy="Record why the system does not infer its outputs (a comment next to the "
            "answer) and have counsel or a second reviewer confirm it. A system that scores, "
            "ranks, classifies or predicts something about people is an AI system even when "
            "built with classical statistics.",
            location=("screening", fw.id, reason.answers[0]),
        )
    ]


def unanswered_findings(
    fw: Framework,
    unanswered: list[str],
    consequence: str = "the items that depend on them are not assessed",
    *,
    binding: bool,
) -> list[Finding]:
    """Open screening questions hide the items that depend on them: say so."""
    if not unanswered:
        return []
    names = ", ".join(unanswered[:5]) + (" ..." if len(unanswered) > 5 else "")
    return [
        _screening_finding(
            fw,
            f"{len(unanswered)} screening question(s) unanswered ({names}); {consequence}",
            location=("screening", fw.id),
            binding=binding,
        )
    ]


def _gap_message(result: ControlResult) -> str:
    when = ""
    if result.applies_from is not None:
        verb = "applies" if result.in_force else "will apply"
        when = f"; {verb} from {result.applies_from.isoformat()}"
    state = {
        "unanswered": "not answered",
        "not_implemented": "not implemented",
        "planned": "planned, not yet in place",
        "partial": "partly implemented",
    }.get(result.state, result.state)
    return f"{result.ref} {result.title}: {state}{when}"


FindingKey = tuple[int, int, int, str, str]
_NOT_IN_CATALOG = 1 << 30  # an item no catalog lists (a waiver's typo) sorts last


def finding_order(library: Library, frameworks: Sequence[str]) -> Callable[[Finding], FindingKey]:
    """Most severe first; then frameworks in the order assessed and items in catalog
    order, so that MEASURE 2.2 comes before MEASURE 2.10 and MAP before MEASURE."""
    order = {fid: i for i, fid in enumerate(frameworks)}

    def key(f: Finding) -> FindingKey:
        where = -1 if f.item is None else library.position(f.framework, f.item)
        return (
            -rank(f.severity),
            order.get(f.framework, len(order)),
            _NOT_IN_CATALOG if where is None else where,
            f.item or "",
            f.kind,
        )

    return key


def classifier_missing_finding(fw: Framework, waiting: int, *, binding: bool) -> Finding:
    return _screening_finding(
        fw,
        f"{waiting} item(s) depend on the EU AI Act screening (its classification or "
        "operator roles), which this assessment does not include: add eu-ai-act to the "
        "frameworks assessed",
        location=("frameworks",),
        binding=binding,
    )


def _screening_finding(
    fw: Framework, message: str, *, location: tuple[str | int, ...], binding: bool
) -> Finding:
    """Items of ``fw`` cannot be assessed until screening is complete: high when binding.

    One remedy for the rule (the JSON and SARIF outputs describe each rule once); what
    exactly is missing is in the message."""
    return Finding(
        rule=f"{fw.id}{SEPARATOR}screening",
        kind="screening_incomplete",
        severity=binding_or_voluntary(binding, "high"),
        framework=fw.id,
        item=None,
        ref=None,
        title="Screening incomplete",
        message=f"{fw.name}: {message}",
        remedy="Answer the screening questions (`aicheck assess`).",
        location=location,
    )
