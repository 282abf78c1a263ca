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
            results.append((finding.rule, _fingerprint(source, finding), finding))
        results.sort(key=lambda r: (r[0], r[1]))
        uri = _dumps(source)
        for rule_id, fingerprint, finding in results:
            rule_index = index.setdefault(rule_id, len(index))
            out.write(separator + _result(uri, finding, fingerprint, rule_index))
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


def _fingerprint(source: str, finding: Finding) -> str:
    """Stable across runs and line moves: the file, rule, kind, item and where in the
    answers file (not the line)."""
    return hashlib.sha256(
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


def _result(uri: str, finding: Finding, fingerprint: str, rule_index: int) -> str:
    """One result as a line of JSON, keys in the order GitHub's viewer shows them.

    Written from its parts rather than encoded as a dictionary: an inventory's SARIF
    has about 70 results a system, and only the message, rule id, owner and URI (given
    encoded, once per system) are text that needs encoding."""
    properties: dict[str, str] = {"severity": finding.severity, "kind": finding.kind}
    if finding.owner:
        properties["owner"] = finding.owner
    message = f"{sarif_message(finding.message)} [{finding.severity}]"
    line = (
        f'{{"ruleId":{_dumps(finding.rule)},"level":"{LEVEL[finding.severity]}"'
        f',"message":{{"text":{_dumps(message)}}}'
        f',"locations":[{{"physicalLocation":{{"artifactLocation":{{"uri":{uri}}}'
        f',"region":{{"startLine":{finding.line or 1}}}}}}}]'
        f',"partialFingerprints":{{"aicheckFinding/v1":"{fingerprint}"}}'
        f',"properties":{_dumps(properties)}'
    )
    if finding.waived:
        line += ',"suppressions":[{"kind":"external","justification":"waived"}]'
    return f'{line},"ruleIndex":{rule_index}}}'
