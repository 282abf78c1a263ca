"""Golden files for every output format of every example; schema-valid SARIF and JUnit.

Regenerate after an intended change with:  UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import xmlschema
from jsonschema import Draft4Validator
from typer.testing import Result

from tests.conftest import EXAMPLES, REPO
from tests.helpers import invoke

GOLDEN = Path(__file__).parent / "golden"
SCHEMAS = Path(__file__).parent / "schemas"
EXAMPLE_NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/aicheck.yaml"))
FORMATS = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "junit": "xml"}


def invoke_in_repo(args: list[str]) -> Result:
    """Relative paths, as a user in the repository root would type them."""
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        return invoke(args)
    finally:
        os.chdir(cwd)


def run_check(example: str, output_format: str) -> str:
    result = invoke_in_repo(
        [
            "check",
            f"examples/{example}/aicheck.yaml",
            "--as-of",
            "2026-11-27",
            "--fail-on",
            "none",
            "--format",
            output_format,
        ]
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_examples_exist() -> None:
    assert EXAMPLE_NAMES == ["cv-screening", "gpai-provider", "support-chatbot"]


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_golden(example: str, output_format: str) -> None:
    actual = run_check(example, output_format)
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
    sarif = json.loads(
        invoke_in_repo(["check", *files, "--as-of", "2026-11-27", "-f", "sarif"]).stdout
    )
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


def test_junit_counts_failed_test_cases() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(run_check("cv-screening", "junit"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert all(len(c.findall("failure")) <= 1 for c in cases)
    assert suite.get("failures") == root.get("failures") == str(len(failed))
    assert suite.get("tests") == str(len(cases))
    art4 = next(c for c in cases if c.get("name", "").startswith("Art. 4 "))
    failure = art4.find("failure")
    assert failure is not None and failure.get("type") == "high"
    assert failure.text is not None and failure.text.count("\n") >= 1


def test_sarif_with_waived_findings_marks_them_suppressed(
    sarif_validator: Draft4Validator,
) -> None:
    files = [f"examples/{name}/aicheck.yaml" for name in EXAMPLE_NAMES]
    args = ["check", *files, "--as-of", "2026-11-27", "-f", "sarif", "--include-waived"]
    sarif = json.loads(invoke_in_repo(args).stdout)
    sarif_validator.validate(sarif)
    suppressed = [r["ruleId"] for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert sorted(suppressed) == ["nist-ai-rmf/MEASURE-1.3", "nist-ai-rmf/MEASURE-2.12"]
