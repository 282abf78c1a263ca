"""Assess one answers file: which controls apply, their state, the findings and deadlines.

Pure: the caller supplies the answers, the library, the date and what it found on disk
about each evidence path; nothing here reads files or the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from aicheck.catalog.library import SEPARATOR, Library
from aicheck.engine.classify import classifies, classify
from aicheck.engine.coverage import coverage_for
from aicheck.engine.findings import (
    classification_findings,
    classifier_missing_finding,
    control_findings,
    finding_order,
    unanswered_findings,
    waiver_findings,
)
from aicheck.engine.screening import Screening, Tri
from aicheck.engine.severity import duty_severity
from aicheck.engine.severity import in_force as duty_in_force
from aicheck.models.answers import AnswersFile, EvidenceState, ScreeningValue, iso_day
from aicheck.models.catalog import ApplicationDate, Control, DateRule, Framework
from aicheck.models.report import (
    Classification,
    ControlResult,
    ControlState,
    Deadline,
    Finding,
    ScreeningAnswer,
    SystemReport,
)
from aicheck.models.settings import RunSettings


def selected_frameworks(library: Library, answers: AnswersFile, settings: RunSettings) -> list[str]:
    if settings.frameworks:
        return list(settings.frameworks)
    if answers.frameworks is not None:
        return list(answers.frameworks)
    return [fw.id for fw in library.frameworks.values() if fw.default_selected]


def assess(
    library: Library,
    answers: AnswersFile,
    settings: RunSettings,
    *,
    source: str,
    evidence: Mapping[str, EvidenceState] | None = None,
) -> SystemReport:
    chosen, screenings, classification = _screen(library, answers, settings)
    findings: list[Finding] = []
    if classification is not None:
        findings += classification_findings(
            classification, library.frameworks[classification.framework]
        )
    for fid in chosen:
        if classification is None or fid != classification.framework:
            findings += unanswered_findings(
                library.frameworks[fid],
                screenings[fid].unanswered(),
                binding=is_binding(library.frameworks[fid], settings),
            )

    implemented = {
        f"{fid}{SEPARATOR}{cid}"
        for fid, per in answers.controls.items()
        for cid, answer in per.items()
        if answer.status == "implemented"
    }
    results: list[ControlResult] = []
    pending: dict[str, int] = {}
    for fid, screening, control, applies in _applicability(library, chosen, screenings):
        if applies is None:
            pending[fid] = pending.get(fid, 0) + 1
        if applies:
            results.append(
                _control_result(library, fid, control, screening, answers, settings, implemented)
            )

    for result in results:
        findings += control_findings(
            result,
            library,
            answers,
            evidence or {},
            as_of=settings.as_of,
            review_days=settings.review_days,
        )
    findings += waiver_findings(answers, settings.as_of, library, settings.adopted)
    if classification is None:
        # Items that read EU AI Act facts or operator roles wait for a screening that is
        # not part of this assessment: say so rather than leave them pending unexplained.
        for fid, waiting in pending.items():
            if waiting and not screenings[fid].unanswered():
                fw = library.frameworks[fid]
                findings.append(
                    classifier_missing_finding(fw, waiting, binding=is_binding(fw, settings))
                )

    return SystemReport(
        source=source,
        system=answers.system,
        frameworks=tuple(chosen),
        classification=classification,
        coverage=tuple(
            coverage_for(library.frameworks[fid], results, pending.get(fid, 0)) for fid in chosen
        ),
        controls=tuple(results),
        findings=tuple(sorted(findings, key=finding_order(library, chosen))),
        deadlines=_deadlines(results, library, settings.as_of),
        waivers=answers.waivers,
        screening=tuple(
            ScreeningAnswer(
                framework=fid,
                id=q.id,
                ref=q.ref,
                question=q.text,
                answer=_frozen(screenings[fid].answers.get(q.id)),
            )
            for fid in chosen
            for q in library.frameworks[fid].questions
            if screenings[fid].is_asked(q.id) is not False
        ),
        assessment=answers.assessment,
        provider=answers.provider,
    )


def is_binding(fw: Framework, settings: RunSettings) -> bool:
    """A legal duty, or a framework the organisation adopted as its own policy."""
    return fw.binding or fw.id in settings.adopted


def _frozen(value: ScreeningValue) -> bool | int | float | str | tuple[str, ...] | None:
    return tuple(value) if isinstance(value, list) else value


def _control_result(
    library: Library,
    fid: str,
    control: Control,
    screening: Screening,
    answers: AnswersFile,
    settings: RunSettings,
    implemented: set[str],
) -> ControlResult:
    fw = library.frameworks[fid]
    answer = answers.controls.get(fid, {}).get(control.id)
    start = _start_date(library, fw, control, screening)
    ref = f"{fid}{SEPARATOR}{control.id}"
    binding = (fw.binding if control.binding is None else control.binding) or (
        fid in settings.adopted
    )
    state: ControlState = "unanswered" if answer is None else answer.status
    # Crosswalk credit: an unanswered voluntary control that an implemented, equivalent
    # control covers.  Shown as such, never as answered.
    covered_by: tuple[str, ...] = ()
    if state == "unanswered" and not binding:
        covered_by = tuple(e for e in library.equivalents(ref) if e in implemented)
        if covered_by:
            state = "covered_by_crosswalk"
    in_force = duty_in_force(None if start is None else _day(start), settings.as_of)
    return ControlResult(
        framework=fid,
        id=control.id,
        ref=control.ref,
        title=control.title,
        group=control.group,
        binding=binding,
        state=state,
        applies_from=None if start is None else start.date,
        in_force=in_force,
        date_id=None if start is None else start.id,
        covered_by=covered_by,
        waived=bool(answers.waivers)
        and any(w.control == ref and w.expires >= settings.as_of for w in answers.waivers),
        severity=duty_severity(
            state,
            binding=binding,
            applies_from=None if start is None else start.date,
            as_of=settings.as_of,
            lead_time=settings.lead_time,
            due=None if answer is None else answer.due,
        ),
        penalty=None if control.penalty is None else fw.penalty_sentence(control.penalty),
        evidence=() if answer is None else answer.evidence,
        justification=None if answer is None else answer.justification,
        notes=None if answer is None else answer.notes,
        owner=None if answer is None else answer.owner,
        due=None if answer is None else answer.due,
        reviewed=None if answer is None else answer.reviewed,
        description=control.summary,
        remedy=control.guidance,
    )


def _applies(control: Control, screening: Screening) -> Tri:
    """False when its condition or its roles rule it out, else None while either is
    unknown, else True."""
    unknown = False
    if control.applies_when is not None:
        held = screening.holds(control.applies_when)
        if held is False:
            return False
        unknown = held is None
    if control.binds:
        roles = screening.roles
        if roles is None:
            unknown = True
        elif roles.isdisjoint(control.binds):
            return False
    return None if unknown else True


def _start_date(
    library: Library, fw: Framework, control: Control, screening: Screening
) -> ApplicationDate | None:
    return _first_date(library, fw, control.applies_from, screening)


def _first_date(
    library: Library, fw: Framework, rules: Sequence[DateRule], screening: Screening
) -> ApplicationDate | None:
    """The first rule that holds; while an earlier rule's condition is unknown, the earliest
    date that could still be right, so a blank answer never postpones an obligation.

    A date an answer gives (a planned change) is skipped while unanswered, and never moves
    a duty before the day the rules after it give: an answer can say when something
    happens, not bring the law's own date forward."""
    possible: list[ApplicationDate] = []
    for i, rule in enumerate(rules):
        holds = True if rule.when is None else screening.holds(rule.when)
        if holds is False:
            continue
        date = library.date(fw.id, rule.date)
        if date.answer is not None:
            day = iso_day(screening.value(date.answer))
            if day is None:
                continue
            floor = _first_date(library, fw, rules[i + 1 :], screening)
            date = floor if floor is not None and _day(floor) >= day else _on(date, day)
        possible.append(date)
        if holds:
            break
    return min(possible, key=_day) if possible else None


