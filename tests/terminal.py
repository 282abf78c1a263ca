"""Drive the real `aicheck assess` in a pseudo-terminal, as a person at a keyboard would.

:class:`Terminal` spawns the command (pexpect), waits for each ``> `` prompt and hands
back the prompt as the screen shows it (styles stripped).  :class:`Persona` answers
like one kind of user: a rule for each question it expects (a pattern on the prompt's
text), a status for each control by its citation, and the follow-ups.  A prompt the
persona has no rule for fails the test with the prompt's text, so a new question is
noticed and its answer decided, never guessed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

_STYLE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|[\x07\x08]")
_PROMPT = re.compile(r"\r\n> ")
_HEADER = re.compile(r"^\[(\d+)(?:/(\d+)|, about (\d+) left)\] (.+?)(?:  |$)")


def spawn(cwd: Path, *args: str, timeout: int = 30) -> Any:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "200"}
    try:
        return pexpect.spawn(
            sys.executable,
            ["-m", "aicheck", "assess", *args],
            cwd=str(cwd),
            env=env,
            encoding="utf-8",
            timeout=timeout,
            dimensions=(60, 200),
        )
    except OSError as exc:  # pragma: no cover - no pseudo-terminals on this machine
        pytest.skip(f"cannot spawn in a pseudo-terminal: {exc}")


@dataclass(frozen=True)
class Screen:
    """One prompt as shown: the text since the last reply, and the prompt itself."""

    since_reply: str
    prompt: str

    @property
    def header(self) -> re.Match[str] | None:
        return _HEADER.match(self.prompt)

    @property
    def position(self) -> int | None:
        found = self.header
        return int(found.group(1)) if found else None

    @property
    def left(self) -> int | None:
        """Questions left, this one included (exact or about)."""
        found = self.header
        if not found:
            return None
        if found.group(2):
            return int(found.group(2)) - int(found.group(1)) + 1
        return int(found.group(3))

    @property
    def exact(self) -> bool:
        found = self.header
        return bool(found and found.group(2))

    @property
    def citation(self) -> str | None:
        found = self.header
        return found.group(4) if found else None


class Terminal:
    def __init__(self, cwd: Path, *args: str) -> None:
        self.child = spawn(cwd, *args)
        self.screens: list[Screen] = []

    def next(self) -> Screen | None:
        """The next prompt, or None when the command has ended."""
        import pexpect

        if self.child.expect([_PROMPT, pexpect.EOF]) == 1:
            return None
        shown = _STYLE.sub("", self.child.before)
        since_reply = shown.split("\r\n", 1)[1] if self.screens else shown
        screen = Screen(since_reply, since_reply.rsplit("\r\n\r\n", 1)[-1].strip("\r\n"))
        self.screens.append(screen)
        return screen

    def answer(self, text: str) -> None:
        self.child.sendline(text)

    def answer_each(self, replies: Sequence[str]) -> None:
        """Answer the next prompts with ``replies``, one each."""
        for reply in replies:
            assert self.next() is not None, f"ended before {reply!r}"
            self.answer(reply)

    def finish(self) -> int:
        import pexpect

        self.child.expect(pexpect.EOF)
        self.child.close()
        status: int = self.child.exitstatus
        return status

    @property
    def output(self) -> str:
        return "\r\n".join(s.since_reply for s in self.screens)


@dataclass
class Persona:
    """How one kind of user answers ``aicheck assess``."""

    rules: Sequence[tuple[str, str]]
    """(pattern found in the prompt, reply) for the questions without a citation (the
    system, the frameworks, the provider), first match wins."""
    screening: dict[str, str] = field(default_factory=dict)
    """A screening question's or checklist's citation -> the reply."""
    statuses: dict[str, str] = field(default_factory=dict)
    """A control's or category's citation -> the status typed (``y``, ``p # note``, ``r``)."""
    default_status: str = "n"
    rest: dict[str, str] = field(default_factory=dict)
    """A section's citation -> the status given to the rest of it after ``r``."""
    evidence: str = "docs/evidence.md"
    plan: str = "team@example.com, 2027-06-30"
    justification: str = "Not part of how this system is used."

    def reply(self, screen: Screen) -> str:
        prompt = screen.prompt
        if "One answer for these" in prompt:
            return self.rest[_section_of(screen)]
        if prompt.startswith("Evidence (optional)") or "\r\nEvidence (optional)" in prompt:
            return self.evidence
        if "Who closes this gap" in prompt:
            return "" if "current answer:" in prompt or "default:" in prompt else self.plan
        if "not apply to this system?" in prompt:
            return self.justification
        if "d = answer each item" in prompt or "y = yes, in place" in prompt:
            assert screen.citation is not None, prompt
            return self.statuses.get(screen.citation, self.default_status)
        if screen.citation is not None:
            if screen.citation in self.screening:
                return self.screening[screen.citation]
            raise AssertionError(f"the persona has no answer for this prompt:\n{prompt}")
        for pattern, reply in self.rules:
            if re.search(pattern, prompt):
                return reply
        raise AssertionError(f"the persona has no answer for this prompt:\n{prompt}")


def _section_of(screen: Screen) -> str:
    """The section a rest-of-section prompt names (its header's citation)."""
    assert screen.citation is not None, screen.prompt
    return screen.citation


@dataclass(frozen=True)
class Run:
    prompts: int
    screens: list[Screen]
    exit_status: int


def run_persona(persona: Persona, cwd: Path, *args: str, limit: int = 400) -> Run:
    """Answer every prompt as ``persona`` until the command ends."""
    terminal = Terminal(cwd, *args)
    while (screen := terminal.next()) is not None:
        terminal.answer(persona.reply(screen))
        assert len(terminal.screens) <= limit, "the interview does not end"
    return Run(len(terminal.screens), terminal.screens, terminal.finish())
