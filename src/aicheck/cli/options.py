"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from aicheck.models.settings import MAX_LEAD_TIME
from aicheck.models.severity import Threshold

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
LeadTime = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--lead-time",
        metavar="MONTHS",
        min=0,
        max=MAX_LEAD_TIME,
        help="Rank a binding duty's gaps higher this many months before it applies "
        "(0: only once it applies). [default: 12, or config]",
    ),
]
AnswersFiles = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Argument(
        metavar="ANSWERS",
        help="Answers files, one per system; default: the answers globs of "
        ".aicheck.toml, else aicheck.yaml here.",
        show_default=False,
    ),
]
FailOn = Annotated[
    Optional[Threshold],  # noqa: UP045
    typer.Option(
        "--fail-on", help="Lowest severity that fails the gate. [default: high, or config]"
    ),
]
