"""`aicheck config`: the settings in effect and where each comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicheck.models.settings import FROM_DEFAULT, specs
from aicheck.render.escape import terminal

if TYPE_CHECKING:
    from aicheck.models.settings import RunSettings


def listed(settings: RunSettings) -> list[tuple[str, Any, str, str]]:
    """(key, value, how it is shown, source) of each setting the config file can hold,
    and of each one the environment sets."""
    rows = []
    for name, spec in specs():
        source = settings.source(name)
        if spec.from_file is None and source == FROM_DEFAULT:
            continue
        value = getattr(settings, name)
        if isinstance(value, tuple):
            value = [v.as_posix() if isinstance(v, Path) else v for v in value]
            shown = ", ".join(str(v) for v in value) or spec.empty
        else:
            shown = str(value)
        rows.append((spec.key, value, shown, source))
    return rows


def render_text(settings: RunSettings) -> str:
    rows = listed(settings)
    # Values and the config path come from the repository: shown, never run (escapes).
    head = f"config file: {terminal(str(settings.config_file or '(none found)'))}"
    width = max(len(key) for key, *_ in rows)
    lines = [head]
    for key, _, shown, source in rows:
        lines.append(f"{key.ljust(width)}  {terminal(shown)}  ({terminal(source)})")
    return "\n".join(lines)


def render_json(settings: RunSettings) -> str:
    config = settings.config_file
    data = {
        "config_file": None if config is None else str(config),
        "settings": {
            key: {"value": value, "source": source} for key, value, _, source in listed(settings)
        },
    }
    return json.dumps(data, indent=2, sort_keys=True)
