"""'Did you mean ...?' for a misspelt id or key."""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    import difflib  # only on the error path

    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    match = closest(name, choices, cutoff)
    return None if match is None else f"did you mean {match!r}?"
