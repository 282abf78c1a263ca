"""Turn pydantic validation errors into AicheckErrors that name file, line and field.

Messages speak of text, lists, mappings, numbers and dates as they are written in YAML;
pydantic's own wording ("Input should be a valid tuple"), Python types and model class
names never reach the user.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from aicheck.errors import AicheckError
from aicheck.files.yamlio import Document, Path_
from aicheck.models.answers import STATUSES
from aicheck.models.base import Identifier
from aicheck.suggest import closest

_IDENTIFIER_PATTERN = Identifier.__metadata__[0].pattern  # type: ignore[attr-defined]
_IDENTIFIER_RULE = "use letters, digits, '.', '_' and '-', starting with a letter or digit"
_KEY = "[key]"
DATE_FORMAT = "write it as YYYY-MM-DD, e.g. 2026-11-27"
_URL = "https://example.com/policy"
_UNION = "aicheck_union"  # no branch of a union took the value; made by _merge_union_branches
# pydantic names the branch of a union such as `bool | int | str | list[str]` in the loc.
_BRANCHES = {
    "bool": "true/false",
    "int": "a number",
    "float": "a number",
    "str": "text",
    "list[str]": "a list of text",
}

# What a list or a mapping at a place holds; "*" stands for any key, "#" for any index.
_LISTS: dict[Path_, str] = {
    ("frameworks",): "a list of framework ids",
    ("controls", "*", "*", "evidence"): "a list of paths or URLs",
    ("waivers",): "a list of waivers",
}
_MAPPINGS: dict[Path_, str] = {
    ("system",): "a mapping such as {name: CV screening}",
    ("screening",): "a mapping from framework id to screening answers",
    ("screening", "*"): "a mapping from question id to answer",
    ("controls",): "a mapping from framework id to control answers",
    ("controls", "*"): "a mapping from control id to answer",
    ("controls", "*", "*"): "a mapping such as {status: implemented}",
    ("waivers", "#"): "a mapping with control, justification, approver and expires",
}


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
    errors = _merge_union_branches(errors)
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
    # A misspelt key is both unknown and, under its right name, missing: the unknown-key
    # line with its "did you mean" says it all, so the missing-key line is dropped.
    meant: dict[Path_, str] = {}
    for loc, err in errors:
        if err.get("type") == "extra_forbidden" and loc and isinstance(loc[-1], str):
            match = closest(loc[-1], missing.get(loc[:-1], []), cutoff=0.75)
            if match is not None:
                meant[loc] = match
    suggested = {(*loc[:-1], match) for loc, match in meant.items()}
    problems: list[AicheckError] = []
    for loc, err in errors:
        if err.get("type") == "missing" and loc in suggested:
            continue
        hint = f"did you mean {meant[loc]!r}?" if loc in meant else None
        # Positions are recorded by a key's text as written; a key that is not text
        # (1, null) reaches here as a number or as pydantic's str() of it.
        line_loc = (*loc[:-2], _key_text(err, loc)) if loc[-1:] == (_KEY,) else loc
        problems.append(
            error_type(_describe(err, loc), path=doc.path, line=doc.line_of(line_loc), hint=hint)
        )
    return problems


def _merge_union_branches(
    errors: list[tuple[Path_, dict[str, Any]]],
) -> list[tuple[Path_, dict[str, Any]]]:
    """One problem per value that no branch of a union took, instead of one per branch.

    When a branch got past the value's type (a list whose items are wrong), its errors
    are the ones that help, so those are kept without the branch name.
    """
    tried: dict[Path_, list[tuple[str, Path_, dict[str, Any]]]] = {}
    merged: list[tuple[Path_, dict[str, Any] | None]] = []
    branches_at = _branch_names(errors)
    for loc, err in errors:
        at = _branch_at(loc, branches_at)
        if at is None:
            merged.append((loc, err))
            continue
        if loc[:at] not in tried:
            tried[loc[:at]] = []
            merged.append((loc[:at], None))
        tried[loc[:at]].append((str(loc[at]), loc[at + 1 :], err))
    result: list[tuple[Path_, dict[str, Any]]] = []
    for loc, maybe in merged:
        if maybe is not None:
            result.append((loc, maybe))
            continue
        branches = tried[loc]
        deeper = [(loc + rest, err) for _, rest, err in branches if rest]
        if deeper:
            result += deeper
            continue
        wanted = [_BRANCHES.get(name) for name, _, _ in branches]
        result.append(
            (
                loc,
                {
                    "type": _UNION,
                    "input": branches[0][2].get("input"),
                    "ctx": {"expected": None if None in wanted else _either(wanted)},
                },
            )
        )
    return result


def _key_text(err: dict[str, Any], loc: Path_) -> str:
    """The invalid mapping key of a ``[key]`` error as YAML writes it (pydantic gives
    Python's str() of it: None, True)."""
    key = err.get("input", loc[-2])
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _branch_names(errors: list[tuple[Path_, dict[str, Any]]]) -> dict[Path_, set[str]]:
    """Per place, the type names that errors there continue with."""
    found: dict[Path_, set[str]] = {}
    for loc, _ in errors:
        for at, part in enumerate(loc):
            if isinstance(part, str) and part in _BRANCHES:
                found.setdefault(loc[:at], set()).add(part)
    return found


def _branch_at(loc: Path_, branches_at: dict[Path_, set[str]]) -> int | None:
    """Where in ``loc`` pydantic named a union branch.

    A union that rejects a value reports one error per branch, so a type name is taken
    for a branch only where errors continue with two or more of them; a key of the
    input that happens to be called "str" or "bool" is not one.
    """
    for at, part in enumerate(loc):
        named = isinstance(part, str) and part in _BRANCHES
        if named and len(branches_at.get(loc[:at], ())) >= 2:
            return at
    return None


def _either(choices: list[str | None]) -> str:
    unique = list(dict.fromkeys(c for c in choices if c))
    if len(unique) == 1:
        return unique[0]
    return f"{', '.join(unique[:-1])} or {unique[-1]}"


def _has_error_below(loc: Path_, errors: list[tuple[Path_, dict[str, Any]]]) -> bool:
    return any(len(other) > len(loc) and other[: len(loc)] == loc for other, _ in errors)


def _strip_alias(loc: Path_) -> Path_:
    return tuple("not" if p == "not_" else p for p in loc)


def _describe(err: dict[str, Any], loc: Path_) -> str:
    kind = err.get("type")
    given = err.get("input")
    if len(loc) >= 2 and loc[-1] == _KEY:
        # A mapping key itself is invalid, e.g. a control id with a space in it.
        return f"{dotted(loc[:-2])}: key {_key_text(err, loc)!r}: {_problem(err, loc)}"
    field = dotted(loc)
    if kind == "extra_forbidden":
        return f"{field}: unknown key; remove it or check its spelling"
    if kind == "missing":
        return f"{field}: required key is missing"
    if loc == ("aicheck",) and kind == "literal_error":
        if _shown(given) is None or isinstance(given, bool):
            return "aicheck: expected the format version; write aicheck: 1"
        return f"aicheck: format version {given!r} is not supported; this aicheck reads version 1"
    return f"{field}: {_problem(err, loc)}"


def _problem(err: dict[str, Any], loc: Path_) -> str:
    """What is wrong with the value at ``loc``, in the words of someone writing YAML."""
    kind = str(err.get("type"))
    given = err.get("input")
    ctx: dict[str, Any] = err.get("ctx") or {}
    shown = _shown(given)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _IDENTIFIER_PATTERN:
        return f"not a valid id; {_IDENTIFIER_RULE}"
    if kind in ("string_too_short", "too_short"):
        least = ctx.get("min_length", 1)
        unit = "characters" if kind.startswith("string") else "items"
        return "must not be empty" if least == 1 else f"must have at least {least} {unit}"
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if kind.startswith("string") else "items"
        return f"is too long; use at most {ctx.get('max_length')} {unit}"
    if kind == _UNION:
        expected = ctx.get("expected")
        return f"expected {expected}{_instead(given)}" if expected else "not a valid value"
    if kind == "string_type":
        if shown is not None:
            return "expected text; put it in quotes"
        return f"expected text{_instead(given)}"
    if kind in ("tuple_type", "list_type", "set_type", "frozen_set_type"):
        return _expected_list(loc, given)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _expected_mapping(loc, given)
    if kind == "literal_error":
        choices = f"use {ctx.get('expected', 'one of the listed values')}"
        if isinstance(given, bool):  # YAML reads yes, no, on and off as true or false
            return f"a yes/no value (read as {shown}) is not allowed here; {choices}"
        if shown is not None:
            return f"{shown} is not allowed; {choices}"
        return f"expected one value{_instead(given)}; {choices}"
    if kind.startswith("date_"):
        if shown is not None:
            return f"{shown} is not a date; {DATE_FORMAT}"
        return f"expected a date{_instead(given)}; {DATE_FORMAT}"
    if kind in ("bool_type", "bool_parsing"):
        return _expected_scalar("true or false", shown, given)
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
        return _expected_scalar("a whole number", shown, given)
    if kind in ("float_type", "float_parsing", "finite_number"):
        return _expected_scalar("a number", shown, given)
    if kind == "greater_than_equal":
        return f"must be {_bound(ctx.get('ge'))} or more"
    if kind == "less_than_equal":
        return f"must be {_bound(ctx.get('le'))} or less"
    if kind == "greater_than":
        return f"must be more than {_bound(ctx.get('gt'))}"
    if kind == "less_than":
        return f"must be less than {_bound(ctx.get('lt'))}"
    if kind.startswith("url_"):
        if isinstance(given, str):
            return f"{given!r} is not a valid URL; write it in full, e.g. {_URL}"
        return f"expected a URL such as {_URL}{_instead(given)}"
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    if msg.startswith("Input should be "):  # any pydantic check not named above
        msg = "expected " + msg.removeprefix("Input should be ")
    return msg


def _expected_list(loc: Path_, given: Any) -> str:
    what = _lookup(_LISTS, loc) or "a list"
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        return f"expected {what}, e.g. {_flow([given])}"
    if isinstance(given, dict):
        return f"expected {what}, not a mapping; start each item with '- '"
    return f"expected {what}{_instead(given)}"


def _expected_mapping(loc: Path_, given: Any) -> str:
    if _matches(("controls", "*", "*"), loc) and given in STATUSES:
        return f"expected a mapping, not a bare status; write {_flow(loc[-1])}: {{status: {given}}}"
    what = _lookup(_MAPPINGS, loc) or "a mapping of keys and values"
    return f"expected {what}{_instead(given)}"


def _expected_scalar(what: str, shown: str | None, given: Any) -> str:
    if shown is not None:
        return f"{shown} is not {what}"
    return f"expected {what}{_instead(given)}"


def _shown(value: Any) -> str | None:
    """A single value as the message quotes it; None for an empty value, list or mapping."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return repr(value)
    return None


def _bound(value: Any) -> str:
    """A limit as written in the model: 100, not pydantic's 100.0 for a float field."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _instead(value: Any) -> str:
    """What was written where something else was expected, for the end of a message."""
    if value is None:
        return ", but it is empty"
    if isinstance(value, dict):
        return ", not a mapping"
    if isinstance(value, list | tuple):
        return ", not a list"
    if isinstance(value, bool):
        return ", not true or false"
    if isinstance(value, int | float):
        return ", not a number"
    if isinstance(value, str):
        return ", not text"
    return ""


def _flow(value: Any) -> str:
    """``value`` as YAML on one line, quoted where YAML would read it differently."""
    import yaml  # only on the error path; already loaded by the parser

    text: str = yaml.safe_dump(
        [value], default_flow_style=True, allow_unicode=True, width=1_000_000
    )
    return text.strip()[1:-1]


def _matches(pattern: Path_, loc: Path_) -> bool:
    return len(pattern) == len(loc) and all(
        (want == "*" and isinstance(part, str))
        or (want == "#" and isinstance(part, int))
        or want == part
        for want, part in zip(pattern, loc, strict=True)
    )


def _lookup(table: dict[Path_, str], loc: Path_) -> str | None:
    return next((text for pattern, text in table.items() if _matches(pattern, loc)), None)
