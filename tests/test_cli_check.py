"""`aicheck check` and `aicheck report` through the real CLI: exit codes, formats, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import invoke, open_items, run_installed

CV = EXAMPLES / "cv-screening" / "aicheck.yaml"
AS_OF = ["--as-of", "2026-11-27"]


def test_high_risk_example_fails_the_default_gate() -> None:
    result = invoke(["check", str(CV), *AS_OF])
    assert result.exit_code == 1
    assert "EU AI Act: High-risk AI system" in result.stdout
    assert result.stdout.rstrip().endswith("Gate (--fail-on high): FAILED")


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("critical", 0), ("high", 1), ("medium", 1), ("low", 1), ("none", 0)],
)
def test_exit_code_follows_fail_on(fail_on: str, code: int) -> None:
    assert invoke(["check", str(CV), *AS_OF, "--fail-on", fail_on]).exit_code == code


def test_as_of_moves_obligations_into_force() -> None:
    result = invoke(["check", str(CV), "--as-of", "2028-01-01", "--fail-on", "critical"])
    assert result.exit_code == 1
    assert "CRITICAL" in result.stdout


def test_framework_option_limits_the_assessment() -> None:
    data = json.loads(
        invoke(["check", str(CV), *AS_OF, "-f", "json", "--framework", "oecd-ai-principles"]).stdout
    )
    assert data["systems"][0]["frameworks"] == ["oecd-ai-principles"]
    rules = {c["rule"] for c in data["systems"][0]["controls"]}
    assert {rule.split("/")[0] for rule in rules} == {"oecd-ai-principles"}
    assert set(data["frameworks"]) == {"oecd-ai-principles"}


def test_unknown_framework_option_is_a_usage_error() -> None:
    result = invoke(["check", str(CV), "--framework", "iso-42001"])
    assert result.exit_code == 2
    assert "unknown framework 'iso-42001'" in result.stderr


def test_bad_as_of_is_a_usage_error() -> None:
    result = invoke(["check", str(CV), "--as-of", "27/11/2026"])
    assert result.exit_code == 2
    assert result.stderr == (
        "aicheck: error: --as-of must be a date like 2026-08-02, not '27/11/2026'\n"
    )


def test_json_is_versioned_and_stable() -> None:
    first = invoke(["check", str(CV), *AS_OF, "-f", "json"]).stdout
    second = invoke(["check", str(CV), *AS_OF, "-f", "json"]).stdout
    assert first == second
    data = json.loads(first)
    assert data["schema_version"] == 2
    assert data["passed"] is False and data["fail_on"] == "high"
    system = data["systems"][0]
    assert system["classification"]["tier"] == "high_risk"
    assert system["source"] == CV.as_posix()


def test_many_answers_files_in_one_call(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(CV.parent, folder / "a")
    shutil.copytree(CV.parent, folder / "b")
    files = [str(folder / "a" / "aicheck.yaml"), str(folder / "b" / "aicheck.yaml")]
    data = json.loads(invoke(["check", *files, *AS_OF, "-f", "json"]).stdout)
    assert [s["source"] for s in data["systems"]] == files


def test_output_option_writes_the_file_and_keeps_stdout_clean(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    result = invoke(["check", str(CV), *AS_OF, "-f", "sarif", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"aicheck: wrote {out}\n"
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_malformed_answers_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "aicheck.yaml"
    bad.write_text(CV.read_text().replace("      status: planned\n", "      status: maybe\n", 1))
    result = invoke(["check", str(bad)])
    assert result.exit_code == 2
    line = CV.read_text().splitlines().index("      status: planned") + 1
    assert result.stderr.splitlines() == [
        f"aicheck: error: {bad}:{line}: controls.eu-ai-act.art-10.status: 'maybe' is not "
        "allowed; use 'implemented', 'partial', 'planned', 'not_implemented' or 'not_applicable'"
    ]


def test_unknown_control_gets_a_suggestion(tmp_path: Path) -> None:
    bad = tmp_path / "aicheck.yaml"
    bad.write_text(CV.read_text().replace("    GOVERN-1.1:", "    GOVRN-1.1:"))
    result = invoke(["check", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "unknown control 'GOVRN-1.1' in nist-ai-rmf (did you mean 'GOVERN-1.1'?)"
    )


def test_missing_answers_file() -> None:
    result = invoke(["check", "no-such-file.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "aicheck: error: no-such-file.yaml: file not found (check the path)\n"


def test_report_writes_markdown(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = invoke(["report", str(CV), *AS_OF, "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text()
    assert text.startswith("# AI compliance report: TalentSift CV ranking\n")
    assert "## Sign-off" in text
    assert (
        "| Art. 9 | Risk management system | partial | 2027-12-02 | ml-lead@acme.example | "
        "`docs/risk-register.md` | 2026-10-15 |"
    ) in text
    assert "- Art. 10: Bias examination of training data scheduled for Q1 2027." in text
    assert "Art. 5(1)(a)" in text.split("## Appendix G: screening answers")[1]
    # Unanswered voluntary controls are summarised per group, not listed row by row.
    assert "| NIST AI RMF | Govern | 18 | GOVERN 1.2, GOVERN 1.3, GOVERN 1.4, ... |" in text
    assert "GOVERN 1.2 | Trustworthiness in policy" not in text
    assert "not legal advice" in text


def test_schema_is_json_schema_of_the_answers_file() -> None:
    schema = json.loads(invoke(["schema"]).stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"aicheck", "system"} <= set(schema["required"])


def test_installed_command_gates_from_another_directory(tmp_path: Path) -> None:
    shutil.copytree(CV.parent, tmp_path / "cv")
    done = run_installed(["check", "cv/aicheck.yaml", *AS_OF, "--fail-on", "none"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "High-risk AI system" in done.stdout
    done = run_installed(["check", "cv/aicheck.yaml", *AS_OF], tmp_path)
    assert done.returncode == 1


def test_output_folder_is_created(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "ai" / "report.md"
    result = invoke(["report", str(CV), *AS_OF, "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text().startswith("# AI compliance report")


def test_validate_takes_a_folder(tmp_path: Path) -> None:
    from tests.helpers import VALID_FRAMEWORK

    (tmp_path / "acme.yaml").write_text(VALID_FRAMEWORK)
    result = invoke(["frameworks", "validate", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, "aicheck: 1 file(s) valid: acme-policy\n")


def test_validating_an_answers_file_says_what_it_is() -> None:
    result = invoke(["frameworks", "validate", str(CV)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "not a catalog: the 'kind' key is missing (this looks like an answers file; "
        "check it with `aicheck check`)"
    )


def test_text_names_the_systems_that_fail_the_gate() -> None:
    files = [str(p) for p in sorted(EXAMPLES.glob("*/aicheck.yaml"))]
    result = invoke(["check", *files, *AS_OF])
    assert result.exit_code == 1
    tail = result.stdout.rstrip().splitlines()[-2:]
    cv, chatbot, vendor_chatbot = files[0], files[2], files[3]
    assert tail == [
        f"Systems failing the gate: 3 of 4: {cv}, {chatbot}, {vendor_chatbot}",
        "Gate (--fail-on high): FAILED",
    ]


def test_junit_failures_agree_with_the_gate(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    answers = tmp_path / "a.yaml"
    answers.write_text(
        "aicheck: 1\nsystem: {name: S}\nframeworks: [oecd-ai-principles]\n"
        "controls:\n  oecd-ai-principles:\n"
        + "".join(f"    '1.{n}': {{status: implemented}}\n" for n in range(1, 6))
        + "waivers:\n  - {control: oecd-ai-principles/2.1, justification: j, approver: a,"
        " expires: 2026-01-01}\n"
    )
    # The waiver of a voluntary item: its expiry is low.
    result = invoke(["check", str(answers), *AS_OF, "-f", "junit", "--fail-on", "low"])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.get("failures") == "1"
    failed = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed == ["OECD 2.1 Waiver expired"]


@pytest.mark.parametrize(("fail_on", "code"), [("low", 1), ("medium", 0)])
def test_junit_fails_a_not_applicable_control_when_its_finding_fails_the_gate(
    tmp_path: Path, fail_on: str, code: int
) -> None:
    """An expired waiver of a not-applicable (voluntary) control fails the gate at low; the
    test case must fail with it, not hide it behind "not applicable"."""
    import xml.etree.ElementTree as ET

    answers = tmp_path / "a.yaml"
    answers.write_text(
        "aicheck: 1\nsystem: {name: S}\nframeworks: [oecd-ai-principles]\n"
        "controls:\n  oecd-ai-principles:\n"
        "    '1.1': {status: not_applicable, justification: no users}\n"
        + "".join(f"    '1.{n}': {{status: implemented}}\n" for n in range(2, 6))
        + "waivers:\n  - {control: oecd-ai-principles/1.1, justification: j, approver: a,"
        " expires: 2026-01-01}\n"
    )
    result = invoke(["check", str(answers), *AS_OF, "-f", "junit", "--fail-on", fail_on])
    assert result.exit_code == code
    root = ET.fromstring(result.stdout)
    assert root.get("failures") == str(code)
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("OECD 1.1 "))
    if code:
        assert case.find("failure") is not None and case.find("skipped") is None
    else:
        skipped = case.find("skipped")
        assert skipped is not None and skipped.get("message") == "not applicable"
        out = case.find("system-out")
        assert out is not None and "low: waiver for oecd-ai-principles/1.1" in (out.text or "")


def test_items_that_need_the_eu_screening_say_so(tmp_path: Path) -> None:
    from tests.helpers import VALID_FRAMEWORK

    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "acme.yaml").write_text(
        VALID_FRAMEWORK.replace(
            "    applies_when: {question: personal_data}", "    applies_when: {fact: high_risk}"
        )
    )
    answers = tmp_path / "a.yaml"
    answers.write_text("aicheck: 1\nsystem: {name: S}\nframeworks: [acme-policy]\n"
                       "screening: {acme-policy: {personal_data: true}}\n")  # fmt: skip
    args = ["check", str(answers), "--frameworks-dir", str(policies), "-f", "json"]
    data = json.loads(invoke(args).stdout)
    (finding,) = [f for f in data["systems"][0]["findings"] if f["kind"] == "screening_incomplete"]
    assert finding["severity"] == "low"  # a voluntary catalog
    assert "1 item(s) depend on the EU AI Act screening" in finding["message"]
    assert finding["message"].endswith(": add eu-ai-act to the frameworks assessed")


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "markdown"])
def test_a_broken_file_late_in_the_run_leaves_no_half_written_report(
    tmp_path: Path, output_format: str
) -> None:
    """Reports are written as systems are checked, but reach stdout or the --output file
    only when the run completes: a broken file among many leaves the old file intact."""
    files = []
    for name in ("a", "b"):
        shutil.copytree(CV.parent, tmp_path / name)
        files.append(str(tmp_path / name / "aicheck.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("system: [\n")
    out = tmp_path / "report.out"
    out.write_text("previous report\n")
    args = ["check", *files, str(broken), *AS_OF, "-f", output_format]
    written = invoke([*args, "-o", str(out)])
    assert written.exit_code == 2
    assert str(broken) in written.stderr
    assert out.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "broken.yaml", "report.out"]
    printed = invoke(args)
    assert printed.exit_code == 2
    assert printed.stdout == ""


def test_write_baseline_streams_one_entry_per_line_in_run_order(tmp_path: Path) -> None:
    files = []
    for name in ("b", "a"):
        shutil.copytree(CV.parent, tmp_path / name)
        files.append(str(tmp_path / name / "aicheck.yaml"))
    base = tmp_path / "baseline.json"
    result = invoke(["check", *files, *AS_OF, "--write-baseline", str(base), "-f", "json"])
    assert result.exit_code == 0
    lines = base.read_text().splitlines()
    entries = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert json.loads(base.read_text())["findings"] == entries
    sources = [e["source"] for e in entries]
    assert sources == sorted(sources, reverse=True)  # b first, as given
    assert len(set(sources)) == 2
    # Written, then applied: only waived findings are left, so the gate passes.
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert all(f.get("waived") for s in data["systems"] for f in open_items(s))
