"""`aicheck config`: the settings in effect and where each comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aicheck.config import Effective

_EMPTY = {
    "frameworks": "(each answers file's list, else the default frameworks)",
    "answers": "(files named on the command line, else aicheck.yaml here)",
}


def describe(effective: Effective) -> list[tuple[str, str, str]]:
    """(key, value, source) rows."""
    rows = []
    for key, setting in effective.settings().items():
        value = setting.value
        if isinstance(value, tuple | list):
            shown = ", ".join(v.as_posix() if isinstance(v, Path) else str(v) for v in value)
            shown = shown or _EMPTY.get(key, "(none)")
        else:
            shown = str(value)
        rows.append((key, shown, setting.source))
    return rows


def render_text(effective: Effective) -> str:
    rows = describe(effective)
    config = effective.config
    head = f"config file: {config.path if config else '(none found)'}"
    width = max(len(key) for key, _, _ in rows)
    lines = [head]
    for key, shown, source in rows:
        lines.append(f"{key.ljust(width)}  {shown}  ({source})")
    return "\n".join(lines)


def render_json(effective: Effective) -> str:
    config = effective.config
    data = {
        "config_file": None if config is None else str(config.path),
        "settings": {
            key: {
                "value": [v.as_posix() if isinstance(v, Path) else v for v in setting.value]
                if isinstance(setting.value, tuple | list)
                else setting.value,
                "source": setting.source,
            }
            for key, setting in effective.settings().items()
        },
    }
    return json.dumps(data, indent=2, sort_keys=True)
