"""A line-based asker: one reply per line from any text stream (a pipe, a file, a test).

It makes ``aicheck assess`` scriptable (``printf 'ACME bot\\n\\ny\\n' | aicheck assess``)
and is how the tests drive the interview.  Prompts are written as plain text to ``out``
(stderr on the command line, so stdout keeps only the summary).  When the input runs
out, it answers ``q``: everything given so far is already saved.  A line that is not an
allowed reply stops the run with an error naming the line, because guessing would put
the wrong answer into a file that gates releases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from aicheck.errors import AicheckError
from aicheck.interview.asker import (
    ClassificationUpdate,
    Command,
    Event,
    Explanation,
    Notice,
    Prompt,
    Reply,
    SectionStarted,
)
from aicheck.interview.replies import ReplyError, parse_reply
from aicheck.render.escape import terminal
from aicheck.render.summary import GPAI_LABEL, roles_line, tier_line


class LineAsker:
    def __init__(self, lines: Iterable[str], out: TextIO | None = None) -> None:
        self._lines: Iterator[str] = iter(lines)
        self.out = out
        self.line_number = 0
        self.exhausted = False
        self.prompts: list[Prompt] = []
        self.events: list[Event] = []

    def ask(self, prompt: Prompt) -> Reply:
        self.prompts.append(prompt)
        self._write(_prompt_text(prompt))
        try:
            raw = next(self._lines)
        except StopIteration:
            self.exhausted = True
            self._write("(end of input: saving and stopping)")
            return Command.QUIT
        self.line_number += 1
        raw = raw.rstrip("\r\n")
        self._write(f"> {terminal(raw)}")
        try:
            return parse_reply(prompt, raw)
        except ReplyError as exc:
            raise AicheckError(
                f"input line {self.line_number}: {terminal(raw)!r} does not answer "
                f"{'/'.join(prompt.key)}: {exc}"
            ) from None

    def show(self, event: Event) -> None:
        self.events.append(event)
        self._write(describe_event(event))

    def _write(self, text: str) -> None:
        if self.out is not None and text:
            self.out.write(text + "\n")
            self.out.flush()


def _prompt_text(prompt: Prompt) -> str:
    parts = []
    if prompt.progress is not None:
        parts.append(prompt.progress.text())
    if prompt.citation:
        parts.append(prompt.citation)
    if prompt.title:
        parts.append(terminal(prompt.title))
    lines = [" ".join(parts)] if parts else []
    lines.append(terminal(prompt.text))
    lines += item_lines(prompt)
    if prompt.current is not None:
        lines.append(f"{prompt.current_label}: {terminal(prompt.current)}")
    lines.append(f"({prompt.hint()})")
    return "\n".join(lines)


def item_lines(prompt: Prompt) -> list[str]:
    """A checklist's numbered items, or the items a category answer covers (with their
    references: a category lists its subcategories)."""
    lines = []
    for number, item in enumerate(prompt.items, start=1):
        if prompt.kind == "checklist":
            lines.append(f"  {number}. {terminal(item.text)}")
        else:
            ref = f"{terminal(item.ref)}  " if item.ref else ""
            lines.append(f"  - {ref}{terminal(item.text)}")
    return lines


def describe_event(event: Event) -> str:
    """Plain-text wording of an event (also used by the rich asker's tests)."""
    if isinstance(event, SectionStarted):
        s = event.section
        ref = f"{s.ref} " if s.ref else ""
        return f"\n== {terminal(s.framework_name)}: {ref}{terminal(s.title)} =="
    if isinstance(event, ClassificationUpdate):
        c = event.classification
        so_far = "" if event.complete else " (so far)"
        lines = [f"EU AI Act classification{so_far}: {tier_line(c)}"]
        lines.append(f"  roles: {roles_line(c)}; {GPAI_LABEL[c.gpai]}")
        lines += [f"  - {r.conclusion} ({', '.join(r.refs)})" for r in c.reasons]
        return "\n".join(lines)
    if isinstance(event, Explanation):
        p = event.prompt
        lines = []
        if event.item is not None:
            ref = f" ({terminal(event.item.ref)})" if event.item.ref else ""
            lines.append(f"{terminal(event.item.text)}{ref}")
            lines.append(terminal(event.item.help or "No further explanation for this item."))
            return "\n".join(lines)
        if p.help:
            lines.append(f"Why we ask: {terminal(p.help)}")
        if p.evidence_help:
            lines.append(f"What counts as evidence: {terminal(p.evidence_help)}")
        return "\n".join(lines) or "No further explanation for this question."
    if isinstance(event, Notice):
        return terminal(event.text)
    return ""
