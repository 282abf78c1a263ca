"""What the signed report says, decided once for Markdown and HTML alike.

The renderers only lay this out: which gaps make the plan and in what order, which
provider documents a deployer needs, which fines are at stake, the next legal deadlines.
Nothing here is escaped: every renderer escapes for its own format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aicheck.engine.provider_documents import DOCUMENT_LABELS, asks_for_provider, relevant_documents
from aicheck.engine.severity import duty_severity
from aicheck.models.answers import ProviderDocument
from aicheck.models.report import (
    CONTROL_GAP_KINDS,
    ControlResult,
    Deadline,
    Finding,
    Report,
    SystemReport,
)
from aicheck.models.severity import SEVERITIES, Severity, rank
from aicheck.render.summary import tier_line

if TYPE_CHECKING:
    from aicheck.gate.verdict import GateResult

NEXT_DEADLINES = 3
"""How many legal deadlines the first page lists (the appendix has them all)."""

# The provider's duties that apply already (Art. 50 since 2026, Art. 53 since 2025); the
# high-risk documents are needed when the system's high-risk duties apply.
_IN_FORCE_DOCUMENTS = frozenset(
    {"ai_interaction_notice", "output_marking", "gpai_model_information"}
)


@dataclass(frozen=True)
class PlanItem:
    """One gap to close: what, how bad, by when the law wants it, who, by when the team
    said it would be done."""

    severity: Severity
    ref: str
    title: str
    problem: str
    legal_date: dt.date | None
    owner: str | None
    due: dt.date | None
    framework: str
    binding: bool = True
    remedy: str | None = None
    """What closes the gap, in aicheck's or the catalog's words (never user text)."""


@dataclass(frozen=True)
class ProviderDocumentRow:
    document: ProviderDocument
    label: str
    """What it is, with the article that puts the duty on the provider."""
    held: bool


@dataclass(frozen=True)
class PenaltyRow:
    ref: str
    sentence: str
    duties: tuple[str, ...]


@dataclass(frozen=True)
class UnansweredGroup:
    framework: str
    group: str
    unanswered: int
    refs: tuple[str, ...]


@dataclass(frozen=True)
class GateLine:
    threshold: str
    failed: bool
    failing: int


@dataclass(frozen=True)
class SignOff:
    """The signed report of one system: the first page, then what the appendices hold."""

    system: SystemReport
    as_of: dt.date
    tool_version: str
    tier: str | None
    legal_basis: tuple[str, ...]
    gate: GateLine
    plan: tuple[PlanItem, ...]
    next_deadlines: tuple[Deadline, ...]
    provider_name: str | None
    provider_documents: tuple[ProviderDocumentRow, ...]
    obligations: tuple[ControlResult, ...]
    voluntary_answered: tuple[ControlResult, ...]
    voluntary_unanswered: tuple[UnansweredGroup, ...]
    penalties: tuple[PenaltyRow, ...]
    open_counts: tuple[tuple[Severity, int], ...]
    remedies: dict[tuple[str, str], str]
    """What closes each open gap, by (framework, control id): shown with the obligations."""

    def remedy(self, control: ControlResult) -> str:
        return self.remedies.get((control.framework, control.id), "")


def build(report: Report, index: int, gate: GateResult) -> SignOff:
    """The sign-off content of ``report.systems[index]``."""
    system = report.systems[index]
    c = system.classification
    live = [f for f in system.findings if not f.waived]
    documents = provider_documents(system)
    return SignOff(
        system=system,
        as_of=report.as_of,
        tool_version=report.tool_version,
        tier=None if c is None else tier_line(c),
        legal_basis=() if c is None else tuple(dict.fromkeys(r for x in c.reasons for r in x.refs)),
        gate=GateLine(
            threshold=gate.threshold,
            failed=gate.system_failed[index],
            failing=sum(1 for f in live if gate.fails(f)),
        ),
        plan=plan(report, system, documents),
        next_deadlines=system.deadlines[:NEXT_DEADLINES],
        provider_name=None if system.provider is None else system.provider.name,
        provider_documents=documents,
        obligations=tuple(x for x in system.controls if x.binding),
        voluntary_answered=tuple(
            x for x in system.controls if not x.binding and x.state != "unanswered"
        ),
        voluntary_unanswered=_unanswered_groups(system),
        penalties=_penalties(system),
        open_counts=tuple((s, sum(1 for f in live if f.severity == s)) for s in SEVERITIES),
        remedies={
            (f.framework, f.item): f.remedy
            for f in system.findings
            if f.kind in CONTROL_GAP_KINDS and f.item and f.remedy
        },
    )


def _unanswered_voluntary(system: SystemReport) -> set[tuple[str, str]]:
    return {
        (x.framework, x.id) for x in system.controls if x.state == "unanswered" and not x.binding
    }


def plan(
    report: Report, system: SystemReport, documents: tuple[ProviderDocumentRow, ...] = ()
) -> tuple[PlanItem, ...]:
    """Every open finding except voluntary controls nobody answered yet (summarised per
    group in an appendix), plus the provider documents still to get; ordered by
    severity, then the date the law sets, then the team's target date."""
    summarised = _unanswered_voluntary(system)
    voluntary = {(x.framework, x.id) for x in system.controls if not x.binding}
    states: dict[tuple[str, str | None], str] = {
        (x.framework, x.id): x.state for x in system.controls
    }
    items = [
        _plan_item(
            f,
            binding=(f.framework, f.item) not in voluntary,
            state=states.get((f.framework, f.item)),
        )
        for f in system.findings
        if not f.waived and not (f.kind == "gap" and (f.framework, f.item) in summarised)
    ]
    items += _document_items(report, system, documents)
    order = {id(item): n for n, item in enumerate(items)}
    return tuple(
        sorted(
            items,
            key=lambda i: (
                -rank(i.severity),
                i.legal_date or dt.date.min,
                i.due or dt.date.max,
                order[id(i)],
            ),
        )
    )


