"""The pre-commit hook manifest, the GitHub Action, and an end-to-end run in a scratch
git repository with the installed command: init, pre-commit, diff --git, baseline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, REPO
from tests.helpers import git_env, installed_aicheck, run_installed

MANIFEST = REPO / ".pre-commit-hooks.yaml"
ACTION = REPO / "action.yml"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(MANIFEST.read_text())
    assert isinstance(hooks, list) and len(hooks) == 1
    hook: dict[str, Any] = hooks[0]
    return hook


def test_manifest_validates_with_pre_commit() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_definition() -> None:
    hook = _hook()
    assert hook["id"] == "aicheck"
    assert hook["entry"] == "aicheck check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for name in ["aicheck.yaml", "ai/aicheck.yml", "ai/chatbot.aicheck.yaml"]:
        assert files.search(name), name
    for name in ["aicheck.schema.json", "myaicheck.yaml", "ci.yaml", "aicheck.yaml.bak"]:
        assert not files.search(name), name


def _steps() -> list[dict[str, Any]]:
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    assert {"answers", "fail-on", "version"} <= set(action["inputs"])
    steps: list[dict[str, Any]] = action["runs"]["steps"]
    return steps


def test_action_uploads_sarif_always_then_fails_the_job() -> None:
    steps = _steps()
    upload = [i for i, s in enumerate(steps) if "upload-sarif" in s.get("uses", "")]
    assert len(upload) == 1
    step = steps[upload[0]]
    assert step["uses"] == "github/codeql-action/upload-sarif@v3"
    assert "always()" in step["if"]
    check = next(s for s in steps if s.get("id") == "check")
    assert "--format sarif" in check["run"] and "aicheck check" in check["run"]
    assert "|| code=$?" in check["run"]  # the gate's exit code is kept, not fatal
    final = steps[upload[0] + 1 :]
    assert len(final) == 1 and final[0]["if"] == "always()"
    assert "steps.check.outputs.exit-code" in final[0]["env"]["CODE"]
    installs = next(s for s in steps if s.get("name") == "Install aicheck")
    assert "aicheck-compliance==" in installs["run"] and "ACTION_PATH" in installs["run"]
    assert installs["env"]["ACTION_PATH"] == "${{ github.action_path }}"


def _bash_step(name: str, cwd: Path, env: dict[str, str]) -> tuple[int, dict[str, str]]:
    """Run one of the action's bash steps here, as the runner would."""
    step = next(s for s in _steps() if s.get("name") == name)
    output = cwd / "github-output.txt"
    output.write_text("")
    bin_dir = str(Path(installed_aicheck()).parent)
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env={
            **git_env(),
            "PATH": bin_dir + os.pathsep + os.environ["PATH"],
            "GITHUB_OUTPUT": str(output),
            "NO_COLOR": "1",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    values = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return result.returncode, values


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_steps_run(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path / "ai" / "cv")
    env = {"ANSWERS": "ai/**/aicheck.yaml", "FAIL_ON": "high", "EXTRA_ARGS": ""}
    code, out = _bash_step("Run aicheck", tmp_path, {**env, "SARIF_FILE": "aicheck.sarif"})
    assert code == 0
    assert out == {"exit-code": "1", "sarif-written": "true"}
    assert json.loads((tmp_path / "aicheck.sarif").read_text())["version"] == "2.1.0"
    code, out = _bash_step("Run aicheck", tmp_path, {**env, "FAIL_ON": "none", "SARIF_FILE": "a"})
    assert out["exit-code"] == "0"
    code, out = _bash_step("Run aicheck", tmp_path, {**env, "ANSWERS": "nope/*.yaml"})
    assert out == {"exit-code": "2"}
    for value, expected in [("0", 0), ("1", 1), ("2", 2)]:
        assert _bash_step("Fail when the gate failed", tmp_path, {"CODE": value})[0] == expected


# End to end, with the installed command, in a scratch git repository.


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env=git_env(),
    )


def test_end_to_end_in_a_scratch_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")

    # init: a starter that checks as incomplete.
    result = run_installed(["init", "--system", "Chatbot", "ai/aicheck.yaml"], repo)
    assert result.returncode == 0, result.stderr
    result = run_installed(["check", "ai/aicheck.yaml", "-f", "json"], repo)
    assert result.returncode == 1
    assert json.loads(result.stdout)["systems"][0]["classification"]["tier"] == "incomplete"
    assert run_installed(["init", "ai/aicheck.yaml"], repo).returncode == 2

    # A real answers file, committed; the config file gates at critical.
    shutil.copy(EXAMPLES / "cv-screening" / "aicheck.yaml", repo / "ai" / "aicheck.yaml")
    shutil.copytree(EXAMPLES / "cv-screening" / "docs", repo / "ai" / "docs")
    (repo / ".aicheck.toml").write_text('answers = ["ai/*.yaml"]\nfail-on = "critical"\n')
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "answers")
    assert run_installed(["check", "--as-of", "2026-11-27"], repo).returncode == 0
    config = run_installed(["config"], repo)
    assert "critical" in config.stdout and ".aicheck.toml" in config.stdout

    # Baseline round trip at the strictest gate.
    strict = ["--as-of", "2026-11-27", "--fail-on", "low"]
    assert run_installed(["check", *strict], repo).returncode == 1
    written = run_installed(["check", *strict, "--write-baseline", "aicheck-baseline.json"], repo)
    assert written.returncode == 0, written.stderr
    assert (
        run_installed(["check", *strict, "--baseline", "aicheck-baseline.json"], repo).returncode
        == 0
    )

    # A change: one control slips from implemented to planned.
    answers = repo / "ai" / "aicheck.yaml"
    answers.write_text(
        answers.read_text().replace(
            "    art-12:\n      status: implemented", "    art-12:\n      status: planned"
        )
    )
    result = run_installed(["check", *strict, "--baseline", "aicheck-baseline.json"], repo)
    assert result.returncode == 1
    assert "findings suppressed" in result.stderr
    diff = run_installed(
        ["diff", "--git", "HEAD", "ai/aicheck.yaml", "--as-of", "2026-11-27", "-f", "markdown"],
        repo,
    )
    assert diff.returncode == 0, diff.stderr
    assert "#### New gaps (1)" in diff.stdout and "eu-ai-act/art-12" in diff.stdout

    # pre-commit: the manifest's hook, run on the commit's files (a local hook with the
    # same entry and file pattern, so no network is needed to build the hook's env).
    hook = _hook()
    local = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": hook["id"],
                        "name": hook["name"],
                        "entry": installed_aicheck() + hook["entry"].removeprefix("aicheck"),
                        "language": "system",
                        "files": hook["files"],
                        "types": hook["types"],
                        "pass_filenames": hook["pass_filenames"],
                    }
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local))
    _git(repo, "add", ".")
    env = git_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1")
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "ai/aicheck.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    # Gate at critical (the config): the slipped control is not yet in force, so it passes.
    assert run.returncode == 0, run.stdout + run.stderr
    assert "aicheck" in run.stdout and "Passed" in run.stdout
    (repo / ".aicheck.toml").write_text('answers = ["ai/*.yaml"]\nfail-on = "low"\n')
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "ai/aicheck.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert run.returncode == 1 and "Failed" in run.stdout
