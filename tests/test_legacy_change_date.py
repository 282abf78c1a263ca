"""Art. 111(2): the date a planned significant change in design comes, asked and read.

A high-risk system on the market before its rules apply is caught only from a significant
change in its design (Art. 111(2), as replaced by Regulation (EU) 2026/1744).  The change
is planned, so its day is a `date` answer, asked only once such a change is planned.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from aicheck.models.severity import rank
from tests.conftest import EXAMPLES
from tests.helpers import VALID_FRAMEWORK, invoke
from tests.terminal import Terminal

PLANNED = "    hr_legacy: legacy_change_planned\n"


@pytest.fixture
def ranker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CV-screening example made a ranker live since 2026 whose next version changes
    its design (the example itself launches after the rules apply); no day given yet, so
    that each test sets the one it needs."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "aicheck.yaml"
    with_answer(path, "    hr_legacy: not_legacy\n", PLANNED)
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


# ---------------------------------------------------------------- the duties' dates


def eu_check(path: Path, as_of: str = "2026-12-02") -> dict[str, Any]:
    result = invoke(["check", str(path), "--format", "json", "--as-of", as_of])
    assert result.exit_code in (0, 1), result.output
    system: dict[str, Any] = json.loads(result.stdout)["systems"][0]
    return system


def item(control: dict[str, Any]) -> str:
    """A control's id within its framework (JSON schema 2 gives ``framework/id``)."""
    rule: str = control["rule"]
    return rule.split("/", 1)[1]


def dated(system: dict[str, Any]) -> dict[str, str]:
    """EU AI Act control -> the day it applies from, for the controls with a date (JSON
    schema 2 names a control by its rule, ``eu-ai-act/art-9``)."""
    return {
        c["rule"].removeprefix("eu-ai-act/"): c["applies_from"]
        for c in system["controls"]
        if c["rule"].startswith("eu-ai-act/") and c.get("applies_from") is not None
    }


def legacy_reason(system: dict[str, Any]) -> str:
    (reason,) = [r for r in system["classification"]["reasons"] if "Art. 111(2)" in r["refs"]]
    assert reason["answers"] == ["hr_legacy", "hr_legacy_change_date"]
    conclusion: str = reason["conclusion"]
    return conclusion


# The example's high-risk provider duties (Arts. 9 to 21, 43, 47 to 49(1), 72, 73).
HIGH_RISK = ["art-9", "art-10", "art-11", "art-12", "art-13", "art-14", "art-15", "art-16",
             "art-17", "art-18", "art-19", "art-20", "art-21", "art-43", "art-47", "art-48",
             "art-49-1", "art-72", "art-73"]  # fmt: skip
IN_FORCE = "2025-02-02"  # Art. 4, AI literacy
REFS = [f"Art. {n}" for n in (*range(9, 22), 43, 47, 48, "49(1)", 72, 73)]
LEAD = "on the market before its high-risk rules apply, with a significant change in design"


def test_the_high_risk_duties_apply_from_the_day_of_the_change(ranker: Path) -> None:
    with_answer(ranker, PLANNED, f"{PLANNED}    hr_legacy_change_date: 2028-06-30\n")
    system = eu_check(ranker)
    change = "2028-06-30"
    assert dated(system) == {"art-4": IN_FORCE} | dict.fromkeys(HIGH_RISK, change)
    assert not any(c.get("in_force", False) for c in system["controls"] if item(c) in HIGH_RISK)
    (deadline,) = system["deadlines"]
    assert deadline == {
        "date": "2028-06-30",
        "label": "High-risk rules apply to a system already on the market, from its planned "
        "significant change in design",
        "source": "Art. 111(2), first sentence, Regulation (EU) 2024/1689, as replaced by "
        "Regulation (EU) 2026/1744 (OJ L, 24.7.2026)",
        "framework": "eu-ai-act",
        "refs": REFS,
    }
    assert legacy_reason(system) == (
        f"{LEAD} planned for 2028-06-30: the high-risk rules apply from then"
    )


def test_without_the_day_the_duties_keep_the_route_date_and_the_reason_asks(
    ranker: Path,
) -> None:
    system = eu_check(ranker)
    annex_iii = "2027-12-02"
    assert dated(system) == {"art-4": IN_FORCE} | dict.fromkeys(HIGH_RISK, annex_iii)
    assert [(d["date"], d["label"]) for d in system["deadlines"]] == [
        ("2027-12-02", "High-risk rules apply to Annex III systems")
    ]
    assert legacy_reason(system) == (
        f"{LEAD} planned: the high-risk rules apply from that change; aicheck dates them "
        "from 2027-12-02, the earliest they could; give the day of the change in "
        "hr_legacy_change_date"
    )


def test_a_change_before_the_rules_apply_does_not_move_them_earlier(ranker: Path) -> None:
    # Art. 111(2): "as from that date"; a change before 2 December 2027 is not the one
    # that counts, so the duties keep the Annex III date (Art. 113, point (c)(i)).
    with_answer(ranker, PLANNED, f"{PLANNED}    hr_legacy_change_date: '2027-06-30'\n")
    system = eu_check(ranker)
    assert {dated(system)[c] for c in HIGH_RISK} == {"2027-12-02"}
    assert legacy_reason(system) == (
        f"{LEAD} planned for 2027-06-30, before its high-risk rules apply: Art. 111(2) counts "
        "a change only from 2027-12-02, so aicheck dates the rules from then; if no further "
        "significant change is planned, answer legacy_unchanged"
    )


