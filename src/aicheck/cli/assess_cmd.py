"""`aicheck assess`: pick an asker, run the interview, print the summary or how to resume.

The questionnaire itself lives in :mod:`aicheck.interview`; this module only wires it to
the terminal.  A terminal gets the rich prompt; piped stdin is read one reply per line;
``--no-input`` asks nothing and fails (exit 2) when anything is still unanswered.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from aicheck import service
from aicheck.cli.output import emit, note, use_color
from aicheck.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, AicheckError
from aicheck.files.reading import reply_lines
from aicheck.interview.asker import Asker, Event, Prompt, Reply
from aicheck.interview.plan import Step
from aicheck.interview.scripted import LineAsker
from aicheck.interview.state import still_missing
from aicheck.models.answers import AnswersFile
from aicheck.models.settings import RunSettings

LIST_LIMIT = 40


def run(
    settings: RunSettings,
    path: Path,
    *,
    review: bool,
    no_input: bool,
    again: Sequence[str] = (),
    force: bool = False,
) -> int:
    if again and (review or no_input):
        raise AicheckError("--ask cannot be combined with --review or --no-input")
    asker: Asker
    if no_input:
        asker = _NoInput()
    elif sys.stdin.isatty():
        from aicheck.cli.rich_asker import RichAsker

        asker = RichAsker()
    else:
        asker = LineAsker(reply_lines(sys.stdin.buffer, "input"), sys.stderr)
    # A read-only file is refused only when questions may be asked: --no-input writes nothing.
    interview = service.interview(
        settings, path, asker, review=review, ask=not no_input, again=again, force=force
    )
    resume = interview.resume

    if no_input:
        remaining = interview.session.remaining()
        if remaining:
            _list_remaining(path, remaining, interview.session.answers, review, resume)
            return EXIT_USAGE
        _summary(settings, path, interview)
        return EXIT_OK

    try:
        result = interview.session.run()
    except KeyboardInterrupt as exc:
        note("")
        note("Interrupted. " + _saved_line(path, interview.writer.exists))
        if interview.writer.exists:
            note(f"Resume with: {resume}")
        signum = getattr(exc, "signum", None)  # SIGTERM, SIGHUP: cli.Stopped
        return EXIT_INTERRUPTED if signum is None else 128 + signum

    if result.outcome == "quit":
        note(_saved_line(path, result.saved))
        # Counted as --no-input lists them: each question of a checklist on its own.
        left = _count(result.remaining, interview.session.answers)
        if result.saved and left:
            what = "to review" if review else "unanswered"
            note(f"{left} question(s) {what} so far. Resume with: {resume}")
        elif result.saved:
            note("Nothing is left to answer; `aicheck check` gates the file as it is.")
        return EXIT_OK

    _summary(settings, path, interview)
    if result.remaining:
        note(
            f"{_count(result.remaining, interview.session.answers)} question(s) skipped or "
            f"still open; answer them with: {resume}"
        )
    return EXIT_OK


def _count(remaining: Sequence[Step], answers: AnswersFile) -> int:
    return sum(len(still_missing(step, answers)) for step in remaining)


def _saved_line(path: Path, saved: bool) -> str:
    if not saved:
        return f"Nothing was saved yet ({path.as_posix()} was not created)."
    return f"Every answer given so far is saved in {path.as_posix()}."


def _list_remaining(
    path: Path, remaining: list[Step], answers: AnswersFile, review: bool, resume: str
) -> None:
    what = "to review (missing, a gap, or stale)" if review else "still unanswered"
    missing = [item for step in remaining for item in still_missing(step, answers)]
    note(f"aicheck: error: {len(missing)} question(s) {what} in {path.as_posix()}:")
    lines = [f"  {label}: {text}" for label, text in missing]
    for line in lines[:LIST_LIMIT]:
        note(line)
    if len(lines) > LIST_LIMIT:
        note(f"  ... and {len(lines) - LIST_LIMIT} more")
    note("More may follow from these answers.")
    note(f"Answer them with: {resume}")


def _summary(settings: RunSettings, path: Path, interview: service.Interview) -> None:
    text = service.summary(settings, path, color=use_color(), provider=interview.still_to_get())
    emit(text, None)


class _NoInput:
    """--no-input: the session is only used to list what is left; asking is a bug."""

    def ask(self, prompt: Prompt) -> Reply:  # pragma: no cover - never called
        raise AicheckError("--no-input: cannot ask " + "/".join(prompt.key))

    def show(self, event: Event) -> None:  # pragma: no cover - never called
        return None
