"""The settings a command runs with: flags, then `.aicheck.toml`, then the environment,
then the defaults.

The config file is found by walking up from the working folder to the repository root
(the first folder that holds `.git`), so every command run anywhere in the repository
sees the same settings.  Paths and globs in the file are relative to the folder that
holds it.  What the settings are, and how each is read, is declared once in
:mod:`aicheck.models.settings`; this module only applies the precedence.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aicheck.errors import AicheckError
from aicheck.models.settings import FROM_DEFAULT, FROM_FLAG, RunSettings, file_keys, specs
from aicheck.suggest import closest

CONFIG_NAME = ".aicheck.toml"
DEFAULT_ANSWERS = Path("aicheck.yaml")


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


def load_config(path: Path) -> dict[str, Any]:
    """The settings the file sets, by field name of RunSettings."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AicheckError("not UTF-8 text", path=path) from None
    except OSError as exc:
        raise AicheckError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return parse_config(text, path)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_config(text: str, path: Path) -> dict[str, Any]:
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
    keys = file_keys()
    for key in data:
        if key not in keys:
            hint = f"known keys: {', '.join(keys)}"
            close = _close_key(key, keys)
            if close:
                hint = f"did you mean {close!r}?"
            raise AicheckError(
                f"unknown key {key!r}", path=path, line=_line_of(text, key), hint=hint
            )
    found_values: dict[str, Any] = {}
    for name, spec in specs():
        if spec.from_file is None or spec.key not in data:
            continue
        try:
            found_values[name] = spec.from_file(data[spec.key], path.parent)
        except ValueError as exc:
            raise AicheckError(
                f"{spec.key}: {exc}", path=path, line=_line_of(text, spec.key)
            ) from None
    return found_values


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


def _close_key(key: str, keys: Sequence[str]) -> str | None:
    normal = key.replace("_", "-")
    return normal if normal in keys else closest(normal, keys)


def parse_as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AicheckError(f"--as-of must be a date like 2026-08-02, not {value!r}") from None


def resolve(cwd: Path, *, as_of: str | None = None, **flags: Any) -> RunSettings:
    """The settings for a command run in ``cwd``.  ``flags`` are the command-line values
    by field name of RunSettings; None, or an empty list for a repeatable option, means
    the flag was not given."""
    config_file = find_config(cwd)
    configured = {} if config_file is None else load_config(config_file)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, spec in specs():
        flag = flags.pop(name, None)
        env = os.environ.get(spec.env, "") if spec.env is not None else ""
        if flag is not None and flag != [] and flag != ():
            values[name] = tuple(flag) if isinstance(flag, list) else flag
            sources[name] = FROM_FLAG
        elif name in configured:
            values[name] = configured[name]
            sources[name] = str(config_file)
        elif env and spec.from_env is not None:
            values[name] = spec.from_env(env)
            sources[name] = f"environment {spec.env}"
    if flags:
        raise TypeError(f"not settings: {', '.join(sorted(flags))}")
    return RunSettings(as_of=parse_as_of(as_of), config_file=config_file, sources=sources, **values)


def answer_files(settings: RunSettings) -> list[Path]:
    """The answers files to check: those named on the command line, else the config's
    globs expanded (sorted, each file once), else aicheck.yaml in the current folder
    (where init and assess put it), else a usage error."""
    source = settings.source("answers")
    if source == FROM_FLAG:
        return [Path(name) for name in settings.answers]
    if source == FROM_DEFAULT or settings.config_file is None:
        if DEFAULT_ANSWERS.is_file():
            return [DEFAULT_ANSWERS]
        raise AicheckError(
            f"no answers files given and no {DEFAULT_ANSWERS} here",
            hint=f"name them, or set answers = [...] in {CONFIG_NAME}",
        )
    return expand_globs(settings.answers, settings.config_file)


def expand_globs(patterns: Sequence[str], config_path: Path) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(config_path.parent / pattern)
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
