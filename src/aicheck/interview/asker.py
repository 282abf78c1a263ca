"""How the interview talks to a person: prompts out, replies back, nothing else.

The questionnaire core never reads a terminal.  It hands an :class:`Asker` a
:class:`Prompt` and gets a :class:`Reply`; it tells the asker what happened with
:meth:`Asker.show`.  The rich terminal prompt and the line-based scripted asker are two
implementations; both turn typed text into a reply with
:func:`aicheck.interview.replies.parse_reply`, so they accept exactly the same answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from aicheck.models.report import Classification

PromptKind = Literal[
    "boolean",
    "choice",
    "multi",
    "number",
    "date",
    "text",
    "checklist",
    "status",
    "category",
    "justification",
    "evidence",
    "plan",
    "provider",
]
"""``checklist``: numbered items, the reply picks those that apply.  ``category``: one
status for a whole group of items, or ``d`` to answer them one by one.  ``plan``: who
closes a gap and by when.  ``provider``: a provider's name and contact."""

FOLLOW_UP_KINDS = frozenset({"justification", "evidence", "plan"})
"""Prompts that continue the question above them rather than start a new one."""

Key = tuple[str, ...]
"""Which step a prompt belongs to: ("system", "name"), ("screening", fw, question),
("checklist", fw, first question), ("controls", fw, control), ("category", fw, group),
("frameworks",), ("provider", field)."""


class Command(StrEnum):
    BACK = "back"
    SKIP = "skip"
    QUIT = "quit"
    HELP = "help"
    KEEP = "keep"  # Enter on a question that already has an answer
    REST = "rest"  # the same answer for the rest of the section


@dataclass(frozen=True)
class Answer:
    """A reply that answers: bool, int, float, str, a tuple of str, or None (left empty).

    ``note`` is the text after ``#`` on a status reply (``y # trained in May``)."""

    value: bool | int | float | str | tuple[str, ...] | None
    note: str | None = None


@dataclass(frozen=True)
class ExplainItem:
    """``?3`` on a checklist: explain item 3."""

    index: int


Reply = Answer | Command | ExplainItem


@dataclass(frozen=True)
class Choice:
    """One allowed reply: what to type, what it stands for, and how to say it."""

    token: str
    value: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One line of a checklist (picked by its number) or of a category (listed only)."""

    value: str
    text: str
    ref: str | None = None
    help: str | None = None


@dataclass(frozen=True)
class Section:
    framework: str | None
    framework_name: str
    title: str
    ref: str | None = None
    id: str | None = None
    """The catalog group this section shows, if any."""


@dataclass(frozen=True)
class Progress:
    """Where the interview is: ``position`` of about ``total`` questions.

    ``position`` only moves forward; ``total`` changes only by the questions an answer
    adds or removes, and is ``exact`` once no pending answer can change it."""

    position: int
    total: int
    exact: bool = True

    def text(self) -> str:
        if self.exact:
            return f"[{self.position}/{self.total}]"
        return f"[{self.position}, about {max(self.total - self.position + 1, 1)} left]"


@dataclass(frozen=True)
class Prompt:
    key: Key
    kind: PromptKind
    text: str
    section: Section
    progress: Progress | None
    """None for the prompts that are not counted (the system, frameworks, provider)."""
    citation: str | None = None
    title: str | None = None
    help: str | None = None
    evidence_help: str | None = None
    choices: tuple[Choice, ...] = ()
    items: tuple[Item, ...] = ()
    """A checklist's numbered items, or the items a category answer covers."""
    current: str | None = None
    """The answer already in the file, worded for display; Enter keeps it."""
    default: bool = False
    """``current`` is not in the file but what Enter takes (a suggestion)."""
    required: bool = True
    can_go_back: bool = True
    can_skip: bool = True
    can_rest: bool = False
    """Whether ``r`` may answer the rest of the section at once."""
    takes_note: bool = False
    """Whether ``# text`` after the answer records a note."""
    earliest: dt.date | None = None
    """For a plan: the first target date allowed (today)."""

    @property
    def current_label(self) -> str:
        return "default" if self.default else "current answer"

    def hint_lines(self) -> list[str]:
        """The allowed replies for a screen: a long list of choices one per line."""
        long_labels = any(len(c.label) > 24 for c in self.choices)
        if self.kind in ("choice", "multi") and (len(self.choices) > 3 or long_labels):
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
        elif self.kind == "category":
            words = [f"{c.token} = {c.label}" for c in self.choices]
            words.append("?N explains item N")
        elif self.kind == "multi":
            words = [f"{c.token} = {c.label}" for c in self.choices]
            words.append("several separated by commas, or none")
        elif self.kind == "checklist":
            words = ["the numbers that apply, e.g. 1,3 or 1-3", "none (or n)", "?N explains item N"]
        elif self.kind == "number":
            words = ["a number, e.g. 3.2e24"]
        elif self.kind == "date":
            words = ["a date as YYYY-MM-DD, e.g. 2028-06-30"]
        elif self.kind == "evidence":
            words = ["paths or URLs separated by commas", "- to clear"]
        elif self.kind == "plan":
            words = ["owner, target date (YYYY-MM-DD), e.g. risk-team, 2027-06-30", "- to clear"]
        elif self.kind == "provider":
            words = ["the provider's name; a contact after ';' if you have one"]
        else:
            words = ["free text"]
        if self.takes_note:
            words.append("add '# text' to note something")
        if self.can_rest:
            words.append("r = this answer for the rest of the section")
        if self.current is not None:
            words.append(
                "Enter takes the default" if self.default else "Enter keeps the current answer"
            )
        elif not self.required:
            words.append("Enter leaves it empty")
        if self.kind != "checklist":
            words.append("? explains")
        if self.can_go_back:
            words.append("b = back")
        if self.can_skip:
            words.append("s = skip")
        words.append("q = save and quit")
        return words


STATUS_CHOICES = (
    Choice("y", "implemented", "yes, in place", ("yes", "implemented")),
    Choice("p", "partial", "partly", ("partial", "partly")),
    Choice("n", "not_implemented", "no", ("no", "not_implemented")),
    Choice("na", "not_applicable", "not applicable", ("n/a", "not_applicable", "not applicable")),
    Choice("pl", "planned", "planned", ("planned", "plan")),
)
STATUS_WORDS = {c.value: c.label for c in STATUS_CHOICES}

DETAIL = "detail"
CATEGORY_CHOICES = (
    STATUS_CHOICES[0],
    Choice("p", "partial", "partly: answer each item", ("partial", "partly")),
    *STATUS_CHOICES[2:],
    Choice("d", DETAIL, "answer each item", ("detail",)),
)


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
    item: Item | None = None
    """The checklist item asked about (``?N``); None for the whole prompt."""


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
