"""Write answers back into an answers file without losing what a person wrote in it.

The file is reviewed in pull requests, so a rewrite must keep comments, key order,
quoting, the indentation style and any ``x-`` fields someone added.  ruamel.yaml's
round-trip mode does that; only the keys ``aicheck assess`` sets are touched.  Every
save is checked with the same rules as :func:`aicheck.answers.load.load_answers` before
the file is replaced atomically, so a bug here can never leave an unloadable file.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from aicheck.answers.layout import Layout
from aicheck.answers.load import answer_problems
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
from aicheck.catalog.library import Library
from aicheck.errors import AnswersError, ProblemList
from aicheck.fsutil import write_atomic
from aicheck.models.answers import AnswersFile
from aicheck.validation import problems_from
from aicheck.yamlio import parse, read_text

TOP_LEVEL_ORDER = (
    "aicheck",
    "system",
    "provider",
    "assessment",
    "frameworks",
    "screening",
    "controls",
    "waivers",
)
SYSTEM_ORDER = ("name", "owner", "description")
CONTROL_ORDER = (
    "status",
    "answered_for",
    "justification",
    "evidence",
    "owner",
    "due",
    "notes",
    "reviewed",
)

NEW_FILE_HEADER = (
    "Answers file for one AI system, written by `aicheck assess`.\n"
    "Edit it by hand or run `aicheck assess` again; comments and x- fields are kept.\n"
    "Gate it in CI with: aicheck check {path} --fail-on high"
)


class AnswersWriter:
    """An answers file held as a round-trip YAML tree; ``save()`` writes it atomically."""

    def __init__(self, path: Path, library: Library) -> None:
        self.path = path
        self.library = library
        self._yaml = YAML(typ="rt")
        self._yaml.preserve_quotes = True
        self._yaml.width = 4096  # never re-wrap a line a person wrote
        self._yaml.representer.add_representer(float, _represent_float)
        # One date object used twice must not come out as an anchor and an alias; anchors
        # a person wrote on mappings and lists are kept.
        keep_alias = self._yaml.representer.ignore_aliases
        self._yaml.representer.ignore_aliases = lambda data: (
            isinstance(data, dt.date) or keep_alias(data)
        )
        self.exists = path.exists()
        self._layout, text = Layout.read(read_text(path)) if self.exists else (Layout(), "")
        layout = self._layout
        self._yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
        if self.exists:
            try:
                loaded = self._yaml.load(text)
            except YAMLError as exc:  # load_answers accepted it, so this is unexpected
                raise AnswersError(f"cannot re-read for writing: {exc}", path=path) from None
            if not isinstance(loaded, CommentedMap):
                raise AnswersError("expected a mapping with 'aicheck: 1'", path=path, line=1)
            self._data: CommentedMap = loaded
        else:
            self._data = CommentedMap()
            self._data["aicheck"] = 1
            self._data.yaml_set_start_comment(NEW_FILE_HEADER.format(path=path.as_posix()))

    # ---- reading -----------------------------------------------------------------------

    def get(self, *keys: str) -> Any:
        """The value at ``keys`` (None when absent), as plain Python data."""
        node: Any = self._data
        for key in keys:
            if not isinstance(node, Mapping) or key not in node:
                return None
            node = node[key]
        return _plain(node)

    # ---- changing ----------------------------------------------------------------------

    def set_system(self, field: str, value: str | None) -> None:
        self._put([("system", TOP_LEVEL_ORDER), (field, SYSTEM_ORDER)], value)

    def set_frameworks(self, ids: Sequence[str]) -> None:
        existing = self._data.get("frameworks")
        if isinstance(existing, CommentedSeq):
            existing[:] = list(ids)
            return
        self._put([("frameworks", TOP_LEVEL_ORDER)], _yaml_value(list(ids)))

    def set_screening(self, framework: str, question: str, value: Any) -> None:
        order = [q.id for q in self.library.frameworks[framework].questions]
        self._put(
            [
                ("screening", TOP_LEVEL_ORDER),
                (framework, list(self.library.frameworks)),
                (question, order),
            ],
            _yaml_value(value),
        )

    def set_control(
        self,
        framework: str,
        control: str,
        updates: Mapping[str, Any],
        remove: Iterable[str] = (),
    ) -> None:
        """Set some fields of one control answer; every other field (owner, x-...) stays."""
        existing = self._data.get("controls", {})
        existing = existing.get(framework, {}) if isinstance(existing, Mapping) else {}
        entry = existing.get(control) if isinstance(existing, Mapping) else None
        is_new = not isinstance(entry, CommentedMap)
        if not isinstance(entry, CommentedMap):
            entry = CommentedMap()
        elif _occurrences(self._data, entry) > 1:
            # An anchored answer reused through aliases (&impl / *impl): a change to this
            # control must not change the others, so it gets its own copy.
            entry = _own_copy(entry)
            existing[control] = entry
        for key, value in updates.items():
            current = entry.get(key)
            if isinstance(current, CommentedSeq) and isinstance(value, list | tuple):
                if _occurrences(self._data, current) > 1:  # a list shared the same way
                    current = entry[key] = _own_copy(current)
                _update_list(current, list(value))
                continue
            _set(entry, key, _yaml_value(value), CONTROL_ORDER)
        owner = (existing, control) if isinstance(existing, CommentedMap) else None
        for key in remove:
            if key in entry:
                _delete(entry, key, owner)
        if is_new:  # filled first, so trailing blank lines move below the whole entry
            order = [c.id for c in self.library.frameworks[framework].controls]
            self._put(
                [
                    ("controls", TOP_LEVEL_ORDER),
                    (framework, list(self.library.frameworks)),
                    (control, order),
                ],
                entry,
            )

    # ---- writing -----------------------------------------------------------------------

    def render(self) -> str:
        buffer = io.StringIO()
        self._yaml.dump(self._data, buffer)
        return self._layout.restore(buffer.getvalue())

    def validate(self, text: str) -> AnswersFile:
        """Check ``text`` as `aicheck check` would load it; raise when it would not load."""
        doc = parse(text, self.path)
        try:
            answers = AnswersFile.model_validate(doc.data)
        except ValidationError as exc:
            raise ProblemList(problems_from(exc, doc, AnswersError)) from None
        problems = [
            AnswersError(message, path=self.path, line=doc.line_of(loc), hint=hint)
            for loc, message, hint in answer_problems(answers, self.library)
        ]
        if problems:
            raise ProblemList(problems)
        return answers

    def save(self) -> AnswersFile:
        """Validate, then replace the file atomically; returns what was written."""
        text = self.render()
        answers = self.validate(text)
        write_atomic(self.path, text)
        self.exists = True
        return answers

    # ---- helpers -----------------------------------------------------------------------

    def _put(self, path: Sequence[tuple[str, Sequence[str]]], value: Any) -> None:
        """Set the value at ``path`` (key, canonical order of its level), creating what is
        missing as one finished block, so it lands in one piece at its canonical spot."""
        node = self._data
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
    # ruamel.yaml keeps the blank and comment lines between two entries on the last value
    # of the first one.  They belong to what follows (the next key, or the end of the
    # section), so they move from the entry before the new key to the new key itself.
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


def _yaml_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
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
