"""Output formats: each name maps to a small renderer; render(report) -> str is pure."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from aicheck.gate import GateResult
from aicheck.models.report import Report

# Module per format, imported only when that format is asked for.
RENDERERS: dict[str, str] = {
    "text": "aicheck.render.text",
    "json": "aicheck.render.json_out",
    "markdown": "aicheck.render.markdown",
    "sarif": "aicheck.render.sarif",
    "junit": "aicheck.render.junit",
}


@dataclass(frozen=True)
class RenderOptions:
    include_waived: bool = False
    color: bool = False
    width: int = 100


def render(report: Report, gate: GateResult, output_format: str, options: RenderOptions) -> str:
    module = importlib.import_module(RENDERERS[output_format])
    text: str = module.render(report, gate, options)
    return text
