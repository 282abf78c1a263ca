"""RunSettings: each setting declared once, read from the file, shown by `aicheck config`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from aicheck.config.project_file import parse_config
from aicheck.models.settings import RunSettings, file_keys, specs
from tests.conftest import AS_OF, REPO
from tests.helpers import invoke


def test_the_documented_config_example_sets_every_setting_the_file_can_hold() -> None:
    text = (REPO / "docs" / "ci.md").read_text()
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    values = parse_config(block.group(1), Path("/src/shop/.aicheck.toml"))
    keys = {spec.key for name, spec in specs() if name in values}
    assert keys == set(file_keys())


def test_config_shows_each_file_setting_and_what_the_environment_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = json.loads(invoke(["config", "--format", "json"]).stdout)["settings"]
    assert list(shown) == sorted(file_keys())
    assert all(entry["source"] == "default" for entry in shown.values())
    monkeypatch.setenv("AICHECK_FRAMEWORKS_PATH", os.pathsep.join(["a", "b"]))
    shown = json.loads(invoke(["config", "--format", "json"]).stdout)["settings"]
    assert shown["frameworks-path"] == {
        "source": "environment AICHECK_FRAMEWORKS_PATH",
        "value": ["a", "b"],
    }


def test_settings_built_in_code_default_like_the_command_line() -> None:
    settings = RunSettings(as_of=AS_OF)
    assert settings.fail_on == "high"
    assert settings.review_days == 365
    assert settings.source("fail_on") == "default"
    assert settings.catalog_dirs == ()
