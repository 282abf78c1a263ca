"""This session's answers, put on top of an answers file someone changed meanwhile.

`aicheck assess` saves after every answer.  When the file on disk is no longer what the
session last read or wrote (a hand edit, a second `assess` in another terminal), each
answer this session changed since its last save is applied again to the version on disk,
provided the other writer left that answer alone (or gave it the same value).  When both
changed one answer to different values, nobody can pick for the user: that is a clash,
and the caller keeps both versions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aicheck.answers.roundtrip import Document

Leaf = tuple[str, ...]
"""Where one answer lives: ("system", "name"), ("frameworks",),
("screening", framework, question), ("controls", framework, control, field)."""

SET_LEAVES: frozenset[Leaf] = frozenset({("frameworks",)})
"""Lists whose order and duplicates mean nothing: both writers' additions and removals
are kept, so they never clash."""


@dataclass
class Change:
    """One answer this session changed since its last save."""

    before: Any
    """Its value when this session first changed it (None: absent)."""
    value: Any
    """The value this session gave it last (None: removed)."""
    write: Callable[[Document, Any], None]
    """Puts a value at its place in a document."""


def merge(disk: Document, changes: Mapping[Leaf, Change]) -> list[Leaf]:
    """Apply ``changes`` to ``disk``; return the answers both writers changed differently.

    When the list is not empty, ``disk`` is only partly merged and must not be written.
    """
    clashes: list[Leaf] = []
    for leaf, change in changes.items():
        if same(change.value, change.before):
            continue  # changed and changed back: nothing of this session to keep
        theirs = disk.get(leaf)
        if same(theirs, change.value):
            continue
        if same(theirs, change.before):
            change.write(disk, change.value)
        elif leaf in SET_LEAVES:
            change.write(disk, _merged_set(change.before, change.value, theirs))
        else:
            clashes.append(leaf)
    return clashes


def same(one: Any, other: Any) -> bool:
    """Equal and of the same type: ``true`` and ``1`` are different answers."""
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(same, one, other))
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(same(one[k], other[k]) for k in one)
    return type(one) is type(other) and one == other


def _merged_set(before: Any, mine: Any, theirs: Any) -> list[Any]:
    base, ours, disk = (list(v) if isinstance(v, list) else [] for v in (before, mine, theirs))
    removed = [item for item in base if item not in ours]
    kept = [item for item in disk if item not in removed]
    return kept + [item for item in ours if item not in kept and item not in base]


def dotted(leaf: Leaf) -> str:
    return ".".join(leaf)
