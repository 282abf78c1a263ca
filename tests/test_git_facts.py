"""GitFacts answers exactly as file_commit does, for many files, with fewer git calls."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from aicheck.files import git as git_module
from aicheck.files.git import GitFacts, file_commit

COMMIT = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]


@pytest.fixture(autouse=True)
def _no_git_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *COMMIT, *args], check=True, capture_output=True)


def _files(tmp_path: Path) -> list[Path]:
    """Answers files in every state git can report, and some outside any repository."""
    repo = tmp_path / "repo"
    names = [
        "clean/aicheck.yaml",
        "edited/aicheck.yaml",
        "staged/aicheck.yaml",
        "renamed/new name é.yaml",
        "deep/er/still/aicheck.yaml",
        "a b/x y.yaml",
    ]
    for name in names:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(f"# {name}\n")
    (repo / "renamed" / "old.yaml").write_text("# old\n")
    (repo / "renamed/new name é.yaml").unlink()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    (repo / "edited/aicheck.yaml").write_text("# changed\n")
    (repo / "staged/aicheck.yaml").write_text("# staged\n")
    _git(repo, "add", "staged/aicheck.yaml")
    _git(repo, "mv", "renamed/old.yaml", "renamed/new name é.yaml")
    untracked = repo / "new" / "aicheck.yaml"
    untracked.parent.mkdir()
    untracked.write_text("# new\n")
    # Renamed in the work tree only, the new name added with -N: git writes the rename
    # in the second column (" R new\0old"), and the old name is a clean-looking path.
    (repo / "clean2").mkdir()
    (repo / "clean2" / "moved.yaml").write_text("# moved\n")
    _git(repo, "add", "clean2/moved.yaml")
    _git(repo, "commit", "-qm", "second")
    (repo / "clean2" / "moved.yaml").rename(repo / "clean2" / "moved away.yaml")
    _git(repo, "add", "-N", "clean2/moved away.yaml")
    inside_git = repo / ".git" / "aicheck.yaml"
    inside_git.write_text("# inside .git\n")
    # A repository whose work tree is elsewhere (core.worktree): git does not place the
    # files beside its .git in it.
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    _git(other, "config", "core.worktree", str(tmp_path / "elsewhere"))
    (tmp_path / "elsewhere").mkdir()
    (other / "aicheck.yaml").write_text("# other\n")
    # A folder with a .git that is no repository: git looks further up.
    bogus = repo / "bogus"
    (bogus / ".git").mkdir(parents=True)
    (bogus / "aicheck.yaml").write_text("# bogus\n")
    outside = tmp_path / "outside" / "aicheck.yaml"
    outside.parent.mkdir()
    outside.write_text("# outside\n")
    fake = tmp_path / "fake"
    (fake / ".git").mkdir(parents=True)
    (fake / "aicheck.yaml").write_text("# fake\n")
    return [
        *(repo / name for name in names),
        repo / "renamed" / "old.yaml",  # gone from disk, still asked about
        untracked,
        repo / "clean2" / "moved.yaml",
        repo / "clean2" / "moved away.yaml",
        inside_git,
        other / "aicheck.yaml",
        bogus / "aicheck.yaml",
        outside,
        fake / "aicheck.yaml",
    ]


def test_the_same_answers_as_one_file_at_a_time(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    expected = [file_commit(p) for p in paths]
    facts = GitFacts()
    assert [facts.of(p) for p in paths] == expected
    # The cases are real: clean and changed files, untracked ones, and no repository.
    assert {e[2] for e in expected} == {False, True, None}
    assert expected[0][1] is not None and expected[0][2] is False
    assert expected[-1] == expected[-2] == (False, None, None)


def test_a_path_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _files(tmp_path)
    monkeypatch.chdir(tmp_path / "repo" / "edited")
    assert (
        GitFacts().of(Path("aicheck.yaml"))
        == file_commit(paths[1])
        == file_commit(Path("aicheck.yaml"))
    )


@pytest.fixture
def git_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The arguments of every git call made from here on."""
    calls: list[tuple[str, ...]] = []
    real = git_module._git

    def counted(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real(folder, *args)

    monkeypatch.setattr(git_module, "_git", counted)
    return calls


def test_a_repository_is_asked_once_and_a_file_once(
    tmp_path: Path, git_calls: list[tuple[str, ...]]
) -> None:
    paths = _files(tmp_path)
    git_calls.clear()  # setting the repository up made none through aicheck, but be sure
    facts = GitFacts()
    for path in paths:
        facts.of(path)
    asked = [args[0] for args in git_calls]
    # A log per file in the work tree (not the one inside .git, nor those of the other
    # repository, the fake .git and outside); one status; the top level of each .git
    # found (the repository, its bogus .git, the other, the fake), then file_commit's
    # own for the two asked about alone: the file inside .git, and the one beside the
    # other repository, whose work tree is elsewhere (both stop at that rev-parse).
    assert asked.count("log") == len(paths) - 4
    assert asked.count("status") == 1
    assert asked.count("rev-parse") == 4 + 2


def test_a_few_files_are_asked_about_one_at_a_time(
    tmp_path: Path, git_calls: list[tuple[str, ...]]
) -> None:
    """A report of one file must not wait for a git status of a whole large work tree."""
    paths = _files(tmp_path)[:3]
    expected = [file_commit(p) for p in paths]
    git_calls.clear()
    facts = GitFacts(files=len(paths))
    assert [facts.of(p) for p in paths] == expected
    statuses = [args for args in git_calls if args[0] == "status"]
    assert len(statuses) == len(paths) and all(a[-1].startswith("./") for a in statuses)
