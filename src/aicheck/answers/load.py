"""Load an answers file: strict YAML, the model, then every id checked against the catalogs."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aicheck.catalog.library import SEPARATOR, Library
from aicheck.errors import AicheckError, AnswersError, ProblemList
from aicheck.files.validation import DATE_FORMAT, problems_from
from aicheck.files.yamlio import Document, Path_, load_file
from aicheck.models.answers import AnswersFile, ScreeningValue, iso_day
from aicheck.models.catalog import RETIRED_ANSWERS, Question
from aicheck.suggest import did_you_mean


@dataclass(frozen=True)
class LoadedAnswers:
    document: Document
    answers: AnswersFile


def load_answers(path: Path, library: Library) -> LoadedAnswers:
    return answers_from_document(load_file(path), library)


def answers_from_document(doc: Document, library: Library) -> LoadedAnswers:
    """Validate a parsed answers file (read from disk, or from git by `aicheck diff`)."""
    path = doc.path
    if not isinstance(doc.data, dict):
        raise AnswersError(
            "expected a mapping with 'aicheck: 1' and 'system:'",
            path=path,
            line=1,
            hint="start from `aicheck init`",
        )
    try:
        answers = AnswersFile.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from(exc, doc, AnswersError)
        # The rest of the file is checked against the catalogs too, so that one run
        # reports every mistake, not the next ones only after the first are fixed.
        rest = _without_entries(doc.data, [err["loc"] for err in exc.errors()])
        if rest is not None:
            try:
                answers = AnswersFile.model_validate(rest)
            except ValidationError:
                pass
            else:
                # Waivers set aside move the later ones up, so their positions in the
                # file are no longer known: their problems wait for the next run.
                shifted = rest.get("waivers") != doc.data.get("waivers")
                skip = ("waivers",) if shifted else ()
                problems += _catalog_problems(doc, answers, library, skip=skip)
        raise ProblemList(problems) from None
    problems = _catalog_problems(doc, answers, library)
    if problems:
        raise ProblemList(problems)
    return LoadedAnswers(doc, answers)


def _catalog_problems(
    doc: Document, answers: AnswersFile, library: Library, *, skip: tuple[str, ...] = ()
) -> list[AicheckError]:
    return [
        AnswersError(message, path=doc.path, line=doc.line_of(loc), hint=hint)
        for loc, message, hint in answer_problems(answers, library)
        if loc[0] not in skip
    ]


_ENTRIES = {"controls": 3, "screening": 3, "waivers": 2}
"""How deep one answer sits: controls.<framework>.<id>, screening.<framework>.<id>,
waivers[<n>]."""


def _without_entries(data: dict[str, Any], locs: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    """``data`` without the answers that failed validation, or None when a failure is not
    inside one answer (a missing system name, say) and nothing can be set aside."""
    rest = copy.deepcopy(data)
    drop: dict[tuple[Any, ...], None] = {}
    for loc in locs:
        depth = _ENTRIES.get(loc[0]) if loc and isinstance(loc[0], str) else None
        if depth is None or len(loc) < depth:
            return None
        drop[tuple(loc[:depth])] = None
    # Deepest and last first, so list positions still point at the right waiver.
    for entry in sorted(drop, key=lambda e: [str(p).zfill(12) for p in e], reverse=True):
        parent: Any = rest
        for part in entry[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None
        if isinstance(parent, dict):
            parent.pop(entry[-1], None)
        elif isinstance(parent, list) and isinstance(entry[-1], int) and entry[-1] < len(parent):
            del parent[entry[-1]]
    return rest


def answer_problems(
    answers: AnswersFile, library: Library
) -> Iterator[tuple[Path_, str, str | None]]:
    known = sorted(library.frameworks)
    for i, fid in enumerate(answers.frameworks or ()):
        if fid not in library.frameworks:
            yield ("frameworks", i), f"unknown framework {fid!r}", did_you_mean(fid, known)
    for fid, given in answers.screening.items():
        fw = library.frameworks.get(fid)
        if fw is None:
            yield ("screening", fid), f"unknown framework {fid!r}", did_you_mean(fid, known)
            continue
        questions = {q.id: q for q in fw.questions}
        for qid, value in given.items():
            loc: Path_ = ("screening", fid, qid)
            question = questions.get(qid)
            if question is None:
                yield loc, f"unknown question {qid!r} in {fid}", did_you_mean(qid, list(questions))
            else:
                problem = _value_problem(question, value)
                if problem:
                    yield loc, f"{qid}: {problem}", None
    for fid, given_controls in answers.controls.items():
        fw = library.frameworks.get(fid)
        if fw is None:
            yield ("controls", fid), f"unknown framework {fid!r}", did_you_mean(fid, known)
            continue
        ids = [c.id for c in fw.controls]
        for cid in given_controls:
            if cid not in ids:
                yield (
                    ("controls", fid, cid),
                    f"unknown control {cid!r} in {fid}",
                    did_you_mean(cid, ids),
                )
    all_controls = [
        f"{fid}{SEPARATOR}{c.id}" for fid, fw in library.frameworks.items() for c in fw.controls
    ]
    for i, waiver in enumerate(answers.waivers):
        problem = library.reference_problem(waiver.control)
        if problem:
            yield ("waivers", i, "control"), problem, did_you_mean(waiver.control, all_controls)


def _value_problem(question: Question, value: ScreeningValue) -> str | None:
    if value is None:
        return None
    options = [o.value for o in question.options]
    if question.type == "boolean" and not isinstance(value, bool):
        return "answer yes/true or no/false"
    if question.type == "number" and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        return "answer a number (for example 3.2e24)"
    if question.type == "date" and iso_day(value) is None:
        return f"{value!r} is not a date; {DATE_FORMAT}"
    if question.type == "choice" and value not in options:
        retired = RETIRED_ANSWERS.get(question.effect or "", {}).get(str(value))
        if retired is not None:
            return f"{value!r} is no longer an answer: {retired}"
        return f"answer one of: {', '.join(options)}"
    if question.type == "multi":
        if not isinstance(value, list):
            return f"answer a list drawn from: {', '.join(options)}"
        unknown = [v for v in value if v not in options]
        if unknown:
            return f"{unknown[0]!r} is not one of: {', '.join(options)}"
    if question.type == "text" and not isinstance(value, str):
        return "answer with text"
    return None


def load_each(
    paths: Iterable[Path], library: Library
) -> Iterator[LoadedAnswers | list[AicheckError]]:
    """Load files one at a time, yielding each file's answers or its problems.

    One at a time so a large inventory is never held in memory all at once.
    """
    for path in paths:
        try:
            yield load_answers(path, library)
        except ProblemList as exc:
            yield list(exc.problems)
        except AicheckError as exc:
            yield [exc]