def test_a_change_after_the_public_authority_deadline_says_that_one_holds(
    ranker: Path,
) -> None:
    with_answer(ranker, PLANNED, f"{PLANNED}    hr_legacy_change_date: 2031-03-01\n")
    system = eu_check(ranker)
    assert dated(system)["art-9"] == "2031-03-01"
    assert legacy_reason(system) == (
        f"{LEAD} planned for 2031-03-01: the high-risk rules apply from then, or from "
        "2030-08-02 if it is intended for public authorities"
    )


def test_severity_follows_the_day_of_the_change(ranker: Path) -> None:
    # A duty is graded by its own calendar: in force, within the lead time (12 months by
    # default) or later.  Today the Annex III date is within the lead time and the day of
    # the change is not; on 15 January 2028 the Annex III rules apply, but not yet to this
    # system.
    def worst(system: dict[str, Any]) -> tuple[str, bool]:
        """The worst severity among the high-risk duties, and whether any is in force."""
        found = [c for c in system["controls"] if item(c) in HIGH_RISK]
        level = max((c["severity"] for c in found if c.get("severity")), key=rank)
        return level, any(c.get("in_force", False) for c in found)

    no_day = [worst(eu_check(ranker, day)) for day in ("2026-12-02", "2028-01-15")]
    with_answer(ranker, PLANNED, f"{PLANNED}    hr_legacy_change_date: 2028-06-30\n")
    with_day = [worst(eu_check(ranker, day)) for day in ("2026-12-02", "2028-01-15")]
    assert no_day == [("high", False), ("critical", True)]
    assert with_day == [("medium", False), ("high", False)]


# ---------------------------------------------------------------- the catalog feature

# Any catalog can date a duty from an answer; the EU catalog is one user of it.
LAUNCH = VALID_FRAMEWORK.replace(
    "controls:\n",
    """  - id: launch_day
    ref: "Policy 6"
    section: gov
    text: When does the new version launch?
    help: The planned day.
    type: date
    required: false
controls:
""",
).replace(
    "    applies_when: {question: personal_data}\n",
    """    applies_when: {question: personal_data}
    applies_from: [{date: launch}, {date: policy-v3}]
dates:
  - {id: policy-v3, date: 2027-01-01, label: Policy v3, source: Board, last_checked: 2026-11-01}
  - {id: launch, answer: launch_day, label: Launch, source: Policy 6, last_checked: 2026-11-01}
""",
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("2027-06-01", "2027-06-01"), ("2026-06-01", "2027-01-01"), (None, "2027-01-01")],
)
def test_a_date_from_an_answer_never_comes_before_the_rules_after_it(
    tmp_path: Path, answer: str | None, expected: str
) -> None:
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "acme.yaml").write_text(LAUNCH)
    given = "" if answer is None else f", launch_day: '{answer}'"
    answers = tmp_path / "a.yaml"
    answers.write_text("aicheck: 1\nsystem: {name: S}\nframeworks: [acme-policy]\n"
                       f"screening: {{acme-policy: {{personal_data: true{given}}}}}\n")  # fmt: skip
    args = ["check", str(answers), "--frameworks-dir", str(policies), "-f", "json"]
    system = json.loads(invoke([*args, "--as-of", "2026-12-02"]).stdout)["systems"][0]
    (pol4,) = [c for c in system["controls"] if item(c) == "POL-4"]
    assert pol4["applies_from"] == expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("answer: launch_day", "answer: personal_data"),
            "acme.yaml:{line}: dates[1].answer: answer 'personal_data' is not a date question "
            "of this framework",
        ),
        (
            ("answer: launch_day", "date: 2027-02-01, answer: launch_day"),
            "acme.yaml:{line}: dates[1]: give either date (a fixed day) or answer (a date "
            "question)",
        ),
    ],
)
def test_an_answer_date_must_name_one_date_question(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    (tmp_path / "acme.yaml").write_text(LAUNCH.replace(*change))
    result = invoke(["frameworks", "validate", str(tmp_path)])
    assert result.exit_code == 2
    line = LAUNCH.splitlines().index(next(x for x in LAUNCH.splitlines() if "id: launch," in x))
    assert message.format(line=line + 1) in result.stderr, result.stderr


def test_the_terminal_asks_again_until_the_reply_is_a_date(ranker: Path) -> None:
    terminal = Terminal(ranker.parent, "aicheck.yaml", "--ask", "hr_legacy_change_date")
    first = terminal.next()
    assert first is not None and first.citation == "Art. 111(2)"
    assert "On what date is the significantly changed version" in first.prompt
    terminal.answer("31/06/2028")
    again = terminal.next()
    assert again is not None  # the same question, with what to type
    assert again.since_reply.strip() == (
        "'31/06/2028' is not a date: write it as YYYY-MM-DD, for example 2028-06-30"
    )
    terminal.answer("2028-06-30")
    while terminal.next() is not None:
        terminal.answer("q")
    assert terminal.finish() == 0
    assert "    hr_legacy_change_date: '2028-06-30'\n" in ranker.read_text()
