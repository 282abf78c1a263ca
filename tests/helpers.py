"""Shared test helpers: run the CLI in-process or as the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from aicheck.cli.app import app

VALID_FRAMEWORK = """\
kind: framework
format_version: 1
id: acme-policy
name: ACME AI policy
title: ACME internal policy on AI
version: "3.0"
publisher: ACME
url: https://example.com/ai-policy
summary: Internal rules for AI use.
binding: false
last_checked: 2026-11-01
groups:
  - {id: gov, title: Governance, kind: section}
questions:
  - id: personal_data
    ref: "Policy 4"
    section: gov
    text: Does the system use personal data?
    help: Ask the privacy office when unsure.
controls:
  - id: POL-1
    ref: "Policy 1"
    title: Named owner
    question: Does the system have a named owner?
    summary: Every AI system has one accountable owner.
    guidance: The owner is recorded in the AI inventory.
    group: gov
  - id: POL-4
    ref: "Policy 4"
    title: Privacy review
    question: Has the privacy office reviewed the system?
    summary: Systems using personal data get a privacy review.
    guidance: A signed privacy review.
    group: gov
    applies_when: {question: personal_data}
"""


# What `git rev-parse --local-env-vars` lists: variables that point git at one repository.
# Under `git rebase --exec` or a hook they name the repository being worked on; a test's
# `git init` in a scratch folder would then re-initialise that repository instead.
GIT_REPOSITORY_VARIABLES = (
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_PREFIX",
    "GIT_INTERNAL_SUPER_PREFIX",
    "GIT_SHALLOW_FILE",
    "GIT_COMMON_DIR",
)


def is_git_repository_variable(name: str) -> bool:
    # GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n go with GIT_CONFIG_COUNT.
    return name in GIT_REPOSITORY_VARIABLES or name.startswith("GIT_CONFIG_")


def git_env(**extra: str) -> dict[str, str]:
    """This process's environment without the variables that tie git to one repository."""
    env = {k: v for k, v in os.environ.items() if not is_git_repository_variable(k)}
    return {**env, **extra}


def invoke(args: list[str], input: str | None = None) -> Result:
    return CliRunner().invoke(app, args, input=input, catch_exceptions=False)


def installed_aicheck() -> str:
    return str(Path(sys.executable).parent / "aicheck")


def run_installed(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_aicheck(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=git_env(NO_COLOR="1", **env),
        timeout=120,
        check=False,
    )


def open_items(system: dict[str, Any]) -> list[dict[str, Any]]:
    """Every open item of one system of the JSON output, as docs/json-output.md tells a
    consumer to gather them: the controls with a gap (``severity``), then the findings.

    A control's gap gets the ``kind`` and ``item`` its finding has in the other formats
    (``partial`` for a partial control, else ``gap``; the item is the rule), so tests can
    compare it with the baseline and SARIF."""
    gaps = [
        {**c, "kind": "partial" if c["state"] == "partial" else "gap", "item": c["rule"]}
        for c in system["controls"]
        if "severity" in c
    ]
    return gaps + list(system["findings"])
