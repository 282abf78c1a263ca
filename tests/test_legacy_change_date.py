"""Art. 111(2): the date a planned significant change in design comes, asked and read.

A high-risk system on the market before its rules apply is caught only from a significant
change in its design (Art. 111(2), as replaced by Regulation (EU) 2026/1744).  The change
is planned, so its day is a `date` answer, asked only once such a change is planned.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import invoke

PLANNED = "    hr_legacy: legacy_change_planned\n"


@pytest.fixture
def ranker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CV-screening example: an Annex III point 4(a) ranker live since 2026 whose
    next version changes its design."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "aicheck.yaml"
    text = path.read_text()
    assert PLANNED in text
    # Without the example's own date, so that each test sets the one it needs.
    lines = [x for x in text.splitlines(keepends=True) if "hr_legacy_change_date" not in x]
    path.write_text("".join(lines))
    return path


def with_answer(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, text: str) -> int:
    return next(n for n, x in enumerate(path.read_text().splitlines(), start=1) if text in x)


@pytest.mark.parametrize("typed", ["2028-31-06", "30/06/2028", "20280630", "2028"])
def test_a_date_that_is_not_one_is_one_line_naming_file_and_line(ranker: Path, typed: str) -> None:
    with_answer(ranker, PLANNED, f"{PLANNED}    hr_legacy_change_date: {typed}\n")
    result = invoke(["check", "aicheck.yaml", "--as-of", "2026-12-02"])
    assert result.exit_code == 2
    shown = typed if typed.isdigit() else repr(typed)
    assert result.stderr == (
        f"aicheck: error: aicheck.yaml:{line_of(ranker, 'hr_legacy_change_date')}: "
        f"hr_legacy_change_date: {shown} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27\n"
    )


def asked(stderr: str) -> list[str]:
    """The questions an interview asked, in order, by their first words."""
    texts = {
        "Was this system, or will it be, first placed": "hr_legacy",
        "On what date is the significantly changed version": "hr_legacy_change_date",
        "Is the system intended to be used by public authorities?": "public",
    }
    found = sorted((stderr.find(t), name) for t, name in texts.items() if t in stderr)
    return [name for _, name in found]


def test_the_date_is_asked_only_once_a_change_is_planned(ranker: Path) -> None:
    with_answer(ranker, PLANNED, "    hr_legacy: legacy_unchanged\n"
                "    hr_legacy_public_authorities: false\n")  # fmt: skip
    unchanged = invoke(["assess", "aicheck.yaml", "--ask", "hr_legacy"], input="\nq\n")
    assert unchanged.exit_code == 0, unchanged.output
    assert asked(unchanged.stderr) == ["hr_legacy"]

    planned = invoke(["assess", "aicheck.yaml", "--ask", "hr_legacy"], input="3\n2028-06-30\nq\n")
    assert planned.exit_code == 0, planned.output
    assert asked(planned.stderr) == ["hr_legacy", "hr_legacy_change_date"]
    assert "(a date as YYYY-MM-DD, e.g. 2028-06-30, Enter leaves it empty" in planned.stderr
    text = ranker.read_text()
    assert "    hr_legacy: legacy_change_planned\n    hr_legacy_change_date: '2028-06-30'\n" in text


def test_a_reply_that_is_not_a_date_is_refused_saying_what_to_type(ranker: Path) -> None:
    # The scripted asker stops at a refused reply, saying what to type; the terminal one
    # asks again (both read replies through one parser).
    args = ["assess", "aicheck.yaml", "--ask", "hr_legacy_change_date"]
    result = invoke(args, input="end of 2028\n")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "'end of 2028' is not a date: write it as YYYY-MM-DD, for example 2028-06-30"
    )
    assert "hr_legacy_change_date" not in ranker.read_text()
