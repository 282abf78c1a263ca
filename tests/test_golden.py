"""Golden files for every output format of every example; schema-valid SARIF and JUnit.

Regenerate after an intended change with:  UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff like code.

The examples are checked as of the day the golden files were last reviewed, from a copy
outside any git repository: what a report says about the answers file's commit must not
change with every commit of this repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import xmlschema
from jsonschema import Draft4Validator

from tests.conftest import EXAMPLES
from tests.helpers import invoke, open_items

GOLDEN = Path(__file__).parent / "golden"
SCHEMAS = Path(__file__).parent / "schemas"
EXAMPLE_NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/aicheck.yaml"))
FORMATS = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "junit": "xml"}
AS_OF = "2026-12-02"
MEASURED_TIME = re.compile(r' time="[0-9.]+"')


@pytest.fixture(scope="module")
def examples_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(EXAMPLES, root / "examples")
    return root


@pytest.fixture(autouse=True)
def _in_examples_copy(examples_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in the copy, where git finds no repository (it does not look above the tmp
    folder), with relative paths as a user in a repository's root would type them."""
    monkeypatch.chdir(examples_copy)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(examples_copy.parent))


def run_check(example: str, output_format: str) -> str:
    result = invoke(
        [
            "check",
            f"examples/{example}/aicheck.yaml",
            "--as-of",
            AS_OF,
            "--fail-on",
            "none",
            "--format",
            output_format,
        ]
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_examples_exist() -> None:
    assert EXAMPLE_NAMES == ["cv-screening", "gpai-provider", "support-chatbot", "vendor-chatbot"]


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_golden(example: str, output_format: str) -> None:
    actual = run_check(example, output_format)
    if output_format == "junit":
        # Measured times differ from run to run; everything else must not.
        actual = MEASURED_TIME.sub(' time="T"', actual)
    golden = GOLDEN / f"{example}.{FORMATS[output_format]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    return Draft4Validator(json.loads((SCHEMAS / "sarif-2.1.0.json").read_text()))


def test_sarif_of_all_examples_is_valid_and_fit_for_code_scanning(
    sarif_validator: Draft4Validator,
) -> None:
    files = [f"examples/{name}/aicheck.yaml" for name in EXAMPLE_NAMES]
    sarif = json.loads(invoke(["check", *files, "--as-of", AS_OF, "-f", "sarif"]).stdout)
    errors = sorted(sarif_validator.iter_errors(sarif), key=str)
    assert not errors, errors[0]
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        severity = rule["properties"]["security-severity"]
        assert isinstance(severity, str) and 0 < float(severity) <= 10
    art9 = next(r for r in rules if r["id"] == "eu-ai-act/art-9")
    assert art9["help"]["text"].startswith("Art. 9: ")
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    } == set(files)
    fingerprints = [r["partialFingerprints"]["aicheckFinding/v1"] for r in run["results"]]
    assert len(fingerprints) == len(set(fingerprints))
    assert not any("suppressions" in r for r in run["results"])


def test_sarif_points_at_the_line_of_the_answer() -> None:
    sarif = json.loads(run_check("cv-screening", "sarif"))
    lines = (EXAMPLES / "cv-screening" / "aicheck.yaml").read_text().splitlines()
    art10 = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "eu-ai-act/art-10")
    assert lines[art10["locations"][0]["physicalLocation"]["region"]["startLine"] - 1] == (
        "    art-10:"
    )


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_junit_is_valid_against_the_xsd(example: str) -> None:
    schema = xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")
    xml = run_check(example, "junit")
    schema.validate(xml)
    data = json.loads(run_check(example, "json"))["systems"][0]
    assert xml.count("<testcase ") >= len(data["controls"])


FAIL_ON_LEVELS = ["critical", "high", "medium", "low", "none"]
RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}


def test_junit_times_are_measured_per_suite_and_summed_at_the_root() -> None:
    """Consumers divide by these: suites carry the system's assessment time, the root
    their sum, and test cases (never measured one by one) carry none rather than 0."""
    import xml.etree.ElementTree as ET

    files = [f"examples/{name}/aicheck.yaml" for name in EXAMPLE_NAMES]
    xml = invoke(["check", *files, "--as-of", AS_OF, "-f", "junit"]).stdout
    xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd").validate(xml)
    root = ET.fromstring(xml)
    times = [float(suite.get("time", "")) for suite in root.findall("testsuite")]
    assert len(times) == len(files) and all(t > 0 for t in times)
    assert abs(float(root.get("time", "")) - sum(times)) < 0.0025
    assert all(case.get("time") is None for case in root.iter("testcase"))
    assert int(root.get("tests", "")) == sum(
        int(s.get("tests", "")) for s in root.findall("testsuite")
    )


