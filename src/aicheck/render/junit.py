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
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape

from aicheck.gate.verdict import finding_fails
from aicheck.models.report import Finding, SystemReport
from aicheck.models.severity import Threshold, rank
from aicheck.render.escape import short_text_cached, xml_text

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions


SPOOL_IN_MEMORY = 1 << 20
"""Bytes of suites kept in memory before the spool moves to a temporary file."""


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    """Suites as the systems come; the root's totals need them all, so the suites wait
    in a spool file (in memory while small) and follow the root once it is written.

    The XML is written as text, not built as an ElementTree: serialising a tree per
    system cost more than checking it.  ``_attribute`` and ``_text`` escape as the
    standard library's serialiser does, and tests validate the output against the JUnit
    schema."""
    tests = failures = 0
    seconds = 0.0
    with tempfile.SpooledTemporaryFile(
        max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8"
    ) as spool:
        for checked in run:
            suite = _Suite(checked.report, run.threshold)
            tests += suite.tests
            failures += suite.failures
            if checked.seconds is not None:
                seconds += checked.seconds
            spool.write(suite.xml(checked.seconds))
        time = f' time="{_time(seconds)}"' if seconds else ""
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(
            f'<testsuites name="aicheck" tests="{tests}" failures="{failures}" errors="0"{time}>\n'
        )
        spool.seek(0)
        shutil.copyfileobj(spool, out)
        out.write("</testsuites>\n")


def _time(seconds: float) -> str:
    """Seconds with millisecond precision, as the JUnit schema's time pattern allows."""
    return f"{seconds:.3f}"


_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


@short_text_cached
def _attribute(value: str) -> str:
    return escape(xml_text(value), _ATTRIBUTE_ENTITIES)


def _text(value: str) -> str:
    return escape(xml_text(value))


class _Suite:
    """One system's test suite: a test case per control, and one per finding about
    something that is not an applicable control."""

    def __init__(self, system: SystemReport, threshold: Threshold) -> None:
        self.system = system
        self.threshold = threshold
        self.tests = self.failures = self.skipped = 0
        self.cases: list[str] = []
        by_item: dict[tuple[str, str | None], list[Finding]] = {}
        for f in system.findings:
            by_item.setdefault((f.framework, f.item), []).append(f)
        # Findings not about an applicable control first: the classification (prohibited
        # practice, incomplete screening) and, say, an expired waiver of a control that
        # no longer applies. Every finding lands in a test case, so failures match the
        # gate.
        controls = {(c.framework, c.id) for c in system.controls}
        for (framework, item), findings in sorted(by_item.items(), key=lambda kv: str(kv[0])):
            if (framework, item) not in controls:
                first = findings[0]
                name = f"{first.ref} {first.title}" if first.ref else first.title
                self._case(framework, name, findings, None)
        for control in system.controls:
            name = f"{control.ref} {control.title}"
            findings = by_item.get((control.framework, control.id), [])
            skip = "not applicable" if control.state == "not_applicable" else None
            self._case(control.framework, name, findings, skip)

    def _case(self, classname: str, name: str, findings: list[Finding], skip: str | None) -> None:
        self.tests += 1
        inside = []
        live = [f for f in findings if not f.waived]
        failing = [f for f in live if finding_fails(f, self.threshold)]
        below = [f for f in live if not finding_fails(f, self.threshold)]
        if failing:
            # One <failure> per test case, so counts mean failed test cases; the worst
            # finding gives the type, every failing finding is listed in the text. A
            # failing finding outranks "not applicable": an expired waiver of a control
            # that no longer applies still fails the gate, so it must fail here too.
            self.failures += 1
            worst = _worst(failing)
            inside.append(
                f'<failure type="{_attribute(worst.severity)}" '
                f'message="{_attribute(worst.message)}">'
                f"{_text(chr(10).join(_details(failing)))}</failure>"
            )
        elif skip is not None or (findings and not live):
            self.skipped += 1
            inside.append(f'<skipped message="{_attribute(skip or "waived")}" />')
        if below:
            # Not a failure (the gate ignores them), but not dropped either: CI test views
            # show system-out next to the test case.
            text = "\n".join([_below_heading(self.threshold), *_details(below)])
            inside.append(f"<system-out>{_text(text)}</system-out>")
        opening = f'<testcase classname="{_attribute(classname)}" name="{_attribute(name)}"'
        if not inside:
            self.cases.append(f"    {opening} />\n")
            return
        body = "".join(f"      {element}\n" for element in inside)
        self.cases.append(f"    {opening}>\n{body}    </testcase>\n")

    def xml(self, seconds: float | None) -> str:
        name = _attribute(f"{self.system.system.name} ({self.system.source})")
        opening = (
            f'  <testsuite name="{name}" tests="{self.tests}" failures="{self.failures}"'
            f' errors="0" skipped="{self.skipped}"'
            + ("" if seconds is None else f' time="{_time(seconds)}"')
        )
        if not self.cases:
            return f"{opening} />\n"
        return f"{opening}>\n{''.join(self.cases)}  </testsuite>\n"


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
