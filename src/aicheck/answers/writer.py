"""Write answers back into an answers file without losing what a person wrote in it.

The file is reviewed in pull requests, so a rewrite must keep comments, key order,
quoting, the indentation style and any ``x-`` fields someone added.  ruamel.yaml's
round-trip mode does that (:mod:`aicheck.answers.roundtrip`); this module says which
keys ``aicheck assess`` sets and in which order they belong.  Every save is checked with
the same rules as :func:`aicheck.answers.load.load_answers` before the file is replaced
atomically, so a bug here can never leave an unloadable file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aicheck.answers.load import answer_problems
from aicheck.answers.roundtrip import Document, Placement
from aicheck.catalog.library import Library
from aicheck.errors import AnswersError, ProblemList
from aicheck.files.atomic import write_atomic
from aicheck.files.validation import problems_from
from aicheck.files.yamlio import parse, read_text
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
        self.exists = path.exists()
        if self.exists:
            self._document = Document.parse(read_text(path), path)
        else:
            self._document = Document.new(NEW_FILE_HEADER.format(path=path.as_posix()))
            self._document.put([("aicheck", TOP_LEVEL_ORDER)], 1)

    # ---- reading -----------------------------------------------------------------------

    def get(self, *keys: str) -> Any:
        """The value at ``keys`` (None when absent), as plain Python data."""
        return self._document.get(keys)

    # ---- changing ----------------------------------------------------------------------

    def set_system(self, field: str, value: str | None) -> None:
        self._document.put([("system", TOP_LEVEL_ORDER), (field, SYSTEM_ORDER)], value)

    def set_provider(self, updates: Mapping[str, Any], remove: Iterable[str] = ()) -> None:
        """Set some fields of the ``provider:`` block; the others stay."""
        self._document.update([("provider", TOP_LEVEL_ORDER)], updates, remove, PROVIDER_ORDER)

    def set_frameworks(self, ids: Sequence[str]) -> None:
        self._document.put_items([("frameworks", TOP_LEVEL_ORDER)], ids)

    def set_screening(self, framework: str, question: str, value: Any) -> None:
        order = [q.id for q in self.library.frameworks[framework].questions]
        path = [*self._framework_path("screening", framework), (question, order)]
        self._document.put(path, value)

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
        self._document.update(path, updates, remove, CONTROL_ORDER)

    # ---- writing -----------------------------------------------------------------------

    def render(self) -> str:
        return self._document.render()

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

    def _framework_path(self, section: str, framework: str) -> list[Placement]:
        return [(section, TOP_LEVEL_ORDER), (framework, list(self.library.frameworks))]
