"""docs/json-output.md names every field the JSON output carries, so it cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import REPO
from tests.helpers import invoke

DOC = (REPO / "docs" / "json-output.md").read_text()
DOCUMENTED = set(re.findall(r"`([a-z_]+)`", DOC))
BY_ID = {"rules", "frameworks", "groups"}
"""Objects keyed by rule, framework or group id: their keys are ids, not fields."""
ANSWERS = {"screening", "facts"}
"""Objects of ids and values (answers, facts): nothing inside them is a field name."""


def fields(value: object) -> set[str]:
    if isinstance(value, list):
        return {k for item in value for k in fields(item)}
    if not isinstance(value, dict):
        return set()
    found = set(value)
    for key, inner in value.items():
        if key in ANSWERS:
            continue
        if key in BY_ID and isinstance(inner, dict):
            found |= {k for entry in inner.values() for k in fields(entry)}
        else:
            found |= fields(inner)
    return found


def test_every_json_field_is_documented(tmp_path: Path) -> None:
    files = [str(p) for p in sorted((REPO / "examples").glob("*/aicheck.yaml"))]
    args = ["check", *files, "-f", "json", "--as-of", "2026-11-27"]
    data = json.loads(invoke(args).stdout)
    # Written with a baseline too, whose fields are otherwise null.
    based = json.loads(invoke([*args, "--write-baseline", str(tmp_path / "b.json")]).stdout)
    assert based["baseline"] is not None
    undocumented = (fields(data) | fields(based)) - DOCUMENTED
    assert not undocumented, f"document these in docs/json-output.md: {sorted(undocumented)}"


def test_the_fields_checked_are_the_ones_written() -> None:
    """The walk above must see the fields of controls, findings, rules and groups."""
    files = [str(p) for p in sorted((REPO / "examples").glob("*/aicheck.yaml"))]
    data = json.loads(invoke(["check", *files, "-f", "json", "--as-of", "2026-11-27"]).stdout)
    seen = fields(data)
    assert {"state", "kind", "remedy", "parent", "passed", "line"} <= seen
    assert not {"eu-ai-act", "GOVERN", "ai_system"} & seen


def test_the_cv_example_document_stays_under_30_kb() -> None:
    """Issue 16's budget: each thing once keeps one system's JSON small (it was 80 KB
    with every control's gap listed twice and the catalog's words copied in)."""
    cv = str(REPO / "examples" / "cv-screening" / "aicheck.yaml")
    document = invoke(["check", cv, "-f", "json", "--as-of", "2026-12-02"]).stdout
    assert len(document.encode()) <= 30_000
    data = json.loads(document)
    # Nothing a control says is said again by a finding.
    assert not {f["kind"] for f in data["systems"][0]["findings"]} & {"gap", "partial"}
    assert not any(
        "description" in data["rules"][c["rule"]] for c in data["systems"][0]["controls"]
    )
