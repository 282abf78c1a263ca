"""Results are immutable to the type checker (models/report.py result_type): strict mypy
refuses an assignment to any field, which is what keeps them immutable at run time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

ASSIGNMENTS = """\
from aicheck.gate.diff import SystemDiff
from aicheck.models.report import ControlResult, Finding, SystemReport


def change(f: Finding, c: ControlResult, d: SystemDiff, s: SystemReport) -> None:
    f.severity = "low"
    c.state = "implemented"
    d.system = "x"
    s.findings = ()
"""


def test_mypy_refuses_to_assign_a_field_of_a_result(tmp_path: Path) -> None:
    code = tmp_path / "assign.py"
    code.write_text(ASSIGNMENTS)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(code)],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(REPO / "src")},
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    refused = [line for line in done.stdout.splitlines() if "is read-only" in line]
    assert len(refused) == 4, done.stdout
