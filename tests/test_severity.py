"""The severity ladder and the gate thresholds: one definition, one rule."""

from __future__ import annotations

import pytest

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
