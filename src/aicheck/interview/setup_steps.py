"""The steps that set up an assessment rather than answer the law: which frameworks to
assess against, and (for a deployer, importer or distributor) who the provider is and
which of its documents the organisation holds."""

from __future__ import annotations

from typing import Any

from aicheck.catalog.library import Library
from aicheck.engine.provider_documents import DOCUMENT_HELP, DOCUMENT_LABELS, relevant_documents
from aicheck.interview.asker import Answer, Command, Item, Notice, Prompt, PromptKind
from aicheck.interview.checklist_step import picks_text
from aicheck.interview.plan import default_frameworks, in_order
from aicheck.interview.steps import StepContext, StepOutcome, Turn, command_outcome
from aicheck.models.answers import PROVIDER_DOCUMENTS
from aicheck.models.catalog import Framework

FRAMEWORKS_HELP = (
    "Binding law comes first and is selected unless you leave it out. Each voluntary "
    "framework adds its own checklist; pick it if your organisation follows it or is asked "
    "to show it does. The choice is stored as `frameworks:` in the file."
)
PROVIDER_HELP = (
    "A deployer relies on its provider's documents: the instructions for use say how to "
    "run the system within its intended purpose (Art. 26(1)), and the report lists what "
    "to ask the provider for."
)
DOCUMENTS_HELP = "Pick those you hold now; the report lists the others to ask your provider for."


def ask_frameworks(context: StepContext, turn: Turn) -> StepOutcome:
    library = context.library
    offered = in_order(library, list(library.frameworks))
    default = set(default_frameworks(library))
    prompt = _prompt(
        turn,
        "checklist",
        FRAMEWORKS_HELP,
        items=tuple(Item(fid, offer_line(library, library.frameworks[fid])) for fid in offered),
        current=", ".join(str(i) for i, fid in enumerate(offered, start=1) if fid in default),
        default=True,
        can_skip=False,
    )
    while True:
        reply = context.ask(prompt)
        if reply is Command.KEEP:
            chosen = [fid for fid in offered if fid in default]
        elif isinstance(reply, Answer) and isinstance(reply.value, tuple):
            chosen = [fid for fid in offered if fid in reply.value]
        else:
            return command_outcome(reply)
        if chosen:
            break
        context.asker.show(Notice("Pick at least one framework.", "warning"))
    context.writer.set_frameworks(chosen)
    context.save()
    return "changed"


def offer_line(library: Library, fw: Framework) -> str:
    """What a framework adds, in one line."""
    if fw.binding:
        return f"{fw.name} (binding law): what it requires of this system, and from when"
    tops = _top_groups(fw)
    return f"{fw.name} (voluntary, up to {_items_for_organisations(fw)} items): {', '.join(tops)}"


def ask_provider(context: StepContext, turn: Turn) -> StepOutcome:
    if turn.step.key[-1] == "documents":
        return _ask_documents(context, turn)
    provider = context.answers.provider
    current = None
    if provider is not None:
        current = provider.name + (f"; {provider.contact}" if provider.contact else "")
    reply = context.ask(_prompt(turn, "provider", PROVIDER_HELP, current=current, required=False))
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    if not isinstance(reply.value, tuple):
        return "skip"
    name, *contact = reply.value
    fields = {"name": name, "contact": contact[0] if contact else None}
    context.writer.set_provider(
        {k: v for k, v in fields.items() if v}, [k for k, v in fields.items() if not v]
    )
    context.save()
    return "changed"


def _ask_documents(context: StepContext, turn: Turn) -> StepOutcome:
    classification = turn.plan.classification
    assert classification is not None and context.answers.provider is not None
    relevant = relevant_documents(classification)
    held = context.answers.provider.documents
    answered = "documents" in context.answers.provider.model_fields_set
    reply = context.ask(
        _prompt(
            turn,
            "checklist",
            DOCUMENTS_HELP,
            items=tuple(
                Item(doc, DOCUMENT_LABELS[doc], help=DOCUMENT_HELP[doc]) for doc in relevant
            ),
            current=picks_text([doc in held for doc in relevant]) if answered else None,
        )
    )
    if not isinstance(reply, Answer):
        return command_outcome(reply)
    picked = set(reply.value) if isinstance(reply.value, tuple) else set()
    kept = {doc for doc in held if doc not in relevant}  # listed by hand: not ours to drop
    documents = [doc for doc in PROVIDER_DOCUMENTS if doc in picked | kept]
    if answered and documents == list(held):
        return "unchanged"
    context.writer.set_provider({"documents": documents})
    context.save()
    return "changed"


def _prompt(turn: Turn, kind: PromptKind, help_text: str, **extra: Any) -> Prompt:
    """A set-up question: not counted, and shown under its own section."""
    return Prompt(
        key=turn.step.key,
        kind=kind,
        text=turn.step.text,
        section=turn.step.section,
        progress=None,
        help=help_text,
        can_go_back=turn.can_go_back,
        **extra,
    )


def _top_groups(fw: Framework) -> list[str]:
    """The titles of the top-level groups that hold items for organisations."""
    parent = {g.id: g.parent for g in fw.groups}

    def top(group: str | None) -> str | None:
        while group is not None and parent.get(group) is not None:
            group = parent[group]
        return group

    used = {top(c.group) for c in fw.controls if c.audience == "organisation"}
    return [g.title for g in fw.groups if g.parent is None and g.id in used]


def _items_for_organisations(fw: Framework) -> int:
    return sum(1 for c in fw.controls if c.audience == "organisation")
