"""Where ruamel.yaml keeps the comment and blank lines of a round-trip tree, and moving them.

ruamel.yaml does not attach a comment line to the entry written below it.  It keeps the
lines between two entries on the *last value of the first one* (slot 2 of a mapping
key, slot 0 of a list item), and the lines between a parent key and its first entry on
the parent (slot 3, or slot 2 after the key's own end-of-line comment).  Those slots are
not a documented interface, so everything that reads or writes them is here: a
ruamel.yaml upgrade that changes them changes this module and no other.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

Leaf = tuple[CommentedMap | CommentedSeq, Any, int]
"""A container, the key (or index) of its last value, and the comment slot that holds the
lines written after that value: 2 in a mapping, 0 in a list."""

Owner = tuple[CommentedMap, str]
"""The mapping that holds a mapping, and its key there: where the lines between that key
and the held mapping's first entry are kept."""


def entry_leaf(container: CommentedMap | CommentedSeq, key: Any) -> Leaf:
    """Where the lines after the entry ``key`` (a key, or a list index) are kept: its
    last value, however nested."""
    node = container
    last: Any = key
    slot = 0 if isinstance(container, CommentedSeq) else 2
    while True:
        child = node[last]
        block = isinstance(child, CommentedMap | CommentedSeq) and not child.fa.flow_style()
        if not block or not len(child):
            return node, last, slot
        if isinstance(child, CommentedMap):
            node, last, slot = child, list(child)[-1], 2
        else:
            node, last, slot = child, len(child) - 1, 0


def last_entry_leaf(container: CommentedMap | CommentedSeq) -> Leaf:
    """:func:`entry_leaf` of the last entry of a container that is not empty."""
    last = list(container)[-1] if isinstance(container, CommentedMap) else len(container) - 1
    return entry_leaf(container, last)


def key_column(mapping: CommentedMap) -> int | None:
    """The column of ``mapping``'s keys in the file as read (None for a new mapping)."""
    column = getattr(mapping.lc, "col", None)
    return column if isinstance(column, int) else None


def take_lines_after(leaf: Leaf, column: int | None = None) -> str | None:
    """Split off the lines that follow ``leaf``'s value and belong to what comes next.

    The value's own end-of-line comment stays, and so do comment lines indented deeper
    than ``column`` (such as a commented-out field of the entry itself); what comes after
    the last of those moves.
    """
    container, key, slot = leaf
    slots = container.ca.items.get(key)
    token = slots[slot] if slots and len(slots) > slot else None
    text = getattr(token, "value", None)
    if token is None or not isinstance(text, str):
        return None
    block = _is_block_scalar(container[key])
    if block:
        # A block scalar (notes: |) ends its own line, so what ruamel.yaml keeps here is
        # already the next line, with its indentation in the token's column.
        text = "\n" + " " * token.column + text
    end = text.find("\n")
    if end < 0:
        return None
    lines = text[end + 1 :].splitlines(keepends=True)
    keep = 0
    if column is not None:
        for i, line in enumerate(lines):
            stripped = line.lstrip(" ")
            if stripped.strip() and len(line) - len(stripped) > column:
                keep = i + 1
    moved = "".join(lines[keep:])
    if not moved:
        return None
    kept = "".join(lines[:keep])
    if block and not kept:
        slots[slot] = None
    elif block:
        token.value = kept
        token.column = 0  # the indentation is in the text now
    else:
        token.value = text[: end + 1] + kept
    return moved


def put_lines_after(leaf: Leaf, lines: str) -> None:
    """Add ``lines`` after ``leaf``'s value, below the lines already kept there."""
    container, key, slot = leaf
    slots = container.ca.items.setdefault(key, [None] * 4)
    _append_to_slot(slots, slot, lines, line_ended=_is_block_scalar(container[key]))


def put_lines_right_after(leaf: Leaf, lines: str) -> None:
    """Put ``lines`` right after ``leaf``'s value, above the lines already kept there."""
    container, key, slot = leaf
    slots = container.ca.items.setdefault(key, [None] * 4)
    token = slots[slot]
    if token is None or not isinstance(token.value, str) or "\n" not in token.value:
        put_lines_after(leaf, lines)
        return
    end = token.value.index("\n") + 1
    token.value = token.value[:end] + lines + token.value[end:]


def take_lines_above_first_entry(mapping: CommentedMap, owner: Owner | None) -> str | None:
    """Split off the comment lines above ``mapping``'s first entry (held by ``owner``), as
    text to put after another entry."""
    above = None if owner is None else owner[0].ca.items.get(owner[1])
    if not len(mapping) or above is None or len(above) < 4:
        return None
    if above[3]:
        tokens = above[3]
        above[3] = None
        if mapping.ca.comment and len(mapping.ca.comment) > 1:
            mapping.ca.comment[1] = None
        return "".join(" " * token.column + token.value for token in tokens)
    token = above[2]
    text = getattr(token, "value", None)
    if not isinstance(text, str) or "\n" not in text:
        return None
    end = text.index("\n")
    rest = text[end + 1 :]
    if not rest:
        return None
    token.value = text[: end + 1]
    return rest


def put_lines_above_first_entry(owner: Owner, lines: str) -> None:
    """Add ``lines`` below the owner's key, after the comment lines already there."""
    parent, key = owner
    slots = parent.ca.items.setdefault(key, [None] * 4)
    if slots[3]:  # comment lines already there, which come out after slot 2
        slots[3] += [
            CommentToken(line.lstrip(" "), CommentMark(len(line) - len(line.lstrip(" "))))
            for line in lines.splitlines(keepends=True)
        ]
    else:
        _append_to_slot(slots, 2, lines)


def _append_to_slot(slots: list[Any], slot: int, rest: str, *, line_ended: bool = False) -> None:
    """Add lines after a value; ``line_ended`` when the value ends its own line already."""
    if slots[slot] is None:
        slots[slot] = CommentToken(rest if line_ended else "\n" + rest, CommentMark(0), None)
    else:
        slots[slot].value += rest


def _is_block_scalar(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)
