"""`aicheck check` and `aicheck report`: assess, render, and map the result to an exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from aicheck.cli.output import emit
from aicheck.engine.evaluate import Settings
from aicheck.errors import EXIT_GATE_FAILED, EXIT_OK, AicheckError
from aicheck.gate import evaluate
from aicheck.models.severity import Threshold
from aicheck.render.formats import RenderOptions, ReportFormat, SignOffFormat, render
from aicheck.service import check_files, library_for, today


def parse_as_of(value: str | None) -> dt.date:
    if value is None:
        return today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AicheckError(f"--as-of must be a date like 2026-08-02, not {value!r}") from None


def run(
    answers: list[Path],
    *,
    frameworks: tuple[str, ...],
    fail_on: Threshold,
    as_of: str | None,
    output_format: ReportFormat | SignOffFormat,
    output: Path | None,
    review_days: int,
    include_waived: bool,
    frameworks_dirs: list[Path],
    baseline: Path | None = None,
    write_baseline: Path | None = None,
) -> int:
    settings = Settings(as_of=parse_as_of(as_of), review_days=review_days, frameworks=frameworks)
    library = library_for(frameworks_dirs)
    report = check_files(answers, settings, library)
    if baseline is not None or write_baseline is not None:
        from aicheck.baseline import use_baseline

        report = use_baseline(report, read=baseline, write=write_baseline)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    gate = evaluate(report, fail_on)
    text = render(
        report, gate, output_format, RenderOptions(include_waived=include_waived, color=color)
    )
    emit(text, output)
    return EXIT_GATE_FAILED if gate.failed else EXIT_OK
