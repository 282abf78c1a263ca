"""`aicheck assess`: pick an asker, run the interview, print the summary or how to resume.

The questionnaire itself lives in :mod:`aicheck.interview`; this module only wires it to
the terminal.  A terminal gets the rich prompt; piped stdin is read one reply per line;
``--no-input`` asks nothing and fails (exit 2) when anything is still unanswered.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.cli.output import note
from aicheck.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, AicheckError
from aicheck.gate import evaluate
from aicheck.interview.asker import Asker, Event, Prompt, Reply
from aicheck.interview.plan import Step, choose_frameworks
from aicheck.interview.scripted import LineAsker
from aicheck.interview.session import Session
from aicheck.models.settings import RunSettings
from aicheck.render.formats import RenderOptions, render
from aicheck.service import check_files, library_for, today

LIST_LIMIT = 40


def run(settings: RunSettings, path: Path, *, review: bool, no_input: bool) -> int:
    library = library_for(settings)
    frameworks = settings.frameworks
    for fid in frameworks:
        if fid not in library.frameworks:
            known = ", ".join(sorted(library.frameworks))
            raise AicheckError(f"unknown framework {fid!r}; known: {known}")
    existing = load_answers(path, library).answers if path.exists() else None
    chosen = choose_frameworks(library, existing, frameworks)
    resume = resume_command(path, frameworks, settings.frameworks_dir, review)

    writer = AnswersWriter(path, library)
    asker: Asker
    if no_input:
        asker = _NoInput()
    elif sys.stdin.isatty():
        from aicheck.cli.rich_asker import RichAsker

        asker = RichAsker()
    else:
        asker = LineAsker(sys.stdin, sys.stderr)
    session = Session(
        asker,
        writer,
        library,
        frameworks=chosen,
        as_of=settings.as_of,
        answers=existing,
        review=review,
        review_days=settings.review_days,
        reviewed_on=today(),
    )

    if no_input:
        remaining = session.remaining()
        if remaining:
            _list_remaining(path, remaining, review, resume)
            return EXIT_USAGE
        _summary(path, library, settings)
        return EXIT_OK

    try:
        result = session.run()
    except KeyboardInterrupt:
        note("")
        note("Interrupted. " + _saved_line(path, writer.exists))
        if writer.exists:
            note(f"Resume with: {resume}")
        return EXIT_INTERRUPTED

    if result.outcome == "quit":
        note(_saved_line(path, result.saved))
        left = len(result.remaining)
        if result.saved and left:
            what = "to review" if review else "unanswered"
            note(f"{left} question(s) {what} so far. Resume with: {resume}")
        elif result.saved:
            note("Nothing is left to answer; `aicheck check` gates the file as it is.")
        return EXIT_OK

    _summary(path, library, settings)
    if result.remaining:
        note(
            f"{len(result.remaining)} question(s) skipped or still open; answer them with: {resume}"
        )
    return EXIT_OK


def resume_command(
    path: Path, frameworks: Sequence[str], frameworks_dirs: Sequence[Path], review: bool
) -> str:
    """The exact command that continues this interview."""
    parts = ["aicheck", "assess", path.as_posix()]
    for fid in frameworks:
        parts += ["--framework", fid]
    for folder in frameworks_dirs:
        parts += ["--frameworks-dir", folder.as_posix()]
    if review:
        parts.append("--review")
    return shlex.join(parts)


def _saved_line(path: Path, saved: bool) -> str:
    if not saved:
        return f"Nothing was saved yet ({path.as_posix()} was not created)."
    return f"Every answer given so far is saved in {path.as_posix()}."


def _list_remaining(path: Path, remaining: list[Step], review: bool, resume: str) -> None:
    what = "to review (missing, a gap, or stale)" if review else "still unanswered"
    note(f"aicheck: error: {len(remaining)} question(s) {what} in {path.as_posix()}:")
    for step in remaining[:LIST_LIMIT]:
        note(f"  {step.label}: {step.text}")
    if len(remaining) > LIST_LIMIT:
        note(f"  ... and {len(remaining) - LIST_LIMIT} more")
    note("More may follow from these answers.")
    note(f"Answer them with: {resume}")


def _summary(path: Path, library: Library, settings: RunSettings) -> None:
    """The same summary `aicheck check` prints, then the next steps."""
    # Of the frameworks the file names: the interview has just written its choice there.
    report = check_files([path], replace(settings, frameworks=()), library)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    gate = evaluate(report, settings.fail_on)
    text = render(report, gate, "text", RenderOptions(color=color))
    name = shlex.quote(path.as_posix())
    sys.stdout.write(
        f"{text}\n\nNext steps:\n"
        f"  aicheck report {name} -o ai-report.md    # the Markdown report for sign-off\n"
        f"  aicheck check {name} --fail-on {settings.fail_on}      # add this line to CI\n"
    )
    sys.stdout.flush()


class _NoInput:
    """--no-input: the session is only used to list what is left; asking is a bug."""

    def ask(self, prompt: Prompt) -> Reply:  # pragma: no cover - never called
        raise AicheckError("--no-input: cannot ask " + "/".join(prompt.key))

    def show(self, event: Event) -> None:  # pragma: no cover - never called
        return None
