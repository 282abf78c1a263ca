"""`aicheck diff OLD NEW` and `aicheck diff --git REV FILE`: what a change does to the gaps."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from aicheck.answers.evidence import evidence_states
from aicheck.answers.load import answers_from_document
from aicheck.catalog.library import Library
from aicheck.cli.output import emit, note
from aicheck.diff import diff_systems
from aicheck.engine.evaluate import assess
from aicheck.errors import EXIT_GATE_FAILED, EXIT_OK, AicheckError
from aicheck.gate import evaluate_diff
from aicheck.models.report import SystemReport
from aicheck.models.settings import RunSettings
from aicheck.render.formats import DIFF_RENDERERS, DiffFormat
from aicheck.service import check_files, display_path, library_for
from aicheck.yamlio import max_bytes_from_env, parse


def run(
    settings: RunSettings,
    paths: list[Path],
    *,
    git_rev: str | None,
    output_format: DiffFormat,
    output: Path | None,
) -> int:
    if git_rev is not None and len(paths) != 1:
        raise AicheckError(
            "with --git REV name exactly one answers file: aicheck diff --git REV FILE"
        )
    if git_rev is None and len(paths) != 2:
        raise AicheckError("name two answers files (OLD NEW), or use --git REV FILE")
    library = library_for(settings)
    if git_rev is None:
        old, new = check_files(paths, settings, library).systems
    else:
        new = check_files(paths, settings, library).systems[0]
        text = git_show(git_rev, paths[0])
        if text is None:
            note(f"aicheck: {display_path(paths[0])} does not exist in {git_rev}; all of it is new")
            old = empty_like(new, f"{git_rev}:{display_path(paths[0])}")
        else:
            old = report_for_text(text, paths[0], git_rev, settings, library)
    result = diff_systems(old, new)
    emit(DIFF_RENDERERS[output_format]([result]), output)
    return EXIT_GATE_FAILED if evaluate_diff([result], settings.fail_on).failed else EXIT_OK


def empty_like(new: SystemReport, source: str) -> SystemReport:
    return SystemReport(
        source=source,
        system=new.system,
        frameworks=(),
        classification=None,
        coverage=(),
        controls=(),
        findings=(),
        deadlines=(),
        waivers=(),
    )


def report_for_text(
    text: str, path: Path, rev: str, settings: RunSettings, library: Library
) -> SystemReport:
    """Assess an old version of ``path``.  Evidence paths are checked against today's
    files beside it: the old commit's tree is not checked out."""
    source = f"{rev}:{display_path(path)}"
    loaded = answers_from_document(parse(text, Path(source)), library)
    report = assess(
        library,
        loaded.answers,
        settings,
        source=source,
        evidence=evidence_states(loaded.answers, path),
    )
    located = tuple(
        f.replace(line=loaded.document.line_of(f.location)) if f.location else f
        for f in report.findings
    )
    return report.replace(findings=located)


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
    shown = _git(folder, "cat-file", "blob", spec)
    if shown.returncode != 0:
        detail = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AicheckError(f"git cat-file failed: {detail[-1] if detail else shown.returncode}")
    data = shown.stdout
    limit = max_bytes_from_env()
    if len(data) > limit:
        raise AicheckError(
            f"{rev}:{display_path(path)}: file is larger than {limit} bytes",
            hint="raise AICHECK_MAX_FILE_BYTES if this is intended",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AicheckError(f"{rev}:{display_path(path)}: not UTF-8 text") from None


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
