"""JUnit XML: a testcase per applicable control, a failure per finding, skipped if waived."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from aicheck.models.report import SEVERITY_RANK, Finding, Report, SystemReport
from aicheck.render.escape import xml_text

if TYPE_CHECKING:
    from aicheck.render.formats import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="aicheck")
    totals = {"tests": 0, "failures": 0}
    for system in report.systems:
        suite = _suite(system)
        root.append(suite)
        totals["tests"] += int(suite.get("tests", "0"))
        totals["failures"] += int(suite.get("failures", "0"))
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _suite(system: SystemReport) -> ET.Element:
    by_item: dict[tuple[str, str | None], list[Finding]] = {}
    for f in system.findings:
        by_item.setdefault((f.framework, f.item), []).append(f)
    suite = ET.Element("testsuite", name=xml_text(f"{system.system.name} ({system.source})"))
    failures = skipped = tests = 0

    def case(classname: str, name: str, findings: list[Finding], skip: str | None) -> None:
        nonlocal failures, skipped, tests
        tests += 1
        element = ET.SubElement(
            suite, "testcase", classname=xml_text(classname), name=xml_text(name), time="0"
        )
        if skip is not None:
            skipped += 1
            ET.SubElement(element, "skipped", message=xml_text(skip))
            return
        live = [f for f in findings if not f.waived]
        if findings and not live:
            skipped += 1
            ET.SubElement(element, "skipped", message="waived")
            return
        if live:
            # One <failure> per test case, so counts mean failed test cases; the worst
            # finding gives the type, every finding is listed in the text.
            failures += 1
            worst = max(live, key=lambda f: SEVERITY_RANK[f.severity])
            failure = ET.SubElement(
                element, "failure", type=worst.severity, message=xml_text(worst.message)
            )
            lines = [f"{f.severity}: {f.message}" for f in live]
            if worst.remedy:
                lines.append(worst.remedy)
            if worst.owner:
                lines.append(f"Owner: {worst.owner}")
            failure.text = xml_text("\n".join(lines))

    # Findings not about an applicable control first: the classification (prohibited
    # practice, incomplete screening) and, say, an expired waiver of a control that no
    # longer applies. Every finding lands in a test case, so failures match the gate.
    controls = {(c.framework, c.id) for c in system.controls}
    for (framework, _item), findings in sorted(by_item.items(), key=lambda kv: str(kv[0])):
        if (framework, _item) not in controls:
            first = findings[0]
            name = f"{first.ref} {first.title}" if first.ref else first.title
            case(framework, name, findings, None)
    for control in system.controls:
        name = f"{control.ref} {control.title}"
        findings = by_item.get((control.framework, control.id), [])
        skip = "not applicable" if control.state == "not_applicable" else None
        case(control.framework, name, findings, skip)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite
