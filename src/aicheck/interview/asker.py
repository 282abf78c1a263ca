"""How the interview talks to a person: prompts out, replies back, nothing else.

The questionnaire core never reads a terminal.  It hands an :class:`Asker` a
:class:`Prompt` and gets a :class:`Reply`; it tells the asker what happened with
:meth:`Asker.show`.  The rich terminal prompt and the line-based scripted asker are two
implementations; both turn typed text into a reply with :func:`parse_reply`, so they
accept exactly the same answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from aicheck.models.report import Classification

PromptKind = Literal[
    "boolean",
    "choice",
    "multi",
    "number",
    "text",
    "status",
    "justification",
    "evidence",
    "owner",
    "note",
]

Key = tuple[str, ...]
"""Where an answer lives in the file: ("system", "name"), ("screening", fw, question),
("controls", fw, control)."""


class Command(StrEnum):
    BACK = "back"
    SKIP = "skip"
    QUIT = "quit"
    HELP = "help"
    KEEP = "keep"  # Enter on a question that already has an answer


@dataclass(frozen=True)
class Answer:
    """A reply that answers: bool, int, float, str, a tuple of str, or None (left empty)."""

    value: bool | int | float | str | tuple[str, ...] | None


Reply = Answer | Command


@dataclass(frozen=True)
class Choice:
    """One allowed reply: what to type, what it stands for, and how to say it."""

    token: str
    value: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    framework: str | None
    framework_name: str
    title: str
    ref: str | None = None


@dataclass(frozen=True)
class Progress:
    answered: int
    applicable: int


@dataclass(frozen=True)
class Prompt:
    key: Key
    kind: PromptKind
    text: str
    section: Section
    progress: Progress | None
    """Screening questions and controls answered of those that apply; None for the
    system's own fields, which are not counted."""
    citation: str | None = None
    title: str | None = None
    help: str | None = None
    evidence_help: str | None = None
    choices: tuple[Choice, ...] = ()
    current: str | None = None
    """The answer already in the file, worded for display; Enter keeps it."""
    required: bool = True
    can_go_back: bool = True
    can_skip: bool = True

    def hint_lines(self) -> list[str]:
        """The allowed replies for a screen: a long list of choices one per line."""
        if self.kind in ("choice", "multi") and len(self.choices) > 3:
            words = self._hint_words()
            return [*words[: len(self.choices)], ", ".join(words[len(self.choices) :])]
        return [self.hint()]

    def hint(self) -> str:
        """The allowed replies in one line, e.g. 'y = yes, n = no'."""
        return ", ".join(self._hint_words())

    def _hint_words(self) -> list[str]:
        if self.kind == "boolean":
            words = ["y = yes", "n = no"]
        elif self.kind in ("status", "choice"):
            words = [f"{c.token} = {c.label}" for c in self.choices]
        elif self.kind == "multi":
            words = [f"{c.token} = {c.label}" for c in self.choices]
            words.append("several separated by commas, - for none")
        elif self.kind == "number":
            words = ["a number, e.g. 3.2e24"]
        elif self.kind == "evidence":
            words = ["paths or URLs separated by commas", "- to clear"]
        elif self.kind == "owner":
            words = ["a person, team or mailbox", "- to clear"]
        elif self.kind in ("note", "justification"):
            words = ["free text"] + (["- to clear"] if self.kind == "note" else [])
        else:
            words = ["free text"]
        if self.current is not None:
            words.append("Enter keeps the current answer")
        elif not self.required:
            words.append("Enter leaves it empty")
        words.append("? explains")
        if self.can_go_back:
            words.append("b = back")
        if self.can_skip:
            words.append("s = skip")
        words.append("q = save and quit")
        return words


# ---- events the core reports --------------------------------------------------------


@dataclass(frozen=True)
class SectionStarted:
    section: Section


@dataclass(frozen=True)
class ClassificationUpdate:
    classification: Classification
    complete: bool
    """True once every screening question asked so far has an answer."""


