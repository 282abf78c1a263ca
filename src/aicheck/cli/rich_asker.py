"""The terminal asker: rich prompts with a header per section and a progress indicator.

Markup is off everywhere and every catalog or user string goes through
:func:`aicheck.render.escape.terminal`, so text is shown literally (a note containing
``[bold]`` or an escape sequence is printed as typed, never interpreted).
"""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from aicheck.interview.asker import (
    ClassificationUpdate,
    Command,
    Event,
    Explanation,
    Notice,
    Prompt,
    Reply,
    ReplyError,
    SectionStarted,
    parse_reply,
)
from aicheck.render.escape import terminal
from aicheck.render.summary import GPAI_LABEL, roles_line, tier_line


class RichAsker:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(highlight=False, markup=False, emoji=False)

    def ask(self, prompt: Prompt) -> Reply:
        self._print_prompt(prompt)
        while True:
            try:
                raw = self.console.input(Text("> ", style="bold cyan"))
            except EOFError:  # Ctrl-D: same as q, everything is already saved
                self.console.print()
                return Command.QUIT
            try:
                return parse_reply(prompt, raw)
            except ReplyError as exc:
                self.console.print(Text(f"  {exc}", style="yellow"))

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
            p = event.prompt
            if p.help:
                c.print(Text("Why we ask: ", style="bold").append(terminal(p.help)))
            if p.evidence_help:
                c.print(
                    Text("What counts as evidence: ", style="bold").append(
                        terminal(p.evidence_help)
                    )
                )
            if not (p.help or p.evidence_help):
                c.print("No further explanation for this question.")
        elif isinstance(event, Notice):
            style = "yellow" if event.level == "warning" else "green"
            c.print(Text(terminal(event.text), style=style))

    def _print_prompt(self, prompt: Prompt) -> None:
        c = self.console
        follow_up = prompt.kind in ("justification", "evidence", "owner", "note")
        if not follow_up:
            head = Text()
            if prompt.progress is not None and prompt.progress.applicable:
                done, total = prompt.progress.answered, prompt.progress.applicable
                head.append(f"[{done}/{total}] ", style="dim")
            if prompt.citation:
                head.append(terminal(prompt.citation), style="bold cyan")
                head.append("  ")
            if prompt.title:
                head.append(terminal(prompt.title), style="bold")
            c.print()
            if head.plain.strip():
                c.print(head)
        c.print(Text(terminal(prompt.text), style="" if follow_up else "bold"))
        if prompt.kind == "evidence" and prompt.evidence_help:
            c.print(Text(f"  What counts: {terminal(prompt.evidence_help)}", style="dim"))
        if prompt.current is not None:
            c.print(Text("  current answer: ", style="dim").append(terminal(prompt.current)))
        for line in prompt.hint_lines():
            c.print(Text(f"  {line}", style="dim"))
