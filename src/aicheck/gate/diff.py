"""What changed between two assessments of one AI system, for a pull-request review.

Pure: two SystemReports in, a SystemDiff out.  Findings are matched as the baseline
matches them (rule, kind and item; never line numbers or wording), so moving answers
around is not a change.  Only unwaived findings count as gaps: a new waiver closes a
gap, an expired one reopens it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from aicheck.models.report import Classification, Finding, Result, SystemReport, result_type
from aicheck.models.severity import Severity, rank

FindingKey = tuple[str, str, str]


@result_type
class SeverityChange(Result):
    finding: Finding  # as it is now
    old: Severity


@result_type
class ClassificationChange(Result):
    field: str  # tier, gpai, roles, high_risk_routes, transparency, prohibited
    old: str
    new: str


@result_type
class DeadlineChange(Result):
    framework: str
    label: str
    old: dt.date | None  # None: a new deadline
    new: dt.date | None  # None: the deadline no longer applies
    refs: tuple[str, ...]


@result_type
class CoverageChange(Result):
    framework: str
    name: str
    old: tuple[int, int]  # (met, applicable)
    new: tuple[int, int]


@result_type
class SystemDiff(Result):
    old_source: str
    new_source: str
    system: str
    new_findings: tuple[Finding, ...]
    closed_findings: tuple[Finding, ...]
    """Gaps of items that still apply and are now dealt with."""
    dropped_findings: tuple[Finding, ...]
    """Gaps of items that no longer apply (the classification, role or scope changed):
    gone, but not by being closed."""
    severity_changes: tuple[SeverityChange, ...]
    classification_changes: tuple[ClassificationChange, ...]
    deadline_changes: tuple[DeadlineChange, ...]
    coverage_changes: tuple[CoverageChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (
            self.new_findings
            or self.closed_findings
            or self.dropped_findings
            or self.severity_changes
            or self.classification_changes
            or self.deadline_changes
            or self.coverage_changes
        )

    def opened(self) -> tuple[Finding, ...]:
        """The gaps this change opens: new findings, and findings that got worse."""
        worse = (c.finding for c in self.severity_changes if rank(c.finding.severity) > rank(c.old))
        return (*self.new_findings, *worse)


def key(finding: Finding) -> FindingKey:
    """What makes two findings the same one, here and in a baseline."""
    return (finding.rule, same_kind(finding.kind), finding.item or "")


def same_kind(kind: str) -> str:
    """A control's gap stays the same finding when it goes from missing to partly in
    place (or back): its severity changes, it is not closed and opened again."""
    return "gap" if kind == "partial" else kind


def _by_severity(finding: Finding) -> int:
    return -rank(finding.severity)


def diff_systems(old: SystemReport, new: SystemReport) -> SystemDiff:
    before: dict[FindingKey, list[Finding]] = defaultdict(list)
    for f in old.findings:
        if not f.waived:
            before[key(f)].append(f)
    added: list[Finding] = []
    changed: list[SeverityChange] = []
    for f in new.findings:
        if f.waived:
            continue
        matches = before.get(key(f))
        if not matches:
            added.append(f)
            continue
        previous = matches.pop(0)
        if previous.severity != f.severity:
            changed.append(SeverityChange(finding=f, old=previous.severity))
    gone = [f for fs in before.values() for f in fs]
    still_applies = {(c.framework, c.id) for c in new.controls}
    was_applicable = {(c.framework, c.id) for c in old.controls}

    def dropped(f: Finding) -> bool:
        item = (f.framework, f.item)
        return item in was_applicable and item not in still_applies

    closed = [f for f in gone if not dropped(f)]
    return SystemDiff(
        old_source=old.source,
        new_source=new.source,
        system=new.system.name,
        # New findings keep the new report's order and closed ones the old report's
        # (``before`` is filled in that order); a stable sort by severity keeps both.
        new_findings=tuple(sorted(added, key=_by_severity)),
        closed_findings=tuple(sorted(closed, key=_by_severity)),
        dropped_findings=tuple(sorted((f for f in gone if dropped(f)), key=_by_severity)),
        severity_changes=tuple(sorted(changed, key=lambda c: _by_severity(c.finding))),
        classification_changes=tuple(
            _classification_changes(old.classification, new.classification)
        ),
        deadline_changes=tuple(_deadline_changes(old, new)),
        coverage_changes=tuple(_coverage_changes(old, new)),
    )


_CLASSIFICATION_FIELDS = ("tier", "gpai", "roles", "high_risk_routes", "transparency", "prohibited")


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def _classification_changes(
    old: Classification | None, new: Classification | None
) -> list[ClassificationChange]:
    if old is None and new is None:
        return []
    if old is None or new is None:
        return [
            ClassificationChange(
                field="tier",
                old="not assessed" if old is None else old.tier,
                new="not assessed" if new is None else new.tier,
            )
        ]
    changes = []
    for name in _CLASSIFICATION_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(ClassificationChange(field=name, old=_shown(before), new=_shown(after)))
    if len(old.unanswered) != len(new.unanswered):
        # Answering screening questions one by one is progress even while still incomplete.
        changes.append(
            ClassificationChange(
                field="unanswered", old=str(len(old.unanswered)), new=str(len(new.unanswered))
            )
        )
    return changes


def _deadline_changes(old: SystemReport, new: SystemReport) -> list[DeadlineChange]:
    def index(report: SystemReport) -> dict[tuple[str, str], tuple[dt.date, tuple[str, ...]]]:
        found: dict[tuple[str, str], tuple[dt.date, tuple[str, ...]]] = {}
        for d in report.deadlines:
            # One label can carry several dates (refs applying at different times):
            # keep the earliest, the one a team plans for.
            k = (d.framework, d.label)
            if k not in found or d.date < found[k][0]:
                found[k] = (d.date, d.refs)
        return found

    before, after = index(old), index(new)
    changes = []
    for k in sorted(set(before) | set(after)):
        was, now = before.get(k), after.get(k)
        if was is not None and now is not None and was[0] == now[0]:
            continue
        refs = (now or was or (dt.date.min, ()))[1]
        changes.append(
            DeadlineChange(
                framework=k[0],
                label=k[1],
                old=None if was is None else was[0],
                new=None if now is None else now[0],
                refs=refs,
            )
        )
    return sorted(changes, key=lambda c: (c.new or c.old or dt.date.min, c.framework, c.label))


def _coverage_changes(old: SystemReport, new: SystemReport) -> list[CoverageChange]:
    before = {c.framework: c for c in old.coverage}
    changes = []
    for cov in new.coverage:
        was = before.get(cov.framework)
        old_pair = (0, 0) if was is None else (was.met, was.applicable)
        new_pair = (cov.met, cov.applicable)
        if old_pair != new_pair:
            changes.append(
                CoverageChange(framework=cov.framework, name=cov.name, old=old_pair, new=new_pair)
            )
    return changes


def empty_like(new: SystemReport, source: str) -> SystemReport:
    """The same system with nothing assessed: the "before" of a file that did not exist."""
    return SystemReport(
        source=source,
        system=new.system,
        frameworks=(),
        classification=None,
        coverage=(),
        controls=(),
        findings=(),
        deadlines=(),
        waivers=(),
    )
