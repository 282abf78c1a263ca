"""JSON output, schema_version 2: one line per system, the rules' names once at the end.

The systems say what holds for each (states, severities, dates, evidence, owners) and
name rules and groups by id; ``rules`` and ``frameworks`` name every id the systems
used, once per run.  Each thing is said once: a control's gap is its ``severity`` in
``controls``, so ``findings`` holds only what the controls do not say, and a catalog
control's words (what it requires, what closes it, the fine) stay in the catalog
(``aicheck frameworks show ID --format json``), where they are written once.  One system
per line keeps the document easy to diff in git while each line is encoded by the
standard library's C encoder (an indented document goes through its pure-Python
encoder, several times slower).

docs/json-output.md documents every field; tests/test_json_docs.py keeps the two in step.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from aicheck.catalog.library import SEPARATOR
from aicheck.models.checks import CHECKS
from aicheck.models.report import (
    CONTROL_GAP_KINDS,
    CatalogSource,
    ControlResult,
    Finding,
    FrameworkCoverage,
    SystemReport,
    as_json_data,
)

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions

SCHEMA_VERSION = 2

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    """Write the document as the systems come: header, systems, then rules and gate."""
    catalog = _Catalog()
    head = {
        "schema_version": SCHEMA_VERSION,
        "tool_version": run.tool_version,
        "as_of": run.as_of.isoformat(),
        "lead_time": run.lead_time,
        "fail_on": run.threshold,
    }
    out.write(_dumps(head)[:-1] + ',\n"systems":[')
    separator = "\n"
    for checked in run:
        out.write(separator + _dumps(_system(checked.report, checked.failed, catalog)))
        separator = ",\n"
    out.write("\n],\n")
    out.write('"rules":' + _by_line(catalog.rules) + ",\n")
    frameworks = _with_provenance(catalog.frameworks, run.catalogs(catalog.frameworks))
    out.write('"frameworks":' + _by_line(frameworks) + ",\n")
    baseline = None if run.baseline is None else dataclasses.asdict(run.baseline)
    out.write('"baseline":' + _dumps(baseline) + ",\n")
    out.write('"passed":' + _dumps(not run.gate.failed) + "}\n")


def _with_provenance(
    frameworks: dict[str, dict[str, Any]], sources: Iterable[CatalogSource]
) -> dict[str, dict[str, Any]]:
    """Each framework's name, source, version and groups in one entry."""
    by_id = {source.framework: source for source in sources}
    merged = {}
    for fid, entry in frameworks.items():
        source = by_id.get(fid)
        if source is None:
            merged[fid] = entry
            continue
        provenance = as_json_data(source)
        del provenance["framework"]
        merged[fid] = {**provenance, "groups": entry["groups"]}
    return merged


def _by_line(entries: dict[str, dict[str, Any]]) -> str:
    """An object with one entry per line, in id order."""
    if not entries:
        return "{}"
    lines = (f"{_dumps(key)}:{_dumps(entries[key])}" for key in sorted(entries))
    return "{\n" + ",\n".join(lines) + "\n}"


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """Controls, findings and rules leave out what is null, false or empty."""
    return {k: v for k, v in fields.items() if v is not None and v is not False and v != []}


def _date(value: Any) -> str | None:
    return None if value is None else value.isoformat()


