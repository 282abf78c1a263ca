"""`aicheck diff --format json`: the diffs themselves, versioned by ``schema_version``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from aicheck.gate.diff import SystemDiff
from aicheck.models.report import as_json_data

DIFF_SCHEMA_VERSION = 1


def render(diffs: Sequence[SystemDiff]) -> str:
    data = {"schema_version": DIFF_SCHEMA_VERSION, "diffs": [as_json_data(d) for d in diffs]}
    return json.dumps(data, indent=2, sort_keys=True)