@pytest.mark.parametrize("fail_on", FAIL_ON_LEVELS)
@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_junit_failures_follow_fail_on_like_the_gate(example: str, fail_on: str) -> None:
    """A CI test view and the exit code agree: failures > 0 exactly when the gate fails."""
    import xml.etree.ElementTree as ET

    args = ["check", f"examples/{example}/aicheck.yaml", "--as-of", AS_OF]
    result = invoke([*args, "--fail-on", fail_on, "--format", "junit"])
    assert result.exit_code in (0, 1), result.stderr
    xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd").validate(result.stdout)
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert all(len(c.findall("failure")) <= 1 for c in cases)
    assert suite.get("failures") == root.get("failures") == str(len(failed))
    assert suite.get("tests") == str(len(cases))
    assert (int(root.get("failures", "")) > 0) == (result.exit_code == 1)

    # Worked out independently from the JSON report: the controls (or other items) with
    # an unwaived finding at or above the threshold are exactly the failed test cases.
    findings = open_items(json.loads(run_check(example, "json"))["systems"][0])
    live = [f for f in findings if not f.get("waived", False)]
    reaching = [f for f in live if fail_on != "none" and RANK[f["severity"]] >= RANK[fail_on]]
    # A test case per item (framework/id), or per framework for what has no item.
    items = {f.get("item") or f["rule"].split("/")[0] for f in reaching}
    assert len(failed) == len(items)
    for case in failed:
        failure = case.find("failure")
        assert failure is not None and RANK[failure.get("type", "")] >= RANK[fail_on]

    # Nothing is lost: every unwaived finding is in a failure or in a system-out, and a
    # system-out never holds one that reaches the threshold.
    failure_text = "\n".join(f.text or "" for f in root.iter("failure"))
    out_text = "\n".join(o.text or "" for o in root.iter("system-out"))
    rules = json.loads(run_check(example, "json"))["rules"]
    for f in live:
        # A control's gap has no message in JSON: its line starts with the control's name.
        if "message" in f:
            line = f"{f['severity']}: {f['message']}"
        else:
            line = f"{f['severity']}: {rules[f['rule']]['ref']} {rules[f['rule']]['title']}: "
        assert line in (failure_text if f in reaching else out_text), line
    assert bool(out_text) == (len(reaching) < len(live))


def test_junit_failure_names_the_worst_finding_and_its_next_step() -> None:
    import xml.etree.ElementTree as ET

    args = ["check", "examples/cv-screening/aicheck.yaml", "--as-of", AS_OF]
    result = invoke([*args, "--fail-on", "high", "--format", "junit"])
    assert result.exit_code == 1
    cases = ET.fromstring(result.stdout).iter("testcase")
    art4 = next(c for c in cases if c.get("name", "").startswith("Art. 4 "))
    failure = art4.find("failure")
    assert failure is not None and failure.get("type") == "high"
    assert failure.text is not None
    assert failure.text.splitlines()[1].startswith("Training plans")  # the remedy
    assert "Owner: people-ops@acme.example" in failure.text


def test_junit_with_fail_on_none_fails_nothing_but_keeps_every_finding() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(run_check("cv-screening", "junit"))
    assert root.get("failures") == "0"
    assert not list(root.iter("failure"))
    outs = [o.text or "" for o in root.iter("system-out")]
    assert outs and all(o.startswith("Not failing (--fail-on none):\n") for o in outs)
    assert any("high: Art. 4 AI literacy: partly implemented" in o for o in outs)


def test_sarif_with_waived_findings_marks_them_suppressed(
    sarif_validator: Draft4Validator,
) -> None:
    files = [f"examples/{name}/aicheck.yaml" for name in EXAMPLE_NAMES]
    args = ["check", *files, "--as-of", AS_OF, "-f", "sarif", "--include-waived"]
    sarif = json.loads(invoke(args).stdout)
    sarif_validator.validate(sarif)
    suppressed = [r["ruleId"] for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert sorted(suppressed) == ["nist-ai-rmf/MEASURE-1.3", "nist-ai-rmf/MEASURE-2.12"]
