"""Read YAML strictly and safely, keeping the line of every key for error messages.

This is the only place that parses YAML.  It uses libyaml's C parser where present,
rejects what PyYAML would silently accept (duplicate keys, non-core tags), bounds alias
expansion so a "billion laughs" file fails fast, and records where each key sits so
that validation errors and SARIF results can name a line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from aicheck.errors import AicheckError

try:
    _Parser: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _BaseLoader(_Parser):  # type: ignore[misc,valid-type]
    """Dates stay strings here, so that pydantic can name the field when one is invalid."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Parser.yaml_implicit_resolvers.items()
    }


DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 200

_CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """Parsed YAML data plus the 1-based line and column of each mapping key and item."""

    path: Path
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position_of(self, loc: Path_) -> tuple[int, int] | None:
        """Position of the deepest known prefix of ``loc``."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None

    def line_of(self, loc: Path_) -> int | None:
        found = self.position_of(loc)
        return None if found is None else found[0]


def max_bytes_from_env() -> int:
    raw = os.environ.get("AICHECK_MAX_FILE_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise AicheckError(
            f"AICHECK_MAX_FILE_BYTES must be a whole number of bytes, not {raw!r}"
        ) from None
    return max(value, 1)


def read_text(path: Path, *, max_bytes: int | None = None) -> str:
    """Read a UTF-8 text file, turning every way it can fail into one clear error."""
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    if not path.exists():
        raise AicheckError("file not found", path=path, hint="check the path")
    if path.is_dir():
        raise AicheckError("is a directory, expected a YAML file", path=path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise AicheckError(
                f"file is {size} bytes, over the {limit}-byte limit",
                path=path,
                hint="raise AICHECK_MAX_FILE_BYTES if this is intended",
            )
        raw = path.read_bytes()
    except PermissionError:
        raise AicheckError("permission denied", path=path) from None
    except OSError as exc:
        raise AicheckError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    if b"\x00" in raw:
        raise AicheckError("binary file, expected UTF-8 YAML text", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AicheckError(
            "not valid UTF-8 text", path=path, line=line, hint="save the file as UTF-8"
        ) from None


def load_file(path: Path, *, max_bytes: int | None = None) -> Document:
    return parse(read_text(path, max_bytes=max_bytes), path)


def parse(text: str, path: Path) -> Document:
    """Parse one YAML document; raise AicheckError naming file, line and problem."""
    loader = _BaseLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            raise AicheckError(
                f"invalid YAML: {problem}",
                path=path,
                line=None if mark is None else mark.line + 1,
                column=None if mark is None else mark.column + 1,
            ) from None
        except yaml.YAMLError as exc:
            raise AicheckError(f"invalid YAML: {exc}", path=path) from None
        except RecursionError:
            raise AicheckError("YAML nested too deeply", path=path) from None
        if node is None:
            raise AicheckError("file is empty", path=path, hint="expected a YAML mapping")
        positions: dict[Path_, tuple[int, int]] = {}
        _check_tree(node, path, positions)
        try:
            data = loader.construct_document(node)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            raise AicheckError(
                f"invalid YAML value: {exc.problem}",
                path=path,
                line=None if mark is None else mark.line + 1,
            ) from None
        except (ValueError, OverflowError) as exc:
            raise AicheckError(f"invalid YAML value: {exc}", path=path) from None
    finally:
        loader.dispose()
    return Document(path=path, data=data, positions=positions)


def _check_tree(root: yaml.Node, path: Path, positions: dict[Path_, tuple[int, int]]) -> None:
    """Walk the node graph once, with alias expansion bounded, recording key positions."""
    budget = MAX_NODES
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        budget -= 1
        if budget < 0:
            raise AicheckError(
                f"document expands to more than {MAX_NODES} nodes",
                path=path,
                hint="too many aliases or too large; split the file",
            )
        if len(loc) > MAX_DEPTH:
            raise AicheckError(
                f"nested more than {MAX_DEPTH} levels deep",
                path=path,
                line=node.start_mark.line + 1,
            )
        if node.tag not in _CORE_TAGS:
            raise AicheckError(
                f"tag {node.tag!r} is not allowed; only plain YAML values are",
                path=path,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
        positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in _mapping_pairs(node, path):
                key = _key_of(key_node)
                if key in seen:
                    raise AicheckError(
                        f"duplicate key {key!r} (first at line {seen[key]})",
                        path=path,
                        line=key_node.start_mark.line + 1,
                        column=key_node.start_mark.column + 1,
                        hint="YAML keeps only the last one; remove or merge the duplicate",
                    )
                seen[key] = key_node.start_mark.line + 1
                child = (*loc, key)
                positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index)))


def _mapping_pairs(node: yaml.MappingNode, path: Path) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise AicheckError(
                "merge keys ('<<') are not supported; write the keys out",
                path=path,
                line=key_node.start_mark.line + 1,
            )
        if not isinstance(key_node, yaml.ScalarNode):
            raise AicheckError(
                "mapping keys must be plain values",
                path=path,
                line=key_node.start_mark.line + 1,
            )
        yield key_node, value_node


def _key_of(node: yaml.Node) -> str:
    return str(node.value)