class _Catalog:
    """The catalog text of every rule, framework and group the systems named so far:
    bounded by the catalogs, not by the number of systems."""

    def __init__(self) -> None:
        self.rules: dict[str, dict[str, Any]] = {}
        self.frameworks: dict[str, dict[str, Any]] = {}
        self._groups: dict[str, dict[str, Any]] = {}

    def framework(self, cov: FrameworkCoverage) -> None:
        known = self.frameworks.get(cov.framework)
        if known is None:
            groups: dict[str, Any] = {}
            known = self.frameworks[cov.framework] = {
                "name": cov.name,
                "binding": cov.binding,
                "groups": groups,
            }
        groups = known["groups"]
        for g in cov.groups:
            if g.id not in groups:
                groups[g.id] = _present(
                    {"title": g.title, "kind": g.kind, "ref": g.ref, "parent": g.parent}
                )

    def control(self, c: ControlResult) -> str:
        rule = f"{c.framework}{SEPARATOR}{c.id}"
        if rule not in self.rules:
            self.rules[rule] = _present(
                {"ref": c.ref, "title": c.title, "group": c.group, "binding": c.binding}
            )
        return rule

    def finding(self, f: Finding) -> None:
        if f.rule in self.rules:
            return
        check = CHECKS.get(f.rule)
        if check is not None:
            text = {"title": check.title, "description": check.description}
            self.rules[f.rule] = {**text, "remedy": check.remedy}
            return
        # A rule of the framework itself: a prohibited practice, incomplete screening.
        # Few, and not catalog controls, so their words come with them.
        binding = self.frameworks.get(f.framework, {}).get("binding", False)
        self.rules[f.rule] = _present(
            {
                "ref": f.ref,
                "title": f.title,
                "binding": binding,
                "description": f.description,
                "remedy": f.remedy,
                "penalty": f.penalty,
            }
        )


def _system(system: SystemReport, failed: bool, catalog: _Catalog) -> dict[str, Any]:
    for cov in system.coverage:
        catalog.framework(cov)
    # A control's own gap is said by the control (its severity and line); every other
    # finding is listed as a finding.
    gaps: dict[str, Finding] = {}
    findings = []
    for f in system.findings:
        if f.kind in CONTROL_GAP_KINDS:
            gaps[f.rule] = f
        else:
            catalog.finding(f)
            findings.append(_finding(f))
    controls = []
    for c in system.controls:
        rule = catalog.control(c)
        controls.append(_control(c, rule, gaps.pop(rule, None)))
    if gaps:  # every gap belongs to a listed control; anything else is a bug
        raise AssertionError(f"gaps of controls not listed: {sorted(gaps)}")
    screening: dict[str, dict[str, Any]] = {}
    for answer in system.screening:
        value = list(answer.answer) if isinstance(answer.answer, tuple) else answer.answer
        screening.setdefault(answer.framework, {})[answer.id] = value
    return {
        "source": system.source,
        "system": as_json_data(system.system),
        "passed": not failed,
        "frameworks": list(system.frameworks),
        "classification": as_json_data(system.classification),
        "coverage": [_coverage(cov) for cov in system.coverage],
        "controls": controls,
        "findings": findings,
        "deadlines": as_json_data(system.deadlines),
        "waivers": as_json_data(system.waivers),
        "screening": screening,
        "assessment": as_json_data(system.assessment),
        "provider": as_json_data(system.provider),
        "file": as_json_data(system.file),
    }


def _coverage(cov: FrameworkCoverage) -> dict[str, Any]:
    return {
        "framework": cov.framework,
        "applicable": cov.applicable,
        "implemented": cov.implemented,
        "covered_by_crosswalk": cov.covered_by_crosswalk,
        "partial": cov.partial,
        "missing": cov.missing,
        "not_applicable": cov.not_applicable,
        "pending": cov.pending,
        "groups": [{"id": g.id, "applicable": g.applicable, "met": g.met} for g in cov.groups],
    }


def _control(c: ControlResult, rule: str, gap: Finding | None) -> dict[str, Any]:
    """A control and its open gap, if any: the gap finding, not the control, decides,
    since a baseline may have accepted it."""
    return _present(
        {
            "rule": rule,
            "state": c.state,
            "severity": None if gap is None else gap.severity,
            "applies_from": _date(c.applies_from),
            "in_force": c.in_force,
            "covered_by": list(c.covered_by),
            "waived": c.waived,
            "evidence": list(c.evidence),
            "justification": c.justification,
            "notes": c.notes,
            "owner": c.owner,
            "due": _date(c.due),
            "reviewed": _date(c.reviewed),
            "line": None if gap is None else gap.line,
        }
    )


def _finding(f: Finding) -> dict[str, Any]:
    return _present(
        {
            "rule": f.rule,
            "kind": f.kind,
            "severity": f.severity,
            "item": None if f.item is None else f"{f.framework}{SEPARATOR}{f.item}",
            "message": f.message,
            "applies_from": _date(f.applies_from),
            "owner": f.owner,
            "due": _date(f.due),
            "waived": f.waived,
            "line": f.line,
        }
    )
