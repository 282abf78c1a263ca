"""Read YAML strictly and safely, keeping the line of every key for error messages.

This is the only place that parses YAML.  It uses libyaml's C parser where present,
rejects what PyYAML would silently accept (duplicate keys, non-core tags), bounds alias
expansion so a "billion laughs" file fails fast, and records where each key sits so
that validation errors and SARIF results can name a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from aicheck.errors import AicheckError
from aicheck.files.reading import read_text

try:
    _Parser: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


_FLOAT = "tag:yaml.org,2002:float"
# YAML 1.2 writes 3e24 and 3.0e24 as numbers; PyYAML (YAML 1.1) reads them as text, which
# would turn a training-compute answer into a string.
_EXPONENT_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


def _resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    table = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Parser.yaml_implicit_resolvers.items()
    }
    for first in "-+0123456789":
        table.setdefault(first, []).insert(0, (_FLOAT, _EXPONENT_FLOAT))
    return table


# The tag a plain or quoted scalar resolves to depends only on its text: the same keys
# and values ("status", "implemented", dates) recur in every answers file of an inventory,
# so each is matched against the resolver patterns once.  Bounded, as input is untrusted.
_RESOLVED: dict[tuple[str, bool, bool], str] = {}
_RESOLVED_MAX = 20_000


class _BaseLoader(_Parser):  # type: ignore[misc,valid-type]
    """Dates stay strings here, so that pydantic can name the field when one is invalid."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = _resolvers()

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        key = (value, implicit[0], implicit[1])
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < _RESOLVED_MAX and len(value) <= 64:
                _RESOLVED[key] = tag
        return tag


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


def load_file(path: Path) -> Document:
    return parse(read_text(path, kind="YAML"), path)


def parse(text: str, path: Path) -> Document:
    """Parse one YAML document; raise AicheckError naming file, line and problem."""
    loader = _BaseLoader(text)
    try:
        try:
            if len(text) > MAX_NODES // 2:
                _count_nodes(text, path)
            node = loader.get_single_node()
        except yaml.reader.ReaderError as exc:
            before = text[: exc.position]
            raise AicheckError(
                f"invalid YAML: character U+{exc.character:04X}: {exc.reason}",
                path=path,
                line=before.count("\n") + 1,
                column=exc.position - (before.rfind("\n") + 1) + 1,
                hint="write it as an escape in a double-quoted string",
            ) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            if mark is not None and text[mark.index : mark.index + 1] == "\t":
                problem = "a tab character; YAML indents with spaces only"
            if exc.context and problem.startswith("but "):
                problem = f"{exc.context} {problem}"
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
        data, positions = _walk(loader, node, path)
    finally:
        loader.dispose()
    return Document(path=path, data=data, positions=positions)


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _count_nodes(text: str, path: Path) -> None:
    """Fail at the node limit while reading, before any node is built.

    Building the tree of a 5 MB file of tiny nodes takes over a gigabyte, so a large text
    is first read as a stream of parser events (constant memory), counting nodes and
    stopping at the limit.  A node takes at least about one character to write, so a text
    under half the limit cannot exceed it and skips this pass.
    """
    counter: Any = _Parser(text)
    try:
        nodes = 0
        while counter.check_event():
            if isinstance(counter.get_event(), _NODE_EVENTS):
                nodes += 1
                if nodes > MAX_NODES:
                    raise AicheckError(
                        f"document has more than {MAX_NODES} nodes",
                        path=path,
                        hint="too large; split the file",
                    )
    finally:
        counter.dispose()


def _walk(loader: Any, root: yaml.Node, path: Path) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """The document as Python data and the position of every key and item, built in one
    walk of the node graph that checks it as it goes, alias expansion bounded.

    Only plain mappings, lists and core scalars are let through (no merge keys, tags or
    complex keys), so this does what PyYAML's constructor would, without its generator
    round-trips.  Scalars are built as they are reached, so a value Python cannot hold,
    such as an integer of 5,000 digits, is reported with its line; duplicate keys are
    found by value, the way the mapping is built: ``on`` and ``yes`` are the same key, as
    are ``1`` and ``1.0``.  A node reached again through an alias gives the same object,
    as in PyYAML, and is walked again only to count and check what it expands to.
    """
    positions: dict[Path_, tuple[int, int]] = {}
    built: dict[int, Any] = {}
    document: list[Any] = [None]
    budget = MAX_NODES
    # (node, where it sits, the container and slot its value goes to, whether to build)
    stack: list[tuple[yaml.Node, Path_, Any, Any, bool]] = [(root, (), document, 0, True)]
    while stack:
        node, loc, container, slot, build = stack.pop()
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
        if build and id(node) in built:
            container[slot] = built[id(node)]
            build = False
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(loader, node, path)
            if build:
                container[slot] = value
        elif isinstance(node, yaml.MappingNode):
            mapping: dict[Any, Any] = {}
            if build:
                container[slot] = built[id(node)] = mapping
            seen: dict[Any, int] = {}
            for key_node, value_node in _mapping_pairs(node, path):
                key = _scalar(loader, key_node, path)
                if key in seen:
                    raise AicheckError(
                        f"duplicate key {_key_of(key_node)!r} (first at line {seen[key]})",
                        path=path,
                        line=key_node.start_mark.line + 1,
                        column=key_node.start_mark.column + 1,
                        hint="YAML keeps only the last one; remove or merge the duplicate",
                    )
                seen[key] = key_node.start_mark.line + 1
                child = (*loc, _key_of(key_node))
                positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                mapping[key] = None  # its place in the mapping's order, filled in below
                stack.append((value_node, child, mapping, key, build))
        elif isinstance(node, yaml.SequenceNode):
            items: list[Any] = [None] * len(node.value)
            if build:
                container[slot] = built[id(node)] = items
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index), items, index, build))
    return document[0], positions


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


def _scalar(loader: Any, node: yaml.Node, path: Path) -> Any:
    if node.tag == _STR:
        # What SafeConstructor.construct_yaml_str returns, without its bookkeeping: most
        # scalars of an answers file are text, and this runs for every one of them.
        return node.value
    try:
        return loader.construct_object(node)
    except yaml.constructor.ConstructorError as exc:
        problem = exc.problem or "cannot read this value"
    except (ValueError, OverflowError) as exc:
        problem = "number too large" if "digits" in str(exc) else str(exc)
    raise AicheckError(
        f"invalid YAML value: {problem}",
        path=path,
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
    )
