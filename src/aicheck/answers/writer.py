"""Write answers back into an answers file without losing what a person wrote in it.

The file is reviewed in pull requests, so a rewrite must keep comments, key order,
quoting, the indentation style and any ``x-`` fields someone added.  ruamel.yaml's
round-trip mode does that (:mod:`aicheck.answers.roundtrip`); this module says which
keys ``aicheck assess`` sets and in which order they belong.  Every save is checked with
the same rules as :func:`aicheck.answers.load.load_answers` before the file is replaced
atomically, so a bug here can never leave an unloadable file.

Someone else may change the file while an interview runs (a hand edit, a second `aicheck
assess` in another terminal).  Each save therefore takes the file's lock, re-reads it, and
when it is no longer what this writer last read or wrote, puts this session's changes on
top of the version on disk (:mod:`aicheck.answers.merge`); when both changed the same
answer differently, the disk version stays as it is, this session's version is written
beside it and the save fails, naming both.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aicheck.answers.load import answer_problems
from aicheck.answers.merge import Change, Leaf, dotted, merge
from aicheck.answers.roundtrip import Document, Placement
from aicheck.catalog.library import Library
from aicheck.errors import AicheckError, AnswersError, ProblemList
from aicheck.files.atomic import create_exclusive, is_read_only, write_atomic
from aicheck.files.lock import locked
from aicheck.files.paths import display_path
from aicheck.files.reading import max_file_bytes, read_text
from aicheck.files.validation import problems_from
from aicheck.files.yamlio import parse
from aicheck.models.answers import AnswersFile

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
PROVIDER_ORDER = ("name", "contact", "documents")
ASSESSMENT_ORDER = ("assessor", "date", "scope", "approvers")
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
    """An answers file held as a round-trip YAML tree; ``save()`` writes it atomically.

    ``replace_read_only``: save even when the file has no write permission (assess
    --force); otherwise such a file is never replaced.
    """

    def __init__(self, path: Path, library: Library, *, replace_read_only: bool = False) -> None:
        self.path = path
        self.library = library
        self.replace_read_only = replace_read_only
        self._on_disk = _current_text(path)
        """The file as this writer last read or wrote it; None: there was no file."""
        self.exists = self._on_disk is not None
        self._changes: dict[Leaf, Change] = {}
        """What this session changed since its last save, answer by answer."""
        if self._on_disk is not None:
            self._document = Document.parse(self._on_disk, path)
        else:
            self._document = Document.new(NEW_FILE_HEADER.format(path=path.as_posix()))
            self._set(("aicheck",), 1, lambda d, v: d.put([("aicheck", TOP_LEVEL_ORDER)], v))

    # ---- reading -----------------------------------------------------------------------

    def get(self, *keys: str) -> Any:
        """The value at ``keys`` (None when absent), as plain Python data."""
        return self._document.get(keys)

    def refuse_read_only(self) -> None:
        """Stop before an interview on a file every answer would have to replace."""
        if not self.replace_read_only and is_read_only(self.path):
            raise AicheckError(
                "is read-only; assess saves every answer into it, so nothing was asked",
                path=self.path,
                hint="make it writable (chmod u+w), or pass --force to replace it anyway",
            )

    # ---- changing ----------------------------------------------------------------------

    def set_system(self, field: str, value: str | None) -> None:
        path = [("system", TOP_LEVEL_ORDER), (field, SYSTEM_ORDER)]
        self._set(("system", field), value, lambda d, v: d.put(path, v))

    def set_provider(self, updates: Mapping[str, Any], remove: Iterable[str] = ()) -> None:
        """Set some fields of the ``provider:`` block; the others stay."""
        path = [("provider", TOP_LEVEL_ORDER)]
        self._update(("provider",), path, PROVIDER_ORDER, updates, tuple(remove))

    def set_assessment(self, updates: Mapping[str, Any]) -> None:
        """Set some fields of the ``assessment:`` block; the others stay."""
        path = [("assessment", TOP_LEVEL_ORDER)]
        self._update(("assessment",), path, ASSESSMENT_ORDER, updates, ())

    def set_frameworks(self, ids: Sequence[str]) -> None:
        path = [("frameworks", TOP_LEVEL_ORDER)]
        self._set(("frameworks",), list(ids), lambda d, v: d.put_items(path, v))

    def set_screening(self, framework: str, question: str, value: Any) -> None:
        order = [q.id for q in self.library.frameworks[framework].questions]
        path = [*self._framework_path("screening", framework), (question, order)]
        self._set(("screening", framework, question), value, lambda d, v: d.put(path, v))

    def set_control(
        self,
        framework: str,
        control: str,
        updates: Mapping[str, Any],
        remove: Iterable[str] = (),
    ) -> None:
        """Set some fields of one control answer; every other field (owner, x-...) stays."""
        order = [c.id for c in self.library.frameworks[framework].controls]
        path = [*self._framework_path("controls", framework), (control, order)]
        leaf = ("controls", framework, control)
        self._update(leaf, path, CONTROL_ORDER, updates, tuple(remove))

    def _update(
        self,
        leaf: Leaf,
        path: Sequence[Placement],
        order: Sequence[str],
        updates: Mapping[str, Any],
        remove: tuple[str, ...],
    ) -> None:
        """Some fields of the mapping at ``path``, recorded one by one for merging."""

        def field_writer(name: str) -> Callable[[Document, Any], None]:
            def write(document: Document, value: Any) -> None:
                if value is None:
                    document.update(path, {}, (name,), order)
                else:
                    document.update(path, {name: value}, (), order)

            return write

        for name, value in [*updates.items(), *((name, None) for name in remove)]:
            self._record((*leaf, name), value, field_writer(name))
        # In one go, as a person would write it; the per-field writers are for merging.
        self._document.update(path, updates, remove, order)

    def _set(self, leaf: Leaf, value: Any, write: Callable[[Document, Any], None]) -> None:
        self._record(leaf, value, write)
        write(self._document, value)

    def _record(self, leaf: Leaf, value: Any, write: Callable[[Document, Any], None]) -> None:
        earlier = self._changes.get(leaf)
        before = self._document.get(leaf) if earlier is None else earlier.before
        self._changes[leaf] = Change(before, value, write)

    # ---- writing -----------------------------------------------------------------------

    def render(self) -> str:
        return self._document.render()

    def validate(self, text: str) -> AnswersFile:
        """Check ``text`` as `aicheck check` would load it; raise when it would not load."""
        size, limit = len(text.encode("utf-8")), max_file_bytes()
        if size > limit:  # `check` would refuse it, and assess could not resume
            raise AicheckError(
                f"saving would make the file {size} bytes, over the {limit}-byte limit "
                "aicheck reads; the last answer was not saved",
                path=self.path,
                hint="give a shorter answer, or raise AICHECK_MAX_FILE_BYTES",
            )
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
        """Validate, merge with what is on disk now, then replace the file atomically;
        returns what was written."""
        text = self.render()
        answers = self.validate(text)
        with contextlib.ExitStack() as held:
            try:
                held.enter_context(locked(Path(os.path.realpath(self.path))))
            except AicheckError as exc:  # a stopped `assess` holds it: keep this answer
                raise self._kept_beside(text, str(exc)) from None
            current = self._read_again(text)
            if current != self._on_disk:
                text, answers = self._merged(current, text)
            try:
                write_atomic(self.path, text, replace_read_only=self.replace_read_only)
            except AicheckError as exc:
                raise self._kept_beside(text, str(exc)) from None
        self._on_disk = text
        self._changes.clear()
        self.exists = True
        return answers

    def _read_again(self, mine: str) -> str | None:
        try:
            return _current_text(self.path)
        except AicheckError as exc:
            raise self._kept_beside(mine, f"cannot read it again: {exc}") from None

    def _merged(self, current: str | None, mine: str) -> tuple[str, AnswersFile]:
        """This session's changes on top of ``current``, the file as it is on disk now."""
        where = display_path(self.path)
        if current is None:
            raise self._kept_beside(mine, f"{where} was removed while this interview ran")
        try:
            parse(current, self.path)  # the strict reader names what is wrong, and where
            disk = Document.parse(current, self.path)
            clashes = merge(disk, self._changes)
            if clashes:
                shown = ", ".join(dotted(leaf) for leaf in clashes[:3])
                more = f" and {len(clashes) - 3} more" if len(clashes) > 3 else ""
                raise self._kept_beside(
                    mine,
                    f"{where} changed on disk while this interview ran, and the change "
                    f"gives other values to answers given here ({shown}{more})",
                )
            text = disk.render()
            answers = self.validate(text)
        except ConflictKept:
            raise
        except AicheckError as exc:
            reason = f"{where} changed on disk while this interview ran and cannot be merged"
            raise self._kept_beside(mine, f"{reason}: {exc}") from None
        self._document = disk
        return text, answers

    def _kept_beside(self, mine: str, reason: str) -> AicheckError:
        """Write this session's version beside the file (never over a file), and say so."""
        for number in range(1, 100):
            suffix = "" if number == 1 else f"-{number}"
            beside = self.path.with_name(f"{self.path.stem}.assess-conflict{suffix}.yaml")
            try:
                create_exclusive(beside, mine)
            except AicheckError as exc:
                if beside.exists() or beside.is_symlink():
                    continue
                return AicheckError(f"{reason}; this session's answers could not be kept: {exc}")
            return ConflictKept(
                f"{reason}; {display_path(self.path)} is left as it is on disk, and this "
                f"session's version is in {display_path(beside)}",
                hint="compare the two, keep what is right in the answers file, then remove "
                "the other and run assess again",
            )
        return AicheckError(f"{reason}; too many conflict files beside {self.path}")

    def _framework_path(self, section: str, framework: str) -> list[Placement]:
        return [(section, TOP_LEVEL_ORDER), (framework, list(self.library.frameworks))]


class ConflictKept(AicheckError):
    """A save that could not go into the answers file; this session's version is beside it."""


def _current_text(path: Path) -> str | None:
    """The file's text now; None when there is no file."""
    try:
        return read_text(path, kind="YAML")
    except AicheckError:
        if not path.exists():  # nor a symbolic link to a file yet to be written
            return None
        raise