def _plan_item(f: Finding, *, binding: bool, state: str | None) -> PlanItem:
    problem = f.message.removeprefix(f"{f.ref} {f.title}: ").removeprefix(f"{f.ref}: ")
    gap = f.kind in CONTROL_GAP_KINDS
    return PlanItem(
        severity=f.severity,
        ref=f.ref or "",
        title=f.title,
        problem=problem.split("; ")[0] if gap else problem,
        legal_date=f.applies_from,
        owner=f.owner,
        due=f.due,
        framework=f.framework,
        binding=binding,
        # A gap's remedy (the evidence expected) is in the obligations appendix; the
        # plan says what to do next about it (answer it, or give it an owner and a
        # target: a plan with neither commits nobody), and how to close what is not a
        # plain gap (evidence, staleness, waivers), so that it fits on the first page.
        remedy=_next_step(f, state) if gap else f.remedy,
    )


def _next_step(f: Finding, state: str | None) -> str | None:
    """For a control's gap: what the team does next, short; None when owner and target
    are set (what closes it is in the obligations appendix)."""
    ask = f"`aicheck assess --ask {f.item}`"
    if state == "unanswered":
        return f"Answer it: {ask}."
    if f.owner is None and f.due is None:
        return f"Name an owner and a target date: {ask}."
    if f.owner is None:
        return f"Name an owner: {ask}."
    if f.due is None:
        return f"Set a target date: {ask}."
    return None


def provider_documents(system: SystemReport) -> tuple[ProviderDocumentRow, ...]:
    """For a deployer, importer or distributor: the provider's documents this tier calls
    for, each held or not (the interview asks with the same rule)."""
    c = system.classification
    if c is None or not asks_for_provider(c):
        return ()
    held = set() if system.provider is None else set(system.provider.documents)
    return tuple(
        ProviderDocumentRow(document=doc, label=DOCUMENT_LABELS[doc], held=doc in held)
        for doc in relevant_documents(c)
    )


def _document_items(
    report: Report, system: SystemReport, documents: tuple[ProviderDocumentRow, ...]
) -> list[PlanItem]:
    """A document still to get: the duty is the provider's. A high-risk document serves
    the team's own duties (Art. 26(1): use the system as its instructions say), so it is
    graded like a binding duty under way; an Art. 50 or model document serves no duty of
    the team's own, so it is low. It is a plan item, not a finding: it does not fail the
    gate."""
    # A high-risk document is needed when the system's high-risk duties apply (the
    # latest date among its duties; Art. 4 comes earlier); the others are in force.
    dates = [x.applies_from for x in system.controls if x.binding and x.applies_from]
    high_risk_date = max(dates) if dates else None
    name = system.provider.name if system.provider else "the provider"
    items = []
    for row in documents:
        if row.held:
            continue
        own_duty = row.document not in _IN_FORCE_DOCUMENTS
        legal_date = high_risk_date if own_duty else None
        severity = duty_severity(
            "planned",
            binding=True,
            applies_from=legal_date,
            as_of=report.as_of,
            lead_time=report.lead_time,
        )
        items.append(
            PlanItem(
                severity=(severity or "high") if own_duty else "low",
                ref="",
                title=row.label,
                problem=f"not yet obtained from {name}",
                remedy="Ask the provider for it and keep it with the system's records.",
                legal_date=legal_date,
                owner=system.system.owner,
                due=None,
                framework="eu-ai-act",
            )
        )
    return items


def _unanswered_groups(system: SystemReport) -> tuple[UnansweredGroup, ...]:
    titles = {(cov.framework, g.id): g.title for cov in system.coverage for g in cov.groups}
    names = {cov.framework: cov.name for cov in system.coverage}
    parents = {(cov.framework, g.id): g.parent for cov in system.coverage for g in cov.groups}
    grouped: dict[tuple[str, str], list[str]] = {}
    for x in system.controls:
        if x.state != "unanswered" or x.binding:
            continue
        group = x.group or ""
        while parents.get((x.framework, group)):
            group = parents[(x.framework, group)] or group
        grouped.setdefault((x.framework, group), []).append(x.ref)
    return tuple(
        UnansweredGroup(
            framework=names.get(fid, fid),
            group=titles.get((fid, gid), "other"),
            unanswered=len(refs),
            refs=tuple(refs),
        )
        for (fid, gid), refs in grouped.items()
    )


def _penalties(system: SystemReport) -> tuple[PenaltyRow, ...]:
    """Each fine once, with the open duties that carry it."""
    rows: dict[str, list[str]] = {}
    for x in system.controls:
        if x.penalty and x.severity is not None:
            rows.setdefault(x.penalty, []).append(x.ref)
    for f in system.findings:
        if f.kind == "prohibited_practice" and f.penalty:
            rows.setdefault(f.penalty, []).append(f.ref or f.title)
    return tuple(
        PenaltyRow(ref=sentence.partition(":")[0], sentence=sentence, duties=tuple(duties))
        for sentence, duties in rows.items()
    )
