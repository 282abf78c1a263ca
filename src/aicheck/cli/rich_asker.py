"""The terminal asker: rich prompts with a header per section and a progress indicator.

Markup is off everywhere and every catalog or user string goes through
:func:`aicheck.render.escape.terminal`, so text is shown literally (a note containing
``[bold]`` or an escape sequence is printed as typed, never interpreted).

Replies are read with ``input()`` after loading the standard ``readline`` module where
it exists, which gives the line cursor keys and a history (arrow up brings back an
earlier reply) instead of writing the keys' escape codes into the answer.  The prompt
itself is passed to ``input()`` so that line editing knows where the reply starts.
"""

from __future__ import annotations

import contextlib

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from aicheck.interview.asker import (
    FOLLOW_UP_KINDS,
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

PROMPT = "> "


def enable_line_editing() -> bool:
    """Load ``readline`` (where the platform has it); True when it is in use."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return False
    with contextlib.suppress(Exception):  # a terminal readline cannot configure
        readline.parse_and_bind("set enable-bracketed-paste off")
    return True


class RichAsker:
    def __init__(self, console: Console | None = None, *, line_editing: bool = True) -> None:
        self.console = console or Console(highlight=False, markup=False, emoji=False)
        self.line_editing = line_editing and enable_line_editing()
        self._last_key: tuple[str, ...] | None = None

    def ask(self, prompt: Prompt) -> Reply:
        self._print_prompt(prompt)
        while True:
            try:
                raw = self._read()
            except EOFError:  # Ctrl-D: same as q, everything is already saved
                self.console.print()
                return Command.QUIT
            except UnicodeDecodeError:  # bytes that are not UTF-8, in a strict locale
                self.console.print(Text("  not valid UTF-8 text; type it again", style="yellow"))
                continue
            try:
                return parse_reply(prompt, raw)
            except ReplyError as exc:
                self.console.print(Text(f"  {exc}", style="yellow"))

    def _read(self) -> str:
        self.console.file.flush()
        return input(PROMPT)

    def show(self, event: Event) -> None:
        c = self.console
        if isinstance(event, SectionStarted):
            s = event.section
            title = f"{terminal(s.framework_name)}: "
            title += f"{terminal(s.ref)} · " if s.ref else ""
            title += terminal(s.title)
            c.print()
            c.print(Rule(Text(title, style="bold"), align="left"))
        elif isinstance(event, ClassificationUpdate):
            cl = event.classification
            label = "EU AI Act classification" + ("" if event.complete else " so far")
            line = Text(f"{label}: ", style="bold magenta")
            line.append(tier_line(cl), style="bold")
            c.print()
            c.print(line)
            c.print(Text(f"  roles: {roles_line(cl)}; {GPAI_LABEL[cl.gpai]}", style="dim"))
            for reason in cl.reasons:
                c.print(Text(f"  - {reason.conclusion} ({', '.join(reason.refs)})", style="dim"))
        elif isinstance(event, Explanation):
            self._explain(event)
        elif isinstance(event, Notice):
            style = "yellow" if event.level == "warning" else "green"
            c.print(Text(terminal(event.text), style=style))

    def _explain(self, event: Explanation) -> None:
        c, p = self.console, event.prompt
        if event.item is not None:
            ref = f" ({terminal(event.item.ref)})" if event.item.ref else ""
            c.print(Text(f"{terminal(event.item.text)}{ref}", style="bold"))
            c.print(terminal(event.item.help or "No further explanation for this item."))
            return
        if p.help:
            c.print(Text("Why we ask: ", style="bold").append(terminal(p.help)))
        if p.evidence_help:
            c.print(
                Text("What counts as evidence: ", style="bold").append(terminal(p.evidence_help))
            )
        if not (p.help or p.evidence_help):
            c.print("No further explanation for this question.")

    def _print_prompt(self, prompt: Prompt) -> None:
        c = self.console
        # A follow-up continues the question above it; one shown first (an interview
        # resumed inside an answer) gets that question's header.
        follow_up = prompt.kind in FOLLOW_UP_KINDS
        first = prompt.key != self._last_key
        self._last_key = prompt.key
        if not follow_up or first:
            head = Text()
            if prompt.progress is not None:
                head.append(prompt.progress.text() + " ", style="dim")
            if prompt.citation:
                head.append(terminal(prompt.citation), style="bold cyan")
                head.append("  ")
            if prompt.title:
                head.append(terminal(prompt.title), style="bold")
            c.print()
            if head.plain.strip():
                c.print(head)
        c.print(Text(terminal(prompt.text), style="" if follow_up else "bold"))
        if prompt.items:
            c.print(Padding(_items(prompt), (0, 0, 0, 2)))
        if prompt.kind == "evidence" and prompt.evidence_help:
            c.print(Text(f"  What counts: {terminal(prompt.evidence_help)}", style="dim"))
        if prompt.current is not None:
            label = f"  {prompt.current_label}: "
            c.print(Text(label, style="dim").append(terminal(prompt.current)))
        for line in prompt.hint_lines():
            c.print(Text(f"  {line}", style="dim"))


def _items(prompt: Prompt) -> Table:
    """A checklist's numbered items, or a category's items with their references; a long
    item wraps under its own text, not under the number."""
    numbered = prompt.kind == "checklist"
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right" if numbered else "left", no_wrap=True)
    grid.add_column()
    for number, item in enumerate(prompt.items, start=1):
        left = f"{number}." if numbered else terminal(item.ref or "-")
        grid.add_row(Text(left), Text(terminal(item.text)))
    return grid
