"""SARIF 2.1.0 for GitHub code scanning: one rule per control, results in the answers file.

Written as the systems are checked, one result per line, by the C JSON encoder."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, TextIO

from aicheck.models.checks import CHECKS
from aicheck.models.report import Finding
from aicheck.models.severity import Severity, rank
from aicheck.render.escape import markdown_prose, sarif_message

if TYPE_CHECKING:
    from aicheck.gate.run import Run
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


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    """Results as each system comes, one per line; the rules they name at the end.

    Key order inside a JSON object is free, so the run object takes its results first
    and its tool (with the rules, each at the worst severity seen) last.  A rule's index
    is its place in order of first use, known the moment a result names it.
    """
    rules: dict[str, dict[str, Any]] = {}
    index: dict[str, int] = {}
    head = {"$schema": SARIF_SCHEMA, "version": "2.1.0"}
    details = {"id": f"aicheck/{run.as_of.isoformat()}"}
    out.write(_dumps(head)[:-1] + ',"runs":[{"automationDetails":' + _dumps(details))
    out.write(',"results":[')
    separator = "\n"
    for checked in run:
        source = checked.report.source
        results = []
        for finding in checked.report.findings:
            if finding.waived and not options.include_waived:
                continue
            rule = rules.get(finding.rule)
            if rule is None or rank(finding.severity) > rank(rule["_severity"]):
                rules[finding.rule] = _rule(finding)
            results.append(_result(source, finding))
        results.sort(key=lambda r: (r["ruleId"], r["partialFingerprints"]["aicheckFinding/v1"]))
        for result in results:
            result["ruleIndex"] = index.setdefault(result["ruleId"], len(index))
            out.write(separator + _dumps(result))
            separator = ",\n"
    driver = {
        "name": "aicheck",
        "version": run.tool_version,
        "semanticVersion": run.tool_version,
        "informationUri": INFORMATION_URI,
    }
    out.write('\n],\n"tool":{"driver":' + _dumps(driver)[:-1] + ',"rules":[')
    separator = "\n"
    for rule_id in index:  # in index order
        rule = {k: v for k, v in rules[rule_id].items() if k != "_severity"}
        out.write(separator + _dumps(rule))
        separator = ",\n"
    out.write("\n]}}}]}\n")


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
