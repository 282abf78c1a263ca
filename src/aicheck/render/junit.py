"""JUnit XML: a test case per control; it fails exactly when the gate would fail on it.

Findings below ``--fail-on`` go to the test case's ``<system-out>``, so a CI test view
agrees with the exit code and still shows everything that was found.

Times: each test suite carries the time its system took to load and assess, the root
their sum.  Test cases carry none: the controls of a system are assessed together, so
no honest time per control exists (and a made-up "0" breaks consumers that divide by it).
"""

from __future__ import annotations

import shutil
import tempfile
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from aicheck.gate.verdict import finding_fails
from aicheck.models.report import Finding, SystemReport
from aicheck.models.severity import Threshold, rank
from aicheck.render.escape import xml_text

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions


SPOOL_IN_MEMORY = 1 << 20
"""Bytes of suites kept in memory before the spool moves to a temporary file."""


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    """Suites as the systems come; the root's totals need them all, so the suites wait
    in a spool file (in memory while small) and follow the root once it is written."""
    totals = {"tests": 0, "failures": 0}
    seconds = 0.0
    with tempfile.SpooledTemporaryFile(
        max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8"
    ) as spool:
        for checked in run:
            suite = _suite(checked.report, run.threshold)
            if checked.seconds is not None:
                suite.set("time", _time(checked.seconds))
                seconds += checked.seconds
            totals["tests"] += int(suite.get("tests", "0"))
            totals["failures"] += int(suite.get("failures", "0"))
            ET.indent(suite, level=1)
            spool.write("  " + ET.tostring(suite, encoding="unicode") + "\n")
        root = ET.Element("testsuites", name="aicheck")
        root.set("tests", str(totals["tests"]))
        root.set("failures", str(totals["failures"]))
        root.set("errors", "0")
        if seconds:
            root.set("time", _time(seconds))
        opening = ET.tostring(root, encoding="unicode", short_empty_elements=False)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + opening[: -len("</testsuites>")])
        out.write("\n")
        spool.seek(0)
        shutil.copyfileobj(spool, out)
        out.write("</testsuites>\n")


def _time(seconds: float) -> str:
    """Seconds with millisecond precision, as the JUnit schema's time pattern allows."""
    return f"{seconds:.3f}"


def _suite(system: SystemReport, threshold: Threshold) -> ET.Element:
    by_item: dict[tuple[str, str | None], list[Finding]] = {}
    for f in system.findings:
        by_item.setdefault((f.framework, f.item), []).append(f)
    suite = ET.Element("testsuite", name=xml_text(f"{system.system.name} ({system.source})"))
    failures = skipped = tests = 0

    def case(classname: str, name: str, findings: list[Finding], skip: str | None) -> None:
        nonlocal failures, skipped, tests
        tests += 1
        element = ET.SubElement(
            suite, "testcase", classname=xml_text(classname), name=xml_text(name)
        )
        live = [f for f in findings if not f.waived]
        failing = [f for f in live if finding_fails(f, threshold)]
        below = [f for f in live if not finding_fails(f, threshold)]
        if failing:
            # One <failure> per test case, so counts mean failed test cases; the worst
            # finding gives the type, every failing finding is listed in the text. A
            # failing finding outranks "not applicable": an expired waiver of a control
            # that no longer applies still fails the gate, so it must fail here too.
            failures += 1
            worst = _worst(failing)
            failure = ET.SubElement(
                element, "failure", type=worst.severity, message=xml_text(worst.message)
            )
            failure.text = xml_text("\n".join(_details(failing)))
        elif skip is not None or (findings and not live):
            skipped += 1
            ET.SubElement(element, "skipped", message=xml_text(skip or "waived"))
        if below:
            # Not a failure (the gate ignores them), but not dropped either: CI test views
            # show system-out next to the test case.
            out = ET.SubElement(element, "system-out")
            out.text = xml_text("\n".join([_below_heading(threshold), *_details(below)]))

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


def _worst(findings: list[Finding]) -> Finding:
    return max(findings, key=lambda f: rank(f.severity))


def _details(findings: list[Finding]) -> list[str]:
    """Each finding on a line, then the next step and owner of the worst of them."""
    worst = _worst(findings)
    lines = [f"{f.severity}: {f.message}" for f in findings]
    if worst.remedy:
        lines.append(worst.remedy)
    if worst.owner:
        lines.append(f"Owner: {worst.owner}")
    return lines


def _below_heading(fail_on: Threshold) -> str:
    if fail_on == "none":
        return "Not failing (--fail-on none):"
    return f"Below the gate (--fail-on {fail_on}), not failing:"
