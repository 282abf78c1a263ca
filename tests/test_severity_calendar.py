"""Severity follows the calendar, through the real CLI: the gate, the lead time, adopted
frameworks, and the same severities in JSON, SARIF and JUnit."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from aicheck.render.sarif import SECURITY_SEVERITY
from tests.conftest import EXAMPLES
from tests.helpers import invoke, open_items

CV = EXAMPLES / "cv-screening" / "aicheck.yaml"
TODAY = ["--as-of", "2026-12-02"]
RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}
# The CV example's high-risk duties apply from 2027-12-02, within 12 months of today;
# these have nothing in place (Art. 9, 10 and 15 are under way: medium).
MISSING_DUE_IN_2027 = {
    "art-11", "art-13", "art-16", "art-17", "art-18", "art-19", "art-20", "art-21",
    "art-43", "art-47", "art-48", "art-49-1", "art-72", "art-73",
}  # fmt: skip


def findings(args: list[str]) -> list[dict[str, Any]]:
    result = invoke(["check", *args, "-f", "json", "--fail-on", "none"])
    assert result.exit_code == 0, result.stderr
    found = open_items(json.loads(result.stdout)["systems"][0])
    # JSON schema 2 leaves out false fields and names an item framework/id.
    return [
        {**f, "waived": f.get("waived", False), "item": f.get("item", "").partition("/")[2]}
        for f in found
    ]


def failing(args: list[str]) -> set[str]:
    """Items whose unwaived findings reach the default threshold, high."""
    return {
        f["item"] for f in findings(args) if not f["waived"] and RANK[f["severity"]] >= RANK["high"]
    }


def test_cv_example_fails_today_because_of_duties_due_within_the_lead_time() -> None:
    result = invoke(["check", str(CV), *TODAY])
    assert result.exit_code == 1
    assert failing([str(CV), *TODAY]) == {"art-4", *MISSING_DUE_IN_2027}


def test_lead_time_0_grades_as_before_issue_13() -> None:
    # Only Art. 4, in force and partly done, reaches high: as before the lead time existed.
    assert failing([str(CV), *TODAY, "--lead-time", "0"]) == {"art-4"}
    assert invoke(["check", str(CV), *TODAY, "--lead-time", "0"]).exit_code == 1
    severities = {f["item"]: f["severity"] for f in findings([str(CV), *TODAY, "--lead-time", "0"])}
    assert (severities["art-9"], severities["art-11"]) == ("low", "medium")


@pytest.fixture
def cv_with_art_4_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CV example with its one duty in force done: only the calendar can fail it."""
    shutil.copytree(CV.parent, tmp_path / "cv")
    path = tmp_path / "cv" / "aicheck.yaml"
    text = path.read_text()
    path.write_text(
        text.replace("art-4:\n      status: partial", "art-4:\n      status: implemented")
    )
    monkeypatch.chdir(tmp_path)
    return path


def test_the_lead_time_alone_decides_the_gate(cv_with_art_4_done: Path) -> None:
    path = str(cv_with_art_4_done)
    assert invoke(["check", path, *TODAY]).exit_code == 1
    assert invoke(["check", path, *TODAY, "--lead-time", "0"]).exit_code == 0
    # One day before the lead time starts, the same duties are medium.
    assert invoke(["check", path, "--as-of", "2026-12-01"]).exit_code == 0
    assert invoke(["check", path, "--as-of", "2026-12-01", "--lead-time", "13"]).exit_code == 1