@dataclass(frozen=True)
class Explanation:
    prompt: Prompt


@dataclass(frozen=True)
class Notice:
    text: str
    level: Literal["info", "warning"] = "info"


Event = SectionStarted | ClassificationUpdate | Explanation | Notice


class Asker(Protocol):
    def ask(self, prompt: Prompt) -> Reply:
        """Ask once and return the reply; may raise KeyboardInterrupt."""
        ...

    def show(self, event: Event) -> None: ...


# ---- turning typed text into a reply ------------------------------------------------


class ReplyError(ValueError):
    """The text is not an allowed reply; the message says what is."""


COMMANDS = {"b": Command.BACK, "s": Command.SKIP, "q": Command.QUIT, "?": Command.HELP}

STATUS_CHOICES = (
    Choice("y", "implemented", "yes, in place", ("yes", "implemented")),
    Choice("p", "partial", "partly", ("partial", "partly")),
    Choice("n", "not_implemented", "no", ("no", "not_implemented")),
    Choice("na", "not_applicable", "not applicable", ("n/a", "not_applicable", "not applicable")),
    Choice("pl", "planned", "planned", ("planned", "plan")),
)
STATUS_WORDS = {c.value: c.label for c in STATUS_CHOICES}

_YES = {"y", "yes", "true"}
_NO = {"n", "no", "false"}
CLEAR = "-"


def parse_reply(prompt: Prompt, raw: str) -> Reply:
    """Read one line typed for ``prompt``; raise :class:`ReplyError` when it is not allowed."""
    text = raw.strip()
    lowered = text.lower()
    if lowered in COMMANDS:
        command = COMMANDS[lowered]
        if command is Command.BACK and not prompt.can_go_back:
            raise ReplyError("this is the first question; there is nothing to go back to")
        if command is Command.SKIP and not prompt.can_skip:
            raise ReplyError("this one cannot be skipped")
        return command
    if not text:
        if prompt.current is not None:
            return Command.KEEP
        if not prompt.required:
            return Answer(None)
        if prompt.can_skip:
            raise ReplyError("an answer is needed (s skips it for now, ? explains)")
        raise ReplyError("an answer is needed (? explains)")
    kind = prompt.kind
    if kind == "boolean":
        if lowered in _YES:
            return Answer(True)
        if lowered in _NO:
            return Answer(False)
        raise ReplyError("answer y (yes) or n (no)")
    if kind in ("choice", "status"):
        return Answer(_one_choice(prompt, text))
    if kind == "multi":
        if text == CLEAR:
            return Answer(())
        picked = [_one_choice(prompt, part.strip()) for part in text.split(",")]
        return Answer(tuple(dict.fromkeys(p for p in picked)))
    if kind == "number":
        return Answer(_number(text))
    if kind == "evidence":
        if text == CLEAR:
            return Answer(())
        items = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
        return Answer(items)
    if kind in ("note", "owner") and text == CLEAR:
        return Answer(None)
    return Answer(text)


def _one_choice(prompt: Prompt, typed: str) -> str:
    """The choice ``typed`` names, in any case; the error quotes it as typed."""
    word = typed.lower()
    for i, choice in enumerate(prompt.choices, start=1):
        accepted = {choice.token.lower(), choice.value.lower(), str(i)} | {
            a.lower() for a in choice.aliases
        }
        if word in accepted:
            return choice.value
    if len(prompt.choices) > 3:  # long labels are on screen already, one per line
        allowed = ", ".join(c.token for c in prompt.choices)
    else:
        allowed = ", ".join(f"{c.token} ({c.label})" for c in prompt.choices)
    raise ReplyError(f"{typed!r} is not one of: {allowed}")


def _number(text: str) -> int | float:
    cleaned = text.replace("_", "").replace(" ", "")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        raise ReplyError("answer a number, for example 3.2e24") from None
    if not math.isfinite(value):
        raise ReplyError("answer a finite number")
    return value
