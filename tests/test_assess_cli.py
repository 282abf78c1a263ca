"""`aicheck assess` on the command line: piped answers, --no-input, Ctrl-C and resume."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from aicheck.answers.load import load_answers
from aicheck.catalog.library import Library
from tests.conftest import EXAMPLES
from tests.helpers import invoke
from tests.terminal import spawn

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
    result = invoke(["assess", "--framework", "eu-ai-act"], input="Bot\nChats\n\n1,2\n\nn\n")
    assert result.exit_code == 0, result.output
    assert "Resume with: aicheck assess aicheck.yaml --framework eu-ai-act" in result.stderr
    loaded = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert loaded.system.name == "Bot"
    exclusions = ("military", "research", "pre_market", "open_source")
    assert loaded.screening["eu-ai-act"] == {
        "ai_system": True,
        "union_nexus": True,
        **{f"excl_{name}": False for name in exclusions},  # 'n': none of the list
    }


def test_finishing_prints_the_check_summary_and_next_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ai.yaml").write_text(OECD_ONLY)
    # The principles one by one ('d'); a gap (partly, no, planned) also asks who closes
    # it and by when, and offers the last answer to that again.
    replies = (
        "Fairness checks\nml-team\n"  # purpose and owner: empty, so offered first
        + "d\n"
        + "y\ndocs/fair.md\n"
        + "p\n\n\n"
        + "n\nfairness-team, 2027-06-30\n"
        + "na\nNo such duty here\n"
        + "pl\n\n"
        + "\n\n\n"  # who signs it off, and the scope: left for later
    )
    result = invoke(["assess", "ai.yaml", "--as-of", "2026-11-27"], input=replies)
    assert result.exit_code == 0, result.output
    assert "Gate (--fail-on high)" in result.stdout
    assert "aicheck report ai.yaml -o ai-report.md" in result.stdout
    assert "aicheck check ai.yaml --fail-on high" in result.stdout
    # No `assessment:` block yet: the report's sign-off would have no names.
    assert "before sign-off: name the assessor and approvers under `assessment:`" in result.stdout
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
    assert [c.owner for c in controls.values()] == [
        None,
        None,
        "fairness-team",
        None,
        "fairness-team",  # Enter took the last one given
    ]
    assert controls["1.5"].due == dt.date(2027, 6, 30)
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
    text = (EXAMPLES / "cv-screening" / "aicheck.yaml").read_text()
    (tmp_path / "aicheck.yaml").write_text(text.replace("    annex_iii_4_b: false\n", ""))
    before = (tmp_path / "aicheck.yaml").read_text()
    result = invoke(["assess", "--no-input", "--framework", "eu-ai-act"])
    assert result.exit_code == 2
    assert "still unanswered" in result.stderr
    assert "Art. 13  eu-ai-act/art-13" in result.stderr
    # Of a checklist, only the question not answered is listed.
    assert "Annex III(4)(b)  eu-ai-act/annex_iii_4_b" in result.stderr
    assert "annex_iii_4_a" not in result.stderr
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
    # art-11 was written without an owner or a review date: its owner and date come
    # first; then art-13, the first unanswered.
    result = invoke(
        ["assess", "--framework", "eu-ai-act", "--as-of", "2026-11-27"],
        input="docs-team, 2027-03-31\ny\n\nq\n",
    )
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after == before.replace(
        "    art-11:\n      status: not_implemented\n",
        "    art-11:\n      status: not_implemented\n      owner: docs-team\n"
        "      due: 2027-03-31\n      reviewed: 2026-11-27\n",
    ).replace(
        "    art-14:\n",
        "    art-13:\n      status: implemented\n      reviewed: 2026-11-27\n    art-14:\n",
    )


def test_terminal_ctrl_c_keeps_answers_and_resumes(tmp_path: Path, library: Library) -> None:
    child = spawn(tmp_path, "--framework", "eu-ai-act")
    child.expect("What is the AI system called")
    child.sendline("Terminal bot")
    child.expect("intended purpose")
    child.sendline("Answers questions")
    child.expect("accountable")
    child.sendline("bots@example.com")
    child.expect(r"Art\. 3\(1\), Art\. 2\(1\)")
    child.sendline("1,2")
    child.expect("Which links bring the system into the EU")
    child.sendline("1")
    child.expect("used only for military")
    child.sendline("none")
    child.expect("Which roles")
    child.sendintr()
    child.expect("Resume with: aicheck assess aicheck.yaml --framework eu-ai-act")
    child.expect(pexpect_eof())
    child.close()
    assert child.exitstatus == 130

    loaded = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert loaded.system.name == "Terminal bot"
    assert loaded.screening["eu-ai-act"]["excl_military"] is False
    assert "roles" not in loaded.screening["eu-ai-act"]

    child = spawn(tmp_path, "--framework", "eu-ai-act")
    index = child.expect(["Which roles", "What is the AI system called"])
    assert index == 0  # resumes at the next question, not at the start
    child.sendline("2")
    child.expect(r"Art\. 2\(10\)")  # a deployer: is it a private person's own use?
    child.sendline("q")
    child.expect(pexpect_eof())
    child.close()
    assert child.exitstatus == 0
    loaded = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert loaded.screening["eu-ai-act"]["roles"] == ["deployer"]


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


def test_a_resumed_interview_offers_the_last_owner_and_date_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    # The CV trial: after Ctrl-C and resuming, the owner prompt offered no default.
    monkeypatch.chdir(tmp_path)
    started = OECD_ONLY.replace(
        "  name: Small model\n", "  name: Small model\n  owner: a\n  description: b\n"
    )
    started += (
        "controls:\n  oecd-ai-principles:\n    '1.1':\n      status: not_implemented\n"
        "      owner: fairness-team\n      due: 2027-06-30\n      reviewed: 2026-11-27\n"
    )
    (tmp_path / "ai.yaml").write_text(started)
    result = invoke(["assess", "ai.yaml", "--as-of", "2026-11-27"], input="n\n\nq\n")
    assert result.exit_code == 0, result.output
    assert "fairness-team, 2027-06-30" in result.stderr
    controls = load_answers(tmp_path / "ai.yaml", library).answers.controls["oecd-ai-principles"]
    second = controls["1.2"]
    assert (second.status, second.owner, second.due) == (
        "not_implemented",
        "fairness-team",
        dt.date(2027, 6, 30),
    )


def test_a_file_with_its_signers_is_not_told_to_name_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path, dirs_exist_ok=True)
    result = invoke(["assess", "aicheck.yaml", "--ask", "system.owner"], input="\n")
    assert result.exit_code == 0, result.output
    assert "Next steps:" in result.stdout
    assert "before sign-off" not in result.stdout


def test_the_interview_ends_with_who_signs_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    # The CV trial: the report's sign-off had no names, and nothing asked for them.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "vendor-chatbot", tmp_path, dirs_exist_ok=True)
    replies = (
        "Ana Ortiz (compliance lead)\nThe EU web shop's support chat\n"
        "Lea Brandt (Head of Service); Tom Wu\n"
    )
    result = invoke(["assess", "aicheck.yaml"], input=replies)
    assert result.exit_code == 0, result.output
    assert "Who carried out this assessment" in result.stderr
    text = (tmp_path / "aicheck.yaml").read_text()
    # One field per line, in the example's own indentation.
    assert (
        "assessment:\n"
        "  assessor: Ana Ortiz (compliance lead)\n"
        "  scope: The EU web shop's support chat\n"
        "  approvers:\n"
        "    - name: Lea Brandt\n"
        "      role: Head of Service\n"
        "    - name: Tom Wu\n"
        "frameworks: [eu-ai-act]\n"
    ) in text
    assessment = load_answers(tmp_path / "aicheck.yaml", library).answers.assessment
    assert assessment is not None and len(assessment.approvers) == 2
    assert "before sign-off" not in result.stdout
    # Asked once: a later run with nothing to answer asks nothing.
    again = invoke(["assess", "aicheck.yaml"], input="")
    assert "Who carried out" not in again.stderr


def test_stopping_counts_what_is_left_as_no_input_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A last read found "8 question(s) unanswered" on stopping, then 26 listed by
    # --no-input for the same file: a checklist counted once, then item by item.
    monkeypatch.chdir(tmp_path)
    stopped = invoke(["assess"], input="Bot\nA chatbot\nops@x.example\n\n")
    assert stopped.exit_code == 0, stopped.output
    listed = invoke(["assess", "--no-input"])
    assert listed.exit_code == 2
    count = int(listed.stderr.split("aicheck: error: ", 1)[1].split(" ", 1)[0])
    assert count > 8
    assert f"{count} question(s) unanswered so far." in stopped.stderr


def test_retyping_the_approvers_keeps_what_else_the_file_says_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An approver's x- fields (which the reply cannot show) were lost when the list was
    # retyped: the user's file is sacred.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "aicheck.yaml"
    text = path.read_text()
    before = "{name: Priya Raman, role: Head of Product}"
    assert before in text
    path.write_text(text.replace(before, before[:-1] + ", x-email: priya@acme.example}"))
    reply = "Priya Raman (Head of Product, EU); Jonas Becker (Data Protection Officer); Kim Lee\n"
    result = invoke(["assess", "aicheck.yaml", "--ask", "assessment.approvers"], input=reply)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(path.read_text())["assessment"]["approvers"]
    assert written == [
        {"name": "Priya Raman", "role": "Head of Product, EU", "x-email": "priya@acme.example"},
        {"name": "Jonas Becker", "role": "Data Protection Officer"},
        {"name": "Kim Lee"},
    ]


def test_skipping_a_follow_up_does_not_stamp_the_answer_reviewed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A head-of-compliance trial pressed s through Art. 11's follow-up and the file gained
    # 'reviewed: 2026-12-02': nothing was reviewed, and the answer looked fresh.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path, dirs_exist_ok=True)
    before = (tmp_path / "aicheck.yaml").read_text()
    assert "    art-11:\n      status: not_implemented\n    art-12:" in before
    ask = ["assess", "aicheck.yaml", "--ask", "art-11", "--as-of", "2026-12-02"]
    result = invoke(ask, input="s\n")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "aicheck.yaml").read_text() == before
    # Answered instead, it is reviewed today.
    result = invoke(ask, input="qa-team, 2027-06-30\n")
    assert result.exit_code == 0, result.output
    assert (
        "    art-11:\n      status: not_implemented\n      owner: qa-team\n      due: 2027-06-30\n"
        "      reviewed: 2026-12-02\n"
    ) in (tmp_path / "aicheck.yaml").read_text()
