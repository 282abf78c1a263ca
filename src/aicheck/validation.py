"""Turn pydantic validation errors into AicheckErrors that name file, line and field."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from aicheck.errors import AicheckError
from aicheck.models.base import Identifier
from aicheck.suggest import did_you_mean
from aicheck.yamlio import Document, Path_

_IDENTIFIER_PATTERN = Identifier.__metadata__[0].pattern  # type: ignore[attr-defined]
_IDENTIFIER_RULE = "use letters, digits, '.', '_' and '-', starting with a letter or digit"
_KEY = "[key]"


def dotted(loc: Path_) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def problems_from(
    exc: ValidationError, doc: Document, error_type: type[AicheckError] = AicheckError
) -> list[AicheckError]:
    errors: list[tuple[Path_, dict[str, Any]]] = []
    for raw in exc.errors(include_url=False):
        loc = tuple(p for p in raw["loc"] if isinstance(p, str | int))
        # pydantic names the branch of a union or a validator in the loc; drop those.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        errors.append((_strip_alias(loc), dict(raw)))
    # "at least 1 item after validation" only repeats that an item below was invalid.
    errors = [
        (loc, err)
        for loc, err in errors
        if not (err.get("type") == "too_short" and _has_error_below(loc, errors))
    ]
    missing: dict[Path_, list[str]] = {}
    for loc, err in errors:
        if err.get("type") == "missing" and loc and isinstance(loc[-1], str):
            missing.setdefault(loc[:-1], []).append(loc[-1])
    problems: list[AicheckError] = []
    for loc, err in errors:
        hint = None
        if err.get("type") == "extra_forbidden" and loc and isinstance(loc[-1], str):
            hint = did_you_mean(loc[-1], missing.get(loc[:-1], []), cutoff=0.75)
        line_loc = loc[:-1] if loc and loc[-1] == _KEY else loc
        problems.append(
            error_type(_describe(err, loc), path=doc.path, line=doc.line_of(line_loc), hint=hint)
        )
    return problems


def _has_error_below(loc: Path_, errors: list[tuple[Path_, dict[str, Any]]]) -> bool:
    return any(len(other) > len(loc) and other[: len(loc)] == loc for other, _ in errors)


def _strip_alias(loc: Path_) -> Path_:
    return tuple("not" if p == "not_" else p for p in loc)


def _describe(err: dict[str, Any], loc: Path_) -> str:
    kind = err.get("type")
    msg = str(err.get("msg", "invalid value"))
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == (
        _IDENTIFIER_PATTERN
    ):
        msg = f"not a valid id; {_IDENTIFIER_RULE}"
    if len(loc) >= 2 and loc[-1] == _KEY:
        # A mapping key itself is invalid, e.g. a control id with a space in it.
        return f"{dotted(loc[:-2])}: key {loc[-2]!r}: {msg}"
    field = dotted(loc)
    if kind == "extra_forbidden":
        return f"{field}: unknown key (remove it or check its spelling)"
    if kind == "missing":
        return f"{field}: required key is missing"
    msg = msg.removeprefix("Value error, ")
    given = err.get("input")
    if loc == ("aicheck",) and kind == "literal_error":
        return f"aicheck: format version {given!r} is not supported; this aicheck reads version 1"
    if kind == "literal_error" and isinstance(given, str | int | float | bool):
        return f"{field}: {given!r} is not allowed; {msg.replace('Input should be ', 'use ', 1)}"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return f"{field}: {given!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27"
    return f"{field}: {msg}"
