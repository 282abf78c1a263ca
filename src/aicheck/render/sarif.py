"""SARIF 2.1.0 for GitHub code scanning: one rule per control, results in the answers file."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from aicheck.models.checks import CHECKS
from aicheck.models.report import Finding, Report
from aicheck.models.severity import Severity, rank
from aicheck.render.escape import markdown_prose, sarif_message

if TYPE_CHECKING:
    from aicheck.gate.verdict import GateResult
    from aicheck.render.options import RenderOptions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/aicheck/aicheck"

# GitHub maps security-severity to critical (>= 9.0), high (>= 7.0), medium (>= 4.0), low.
SECURITY_SEVERITY: dict[Severity, str] = {
    "critical": "9.5",
    "high": "8.0",
    "medium": "5.5",
    "low": "2.0",
}
LEVEL: dict[Severity, str] = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "note",
}


def render(report: Report, gate: GateResult, options: RenderOptions) -> str:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for system in report.systems:
        for finding in system.findings:
            if finding.waived and not options.include_waived:
                continue
            rule = rules.get(finding.rule)
            if rule is None:
                rule = rules[finding.rule] = _rule(finding)
            elif rank(finding.severity) > rank(rule["_severity"]):
                rules[finding.rule] = _rule(finding)
            results.append(_result(system.source, finding))
    ordered = sorted(rules)
    index = {rule_id: i for i, rule_id in enumerate(ordered)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    results.sort(
        key=lambda r: (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["ruleIndex"],
            r["partialFingerprints"]["aicheckFinding/v1"],
        )
    )
    driver_rules = []
    for rule_id in ordered:
        rule = dict(rules[rule_id])
        del rule["_severity"]
        driver_rules.append(rule)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aicheck",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": driver_rules,
                    }
                },
                "automationDetails": {"id": f"aicheck/{report.as_of.isoformat()}"},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)


def _rule(finding: Finding) -> dict[str, Any]:
    check = CHECKS.get(finding.rule)
    if check is not None:
        short, full, help_text = check.title, check.description, check.remedy
        tags = ["aicheck"]
    else:
        citation = finding.ref or finding.rule
        short = f"{citation} {finding.title}"
        full = finding.description or finding.title
        help_text = f"{citation}: {finding.remedy or full}"
        tags = ["compliance", finding.framework]
    return {
        "id": finding.rule,
        "name": _rule_name(finding.rule),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": markdown_prose(help_text)},
        "defaultConfiguration": {"level": LEVEL[finding.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[finding.severity],
            "tags": tags,
            "precision": "very-high",
        },
        "_severity": finding.severity,
    }


def _rule_name(rule_id: str) -> str:
    return "".join(
        part.capitalize()
        for part in rule_id.replace("/", "-").replace(".", "-").replace("_", "-").split("-")
    )


def _result(source: str, finding: Finding) -> dict[str, Any]:
    fingerprint = hashlib.sha256(
        "\x1f".join(
            (
                source,
                finding.rule,
                finding.kind,
                finding.item or "",
                "/".join(str(p) for p in finding.location),
            )
        ).encode()
    ).hexdigest()
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVEL[finding.severity],
        "message": {"text": f"{sarif_message(finding.message)} [{finding.severity}]"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": source},
                    "region": {"startLine": finding.line or 1},
                }
            }
        ],
        "partialFingerprints": {"aicheckFinding/v1": fingerprint},
        "properties": {"severity": finding.severity, "kind": finding.kind},
    }
    if finding.owner:
        result["properties"]["owner"] = finding.owner
    if finding.waived:
        result["suppressions"] = [{"kind": "external", "justification": "waived"}]
    return result
