"""docs/json-output.md names every field the JSON output carries, so it cannot drift."""

from __future__ import annotations

import json
import re

from tests.conftest import REPO
from tests.helpers import invoke

DOC = (REPO / "docs" / "json-output.md").read_text()
DOCUMENTED = set(re.findall(r"`([a-z_]+)`", DOC))


def keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for item in value for k in keys(item)}
    return set()


def test_every_json_field_is_documented() -> None:
    files = [str(p) for p in sorted((REPO / "examples").glob("*/aicheck.yaml"))]
    data = json.loads(invoke(["check", *files, "-f", "json", "--as-of", "2026-11-27"]).stdout)
    facts = {k for s in data["systems"] for k in s["classification"]["facts"]}
    undocumented = keys(data) - facts - DOCUMENTED
    assert not undocumented, f"document these in docs/json-output.md: {sorted(undocumented)}"
