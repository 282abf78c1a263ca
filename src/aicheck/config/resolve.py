"""The settings a command runs with: flags, then `.aicheck.toml`, then the environment,
then the defaults.

What the settings are, and how each is read, is declared once in
:mod:`aicheck.models.settings`; this module only applies the precedence.  Paths and
globs in the config file are relative to the folder that holds it.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aicheck.config.project_file import CONFIG_NAME, find_config, load_config
from aicheck.errors import AicheckError
from aicheck.models.settings import FROM_DEFAULT, FROM_FLAG, RunSettings, specs

DEFAULT_ANSWERS = Path("aicheck.yaml")


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


def refuse_writing_inputs(
    settings: RunSettings,
    outputs: Sequence[tuple[str, Path | None]],
    *inputs: Path | None,
    output: Path | None,
) -> None:
    """Before anything is written: no output of the command may be one of its inputs
    (those named, the config file and every catalog file in use)."""
    from aicheck.catalog.locate import all_catalog_files
    from aicheck.files.outputs import refuse_inputs, writes_stdout

    files = [path for path in inputs if path is not None]
    if settings.config_file is not None:
        files.append(settings.config_file)
    files += all_catalog_files(settings.catalog_dirs)
    refuse_inputs([("--output", output), *outputs], files, stdout=writes_stdout(output))
