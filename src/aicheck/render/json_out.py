"""JSON output: the report model itself, versioned by ``schema_version``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aicheck.models.report import Report, as_json_data

if TYPE_CHECKING:
    from aicheck.render.formats import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    data = as_json_data(report)
    data["fail_on"] = options.fail_on
    from aicheck.gate import gate_fails

    data["passed"] = not gate_fails(report, options.fail_on)
    return json.dumps(data, indent=2, ensure_ascii=False)
