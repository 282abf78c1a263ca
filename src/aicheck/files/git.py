"""Git facts about an answers file: its content at a revision (`aicheck diff --git REV
FILE`) and the commit it was last changed in (the sign-off report)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from aicheck.errors import AicheckError
from aicheck.files.paths import display_path
from aicheck.files.reading import max_file_bytes, too_big


def git_show(rev: str, path: Path) -> str | None:
    """The file's content at ``rev``; None when the file did not exist there."""
    if rev.startswith("-"):
        raise AicheckError(f"--git: {rev!r} is not a revision")
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise AicheckError("folder not found", path=folder)
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise AicheckError(
            "not inside a git repository",
            path=folder,
            hint="--git needs the file in a git work tree",
        )
    commit = _git(
        folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    if commit.returncode != 0:
        raise AicheckError(f"--git: unknown revision {rev!r}")
    sha = commit.stdout.decode("ascii", "replace").strip()
    spec = f"{sha}:./{path.name}"
    exists = _git(folder, "cat-file", "-e", spec)
    if exists.returncode != 0:
        return None
    where = f"{rev}:{display_path(path)}"
    limit = max_file_bytes()
    # The size first: git would otherwise hand over a blob of any size in one piece.
    size = _git(folder, "cat-file", "-s", spec)
    if size.returncode != 0 or not size.stdout.strip().isdigit():
        raise _failed(size)
    if int(size.stdout) > limit:
        raise too_big(where, limit, int(size.stdout))
    shown = _git(folder, "cat-file", "blob", spec)
    if shown.returncode != 0:
        raise _failed(shown)
    data = shown.stdout
    if len(data) > limit:  # replaced between the two calls
        raise too_big(where, limit, None)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AicheckError(f"{where}: not UTF-8 text") from None


def _failed(run: subprocess.CompletedProcess[bytes]) -> AicheckError:
    detail = run.stderr.decode("utf-8", "replace").strip().splitlines()
    return AicheckError(f"git cat-file failed: {detail[-1] if detail else run.returncode}")


def file_commit(path: Path) -> tuple[bool, str | None, bool | None]:
    """(inside a work tree, the last commit that changed the file, whether the file has
    changes not committed); the commit is None for a file never committed, and both are
    None outside a repository or without git."""
    folder = path.parent if str(path.parent) else Path()
    try:
        inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    except AicheckError:
        return False, None, None
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        return False, None, None
    name = f"./{path.name}"
    last = _git(folder, "log", "-1", "--format=%H", "--end-of-options", "HEAD", "--", name)
    commit = None
    if last.returncode == 0:
        commit = last.stdout.decode("ascii", "replace").strip() or None
    status = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", name)
    dirty = None if status.returncode != 0 else bool(status.stdout.strip())
    return True, commit, dirty


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=60,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise AicheckError("git is not installed", hint="--git needs git on PATH") from None
    except subprocess.TimeoutExpired:
        raise AicheckError("git did not answer within 60 seconds") from None
