"""`aicheck diff`: the pure comparison, its renderings, and the command with and without git."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from aicheck.gate.diff import diff_systems
from aicheck.models.settings import RunSettings
from aicheck.service import check_files
from tests.conftest import AS_OF, EXAMPLES
from tests.helpers import git_env, invoke

CV = EXAMPLES / "cv-screening" / "aicheck.yaml"
DATE = ["--as-of", AS_OF.isoformat()]


def _report(path: Path, library):  # type: ignore[no-untyped-def]
    return check_files([path], RunSettings(as_of=AS_OF), library).systems[0]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(CV.parent, tmp_path / "old")
    shutil.copytree(CV.parent, tmp_path / "new")
    return tmp_path / "old" / "aicheck.yaml", tmp_path / "new" / "aicheck.yaml"


def test_same_file_is_unchanged(library) -> None:  # type: ignore[no-untyped-def]
    report = _report(CV, library)
    assert diff_systems(report, report).unchanged
    assert "no change" in invoke(["diff", str(CV), str(CV), *DATE]).stdout


def test_closing_and_opening_gaps(pair: tuple[Path, Path], library) -> None:  # type: ignore[no-untyped-def]
    old, new = pair
    text = old.read_text()
    new.write_text(
        text.replace(
            "    art-10:\n      status: planned", "    art-10:\n      status: implemented"
        ).replace("    art-12:\n      status: implemented", "    art-12:\n      status: planned")
    )
    result = diff_systems(_report(old, library), _report(new, library))
    assert result.new_findings and result.closed_findings
    assert not result.classification_changes
    # Adding comments moves lines but changes nothing.
    new.write_text("# moved\n" + text)
    assert diff_systems(_report(old, library), _report(new, library)).unchanged


def test_classification_and_deadline_changes(pair: tuple[Path, Path]) -> None:
    old, new = pair
    text = old.read_text()
    assert "    annex_iii_area_4: true" in text
    # No longer an employment system: out of Annex III, high-risk deadlines go away.
    changed = text.replace("    annex_iii_area_4: true", "    annex_iii_area_4: false")
    new.write_text(changed)
    result = invoke(["diff", str(old), str(new), *DATE, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    diff = json.loads(result.stdout)["diffs"][0]
    fields = {c["field"]: c for c in diff["classification_changes"]}
    assert fields["tier"]["old"] == "high_risk"
    assert fields["tier"]["new"] != "high_risk"
    assert any(c["new"] is None for c in diff["deadline_changes"])
    # The high-risk gaps went away because they stopped applying, not because they were
    # closed: a reviewer must see them apart.
    dropped = {f["rule"] for f in diff["dropped_findings"]}
    assert {"eu-ai-act/art-10", "eu-ai-act/art-11"} <= dropped
    assert not dropped & {f["rule"] for f in diff["closed_findings"]}
    text = invoke(["diff", str(old), str(new), *DATE])
    assert f"No longer apply ({len(diff['dropped_findings'])}), because the classification" in (
        text.stdout
    )


def test_text_and_markdown(pair: tuple[Path, Path]) -> None:
    old, new = pair
    new.write_text(
        old.read_text().replace("      status: implemented\n", "      status: planned\n")
    )
    text = invoke(["diff", str(old), str(new), *DATE]).stdout
    assert text.splitlines()[0].endswith(f"{old.as_posix()} -> {new.as_posix()}")
    assert "New gaps (" in text
    md = invoke(["diff", str(old), str(new), *DATE, "--format", "markdown"]).stdout
    assert md.startswith("<!-- aicheck-diff -->\n### aicheck: TalentSift CV ranking")
    assert "#### New gaps (" in md
    assert "| severity | rule | finding | line |" in md


def test_fail_on_new_gaps(pair: tuple[Path, Path]) -> None:
    old, new = pair
    new.write_text(
        old.read_text().replace("      status: implemented\n", "      status: planned\n")
    )
    # Art. 12 planned, applying after the lead time: a new low gap, medium with a longer one.
    assert invoke(["diff", str(old), str(new), *DATE, "--fail-on", "low"]).exit_code == 1
    assert invoke(["diff", str(old), str(new), *DATE, "--fail-on", "medium"]).exit_code == 0
    longer = ["--lead-time", "13", "--fail-on", "medium"]
    assert invoke(["diff", str(old), str(new), *DATE, *longer]).exit_code == 1
    assert invoke(["diff", str(old), str(new), *DATE, "--fail-on", "critical"]).exit_code == 0
    assert invoke(["diff", str(new), str(old), *DATE, "--fail-on", "low"]).exit_code == 0


def test_argument_count_is_checked() -> None:
    result = invoke(["diff", str(CV)])
    assert result.exit_code == 2
    assert "name two answers files (OLD NEW), or use --git REV FILE" in result.stderr
    result = invoke(["diff", "--git", "HEAD", str(CV), str(CV)])
    assert result.exit_code == 2


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env=git_env(),
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(CV.parent, repo / "ai")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    return repo


def test_scratch_repositories_ignore_the_outer_git_operation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As under `git rebase --exec 'pytest'`: git names the repository being rebased.
    outer = tmp_path / "outer"
    outer.mkdir()
    _git(outer, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(outer / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(outer))
    monkeypatch.setenv("GIT_INDEX_FILE", str(outer / ".git" / "index"))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    _git(scratch, "init", "-q")
    assert (scratch / ".git").is_dir()
    config = (outer / ".git" / "config").read_text()
    assert "bare = false" in config and "worktree" not in config


def test_git_revision(repo: Path) -> None:
    answers = repo / "ai" / "aicheck.yaml"
    answers.write_text(
        answers.read_text().replace("      status: implemented\n", "      status: planned\n")
    )
    result = invoke(["diff", "--git", "HEAD", str(answers), *DATE])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(
        f"HEAD:{answers.as_posix()} -> {answers.as_posix()}"
    )
    assert "New gaps (" in result.stdout


def test_git_errors(repo: Path, tmp_path: Path) -> None:
    answers = repo / "ai" / "aicheck.yaml"
    result = invoke(["diff", "--git", "no-such-rev", str(answers)])
    assert result.exit_code == 2
    assert result.stderr == "aicheck: error: --git: unknown revision 'no-such-rev'\n"
    outside = tmp_path / "plain"
    shutil.copytree(CV.parent, outside)
    result = invoke(["diff", "--git", "HEAD", str(outside / "aicheck.yaml")])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_git_file_new_since_revision(repo: Path) -> None:
    added = repo / "ai" / "second.aicheck.yaml"
    shutil.copy(repo / "ai" / "aicheck.yaml", added)
    result = invoke(["diff", "--git", "HEAD", str(added), *DATE])
    assert result.exit_code == 0
    assert "does not exist in HEAD; all of it is new" in result.stderr
    assert "tier: not assessed -> high_risk" in result.stdout


def test_a_gap_partly_closed_is_a_severity_change(pair: tuple[Path, Path], library) -> None:  # type: ignore[no-untyped-def]
    old, new = pair
    text = old.read_text()
    assert "    art-4:\n      status: partial" in text
    # Art. 4 (in force) goes from partly (high) to not at all (critical), and back.
    new.write_text(
        text.replace(
            "    art-4:\n      status: partial", "    art-4:\n      status: not_implemented"
        )
    )
    worse = diff_systems(_report(old, library), _report(new, library))
    assert not worse.new_findings and not worse.closed_findings
    assert [(c.finding.rule, c.old, c.finding.severity) for c in worse.severity_changes] == [
        ("eu-ai-act/art-4", "high", "critical")
    ]
    better = diff_systems(_report(new, library), _report(old, library))
    assert [(c.old, c.finding.severity, c.finding.kind) for c in better.severity_changes] == [
        ("critical", "high", "partial")
    ]
