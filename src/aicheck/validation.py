"""Turn pydantic validation errors into AicheckErrors that name file, line and field."""

from __future__ import annotations

from pydantic import ValidationError

from aicheck.errors import AicheckError
from aicheck.yamlio import Document, Path_


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
    problems: list[AicheckError] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
        # pydantic names the branch of a union or a validator in the loc; drop those.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        problems.append(
            error_type(
                _describe(err, loc),
                path=doc.path,
                line=doc.line_of(_strip_alias(loc)),
            )
        )
    return problems


def _strip_alias(loc: Path_) -> Path_:
    return tuple("not" if p == "not_" else p for p in loc)


def _describe(err: object, loc: Path_) -> str:
    assert isinstance(err, dict)
    kind = err.get("type")
    field = dotted(_strip_alias(loc))
    msg = str(err.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return f"{field}: unknown key (remove it or check its spelling)"
    if kind == "missing":
        return f"{field}: required key is missing"
    msg = msg.removeprefix("Value error, ")
    return f"{field}: {msg}"
