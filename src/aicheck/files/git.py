"""Git facts about an answers file: its content at a revision (`aicheck diff --git REV
FILE`) and the commit it was last changed in (the sign-off report)."""

from __future__ import annotations

import os
import subprocess
import sys
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
    status = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", name)
    dirty = None if status.returncode != 0 else bool(status.stdout.strip())
    return True, _last_commit(folder, path.name), dirty


def _last_commit(folder: Path, name: str) -> str | None:
    """The last commit that changed ``folder/name``; None when it was never committed."""
    last = _git(folder, "log", "-1", "--format=%H", "--end-of-options", "HEAD", "--", f"./{name}")
    if last.returncode != 0:
        return None
    return last.stdout.decode("ascii", "replace").strip() or None


# Variables that change where git looks for a repository: with any of them set, the
# repository of a folder is git's to find, file by file.
_DISCOVERY = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
)
BATCH_FROM = 20
"""Files in a run from which git status is asked once per repository: below it, once per
file, so one report in a large work tree does not wait for a status of all of it."""


class GitFacts:
    """:func:`file_commit` for the many files of one run, asking git once per repository
    what it can: whether the folder is in a work tree and which files have changes not
    committed.  Only each file's last commit takes a call of its own, so a thousand files
    in one repository cost about a thousand git calls instead of three thousand, and files
    outside any repository cost none.  The answers are those of :func:`file_commit`.

    Whenever the batched answer could differ from git's own, the file is asked about on
    its own: a run of fewer than ``BATCH_FROM`` files, a GIT_DIR-style variable, a
    platform whose file names may differ from git's in case or Unicode form (only Linux
    compares names byte for byte, as git does), and a file git would not place under
    the repository found (inside ``.git``, another work tree, another file system)."""

    def __init__(self, files: int = BATCH_FROM) -> None:
        self._batched = files >= BATCH_FROM and sys.platform.startswith("linux")
        self._top: dict[Path, Path | None] = {}
        self._dirty: dict[Path, frozenset[str] | None] = {}

    def of(self, path: Path) -> tuple[bool, str | None, bool | None]:
        if not self._batched or any(name in os.environ for name in _DISCOVERY):
            return file_commit(path)
        folder = Path(os.path.realpath(path.parent if str(path.parent) else Path()))
        marker = _nearest_repository(folder)
        if marker is None:
            return False, None, None
        top = self._toplevel(marker)
        if top is None:
            return False, None, None
        try:
            inside = (folder / path.name).relative_to(top)
        except ValueError:  # a work tree elsewhere (core.worktree)
            return file_commit(path)
        if ".git" in inside.parts:
            return file_commit(path)
        commit = _last_commit(folder, path.name)
        dirty = self._changed(top)
        return True, commit, None if dirty is None else inside.as_posix() in dirty

    def _toplevel(self, marker: Path) -> Path | None:
        if marker not in self._top:
            try:
                shown = _git(marker, "rev-parse", "--show-toplevel")
            except AicheckError:  # git is not installed
                shown = None
            top = None
            if shown is not None and shown.returncode == 0:
                top = Path(os.path.realpath(os.fsdecode(shown.stdout.rstrip(b"\n"))))
            self._top[marker] = top
        return self._top[marker]

    def _changed(self, top: Path) -> frozenset[str] | None:
        """The paths (relative to ``top``) that ``git status`` lists: changed, staged,
        untracked, or either side of a rename."""
        if top not in self._dirty:
            status = _git(top, "status", "--porcelain", "-z", "--untracked-files=all")
            self._dirty[top] = None if status.returncode else _status_paths(status.stdout)
        return self._dirty[top]


def _nearest_repository(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding a ``.git``, looking no further
    than git does: not past the file system ``folder`` is on."""
    try:
        device = folder.stat().st_dev
        for candidate in (folder, *folder.parents):
            if candidate.stat().st_dev != device:
                return None
            if (candidate / ".git").exists():
                return candidate
    except OSError:
        return None
    return None


def _status_paths(porcelain: bytes) -> frozenset[str]:
    """The paths of ``git status --porcelain -z``: each entry is ``XY PATH``, and a rename
    or copy (``R`` or ``C`` in either column) is followed by the path it came from."""
    fields = iter(porcelain.split(b"\0"))
    paths = set()
    for entry in fields:
        if not entry:
            continue
        paths.add(os.fsdecode(entry[3:]))
        if entry[:1] in (b"R", b"C") or entry[1:2] in (b"R", b"C"):
            paths.add(os.fsdecode(next(fields, b"")))
    return frozenset(paths)


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
