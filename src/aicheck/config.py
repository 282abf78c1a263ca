"""The project config file, `.aicheck.toml`: defaults for one repository's checks.

Found by walking up from the working folder to the repository root (the first folder that
holds `.git`), so every command run anywhere in the repository sees the same settings.
Precedence for each setting: the command-line flag, then the config file, then the built-in
default.  Paths and globs in the file are relative to the folder that holds it.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aicheck.catalog.locate import ENV_PATH
from aicheck.errors import AicheckError
from aicheck.models.severity import DEFAULT_THRESHOLD, THRESHOLDS, Threshold
from aicheck.suggest import closest

CONFIG_NAME = ".aicheck.toml"
DEFAULT_REVIEW_DAYS = 365
KEYS = ("frameworks", "fail-on", "answers", "review-days", "frameworks-dir")

# Where a value came from, as `aicheck config` shows it.
FROM_FLAG = "flag"
FROM_DEFAULT = "default"


@dataclass(frozen=True)
class ProjectConfig:
    """What the config file sets; None for a key it leaves out."""

    path: Path
    frameworks: tuple[str, ...] | None = None
    fail_on: Threshold | None = None
    answers: tuple[str, ...] | None = None
    review_days: int | None = None
    frameworks_dir: tuple[Path, ...] | None = None

    @property
    def folder(self) -> Path:
        return self.path.parent


def find_config(start: Path) -> Path | None:
    """The nearest `.aicheck.toml` from ``start`` up to the repository root, if any."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
        if (candidate / ".git").exists():
            return None
    return None


def load_config(path: Path) -> ProjectConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AicheckError("not UTF-8 text", path=path) from None
    except OSError as exc:
        raise AicheckError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return parse_config(text, path)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_config(text: str, path: Path) -> ProjectConfig:
    import tomllib  # only when a config file exists

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = column = None
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            message = message[: found.start()]
        raise AicheckError(
            f"invalid TOML: {message}", path=path, line=line, column=column
        ) from None
    for key in data:
        if key not in KEYS:
            hint = f"known keys: {', '.join(KEYS)}"
            close = _close_key(key)
            if close:
                hint = f"did you mean {close!r}?"
            raise AicheckError(
                f"unknown key {key!r}", path=path, line=_line_of(text, key), hint=hint
            )

    def fail(key: str, message: str) -> AicheckError:
        return AicheckError(f"{key}: {message}", path=path, line=_line_of(text, key))

    frameworks = _strings(data, "frameworks", fail)
    answers = _strings(data, "answers", fail)
    dirs = _strings(data, "frameworks-dir", fail, single_ok=True)
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in THRESHOLDS:
        raise fail("fail-on", f"must be one of {', '.join(THRESHOLDS)}, not {fail_on!r}")
    review_days = data.get("review-days")
    if review_days is not None and (
        isinstance(review_days, bool) or not isinstance(review_days, int) or review_days < 1
    ):
        raise fail("review-days", f"must be a whole number of days, 1 or more, not {review_days!r}")
    return ProjectConfig(
        path=path,
        frameworks=frameworks,
        fail_on=fail_on,
        answers=answers,
        review_days=review_days,
        frameworks_dir=None if dirs is None else tuple(path.parent / d for d in dirs),
    )


