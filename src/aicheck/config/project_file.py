"""The project config file, `.aicheck.toml`: found, read and checked.

Found by walking up from the working folder to the repository root (the first folder that
holds `.git`), so every command run anywhere in the repository sees the same settings.
Which keys it may hold, and how each value is checked, is declared with the settings
themselves (:mod:`aicheck.models.settings`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aicheck.errors import AicheckError
from aicheck.files.reading import read_text
from aicheck.models.settings import file_keys, specs
from aicheck.suggest import closest

CONFIG_NAME = ".aicheck.toml"


def find_config(start: Path) -> Path | None:
    """The nearest `.aicheck.toml` from ``start`` up to the repository root, if any."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if os.path.lexists(path):  # a pipe or a broken link is refused when read, not skipped
            return path
        if (candidate / ".git").exists():
            return None
    return None


def load_config(path: Path) -> dict[str, Any]:
    """The settings the file sets, by field name of RunSettings."""
    return parse_config(read_text(path, kind="TOML"), path)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_config(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # only when a config file exists

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise AicheckError("invalid TOML: nested too deeply", path=path) from None
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
    except ValueError:  # not a TOMLDecodeError: an integer of over 4,300 digits
        raise AicheckError("invalid TOML: a number too large", path=path) from None
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
