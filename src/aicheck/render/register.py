"""The portfolio register: one row per AI system, for whoever owns all of them.

Each writer (Markdown, CSV, HTML) walks the run once; every system is reduced to a
:class:`Row` as it passes and then let go, so memory holds small rows, never reports.
Rows are ordered by risk (:func:`risk_order`), and the deadlines of all systems are
tallied per date for the portfolio's picture.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from aicheck.gate.run import Checked, Run
from aicheck.models.report import SystemReport
from aicheck.render.summary import GPAI_LABEL, percent, roles_line, tier_line

# Fail closed: a system whose screening is incomplete ranks right after the high-risk
# ones, never with the minimal-risk ones; a system not assessed under the EU AI Act last.
TIER_ORDER = {
    "prohibited": 0,
    "high_risk": 1,
    "incomplete": 2,
    "transparency": 3,
    "not_high_risk_art_6_3": 4,
    "minimal": 5,
    "out_of_scope": 6,
}
NOT_ASSESSED = "EU AI Act not assessed"


@dataclass(frozen=True, slots=True)
class Coverage:
    framework: str
    met: int
    applicable: int


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    source: str
    owner: str | None
    tier: str | None
    """The EU AI Act tier id; None when the Act is not assessed."""
    tier_label: str
    roles: str
    gpai: str
    failed: bool
    critical: int
    high: int
    coverage: tuple[Coverage, ...]
    next_deadline: dt.date | None
    next_deadline_label: str | None
    oldest_review: dt.date | None
    """None: an answer was never reviewed (or nothing is answered yet)."""


@dataclass(frozen=True, slots=True)
class Portfolio:
    """What every register shows: the rows in risk order and the deadlines per date."""

    as_of: dt.date
    threshold: str
    rows: tuple[Row, ...]
    deadlines: tuple[tuple[dt.date, str, int], ...]
    """(date, label, number of systems it binds), by date then label."""
    frameworks: tuple[str, ...]
    """Every framework any system was assessed against, in order of first use."""

    @property
    def failing(self) -> int:
        return sum(row.failed for row in self.rows)


def row_of(checked: Checked) -> Row:
    system = checked.report
    c = system.classification
    live = [f for f in system.findings if not f.waived]
    # The oldest review of an answer; an answer never reviewed is older than any (fail
    # closed: the register must not show a fresh date for a file with unreviewed answers).
    answered = [c for c in system.controls if c.state not in ("unanswered", "covered_by_crosswalk")]
    never = any(c.reviewed is None for c in answered)
    reviewed = [] if never else [c.reviewed for c in answered if c.reviewed is not None]
    first = system.deadlines[0] if system.deadlines else None
    return Row(
        name=system.system.name,
        source=system.source,
        owner=system.system.owner,
        tier=None if c is None else c.tier,
        tier_label=NOT_ASSESSED if c is None else tier_line(c),
        roles="" if c is None else roles_line(c),
        gpai="" if c is None else GPAI_LABEL[c.gpai],
        failed=checked.failed,
        critical=sum(f.severity == "critical" for f in live),
        high=sum(f.severity == "high" for f in live),
        coverage=tuple(Coverage(cov.framework, cov.met, cov.applicable) for cov in system.coverage),
        next_deadline=None if first is None else first.date,
        next_deadline_label=None if first is None else first.label,
        oldest_review=min(reviewed, default=None),
    )


def risk_order(row: Row) -> tuple[object, ...]:
    """Prohibited first; then systems failing the gate, most critical and high findings
    first; then by tier; then by name and file, so the order is stable."""
    return (
        row.tier != "prohibited",
        not row.failed,
        -row.critical if row.failed else 0,
        -row.high if row.failed else 0,
        TIER_ORDER.get(row.tier or "", len(TIER_ORDER)),
        row.name.casefold(),
        row.source,
    )


def portfolio(run: Run) -> Portfolio:
    """Walk the run: one row per system, every deadline counted once per system."""
    rows: list[Row] = []
    tally: Counter[tuple[dt.date, str]] = Counter()
    frameworks: dict[str, None] = {}
    for checked in run:
        rows.append(row_of(checked))
        tally.update(_deadlines(checked.report))
        frameworks.update(dict.fromkeys(checked.report.frameworks))
    rows.sort(key=risk_order)
    deadlines = tuple((day, label, n) for (day, label), n in sorted(tally.items()))
    return Portfolio(run.as_of, run.threshold, tuple(rows), deadlines, tuple(frameworks))


def _deadlines(system: SystemReport) -> Iterable[tuple[dt.date, str]]:
    return {(d.date, d.label) for d in system.deadlines}


def coverage_of(row: Row, framework: str) -> Coverage | None:
    return next((c for c in row.coverage if c.framework == framework), None)


def coverage_shares(row: Row, frameworks: Iterable[str]) -> list[tuple[str, str]]:
    """(framework, share of its applicable items met) for each framework of the row."""
    shares = []
    for framework in frameworks:
        cov = coverage_of(row, framework)
        if cov is not None:
            shares.append((framework, percent(cov.met, cov.applicable)))
    return shares


def next_deadline(row: Row, escape: Callable[[str], str]) -> str:
    """The next legal deadline as date and label (escaped for the format), or none."""
    if row.next_deadline is None:
        return "none"
    return f"{row.next_deadline.isoformat()} {escape(row.next_deadline_label or '')}"
