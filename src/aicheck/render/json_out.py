"""JSON output: the report model itself, versioned by ``schema_version``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aicheck.models.report import Report, as_json_data

if TYPE_CHECKING:
    from aicheck.gate.verdict import GateResult
    from aicheck.render.options import RenderOptions


def render(report: Report, gate: GateResult, options: RenderOptions) -> str:
    data = as_json_data(report)
    data["fail_on"] = gate.threshold
    data["passed"] = not gate.failed
    return json.dumps(data, indent=2, ensure_ascii=False)