def _on(date: ApplicationDate, day: dt.date) -> ApplicationDate:
    return date.model_copy(update={"date": day})


def _day(date: ApplicationDate) -> dt.date:
    assert date.date is not None  # answer dates are resolved before they are compared
    return date.date


def _deadlines(
    results: Sequence[ControlResult], library: Library, as_of: dt.date
) -> tuple[Deadline, ...]:
    upcoming: dict[tuple[dt.date, str, str], list[str]] = {}
    for r in results:
        if r.applies_from is not None and r.applies_from > as_of and r.date_id is not None:
            upcoming.setdefault((r.applies_from, r.framework, r.date_id), []).append(r.ref)
    deadlines = []
    for (day, fid, date_id), refs in sorted(upcoming.items()):
        date = next(d for d in library.frameworks[fid].dates if d.id == date_id)
        deadlines.append(
            Deadline(
                date=day,
                label=date.label,
                source=date.source,
                framework=fid,
                refs=tuple(dict.fromkeys(refs)),
            )
        )
    return tuple(deadlines)


@dataclass(frozen=True)
class Applicability:
    """What the screening concludes, and for every organisation-facing control whether it
    applies: True, False, or None while an unanswered screening question decides it."""

    classification: Classification | None
    screenings: Mapping[str, Screening]
    controls: tuple[tuple[str, Control, Tri], ...]


def applicable_controls(
    library: Library, answers: AnswersFile, settings: RunSettings
) -> Applicability:
    """Worked out exactly as :func:`assess` does, in catalog order; for the interview."""
    chosen, screenings, classification = _screen(library, answers, settings)
    controls = tuple(
        (fid, control, applies)
        for fid, _, control, applies in _applicability(library, chosen, screenings)
        if control.audience == "organisation"
    )
    return Applicability(classification, screenings, controls)


def _screen(
    library: Library, answers: AnswersFile, settings: RunSettings
) -> tuple[list[str], dict[str, Screening], Classification | None]:
    """The selected frameworks' screenings, sharing the EU AI Act's facts and roles."""
    chosen = selected_frameworks(library, answers, settings)
    screenings = {
        fid: Screening(library.frameworks[fid], answers.screening.get(fid, {})) for fid in chosen
    }
    for screening in screenings.values():
        if classifies(screening.framework):
            classification = classify(screening, settings.as_of)
            for other in screenings.values():
                other.facts, other.roles = screening.facts, screening.roles
            return chosen, screenings, classification
    return chosen, screenings, None


def _applicability(
    library: Library, chosen: list[str], screenings: dict[str, Screening]
) -> Iterator[tuple[str, Screening, Control, Tri]]:
    for fid in chosen:
        fw = library.frameworks[fid]
        screening = screenings[fid]
        framework_applies = True if fw.applies_when is None else screening.holds(fw.applies_when)
        for control in fw.controls:
            if control.audience != "organisation":
                applies: Tri = False  # listed, never asked of a team
            elif framework_applies:
                applies = _applies(control, screening)
            else:
                applies = framework_applies
            yield fid, screening, control, applies
