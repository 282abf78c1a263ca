"""Option types shared by the commands: formats, thresholds and common options."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    junit = "junit"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ConfigFormat(StrEnum):
    text = "text"
    json = "json"


FrameworksDir = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional for list options on 3.11
    typer.Option(
        "--frameworks-dir",
        metavar="DIR",
        help="Extra folder of catalog files (repeatable); also AICHECK_FRAMEWORKS_PATH.",
        file_okay=False,
    ),
]


FrameworkIds = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--framework", metavar="ID", help="Only this framework (repeatable)."),
]
AsOf = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Assess as of this date [default: today]."),
]
OutputFile = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", metavar="FILE", help="Write it here instead of stdout."),
]
