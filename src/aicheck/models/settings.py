"""The settings of one run: typed, frozen, and each value with where it came from.

Each setting is declared once, as a field of :class:`RunSettings`: its type, its default,
and a :class:`Spec` that names its key in `.aicheck.toml` and in `aicheck config`, how a
value written in that file is checked, and the environment variable that may set it.
The config layer (:mod:`aicheck.config`) fills the fields from the command line, the
file, the environment and the defaults, in that order; the engine and the commands read
them.  Adding a setting is a field here plus its flag on the command line.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from aicheck.models.severity import DEFAULT_THRESHOLD, THRESHOLDS, Threshold

DEFAULT_REVIEW_DAYS = 365
DEFAULT_LEAD_TIME_MONTHS = 12

# Where a value came from, as `aicheck config` shows it; otherwise the config file's path
# or "environment NAME".
FROM_FLAG = "flag"
FROM_DEFAULT = "default"


@dataclass(frozen=True)
class Spec:
    """How a setting is named and read outside the code."""

    key: str
    """Its name in `.aicheck.toml`, in `aicheck config` and in messages."""
    from_file: Callable[[object, Path], Any] | None = None
    """Checks and converts a value of the config file (given the file's folder, for
    relative paths); raises ValueError with what is wrong.  None: the file cannot set it."""
    env: str | None = None
    from_env: Callable[[str], Any] | None = None
    empty: str = "(none)"
    """How `aicheck config` shows the setting when it is an empty list."""


def _spec(key: str, **how: Any) -> dict[str, Spec]:
    """Field metadata that makes a RunSettings field a setting."""
    return {"spec": Spec(key, **how)}


def _strings(value: object, folder: Path | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError("must be a list of non-empty strings")
    return tuple(value)


def _folders(value: object, folder: Path) -> tuple[Path, ...]:
    texts = _strings([value] if isinstance(value, str) else value)
    return tuple(folder / text for text in texts)


def _threshold(value: object, folder: Path | None = None) -> Threshold:
    for threshold in THRESHOLDS:
        if value == threshold:
            return threshold
    raise ValueError(f"must be one of {', '.join(THRESHOLDS)}, not {value!r}")


def _days(value: object, folder: Path | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a whole number of days, 1 or more, not {value!r}")
    return value


MAX_LEAD_TIME = 1200
"""A hundred years: any lead time beyond it reaches past the calendar's first year."""


def _months(value: object, folder: Path | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LEAD_TIME:
        raise ValueError(
            f"must be a whole number of months from 0 to {MAX_LEAD_TIME}, not {value!r}"
        )
    return value


def _path_list(value: str) -> tuple[Path, ...]:
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


@dataclass(frozen=True, kw_only=True)
class RunSettings:
    """Everything one run of aicheck is configured with.  Built once per command."""

    as_of: dt.date
    """The day to assess as of (--as-of, else today)."""
    frameworks: tuple[str, ...] = field(
        default=(),
        metadata=_spec(
            "frameworks",
            from_file=_strings,
            empty="(each answers file's list, else the default frameworks)",
        ),
    )
    """Only these frameworks; empty: each answers file's own list, else the defaults."""
    fail_on: Threshold = field(
        default=DEFAULT_THRESHOLD, metadata=_spec("fail-on", from_file=_threshold)
    )
    answers: tuple[str, ...] = field(
        default=(),
        metadata=_spec(
            "answers",
            from_file=_strings,
            empty="(files named on the command line, else aicheck.yaml here)",
        ),
    )
    """Answers files named on the command line, or globs from the config file."""
    review_days: int = field(
        default=DEFAULT_REVIEW_DAYS, metadata=_spec("review-days", from_file=_days)
    )
    lead_time: int = field(
        default=DEFAULT_LEAD_TIME_MONTHS, metadata=_spec("lead-time", from_file=_months)
    )
    """Months before a binding duty applies from which its gaps are graded higher."""
    adopted: tuple[str, ...] = field(default=(), metadata=_spec("adopted", from_file=_strings))
    """Voluntary frameworks the organisation has made its own policy: graded as binding."""
    frameworks_dir: tuple[Path, ...] = field(
        default=(), metadata=_spec("frameworks-dir", from_file=_folders)
    )
    frameworks_path: tuple[Path, ...] = field(
        default=(),
        metadata=_spec("frameworks-path", env="AICHECK_FRAMEWORKS_PATH", from_env=_path_list),
    )
    """Folders of catalogs from the environment, searched before frameworks_dir."""

    config_file: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Field name -> FROM_FLAG, FROM_DEFAULT, the config file's path or the environment."""

    def source(self, name: str) -> str:
        return self.sources.get(name, FROM_DEFAULT)

    @property
    def catalog_dirs(self) -> tuple[Path, ...]:
        """The user's catalog folders, in the order they are searched after the shipped ones."""
        return (*self.frameworks_path, *self.frameworks_dir)


def specs() -> Iterator[tuple[str, Spec]]:
    """(field name, spec) of every setting, in declaration order."""
    for f in fields(RunSettings):
        spec = f.metadata.get("spec")
        if spec is not None:
            yield f.name, spec


def file_keys() -> tuple[str, ...]:
    """The keys `.aicheck.toml` may hold."""
    return tuple(spec.key for _, spec in specs() if spec.from_file is not None)
