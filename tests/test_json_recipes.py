"""The jq recipes of docs/json-output.md work, and print what the JSON says.

Each recipe is run as written (with jq and the installed aicheck, in a folder laid out
like the recipes assume), and its output is compared with the same answer worked out in
Python from the document, so a change to the JSON that breaks a recipe fails here."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.helpers import installed_aicheck, open_items

DOC = (REPO / "docs" / "json-output.md").read_text()
RECIPES = re.findall(r"```sh\n(.*?)```", DOC[DOC.index("## Recipes with `jq`") :], re.S)
# Fixed so the output does not move with today's date: on this day the CV example's
# high-risk duties apply, so it has critical gaps.
AS_OF = "2028-01-01"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("jq") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have jq (.ci/run installs it)")
        pytest.skip("jq is not installed (CI installs it)")
    root = tmp_path_factory.mktemp("recipes")
    (root / "ai").mkdir()
    for example in sorted((REPO / "examples").glob("*/aicheck.yaml")):
        shutil.copy(example, root / "ai" / f"{example.parent.name}.yaml")
    return root


def run(recipe: str, folder: Path) -> str:
    script = recipe.replace("aicheck check ai/*.yaml", f"aicheck check ai/*.yaml --as-of {AS_OF}")
    env = {
        **os.environ,
        "PATH": f"{Path(installed_aicheck()).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert "jq: error" not in done.stderr, done.stderr
    return done.stdout


def rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_there_are_three_recipes() -> None:
    assert len(RECIPES) == 3
    assert "-o aicheck.json" in RECIPES[0]


def test_every_open_critical_item(folder: Path) -> None:
    printed = rows(run(RECIPES[0], folder))
    document: dict[str, Any] = json.loads((folder / "aicheck.json").read_text())
    expected = [
        [system["source"], item["rule"], document["rules"][item["rule"]]["title"],
         item.get("state", item["kind"]), item.get("owner", "-"), item.get("due", "-")]
        for system in document["systems"]
        for item in open_items(system)
        if item["severity"] == "critical" and not item.get("waived")
    ]  # fmt: skip
    assert printed == expected
    # Control gaps and other findings both reach it: the CV example has both kinds.
    assert {row[3] for row in printed} >= {"not_implemented", "unanswered"}


def test_the_systems_that_fail_the_gate(folder: Path) -> None:
    run(RECIPES[0], folder)
    printed = rows(run(RECIPES[1], folder))
    document = json.loads((folder / "aicheck.json").read_text())
    expected = []
    for system in document["systems"]:
        if system["passed"]:
            continue
        live = [i for i in open_items(system) if not i.get("waived")]
        counts = [sum(1 for i in live if i["severity"] == level) for level in ("critical", "high")]
        expected.append([system["source"], system["system"].get("owner") or "no owner",
                         *map(str, counts)])  # fmt: skip
    assert printed == expected
    assert printed  # the examples fail the gate on that day


def test_what_closes_each_critical_gap_comes_from_the_catalog(folder: Path) -> None:
    run(RECIPES[0], folder)
    printed = rows(run(RECIPES[2], folder))
    document = json.loads((folder / "aicheck.json").read_text())
    guidance = {}
    for framework in document["frameworks"]:
        shown = subprocess.run(
            [installed_aicheck(), "frameworks", "show", framework, "--format", "json"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        catalog = json.loads(shown.stdout)
        guidance |= {f"{framework}/{c['id']}": c["guidance"] for c in catalog["controls"]}
    expected = [
        [system["source"], control["rule"], guidance[control["rule"]]]
        for system in document["systems"]
        for control in system["controls"]
        if control.get("severity") == "critical"
    ]
    assert printed == expected
    assert printed
