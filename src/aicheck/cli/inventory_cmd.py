"""aicheck inventory: the register of many systems (registered as a command in app.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from aicheck.cli.options import (
    AnswersFiles,
    AsOf,
    FailOn,
    FrameworkIds,
    FrameworksDir,
    LeadTime,
    OutputFile,
)
from aicheck.cli.output import destination, note
from aicheck.render.formats import InventoryFormat


def inventory(
    answers: AnswersFiles = None,
    output_format: Annotated[
        InventoryFormat, typer.Option("--format", "-f", help="The register's format.")
    ] = "markdown",
    output: OutputFile = None,
    fail_on: FailOn = None,
    as_of: AsOf = None,
    framework: FrameworkIds = None,
    lead_time: LeadTime = None,
    frameworks_dir: FrameworksDir = None,
) -> None:
    """Write the register of many AI systems: one row each, riskiest first.

    Per system: owner, EU AI Act tier, roles, GPAI status, gate result, open critical
    and high findings, coverage per framework, next legal deadline, oldest review.
    --fail-on sets the gate column; the register itself exits 0 (gate CI with check).

    Example: aicheck inventory ai/*.yaml --format csv -o ai-register.csv
    """
    from pathlib import Path

    from aicheck import service
    from aicheck.config.resolve import resolve

    # Not app._settings: app.py imports this module to register the command.
    settings = resolve(
        Path.cwd(),
        as_of=as_of,
        frameworks=framework,
        fail_on=fail_on,
        answers=[str(path) for path in answers or ()],
        lead_time=lead_time,
        frameworks_dir=frameworks_dir,
    )
    with destination(output) as out:
        service.inventory(settings, output_format=output_format, out=out, output=output, say=note)
