"""The severity ladder, the gate thresholds and the policy that grades gaps by the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from aicheck.engine.severity import duty_severity, months_before, raised
from aicheck.models.severity import SEVERITIES, THRESHOLDS, Threshold, rank, reaches
from aicheck.render import sarif, text


def test_the_ladder_reads_worst_first_and_none_is_below_it() -> None:
    assert SEVERITIES == ("critical", "high", "medium", "low")
    assert THRESHOLDS[:-1] == SEVERITIES
    assert THRESHOLDS[-1] == "none"
    assert [rank(level) for level in THRESHOLDS] == [4, 3, 2, 1, 0]


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_a_severity_reaches_every_threshold_at_or_below_it(threshold: Threshold) -> None:
    reached = [s for s in SEVERITIES if reaches(s, threshold)]
    if threshold == "none":
        assert reached == []
    else:
        assert reached == list(SEVERITIES[: SEVERITIES.index(threshold) + 1])


@pytest.mark.parametrize(
    "table",
    [text.STYLE, sarif.SECURITY_SEVERITY, sarif.LEVEL],
    ids=["text colours", "SARIF security-severity", "SARIF level"],
)
def test_every_per_severity_table_follows_the_ladder(table: dict[str, str]) -> None:
    assert tuple(table) == SEVERITIES


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2027, 12, 2), 12, dt.date(2026, 12, 2)),
        (dt.date(2027, 12, 2), 0, dt.date(2027, 12, 2)),
        (dt.date(2027, 5, 31), 3, dt.date(2027, 2, 28)),
        (dt.date(2028, 5, 31), 3, dt.date(2028, 2, 29)),
        (dt.date(2027, 1, 15), 1, dt.date(2026, 12, 15)),
        (dt.date(2027, 1, 15), 25, dt.date(2024, 12, 15)),
    ],
)
def test_months_before_counts_calendar_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


APPLIES = dt.date(2027, 12, 2)


@pytest.mark.parametrize(
    ("binding", "as_of", "missing", "under_way"),
    [
        (True, None, "critical", "high"),  # no date of its own: in force
        (True, dt.date(2027, 12, 2), "critical", "high"),
        (True, dt.date(2027, 12, 1), "high", "medium"),
        (True, dt.date(2026, 12, 2), "high", "medium"),  # the lead time's first day
        (True, dt.date(2026, 12, 1), "medium", "low"),
        (False, dt.date(2026, 12, 1), "low", "low"),
        (False, dt.date(2028, 1, 1), "low", "low"),
    ],
)
def test_the_policy_table(
    binding: bool, as_of: dt.date | None, missing: str, under_way: str
) -> None:
    when = dt.date(2026, 6, 1) if as_of is None else as_of
    applies_from = None if as_of is None else APPLIES
    for state, expected in [
        ("unanswered", missing),
        ("not_implemented", missing),
        ("partial", under_way),
        ("planned", under_way),
    ]:
        got = duty_severity(
            state, binding=binding, applies_from=applies_from, as_of=when, lead_time=12
        )
        assert got == expected, state
    for state in ("implemented", "not_applicable", "covered_by_crosswalk"):
        assert (
            duty_severity(
                state, binding=binding, applies_from=applies_from, as_of=when, lead_time=12
            )
            is None
        )


def test_a_voluntary_gap_never_outranks_a_binding_one_in_the_same_state() -> None:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 900, 7)]
    for as_of in days:
        for lead_time in (0, 6, 12, 24):
            for state in ("unanswered", "partial"):
                voluntary = duty_severity(
                    state, binding=False, applies_from=None, as_of=as_of, lead_time=lead_time
                )
                binding = duty_severity(
                    state, binding=True, applies_from=APPLIES, as_of=as_of, lead_time=lead_time
                )
                assert voluntary is not None and binding is not None
                assert rank(voluntary) <= rank(binding)


def test_raised_is_one_level_up_capped_at_critical() -> None:
    assert [raised(s) for s in SEVERITIES] == ["critical", "critical", "high", "medium"]
