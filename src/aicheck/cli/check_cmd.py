"""`aicheck check` and `aicheck report`: assess, render, and map the result to an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from aicheck.cli.output import emit
from aicheck.config import answer_files
from aicheck.errors import EXIT_GATE_FAILED, EXIT_OK
from aicheck.gate import evaluate
from aicheck.models.settings import RunSettings
from aicheck.render.formats import RenderOptions, ReportFormat, SignOffFormat, render
from aicheck.service import check_files, library_for


def run(
    settings: RunSettings,
    *,
    output_format: ReportFormat | SignOffFormat,
    output: Path | None,
    include_waived: bool,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
) -> int:
    library = library_for(settings)
    report = check_files(answer_files(settings), settings, library)
    if baseline is not None or write_baseline is not None:
        from aicheck.baseline import use_baseline

        report = use_baseline(report, read=baseline, write=write_baseline)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    gate = evaluate(report, settings.fail_on)
    text = render(
        report, gate, output_format, RenderOptions(include_waived=include_waived, color=color)
    )
    emit(text, output)
    return EXIT_GATE_FAILED if gate.failed else EXIT_OK