def _strings(
    data: dict[str, Any], key: str, fail: Any, *, single_ok: bool = False
) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if single_ok and isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(key, "must be a list of non-empty strings")
    return tuple(value)


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(
        rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[=.]"""
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    table = re.compile(rf"""^\s*\[+\s*(?:{re.escape(key)}|"{re.escape(key)}")\s*[\].]""")
    for number, line in enumerate(text.splitlines(), start=1):
        if table.match(line):
            return number
    return None


def _close_key(key: str) -> str | None:
    normal = key.replace("_", "-")
    return normal if normal in KEYS else closest(normal, KEYS)


DEFAULT_ANSWERS = Path("aicheck.yaml")


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # FROM_FLAG, FROM_DEFAULT, or the config file's path


@dataclass(frozen=True)
class Effective:
    """The settings a command runs with, and where each came from."""

    config: ProjectConfig | None
    frameworks: Setting
    fail_on: Setting
    answers: Setting
    review_days: Setting
    frameworks_dir: Setting
    answers_given: tuple[Path, ...] = field(default=())

    def settings(self) -> dict[str, Setting]:
        found = {
            "frameworks": self.frameworks,
            "fail-on": self.fail_on,
            "answers": self.answers,
            "review-days": self.review_days,
            "frameworks-dir": self.frameworks_dir,
        }
        # Read by the catalog loader itself (catalog/locate.py), before these folders.
        env = os.environ.get(ENV_PATH, "")
        if env:
            folders = tuple(Path(p) for p in env.split(os.pathsep) if p)
            found["frameworks-path"] = Setting(folders, f"environment {ENV_PATH}")
        return found

    def answer_files(self) -> list[Path]:
        """The answers files to check: those named on the command line, else the config's
        globs expanded (sorted, each file once), else aicheck.yaml in the current folder
        (where init and assess put it), else a usage error."""
        if self.answers.source == FROM_FLAG:
            return list(self.answers_given)
        if self.config is None or self.config.answers is None:
            if DEFAULT_ANSWERS.is_file():
                return [DEFAULT_ANSWERS]
            raise AicheckError(
                f"no answers files given and no {DEFAULT_ANSWERS} here",
                hint=f"name them, or set answers = [...] in {CONFIG_NAME}",
            )
        return expand_globs(self.config.answers, self.config.folder, self.config.path)


def expand_globs(patterns: Sequence[str], folder: Path, config_path: Path) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(folder / pattern)
        for match in sorted(glob.glob(full, recursive=True)):  # noqa: PTH207 - absolute globs
            path = Path(match)
            if path.is_file():
                found[_relative_to_cwd(path)] = None
    if not found:
        raise AicheckError(
            f"answers globs {list(patterns)} match no file",
            path=config_path,
            hint="paths are relative to the config file's folder",
        )
    return list(found)


def _relative_to_cwd(path: Path) -> Path:
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path


def resolve(
    cwd: Path,
    *,
    frameworks: Sequence[str] | None = None,
    fail_on: Threshold | None = None,
    answers: Sequence[Path] | None = None,
    review_days: int | None = None,
    frameworks_dir: Sequence[Path] | None = None,
) -> Effective:
    """Apply flag > config file > default to each setting.  An empty flag list counts as
    not given (typer passes None or [] for a repeatable option left out)."""
    found = find_config(cwd)
    config = None if found is None else load_config(found)
    origin = "" if config is None else str(config.path)

    def pick(flag: Any, configured: Any, default: Any) -> Setting:
        if flag is not None and flag != [] and flag != ():
            return Setting(flag, FROM_FLAG)
        if configured is not None:
            return Setting(configured, origin)
        return Setting(default, FROM_DEFAULT)

    return Effective(
        config=config,
        frameworks=pick(
            None if frameworks is None else tuple(frameworks),
            None if config is None else config.frameworks,
            (),
        ),
        fail_on=pick(fail_on, None if config is None else config.fail_on, DEFAULT_THRESHOLD),
        answers=pick(
            None if answers is None else tuple(answers),
            None if config is None else config.answers,
            (),
        ),
        review_days=pick(
            review_days, None if config is None else config.review_days, DEFAULT_REVIEW_DAYS
        ),
        frameworks_dir=pick(
            None if frameworks_dir is None else tuple(frameworks_dir),
            None if config is None else config.frameworks_dir,
            (),
        ),
        answers_given=tuple(answers or ()),
    )


def frameworks_dirs(flag: Sequence[Path] | None) -> list[Path]:
    """--frameworks-dir, else the config file's frameworks-dir, else none."""
    return list(resolve(Path.cwd(), frameworks_dir=flag).frameworks_dir.value)