def test_lead_time_and_adopted_from_the_config_file(cv_with_art_4_done: Path) -> None:
    config = cv_with_art_4_done.parent.parent / ".aicheck.toml"
    (config.parent / ".git").mkdir()
    config.write_text("lead-time = 0\n")
    assert invoke(["check", str(cv_with_art_4_done), *TODAY]).exit_code == 0
    assert invoke(["check", str(cv_with_art_4_done), *TODAY, "--lead-time", "12"]).exit_code == 1
    shown = json.loads(invoke(["config", "-f", "json"]).stdout)["settings"]
    assert shown["lead-time"] == {"source": str(config), "value": 0}
    assert shown["adopted"] == {"source": "default", "value": []}

    config.write_text('lead-time = 0\nadopted = ["nist-ai-rmf"]\n')
    graded = {f["item"]: f["severity"] for f in findings([str(cv_with_art_4_done), *TODAY])}
    assert graded["GOVERN-1.2"] == "critical"  # unanswered, and policy now
    assert graded["MEASURE-2.11"] == "high"  # partly done
    assert invoke(["check", str(cv_with_art_4_done), *TODAY]).exit_code == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lead-time = -1\n", ":1: lead-time: must be a whole number of months from 0 to 1200"),
        # A second reader's find: 50,000 months before 2027 is before year 1 (was exit 3).
        ("lead-time = 50000\n", ":1: lead-time: must be a whole number of months from 0 to 1200"),
        ('lead-time = "12"\n', ":1: lead-time: must be a whole number of months"),
        ('adopted = "nist-ai-rmf"\n', ":1: adopted: must be a list of non-empty strings"),
        ('adopted = ["nist"]\n', ": adopted: unknown framework 'nist' (known: eu-ai-act, "),
    ],
)
def test_bad_lead_time_or_adopted_is_one_line(
    cv_with_art_4_done: Path, text: str, expected: str
) -> None:
    config = cv_with_art_4_done.parent.parent / ".aicheck.toml"
    config.write_text(text)
    result = invoke(["check", str(cv_with_art_4_done)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aicheck: error: {config}")
    assert expected in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("months", ["-1", "1201", "100000", "99999999999999999999"])
def test_a_lead_time_flag_out_of_range_is_a_usage_error(months: str) -> None:
    result = invoke(["check", str(CV), "--lead-time", months])
    assert result.exit_code == 2
    assert "--lead-time" in result.stderr and "internal error" not in result.stderr


def test_json_sarif_and_junit_carry_the_same_severities() -> None:
    args = ["check", str(CV), *TODAY, "--fail-on", "medium"]
    document = json.loads(invoke([*args, "-f", "json"]).stdout)
    data = open_items(document["systems"][0])
    from_json = sorted((f["rule"], f["kind"], f["severity"]) for f in data if not f.get("waived"))

    sarif = json.loads(invoke([*args, "-f", "sarif"]).stdout)["runs"][0]
    from_sarif = sorted(
        (r["ruleId"], r["properties"]["kind"], r["properties"]["severity"])
        for r in sarif["results"]
    )
    assert from_sarif == from_json
    # Each rule's security-severity is that of its worst result under the new policy.
    worst: dict[str, str] = {}
    for rule_id, _, severity in from_sarif:
        if RANK[severity] > RANK.get(worst.get(rule_id, ""), 0):
            worst[rule_id] = severity
    for rule in sarif["tool"]["driver"]["rules"]:
        expected = SECURITY_SEVERITY[worst[rule["id"]]]  # type: ignore[index]
        assert rule["properties"]["security-severity"] == expected, rule["id"]
    art9 = next(r for r in sarif["tool"]["driver"]["rules"] if r["id"] == "eu-ai-act/art-9")
    assert art9["defaultConfiguration"]["level"] == "warning"  # medium: partly done, due 2027

    # JUnit: a test case per control, failed with the worst severity reaching the gate.
    root = ET.fromstring(invoke([*args, "-f", "junit"]).stdout)
    failed = {
        case.get("name"): failure.get("type")
        for case in root.iter("testcase")
        for failure in case.findall("failure")
    }
    expected: dict[str, str] = {}
    for f in data:
        # The test case of the item a finding is about (schema 2: its text is in rules).
        about = document["rules"][f.get("item") or f["rule"]]
        name = f"{about['ref']} {about['title']}" if about.get("ref") else about["title"]
        if not f.get("waived") and RANK[f["severity"]] >= RANK[expected.get(name, "medium")]:
            expected[name] = f["severity"]
    assert failed == expected
    assert failed["Art. 9 Risk management system"] == "medium"
    assert failed["Art. 17 Quality management system"] == "high"
