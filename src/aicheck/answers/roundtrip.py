"""A YAML file as ruamel.yaml's round-trip tree, changed only where asked.

A new key goes to its canonical place among the keys beside it, a removed key leaves the
comment lines written after it in the file, a list is edited item by item, and an
entry reused through an alias is copied before it changes.  The comment lines are moved
by :mod:`aicheck.answers.yaml_comments`; the indentation and line ends come from
:mod:`aicheck.answers.layout`.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from aicheck.answers.layout import Layout
from aicheck.answers.yaml_comments import (
    Owner,
    entry_leaf,
    key_column,
    last_entry_leaf,
    put_lines_above_first_entry,
    put_lines_after,
    put_lines_right_after,
    take_lines_above_first_entry,
    take_lines_after,
)
from aicheck.errors import AnswersError

Placement = tuple[str, Sequence[str]]
"""A key, and the canonical order of the keys beside it."""


class Document:
    """A YAML mapping as a round-trip tree; :meth:`render` writes it in its own layout."""

    def __init__(self, layout: Layout) -> None:
        self._layout = layout
        self._yaml = _round_trip_yaml(layout)
        self._root = CommentedMap()

    @classmethod
    def parse(cls, text: str, path: Path) -> Document:
        layout, text = Layout.read(text)
        document = cls(layout)
        try:
            loaded = document._yaml.load(text)
        except YAMLError as exc:  # the loader accepted it, so this is unexpected
            raise AnswersError(f"cannot re-read for writing: {exc}", path=path) from None
        if not isinstance(loaded, CommentedMap):
            raise AnswersError("expected a mapping with 'aicheck: 1'", path=path, line=1)
        document._root = loaded
        return document

    @classmethod
    def new(cls, header: str) -> Document:
        """An empty mapping under a comment, in the layout aicheck writes itself."""
        document = cls(Layout())
        document._root.yaml_set_start_comment(header)
        return document

    def get(self, keys: Iterable[str]) -> Any:
        """The value at ``keys`` (None when absent), as plain Python data."""
        node: Any = self._root
        for key in keys:
            if not isinstance(node, Mapping) or key not in node:
                return None
            node = node[key]
        return _plain(node)

    def put(self, path: Sequence[Placement], value: Any) -> None:
        """Set the value at ``path``, creating what is missing as one finished block, so
        it lands in one piece at its canonical spot.  A new list is written in flow style."""
        value = _flow(value)
        node = self._root
        owner: Owner | None = None
        for depth, (key, order) in enumerate(path[:-1]):
            child = node.get(key)
            if not isinstance(child, CommentedMap):
                built = value
                for inner, _ in reversed(path[depth + 1 :]):
                    wrapper = CommentedMap()
                    wrapper[inner] = built
                    built = wrapper
                _set(node, key, built, order, owner)
                return
            owner = (node, key)
            node = child
        key, order = path[-1]
        _set(node, key, value, order, owner)

    def put_items(self, path: Sequence[Placement], items: Sequence[Any]) -> None:
        """Set the list at ``path``; a list already there keeps its style."""
        existing = self._node_at(key for key, _ in path)
        if isinstance(existing, CommentedSeq):
            existing[:] = list(items)
            return
        self.put(path, list(items))

    def update(
        self,
        path: Sequence[Placement],
        updates: Mapping[str, Any],
        remove: Iterable[str],
        order: Sequence[str],
    ) -> None:
        """Set and remove fields of the mapping at ``path`` (``order`` is the canonical
        order of its fields); every other field stays."""
        *outer, (key, _) = path
        holder = self._node_at(k for k, _ in outer)
        entry = holder.get(key) if isinstance(holder, Mapping) else None
        is_new = not isinstance(entry, CommentedMap)
        if not isinstance(entry, CommentedMap):
            entry = CommentedMap()
        elif _occurrences(self._root, entry) > 1:
            # An anchored entry reused through aliases (&impl / *impl): a change here must
            # not change the others, so it gets its own copy.
            entry = _own_copy(entry)
            holder[key] = entry
        for field, value in updates.items():
            current = entry.get(field)
            if isinstance(current, CommentedSeq) and isinstance(value, list | tuple):
                if _occurrences(self._root, current) > 1:  # a list shared the same way
                    current = entry[field] = _own_copy(current)
                _update_list(current, list(value))
                continue
            _set(entry, field, _flow(value), order)
        owner = (holder, key) if isinstance(holder, CommentedMap) else None
        for field in remove:
            if field in entry:
                _delete(entry, field, owner)
        if is_new:  # filled first, so trailing blank lines move below the whole entry
            self.put(path, entry)

    def render(self) -> str:
        buffer = io.StringIO()
        self._yaml.dump(self._root, buffer)
        return self._layout.restore(buffer.getvalue())

    def _node_at(self, keys: Iterable[str]) -> Any:
        node: Any = self._root
        for key in keys:
            node = node.get(key) if isinstance(node, Mapping) else None
        return node


def _round_trip_yaml(layout: Layout) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line a person wrote
    yaml.representer.add_representer(float, _represent_float)
    # One date object used twice must not come out as an anchor and an alias; anchors
    # a person wrote on mappings and lists are kept.
    keep_alias = yaml.representer.ignore_aliases
    yaml.representer.ignore_aliases = lambda data: isinstance(data, dt.date) or keep_alias(data)
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    return yaml


def _set(
    mapping: CommentedMap,
    key: str,
    value: Any,
    order: Sequence[str],
    owner: Owner | None = None,
) -> None:
    """Set ``key``: in place when present (its comment stays), else at its canonical spot.

    The comment lines between the ``owner``'s key and ``mapping``'s first entry stay with
    that entry when a key is put before it.
    """
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    position = len(mapping)
    if key in rank:
        # After the last existing key that comes before it in the canonical order.
        position = 0
        for i, existing in enumerate(mapping):
            if existing in rank and rank[existing] < rank[key]:
                position = i + 1
    # The blank and comment lines between two entries belong to what follows (the next
    # key, or the end of the section), so they move from the entry before the new key to
    # the new key itself.
    if position:
        before = entry_leaf(mapping, list(mapping)[position - 1])
        moved = take_lines_after(before, key_column(mapping))
    else:
        moved = take_lines_above_first_entry(mapping, owner)
    mapping.insert(position, key, value)
    if moved:
        put_lines_after(entry_leaf(mapping, key), moved)


def _delete(mapping: CommentedMap, key: str, owner: Owner | None) -> None:
    """Remove ``key``; the lines written after it (about what follows) stay in the file."""
    keys = list(mapping)
    index = keys.index(key)
    moved = take_lines_after(entry_leaf(mapping, key))
    del mapping[key]
    if not moved:
        return
    if index:
        put_lines_after(entry_leaf(mapping, keys[index - 1]), moved)
    elif owner is not None:  # it was the first key: the lines go below the owner's key
        put_lines_above_first_entry(owner, moved)


def _update_list(seq: CommentedSeq, items: list[Any]) -> None:
    """Make ``seq`` hold ``items`` in place, so its style and the comments on the items
    that stay are kept: items no longer wanted go, new ones are added at the end."""
    if list(seq) == items:
        return
    # Lines written after the last item (a closing comment, or what introduces the next
    # key) stay after the list, whatever happens to its items.
    after = take_lines_after(last_entry_leaf(seq)) if len(seq) else None
    for index in reversed(range(len(seq))):
        if seq[index] not in items:
            below = take_lines_after(entry_leaf(seq, index))
            del seq[index]
            if below and index:  # kept, after the item before it
                put_lines_after(entry_leaf(seq, index - 1), below)
            elif below and len(seq):  # it was the first: before the new first's own lines
                put_lines_right_after(entry_leaf(seq, 0), below)
    for item in items:
        if item not in seq:
            seq.append(item)
    if list(seq) != items:  # the order changed too: the new order wins
        seq[:] = items
    if after and len(seq):
        put_lines_after(last_entry_leaf(seq), after)


def _own_copy(node: CommentedMap | CommentedSeq) -> Any:
    """A copy of an aliased node for one place: no anchor, and without the lines written
    after the original, which stay where they are rather than being printed twice."""
    copied = copy.deepcopy(node)
    copied.anchor.value = None
    if len(copied):
        take_lines_after(last_entry_leaf(copied))
    return copied


def _occurrences(node: Any, target: Any) -> int:
    """How many places in the tree hold ``target`` itself (an alias is another place)."""
    count = 1 if node is target else 0
    if count:
        return count  # what an alias points to is counted once, not walked again
    if isinstance(node, Mapping):
        return sum(_occurrences(value, target) for value in node.values())
    if isinstance(node, list):
        return sum(_occurrences(item, target) for item in node)
    return 0


def _flow(value: Any) -> Any:
    """A new list of scalars in flow style (``[a, b]``); a list of mappings (approvers) in
    block style, one field per line, as people write it."""
    if isinstance(value, list | tuple):
        if value and all(isinstance(item, Mapping) for item in value):
            return CommentedSeq([CommentedMap(item) for item in value])
        seq = CommentedSeq(list(value))
        seq.fa.set_flow_style()
        return seq
    return value


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _represent_float(representer: Any, value: float) -> Any:
    """Floats PyYAML reads back as floats: it needs a '.' in the mantissa (1.0e+25)."""
    text = repr(value)
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[0] not in "+-":
            exponent = "+" + exponent
        text = f"{mantissa}e{exponent}"
    elif "." not in text and text not in ("inf", "-inf", "nan"):
        text += ".0"
    return representer.represent_scalar("tag:yaml.org,2002:float", text)
