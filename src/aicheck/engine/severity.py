"""The severity policy, in one place (documented in the README)."""

from __future__ import annotations

from aicheck.models.severity import Severity

_MISSING = frozenset({"unanswered", "not_implemented"})
_UNDER_WAY = frozenset({"partial", "planned"})


def gap_severity(state: str, *, binding: bool, in_force: bool) -> Severity | None:
    """critical: binding, in force, nothing in place; high: binding, in force, partial or
    planned; medium: binding not yet in force, or voluntary and missing; low: voluntary
    (or not yet in force) and partial.  None when there is no gap."""
    if state not in _MISSING | _UNDER_WAY:
        return None
    if binding and in_force:
        return "critical" if state in _MISSING else "high"
    if state == "partial":
        return "low"
    return "medium"
