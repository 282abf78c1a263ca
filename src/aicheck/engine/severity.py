"""The severity policy, in one place (documented in the README's severity table).

Severity follows the law and the calendar: a binding duty outranks a voluntary one in
the same state, and a binding duty not yet in force rises as its date of application
comes within the lead time, so that CI fails while there is still time to act.
"""

from __future__ import annotations

import calendar
import datetime as dt

from aicheck.models.severity import SEVERITIES, Severity

_MISSING = frozenset({"unanswered", "not_implemented"})
_UNDER_WAY = frozenset({"partial", "planned"})

# (missing, under way) for each point on the calendar of a duty.
_IN_FORCE: tuple[Severity, Severity] = ("critical", "high")
_WITHIN_LEAD_TIME: tuple[Severity, Severity] = ("high", "medium")
_LATER: tuple[Severity, Severity] = ("medium", "low")
_VOLUNTARY: tuple[Severity, Severity] = ("low", "low")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier; the month's last day when it has
    no such day (three months before 31 May is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def in_force(applies_from: dt.date | None, as_of: dt.date) -> bool:
    """Whether a duty applies on ``as_of``: it has no date, or its date has come.  The one
    place this is decided, for the severities, the controls and the reports."""
    return applies_from is None or applies_from <= as_of


def within_lead_time(applies_from: dt.date, as_of: dt.date, lead_time: int) -> bool:
    """Whether ``as_of`` falls inside the lead time before ``applies_from`` (inclusive:
    with 12 months, a duty applying 2027-12-02 is inside on 2026-12-02)."""
    return as_of >= months_before(applies_from, lead_time)


def duty_severity(
    state: str,
    *,
    binding: bool,
    applies_from: dt.date | None,
    as_of: dt.date,
    lead_time: int,
    due: dt.date | None = None,
) -> Severity | None:
    """The severity of a control's gap; None when there is no gap.

    ``state`` missing (unanswered, not implemented) or under way (partial, planned):

    - binding, in force (no date, or the date has come): critical / high;
    - binding, applying within the lead time: high / medium; earlier: medium / low;
    - voluntary: low / low, so that it never outranks a binding duty in the same state;

    then one level higher when the team's own target date ``due`` has passed.
    """
    if state in _MISSING:
        column = 0
    elif state in _UNDER_WAY:
        column = 1
    else:
        return None
    row = _VOLUNTARY if not binding else _calendar_row(applies_from, as_of, lead_time)
    severity = row[column]
    return raised(severity) if due is not None and due < as_of else severity


def _calendar_row(
    applies_from: dt.date | None, as_of: dt.date, lead_time: int
) -> tuple[Severity, Severity]:
    if applies_from is None or in_force(applies_from, as_of):
        return _IN_FORCE
    if within_lead_time(applies_from, as_of, lead_time):
        return _WITHIN_LEAD_TIME
    return _LATER


def raised(severity: Severity) -> Severity:
    """One level worse, capped at critical."""
    return SEVERITIES[max(SEVERITIES.index(severity) - 1, 0)]


def binding_or_voluntary(binding: bool, severity_if_binding: Severity) -> Severity:
    """Findings other than gaps (screening, evidence, waivers): as graded for a binding
    framework, low for a voluntary one, which never outranks a binding duty."""
    return severity_if_binding if binding else "low"
