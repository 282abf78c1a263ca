"""`aicheck assess` on the command line: piped answers, --no-input, Ctrl-C and resume."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from aicheck.answers.load import load_answers
from aicheck.catalog.library import Library
from tests.conftest import EXAMPLES
from tests.helpers import invoke

OECD_ONLY = """\
# Hand-written header: keep me.
aicheck: 1
x-owner-team: platform   # keep me too
system:
  name: Small model
frameworks: [oecd-ai-principles]
"""


def test_piped_answers_are_written_and_resume_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["assess", "--framework", "eu-ai-act"], input="Bot\nChats\n\ny\ny\n\nn\n")
    assert result.exit_code == 0, result.output
    assert "Resume with: aicheck assess aicheck.yaml --framework eu-ai-act" in result.stderr
    loaded = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert loaded.system.name == "Bot"
    screening = {"ai_system": True, "union_nexus": True, "excl_military": False}
    assert loaded.screening["eu-ai-act"] == screening


def test_finishing_prints_the_check_summary_and_next_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ai.yaml").write_text(OECD_ONLY)
    # A gap (partly, no, planned) also asks who owns it, before the note.
    replies = (
        "Fairness checks\nml-team\n"  # purpose and owner: empty, so offered first
        + "y\ndocs/fair.md\n\n"
        + "p\n\n\n\n"
        + "n\nfairness-team\n\n"
        + "na\nNo such duty here\n\n"
        + "pl\n\n\n"
    )
    result = invoke(["assess", "ai.yaml", "--as-of", "2026-11-27"], input=replies)
    assert result.exit_code == 0, result.output
    assert "Gate (--fail-on high)" in result.stdout
    assert "aicheck report ai.yaml -o ai-report.md" in result.stdout
    assert "aicheck check ai.yaml --fail-on high" in result.stdout
    text = (tmp_path / "ai.yaml").read_text()
    # Hand edits untouched; the system block grows in canonical order, answers go below.
    assert text.startswith(
        OECD_ONLY.replace(
            "  name: Small model\n",
            "  name: Small model\n  owner: ml-team\n  description: Fairness checks\n",
        )
    )
    controls = load_answers(tmp_path / "ai.yaml", library).answers.controls["oecd-ai-principles"]
    assert [c.status for c in controls.values()] == [
        "implemented",
        "partial",
        "not_implemented",
        "not_applicable",
        "planned",
    ]
    assert [c.owner for c in controls.values()] == [None, None, "fairness-team", None, None]
    # The answers file now gates exactly as answered.
    check = invoke(["check", "ai.yaml", "--as-of", "2026-11-27", "--fail-on", "none"])
    assert check.exit_code == 0
    # And --no-input has nothing left to ask.
    again = invoke(["assess", "ai.yaml", "--no-input", "--as-of", "2026-11-27"])
    assert again.exit_code == 0, again.output
    assert "Next steps" in again.stdout


def test_no_input_fails_fast_listing_what_is_unanswered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "cv-screening" / "aicheck.yaml", tmp_path / "aicheck.yaml")
    before = (tmp_path / "aicheck.yaml").read_text()
    result = invoke(["assess", "--no-input", "--framework", "eu-ai-act"])
    assert result.exit_code == 2
    assert "still unanswered" in result.stderr
    assert "Art. 13  eu-ai-act/art-13" in result.stderr
    assert "eu-ai-act/art-9" not in result.stderr  # answered
    assert (tmp_path / "aicheck.yaml").read_text() == before


def test_bad_piped_line_stops_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["assess", "--framework", "eu-ai-act"], input="Bot\n\n\nmaybe\n")
    assert result.exit_code == 2
    assert "input line 4" in result.stderr
    assert "ai_system" in result.stderr


def test_unknown_framework(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["assess", "--framework", "eu-ai-actt", "--no-input"])
    assert result.exit_code == 2
    assert "unknown framework 'eu-ai-actt'" in result.stderr


def test_comment_survives_another_assess_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "aicheck.yaml"
    shutil.copy(EXAMPLES / "cv-screening" / "aicheck.yaml", path)
    before = path.read_text()
    result = invoke(
        ["assess", "--framework", "eu-ai-act", "--as-of", "2026-11-27"], input="y\n\n\nq\n"
    )
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after == before.replace(
        "    art-14:\n",
        "    art-13:\n      status: implemented\n      reviewed: 2026-11-27\n    art-14:\n",
    )


def _spawn(tmp_path: Path, *args: str) -> Any:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    try:
        return pexpect.spawn(
            sys.executable,
            ["-m", "aicheck", "assess", *args],
            cwd=str(tmp_path),
            env=env,
            encoding="utf-8",
            timeout=30,
            dimensions=(50, 200),
        )
    except OSError as exc:  # pragma: no cover - no pseudo-terminals on this machine
        pytest.skip(f"cannot spawn in a pseudo-terminal: {exc}")


def test_terminal_ctrl_c_keeps_answers_and_resumes(tmp_path: Path, library: Library) -> None:
    child = _spawn(tmp_path, "--framework", "eu-ai-act")
    child.expect("What is the AI system called")
    child.sendline("Terminal bot")
    child.expect("intended purpose")
    child.sendline("Answers questions")
    child.expect("accountable")
    child.sendline("bots@example.com")
    child.expect(r"Art\. 3\(1\)")
    child.sendline("y")
    child.expect(r"Art\. 2\(1\)")
    child.sendline("y")
    child.expect("Which links bring the system into the EU")
    child.sendline("1")
    child.expect(r"Art\. 2\(3\)")
    child.sendline("n")
    child.expect(r"Art\. 2\(6\)")
    child.sendintr()
    child.expect("Resume with: aicheck assess aicheck.yaml --framework eu-ai-act")
    child.expect(pexpect_eof())
    child.close()
    assert child.exitstatus == 130

    loaded = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert loaded.system.name == "Terminal bot"
    screening = {
        "ai_system": True,
        "union_nexus": True,
        "union_nexus_basis": ["eu_market"],
        "excl_military": False,
    }
    assert loaded.screening["eu-ai-act"] == screening

    child = _spawn(tmp_path, "--framework", "eu-ai-act")
    index = child.expect([r"Art\. 2\(6\)", "What is the AI system called"])
    assert index == 0  # resumes at the next question, not at the start
    child.sendline("n")
    child.expect(r"Art\. 2\(8\)")
    child.sendline("q")
    child.expect(pexpect_eof())
    child.close()
    assert child.exitstatus == 0
    loaded = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert loaded.screening["eu-ai-act"]["excl_research"] is False


def pexpect_eof() -> object:
    import pexpect

    return pexpect.EOF


def test_frameworks_folder_comes_from_the_project_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import VALID_FRAMEWORK

    monkeypatch.chdir(tmp_path)
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "acme.yaml").write_text(VALID_FRAMEWORK)
    (tmp_path / ".aicheck.toml").write_text('frameworks-dir = "policies"\n')
    (tmp_path / "aicheck.yaml").write_text(
        "aicheck: 1\nsystem: {name: Bot}\nframeworks: [acme-policy]\n"
    )
    result = invoke(["assess", "--no-input"])
    assert result.exit_code == 2
    assert "acme-policy/POL-1" in result.stderr


def test_gate_and_review_interval_come_from_the_project_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".aicheck.toml").write_text('fail-on = "medium"\nreview-days = 30\n')
    answered = "".join(
        f"    '1.{n}': {{status: implemented, reviewed: 2026-10-01}}\n" for n in range(1, 6)
    )
    (tmp_path / "ai.yaml").write_text(OECD_ONLY + "controls:\n  oecd-ai-principles:\n" + answered)
    done = invoke(["assess", "ai.yaml", "--no-input", "--as-of", "2026-11-27"])
    assert done.exit_code == 0, done.output
    assert "Gate (--fail-on medium)" in done.stdout
    assert "aicheck check ai.yaml --fail-on medium" in done.stdout
    review = invoke(["assess", "ai.yaml", "--no-input", "--review", "--as-of", "2026-11-27"])
    assert review.exit_code == 2  # 57 days old: stale under the project's 30-day interval
    assert "oecd-ai-principles/1.1" in review.stderr


def test_assess_after_init_asks_the_purpose_and_owner_left_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(["init"]).exit_code == 0
    result = invoke(
        ["assess", "--framework", "eu-ai-act"], input="Screens CVs\nhr-tech@example.com\nq\n"
    )
    assert result.exit_code == 0, result.output
    system = load_answers(tmp_path / "aicheck.yaml", library).answers.system
    assert system.description == "Screens CVs"
    assert system.owner == "hr-tech@example.com"
