"""`.aicheck.toml`: found up to the repository root, strict, flag > config > default."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aicheck.config.project_file import find_config
from aicheck.config.resolve import resolve
from tests.conftest import EXAMPLES
from tests.helpers import invoke

CV = EXAMPLES / "cv-screening"
AS_OF = ["--as-of", "2026-11-27"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copytree(CV, tmp_path / "ai" / "cv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_found_from_a_subfolder_but_not_above_the_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (repo / ".aicheck.toml").write_text('fail-on = "critical"\n')
    assert find_config(repo / "ai" / "cv") == repo / ".aicheck.toml"
    outer = tmp_path_factory.mktemp("outer")
    (outer / ".aicheck.toml").write_text('fail-on = "low"\n')
    inner = outer / "project"
    (inner / ".git").mkdir(parents=True)
    assert find_config(inner) is None


def test_precedence_flag_then_config_then_default(repo: Path) -> None:
    (repo / ".aicheck.toml").write_text('fail-on = "critical"\nreview-days = 30\n')
    settings = resolve(repo, fail_on="low")
    assert (settings.fail_on, settings.source("fail_on")) == ("low", "flag")
    assert settings.review_days == 30
    assert settings.source("review_days") == str(repo / ".aicheck.toml")
    assert (settings.frameworks, settings.source("frameworks")) == ((), "default")


def test_config_fail_on_and_answers_globs_drive_check(repo: Path) -> None:
    (repo / ".aicheck.toml").write_text('answers = ["ai/**/aicheck.yaml"]\nfail-on = "critical"\n')
    result = invoke(["check", *AS_OF])
    assert result.exit_code == 0, result.stderr
    assert "Gate (--fail-on critical): passed" in result.stdout
    assert "ai/cv/aicheck.yaml" in result.stdout
    # The flag wins over the file.
    assert invoke(["check", *AS_OF, "--fail-on", "high"]).exit_code == 1


def test_config_frameworks_apply_unless_a_flag_names_others(repo: Path) -> None:
    (repo / ".aicheck.toml").write_text('frameworks = ["oecd-ai-principles"]\n')
    data = json.loads(invoke(["check", "ai/cv/aicheck.yaml", *AS_OF, "-f", "json"]).stdout)
    assert data["systems"][0]["frameworks"] == ["oecd-ai-principles"]
    data = json.loads(
        invoke(
            ["check", "ai/cv/aicheck.yaml", *AS_OF, "-f", "json", "--framework", "nist-ai-rmf"]
        ).stdout
    )
    assert data["systems"][0]["frameworks"] == ["nist-ai-rmf"]


def test_config_command_says_where_each_setting_comes_from(repo: Path) -> None:
    (repo / ".aicheck.toml").write_text('# team defaults\nfail-on = "medium"\n')
    result = invoke(["config"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"config file: {repo / '.aicheck.toml'}"
    assert any(
        line.startswith("fail-on") and "medium" in line and str(repo) in line for line in lines
    )
    assert any(line.startswith("review-days") and "365  (default)" in line for line in lines)
    data = json.loads(invoke(["config", "--format", "json"]).stdout)
    assert data["settings"]["fail-on"] == {"source": str(repo / ".aicheck.toml"), "value": "medium"}


def test_no_config_and_no_files_is_a_usage_error(repo: Path) -> None:
    result = invoke(["check"])
    assert result.exit_code == 2
    assert result.stderr == (
        "aicheck: error: no answers files given and no aicheck.yaml here "
        "(name them, or set answers = [...] in .aicheck.toml)\n"
    )


def test_without_files_or_config_check_reads_aicheck_yaml_here(repo: Path) -> None:
    # Where init and assess put it; the evidence paths resolve from the copied folder.
    shutil.copy(repo / "ai" / "cv" / "aicheck.yaml", repo / "aicheck.yaml")
    result = invoke(["check", "-f", "json", "--fail-on", "none"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["systems"][0]["source"] == "aicheck.yaml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'fail-on = "high"\nfail_on = "low"\n',
            ":2: unknown key 'fail_on' (did you mean 'fail-on'?)",
        ),
        ("[tool]\nx = 1\n", ":1: unknown key 'tool' (known keys: frameworks, fail-on, "),
        ('fail-on = "severe"\n', ":1: fail-on: must be one of critical, high, medium, low"),
        ("review-days = 0\n", ":1: review-days: must be a whole number of days"),
        ('frameworks = "eu-ai-act"\n', ":1: frameworks: must be a list of non-empty strings"),
        ("fail-on = \n", ":1:11: invalid TOML: "),
        ('answers = ["nothing/*.yaml"]\n', ": answers globs ['nothing/*.yaml'] match no file"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_line(repo: Path, text: str, expected: str) -> None:
    (repo / ".aicheck.toml").write_text(text)
    result = invoke(["check"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"aicheck: error: {repo / '.aicheck.toml'}")
    assert expected in lines[0]


def test_frameworks_dir_from_config_is_relative_to_the_file(repo: Path) -> None:
    from tests.helpers import VALID_FRAMEWORK

    (repo / "policies").mkdir()
    (repo / "policies" / "acme.yaml").write_text(VALID_FRAMEWORK)
    (repo / ".aicheck.toml").write_text('frameworks-dir = "policies"\n')
    (repo / "ai").mkdir(exist_ok=True)
    result = invoke(["frameworks", "list"])
    assert result.exit_code == 0
    assert "acme-policy" in result.stdout


def test_config_shows_the_frameworks_path_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AICHECK_FRAMEWORKS_PATH", "policies")
    lines = invoke(["config"]).stdout.splitlines()
    assert lines[-1] == "frameworks-path  policies  (environment AICHECK_FRAMEWORKS_PATH)"
